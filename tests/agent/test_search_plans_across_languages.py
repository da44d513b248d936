"""Session 22: ``search_plans`` on the shipped (English) plans with questions in Chinese and about a person in the
water. Found by the lead: "预案里对冰面落水救援是怎么规定的？" cited the mass-casualty annex, because the question's
hazard words read as "medical" (a person in the water is a medical call for triage) and the search preferred the
documents tagged medical, and because a Chinese question was read by the English encoder. Real chromadb, real
encoders, the real tool."""

from __future__ import annotations

import pytest

from agent.tool_registry import procedure_search_tool


@pytest.mark.parametrize("question", [
    "预案里对冰面落水救援是怎么规定的？",
    "有個小孩掉進湖裡了，預案怎麼說？",
    "What does the plan say when a skater goes through the ice?",
    "Mitä suunnitelma sanoo, jos joku putosi mereen?",
])
def test_a_question_about_someone_in_the_water_cites_the_water_rescue_annex(retriever, question: str) -> None:
    result = procedure_search_tool(retriever).func(query=question)
    assert result.citations and result.citations[0].source == "annex_j_water_ice_rescue.md", [c.source for c in result.citations]


@pytest.mark.parametrize(("question", "source"), [
    ("大面积停电时预案要求先做什么？", "annex_f_utility_outage.md"),
    ("示威人群冲突时警察从哪里出动？", "annex_h_public_security.md"),
])
def test_a_chinese_question_cites_the_english_annex_it_asks_about(retriever, question: str, source: str) -> None:
    result = procedure_search_tool(retriever).func(query=question)
    assert source in [c.source for c in result.citations[:2]], [c.source for c in result.citations]


def test_the_plans_hazard_of_a_medical_question_is_still_medical() -> None:
    from agent.hazards import plan_hazard_from_words

    assert plan_hazard_from_words("an elderly man collapsed with chest pain on the tram") == "medical"
    assert plan_hazard_from_words("冰面上有人落水") == "water_rescue"
