"""Orders that refer to the plan in the forms trial 18 used (H6): "approve the plan and send the units" (two orders
joined) went to the router, which planned a fresh 'fire' dispatch of 3 units instead of the plan's 5, and answered a
flood placed only in its district "Nothing was dispatched: … has no place on the map"; "approve plan for INC-…" (no
article) got plan-document passages.  The plan's units are proposed, and a unit of the plan that is not proposed is
named with the reason."""

from __future__ import annotations

import pytest

from agent.plan_order import plan_order

ROOF = "Myrsky! Roof blown off at Kaisaniemenkatu 5, sheet metal came down on the street, two people lying under debris at the bus stop, one not moving"
UNDERPASS = ('Caller on 112, crying: "the underpass at Hakaniemi is full of water, there\'s a car down there with a man still '
             'inside, water is up to the windows, he\'s banging on the glass!"')
TREE = "tree down across Unioninkatu, blocking both lanes, nobody hurt"


@pytest.mark.parametrize("text", ["approve the plan and send the units", "Approve the plan, then dispatch the units.",
                                  "approve plan", "hyväksy suunnitelma ja lähetä yksiköt", "godkänn planen och skicka enheterna",
                                  "批准方案并派出单位"])
def test_joined_and_bare_forms_are_plan_orders(text):
    order = plan_order(text)
    assert order is not None and order.incident_id is None


@pytest.mark.parametrize("text, incident", [("approve plan for INC-E86CAABB", "INC-E86CAABB"),
                                            ("approve plan INC-E86CAABB and send its units", "INC-E86CAABB"),
                                            ("hyväksy INC-E86CAABB:n suunnitelma", "INC-E86CAABB"),
                                            ("godkänn planen för INC-E86CAABB", "INC-E86CAABB")])
def test_the_incident_named_without_an_article(text, incident):
    order = plan_order(text)
    assert order is not None and order.incident_id == incident


@pytest.mark.parametrize("text", ["approve the plan and send the units to Kamppi", "send the units and evacuate 300 m",
                                  "approve the plan for INC-1 and INC-2", "plan for the worst"])
def test_a_joined_order_with_anything_else_is_no_plan_order(text):
    assert plan_order(text) is None


def _units(plan) -> list[str]:
    return [a["unit_id"] for a in plan.tool_outputs["plan_dispatch"]["assignments"]]


@pytest.mark.parametrize("order", ["approve the plan and send the units", "godkänn planen och skicka enheterna", "批准方案并派出单位"])
def test_the_proposal_carries_every_unit_of_the_plan(make_assistant, restore_units, order):
    assistant = make_assistant()
    plan = assistant.plan(ROOF, narrative=False)
    units = _units(plan)
    assert len(units) >= 5
    reply = list(assistant.chat(order, plan.incident_id, session_incidents=(plan.incident_id,)))[-1]
    [proposal] = reply.proposals
    assert proposal.action == "commit_dispatch" and sorted(proposal.args["unit_ids"]) == sorted(units)


def test_a_unit_of_the_plan_left_out_is_named_with_why(make_assistant, restore_units):
    assistant = make_assistant()
    plan = assistant.plan(ROOF, narrative=False)
    units = _units(plan)
    other = assistant.plan(TREE, narrative=False).incident_id
    busy = units[-1]
    p = assistant.propose("commit_dispatch", {"unit_ids": [busy], "incident_id": other}, incident_id=other)
    assistant.confirm_proposal(p.proposal_id)
    reply = list(assistant.chat("approve the plan and send the units", plan.incident_id,
                                session_incidents=(other, plan.incident_id)))[-1]
    [proposal] = reply.proposals
    assert sorted(proposal.args["unit_ids"]) == sorted(u for u in units if u != busy)
    assert busy in reply.text and other in reply.text  # dropped, and why: committed to the other incident


def test_a_flood_placed_in_its_district_gets_its_plans_units(make_assistant, restore_units):
    assistant = make_assistant()
    plan = assistant.plan(UNDERPASS, narrative=False)
    units = _units(plan)
    assert units
    reply = list(assistant.chat("approve the plan and send the units", plan.incident_id, session_incidents=(plan.incident_id,)))[-1]
    assert "no place on the map" not in reply.text
    [proposal] = reply.proposals
    assert sorted(proposal.args["unit_ids"]) == sorted(units)


def test_approve_plan_for_an_incident_by_id_from_another_session_incident(make_assistant, restore_units):
    assistant = make_assistant()
    roof = assistant.plan(ROOF, narrative=False)
    tree = assistant.plan(TREE, narrative=False).incident_id
    reply = list(assistant.chat(f"approve plan for {roof.incident_id}", tree, session_incidents=(roof.incident_id, tree)))[-1]
    [proposal] = reply.proposals
    assert proposal.action == "commit_dispatch" and proposal.args["incident_id"] == roof.incident_id
    assert "[C1]" not in reply.text  # not plan-document passages


@pytest.mark.parametrize("order", ["send the plan's units", "派出方案里的单位"])
def test_after_an_evacuation_the_units_are_those_of_the_plan_that_dispatches(make_assistant, restore_units, order):
    """An evacuation planned since the response plan moves people, not units: the order still means the response
    plan's units (trial 18: "Plan …: no unit is dispatched by it")."""
    assistant = make_assistant()
    plan = assistant.plan(ROOF, narrative=False)
    units = _units(plan)
    list(assistant.chat("evacuate the building at Kaisaniemenkatu 5, 390 residents", plan.incident_id,
                        session_incidents=(plan.incident_id,)))
    assert assistant._store.latest_plan(plan.incident_id).plan_id != plan.plan_id  # the evacuation is the newest
    reply = list(assistant.chat(order, plan.incident_id, session_incidents=(plan.incident_id,)))[-1]
    [proposal] = reply.proposals
    assert sorted(proposal.args["unit_ids"]) == sorted(units)
