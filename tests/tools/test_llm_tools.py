"""The LangChain tools: model-readable JSON, never an exception."""

from __future__ import annotations

import json

import pytest

from tools.dispatch import DispatchPlan
from tools.evacuation import EvacuationPlan
from tools.llm_tools import make_tools


@pytest.fixture()
def tools(fresh_city):
    sink: list = []
    return {t.name: t for t in make_tools(fresh_city, sink)}, sink


def test_tool_set_and_schemas(tools):
    by_name, _ = tools
    assert set(by_name) == {"resolve_place", "list_shelters", "plan_evacuation", "plan_dispatch", "unit_status", "set_unit_status", "plan_protective_action"}
    for tool in by_name.values():
        assert tool.description and tool.args_schema is not None
    assert "fire: 2 engine" in by_name["plan_dispatch"].description


def test_unknown_place_returns_closest_matches(tools):
    by_name, _ = tools
    out = json.loads(by_name["resolve_place"].invoke({"name": "Rautatientorii"}))
    assert out["match"]["name"] == "Rautatientori"
    out = json.loads(by_name["resolve_place"].invoke({"name": "Atlantis Boulevard"}))
    assert "error" in out and out["suggestions"]


@pytest.mark.parametrize("name, args, fragment", [
    ("plan_evacuation", {"hazard_type": "fire", "place": "Stockmann", "radius_m": 1e9}, "radius_m"),
    ("plan_evacuation", {"hazard_type": "volcano", "place": "Stockmann"}, "hazard_type"),
    ("plan_evacuation", {"hazard_type": "fire", "lat": 10.0, "lon": 10.0}, "outside the map"),
    ("plan_evacuation", {"hazard_type": "fire"}, "place name, or both lat and lon"),
    ("plan_dispatch", {"incidents": []}, "incidents"),
    ("plan_dispatch", {"incidents": [{"incident_type": "fire", "priority": "P7", "place": "Stockmann"}]}, "priority"),
    ("plan_dispatch", {"incidents": [{"incident_type": "fire", "priority": "P1", "place": "Narnia"}]}, "Narnia"),
    ("set_unit_status", {"unit_id": "NOPE-1", "status": "available"}, "unknown unit"),
    ("set_unit_status", {"unit_id": "ERO-E1", "status": "asleep"}, "status"),
    ("unit_status", {"unit_id": "NOPE-1"}, "unknown unit"),
])
def test_bad_arguments_come_back_as_json_errors(tools, name, args, fragment):
    by_name, _ = tools
    out = json.loads(by_name[name].invoke(args))
    assert "error" in out and fragment in json.dumps(out, ensure_ascii=False)


def test_planning_tools_answer_and_hand_plans_to_the_sink(tools):
    by_name, sink = tools
    evac = json.loads(by_name["plan_evacuation"].invoke({"hazard_type": "fire", "place": "Stockmann", "radius_m": 150}))
    assert evac["assignments"] and evac["total_people"] > 0 and "unserved_statement" in evac
    disp = json.loads(by_name["plan_dispatch"].invoke({"incidents": [
        {"incident_type": "fire", "priority": "P1", "place": "Stockmann"},
        {"incident_type": "medical", "priority": "P2", "lat": 60.1652, "lon": 24.9490}]}))
    assert {a["incident_id"] for a in disp["assignments"]} == {"INC-1", "INC-2"}
    assert [type(p) for p in sink] == [EvacuationPlan, DispatchPlan]
    ok = json.loads(by_name["set_unit_status"].invoke({"unit_id": "ERO-E1", "status": "dispatched"}))
    assert ok["ok"]
    status = json.loads(by_name["unit_status"].invoke({"unit_id": "ERO-E1"}))
    assert status["units"][0]["status"] == "dispatched"
    shelters = json.loads(by_name["list_shelters"].invoke({"hazard_type": "hazmat"}))
    assert {s["id"]: s["suitable"] for s in shelters["shelters"]}["SH-RAUTATIEASEMA"] is False


def test_schema_enums_match_the_taxonomy():
    from typing import get_args

    from tools.llm_tools import HazardType
    from tools.scenario import HAZARD_TYPES

    assert set(get_args(HazardType)) == set(HAZARD_TYPES)


def test_protective_action_tool_answers_the_stairwell_report(tools):
    by_name, sink = tools
    out = json.loads(by_name["plan_protective_action"].invoke({"report": "Gas smell and two people dizzy in the stairwell at Yrjönkatu 21", "hazard_type": "hazmat"}))
    assert out["primary"] == "evacuate_building" and out["rule"] == "H2" and out["people_moved"] < 100
    assert out["assembly_point"] and "Yrjönkatu 21" in out["decision"]
    bad = json.loads(by_name["plan_protective_action"].invoke({"report": "Fire", "hazard_type": "volcano"}))
    assert "error" in bad
    none = json.loads(by_name["plan_protective_action"].invoke({"report": "A man broke his leg at Senaatintori", "hazard_type": "medical"}))
    assert "no protective action" in none["error"]
