"""Session 15 trial, operator replies that are neither attacks nor place names (finding #8, #9, #10 of the duty
officer's trial), each in the team's own wording."""

from __future__ import annotations

import pytest


def _run(assistant, message, incident):
    events = list(assistant.chat(message, incident))
    return [e for e in events if e.kind == "tool"], events[-1]


@pytest.fixture
def assistant(make_assistant):
    return make_assistant()


# --- a bare word of assent typed as a message answers no proposal and is no attack --------------------------------------

@pytest.mark.parametrize(("text", "verdict"), [
    ("confirm", "yes"), ("OK, go ahead", "yes"), ("yes please.", "yes"), ("同意", "yes"), ("确定！", "yes"), ("好的", "yes"),
    ("cancel", "no"), ("不同意", "no"), ("取消吧", "no"),
    ("yes, send two engines to Kamppi", None), ("maybe", None), ("confirm the address of the caller", None), ("确认一下地址", None),
])
def test_a_bare_assent_is_read_as_such_and_nothing_more(text, verdict):
    from agent.assent import bare_assent

    assert bare_assent(text) == verdict


@pytest.mark.parametrize("word", ["approve", "同意", "好的"])
def test_an_assent_with_nothing_pending_says_so_and_logs_no_security_event(assistant, word):
    incident = assistant.open_incident("chat", "op").incident_id
    tools, final = _run(assistant, word, incident)
    assert tools == [] and final.security is None
    assert ("Nothing is pending confirmation" in final.text) or ("没有等待确认的提议" in final.text)
    assert not [e for e in assistant._store.events(incident_id=incident, kind="security")]


def test_an_assent_with_a_proposal_pending_names_it_and_decides_nothing(assistant, restore_units):
    incident = assistant.open_incident("chat", "op").incident_id
    _, final = _run(assistant, "HAK-E1 is out of service", incident)
    [proposal] = final.proposals
    _, final = _run(assistant, "ok", incident)
    assert proposal.proposal_id in final.text and "nothing was changed" in final.text
    assert [p.proposal_id for p in assistant.pending_proposals(incident)] == [proposal.proposal_id]
