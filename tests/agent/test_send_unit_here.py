"""A unit id sent to "this incident" is a proposal to dispatch that unit to the session's incident, not a place to
look up ("no place called 'ERO-R1'")."""

from __future__ import annotations

import pytest

from agent.close_request import sends_named_units_here


@pytest.mark.parametrize("text, sends", [
    ("send KAI-A1 and KAI-A2 to the scene now", True),
    ("commit HAK-E1 to this fire please", True),
    ("调HAK-E1去现场支援", True),
    ("把KAI-A1派到这个事故", True),
    ("can we send ERO-R1 to this incident?", False),  # a question: answered, nothing proposed
    ("send ERO-R1 to Kamppi", False),  # a place: the dispatch planner's job
    ("KAI-A1 is already at the scene", False),
])
def test_sending_units_to_the_sessions_incident_is_read(text, sends):
    assert sends_named_units_here(text) is sends


@pytest.fixture
def assistant(make_assistant):
    return make_assistant()


@pytest.mark.parametrize("order, units", [("send KAI-A1 and HAK-E1 to this incident", ["KAI-A1", "HAK-E1"]),
                                          ("把KAI-P1派到这个事件", ["KAI-P1"])])
def test_units_sent_here_are_proposed_for_the_incident(assistant, restore_units, order, units):
    incident = assistant.open_incident("chat", "op").incident_id
    list(assistant.chat("Car on its side at Bulevardi 14, the driver cannot get out", incident))
    reply = list(assistant.chat(order, incident))[-1]
    assert [(p.action, p.args["unit_id"], p.args["status"]) for p in reply.proposals] == [
        ("set_unit_status", u, "dispatched") for u in units]
    assert all(p.incident_id == incident for p in reply.proposals)
    assert "no place called" not in reply.text
    assert all(status == "available" for u, status in assistant.unit_statuses().items() if u in units)  # not yet
