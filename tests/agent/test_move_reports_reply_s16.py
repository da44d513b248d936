"""s16 trial M8: asking to move misfiled reports out of an incident got the generic help text after 152 s.  The chat
says plainly that reports are not moved between incidents, and what works instead (New incident, then the report)."""

from __future__ import annotations

import pytest

from agent.report_move import moves_reports


@pytest.mark.parametrize("text", [
    "INC-DF06827A 里的 Kirkkokatu 8 和 Kauppatori 报告不属于电车事故，请把它们移出去，合并到 INC-2CB9CA59 和 INC-D9D0FF91。",
    "Move the Kirkkokatu 8 report out of INC-DF06827A into INC-2CB9CA59.",
    "Split the stabbing report off the tram incident, it does not belong there",
    "把Kauppatori的报告从电车事故里拆出来",
])
def test_a_request_to_move_reports_is_recognised(text):
    assert moves_reports(text)


@pytest.mark.parametrize("text", ["Move ERO-R1 to Kauppatori", "send the report to the duty officer",
                                  "Report: smoke at Kirkkokatu 8, moving to the 3rd floor", "把救护车调到Kauppatori",
                                  "Transfer the call to the police", "把这份报告转到值班主任"])
def test_other_orders_and_reports_are_not(text):
    assert not moves_reports(text)


@pytest.mark.parametrize("text", ["Move the Kirkkokatu 8 report out of the tram incident.",
                                  "Kirkkokatu 8 的报告不属于电车事故，请把它移出去"])
def test_the_chat_says_what_is_possible(make_assistant, text):
    assistant = make_assistant()
    before = len(assistant.incidents())
    final = list(assistant.chat(text, None))[-1]
    assert "New incident" in final.text and final.plan is None
    assert len(assistant.incidents()) == before
