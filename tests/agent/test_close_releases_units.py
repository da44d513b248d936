"""Closing an incident releases the units committed to it: the close proposal says which, the confirmation frees them
in the process that closed it, the release is logged so every other process following the log frees them too, and a
closed incident drops out of the "also proposed for" warnings of the plans still shown (trial s15 #6)."""

from __future__ import annotations

import pytest

from agent.proposals import follow_unit_statuses
from agent.schemas import ResponsePlan, TriageSummary


@pytest.mark.parametrize("order", ["nothing was burning after all, please close this incident", "误报，关闭这个事件"])
def test_closing_releases_the_committed_units_everywhere_and_says_so(make_assistant, restore_units, commit_units, other_process_city, order):
    assistant = make_assistant()
    incident = assistant.open_incident("chat", "op").incident_id
    free = [u for u, s in assistant.unit_statuses().items() if s == "available"]
    committed, other_incident_unit = free[:2], free[2]
    commit_units(assistant, incident, committed)
    elsewhere = assistant.open_incident("another job", "op").incident_id
    commit_units(assistant, elsewhere, [other_incident_unit])
    other = other_process_city(assistant.unit_statuses())
    seen = assistant._store.last_event_id()

    reply = list(assistant.chat(order, incident))[-1]
    [proposal] = [p for p in reply.proposals if p.action == "close_incident"]
    assert all(u in proposal.summary for u in committed) and "releases" in proposal.summary
    done = assistant.confirm_proposal(proposal.proposal_id, "op")
    assert all(u in done.summary for u in committed)

    statuses = assistant.unit_statuses()
    assert [statuses[u] for u in committed] == ["available", "available"]
    assert statuses[other_incident_unit] == "dispatched"  # another incident's unit stays where it is
    assert incident not in assistant.unit_board().committed
    _, changed = follow_unit_statuses(assistant._store, other, seen)
    assert changed == {u: "available" for u in committed}
    assert other.statuses[other_incident_unit] == "dispatched"


def test_closing_an_incident_with_no_unit_says_none_is_committed(make_assistant, restore_units):
    assistant = make_assistant()
    incident = assistant.open_incident("quiet one", "op").incident_id
    proposal = assistant.propose("close_incident", {"incident_id": incident}, incident_id=incident)
    assert "no unit is committed" in proposal.summary


def _plan(incident_id: str, units: list[str]) -> ResponsePlan:
    return ResponsePlan(plan_id=f"PLAN-{incident_id}", incident_id=incident_id, report="r", location="Kamppi",
                        tool_outputs={"plan_dispatch": {"assignments": [{"incident_id": incident_id, "unit_id": u} for u in units]}})


def test_a_closed_incident_drops_out_of_the_also_proposed_warning_of_a_shown_plan(make_assistant, restore_units):
    assistant = make_assistant()
    store = assistant._store
    triage = TriageSummary(incident_type="fire", priority="P1", type_confidence=0.9, priority_confidence=0.9)
    first, second = (store.create_incident(t, "op").incident_id for t in ("kiosk fire", "sauna fire"))
    for incident in (first, second):
        store.add_report(incident, "fire", triage, "op")
    unit = next(u for u, s in assistant.unit_statuses().items() if s == "available")
    store.save_plan(_plan(first, [unit]), "op")
    later = _plan(second, [unit])
    later.warnings = assistant._situation.plan_proposal_warnings(later) + ["Location unconfirmed"]
    assert any(first in w for w in later.warnings)
    store.save_plan(later, "op")
    store.close_incident(first, "op")
    shown = assistant.latest_plan(second)
    assert not any(first in w for w in shown.warnings)
    assert "Location unconfirmed" in shown.warnings
    assert not any(first in w for w in (assistant.incident_view(second).plan.warnings))
