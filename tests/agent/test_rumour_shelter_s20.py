"""s20: the chat's rumour question and the stream read claims with one checker (``agent.rumours.RumourChecker``).  A
question whether a shelter is really closed (or open) is answered with what the log, else the scenario, says of that
shelter, as the stream flags a post that says so; before, the chat answered only "nothing in the incident log confirms
the claim", though the scenario said the shelter was open."""

from __future__ import annotations

import pytest

SAID_CLOSED = [
    "People on social media say the Oodi shelter is closed and turning people away. Is that true?",
    "I heard the evacuation centre at Oodi library is full, can you confirm?",
    "网上说Oodi避难所已经关门了，是真的吗？",
]


@pytest.mark.parametrize("question", SAID_CLOSED)
def test_a_shelter_said_closed_that_the_scenario_has_open_is_contradicted(make_assistant, restore_units, question):
    assistant = make_assistant()
    reply = list(assistant.chat(question, None, operator="op-anna"))[-1]
    assert assistant.incidents() == [] and reply.plan is None, reply.text[:400]
    text = reply.text
    assert "Helsingin keskustakirjasto Oodi" in text, text[:800]
    if "网上" in question:
        assert "场景" in text and "开放" in text and "不符" in text, text[:800]
    else:
        assert "the scenario says it is open" in text and "contradict" in text, text[:800]


def test_a_shelter_said_open_that_the_log_has_closed_is_contradicted(make_assistant, restore_units):
    assistant = make_assistant()
    assistant._store.log_event(None, "facility_status", {"facility": "Oodi", "status": "closed"}, "op-berit")
    reply = list(assistant.chat("Someone posted that the Oodi shelter has reopened, is it true?", None,
                                operator="op-anna"))[-1]
    assert "the incident log" in reply.text and "says it is closed" in reply.text, reply.text[:800]


def test_no_shelter_line_where_the_claim_is_not_about_a_shelter(make_assistant, restore_units):
    # "Central Station" is a shelter's alias; the metro closed there is no claim about the shelter
    assistant = make_assistant()
    reply = list(assistant.chat("People say the metro at Central Station is closed because of a bomb, is that true?",
                                None, operator="op-anna"))[-1]
    assert "nothing in the incident log confirms" in reply.text.lower(), reply.text[:800]
    assert "scenario says" not in reply.text, reply.text[:800]
