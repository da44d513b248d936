"""ASKS_ABOUT (the operator asks about a quoted order) is WEIGHS_IT (the operator weighs it) plus its own few question
words, written once: every way of weighing an order is a way of asking about it."""

from __future__ import annotations

import pytest

from agent.quoted import ASKS_ABOUT, WEIGHS_IT

WEIGHING = ["should we", "shall I", "must we", "would I", "do we have to", "do I really", "is that warranted",
            "would it be necessary", "is this really proportionate", "are we supposed to", "is that needed",
            "is it required", "are we obliged to", "要不要", "需不需要", "该不该", "有没有必要", "是否应该", "合理吗"]
ONLY_ASKING = ["do we", "could I", "is that ok", "is it okay", "is this allowed", "are we allowed to", "?", "？", "好吗",
               "是否"]


@pytest.mark.parametrize("words", WEIGHING)
def test_whatever_weighs_a_quoted_order_asks_about_it(words):
    text = f"the caller said 'evacuate the block', {words}"
    assert WEIGHS_IT.search(text) and ASKS_ABOUT.search(text)


@pytest.mark.parametrize("words", ONLY_ASKING)
def test_a_question_that_does_not_weigh_the_order_still_asks_about_it(words):
    text = f"the caller said 'evacuate the block' {words}"
    assert ASKS_ABOUT.search(text) and not WEIGHS_IT.search(text)


def test_an_order_is_no_question():
    assert not ASKS_ABOUT.search("evacuate the block now and send two engines")
