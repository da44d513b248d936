"""Someone not breathing said in Finnish or Swedish with the negation where those languages put it is a life threat
(P1) on every path, not only the one form "ei hengitä" / "andas inte" (trial s20: "mies kaatui eikä hengitä" was
triaged P3). The rule is over the negated verb (core.hazard_words.NOT_BREATHING_NORDIC), read by the determinants, the
serious-patient words and the medical words; one who cannot breathe, or advice not to breathe the smoke in, is none."""

from __future__ import annotations

import pytest

from tools.determinants import extract

NOT_BREATHING = [
    "Mies kaatui Kampin keskuksen edessä eikä hengitä",
    "Vanha nainen makaa maassa Rautatientorilla, hän ei enää hengitä",
    "Lapsi ei taida enää hengitä, tulkaa nopeasti Hakaniemen torille",
    "Kuljettaja lakkasi hengittämästä, olemme Mannerheimintie 20:ssa",
    "En man har fallit ihop vid Stockmann och har slutat andas",
    "Kvinnan vid Kampen verkar inte andas längre",
]

NOT_ARRESTED = [
    "Mies kaatui mutta hengittää normaalisti, ei hätää",
    "Han kan inte andas ordentligt efter röken men är vaken",
    "Andas inte in röken, stäng fönstren",
]


@pytest.mark.parametrize("text", NOT_BREATHING)
def test_a_negated_breath_is_a_life_threat(make_assistant, text):
    assistant = make_assistant()
    assert "not_breathing" in {d.code for d in extract(text)}, text
    record = assistant.triage(text)
    assert record.triage.priority == "P1", (text, record.triage)


@pytest.mark.parametrize("text", NOT_ARRESTED)
def test_breathing_not_denied_is_no_arrest(text):
    assert "not_breathing" not in {d.code for d in extract(text)}, text


@pytest.mark.parametrize("text", ["Mies kaatui Kampin keskuksen edessä eikä hengitä",
                                  "En man har fallit ihop vid Stockmann och har slutat andas"])
def test_the_chat_plans_a_negated_breath_as_p1(make_assistant, restore_units, chat_turn, text):
    """The trial's path: the report typed into the chat, planned as the incident it opens."""
    assistant = make_assistant()
    reply = chat_turn(assistant, text, None)
    assert reply.plan is not None and reply.plan.triage.priority == "P1", (reply.plan and reply.plan.triage, reply.text[:400])
    assert assistant._store.get_incident(reply.plan.incident_id).priority == "P1"
