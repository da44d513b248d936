"""Review s14-rv2: regressions of round 9's 'a place that is no building' (tools/protective/place.py place_building)
and the planner's outdoor re-read, on the real OSM extract. Sentences written for this review."""

from __future__ import annotations

import pytest

from tools.protective import plan_protective_action


# Finding 1 (HIGH): a landmark drawn as an area with an invalid polygon (the Nordstrom Building, Bockin talo) makes
# place_building's area share raise shapely's GEOSException (TopologyException): a flat fire in a building named by its
# own name is a raw traceback instead of the building's evacuation (before round 9: F2/F3 on that very building).
@pytest.mark.parametrize(("text", "name"), [
    ("Flames in a kitchen in the Nordstrom Building, the family got out but smoke is spreading up the stairs", "Nordstrom Building"),
    ("Bockin talo 里二楼一间办公室着火了，里面还有人", "Bockin talo"),
])
def test_a_building_drawn_with_a_faulty_outline_is_still_planned_not_a_traceback(city, text, name):
    plan = plan_protective_action(city, text, "fire", routing=False)
    assert plan.primary == "evacuate_building"
    assert plan.building is not None and plan.building.label == name


# Finding 2 (HIGH): an indoor passage the map has as a footway through a building (Rautatieaseman Kauppakuja in the
# central station, Marmorikuja in the Citycenter mall) is read as "no building" (key highway): a shop fire in it
# evacuates "the building the report names", an assumed 600 m² footprint of ~78 people, not the station or mall the
# passage runs through (before: Helsingin päärautatieasema, ~3300; Kauppakeskus Citycenter, ~3600).
@pytest.mark.parametrize(("text", "building"), [
    ("A shop is burning inside Rautatieaseman Kauppakuja, the passage is full of shoppers", "Helsingin päärautatieasema"),
    ("Marmorikujan liikkeessä palaa, savua on jo käytävässä ja ihmisiä sisällä", "Kauppakeskus Citycenter"),
    ("Marmorikuja 里面一家店着火了，商场里很多人", "Kauppakeskus Citycenter"),
])
def test_a_fire_in_an_indoor_passage_evacuates_the_building_it_runs_through(city, text, building):
    plan = plan_protective_action(city, text, "fire", routing=False)
    assert plan.building is not None and plan.building.label == building, plan.building


# Finding 5 (MED): a school drawn as an area around its own house and its neighbours' blocks (amenity=college
# "Ruotsinkielinen sosiaalitieteiden koulu": the school's house, tagged school and named in Swedish, holds under half
# the built area) is "no building": a classroom fire evacuates an assumed footprint "at" the school, not the school's
# own house the map has there (before: Svenska Social-och Kommunalhögskolan).
@pytest.mark.parametrize("text", [
    "Smoke from a lecture room at Ruotsinkielinen sosiaalitieteiden koulu, about 60 students still in the building",
    "Ruotsinkielinen sosiaalitieteiden koulu 的一间教室起火了，学生还在楼里",
])
def test_a_school_area_with_one_school_house_evacuates_that_house(city, text):
    plan = plan_protective_action(city, text, "fire", routing=False)
    assert plan.building is not None and plan.building.label == "Svenska Social-och Kommunalhögskolan", plan.building


# Finding 4 (HIGH): a fire *inside* an underground metro station with passengers down there is re-read "outdoors"
# because read_open_place_cues blanks the station's own words (station, platform, 地铁站, 站台) -- and with them the
# words that put the hazard inside ("地铁站里", "on the platform", "in the ticket hall"): F1 isolate_deny_entry, nobody
# moved. Before round 9 the wrong block over the station was evacuated; now nobody, not even the passengers, is.
@pytest.mark.parametrize("text", [
    "Burning smell and smoke down in the Kaisaniemi metro station, a train's worth of passengers still on the platform",
    "Rautatientori 地铁站里面起火了，站台上还有好多人没上来",
])
def test_a_fire_inside_an_underground_station_with_people_down_there_moves_them(city, text):
    plan = plan_protective_action(city, text, "fire", routing=False)
    assert plan.primary != "isolate_deny_entry" and plan.people_moved > 0, (plan.rule, plan.primary, plan.people_moved)


# Finding 3 (HIGH): the central station said by its railway name "Helsingin asema" (railway=station; its point lies on
# the tracks, outside the hall) is no building: neither the name test (the hall is "Helsingin päärautatieasema") nor the
# hall test (the point inside a public footprint) finds the hall. A fire in the station hall full of passengers is an
# assumed flat fire (F2, 12 people) or, in Finnish, an outdoor fire (F1, nobody moved); before: the station, ~3300.
@pytest.mark.parametrize("text", [
    "Smoke coming out of a shop in the hall of Helsingin asema, the hall is packed with commuters",
    "Helsingin asemalla palaa, savu täyttää asemahallin ja sisällä on satoja matkustajia",
])
def test_a_fire_in_the_central_station_hall_said_by_its_railway_name_evacuates_the_station(city, text):
    plan = plan_protective_action(city, text, "fire", routing=False)
    assert plan.building is not None and plan.building.label == "Helsingin päärautatieasema", (plan.rule, plan.building)
