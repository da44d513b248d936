"""The dispatch planner's steps one by one, on a small grid where the right answer is known."""

from __future__ import annotations

import numpy as np
import pytest

from tools.dispatch import IncidentRequest
from tools.dispatch.steps import RoadTimes, assign_by_priority, assign_nearest, available_units, demand_slots, eta_matrix, shortfalls, snap_incidents


def _city(make_grid_city, at):
    stations = [
        {"id": "A", "name": "Station A", "location": at(0, 0), "units": [{"id": "A1", "type": "ambulance"}, {"id": "A2", "type": "engine", "status": "dispatched"}]},
        {"id": "B", "name": "Station B", "location": at(0, 5), "units": [{"id": "B1", "type": "ambulance"}]},
    ]
    return make_grid_city(6, stations=stations)


def test_only_available_units_are_considered_and_the_others_are_named(make_grid_city, at):
    city = _city(make_grid_city, at)
    warnings, explanation = [], []
    units = available_units(city, warnings, explanation)
    assert [u.unit.id for u in units] == ["A1", "B1"]
    assert explanation == ["Not considered (status): A2 (dispatched)."]


def test_road_times_are_the_same_searched_forwards_or_backwards(make_grid_city, at):
    city = _city(make_grid_city, at)
    idx = city.index("drive")
    units, incs = [0, 5, 35], [14]
    back, fwd = RoadTimes(idx, units, incs), RoadTimes(idx, units, incs + [20, 21, 22])
    assert back.backwards and not fwd.backwards
    for u in units:
        assert back.time(u, 14) == fwd.time(u, 14)
        assert back.path(u, 14) == fwd.path(u, 14)


def test_p1_gets_the_closer_unit_and_the_baseline_double_books(make_grid_city, at):
    city = _city(make_grid_city, at)
    warnings, explanation = [], []
    # Two medical calls near station A: P2 first in the list, P1 second.
    incidents = [IncidentRequest(incident_id="p2", incident_type="medical", priority="P2", lat=at(1, 0)[0], lon=at(1, 0)[1]),
                 IncidentRequest(incident_id="p1", incident_type="medical", priority="P1", lat=at(0, 1)[0], lon=at(0, 1)[1])]
    planned = snap_incidents(city, incidents, warnings)
    units = available_units(city, warnings, explanation)
    eta = eta_matrix(RoadTimes(city.index("drive"), [u.node for u in units], [n for _, n in planned]), units, planned)
    assert eta[0, 0] == pytest.approx(60 + 10) and eta[1, 1] == pytest.approx(60 + 40)   # turnout + road time (100 m at 10 m/s per block)
    slots = demand_slots(planned, explanation)
    assert slots == [(0, "ambulance"), (1, "ambulance")]
    chosen = dict(assign_by_priority(slots, planned, units, eta))
    assert units[chosen[1]].unit.id == "A1" and units[chosen[0]].unit.id == "B1"
    assert {k for _, k in assign_nearest(slots, units, eta)} == {0}  # both calls take A1
    # A third call finds no ambulance left: a shortfall with mutual-aid advice.
    slots.append((0, "ambulance"))
    short = shortfalls(city, list(chosen.items()), slots, planned, explanation)
    assert [(s.incident_id, s.missing) for s in short] == [("p2", 1)]
    assert "mutual aid" in short[0].advice and np.isfinite(eta).all()


def test_units_on_scene_count_against_the_need_and_only_the_rest_is_planned(make_grid_city, at):
    """A2 (engine) is dispatched to this very incident: the fire's engine need is one fewer; no shortfall is raised for
    it, and the plan names it as on scene. Without ``on_scene`` the same request is short of an engine."""
    from tools.dispatch import plan_dispatch

    city = _city(make_grid_city, at)
    base = dict(incident_id="INC-77", incident_type="fire", priority="P2", lat=at(2, 2)[0], lon=at(2, 2)[1])
    before = plan_dispatch(city, [IncidentRequest(**base)])
    after = plan_dispatch(city, [IncidentRequest(**base, on_scene=["a2"])])
    short = lambda plan, kind: sum(s.missing for s in plan.shortfalls if s.unit_type == kind)  # noqa: E731
    assert short(after, "engine") == short(before, "engine") - 1
    assert any(line.startswith("On scene at INC-77") and "A2 (engine)" in line for line in after.explanation)
    assert "A2" not in {a.unit_id for a in after.assignments}  # it is there already, not sent again
