"""Dispatch planning on the real Helsinki drive network."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from tools.city import PlanningError
from tools.dispatch import REQUIREMENTS, IncidentRequest, apply_dispatch, overcommitted_units, plan_dispatch
from tools.scenario import HAZARD_TYPES


def _incident(city, iid, kind, prio, place):
    p = city.gazetteer.resolve(place)
    return IncidentRequest(incident_id=iid, incident_type=kind, priority=prio, lat=p.lat, lon=p.lon, location_name=p.name)


def test_requirement_table_covers_the_triage_taxonomy():
    assert set(REQUIREMENTS) == set(HAZARD_TYPES)
    assert REQUIREMENTS["fire"] == {"engine": 2, "ladder": 1, "ambulance": 1}
    assert REQUIREMENTS["not_incident"] == {}


def test_two_simultaneous_p1_fires_compete_for_units(city):
    incidents = [_incident(city, "A", "fire", "P1", "Stockmann"), _incident(city, "B", "fire", "P1", "Hakaniemen tori")]
    plan = plan_dispatch(city, incidents)
    used = [a.unit_id for a in plan.assignments]
    assert len(used) == len(set(used)), "a unit was sent to two incidents"
    available_engines = [u.id for _, u in city.units() if u.type == "engine" and u.status == "available"]
    engines = [a for a in plan.assignments if a.unit_type == "engine"]
    assert len(engines) == len(available_engines) == 3      # 4 needed, 3 exist: all go, one is short
    short = {(s.unit_type, s.missing) for s in plan.shortfalls}
    assert ("engine", 1) in short and ("ladder", 1) in short   # the second ladder is out of service
    assert all("mutual aid" in s.advice for s in plan.shortfalls)
    assert "ERO-L2" not in used
    assert any("compete" in line for line in plan.explanation)
    # Each incident gets its nearest units: Hakaniemi's engine stays at Hakaniemi.
    assert {a.unit_id for a in plan.units_for("B") if a.unit_type == "engine"} == {"HAK-E1"}
    # The naive baseline sends the same units to both fires.
    naive = plan_dispatch(city, incidents, strategy="nearest")
    assert overcommitted_units(naive) > 0 and overcommitted_units(plan) == 0


def test_p1_gets_the_scarce_unit_before_a_closer_p2(city):
    near_p2 = _incident(city, "NEAR-P2", "fire", "P2", "Erottajan paloasema")
    far_p1 = _incident(city, "FAR-P1", "fire", "P1", "Hakaniemen tori")
    plan = plan_dispatch(city, [near_p2, far_p1])
    ladder = [a for a in plan.assignments if a.unit_type == "ladder"]
    assert [(a.unit_id, a.incident_id) for a in ladder] == [("ERO-L1", "FAR-P1")]
    assert any(s.incident_id == "NEAR-P2" and s.unit_type == "ladder" for s in plan.shortfalls)
    order = [a.incident_id for a in plan.assignments]
    assert order.index("FAR-P1") < order.index("NEAR-P2")


def test_etas_grow_with_road_distance(city):
    near = _incident(city, "N", "medical", "P2", "Kasarmitori")
    plan = plan_dispatch(city, [near])
    (a,) = plan.assignments
    assert a.unit_id == "ERO-A1" and 1.0 <= a.eta_min < 4.0     # 1 min turnout + a few hundred metres
    assert len(a.route) >= 2 and a.distance_m > 100


def test_unit_status_is_respected_and_units_never_invented(fresh_city):
    fresh_city.set_unit_status("ERO-A1", "dispatched")
    plan = plan_dispatch(fresh_city, [_incident(fresh_city, "M", "medical", "P1", "Kasarmitori")])
    assert plan.assignments[0].unit_id != "ERO-A1"
    for _, unit in fresh_city.units():
        fresh_city.set_unit_status(unit.id, "out_of_service")
    plan = plan_dispatch(fresh_city, [_incident(fresh_city, "F", "fire", "P1", "Stockmann")])
    assert plan.assignments == []
    assert sum(s.missing for s in plan.shortfalls) == 4
    assert "Senaatintori" in plan.summary() or "staging area" in plan.summary()


def test_apply_dispatch_marks_units_dispatched(fresh_city):
    plan = plan_dispatch(fresh_city, [_incident(fresh_city, "T", "traffic_accident", "P2", "Senaatintori")])
    ids = apply_dispatch(fresh_city, plan)
    assert ids and all(fresh_city.unit_status()[u] == "dispatched" for u in ids)
    again = plan_dispatch(fresh_city, [_incident(fresh_city, "T2", "traffic_accident", "P2", "Senaatintori")])
    assert not set(ids) & {a.unit_id for a in again.assignments}


def test_out_of_map_and_off_road_incidents(city):
    outside = IncidentRequest(incident_id="FAR", incident_type="fire", priority="P1", lat=61.5, lon=25.5)
    pedestrian = _incident(city, "PED", "medical", "P2", "Oodi")   # a library in a car-free area
    plan = plan_dispatch(city, [outside, pedestrian])
    assert [i.incident_id for i in plan.incidents] == ["PED"]
    assert any("FAR not planned" in w and "outside the map" in w for w in plan.warnings)
    assert any("PED" in w and "drivable road" in w for w in plan.warnings)
    assert plan.units_for("PED")


def test_not_an_incident_needs_nothing_and_bad_requests_are_refused(city):
    plan = plan_dispatch(city, [_incident(city, "X", "not_incident", "P4", "Senaatintori")])
    assert plan.assignments == [] and plan.shortfalls == [] and any("needs no units" in e for e in plan.explanation)
    assert plan_dispatch(city, []).summary() == "No incidents to dispatch to."
    with pytest.raises(PlanningError, match="unique"):
        plan_dispatch(city, [_incident(city, "D", "medical", "P2", "Senaatintori")] * 2)
    for bad in ({"priority": "P9"}, {"incident_type": "alien_invasion"}, {"lat": float("nan")}):
        with pytest.raises(ValidationError):
            IncidentRequest(**{"incident_id": "I", "incident_type": "fire", "priority": "P1", "lat": 60.17, "lon": 24.94, **bad})


def test_geojson_for_the_map(city):
    plan = plan_dispatch(city, [_incident(city, "A", "fire", "P1", "Stockmann")])
    features = plan.geojson()["features"]
    kinds = {f["properties"]["kind"] for f in features}
    assert {"incident", "unit", "dispatch_line", "staging"} <= kinds
    units = [f for f in features if f["properties"]["kind"] == "unit"]
    assert len(units) == len(city.units())
    assert all({"unit_id", "unit_type", "status", "name"} <= set(f["properties"]) for f in units)
