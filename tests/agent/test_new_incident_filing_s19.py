"""Trial 19 H1: a new report was filed into an older open incident at the same place - a not_incident enquiry, or an
incident of another hazard (a kiosk fire into a "man in the sea" medical call) - even right after the operator pressed
"New incident".  A not_incident never absorbs a real report; a hazard of its own where another desk only has a
casualty opens its own incident; and after "New incident" the next report opens a new one (the reply to a joined
report tells the operator exactly that)."""

from __future__ import annotations

import pytest


def _opened_by_another_desk(assistant, report: str, incident_type: str, priority: str) -> str:
    """An incident another desk opened with ``report``, of the given type (as that desk's triage left it)."""
    plan = assistant.plan(report, operator="op-berit", narrative=False)
    incident = assistant.incident(plan.incident_id)
    if (incident.incident_type, incident.priority) != (incident_type, priority):
        assistant._store.retype_incident(plan.incident_id, incident_type, priority, "op-berit", {"reason": "test"})
    return plan.incident_id


@pytest.mark.parametrize("report", [
    "Suspicious bag: unattended black backpack on the Senate Square steps, nobody has claimed it for 20 minutes",
    "Fire at the Senaatintori stage, flames on the scaffolding, people running",
    "Tulipalo Senaatintorin lavalla, liekkejä ja savua, ihmisiä pakenee",
])
def test_a_not_incident_enquiry_never_absorbs_a_real_report(make_assistant, restore_units, report):
    assistant = make_assistant()
    enquiry = _opened_by_another_desk(
        assistant, "Member of the public asking whether the road closures at Senate Square start at 10 pm",
        "not_incident", "P4")
    reply = list(assistant.chat(report, None, operator="op-anna"))[-1]  # a fresh session, no incident yet
    assert reply.plan is not None and reply.plan.incident_id and reply.plan.incident_id != enquiry, reply.text[:300]
    assert not reply.text.startswith("Same place as"), reply.text[:300]
    assert assistant.incident_view(enquiry).report_text.startswith("Member of the public")
    assert len(assistant.incidents()) == 2


@pytest.mark.parametrize("report", [
    "Steward 14 på radion: kiosken vid Salutorget brinner, kraftig rök, gasflaskor finns i kiosken, vi flyttar bort folk",
    "Kiosk on fire at the Market Square, heavy smoke, gas bottles inside",
    "Kauppatorin kioski palaa, paksua savua",
])
def test_a_hazard_of_its_own_where_another_desk_has_only_a_casualty_opens_its_own(make_assistant, restore_units, report):
    assistant = make_assistant()
    sea = _opened_by_another_desk(
        assistant, "Drunk man fell into the sea at Kauppatori by the ferry quay, bystanders holding him", "medical", "P1")
    reply = list(assistant.chat(report, None, operator="op-anna"))[-1]
    assert reply.plan is not None and reply.plan.incident_id != sea, reply.text[:300]
    assert not reply.text.startswith("Same place as"), reply.text[:300]
    assert len(assistant.incidents()) == 2


def test_a_casualty_at_another_desks_fire_still_joins_it(make_assistant, restore_units):
    # the other way round is one scene: a person hurt at a fire another desk has open is that fire's report
    assistant = make_assistant()
    fire = _opened_by_another_desk(assistant, "Fire on the 3rd floor of a flat at Bulevardi 14, one person trapped",
                                   "fire", "P1")
    reply = list(assistant.chat("A man with burns on both arms is lying outside Bulevardi 14, conscious, in pain", None,
                                operator="op-anna"))[-1]
    assert reply.plan is not None and reply.plan.incident_id == fire, reply.text[:300]
