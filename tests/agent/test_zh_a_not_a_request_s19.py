"""s19 dev (router_dev_v17 R17-058): "能不能派一辆救护车到 Annankatu 12？楼梯上有个男的昏过去了。" ("could you send an
ambulance ...?") was answered "Nothing planned: you asked to hold off": the 不能 inside the A-not-A question 能不能 was
read as "must not send".  A-not-A asks; it negates nothing.  "不能派" alone still holds the order."""

from __future__ import annotations

import pytest

from agent.negation import negated_order


@pytest.mark.parametrize("text", [
    "能不能派一辆救护车到 Annankatu 12？",
    "能不能帮忙派辆消防车去 Eerikinkatu 9",
    "你们能不能疏散一下 Forum 周围的人？",
])
def test_an_a_not_a_request_negates_no_order(text):
    assert not negated_order(text)


@pytest.mark.parametrize("text", [
    "不能派 KAM-A1，它在医院",
    "现在还不能疏散 Forum",
    "先别派车",
])
def test_a_real_negation_still_holds(text):
    assert negated_order(text)


def test_the_polite_question_with_its_report_is_a_dispatch_in_chat(make_assistant):
    assistant = make_assistant()
    session = assistant.open_incident("chat", "op-anna").incident_id
    events = list(assistant.chat("能不能派一辆救护车到 Annankatu 12？楼梯上有个男的昏过去了。", session, operator="op-anna"))
    tools = [e.step.name for e in events if e.kind == "tool" and e.step is not None]
    assert tools == ["plan_dispatch"], events[-1].text
