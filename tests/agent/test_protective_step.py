"""The response plan's protective-action step on the real Helsinki extract: a decision, no row, a failure."""

from types import SimpleNamespace

from agent.protective_step import protective_step
from agent.schemas import ResponsePlan, TriageSummary


def _plan() -> ResponsePlan:
    return ResponsePlan(plan_id="t", report="r")


def _triage(kind: str) -> TriageSummary:
    return TriageSummary(incident_type=kind, priority="P1", type_confidence=0.9, priority_confidence=0.9)


STREET = SimpleNamespace(kind="street", name="Yrjönkatu")


def test_a_building_evacuation_is_the_evacuation_section(city):
    plan = _plan()
    handled, features, radius = protective_step(city, plan, _triage("hazmat"), STREET, "Gas smell and two people dizzy in the stairwell at Yrjönkatu 21")
    assert handled and radius is None
    assert {"building", "isolation"} <= {f["properties"]["kind"] for f in features}
    assert plan.tool_outputs["plan_protective_action"]["rule"] == "H2"


def test_no_table_row_adds_nothing_and_leaves_the_evacuation_planner_to_decide(city):
    plan = _plan()
    assert protective_step(city, plan, _triage("medical"), STREET, "A man collapsed on Yrjönkatu") == (False, [], None)
    assert plan.evacuation == [] and "plan_protective_action" not in plan.tool_outputs


def test_a_real_failure_is_said_in_the_plan(city):
    plan = _plan()
    assert protective_step(city, plan, _triage("hazmat"), STREET, "   ") == (False, [], None)
    assert [i.text for i in plan.evacuation] == ["Protective action could not be decided: the report is empty: describe what is happening and where"]


def test_a_place_given_relative_to_a_building_is_planned_on_the_street_at_that_building(city):
    # The locator's place "in front of Metsätalo" is no name of the map; the step lets the planner read the report.
    relative = SimpleNamespace(kind="landmark", name="in front of Metsätalo", method="relative")
    plan = _plan()
    handled, features, _ = protective_step(city, plan, _triage("hazmat"), relative,
                                           "Abandoned rucksack leaking a smell of solvent on Unioninkatu outside Metsätalo")
    out = plan.tool_outputs["plan_protective_action"]
    assert out["location"] == "Unioninkatu outside Metsätalo" and out["lat"] is not None
    assert "Unioninkatu outside Metsätalo" in plan.evacuation[0].text and features
    # The locator's own description of a part of a street ("Unioninkatu by Metsätalo") is no name of the map either.
    for place in ("Unioninkatu by Metsätalo", "opposite Ateneum"):
        plan = _plan()
        protective_step(city, plan, _triage("hazmat"), SimpleNamespace(kind="street", name=place, method="street"),
                        f"Propane bottle hissing on the pavement, {place}")
        assert plan.tool_outputs["plan_protective_action"]["lat"] is not None, place
