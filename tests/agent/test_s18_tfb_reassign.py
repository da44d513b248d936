"""Moving a committed unit from one incident to another from the chat (trial 18 H4, M15).

"Pull ERO-R1 from the underpass and send it to the roof collapse INC-…", "reassign ERO-R1 from INC-a to INC-b" got a
no-op status readout ("ERO-R1 is already dispatched; nothing to change") or opened a duplicate incident; "send ERO-R1
to it" looked 'ERO-R1' up as a place.  The move is one proposal (released from A, dispatched to B) that says what A is
left with, applied only on confirmation and written to both incidents' logs.
"""

from __future__ import annotations

import pytest

UNDERPASS = "Flooded underpass at Siltasaarenkatu, car with a man inside, water rising"
ROOF = "Roof blown off at Kaisaniemenkatu 5, two people under debris at the bus stop, one not moving"
TREE = "tree down across Unioninkatu, blocking both lanes, nobody hurt"


def _committed(assistant, unit: str, incident_id: str) -> None:
    proposal = assistant.propose("commit_dispatch", {"unit_ids": [unit], "incident_id": incident_id}, incident_id=incident_id)
    assistant.confirm_proposal(proposal.proposal_id)


@pytest.fixture
def two_incidents(make_assistant, restore_units):
    """A (the underpass) holds ERO-R1, the only rescue unit; B (the roof collapse) has none."""
    assistant = make_assistant()
    a = assistant.plan(UNDERPASS, narrative=False).incident_id
    b = assistant.plan(ROOF, narrative=False).incident_id
    assert a != b
    _committed(assistant, "ERO-R1", a)
    return assistant, a, b


def _final(assistant, text: str, incident: str | None, session=()):
    return list(assistant.chat(text, incident, session_incidents=tuple(session)))[-1]


@pytest.mark.parametrize("order", [
    "Pull ERO-R1 from the underpass and send it to the roof collapse {b}",
    "reassign ERO-R1 from {a} to {b}",
    "Kaisaniemenkatu: second person found under the sheet metal. Divert ERO-R1 to {b} now",
    "Siirrä ERO-R1 tehtävältä {a} tehtävälle {b}",
    "Flytta ERO-R1 från {a} till {b}",
    "把ERO-R1从{a}改派到{b}",
])
def test_a_move_is_one_proposal_that_says_what_the_first_incident_loses(two_incidents, order):
    assistant, a, b = two_incidents
    before = len(assistant._store.list_incidents(status="open"))
    reply = _final(assistant, order.format(a=a, b=b), a, (a, b))
    [proposal] = reply.proposals
    assert proposal.action == "reassign_units"
    assert proposal.args["unit_ids"] == ["ERO-R1"] and proposal.args["from_incident_id"] == a and proposal.args["incident_id"] == b
    assert a in proposal.summary and b in proposal.summary and "no unit" in proposal.summary.lower()  # A is left with none
    assert proposal.proposal_id in reply.text
    assert len(assistant._store.list_incidents(status="open")) == before  # no duplicate incident opened
    # proposed, not applied
    assert assistant._store.unit_commitments()["ERO-R1"] == a


def test_the_move_applies_on_confirmation_and_is_logged_under_both(two_incidents):
    assistant, a, b = two_incidents
    [proposal] = _final(assistant, f"reassign ERO-R1 from {a} to {b}", b, (a, b)).proposals
    assistant.confirm_proposal(proposal.proposal_id)
    assert assistant._store.unit_commitments()["ERO-R1"] == b
    assert assistant.unit_statuses()["ERO-R1"] == "dispatched"
    released = [e for e in assistant._store.events(a, kind="unit_status") if e.payload.get("unit_id") == "ERO-R1"]
    assert released[-1].payload["status"] == "available" and b in released[-1].payload.get("reason", "")
    # confirming it twice, or a move of a unit no longer at A, is refused
    with pytest.raises(Exception):
        assistant.confirm_proposal(proposal.proposal_id)


def test_what_the_first_incident_keeps_is_said(two_incidents):
    assistant, a, b = two_incidents
    _committed(assistant, "HAK-E1", a)
    [proposal] = _final(assistant, f"reassign ERO-R1 from {a} to {b}", a, (a, b)).proposals
    assert "HAK-E1" in proposal.summary and "no unit" not in proposal.summary.lower()


@pytest.mark.parametrize("order", ["Pull ERO-R1 off the underpass and send it back to Kaisaniemenkatu 5, second casualty still trapped",
                                   "reassign ERO-R1 to the roof collapse at Kaisaniemenkatu 5"])
def test_the_target_described_by_its_place(two_incidents, order):
    assistant, a, b = two_incidents
    before = len(assistant._store.list_incidents(status="open"))
    [proposal] = _final(assistant, order, a, (a, b)).proposals
    assert proposal.action == "reassign_units" and proposal.args["incident_id"] == b
    assert len(assistant._store.list_incidents(status="open")) == before


@pytest.mark.parametrize("order", ["send ERO-R1 to it", "send ERO-R1 there", "skicka ERO-R1 dit", "把ERO-R1派过去"])
def test_it_is_the_current_incident(make_assistant, restore_units, order):
    """M15: "send ERO-R1 to it" on the tree incident: 'it' is the session's incident, never a place called 'ERO-R1'."""
    assistant = make_assistant()
    tree = assistant.plan(TREE, narrative=False).incident_id
    reply = _final(assistant, order, tree, (tree,))
    assert "no place called" not in reply.text
    [proposal] = reply.proposals
    assert "ERO-R1" in proposal.summary and tree in proposal.summary


def test_it_with_the_unit_busy_elsewhere_proposes_the_move(two_incidents):
    assistant, a, b = two_incidents
    reply = _final(assistant, "send ERO-R1 to it", b, (a, b))
    [proposal] = reply.proposals
    assert proposal.action == "reassign_units" and proposal.args["from_incident_id"] == a and proposal.args["incident_id"] == b


@pytest.mark.parametrize("order", ["take ERO-R1 out of service", "move ERO-R1 back to the station, it is available",
                                   "ERO-R1 vapautuu 10 min", "ERO-R1 is on its way there"])
def test_a_status_change_or_a_crew_message_is_no_move(two_incidents, order):
    """Only an order that takes a unit to another incident is a move: a status change or a crew's news stays what it was."""
    assistant, a, b = two_incidents
    reply = _final(assistant, order, a, (a, b))
    assert not [p for p in reply.proposals if p.action == "reassign_units"]
    assert assistant._store.unit_commitments()["ERO-R1"] == a


def test_a_move_to_a_less_urgent_incident_says_so(two_incidents):
    assistant, a, b = two_incidents
    tree = assistant.plan(TREE, narrative=False).incident_id
    pa, pt = assistant._store.get_incident(a).priority, assistant._store.get_incident(tree).priority
    [proposal] = _final(assistant, "send ERO-R1 to it", tree, (a, b, tree)).proposals
    assert proposal.action == "reassign_units" and proposal.args["incident_id"] == tree
    assert ("more urgent" in proposal.summary) == (pa < pt)
