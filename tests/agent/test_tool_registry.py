"""The LLM's city tools (agent.tool_registry over tools.llm_tools): model-readable JSON, never an
exception, and one typed result per call (text for the model, data and plan parts for the UI)."""

from __future__ import annotations

import json

import pytest

from agent.schemas import ToolResult
from agent.tool_registry import build_tools


@pytest.fixture()
def fresh_city(city):
    """Same graphs, its own copy of the scenario (unit statuses may be changed freely)."""
    from tools.city import CityModel
    from tools.scenario import load_scenario

    return CityModel(load_scenario(), city.drive, city.walk, city.landmarks, city.stats)


def _text(result) -> str:
    return result.text if isinstance(result, ToolResult) else result


@pytest.fixture()
def tools(fresh_city):
    return {t.name: t for t in build_tools(fresh_city)}, None


def test_tool_set_and_schemas(tools):
    by_name, _ = tools
    assert set(by_name) == {"resolve_place", "list_shelters", "plan_evacuation", "plan_dispatch", "unit_status", "set_unit_status", "plan_protective_action"}
    assert "confirm" in by_name["set_unit_status"].description
    for tool in by_name.values():
        assert tool.description and tool.args_schema is not None
    assert "fire: 2 engine" in by_name["plan_dispatch"].description


def test_unknown_place_returns_closest_matches(tools):
    by_name, _ = tools
    out = json.loads(_text(by_name["resolve_place"].invoke({"name": "Rautatientorii"})))
    assert out["match"]["name"] == "Rautatientori"
    out = json.loads(_text(by_name["resolve_place"].invoke({"name": "Atlantis Boulevard"})))
    assert "error" in out and out["suggestions"]


@pytest.mark.parametrize("name, args, fragment", [
    ("plan_evacuation", {"hazard_type": "fire", "place": "Stockmann", "radius_m": 1e9}, "radius_m"),
    ("plan_evacuation", {"hazard_type": "volcano", "place": "Stockmann"}, "hazard_type"),
    ("plan_evacuation", {"hazard_type": "fire", "lat": 10.0, "lon": 10.0}, "outside the map"),
    ("plan_evacuation", {"hazard_type": "fire"}, "place name, or both lat and lon"),
    ("plan_dispatch", {"incidents": []}, "incidents"),
    ("plan_dispatch", {"incidents": [{"incident_type": "fire", "priority": "P7", "place": "Stockmann"}]}, "priority"),
    ("plan_dispatch", {"incidents": [{"incident_type": "fire", "priority": "P1", "place": "Narnia"}]}, "Narnia"),
    ("set_unit_status", {"unit_id": "ERO-E1", "status": "asleep"}, "status"),
    ("unit_status", {"unit_id": "NOPE-1"}, "unknown unit"),
])
def test_bad_arguments_come_back_as_json_errors(tools, name, args, fragment):
    by_name, _ = tools
    out = json.loads(_text(by_name[name].invoke(args)))
    assert "error" in out and fragment in json.dumps(out, ensure_ascii=False)


def test_planning_tools_return_one_typed_result_with_their_plan_part(tools):
    by_name, _ = tools
    evac_result = by_name["plan_evacuation"].invoke({"hazard_type": "fire", "place": "Stockmann", "radius_m": 150})
    evac = json.loads(evac_result.text)
    assert evac["assignments"] and evac["total_people"] > 0 and "unserved_statement" in evac
    assert evac_result.data == evac  # the structured result is what the model read
    assert evac_result.plan_part.evacuation and any(f["properties"]["kind"] == "route" for f in evac_result.plan_part.geojson["features"])
    disp_result = by_name["plan_dispatch"].invoke({"incidents": [
        {"incident_type": "fire", "priority": "P1", "place": "Stockmann"},
        {"incident_type": "medical", "priority": "P2", "lat": 60.1652, "lon": 24.9490}]})
    disp = json.loads(disp_result.text)
    assert {a["incident_id"] for a in disp["assignments"]} == {"INC-1", "INC-2"}
    assert disp_result.plan_part.resources and disp_result.plan is None
    # Without a proposal book a state change is refused, never applied (issue 12: proposed, then confirmed).
    refused = json.loads(by_name["set_unit_status"].invoke({"unit_id": "ERO-E1", "status": "dispatched"}).text)
    assert "error" in refused and "confirmation" in refused["error"]
    status = json.loads(by_name["unit_status"].invoke({"unit_id": "ERO-E1"}).text)
    assert status["units"][0]["status"] == "available"
    shelters = json.loads(by_name["list_shelters"].invoke({"hazard_type": "hazmat"}).text)
    assert {s["id"]: s["suitable"] for s in shelters["shelters"]}["SH-RAUTATIEASEMA"] is False


