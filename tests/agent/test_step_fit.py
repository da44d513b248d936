"""A response plan's immediate actions are the checklist steps that fit the incident (agent.step_fit): no
decontamination for an ordinary flat fire, no mass-casualty triage for one patient, the suspicious-item step for a
suspicious item only; each step kept still cites its passage."""

from __future__ import annotations

import pytest

from agent.plan_items import checklist_steps
from agent.response_plan import ResponsePlanner
from agent.safety import screen_text
from agent.schemas import ResponsePlan, TriageSummary
from agent.step_fit import incident_facts
from knowledge.types import Passage
from tests.agent.checklist_steps import annex_checklist, kept_steps



def _has(steps: list[str], words: str) -> bool:
    return any(words.lower() in s.lower() for s in steps)


@pytest.mark.parametrize("report", [
    "Kitchen fire in a third-floor apartment on Runeberginkatu, the family is out on the street",
    "Neighbour says flames are coming from the sauna of the flat below hers, Bulevardi 9",
])
def test_flat_fire_gets_fire_steps_without_hazmat_ones(report):
    kept = kept_steps(report, "fire", "annex_c_fire_hazmat.md")
    assert _has(kept, "engines, a ladder unit")            # the fire's own steps stay
    assert _has(kept, "100 m for a building fire")         # a step for both fire and hazmat stays
    assert not _has(kept, "decontamination") and not _has(kept, "hazmat evacuation") and not _has(kept, "hazmat release")


@pytest.mark.parametrize("report", [
    "Ammonia escaping from a pipe at the ice rink's plant room, two staff with burning eyes",
    "A drum of some chemical is leaking in the harbour warehouse, strong fumes",
])
def test_release_keeps_the_decontamination_steps(report):
    kept = kept_steps(report, "hazmat", "annex_c_fire_hazmat.md")
    assert _has(kept, "decontamination") and _has(kept, "hazmat evacuation") and _has(kept, "upwind and uphill")


@pytest.mark.parametrize("report", [
    "My husband has collapsed in the kitchen and isn't breathing, I'm doing compressions",
    "Cyclist fell on Esplanadi and has a badly broken leg",
])
def test_one_patient_is_not_a_mass_casualty_incident(report):
    kept = kept_steps(report, "medical", "annex_e_mass_casualty.md")
    assert not _has(kept, "mass-casualty") and not _has(kept, "START") and not _has(kept, "casualty collection")


@pytest.mark.parametrize("report, kind", [
    ("Coach overturned on the ring road, maybe twenty passengers hurt, several trapped", "traffic_accident"),
    ("Explosion at a restaurant, at least twelve injured and six of them critical", "public_security"),
])
def test_mass_casualty_scale_keeps_the_triage_steps(report, kind):
    kept = kept_steps(report, kind, "annex_e_mass_casualty.md")
    assert _has(kept, "mass-casualty") and _has(kept, "START")
    assert not _has(kept, "public health event")  # its own condition names another situation


def test_a_steps_own_condition_decides():
    bag = kept_steps("Abandoned suitcase next to the tram stop, nobody claims it", "public_security", "annex_h_public_security.md")
    fight = kept_steps("Two groups fighting with bottles outside the bar", "public_security", "annex_h_public_security.md")
    crush = kept_steps("People pushed over each other at the concert exit, a crush at the gate", "public_security", "annex_h_public_security.md")
    assert _has(bag, "suspicious object") and not _has(bag, "crowd crush")
    assert not _has(fight, "suspicious object") and not _has(fight, "crowd crush") and _has(fight, "cordon")
    assert _has(crush, "crowd crush") and not _has(crush, "suspicious object")


class _Annexes:
    """The retriever's part the planner uses: the checklist passage of the annex the hazard filter names."""

    def __init__(self) -> None:
        self.queries: list[tuple[str, dict | None]] = []

    def search(self, query, k=4, filters=None):
        self.queries.append((query, filters))
        hazard = (filters or {}).get("hazard")
        annex = {"fire": "annex_c_fire_hazmat.md", "hazmat": "annex_c_fire_hazmat.md", "medical": "annex_e_mass_casualty.md",
                 "mass_casualty": "annex_e_mass_casualty.md", "traffic_accident": "annex_e_mass_casualty.md"}.get(hazard)
        if annex is None:
            return []
        return [Passage(text=annex_checklist(annex), source=annex, title=annex, section="4. Action checklist", score=1.0,
                        chunk_id=f"{annex}#4", language="en")]


def _plan(report: str, kind: str, priority: str = "P1") -> tuple[ResponsePlan, _Annexes]:
    search = _Annexes()
    planner = ResponsePlanner(triage=None, retriever=search, city=None)
    plan = ResponsePlan(plan_id="PLAN-T", report=report)
    triage = TriageSummary(incident_type=kind, priority=priority, type_confidence=0.9, priority_confidence=0.9)
    planner._retrieve(screen_text(report), triage, plan)
    return plan, search


