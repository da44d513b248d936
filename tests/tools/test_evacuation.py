"""Evacuation planning on the real Helsinki walk network."""

from __future__ import annotations

import pytest
import shapely
from pydantic import ValidationError
from shapely.geometry import LineString, Point, shape

from tools.city import PlanningError
from tools.evacuation import Hazard, plan_evacuation

# A gas leak on Aleksanterinkatu at Kluuvikatu, the main shopping street between Kluuvi and Kaartinkaupunki.
LEAK = (60.16885, 24.94665)


def _uses_street(plan, street: str) -> bool:
    return any(street in r.streets for r in plan.routes)


def test_closing_the_main_street_sends_routes_around_it(city):
    # A fire in Kaartinkaupunki; police close Aleksanterinkatu, the main street on its way north.
    fire = dict(hazard_type="fire", center=(60.1660, 24.9470), radius_m=60)
    open_plan = plan_evacuation(city, Hazard(**fire), zones=["Kaartinkaupunki"])
    assert _uses_street(open_plan, "Aleksanterinkatu"), "precondition: the open plan uses Aleksanterinkatu"
    closed = plan_evacuation(city, Hazard(**fire, closed_roads=["Aleksanterinkatu"]), zones=["Kaartinkaupunki"])
    assert not _uses_street(closed, "Aleksanterinkatu")
    assert closed.served_people == open_plan.served_people
    # Same shelter, longer way round.
    before = {(r.group, r.shelter_id): r.travel_time_min for r in open_plan.routes if "Aleksanterinkatu" in r.streets}
    after = {(r.group, r.shelter_id): r.travel_time_min for r in closed.routes}
    common = set(before) & set(after)
    assert common and all(after[k] >= before[k] for k in common)
    assert any(f["properties"]["kind"] == "hazard" and f["geometry"]["type"] == "LineString" for f in closed.geojson()["features"])


def test_routes_never_reenter_the_hazard_area(city):
    hazard = Hazard(hazard_type="fire", center=(60.1700, 24.9470), radius_m=180)
    plan = plan_evacuation(city, hazard)
    area = shape(plan.hazard_geometry).buffer(-1e-6)  # shrink a hair: boundary points count as outside
    assert plan.routes
    for route in plan.routes:
        inside = [area.contains(Point(c)) for c in route.coordinates]
        first_out = inside.index(False)
        assert not any(inside[first_out:]), f"{route.group} -> {route.shelter_id} goes back into the hazard"
    # People who started inside gathered at an assembly point outside.
    for ap in plan.assembly_points:
        assert not area.contains(Point(ap.lon, ap.lat))


def test_routes_avoid_a_hazard_blocking_the_direct_way(city):
    plan = plan_evacuation(city, Hazard(hazard_type="hazmat", center=LEAK, radius_m=40), zones=["Kaartinkaupunki"])
    area = shape(plan.hazard_geometry)
    for route in plan.routes:
        assert not LineString(route.coordinates).intersects(area)


def test_capacity_forces_a_split_and_is_never_exceeded(city):
    plan = plan_evacuation(city, Hazard(hazard_type="fire", center=(60.1712, 24.9455), radius_m=60), zones=["Kluuvi"])
    by_group = {}
    for a in plan.assignments:
        by_group.setdefault(a.group, set()).add(a.shelter_id)
    assert len(by_group["Kluuvi (general)"]) >= 3   # 8,700 people, no shelter holds more than 3,000
    for s in plan.shelters:
        assert s.load <= s.capacity
    assert plan.served_people + plan.unserved_people == plan.total_people == 9000
    assert plan.unserved_people == 0 and "Everyone" in plan.unserved_statement


def test_min_cost_flow_beats_the_nearest_shelter_baseline(city):
    hazard = Hazard(hazard_type="fire", center=(60.1700, 24.9470), radius_m=200)
    best = plan_evacuation(city, hazard)
    naive = plan_evacuation(city, hazard, strategy="nearest")
    assert best.total_people == naive.total_people
    assert best.unserved_people < naive.unserved_people
    assert "NO shelter place" in naive.unserved_statement


