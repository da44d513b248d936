"""Closing an incident from the chat is a close proposal (confirmed or rejected by the operator, audited), never a
report that opens an incident of its own (agent.close_request)."""

from __future__ import annotations

import pytest

from agent.close_request import close_request
from core.text import has_han


@pytest.mark.parametrize("text, incident_id, duplicate_of", [
    ("please close the case, it was a false alarm", None, None),
    ("Mark this incident as resolved", None, None),
    ("close inc0042 - dupe of INC-0040", "INC-0042", "INC-0040"),
    ("火已经扑灭了，结案吧", None, None),
    ("关闭INC-12，和INC-9重复", "INC-12", "INC-9"),
])
def test_a_close_order_is_read_with_its_incident(text, incident_id, duplicate_of):
    asked = close_request(text)
    assert asked is not None and (asked.incident_id, asked.duplicate_of) == (incident_id, duplicate_of)


@pytest.mark.parametrize("text", ["how do we close an incident in this system?", "the road is closed next to the incident",
                                  "close the road at Kamppi", "Close the door of the incident room", "可以结案吗？",
                                  "close INC-3 and INC-4"])
def test_no_close_order(text):
    assert close_request(text) is None


@pytest.fixture
def assistant(make_assistant):
    return make_assistant()


@pytest.mark.parametrize("order", ["ok close this job out, all crews are back", "这个事件可以关闭了，关闭这个事件"])
def test_close_from_the_chat_is_a_proposal_and_opens_no_incident(assistant, order):
    incident = assistant.open_incident("chat", "op").incident_id
    list(assistant.chat("Small fire in a rubbish bin at Bulevardi 14, already out", incident))
    open_before = len(assistant.incidents())
    reply = list(assistant.chat(order, incident))[-1]
    assert [p.action for p in reply.proposals] == ["close_incident"]
    assert reply.proposals[0].args.get("incident_id", incident) == incident
    assert len(assistant.incidents()) == open_before  # nothing opened, nothing closed yet
    # in the operator's language (s17 M5: a Chinese order gets its confirmation list under a Chinese heading)
    assert ("等待您的确认" if has_han(order) else "Awaiting your confirmation") in reply.text
    assistant.confirm_proposal(reply.proposals[0].proposal_id, "op")
    assert incident not in {i.incident_id for i in assistant.incidents()}
    assert assistant.incident_log(incident, kind="incident_closed")
