"""Trial s19 M10: "which ambulances are free now?" listed five ambulances, three of them dispatched.  A question for the
free units lists only the available ones (English, Chinese, Swedish), a question for the board as a whole still lists
every status, and with none free it says so."""

from __future__ import annotations

import pytest

CRUSH = ("Crowd crush at the railway station main entrance on Rautatientori, several people on the ground not moving, "
         "we need ambulances")


@pytest.fixture
def busy(make_assistant, committed_plan, restore_units):
    assistant = make_assistant()
    incident, units = committed_plan(assistant, CRUSH)
    ambulances = [u for u in units if "-A" in u]
    assert ambulances, units
    return assistant, ambulances


@pytest.mark.parametrize("question", [
    "which ambulances are free now?",
    "Any ambulance available right now?",
    "现在哪些救护车可用？",
    "vilka ambulanser är lediga?",
])
def test_a_free_units_question_lists_only_the_available_ones(busy, chat_turn, question):
    assistant, ambulances = busy
    reply = chat_turn(assistant, question, None).text
    for unit in ambulances:
        assert unit not in reply, reply
    assert not any(w in reply for w in ("dispatched", "已出动")), reply
    assert any(w in reply for w in ("available", "可用")), reply


def test_the_board_question_still_lists_every_status(busy, chat_turn):
    assistant, ambulances = busy
    reply = chat_turn(assistant, "status of the ambulances", None).text
    assert all(unit in reply for unit in ambulances) and "dispatched" in reply, reply
