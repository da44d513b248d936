"""Review s14-rv3 F4: units on scene counted against a need that does not grow with the follow-up's news.

tools/dispatch/steps.py on_scene_slots subtracts every committed unit from the response table's need of the
accumulated report; the table gives a cardiac arrest 2 ambulances whether one person or two are down, so a follow-up
that reports a second arrest (or asks outright for another ambulance) plans none: the new patient gets no ambulance
and no shortfall is said. Before s14 (no on_scene) the follow-up planned two ambulances again.
"""

from __future__ import annotations

import pytest

from tools.determinants import extract
from tools.dispatch import IncidentRequest, plan_dispatch


def _city(make_grid_city, at):
    stations = [
        {"id": "A", "name": "Station A", "location": at(0, 0), "units": [
            {"id": "A1", "type": "ambulance", "status": "dispatched"}, {"id": "A2", "type": "ambulance", "status": "dispatched"},
            {"id": "A3", "type": "engine", "status": "dispatched"}]},
        {"id": "B", "name": "Station B", "location": at(0, 5), "units": [{"id": "B1", "type": "ambulance"}, {"id": "B2", "type": "ambulance"}]},
    ]
    return make_grid_city(6, stations=stations)


@pytest.mark.parametrize("follow_up", [
    "we need another ambulance here, his wife has chest pain now",
    "send one more ambulance please, there is a second patient",
    "we need another ambulance here now, a bystander has collapsed too and is not breathing",
])
def test_a_second_patient_in_a_follow_up_still_gets_an_ambulance(make_grid_city, at, follow_up):
    city = _city(make_grid_city, at)
    text = "A man collapsed at the gym on the treadmill, not breathing, CPR in progress. " + follow_up
    request = IncidentRequest(incident_id="INC-9A", incident_type="medical", priority="P1", lat=at(2, 2)[0], lon=at(2, 2)[1],
                              determinants=extract(text), on_scene=["A1", "A2", "A3"])
    plan = plan_dispatch(city, [request])
    sent = [a.unit_id for a in plan.assignments if a.unit_type == "ambulance"]
    missing = sum(s.missing for s in plan.shortfalls if s.unit_type == "ambulance")
    assert sent or missing, (plan.explanation, plan.warnings)
