"""A place-less follow-up in a chat with several incidents goes to the one its words fit (agent.follow_up.fit_to_incident):
floors and windows belong to a building, not a road crash; when more than one fits, the operator is asked which."""

from __future__ import annotations

import pytest

from agent.chat_session import ChatSessionConfig
from agent.follow_up import WhichIncident, fit_to_incident
from agent.hazards import hazard_from_words

FIRE = "Fire in a block of flats at Bulevardi 14, smoke from the 2nd floor, a woman at a window"
CRASH = "Bus and a van collided at Hakaniemen tori, the van driver is pinned behind the wheel"


@pytest.mark.parametrize("text, incident_type, fit", [
    ("the flames are on the fourth floor now", "traffic_accident", 0),
    ("四楼也冒烟了，有人在阳台上", "traffic_accident", 0),
    ("the flames are on the fourth floor now", "fire", 2),
    ("the van has caught fire as well", "traffic_accident", 2),
    ("司机的腿还卡在车里", "traffic_accident", 2),
    ("two more people hurt", "traffic_accident", 1),
])
def test_how_a_follow_up_fits_an_incident(text, incident_type, fit):
    assert fit_to_incident(text, incident_type, hazard_from_words(text)) == fit


@pytest.fixture
def session(make_assistant):
    assistant = make_assistant()
    chat = assistant.chat_session(operator="op", config=ChatSessionConfig(follow_reports=True))
    fire = list(chat.run(FIRE))[-1].plan
    crash = list(chat.run(CRASH))[-1].plan
    assert fire.incident_id != crash.incident_id and chat.state.current == crash.incident_id
    return assistant, chat, fire, crash


@pytest.mark.parametrize("follow_up", ["flames coming out of the 3rd floor windows now, someone jumped",
                                       "三楼窗户冒出火焰了，有人从阳台跳下来"])
def test_a_follow_up_about_floors_goes_to_the_building_fire_not_the_crash(session, follow_up):
    assistant, chat, fire, crash = session
    reply = list(chat.run(follow_up))[-1]
    assert reply.plan is not None and reply.plan.incident_id == fire.incident_id
    assert assistant.incident(crash.incident_id).incident_type == crash.triage.incident_type  # the crash is untouched
    assert assistant.latest_plan(crash.incident_id).plan_id == crash.plan_id


@pytest.mark.parametrize("follow_up", ["now there are flames as well", "现在也着火了"])
def test_a_follow_up_that_fits_two_incidents_asks_which(session, follow_up):
    assistant, chat, fire, crash = session
    triage = assistant._triage_only
    with pytest.raises(WhichIncident) as asked:  # the crash may burn and the fire burns: which one is it?
        assistant._filer.incident_for_report(follow_up, crash.incident_id, triage, [fire.incident_id, crash.incident_id])
    said = str(asked.value)
    assert "Which incident" in said and fire.incident_id in said and crash.incident_id in said
    assert "Bulevardi 14" in said  # each named with its place


def test_the_question_is_the_tools_answer_and_nothing_is_filed():
    from agent.tool_registry import response_plan_tool

    def plan_report(report):
        raise WhichIncident([("INC-1", "P1 fire at Bulevardi 14"), ("INC-2", "P2 traffic accident at Kamppi")])

    result = response_plan_tool(plan_report).func("现在也着火了")
    assert result.plan is None and "INC-1 (P1 fire at Bulevardi 14) or INC-2" in result.text
