"""s16 trial H5: "Storm surge rising. Evacuate Kamppi." typed in a session on an ice rescue at Pohjoisranta was filed
under the ice rescue; its approval held 3,571 shelter places under it and cleared its "P1 without an approved plan"
alert.  An evacuation of another place than the session's incident is not filed under it: approving it opens its own
incident.  An evacuation around the incident's own place stays."""

from __future__ import annotations

import pytest

from agent.chat_session import ChatSessionConfig

ICE = "Person through the ice at Pohjoisranta opposite Maneesikatu, 20 m out, still holding the edge."


@pytest.fixture
def on_ice(make_assistant):
    assistant = make_assistant()
    chat = assistant.chat_session(operator="aho", config=ChatSessionConfig(follow_reports=True))
    ice = list(chat.run(ICE))[-1].plan
    assert ice is not None and chat.state.current == ice.incident_id
    return assistant, chat, ice.incident_id


@pytest.mark.parametrize("order", ["Storm surge rising. Evacuate Kamppi.", "风暴潮上涨，立即疏散Kamppi地区。"])
def test_an_evacuation_of_another_place_is_not_filed_under_the_sessions_incident(on_ice, restore_units, order):
    assistant, chat, ice = on_ice
    final = list(chat.run(order))[-1]
    plan = final.plan
    assert plan is not None and plan.tool_outputs.get("plan_evacuation", {}).get("assignments")
    assert plan.incident_id != ice
    assert ice in final.text and "own incident" in final.text
    assistant.approve_plan(plan.plan_id, "aho")
    assert assistant.plan_incident(plan.plan_id) not in (None, ice)


@pytest.mark.parametrize("order", ["Evacuate 300 m around Kalevankatu 12.", "Kalevankatu 12 燃气泄漏，请规划周围300米的疏散。"])
def test_an_evacuation_around_the_incidents_own_place_stays_under_it(make_assistant, restore_units, order):
    assistant = make_assistant()
    chat = assistant.chat_session(operator="lin", config=ChatSessionConfig(follow_reports=True))
    gas = list(chat.run("Kalevankatu 12 燃气泄漏，三楼门缝有嘶嘶声，一位老人不开门。"))[-1].plan
    final = list(chat.run(order))[-1]
    assert final.plan is not None and "plan_evacuation" in final.plan.tool_outputs
    assert final.plan.incident_id == gas.incident_id
    assert "own incident" not in final.text