def test_vulnerable_people_only_go_to_accessible_shelters(city):
    plan = plan_evacuation(city, Hazard(hazard_type="fire", center=(60.1740, 24.9515), radius_m=150))
    accessible = {s.id: s.accessible for s in city.scenario.shelters}
    vulnerable = [a for a in plan.assignments if a.group.endswith("(vulnerable)")]
    assert vulnerable and all(accessible[a.shelter_id] for a in vulnerable)


def test_unsuitable_and_inside_shelters_are_skipped_with_reasons(city):
    plan = plan_evacuation(city, Hazard(hazard_type="hazmat", center=(60.1712, 24.9412), radius_m=80))
    status = {s.shelter_id: s.status for s in plan.shelters}
    assert status["SH-RAUTATIEASEMA"].startswith("excluded")
    assert all(a.shelter_id != "SH-RAUTATIEASEMA" for a in plan.assignments)
    flood = plan_evacuation(city, Hazard(hazard_type="flood", center=(60.1680, 24.9520), radius_m=100))
    assert {s.shelter_id: s.status for s in flood.shelters}["SH-OODI"] == "excluded: unsuitable for flood"


def test_a_hazard_covering_every_shelter_leaves_everyone_unserved_said_plainly(city):
    polygon = [(60.160, 24.930), (60.185, 24.930), (60.185, 24.960), (60.160, 24.960)]
    plan = plan_evacuation(city, Hazard(hazard_type="fire", polygon=polygon))
    assert plan.total_people > 0 and plan.served_people == 0 and not plan.assignments
    assert plan.unserved_people == plan.total_people
    assert "NO shelter place" in plan.unserved_statement and "no shelter is usable" in plan.unserved_statement
    assert all(s.status.startswith("excluded") for s in plan.shelters)


def test_zero_capacity_shelter_is_not_used(fresh_city):
    fresh_city.scenario.shelter("SH-KAISATALO").capacity = 0
    plan = plan_evacuation(fresh_city, Hazard(hazard_type="fire", center=(60.1712, 24.9455), radius_m=60), zones=["Kluuvi"])
    status = {s.shelter_id: (s.status, s.load) for s in plan.shelters}
    assert status["SH-KAISATALO"] == ("excluded: zero capacity", 0)


def test_bad_hazards_and_requests_get_clear_errors(city):
    with pytest.raises(PlanningError, match="outside the map"):
        plan_evacuation(city, Hazard(hazard_type="fire", center=(61.5, 25.5), radius_m=100))
    with pytest.raises(PlanningError, match="unknown zone 'Atlantis'.*Kluuvi"):
        plan_evacuation(city, Hazard(hazard_type="fire", center=LEAK, radius_m=50), zones=["Atlantis"])
    with pytest.raises(PlanningError, match="name the zones"):
        plan_evacuation(city, Hazard(hazard_type="fire", closed_roads=["Aleksanterinkatu"]))
    with pytest.raises(PlanningError, match="travel mode"):
        plan_evacuation(city, Hazard(hazard_type="fire", center=LEAK, radius_m=50), mode="teleport")
    with pytest.raises(PlanningError, match="no area"):
        plan_evacuation(city, Hazard(hazard_type="fire", polygon=[(60.17, 24.94), (60.171, 24.941), (60.172, 24.942)]))
    for bad in ({"hazard_type": "volcano", "center": LEAK, "radius_m": 10}, {"hazard_type": "fire", "center": LEAK},
                {"hazard_type": "fire", "center": LEAK, "radius_m": -5}, {"hazard_type": "fire", "polygon": [(60.1, 24.9)]}):
        with pytest.raises(ValidationError):
            Hazard(**bad)


def test_unknown_closed_road_is_a_warning_not_a_silent_no_op(city):
    plan = plan_evacuation(city, Hazard(hazard_type="fire", center=LEAK, radius_m=30, closed_roads=["Aleksanterinkatuu"]), zones=["Kluuvi"])
    assert any("Aleksanterinkatuu" in w and "Aleksanterinkatu" in w for w in plan.warnings)


