"""Readings of a report made precise with dev10 (tools/PROTECTIVE_ACTIONS.md, "Round 6 readings"): water entering a
building said in Chinese, steam from a manhole, a restaurant or studio as a tenant, whose count a count is, a written
threat, a gas cylinder in a laboratory, and Latin-script names in a Chinese report. Sentences written from the
document, not copied from a bench set."""

from __future__ import annotations

import pytest

from tools.protective import ProtectiveActionPlan, extract_protective_cues, plan_protective_action
from tests.tools.helpers import protective_row


@pytest.mark.parametrize(("hazard", "text", "rule"), [
    # FL2: water spreading into the building's rooms, in a clause after the one that names the water.
    ("flood", "下大雨，水越来越多，现在已经流进屋里来了，插座就在墙角", "FL2"),
    ("flood", "楼下的水管爆了，水一直往地下室灌，现在正往一楼大堂漫", "FL2"),
    ("flood", "我们店的地下储藏间全是水，电箱就在里面", "FL2"),
    ("flood", "车库里已经有二十厘米深的水了", "FL2"),
    ("flood", "地下室进了半米的水，还在涨", "FL2"),
    ("flood", "我家在一楼，屋里的水已经到脚踝了", "FL2"),
    ("flood", "The laundry room downstairs is ankle-deep and the water keeps climbing", "FL2"),
    ("flood", "A pipe burst upstairs in the gallery, water is pouring down through the ceiling", "FL2"),
    ("flood", "The underpass is knee-deep, a car is stuck", "FL1"),
    # FL1: the water stays in the street, an underpass or at the door.
    ("flood", "地下通道里全是水，有辆车熄火了", "FL1"),
    ("flood", "路口积水，水已经漫到人行道上了", "FL1"),
    ("flood", "水已经漫到店门口了，还没进来", "FL1"),
    # U4: steam or hot water from a manhole or a drain is a district-heating leak under the street.
    ("utility_outage", "Thick steam is venting from the manhole at the crossing and hot water is streaming along the kerb", "U4"),
    ("utility_outage", "Steam coming out of a drain grate on the pavement, you can hardly see the tram", "U4"),
    ("utility_outage", "马路上的井盖冒出大量热气，热水流了一地", "U4"),
    ("utility_outage", "The power is out in the whole block and there is no hot water running in the flats", "U1"),
    # F4: a fire in a restaurant or a studio of any kind is a fire in a business, not in a flat.
    ("fire", "Flames in the grill of the pizzeria, the dining room is full of smoke", "F4"),
    ("fire", "瑜伽馆的更衣室着火了，烟很大，学员在往外跑", "F4"),
    ("fire", "火锅店后厨起火了，客人都在往外跑", "F4"),
    ("fire", "Fire in the kitchen of a flat on the 2nd floor, door shut, stairwell clear", "F2"),
    # PS4: a written threat that a device goes off at a time, nothing found.
    ("public_security", "Our reception got a text: 'a device in the museum goes off at 3 pm'. Nothing found yet.", "PS4"),
    # H2: a gas cylinder leaking in a laboratory is a gas leak (the round 3 reading), not H3's chemical release.
    ("hazmat", "In the chemistry lab a propane cylinder is hissing at the valve and a student feels dizzy", "H2"),
    ("hazmat", "A bottle of acid broke in the chemistry lab and two students are coughing", "H3"),
])
def test_round6_rows_read_from_the_mechanism_not_a_phrase(hazard, text, rule):
    assert protective_row(hazard, text) == rule


@pytest.mark.parametrize(("text", "part"), [
    # One class, one cinema screen or banquet hall is a part of the building.
    ("Gas alarm in the dance school; I have twenty-two pupils in class right now.", 22),
    ("三号影厅里坐了一百五十个观众，烟是从放映室出来的", 150),
    ("宴会厅里有八十位客人", 80),
    ("About 120 people are watching the film in screen 3", 120),
    ("We have 12 members in the club room tonight, the rest of the building is offices", 12),
    # A count given for a tenant business when the report says others are in the building too.
    ("The bar is on fire, about seventy people in the bar are leaving. Flats are upstairs.", 70),
    ("咖啡馆里大概有三十个人，楼上还有住户", 30),
    ("我们幼儿园有五十个孩子，楼上是住户", 50),
    # A count placed on one floor, said before it in Chinese; trainees (学员) are people present.
    ("这层楼有六十个人", 60),
    ("五楼里大概有四十个人", 40),
    ("三楼的培训教室里有二十五个学员", 25),
])
def test_a_count_of_one_class_hall_or_tenant_is_a_part(text, part):
    c = extract_protective_cues(text)
    assert c.occupants is None and c.occupants_part == part


@pytest.mark.parametrize(("text", "whole"), [
    # Round 5: without words for others in the building, the count given stands; "upstairs is our office" is no other.
    ("Smoke in the bar, about seventy people in the bar.", 70),
    ("楼上是我们的办公室，我们有四十个员工", 40),
    # The building's own count: 楼里 is the building, not a floor.
    ("五楼着火了，楼里有两百多人", 200),
])
def test_a_count_of_the_building_still_stands(text, whole):
    c = extract_protective_cues(text)
    assert (c.occupants, c.occupants_part) == (whole, None)


def test_a_landmark_named_in_latin_script_in_a_chinese_report_beats_the_bare_street(city):
    plan = plan_protective_action(city, "晚上九点，Kaivokatu上的Vltava酒吧厨房着火了，到处是烟。", "fire", routing=False)
    assert isinstance(plan, ProtectiveActionPlan)
    assert plan.location == "Vltava" and plan.building is not None and plan.building.source == "osm"


def test_a_bus_stop_named_after_a_park_is_not_the_place_a_chinese_report_names(city):
    plan = plan_protective_action(city, "我在Esplanadi公园里，Kappeli餐厅旁边的长椅下面有个没人要的双肩包，周围没人。", "public_security", routing=False)
    assert isinstance(plan, ProtectiveActionPlan)
    assert plan.rule == "PS2" and plan.location == "Kappeli"


def test_a_street_action_before_a_named_building_in_a_chinese_report_is_at_its_frontage(city):
    plan = plan_protective_action(city, "Mannerheimintie上Kiasma前面的电车架空线断了，掉在地上冒火花。", "utility_outage", routing=False)
    assert isinstance(plan, ProtectiveActionPlan)
    assert plan.rule == "U3" and plan.location.startswith("Mannerheimintie") and "Kiasma" in plan.location
