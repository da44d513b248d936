"""An approved evacuation that leaves people without a shelter place says so at approval and in the situation
report's alerts while its incident is open, and the people at risk are counted for the time of day of the report:
the residents at night, the daytime population by day (s17 trial M4: 1,768 people of an approved evacuation had no
place and no alert said so, and the daytime population was moved at 22:00).  The plan states the time it used."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

# 22:00 and 10:00 in Helsinki in December (UTC+2)
NIGHT = datetime(2026, 12, 3, 20, 0, tzinfo=timezone.utc)
DAY = datetime(2026, 12, 3, 8, 0, tzinfo=timezone.utc)


def _plan_at(assistant, order: str, when: datetime):
    assistant._planner.config.clock = lambda: when
    events = list(assistant.chat(order, None))
    plan = next(e.plan for e in events if e.kind == "final")
    assert plan is not None and "plan_evacuation" in plan.tool_outputs, order
    return plan


def _moved(plan) -> int:
    evacuation = plan.tool_outputs["plan_evacuation"]
    return sum(a["people"] for a in evacuation["assignments"]) + int(evacuation["unserved_people"] or 0)


def _said(plan) -> str:
    return " ".join(item.text for item in plan.evacuation)


@pytest.mark.parametrize("order", ["evacuate the whole of Kluuvi, a gas cloud is drifting over it",
                                   "立即疏散克鲁维（Kluuvi）地区的所有人，有毒气体扩散"])
def test_the_people_at_risk_are_counted_for_the_time_of_the_report(make_assistant, restore_units, order):
    assistant = make_assistant()
    night, day = _plan_at(assistant, order, NIGHT), _plan_at(assistant, order, DAY)
    assert _moved(night) < _moved(day)
    assert "22:00" in _said(night) and "resident (night-time)" in _said(night)
    assert "10:00" in _said(day) and "daytime figures" in _said(day)


def test_a_time_the_report_states_wins_over_the_clock(make_assistant, restore_units):
    assistant = make_assistant()
    plan = _plan_at(assistant, "at 3 in the afternoon: evacuate the whole of Kluuvi, a gas cloud is drifting over it", NIGHT)
    assert "15:00 as the report says" in _said(plan) and "daytime figures" in _said(plan)


@pytest.mark.parametrize("order", ["evacuate the whole of Kluuvi, a gas cloud is drifting over it",
                                   "Kluuvi must be evacuated completely, chlorine leak spreading"])
def test_an_approved_evacuation_with_people_left_without_a_place_is_alerted(make_assistant, restore_units, order):
    assistant = make_assistant()
    plan = _plan_at(assistant, order, DAY)
    unserved = int(plan.tool_outputs["plan_evacuation"]["unserved_people"] or 0)
    assert unserved > 0, "the daytime Kluuvi evacuation must exceed the free shelter places for this test"
    assert any("no shelter place" in item.text.lower() for item in plan.evacuation)
    assert "Alerts:" not in assistant.sitrep().text or "no shelter place" not in assistant.sitrep().text  # not before approval
    assistant.approve_plan(plan.plan_id, "chief")
    incident = assistant.plan_incident(plan.plan_id)
    note = assistant.approval_note(plan.plan_id)
    assert f"{unserved:,} people of this evacuation have NO shelter place" in note
    sitrep = assistant.sitrep()
    [alert] = [a for a in sitrep.alerts if a.kind == "evacuees_without_shelter"]
    assert alert.incident_id == incident and f"{unserved:,} people of the approved evacuation at" in alert.text
    assert "have no shelter place" in sitrep.text
    assistant._store.close_incident(incident, "op")  # a closed incident's evacuation is no longer alerted
    assert not [a for a in assistant.sitrep().alerts if a.kind == "evacuees_without_shelter"]