def test_geojson_and_summary_for_the_map(city):
    plan = plan_evacuation(city, Hazard(hazard_type="fire", center=(60.1700, 24.9470), radius_m=150))
    features = plan.geojson()["features"]
    kinds = {f["properties"]["kind"] for f in features}
    assert {"hazard", "shelter", "route", "assembly_point", "zone"} <= kinds
    for f in features:
        assert "name" in f["properties"]
        if f["properties"]["kind"] == "shelter":
            assert {"load", "capacity"} <= set(f["properties"])
        if f["properties"]["kind"] == "route":
            assert {"people", "travel_time_min"} <= set(f["properties"])
            lon, lat = f["geometry"]["coordinates"][0]
            assert 24.9 < lon < 25.0 and 60.1 < lat < 60.2   # [lon, lat] order
    assert shapely.is_valid(shape(plan.hazard_geometry))
    text = plan.summary()
    assert "clearance" in text.lower() and plan.assignments[0].shelter_name in text
    assert plan.clearance_time_min and plan.clearance_time_min >= max(a.travel_time_min for a in plan.assignments)


def test_min_cost_flow_is_no_worse_than_capacity_aware_greedy(city):
    hazard = Hazard(hazard_type="fire", center=(60.1700, 24.9470), radius_m=200)
    best = plan_evacuation(city, hazard)
    greedy = plan_evacuation(city, hazard, strategy="greedy")
    assert best.served_people >= greedy.served_people
    if best.served_people == greedy.served_people:
        assert best.total_person_minutes <= greedy.total_person_minutes + 0.1
    for s in greedy.shelters:
        assert s.load <= s.capacity


def test_flow_solver_matches_a_linear_programme_optimum():
    """The min-cost-flow assignment reaches the LP optimum (scipy linprog) on random instances."""
    import numpy as np
    from scipy.optimize import linprog

    from tools.evacuation import UNSERVED_COST, _Group, _solve_min_cost_flow
    from tools.scenario import Shelter, Zone

    rng = np.random.default_rng(3)
    zone = Zone(id="Z", name="Z", center=(60.17, 24.94), radius_m=100, population={"resident": 1, "daytime": 1})
    for _ in range(5):
        n_g, n_s = rng.integers(2, 6), rng.integers(2, 6)
        groups = [_Group(f"g{i}", zone, int(rng.integers(50, 400)), False) for i in range(n_g)]
        shelters = [(Shelter(id=f"s{j}", name=f"s{j}", location=(60.17, 24.94), capacity=int(rng.integers(50, 500))), j) for j in range(n_s)]
        cost = rng.integers(60, 1800, size=(n_g, n_s)).astype(float)
        cost[rng.random((n_g, n_s)) < 0.2] = np.inf  # some shelters unreachable from some groups
        flows = _solve_min_cost_flow(groups, shelters, cost)
        served = sum(flows.values())
        ours = sum(cost[i, j] * p for (i, j), p in flows.items()) + UNSERVED_COST * (sum(g.people for g in groups) - served)
        # LP: x_ij >= 0 (inf arcs fixed to 0), u_i >= 0 unserved; sum_j x_ij + u_i = people_i; sum_i x_ij <= cap_j.
        c = np.concatenate([np.where(np.isfinite(cost), cost, 0).ravel(), np.full(n_g, UNSERVED_COST)])
        bounds = [(0, 0) if not np.isfinite(v) else (0, None) for v in cost.ravel()] + [(0, None)] * n_g
        a_eq = np.zeros((n_g, n_g * n_s + n_g))
        for i in range(n_g):
            a_eq[i, i * n_s:(i + 1) * n_s] = 1
            a_eq[i, n_g * n_s + i] = 1
        a_ub = np.zeros((n_s, n_g * n_s + n_g))
        for j in range(n_s):
            a_ub[j, j:n_g * n_s:n_s] = 1
        lp = linprog(c, A_ub=a_ub, b_ub=[s.capacity for s, _ in shelters], A_eq=a_eq, b_eq=[g.people for g in groups], bounds=bounds)
        assert lp.status == 0
        assert ours == pytest.approx(lp.fun, rel=1e-9, abs=1.0)
        for j, (s, _) in enumerate(shelters):
            assert sum(p for (_, jj), p in flows.items() if jj == j) <= s.capacity
