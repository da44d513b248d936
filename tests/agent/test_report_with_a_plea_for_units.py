"""Trial 17 (H2): in a session on a hip fall at Esplanadi, a Chinese call "游客打电话：阿黛浓美术馆大厅里有个老人晕倒了，
保安在做心肺复苏，快派救护车！" (a man collapsed in the Ateneum lobby, CPR in progress, send an ambulance) became a
dispatch whose place was the whole sentence, and the ambulance was proposed for the hip fall.  A report that ends in a
plea for units by type is planned as a report: its own incident at its own place, the units for its own patient."""

from __future__ import annotations

import pytest

from agent.chat_session import ChatSessionConfig

REPORTS = [
    "游客打电话：阿黛浓美术馆大厅里有个老人晕倒了，保安在做心肺复苏，快派救护车！",
    "Tourist on the phone: an old man collapsed in the lobby of the art museum, security is doing CPR, send an ambulance fast!",
    "有人在奇亚斯玛美术馆门口晕倒了，没有呼吸，快派救护车",  # a name by sound counts with its kind word (美术馆)
]


@pytest.mark.parametrize("text", REPORTS)
def test_a_report_ending_in_a_plea_is_planned_as_a_report(routed_calls, text):
    calls = routed_calls(text)
    assert [c["name"] for c in calls] == ["plan_response"], calls
    places = [i.get("place") or "" for c in calls for i in c["args"].get("incidents", [])]
    assert all(len(p) < 20 for p in places)  # never the sentence as a place name


@pytest.mark.parametrize("text, place", [
    ("send two engines to Bulevardi 14", "Bulevardi 14"),
    ("派两辆消防车去渡轮", "渡轮"),
    ("小区里有人受伤了，派救护车到幸福小区", "幸福小区"),  # a destination of its own: the order's
    # a place of the map named: a dispatch there (the request sets' convention), and never for the session's incident
    ("Tourist on the phone: an old man collapsed in the Ateneum lobby, security is doing CPR, send an ambulance fast!", "Ateneum"),
])
def test_a_dispatch_order_with_its_own_destination_stays_a_dispatch(routed_calls, text, place):
    calls = routed_calls(text)
    assert calls[0]["name"] == "plan_dispatch"
    assert calls[0]["args"]["incidents"][0]["place"] == place


HIP = "Elderly woman fell on the ice at Esplanadi park and hurt her hip, she is conscious but cannot get up"


@pytest.mark.parametrize("text, landmark", [(REPORTS[0], "Ateneum"), (REPORTS[2], "Kiasma")])
def test_the_collapse_is_its_own_incident_not_the_hip_fall(make_assistant, restore_units, text, landmark):
    assistant = make_assistant()
    chat = assistant.chat_session(operator="op", config=ChatSessionConfig(follow_reports=True))
    hip = list(chat.run(HIP))[-1].plan
    assert hip is not None
    reply = list(chat.run(text))[-1]
    assert reply.plan is not None, reply.text
    assert reply.plan.incident_id != hip.incident_id
    assert chat.state.current == reply.plan.incident_id
    assert landmark in reply.text.split("## Situation")[-1].split("## Immediate")[0]
    assert "ambulance" in reply.text.split("## Resources")[-1].split("## Communications")[0]
    assert all(p.incident_id != hip.incident_id for p in reply.proposals)


def test_an_english_call_naming_the_museum_is_never_dispatched_to_the_hip_fall(make_assistant, restore_units):
    """A dispatch by type to a place of the map away from the session's incident, where none is open, is not committed
    to the session's incident (it was, and the hip fall took the Ateneum as its place): the reply asks for the report."""
    assistant = make_assistant()
    chat = assistant.chat_session(operator="op", config=ChatSessionConfig(follow_reports=True))
    hip = list(chat.run(HIP))[-1].plan
    reply = list(chat.run("Caller: an old man collapsed in the Ateneum lobby, a guard is doing CPR, send an ambulance now"))[-1]
    assert all(p.incident_id != hip.incident_id for p in reply.proposals), reply.text
    assert f"{hip.incident_id} (P" not in reply.text  # the hip fall is not planned "at Ateneum"
    # the report is asked for, or (s19: a dispatch request that tells its report is filed) opened as its own incident
    assert "send the report" in reply.text or (reply.text.startswith("Opened INC-") and "Ateneum" in reply.text), reply.text
