"""One test of "is this asked?" (s17 final read, D6: ``agent.plan_reference`` had its own ``_ASKS`` beside
``agent.follow_up.is_question``).  A question about the incident's evacuation plan is read as one whether it is asked
with a question word first, a mark last, or (Chinese asks in place) a question word inside the sentence; such
questions are questions for ``is_question`` too.  Sentences written for this test."""

from __future__ import annotations

import pytest

from agent.follow_up import is_question
from agent.plan_reference import plan_reference

PLAN_QUESTIONS = [
    "Where do the vulnerable people go in that plan?",
    "where do the elderly residents go in the evacuation plan",
    "how many people have no shelter place in that plan",
    "Which shelters are the residents sent to in this plan?",
    "那个疏散方案里老人去哪里",
    "这个方案中行动不便的人安置在哪儿",
    "该疏散方案里有多少人没有避难位置",
    "在那个疏散方案里，轮椅使用者去哪个避难所",
]


@pytest.mark.parametrize("text", PLAN_QUESTIONS)
def test_a_question_about_the_plan_is_read_and_is_a_question(text):
    ref = plan_reference(text)
    assert ref is not None and ref.question and not ref.approve, ref
    assert is_question(text), text


@pytest.mark.parametrize("text", [
    "The vulnerable people go to the Ressu shelter in that plan.",  # told, not asked
    "那个疏散方案里老人去Ressu避难所。",
    "the elderly go first in the evacuation plan",
])
def test_a_statement_about_the_plan_is_no_question(text):
    assert plan_reference(text) is None
    assert not is_question(text)
