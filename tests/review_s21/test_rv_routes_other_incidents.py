"""Review s21: routes may no longer pass through another open incident's area (tools.evacuation.steps.other_area_edges).
When other incidents ring a hazard, people are cut off: the plan must say so, not drop them silently. It does count
them (unserved_people), but its statement blames shelter capacity ("open more shelter capacity") and never names the
other incidents that close the way, so the duty officer is sent to the wrong fix."""

from __future__ import annotations

import math

import pytest

from tools.city import CityModel
from tools.evacuation import Hazard, plan_evacuation
from tools.scenario import load_scenario

CENTER = (60.1712, 24.9441)


@pytest.fixture(scope="module")
def ringed():
    base = CityModel.load()
    city = CityModel(load_scenario(), base.drive, base.walk, base.landmarks, base.stats, base.features)
    areas = []
    for k in range(16):  # overlapping circles all round the hazard: every way out enters one of them
        a = 2 * math.pi * k / 16
        lat = CENTER[0] + 380 * math.cos(a) / 111_320
        lon = CENTER[1] + 380 * math.sin(a) / (111_320 * math.cos(math.radians(CENTER[0])))
        areas.append((f"INC-R{k}", lat, lon, 160.0))
    city.set_incident_areas(areas)
    return plan_evacuation(city, Hazard(hazard_type="fire", center=CENTER, radius_m=150))


def test_people_cut_off_by_other_incidents_are_counted(ringed):
    assert ringed.unserved_people > 0
    assert ringed.served_people + ringed.unserved_people == ringed.total_people
    assert str(ringed.unserved_people) in ringed.unserved_statement.replace(",", "")


@pytest.mark.xfail(strict=True, reason="review s21 (LOW/MED): the unserved statement blames shelter capacity and names "
                   "no other open incident whose area closes the way out; needs a reachability check per group "
                   "with and without other_area_edges (tools/evacuation/report), more than a local fix")
def test_the_unserved_statement_names_the_other_incidents(ringed):
    assert "INC-R" in ringed.unserved_statement or "another open incident" in ringed.unserved_statement
