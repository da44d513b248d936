"""Session 20 (MED): a report that opens with a question about its scene ("Is anyone hurt? There's a gas leak at Kamppi,
the building is being cleared") was read as a plan question, an evacuation order or nothing at all, and opened no
incident, while the same report without the question did.  A report that opens with a question is still a report: it
is filed (its whole text) and planned.  A question the tools answer ("which shelters are open?") is not this rule's.
Real router, real quick triage model, real city."""

from __future__ import annotations

import pytest

from agent.chat_session import ChatSessionConfig

REPORTS = [
    "Is anyone hurt? There's a gas leak at Kamppi, the building is being cleared",
    "Any casualties? There's a gas leak at Kamppi, the building is being cleared",
    "Is everyone out? Smoke on the 3rd floor at Annankatu 12",
    "伤者多少？斯托克曼百货三楼起火",
    "大家都安全吗？Annankatu 12 起火了",
    # the lead's own wording: "people evacuating" (no auxiliary) was read as an evacuation order (mended on s20-router2)
    "Is anyone hurt? Gas leak at Kamppi, strong smell in the mall, people evacuating",
]


@pytest.mark.parametrize("text", REPORTS)
def test_a_report_opening_with_a_question_opens_its_incident(make_assistant, text):
    assistant = make_assistant()
    chat = assistant.chat_session(operator="op-anna", config=ChatSessionConfig(follow_reports=True))
    reply = list(chat.run(text))[-1]
    assert chat.state.current is not None, reply.text
    assert assistant._store.report_texts(chat.state.current) == [text]
    assert reply.plan is not None and reply.plan.incident_id == chat.state.current


def test_a_question_the_tools_answer_is_still_answered(make_assistant):
    """"Which shelters are open?" before a report is a request of its own: the router's (the shelters are listed)."""
    assistant = make_assistant()
    chat = assistant.chat_session(operator="op-anna", config=ChatSessionConfig(follow_reports=True))
    events = list(chat.run("Which shelters are open? Smoke on the 3rd floor at Annankatu 12"))
    assert "list_shelters" in [e.step.name for e in events if e.kind == "tool" and e.step]
