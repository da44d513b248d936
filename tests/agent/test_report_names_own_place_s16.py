"""s16 trial H1: a report that names its own place -- a landmark written in Latin letters inside a Chinese sentence
("Kauppatori 码头停车场被海水淹了"), or a street address the map places only by interpolation ("Kirkkokatu 8 三楼",
"no heating at Kirkkokatu 8") -- was judged to "name no place of its own" and filed into whichever incident the session
was on (a gas leak 1 km away, a tram crash), so three emergencies had no incident of their own.  Such a report opens
its own incident; a report that really names no place stays a follow-up."""

from __future__ import annotations

import pytest

from agent.chat_session import ChatSessionConfig

GAS = "Kalevankatu 12 燃气泄漏，三楼门缝有嘶嘶声，一位老人不开门。"


@pytest.fixture
def session(make_assistant):
    assistant = make_assistant()
    chat = assistant.chat_session(operator="lin", config=ChatSessionConfig(follow_reports=True))
    gas = list(chat.run(GAS))[-1].plan
    assert gas is not None and chat.state.current == gas.incident_id
    return assistant, chat, gas


@pytest.mark.parametrize("report", [
    "Kauppatori 码头停车场被海水淹了，两辆车被困在水里，其中一辆车里有人在拍窗户出不来！",          # the trial's words
    "大家注意！Kauppatori 旁边的码头那里水漫上来了，已经淹到停车场，有两辆车被困",               # the forwarded WeChat post
    "Kirkkokatu 8 三楼，一位92岁独居老奶奶家里停电，没有暖气，室内只有10度，门打不开。",        # an interpolated address
    "Elderly woman alone without heating at Kirkkokatu 8, 3rd floor, door locked, slurred speech.",
    "Car park by Kauppatori flooded by the sea, two cars trapped, someone inside one.",
])
def test_a_report_naming_its_own_place_is_not_filed_into_the_sessions_incident(session, report):
    assistant, _, gas = session
    assert assistant._filer.incident_for_report(report, gas.incident_id, assistant._triage_only,
                                                [gas.incident_id]) is None


def test_the_chat_opens_an_incident_for_it_and_never_says_it_names_no_place(session):
    assistant, chat, gas = session
    final = list(chat.run("Kirkkokatu 8 三楼，一位92岁独居老奶奶家里停电，没有暖气，门打不开。"))[-1]
    assert final.plan is not None and final.plan.incident_id != gas.incident_id
    assert "names no place of its own" not in final.text
    assert "Kirkkokatu" in (final.plan.location or "")


@pytest.mark.parametrize("report", ["三楼的老人还是不开门，嘶嘶声更大了",                 # no place at all
                                    "Kalevankatu 12 的燃气味越来越浓，楼里还有十几户",       # the incident's own address
                                    "gas smell now in the whole stairwell, two residents feel dizzy"])
def test_a_follow_up_with_no_place_or_the_incidents_own_stays(session, report):
    assistant, _, gas = session
    assert assistant._filer.incident_for_report(report, gas.incident_id, assistant._triage_only,
                                                [gas.incident_id]) == gas.incident_id
