"""Approving a plan dispatches nobody by itself: the plan's units still available are proposed as committed to its
incident (the operator confirms that separately), or the answer says plainly that no unit is dispatched (trial s14 #6)."""

from __future__ import annotations


def test_approval_proposes_the_plans_units_and_says_they_are_not_dispatched_yet(make_assistant, restore_units):
    assistant = make_assistant()
    plan = assistant.plan("Smoke pouring out of a kiosk at Bulevardi 14, the owner is inside coughing", narrative=False)
    units = [a["unit_id"] for a in plan.tool_outputs["plan_dispatch"]["assignments"]]
    assert units
    assistant.approve_plan(plan.plan_id)
    said = assistant.propose_plan_dispatch(plan.plan_id)
    [proposal] = [p for p in assistant.pending_proposals() if p.action == "commit_dispatch"]
    assert proposal.args == {"unit_ids": units, "incident_id": plan.incident_id}
    assert "not dispatched yet" in said and proposal.proposal_id in said
    assert all(assistant.unit_statuses()[u] == "available" for u in units)  # nothing applied before the confirmation


def test_approval_of_a_plan_whose_units_are_gone_says_none_is_dispatched(make_assistant, restore_units):
    assistant = make_assistant()
    plan = assistant.plan("Water pouring through the ceiling of a shop at Bulevardi 14 after a pipe burst", narrative=False)
    units = [a["unit_id"] for a in plan.tool_outputs["plan_dispatch"]["assignments"]]
    for unit in units:
        restore_units.set_unit_status(unit, "out_of_service")
    assistant.approve_plan(plan.plan_id)
    said = assistant.propose_plan_dispatch(plan.plan_id)
    assert "No unit is dispatched" in said
    assert not [p for p in assistant.pending_proposals() if p.action == "commit_dispatch"]
