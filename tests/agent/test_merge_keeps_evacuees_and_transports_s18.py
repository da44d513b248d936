"""A merge moves everything of the merged incident that is still going on to the incident kept: the sitrep's alert for
approved evacuations that left people without a shelter place (``IncidentStore.approved_unsheltered``) keeps alerting
them under the incident kept, and a unit transporting a patient of the merged incident follows the incident kept (still
transporting), like the dispatched ones."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

DAY = datetime(2026, 12, 3, 8, 0, tzinfo=timezone.utc)


@pytest.fixture
def assistant(make_assistant, restore_units):
    return make_assistant()


def _merge(assistant, merged: str, kept: str) -> None:
    proposal = assistant.propose("merge_incidents", {"merged": merged, "into": kept}, incident_id=kept)
    assistant.confirm_proposal(proposal.proposal_id)


@pytest.mark.parametrize("order", ["evacuate the whole of Kluuvi, a gas cloud is drifting over it",
                                   "立即疏散克鲁维（Kluuvi）地区的所有人，有毒气体扩散"])
def test_an_unsheltered_evacuation_of_a_merged_incident_is_still_alerted_under_the_one_kept(assistant, order):
    assistant._planner.config.clock = lambda: DAY
    plan = next(e.plan for e in assistant.chat(order, None) if e.kind == "final")
    unserved = int(plan.tool_outputs["plan_evacuation"]["unserved_people"] or 0)
    assert unserved > 0
    assistant.approve_plan(plan.plan_id, "chief")
    merged = assistant.plan_incident(plan.plan_id)
    kept = assistant.plan("Strong smell of gas at Aleksanterinkatu 52, people feel dizzy", narrative=False).incident_id
    _merge(assistant, merged, kept)
    assert [(i, n) for i, _where, n in assistant._store.approved_unsheltered()] == [(kept, unserved)]
    [alert] = [a for a in assistant.sitrep().alerts if a.kind == "evacuees_without_shelter"]
    assert alert.incident_id == kept
    assistant._store.close_incident(kept, "op")  # closing the kept incident ends it (the evacuees' incident is over)
    assert assistant._store.approved_unsheltered() == []


@pytest.mark.parametrize("unit", ["KAI-A1", "HAK-A1"])
def test_a_transporting_unit_follows_the_incident_kept(assistant, unit):
    merged = assistant.plan("Two cars collided at Aleksanterinkatu 52, one driver injured", narrative=False).incident_id
    kept = assistant.plan("Car crash at Aleksanterinkatu 50, a driver hurt", narrative=False).incident_id
    assert merged != kept
    for status in ("dispatched", "transporting"):
        proposal = assistant.propose("set_unit_status", {"unit_id": unit, "status": status}, incident_id=merged)
        assistant.confirm_proposal(proposal.proposal_id)
    _merge(assistant, merged, kept)
    assert assistant._store.unit_commitments()[unit] == kept
    assert assistant.unit_statuses()[unit] == "transporting"
    assert assistant._store.latest_unit_statuses()[unit] == "transporting"
