"""One test of "is this asked as a question?" (s16 final read: ``agent.merge_request`` had its own beside
``agent.follow_up.is_question``).  ``is_question`` reads every form the merge reader's own list read, so that a
question about merging stays no order, and a merge said as a statement is still read."""

from __future__ import annotations

import pytest

from agent.follow_up import is_question
from agent.merge_request import merge_request

QUESTIONS = ["should we merge INC-1 into INC-2?", "can INC-1 and INC-2 be merged", "could INC-5 be the same fire as INC-6",
             "is INC-5 the same fire as INC-6", "are INC-5 and INC-6 one event", "do INC-5 and INC-6 count as one incident",
             "may I merge INC-5 into INC-6", "shall we merge INC-5 and INC-6", "why merge INC-5 into INC-6",
             "INC-1 和 INC-2 是不是同一起？", "INC-1 和 INC-2 是不是同一起", "INC-1 和 INC-2 是同一起吗", "INC-1 和 INC-2 是同一起么",
             "INC-1 和 INC-2 怎么合并", "如何合并INC-1和INC-2"]


@pytest.mark.parametrize("text", QUESTIONS)
def test_every_question_form_is_a_question_and_no_merge(text):
    assert is_question(text), text
    assert merge_request(text) is None, text


@pytest.mark.parametrize("text", ["merge INC-B2 into INC-A1", "INC-B2 and INC-A1 are the same fire", "INC-B2 和 INC-A1 是同一起",
                                  "把INC-B2合并到INC-A1", "this is the same incident as INC-A1"])
def test_a_merge_said_as_a_statement_is_no_question(text):
    assert not is_question(text)
    assert merge_request(text) is not None
