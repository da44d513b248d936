"""Mends of round 9's "a place that is no building" (review s14-rv2 HIGH #1-#4, MED #5): a faulty OSM outline, a fire
inside a station, an arcade through a building, a station said by another of its names. Sentences written for this."""

from __future__ import annotations

import pytest

from tools.protective import plan_protective_action
from tools.protective.cues import read_open_place_cues


@pytest.mark.parametrize("text", [
    "There is smoke in the Sörnäinen metro station and people are waiting on the platform",
    "Smoke rising from a bin inside the Kamppi subway station, commuters down there",
    "哈卡涅米地铁站里面冒烟了，很多人还在站台上",
    "Metroasemalla on savua ja laiturilla on paljon ihmisiä",
])
def test_a_report_that_puts_people_or_smoke_inside_a_station_keeps_an_indoor_reading(text):
    assert read_open_place_cues(text).setting == "indoor"


@pytest.mark.parametrize("text", [
    "A rubbish bin is burning at the tram stop, people on the tram stop platform moved away",
    "A car is on fire by the metro station entrance",
    "公交站旁边的垃圾桶着火了",
    "A bin is burning in the square by the station, nobody hurt",
])
def test_a_fire_at_a_stop_or_by_a_station_entrance_stays_outdoors(text):
    assert read_open_place_cues(text).setting == "outdoor"


def test_a_building_with_a_faulty_outline_named_in_english_is_planned(city):
    plan = plan_protective_action(city, "Fire on the second floor of Bockin talo, people are still inside", "fire", routing=False)
    assert plan.primary == "evacuate_building" and plan.building is not None and plan.building.label == "Bockin talo"


@pytest.mark.parametrize("text", [
    "A kiosk in Aikapiha has caught fire, the passage is filling with smoke and shoppers are inside",
    "Aikapiha 里的一家小店起火了，里面有很多顾客",
])
def test_a_fire_in_an_arcade_through_a_building_evacuates_that_building(city, text):
    plan = plan_protective_action(city, text, "fire", routing=False)
    assert plan.building is not None and plan.building.source == "osm" and "at Aikapiha" not in plan.building.label, plan.building


def test_the_central_station_said_by_its_local_nickname_is_its_hall(city):
    plan = plan_protective_action(city, "Fire in a shop at Steissi, the station hall is full of travellers", "fire", routing=False)
    assert plan.building is not None and plan.building.label == "Helsingin päärautatieasema", (plan.rule, plan.building)


# review s14-rv2 MED #6: a flat fire told from the stairwell, attic or basement is no fire there; one in them still is.
@pytest.mark.parametrize("text", ["楼梯间有人大喊六楼失火了", "我在阁楼上看到隔壁那户烧起来了", "地下室停电了，出来以后发现三楼冒烟"])
def test_a_flat_fire_told_from_a_common_part_is_no_fire_in_it(text):
    from tools.protective.cues import read_protective_cues

    assert not read_protective_cues(text).fire_spread


@pytest.mark.parametrize("text", ["阁楼里堆放的旧床垫着火了", "地下室那一排储物柜冒烟了"])
def test_a_fire_in_the_attic_or_basement_itself_is_still_a_fire_there(text):
    from tools.protective.cues import read_protective_cues

    assert read_protective_cues(text).fire_spread


# review s14-rv2 MED #7: a flat said to be burning on the floor a business is on stays a flat fire (F2).
@pytest.mark.parametrize("text", [
    "An apartment on the fourth floor is on fire; the dentist on the 4th floor sent its patients out",
    "四楼那户人家起火了，四楼的律师事务所也有人",
])
def test_a_burning_flat_beside_a_business_on_its_floor_is_a_flat_fire(text):
    from tools.protective.cues import read_protective_cues
    from tools.protective.decision import decide

    assert decide("fire", read_protective_cues(text)).rule == "F2"
