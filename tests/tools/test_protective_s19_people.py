"""Session 19, issue 16 (people moved within +-50 % of the team's building-based estimate): general causes found on
bench/data/protective_actions_dev14.yaml (and dev13), each said in several wordings that are not the dev items'.

- A care home / nursing home is where its residents live: residential density (flats), not public / assembly, and its
  fire follows the residential rows (F2/F3). Section 4's public class is for assembly (station, library, theatre...).
- (A self-intersecting footprint's area: replaced in session 20 by the valid polygon's, test_protective_s20.py.)
- Water standing knee-deep or flowing into a building's rooms is FL2 (two authors, dev13 and dev14, read it so).
- A kiosk inside a building's hall is a fire in that building (F4), not F1's outdoor kiosk.
"""

from __future__ import annotations

import pytest

from tools.protective import extract_protective_cues, plan_protective_action
from tests.tools.helpers import protective_row


# --- care homes are residential -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Fire alarm at the care home, smoke in the corridor of the second floor",
    "The nursing home on our street has smoke coming from a resident's room",
    "Smoke in the old people's home, the night staff are moving residents",
    "养老院二楼走廊里有烟，护工正在转移老人",
    "敬老院的厨房着火了",
])
def test_a_care_home_is_a_residential_building(text):
    cues = extract_protective_cues(text)
    assert cues.building_use == "residential", cues
    assert cues.building_type == "residential", cues


def test_a_care_home_at_night_counts_residents_at_the_flats_density(city):
    # Snellmaninkatu 10: an untagged block (about 645 m2, no building:levels -> 6 floors). The care home's word for the
    # whole building makes it residential: 6 x 645 x 3.0 / 100 = 116 at night (public would give 39).
    plan = plan_protective_action(city, "Night nurse at the care home at Snellmaninkatu 10, 02:10: smoke is coming down the "
                                        "main stairs from the attic and most residents cannot walk", "fire", routing=False)
    assert plan.rule == "F3"
    # session 20: the care-home class (occupied day and night), counted at the flats' night figure
    assert plan.building is not None and plan.building.use == "care_home"
    assert 100 <= plan.people_moved <= 130


def test_a_care_home_by_day_in_chinese_is_not_counted_as_an_assembly_hall(city):
    # Korkeavuorenkatu 24: untagged, about 821 m2 x 6 floors. Session 20 (lead's decision): a care home is occupied day
    # and night, so by day it counts 3.0 / 100 m2 as at night -> about 148 (session 19 counted the flats' day 1.0: 49;
    # public 10.0 gave 490).
    plan = plan_protective_action(city, "Korkeavuorenkatu 24的养老院，上午十点，厨房煤气味很重，有嘶嘶声，一位老人头晕。", "hazmat", routing=False)
    assert plan.rule == "H2"
    assert plan.building is not None and plan.building.use == "care_home"
    assert 130 <= plan.people_moved <= 165


@pytest.mark.parametrize("text", [
    "Smoke is coming down the main stairs from the attic, the residents are still in their flats",
    "Smoke drifting down the back staircase, we can't get out",
    "Smoke is pouring into the main stairwell of our block of flats",
])
def test_smoke_down_a_named_stair_is_smoke_in_the_stairwell(text):
    # F3's smoke in the stairwell (round 8: coming, rolling or drifting down the stairs), with a word for which stair.
    assert protective_row("fire", text) == "F3"


# --- a self-intersecting footprint ----------------------------------------------------------------------------------
# Session 20 (lead's decision): the area of the polygon made valid (shapely make_valid), not the signed shoelace area:
# tests/tools/test_protective_s20.py::test_a_self_intersecting_footprint_counts_the_area_it_encloses (Fredrikinkatu 30
# about 950 m2, Eerikinkatu 10 69 m2). Session 19's test of the signed area (540 m2) was replaced there.


# --- water in the building's rooms ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Water from a burst main is running down the steps into the shop and the storeroom below is filling, it's up to our knees",
    "A pipe burst behind the wall of our basement store, water is pouring in and it is half a metre deep down there",
    "The cellar is filling up, the water is already up to my knees",
    "Water is seeping under the door into the shop from the flooded yard",
    "地下储藏室的水已经到膝盖了，还在涨",
])
def test_water_standing_or_flowing_in_the_buildings_rooms_is_fl2(text):
    assert protective_row("flood", text) == "FL2"


@pytest.mark.parametrize("text", [
    "The street in front of the shop is flooded up to our knees",
    "The underpass is flooded, water knee-deep, nobody inside",
    "A water main burst on Mannerheimintie, the road is half a metre deep in water",
    "Water is pouring in from the street into the underpass, nobody is down there",
])
def test_street_water_stays_fl1(text):
    assert protective_row("flood", text) == "FL1"


# --- a kiosk inside a hall ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Smoke coming out of a closed kiosk in the main hall of the railway station",
    "A kiosk inside the shopping centre's ground-floor hall is burning",
    "A newspaper stand in the station concourse is on fire",
])
def test_a_kiosk_inside_a_hall_is_a_fire_in_the_building(text):
    assert protective_row("fire", text) == "F4"


@pytest.mark.parametrize("text", [
    "A kiosk is burning on the square, nobody near it",
    "The newspaper kiosk at the tram stop is on fire",
])
def test_a_kiosk_in_the_open_stays_f1(text):
    assert protective_row("fire", text) == "F1"


# --- the wind now, after "but (it just turned and) is now from" ---------------------------------------------------------

