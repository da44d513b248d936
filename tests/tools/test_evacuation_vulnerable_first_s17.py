"""Vulnerable people get the accessible shelter places first, and any left without a place are named in the plan
(trial 17 T40: a hazmat plan sheltered 5,800 of 7,000, all of them from the general group; the 300 vulnerable people
were on no line and the plan never said so)."""

from __future__ import annotations

import pytest

from tools.evacuation import Hazard, plan_evacuation


def _short_city(make_grid_city, at, accessible_capacity: int):
    # 7 x 7 blocks of 100 m; 300 people (60 vulnerable) in the middle; one accessible hall nearer than a plain school.
    zones = [{"id": "M", "name": "Middle", "center": at(3, 3), "radius_m": 150, "population": {"resident": 100, "daytime": 300, "vulnerable": 60}}]
    shelters = [
        {"id": "ACC", "name": "Accessible hall", "location": at(0, 0), "capacity": accessible_capacity, "accessible": True},
        {"id": "PLAIN", "name": "Plain school", "location": at(6, 6), "capacity": 100, "accessible": False},
    ]
    return make_grid_city(7, zones=zones, shelters=shelters)


def _vulnerable_served(plan) -> int:
    return sum(a.people for a in plan.assignments if "(vulnerable)" in a.group)


@pytest.mark.parametrize("hazard_type", ["fire", "hazmat"])
def test_the_accessible_places_go_to_vulnerable_people_before_anyone_else(make_grid_city, at, hazard_type):
    city = _short_city(make_grid_city, at, accessible_capacity=100)
    plan = plan_evacuation(city, Hazard(hazard_type=hazard_type, center=tuple(at(3, 3)), radius_m=150))
    assert plan.total_people == 300 and plan.served_people == 200
    assert _vulnerable_served(plan) == 60, [(a.group, a.shelter_id, a.people) for a in plan.assignments]
    assert all(a.shelter_id == "ACC" for a in plan.assignments if "(vulnerable)" in a.group)


def test_vulnerable_people_left_without_a_place_are_named(make_grid_city, at):
    city = _short_city(make_grid_city, at, accessible_capacity=40)
    plan = plan_evacuation(city, Hazard(hazard_type="fire", center=tuple(at(3, 3)), radius_m=150))
    assert _vulnerable_served(plan) == 40
    assert "20 vulnerable" in plan.unserved_statement and "Middle" in plan.unserved_statement, plan.unserved_statement


@pytest.mark.parametrize(("hazard_type", "radius_m"), [("hazmat", 300), ("fire", 350)])
def test_a_short_plan_in_the_city_shelters_the_vulnerable_group(city, hazard_type, radius_m):
    plan = plan_evacuation(city, Hazard(hazard_type=hazard_type, center=(60.1680, 24.9372), radius_m=radius_m))
    vulnerable = sum(g.people for g in plan.groups if g.vulnerable)
    assert plan.unserved_people > 0 and vulnerable > 0  # capacity is short: someone goes without
    assert _vulnerable_served(plan) == vulnerable, plan.unserved_statement
