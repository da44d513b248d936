"""Review s16 (rvB) of d247af1: an order that describes another open incident ("send two ambulances to the bus crash"
while the session is on a flat fire and a bus crash is open) is asked about, never planned for the session's incident.
The described place went to the session's incident with a note, and the ambulances were proposed for the fire."""

from __future__ import annotations

import pytest


def _run(assistant, message, incident):
    events = list(assistant.chat(message, incident))
    return [e for e in events if e.kind == "tool"], events[-1]


@pytest.fixture
def two_incidents(make_assistant):
    assistant = make_assistant()
    _, crash = _run(assistant, "Bus and a car collided on Mannerheimintie at Lasipalatsi, several passengers hurt", None)
    _, fire = _run(assistant, "Smoke pouring out of a flat at Annankatu 12, two residents on the third floor balcony", None)
    assert crash.plan and fire.plan and crash.plan.incident_id != fire.plan.incident_id
    return assistant, crash.plan.incident_id, fire.plan.incident_id


@pytest.mark.parametrize("order", ["send two ambulances to the bus crash", "派两辆救护车去车祸现场"])
def test_an_order_describing_another_open_incident_is_asked_about(two_incidents, restore_units, order):
    assistant, crash, fire = two_incidents
    _, final = _run(assistant, order, fire)
    assert not [p for p in final.proposals if p.incident_id == fire]
    assert crash in final.text


def test_an_order_describing_the_sessions_own_incident_still_goes_to_it(two_incidents, restore_units):
    assistant, crash, fire = two_incidents
    _, final = _run(assistant, "send an ambulance to the smoke", fire)
    assert final.proposals and all(p.incident_id == fire for p in final.proposals)
