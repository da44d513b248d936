"""A place that is no building (a metro station or its entrance, a square, a district, a campus) never lends the plan the
footprint its point lies under or beside: the action names no building the report does not put the hazard in.

Found in session 13: a fire at a metro-station entrance evacuated the city block over the underground station (its
point lies inside that block) or the nearest footprint. Sentences written for this test, en, fi and zh."""

from __future__ import annotations

import pytest

from tools.protective import plan_protective_action
from tools.protective.buildings import city_buildings
from tools.protective.place import is_open_place, place_building


def _entry(city, name: str, category: str):
    return next(e for e in city.gazetteer.entries if e.name == name and e.category == category).match(1.0)


@pytest.mark.parametrize(("name", "category"), [("Helsingin yliopisto", "railway=subway_entrance"), ("Helsingin yliopisto", "railway=station"),
                                                ("Helsingin yliopisto", "amenity=university")])
def test_a_station_an_entrance_or_a_campus_is_no_building(city, name, category):
    # The entrance's point lies inside a city block; the campus holds many buildings: neither is one building.
    assert place_building(city, city_buildings(city), _entry(city, name, category)) == (None, False)


def test_a_station_hall_named_like_the_station_is_its_building(city):
    b = city_buildings(city)
    station = _entry(city, "Helsingin päärautatieasema", "public_transport=station")
    assert is_open_place(station)
    i, is_building = place_building(city, b, station)
    assert is_building and i is not None and b.name[i] == "Helsingin päärautatieasema"


@pytest.mark.parametrize("text", [
    "Something is burning down at the Kaisaniemi metro entrance, smoke coming up the steps",
    "Kaisaniemen metron sisäänkäynnillä palaa jotain, savua nousee portaita ylös",
    "Kaisaniemi 地铁站的入口那里着火了，楼梯上冒烟",
    "There's a fire at the top of the escalators of the Kaisaniemi metro, by the street doors",
])
def test_a_fire_at_a_metro_entrance_evacuates_no_building(city, text):
    plan = plan_protective_action(city, text, "fire", routing=False)
    assert plan.building is None, plan.building
    assert plan.primary == "isolate_deny_entry" and plan.people_moved == 0
    assert "open_place_from_map" in plan.cues["found"]


@pytest.mark.parametrize("text", [
    "People coughing and eyes stinging at the Kaisaniemi metro entrance, some chemical smell",
    "Kaisaniemi 地铁站入口有一股化学品的味道，好几个人在咳嗽",
])
def test_a_release_at_a_metro_entrance_is_planned_outdoors(city, text):
    plan = plan_protective_action(city, text, "hazmat", routing=False)
    assert plan.building is None
    assert plan.primary == "evacuate_area" and plan.rule == "H12"


@pytest.mark.parametrize(("text", "place"), [
    ("Fire in a flat on the corner by Rautatientori, the stairwell is filling with smoke", "Rautatientori"),
    ("Rautatientorin laidalla olevassa kerrostalossa asunto palaa, rappukäytävä savuinen", "Rautatientori"),
])
def test_a_building_the_report_puts_the_fire_in_by_a_square_is_assumed_not_borrowed(city, text, place):
    plan = plan_protective_action(city, text, "fire", routing=False)
    assert plan.building is not None and plan.building.source == "assumed"
    assert plan.building.label == f"the building the report names, at {place}"
    assert any("is no building of the map" in w for w in plan.warnings)


def test_a_suitcase_in_the_railway_station_hall_still_evacuates_the_station(city):
    plan = plan_protective_action(city, "Unattended suitcase with wires sticking out in the Central Station's main hall", "public_security", routing=False)
    assert plan.building is not None and plan.building.source == "osm" and plan.building.label == "Helsingin päärautatieasema"


@pytest.mark.parametrize("text", ["Kluuvi商场里面冒烟了，顾客正在往外走", "Smoke in the Kluuvi mall food court, shoppers leaving"])
def test_a_district_s_own_mall_is_that_mall_not_the_district(city, text):
    # A district is no building; "<district> mall" is the district's own mall when the map has it (Kauppakeskus Kluuvi).
    plan = plan_protective_action(city, text, "fire", routing=False)
    assert plan.building is not None and plan.building.source == "osm" and plan.building.label == "Kauppakeskus Kluuvi"


@pytest.mark.parametrize("text", ["Kluuvi的一套公寓着火了", "Fire in a flat in Kluuvi, top floor"])
def test_a_flat_somewhere_in_a_district_is_assumed_not_the_block_at_the_district_s_point(city, text):
    plan = plan_protective_action(city, text, "fire", routing=False)
    assert plan.building is not None and plan.building.source == "assumed"
    assert plan.building.label == "the building the report names, at Kluuvi"
