"""Follow-ups in a chat session: a report that names no place of its own is about the session's incident, and is
planned at that incident's place."""

from __future__ import annotations

import pytest

CRASH = "Two cars collided at Bulevardi 14, one driver trapped, fuel on the road"


def _final(assistant, message, incident):
    return list(assistant.chat(message, incident))[-1]


@pytest.fixture
def assistant(make_assistant):
    return make_assistant()


@pytest.mark.parametrize("follow_up", ["the van has just caught fire as well", "现在车着火了，司机还在里面"])
def test_a_follow_up_without_a_place_is_filed_and_planned_at_the_incident(assistant, follow_up):
    session = assistant.open_incident("chat", "op").incident_id
    _final(assistant, CRASH, session)
    reply = _final(assistant, follow_up, session)
    assert len(assistant.incidents()) == 1 and not reply.text.startswith("Opened")
    assert reply.plan is not None and reply.plan.incident_id == session
    assert assistant.incident_view(session).report_text == follow_up  # filed on the crash
    assert "Bulevardi 14" in (reply.plan.location or "")  # at the crash, not unlocated
    assert reply.plan.tool_outputs["locate"]["method"] == "incident"
