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
    assert set(by_name) == {"resolve_place", "list_shelters", "plan_evacuation", "plan_dispatch", "unit_status", "set_unit_status"}
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
    ("set_unit_status", {"unit_id": "NOPE-1", "status": "available"}, "unknown unit"),
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
    ok = json.loads(by_name["set_unit_status"].invoke({"unit_id": "ERO-E1", "status": "dispatched"}).text)
    assert ok["ok"]
    status = json.loads(by_name["unit_status"].invoke({"unit_id": "ERO-E1"}).text)
    assert status["units"][0]["status"] == "dispatched"
    shelters = json.loads(by_name["list_shelters"].invoke({"hazard_type": "hazmat"}).text)
    assert {s["id"]: s["suitable"] for s in shelters["shelters"]}["SH-RAUTATIEASEMA"] is False


def test_schema_enums_match_the_taxonomy():
    from typing import get_args

    from tools.llm_tools import HazardType  # the argument models stay with the city's operations
    from tools.scenario import HAZARD_TYPES

    assert set(get_args(HazardType)) == set(HAZARD_TYPES)
