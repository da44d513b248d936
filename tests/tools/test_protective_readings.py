"""Readings of a report made precise with dev9 (tools/PROTECTIVE_ACTIONS.md sections 2 and 5a): the building's own
type, where a fire is, a gas detector's reading, water coming in, and whose count a count is. Sentences written
from the document, not copied from a bench set."""

from __future__ import annotations

import pytest

from tools.protective import decide, extract_protective_cues, plan_protective_action
from tests.tools.helpers import protective_row


@pytest.mark.parametrize(("text", "building_type", "row"), [
    # The fire is in a flat: the building's own type decides the row, not the pharmacy below.
    ("Fire in a kitchen on the 4th floor of the block of flats above the pharmacy", "residential", "F2"),
    ("It's an apartment building, five floors, with a bakery at street level. Smoke is coming from the attic.", "residential", "F3"),
    # The fire is in the business itself: F4 (spec 5a), whatever the building's type.
    ("Fire in the kitchen of the restaurant on the ground floor of a block of flats", "residential", "F4"),
    ("Smoke in the office block, there is a cafe on the ground floor", "office", "F4"),
    ("Smoke in the cafe on the ground floor of the building", None, "F4"),
])
def test_the_reports_word_for_the_whole_buildings_type_is_its_use(text, building_type, row):
    c = extract_protective_cues(text)
    assert c.building_type == building_type
    assert decide("fire", c).rule == row


def test_flats_above_a_shop_describe_the_building_they_are_no_spread():
    assert protective_row("fire", "Fire in one flat on the 3rd floor of the block of flats above the bakery, door shut, stairwell clear") == "F2"
    assert protective_row("fire", "Fire in one flat on the 3rd floor, the flats above are filling with smoke") == "F3"
    # "flats above us": where the flats are, said from the business on fire (F4: the fire is in the business).
    assert protective_row("fire", "Flames in the sauna of our gym, the staff are getting people out. There are flats above us.") == "F4"


@pytest.mark.parametrize("text", ["Smoke is pouring out of the attic of the apartment building, the roof is hot",
                                  "There's smoke, it's coming from the basement storage of our block of flats"])
def test_smoke_coming_from_the_attic_or_the_basement_is_a_fire_there(text):
    assert protective_row("fire", text) == "F3"


def test_a_block_of_flats_refines_an_untagged_block_to_flats_and_residents_alone_do_not(city):
    # Vuorikatu 17: an OSM footprint with no use tag (mixed: a shop floor under flats).
    said = plan_protective_action(city, "Smoke pouring from the attic of Vuorikatu 17, it is a block of flats", "fire")
    loose = plan_protective_action(city, "Smoke pouring from the attic of Vuorikatu 17, residents are coming out", "fire")
    assert said.building.source == loose.building.source == "osm"
    assert (said.building.use, loose.building.use) == ("residential", "mixed")


@pytest.mark.parametrize(("text", "row"), [
    ("The hallway and the stairs smell normal, a faint smell of gas in her kitchen only, nobody unwell", "H1"),
    ("Faint smell of gas in the kitchen; the stairwell, corridor and lobby are fine", "H1"),
    ("Faint smell of gas in the kitchen and in the stairwell too", "H2"),
])
def test_common_areas_said_clear_together_are_clear(text, row):
    assert protective_row("hazmat", text) == row


@pytest.mark.parametrize(("text", "row"), [
    ("GAS ALARM | Annankatu 5 | sensor 2 keittiö krs 3 | CH4 25 %LEL | level 2", "H2"),
    ("Detector in the boiler room reads methane 18 % LEL", "H2"),
])
def test_a_gas_detector_reading_of_the_lower_explosive_limit_is_a_gas_alarm_indoors(text, row):
    c = extract_protective_cues(text)
    assert c.material == "flammable_gas" and c.strong_odour and c.setting == "indoor"
    assert protective_row("hazmat", text) == row


def test_water_coming_in_through_a_door_or_a_vent_is_water_entering_the_building():
    assert extract_protective_cues("暴雨以后，水从前门和窗户下面流进来，店里地上都是水").water_into_building
    assert protective_row("flood", "街上水管爆了，水从地下室的通风口灌进来，还在涨") == "FL2"
    assert not extract_protective_cues("街上积水很深，车过不去").water_into_building


@pytest.mark.parametrize(("text", "whole"), [("这场演出票卖了八百张，现在大厅冒烟了", 800),
                                              ("门票售出一千二百张，剧场里有烟", 1200),
                                              ("The choir is rehearsing, thirty-five singers in the church", 35)])
def test_tickets_sold_in_chinese_and_singers_are_counts_of_those_present(text, whole):
    assert extract_protective_cues(text).occupants == whole


def test_a_count_we_give_from_a_business_inside_the_block_is_a_part():
    tenant = extract_protective_cues("我是一楼那家餐厅的服务员，厨房着火了。我们有四十个客人，楼上还有住户。")
    assert (tenant.occupants, tenant.occupants_part) == (None, 40)
    # The same count from the building itself stands.
    hotel = extract_protective_cues("Smoke in the hotel corridor, we have 40 guests tonight")
    assert (hotel.occupants, hotel.occupants_part) == (40, None)


def test_a_restaurant_named_as_the_place_does_not_set_the_buildings_use(city):
    # Savotta (amenity=restaurant) lies in an untagged block: the block stays mixed, flats above the shop floor.
    plan = plan_protective_action(city, "Gas hissing loudly in the kitchen of Savotta at 21:00, strong smell", "hazmat")
    assert plan.building is not None and plan.building.use == "mixed"


def test_a_count_we_give_from_a_business_stands_when_the_report_says_nobody_else_is_in():
    # "we've got 180 in" at the bar, no word of anyone else in the building: the count of those present stands.
    bar = extract_protective_cues("Fire in the bar kitchen, we've got around 180 in tonight for the quiz")
    assert (bar.occupants, bar.occupants_part) == (180, None)
    upstairs = extract_protective_cues("Fire in the bar kitchen, we have 180 guests in tonight, and there are flats upstairs")
    assert (upstairs.occupants, upstairs.occupants_part) == (None, 180)
