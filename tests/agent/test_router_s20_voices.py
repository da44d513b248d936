"""s20 router mechanisms found on the s20 dev set (router_dev_v19_dev20.yaml), each tested in other words than its
items: an ETA question is answered with the road time of the unit(s) asked about (not a status, not a dispatch plan);
... (see each test)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def router():
    from agent.router_model import IntentRouter

    return IntentRouter.default()


@pytest.fixture(scope="module")
def town():
    from tools.city import CityModel

    return CityModel.load()


def _names(calls):
    return [c["name"] for c in calls]


# ----------------------------------------------------------------------------- ETA questions (trial s19 L21)
@pytest.mark.parametrize("text, unit, place", [
    ("Roughly how long would ERO-E2 need to get to Kansalaistori?", {"unit_id": "ERO-E2"}, "Kansalaistori"),
    ("What's the ETA of the ladder to Bulevardi 14?", {"unit_type": "ladder"}, "Bulevardi 14"),
    ("how soon can a patrol be at Hakaniemen tori", {"unit_type": "police_patrol"}, "Hakaniemen tori"),
    ("KAI-A1 去 Rautatientori 多久能到？", {"unit_id": "KAI-A1"}, "Rautatientori"),
    ("警车开到 Narinkkatori 要多长时间？", {"unit_type": "police_patrol"}, "Narinkkatori"),
    ("Kuinka pian HAK-E1 ehtii Senaatintorille?", {"unit_id": "HAK-E1"}, "Senaatintori"),
])
def test_an_eta_question_asks_the_road_time_of_the_unit_to_the_place(router, town, text, unit, place):
    from agent.intents import plan_calls

    calls = plan_calls(text, router, town)
    assert _names(calls) == ["unit_status"], calls
    args = calls[0]["args"]
    assert {k: args.get(k) for k in unit} == unit
    assert args.get("eta_to") and place.split()[0][:8].lower() in args["eta_to"].lower(), args


@pytest.mark.parametrize("text", [
    "Send an ambulance to Annankatu 12, how long will it take?",
    "派一辆救护车去 Annankatu 12，多久能到？",
])
def test_an_eta_asked_beside_an_order_to_send_stays_the_dispatch(router, town, text):
    from agent.intents import plan_calls

    assert _names(plan_calls(text, router, town)) == ["plan_dispatch"]


@pytest.mark.parametrize("text", [
    "How long has KAM-A2 been out without a break tonight?",
    "How long do we keep the call recordings?",
    "报警录音一般要保存多久？",
])
def test_how_long_without_a_journey_is_no_eta_question(router, town, text):
    from agent.intents import plan_calls

    assert all("eta_to" not in c["args"] for c in plan_calls(text, router, town))


def test_the_unit_status_tool_gives_each_units_road_eta_nearest_first(town):
    from tools.llm_tools import UnitStatusArgs, unit_statuses

    rows = unit_statuses(town, UnitStatusArgs(unit_type="ambulance", eta_to="Senaatintori"))
    etas = [r["eta_min"] for r in rows]
    assert len(rows) >= 2 and all(e is not None and 0 < e < 30 for e in etas), rows
    assert etas == sorted(etas) and {r["eta_to"] for r in rows} == {rows[0]["eta_to"]}
    # one in quarters counts the turnout minute as the dispatch planner does: never under a minute
    assert min(etas) >= 1.0


def test_an_eta_is_said_in_the_answer_in_english_and_chinese():
    import json

    from agent.loop import readable
    from agent.plan_language import lines_in_chinese

    out = json.dumps({"units": [{"unit_id": "ERO-A1", "unit_type": "ambulance", "station": "Erottajan paloasema",
                                 "status": "available", "eta_to": "Senaatintori", "eta_min": 2.8}]})
    text = readable("unit_status", out)
    assert "ETA 2.8 min by road to Senaatintori" in text
    assert "到 Senaatintori 的道路行驶时间约 2.8 分钟" in lines_in_chinese(text.removeprefix("- "))
