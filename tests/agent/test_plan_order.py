"""An order that refers to the incident's plan ("send the units", "批准方案") proposes the dispatch of the plan's units
through the Approve button's path; with no incident or no plan it asks which (trial s14 #14: "send the units" was
looked up as a place, "approve the plan" got the help text)."""

from __future__ import annotations

import pytest

from agent.plan_order import plan_order


@pytest.mark.parametrize("text", ["Send the units.", "please dispatch the recommended crews now", "ok, commit the proposed units",
                                  "go with the plan", "execute the response plan", "执行这个方案", "派出方案里的单位",
                                  "请批准当前方案"])
def test_orders_that_refer_to_the_plan(text):
    assert plan_order(text) is not None and plan_order(text).incident_id is None


@pytest.mark.parametrize("text, incident", [("approve the plan for inc-7c2", "INC-7C2"), ("INC-42的方案批准", None),
                                            ("INC-42批准方案", "INC-42")])
def test_the_incident_named_by_id(text, incident):
    order = plan_order(text)
    assert (order.incident_id if order else None) == incident


@pytest.mark.parametrize("text", ["send the units to Kamppi", "send KAI-A1", "what is the plan?", "approve", "按预案处理",
                                  "派两辆消防车去Kamppi", "the units are on scene", "单位已经到达", "send the units to INC-7"])
def test_other_messages_are_no_plan_order(text):
    assert plan_order(text) is None


@pytest.mark.parametrize("order", ["dispatch the plan's units", "派出这些单位"])
def test_the_plans_units_are_proposed_for_the_selected_incident(make_assistant, restore_units, order):
    assistant = make_assistant()
    plan = assistant.plan("Smoke pouring out of a kiosk at Bulevardi 14, the owner is inside coughing", narrative=False)
    units = [a["unit_id"] for a in plan.tool_outputs["plan_dispatch"]["assignments"]]
    reply = list(assistant.chat(order, plan.incident_id))[-1]
    [proposal] = reply.proposals
    assert proposal.action == "commit_dispatch" and proposal.args == {"unit_ids": units, "incident_id": plan.incident_id}
    assert plan.plan_id in reply.text and proposal.proposal_id in reply.text
    assert all(assistant.unit_statuses()[u] == "available" for u in units)  # proposed, not applied
    assert ("确认" in reply.text) == (order == "派出这些单位")


@pytest.mark.parametrize("order, asked", [("carry out the plan", "Which incident's plan?"), ("执行方案", "哪个事件的方案")])
def test_no_incident_selected_asks_which_and_proposes_nothing(make_assistant, order, asked):
    assistant = make_assistant()
    reply = list(assistant.chat(order, None))[-1]
    assert not reply.proposals and asked in reply.text and "no place called" not in reply.text
