"""Review s17 rv2b (HIGH, older than s17, next to s17-lang's "a report that asks how far to evacuate is filed"): a
report that says an evacuation is already under way ("residents being evacuated, one with burns", a crew report
"Two residents evacuated", an alarm panel's "Evacuation started") was routed to an evacuation plan only: the fire with
a burns casualty was never filed, no incident, no triage.  The evacuation stated as a fact is part of the report: the
incident is filed (and the evacuation still planned)."""

from __future__ import annotations

import pytest


def _final(assistant, message: str):
    return [e for e in assistant.chat(message, None) if e.kind == "final"][-1]


@pytest.mark.parametrize("report", [
    "Fire at Bulevardi 14, third floor, residents being evacuated, one with burns",
    "Crew report from Engine 11\nAddress: Bulevardi 14\nFire on the third floor, spreading to the roof\n"
    "Two residents evacuated, one with burns",
    "Smoke on floor 2 of Kamppi shopping centre, evacuation started by security",
    "Gas leak in the cellar of Fredrikinkatu 20, the tenants were evacuated by the janitor",
])
def test_a_report_of_an_evacuation_under_way_is_filed(make_assistant, report):
    final = _final(make_assistant(), report)
    assert final.plan is not None and final.plan.incident_id, final.text[:300]
    assert final.plan.triage is not None and final.plan.triage.incident_type in ("fire", "hazmat"), final.plan.triage


def test_an_evacuation_order_is_still_planned(make_assistant):
    final = _final(make_assistant(), "evacuate 300 m around Bulevardi 14, the fire is spreading")
    assert "evacuat" in final.text.lower(), final.text[:300]