def test_schema_enums_match_the_taxonomy():
    from typing import get_args

    from tools.llm_tools import HazardType  # the argument models stay with the city's operations
    from tools.scenario import HAZARD_TYPES

    assert set(get_args(HazardType)) == set(HAZARD_TYPES)


def test_protective_action_tool_answers_the_stairwell_report(tools):
    by_name, _ = tools
    result = by_name["plan_protective_action"].invoke({"report": "Gas smell and two people dizzy in the stairwell at Yrjönkatu 21", "hazard_type": "hazmat"})
    out = json.loads(_text(result))
    assert out["primary"] == "evacuate_building" and out["rule"] == "H2" and out["people_moved"] < 100
    assert out["assembly_point"] and "Yrjönkatu 21" in out["decision"]
    kinds = {f["properties"]["kind"] for f in result.plan_part.geojson["features"]}
    assert {"building", "isolation", "assembly_point"} <= kinds and result.plan_part.evacuation
    bad = json.loads(_text(by_name["plan_protective_action"].invoke({"report": "Fire", "hazard_type": "volcano"})))
    assert "error" in bad
    none = json.loads(_text(by_name["plan_protective_action"].invoke({"report": "A man broke his leg at Senaatintori", "hazard_type": "medical"})))
    # No table row for a medical call: an explicit answer for the model, not an error.
    assert none["applies"] is False and "error" not in none and "no protective action" in none["summary"].lower()


def test_state_changes_are_proposals_and_situation_tools_are_read_only(fresh_city, tmp_path):
    from agent.proposals import ProposalBook
    from agent.situation import Situation
    from agent.store import IncidentStore

    store = IncidentStore(tmp_path / "log.sqlite")
    incident = store.create_incident("t", "op").incident_id
    book = ProposalBook(store, fresh_city)
    tools = {t.name: t for t in build_tools(fresh_city, situation=Situation(store, fresh_city),
                                             propose=lambda action, args: book.propose(action, args, incident_id=incident,
                                                                                        origin="test", operator="op"))}
    assert {"open_incidents", "unit_board", "shelter_occupancy", "sitrep"} <= set(tools)
    before = dict(fresh_city.unit_status())
    result = tools["set_unit_status"].invoke({"unit_id": "ERO-E1", "status": "out_of_service"})
    assert result.proposals and result.proposals[0].args == {"unit_id": "ERO-E1", "status": "out_of_service"}
    bad = json.loads(tools["set_unit_status"].invoke({"unit_id": "NOPE-1", "status": "available"}).text)
    assert "unknown unit" in bad["error"]
    dispatch = tools["plan_dispatch"].invoke({"incidents": [{"incident_type": "medical", "place": "Stockmann", "unit_types": ["ambulance"]}]})
    assert dispatch.proposals and dispatch.proposals[0].action == "commit_dispatch"
    for name in ("open_incidents", "unit_board", "shelter_occupancy", "sitrep"):
        assert tools[name].invoke({}).text
    assert dict(fresh_city.unit_status()) == before  # nothing applied
    closing = tools["close_incident"].invoke({})
    assert closing.proposals[0].action == "close_incident" and store.get_incident(incident).status == "open"
    book.confirm(closing.proposals[0].proposal_id, "op-chief")
    assert store.get_incident(incident).status == "closed"
    book.confirm(result.proposals[0].proposal_id, "op-chief")
    assert fresh_city.unit_status()["ERO-E1"] == "out_of_service"
    assert store.events(kind="unit_status")[-1].operator == "op-chief"
