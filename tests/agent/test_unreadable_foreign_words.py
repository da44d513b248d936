"""A single word of another language ("pozar", "Krankenwagen", "incendio") or a street name with a slip ("Anankatu 12",
"Mannerheimintei 5") is readable (s16 final read: all were answered "none of its words is one I know").  They get an
answer to act on, never the unreadable reply; keyboard junk still gets it (``test_unreadable_input``)."""

from __future__ import annotations

import pytest

from agent.unreadable import unreadable

FOREIGN = ["pozar", "pożar", "Krankenwagen", "incendio", "Rettungswagen", "pomoc", "bombeiros", "pozar!!"]
MISSPELT_STREETS = ["Anankatu 12", "Mannerheimintei 5", "Bulevadri 14", "Kaivokatuu 8"]
JUNK = ["asdfgh", "jkdsfh qwoeiru zmxncb", "qwertyuiop asdfghjkl", "zxcvbnm", "hjkl", "sdfsdf ghjghj", "fdsa"]


@pytest.mark.parametrize("text", FOREIGN + MISSPELT_STREETS)
def test_a_foreign_word_or_a_misspelt_street_is_readable(text):
    assert unreadable(text) is None


@pytest.mark.parametrize("text", JUNK)
def test_keyboard_junk_is_still_unreadable(text):
    assert unreadable(text) is not None


@pytest.mark.parametrize("text", ["pozar", "pożar", "Krankenwagen", "incendio"])
def test_a_foreign_word_is_asked_about_not_answered_with_the_help_text(make_assistant, text):
    assistant = make_assistant()
    events = [e for e in assistant.chat(text, None) if e.kind == "final"]
    reply = events[-1].text
    assert not reply.startswith("I could not read") and not reply.startswith("I can triage"), reply
    # since s17-lang a hazard word of another language is a report (filed, its type to confirm with the caller);
    # a word that names none is asked about and files nothing
    if events[-1].plan is None:
        assert "what happened" in reply.lower() and "nothing was filed" in reply.lower(), reply
        assert assistant.incidents() == []
    else:
        assert len(assistant.incidents()) == 1, reply


@pytest.mark.parametrize(("text", "meant"), [("Anankatu 12", "Annankatu 12"), ("Mannerheimintei 5", "Mannerheimintie 5"),
                                             ("kaivokatuu 8", "Kaivokatu 8")])
def test_a_misspelt_street_is_offered_as_the_street_the_map_has(make_assistant, text, meant):
    assistant = make_assistant()
    reply = [e for e in assistant.chat(text, None) if e.kind == "final"][-1].text
    # asked about ("Did you mean Annankatu 12?"), or read as the place by the router where its scan finds the name
    assert f"Did you mean {meant}?" in reply or f"Place: {meant.split()[0]} (street)" in reply, reply
    assert assistant.incidents() == []


def test_a_known_word_or_a_named_hazard_is_left_to_the_router():
    from agent.unreadable import unknown_words_reply

    def never(_: str) -> None:
        raise AssertionError("no lookup for a message the router reads")

    for text in ("sitrep", "tulipalo", "fire at Anankatu 12", "brand", "哪些单位空闲？", "пожар в доме"):
        assert unknown_words_reply(text, lambda _: False, never) is None, text