@pytest.mark.parametrize(("text", "now"), [
    ("When I called the wind was from the south-west but it just turned and is now from the north, fumes towards the harbour", 0.0),
    ("The wind was from the south-west but is now from the north", 0.0),
    ("Earlier the wind was easterly, it has since turned and is now from the west", 270.0),
])
def test_a_wind_said_to_blow_now_after_a_contrast_is_the_wind_now(text, now):
    assert extract_protective_cues(text).wind_from_deg == now


def test_something_else_coming_now_from_a_direction_is_no_wind():
    # "Crews are now coming from the north": the wind stays the one the report gives.
    assert extract_protective_cues("Wind from the south at 4 m/s, crews are now coming from the north").wind_from_deg == 180.0


# --- a theatre's lighting bridge is inside ------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Smoke from the lighting bridge above the stalls of the theatre, the show has stopped",
    "Sparks and smoke up on the light bridge over the stage of the theatre",
])
def test_a_theatres_lighting_bridge_is_indoors(text):
    assert protective_row("fire", text) == "F4"


def test_a_car_burning_on_a_bridge_is_still_outdoors():
    assert protective_row("fire", "A car is burning on the bridge, nobody inside it") == "F1"


# --- a use on a street without a number names no building of the map ------------------------------------------------

@pytest.mark.parametrize("text", [
    # Section 5a: a building the map lacks is never another building. "The European School" is not the map's name
    # (Helsingin eurooppalainen koulu) and "the Lapland Hotel" is not on the map: Bulevardi's one school or one hotel
    # is not counted in their place (dev9 P9-017 and dev10 P10-039 were labelled so; a rule tried in this session that
    # took the street's one building of the use broke them, and was taken out).
    "Teacher at the European School on Bulevardi: smoke from the chemistry classroom on the third floor, 10:15",
    "I'm staying at the Lapland Hotel on Bulevardi, 3 a.m., the corridor smells of smoke and the alarm is ringing",
])
def test_a_use_named_on_a_street_without_a_number_keeps_the_assumed_building(city, text):
    plan = plan_protective_action(city, text, "fire", routing=False)
    assert plan.rule == "F4"
    assert plan.building is not None and plan.building.source == "assumed", plan.building


# --- a building named by its initials on the street the report names ---------------------------------------------------

@pytest.mark.parametrize(("text", "low", "high"), [
    # UPM, Alvar Aallon katu 1: building=office, 5 levels, ~3,100 m2 -> 5 x 3100 x 4.0 / 100 = about 620 by day.
    ("Strong smell of gas on the ground floor of the UPM office building on Alvar Aallon katu, two colleagues are dizzy. 14:10", 500, 750),
    ("Alvar Aallon katu上UPM大楼一楼煤气味很浓，两个同事头晕，下午两点", 500, 750),
    # EY, Alvar Aallon katu 5: building=office, 5 levels, ~2,700 m2 -> about 530 by day.
    ("Gas smell and hissing at EY on Alvar Aallon katu, people with headaches, 10 am", 420, 650),
])
def test_a_building_named_by_its_initials_on_the_named_street_is_that_building(city, text, low, high):
    plan = plan_protective_action(city, text, "hazmat", routing=False)
    assert plan.rule == "H2"
    assert plan.building is not None and plan.building.source == "osm", plan.building
    assert low <= plan.people_moved <= high


def test_capitals_that_name_no_building_of_the_street_change_nothing(city):
    plan = plan_protective_action(city, "CO alarm going off and two people dizzy in an office on Alvar Aallon katu", "hazmat", routing=False)
    assert plan.building is not None and plan.building.source == "assumed"


# --- a bomb threat passed on in Swedish or Finnish -----------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Ett mejl kom in till skolan i morse: en bomb ska explodera i skolan vid lunch. Inget har hittats.",
    "Växeln fick ett samtal: en bomb är placerad i stadshuset.",
    "Koulun kansliaan tuli sähköposti: pommi räjähtää koulussa kello 12.",
    "Kaupungintalolle soitettiin pommiuhka, mitään ei ole löydetty.",
])
def test_a_bomb_threat_in_swedish_or_finnish_is_ps4(text):
    assert protective_row("public_security", text) == "PS4"


# --- a clock time after a street is no house number ----------------------------------------------------------------------

@pytest.mark.parametrize(("text", "number"), [
    ("I'm at the hotel on Bulevardi, 3 a.m., the corridor smells of smoke", None),
    ("Smoke on Bulevardi 3 a.m., alarm ringing", None),
    ("Gas smell on Bulevardi 11 PM, nobody ill", None),
    ("Fire at Bulevardi 3, it started at 3 a.m.", "3"),
    ("Bulevardi 3 A, 3rd floor, smoke in the kitchen", "3a"),
])
def test_a_clock_time_right_after_a_street_is_not_its_house_number(city, text, number):
    # "Bulevardi, 3 a.m." was read as Bulevardi 3A and the plan counted that building's people.
    assert city.locator.house_number(text, "Bulevardi") == number


# --- review s19-rv: German "am" (at the) after a house number is no clock time ----------------------------------------

@pytest.mark.parametrize(("text", "number"), [
    ("Feuer in der Bulevardi 5 am Hinterhof, Rauch im Treppenhaus", "5"),
    ("Rauch Bulevardi 5 am Eingang, zwei Personen husten", "5"),
    ("Gasgeruch Bulevardi 7 am Ende des Flurs", "7"),
    ("Smoke on Bulevardi 3am, alarm ringing", None),
    ("Bulevardi 11 PM: smoke in the corridor", None),
])
def test_a_german_am_after_the_number_keeps_the_house_number(city, text, number):
    assert city.locator.house_number(text, "Bulevardi") == number
