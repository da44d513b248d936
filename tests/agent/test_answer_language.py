"""A procedure question in Chinese gets its answer's own words in Chinese; the plan passages stay as written, and the
answer says so (trial s14 #14: "氯气泄漏的隔离距离是多少？" got English passages with English framing)."""

from __future__ import annotations

import pytest

from agent.answer_language import NO_PASSAGE_EN, framed_for, help_text

PASSAGES = "[C1] Annex C, 4. Action checklist: 1. Dispatch the first response…"


@pytest.mark.parametrize("question", ["地铁站发生火灾时谁负责指挥？", "洪水疏散的启动条件是什么"])
def test_a_chinese_question_gets_chinese_framing_and_the_passages_as_written(question):
    framed = framed_for(question, "search_plans", PASSAGES)
    assert framed.startswith("摘自预案（英文原文") and PASSAGES in framed
    assert framed_for(question, "search_plans", NO_PASSAGE_EN) == "预案中没有与该问题相符的段落。"
    assert "我可以" in help_text(question)


@pytest.mark.parametrize("question", ["who takes command at a metro fire?", "what are the activation criteria for a flood?"])
def test_an_english_question_is_answered_as_before(question):
    assert framed_for(question, "search_plans", PASSAGES) == PASSAGES
    assert help_text(question).startswith("I can triage")


def test_other_tools_get_a_chinese_heading_over_their_own_lines():
    """s17 M5 (was: left unframed, so a Chinese desk read an English answer): the heading is Chinese. s18: so are the
    lines the system composes (the board's counts); a line of no shape of its own stays as recorded."""
    framed = framed_for("哪些单位空闲？", "unit_board", "Units: 3 available")
    assert framed.startswith("单位状态总览") and framed.endswith("\n单位：3 可用")
    assert framed_for("哪些单位空闲？", "unit_board", "a line no planner wrote").endswith("\na line no planner wrote")
    assert framed_for("Kamppi 在哪", "resolve_place", "⚠ no place called 'X'").startswith("⚠ 未能完成")
    assert framed_for("which units are free?", "unit_board", "Units: 3 available") == "Units: 3 available"


@pytest.mark.parametrize("question, framing", [("氨气泄漏要疏散多远？按预案怎么规定", "摘自预案（英文原文"),
                                               ("per the plan, how far do we evacuate for an ammonia leak?", None)])
def test_the_chat_frames_a_procedure_answer_in_the_askers_language(make_assistant, question, framing):
    reply = list(make_assistant(llm_backend="none").chat(question, None))[-1]
    assert "[C1]" in reply.text
    if framing:
        assert reply.text.startswith(framing)
    else:
        assert "摘自" not in reply.text