def test_plan_cites_every_kept_step_and_leaves_out_the_others():
    plan, _ = _plan("Smoke from a bedroom window on the fourth floor of Lönnrotinkatu 11, residents outside", "fire")
    texts = " ".join(i.text for i in plan.immediate_actions)
    assert plan.immediate_actions and "decontamination" not in texts and "hazmat release" not in texts
    refs = {c.ref for c in plan.citations}
    assert all(s.kind == "citation" and s.ref in refs for i in plan.immediate_actions for s in i.sources)


def test_single_cardiac_arrest_does_not_pull_in_the_mass_casualty_annex():
    plan, search = _plan("Woman unresponsive on the tram platform, a passer-by started CPR", "medical")
    assert not any((f or {}).get("hazard") == "mass_casualty" for _, f in search.queries)
    texts = " ".join(i.text for i in plan.immediate_actions)
    assert "START" not in texts and "mass-casualty" not in texts
    assert plan.immediate_actions and "fits" in plan.immediate_actions[0].text  # says why no step is listed, cited
    assert plan.immediate_actions[0].sources[0].kind == "citation"


def test_chat_turn_plan_from_tool_results_fits_its_steps_too():
    from agent.plan_items import plan_from_tool_results
    from agent.schemas import Citation, PlanItem, Source, ToolResult

    part = ResponsePlan(plan_id="PLAN-P", report="")
    part.evacuation.append(PlanItem(text="Hazard area: 150 m.", sources=[Source(kind="tool", ref="plan_evacuation")]))
    cite = Citation(ref="C9", source="annex_c_fire_hazmat.md", title="Annex C", text=annex_checklist("annex_c_fire_hazmat.md"), score=1.0)
    plan = plan_from_tool_results("evacuate around the burning house on Iso Roobertinkatu", [ToolResult(text="", plan_part=part)],
                                  [cite], None)
    texts = " ".join(i.text for i in plan.immediate_actions)
    assert plan.immediate_actions and "decontamination" not in texts and "hazmat release" not in texts


def test_a_step_cut_at_a_passage_boundary_loses_the_next_steps_number():
    cut = "6. Close the sluice gates on the canal before the tide turns. 7. Tell the harbour master which berths are shut. 8."
    assert checklist_steps(cut) == ["Close the sluice gates on the canal before the tide turns.",
                                    "Tell the harbour master which berths are shut."]


# s13-rv2 finding 4: a fire's smoke plume over people is a plume (Annex C's scope counts smoke plumes): the
# shelter-or-evacuate-downwind step and the upwind staging step stay; a fire whose smoke stays inside does not get them.
@pytest.mark.parametrize("report", [
    "Sofa fire at Kallio, the smoke is drifting over the school yard next door",
    "垃圾场起火，黑烟正吹向附近的小区",
    "Recycling plant ablaze at Kalasatama, residents downwind report ash falling on their balconies",
])
def test_a_fires_smoke_plume_over_people_keeps_the_plume_steps(report):
    kept = kept_steps(report, "fire", "annex_c_fire_hazmat.md")
    assert _has(kept, "evacuation for people downwind") and _has(kept, "upwind of the plume")
    assert not _has(kept, "decontamination")  # a smoke plume is no chemical release to decontaminate


def test_a_fire_whose_smoke_stays_inside_gets_no_plume_steps():
    kept = kept_steps("Kitchen fire on Runeberginkatu, one person inhaled smoke, the flat is empty now", "fire", "annex_c_fire_hazmat.md")
    assert not _has(kept, "evacuation for people downwind") and not _has(kept, "upwind of the plume")


# s13-rv2 finding 5: a hazard the caller rules out is no hazard of the incident (no decontamination for a plain fire);
# said as present, it stays one; "no more than", "no idea what ..." rule nothing out.
@pytest.mark.parametrize("report, hazmat", [
    ("Balcony fire on Sturenkatu 12, the neighbour checked: no gas leak and no chemicals stored, one resident with burns", False),
    ("车库着火，里面没有化学品，车主手被烧伤", False),
    ("Shed fire in Oulunkylä without any fuel spill, the owner has a burnt hand", False),
    ("Garage fire on Sturenkatu 12, chemicals stored inside, one man with burns", True),
    ("Warehouse fire, no idea what the chemical in the drums is, one worker burned", True),
    ("Fire at the depot, keep no more than 50 m from the leaking chlorine tank", True),
])
def test_a_hazard_the_caller_rules_out_is_no_hazard(report, hazmat):
    facts = incident_facts(report, "fire")
    assert ("hazmat" in facts.hazards) is hazmat
    kept = kept_steps(report, "fire", "annex_c_fire_hazmat.md")
    assert _has(kept, "decontamination") is hazmat


@pytest.mark.parametrize("report", [
    "tree came down on the tram at Mannerheimintie by the Opera house, tram 4 full of people, windows smashed, some people hurt.",
    "大风把一棵树吹倒了，砸在电车上，车上很多人，有人受伤",
])
def test_a_storm_casualty_scene_on_a_full_tram_gets_the_mass_casualty_annex(report):
    # session 16's trial H9: typed severe_weather, the Annex E checklist was never asked for (casualties of a tram)
    plan, search = _plan(report, "severe_weather")
    assert any((f or {}).get("hazard") == "mass_casualty" for _, f in search.queries)
    assert "START" in " ".join(i.text for i in plan.immediate_actions)
