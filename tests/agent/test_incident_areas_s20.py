"""Session 20, issue 16 defect 3: another open incident's area is where a plan sends nobody. The store gives each open
incident's protective circle from its latest plan: the protective action's cordon or evacuation radius, and also an
evacuation ordered as a circle ("evacuate 300 m around Kamppi", plan_evacuation's hazard), which session 19 left out."""

from __future__ import annotations

from agent.schemas import ResponsePlan
from agent.store import IncidentStore


def _incident(store: IncidentStore, text: str, plan_id: str, tool_outputs: dict) -> str:
    incident = store.create_incident(text, "op").incident_id
    store.save_plan(ResponsePlan(plan_id=plan_id, incident_id=incident, report=text, tool_outputs=tool_outputs), "op")
    return incident


def test_an_evacuation_ordered_as_a_circle_is_an_incidents_area(tmp_path):
    store = IncidentStore(tmp_path / "log.sqlite")
    kamppi = _incident(store, "evacuate 300 m around Kamppi", "P-EV", {"plan_evacuation": {"hazard": {
        "hazard_type": "fire", "center": [60.168, 24.9372], "radius_m": 300.0, "polygon": None}}})
    cordon = _incident(store, "backpack on Rautatientori", "P-PS", {"plan_protective_action": {
        "lat": 60.171223, "lon": 24.944113, "isolation_m": 100.0}})
    areas = {i: (lat, lon, r) for i, lat, lon, r in store.open_incident_areas()}
    assert areas[kamppi] == (60.168, 24.9372, 300.0)
    assert areas[cordon] == (60.171223, 24.944113, 100.0)


def test_a_protective_plan_without_a_cordon_falls_back_to_its_evacuation_circle(tmp_path):
    # A building evacuation (no isolation radius) whose plan also evacuated a circle: that circle is its area.
    store = IncidentStore(tmp_path / "log.sqlite")
    both = _incident(store, "fire at Annankatu 25", "P-B", {
        "plan_protective_action": {"lat": 60.1674, "lon": 24.9366, "isolation_m": None},
        "plan_evacuation": {"hazard": {"hazard_type": "fire", "center": [60.1674, 24.9366], "radius_m": 150.0, "polygon": None}}})
    none = _incident(store, "gas smell in a flat", "P-N", {"plan_protective_action": {"lat": 60.17, "lon": 24.94, "isolation_m": None}})
    areas = {i: (lat, lon, r) for i, lat, lon, r in store.open_incident_areas()}
    assert areas[both] == (60.1674, 24.9366, 150.0)
    assert none not in areas
