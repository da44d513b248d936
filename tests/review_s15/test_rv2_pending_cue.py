"""Review s15-rv2, finding 1: the new 'what is pending confirmation?' cue (agent.cue_rules.PENDING_CONFIRMATION) reads
ordinary reports and orders that say something is not yet confirmed, or ask about an approval for an evacuation, as
the read-only open-incidents question: the order or report in the clause is swallowed (no plan, no dispatch)."""

from __future__ import annotations

import pytest

from agent.cue_rules import clause_intent


@pytest.mark.parametrize("text, was", [
    # "the cause is not confirmed yet, people trapped on the 3rd floor, send a fire engine": an order (dispatch at be7351c)
    ("起火原因是什么还没确认，三楼有人被困，请派消防车", "dispatch"),
    # "what needs approval to evacuate the school at ...": about an evacuation (evacuation cue at be7351c)
    ("what needs approval to evacuate the school at Fredrikinkatu 20?", "evacuation"),
    ("anything needing approval before we evacuate Kamppi?", "evacuation"),
    # "any evacuations not yet approved? Kamppi is on fire": an evacuation question and a report
    ("有什么还没批准的疏散？卡米皮着火了", "evacuation"),
    # a question about one unit ("has KAM-A1 confirmed it is under way?"): unit_query at be7351c
    ("KAM-A1有没有确认出发？", "unit_query"),
    ("what needs my OK to send ERO-E1 to Bulevardi 14?", "unit_query"),
])
def test_an_order_that_mentions_a_confirmation_keeps_its_order(text, was):
    assert clause_intent(text, ["KAM-A1", "ERO-E1"]) == was


@pytest.mark.parametrize("text", [
    # reports: something in the report is not confirmed yet (casualties, who is safe), with the incident in the clause
    "现场有没有人员伤亡还没确认，布列瓦迪街14号三楼起火",
    "布列瓦迪街14号着火，伤者人数还没确认吗？",
    "卡米皮地铁站有人晕倒，哪些乘客还没确认安全？",
    "Anything needing a decision now: fire at Fredrikinkatu 20 spreading to the roof",
    "what's still awaiting confirmation is the number of casualties at Bulevardi 14, two are trapped",
    # questions about people or facts not confirmed, not about proposals
    "列出未确认的失踪人员",
    "还有没有待确认的伤员？",
])
def test_a_report_or_question_about_unconfirmed_facts_is_not_the_pending_proposals_view(text):
    assert clause_intent(text, []) != "open_incidents"
