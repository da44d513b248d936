"""Junk gets a clear, specific answer and nothing is filed (session 16, defect 2).

Before: "asdfgh", a lone emoji, only punctuation or digits were answered with the general help text ("I can triage
reports, ..."), as if the operator had asked what the assistant does; nothing said the input could not be read."""
from __future__ import annotations

import pytest

JUNK = ["asdfgh", "jkdsfh qwoeiru zmxncb", "😀", "🔥", "?!?!...", "#$%^&*()", "1234567", "qwertyuiop asdfghjkl"]
READABLE = ["sitrep", "smke in the stairwell at Kamppi", "哪些单位空闲？", "Kamppi", "tulipalo Kaivokatu 8", "ok"]


@pytest.mark.parametrize("text", JUNK)
def test_junk_is_answered_specifically_and_nothing_is_filed(make_assistant, text):
    assistant = make_assistant()
    events = list(assistant.chat(text, None))
    assert [e.kind for e in events] == ["final"]
    assert events[0].text.startswith("I could not read a report or a question in that:"), events[0].text
    assert events[0].plan is None and assistant.incidents() == []


@pytest.mark.parametrize("text", READABLE)
def test_words_the_desk_uses_are_read(text):
    from agent.unreadable import unreadable

    assert unreadable(text, lambda t: "Kamppi" in t) is None
