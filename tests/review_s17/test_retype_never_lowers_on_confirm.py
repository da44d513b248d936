"""Review s17 (HIGH): a retype proposal ("it's not a fire, it's a gas leak") takes the higher of the two priorities
when it is proposed; confirmed after a later report raised the incident to P1 (a man collapsed, someone trapped), it set
the proposal's older, lower priority: the P1 incident silently became P2/P3, and the confirmed summary still spoke of
the priority the incident no longer had.  The confirmation keeps the higher of the two priorities as of then, and says
the change it made."""

from __future__ import annotations

import pytest

from agent.schemas import TriageSummary


@pytest.fixture
def assistant(make_assistant):
    return make_assistant()


def _raise_to_p1(assistant, incident_id: str, text: str) -> None:
    """A follow-up filed as the chat files one (``IncidentStore.add_report``: the incident's priority only rises)."""
    triage = TriageSummary(incident_type="medical", priority="P1", type_confidence=0.9, priority_confidence=0.9)
    assistant._store.add_report(incident_id, text, triage, "op-anna")


@pytest.mark.parametrize(("report", "kind", "priority", "later"), [
    ("Strong smell of smoke in the stairwell of Bulevardi 14, nobody hurt", "hazmat", "P3",
     "A man has collapsed in the stairwell, not breathing"),
    ("Water coming through the ceiling at Annankatu 16, second floor", "utility_outage", "P2",
     "一名老人被困在电梯里，呼吸困难"),
])
def test_a_retype_confirmed_after_the_incident_rose_keeps_p1(assistant, report, kind, priority, later):
    incident_id = assistant.plan(report, narrative=False).incident_id
    proposal = assistant.propose("retype_incident", {"incident_id": incident_id, "incident_type": kind, "priority": priority,
                                                     "reason": "the caller's correction"}, incident_id=incident_id, operator="op-anna")
    _raise_to_p1(assistant, incident_id, later)
    assert assistant._store.get_incident(incident_id).priority == "P1"
    confirmed = assistant.confirm_proposal(proposal.proposal_id, "op-anna")
    now = assistant._store.get_incident(incident_id)
    assert (now.incident_type, now.priority) == (kind, "P1")   # the type corrected, the priority not lowered
    assert f"to P1 {kind.replace('_', ' ')}" in confirmed.summary, confirmed.summary
    [retyped] = assistant.incident_log(incident_id, kind="incident_retyped")
    assert retyped.payload["priority"] == "P1"
