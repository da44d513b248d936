"""The people arithmetic made precise with dev12 (tools/PROTECTIVE_ACTIONS.md sections 4 and 5a): a fire on the top
floor has no floor above it to clear; "only N of us in the whole building" is everyone present; a count "in the
audience" joins the others present; a count "we" give in a block the report says others live or work in is our
part; flats above that are said to be fine are no fire spread. Sentences written from the document, in voices unlike
the bench items."""

from __future__ import annotations

import pytest

from tools.protective import decide, extract_protective_cues
from tools.protective.buildings import people_in
from tools.protective.models import BuildingInfo
from tools.protective.people import building_occupants


def _occupants(text: str, hazard: str, use: str, footprint: float, floors: float) -> int:
    cues = extract_protective_cues(text)
    d = decide(hazard, cues)
    info = BuildingInfo(label="block", footprint_m2=footprint, floors=floors, use=use, source="osm", occupants=0)
    return building_occupants(info, d, cues)


@pytest.mark.parametrize("text", [
    "Kitchen fire in my flat on the 5th floor, I got out and shut the door, the stairwell is clear",
    "我住五楼，家里厨房起火了，我已经出来把门关上了，楼道没有烟",
    "The top-floor flat's kitchen is on fire, the tenant is out and closed the door, no smoke on the stairs",
    "顶层一户人家的厨房着火了，人已经出来了，门关着，楼道里没烟",
])
def test_a_fire_on_the_top_floor_clears_that_floor_only(text):
    # the numbered reports say the fifth floor; the top-floor ones say no number
    assert extract_protective_cues(text).fire_floor == (None if "top" in text or "顶层" in text else 5)
    assert decide("fire", extract_protective_cues(text)).rule == "F2"
    # A five-storey block: no floor above the fifth, so one floor of flats, not two.
    assert _occupants(text, "fire", "residential", 800.0, 5) == round(people_in("residential", 800.0, 1, night=False))
    # In a seven-storey block the fifth floor has one above it ("top" then says nothing of the building's height;
    # the top-floor reports without a number still clear one floor).
    expected = 1 if "top" in text or "顶层" in text else 2
    assert _occupants(text, "fire", "residential", 800.0, 7) == round(people_in("residential", 800.0, expected, night=False))


@pytest.mark.parametrize(("text", "whole"), [
    ("Server room fire on a Sunday. Only two of us in the whole building, the caretaker and me.", 2),
    ("just 4 of them inside the entire block tonight, the rest are on holiday", 4),
    ("smoke from the boiler room; only three of us in the house at the moment", 3),
])
def test_only_n_of_us_in_the_whole_building_is_everyone_present(text, whole):
    c = extract_protective_cues(text)
    assert (c.occupants, c.occupants_part) == (whole, None)


@pytest.mark.parametrize(("text", "whole"), [
    ("Smoke behind the stage. There are about 600 in the audience and 30 staff.", 630),
    ("Fire alarm at the match: we have 2,000 in the stands plus about 80 staff on duty", 2080),
    ("Smell of burning in the nave, we've got roughly 150 in the congregation and some 12 choir singers", 162),
])
def test_a_count_in_the_audience_joins_the_other_groups_present(text, whole):
    assert extract_protective_cues(text).occupants == whole


@pytest.mark.parametrize(("text", "part"), [
    ("Our hair salon on the ground floor: a dryer is smoking badly. Eleven of us in the salon; there are flats above.", 11),
    ("Our dental clinic on the ground floor has smoke in the back room, 12 of us here, offices upstairs and flats above them.", 12),
    ("Smoke at the tailor's shop where we work, 14 of us here, and there are offices below", 14),
])
def test_our_count_in_a_block_with_others_above_or_below_is_a_part(text, part):
    c = extract_protective_cues(text)
    assert c.occupants is None and c.occupants_part == part


@pytest.mark.parametrize(("text", "spread"), [
    ("Flames in a second-floor kitchen, the flats above have their lights on and nobody is worried", False),
    ("fire in the bathroom of a flat on floor 3, the apartments above are quiet, no smell there", False),
    ("Fire on the 2nd floor, the flats above are filling with smoke", True),
    ("fire in a flat, and the apartments above have smoke coming in", True),
])
def test_flats_above_said_to_be_fine_are_no_spread(text, spread):
    assert extract_protective_cues(text).fire_spread is spread


@pytest.mark.parametrize(("text", "street", "number"), [
    ("我住在Fredrikinkatu 41a三楼，厨房冒烟", "Fredrikinkatu", "41a"),
    ("Bulevardi 22 C楼梯间有很浓的煤气味", "Bulevardi", "22c"),
    ("在Annankatu 8b一楼的店里闻到焦味", "Annankatu", "8b"),
    # ... and a Latin word after the number is still no letter of it.
    ("Annankatu 8 bar staff smell gas", "Annankatu", "8"),
])
def test_a_house_number_letter_right_before_chinese_text_is_read(city, text, street, number):
    assert city.locator.house_number(text, street) == number


@pytest.mark.parametrize(("text", "rule"), [
    # Smoke coming DOWN the stairs from a fire above is smoke in the stairwell: the way out is cut, the whole block goes (F3).
    ("Smoke is rolling down the stairwell from a flat on the 5th floor, I'm in the lobby", "F3"),
    ("night shift nurse coming home: smoke drifting down staircase C from somewhere near the top, a flat must be burning", "F3"),
    ("smoke coming down the stairs from the 4th floor, fire in a flat", "F3"),
    # Walking down the stairs is no smoke there.
    ("fire in a flat on the 3rd floor, I went down the stairs, no smoke anywhere", "F2"),
])
def test_smoke_coming_down_the_stairs_is_smoke_in_the_stairwell(text, rule):
    assert decide("fire", extract_protective_cues(text)).rule == rule


@pytest.mark.parametrize(("text", "rule"), [
    # A gas main or trunk pipe, or gas escaping with a roar, is the line's whole flow: a large release outdoors (H7).
    ("施工队在路口把天然气干管挖断了，气喷得轰轰响，整条街都是煤气味", "H7"),
    ("燃气管道被挖掘机挖断，发出很大的轰鸣声，味道很冲", "H7"),
    ("a digger has severed the gas pipe in the street, it's roaring like a jet engine", "H7"),
    ("gas pipe cut through by roadworks outside the school gates, loud roar, strong smell", "H7"),
    # A service pipe to one house cut through, hissing, is a small leak; a hiss or a roar that is not the gas's stays as it was.
    ("挖掘机把路边一根入户燃气管挖断了，能听到嘶嘶的漏气声，街上有煤气味", "H5"),
    ("a digger cut through the gas service pipe to one house, hissing, smell in the street", "H5"),
    ("gas smell in the street near a manhole, faint hissing", "H5"),
    ("roaring traffic on the ring road, small gas leak from a cylinder on a van", "H5"),
])
def test_a_gas_main_or_a_roaring_gas_pipe_is_a_large_release(text, rule):
    assert decide("hazmat", extract_protective_cues(text)).rule == rule


@pytest.mark.parametrize(("text", "rule"), [
    # "在<street>上" with no house number is out in the street, as "on <street>" is in English: an outdoor leak (H5) ...
    ("施工队在Mannerheimintie上修路，钻头碰到了燃气管，有煤气味", "H5"),
    ("在Bulevardi上有一个燃气罐在漏气，附近商店里有人", "H5"),
    ("挖沟的工人在Lönnrotinkatu上挖到了燃气管，一股煤气味，隔壁面包店里闻不到", "H5"),
    # ... but a shop on the street, or going to work on it, is inside a building.
    ("在Fabianinkatu上的一家店里闻到煤气味", "H1"),
    ("我在Annankatu上班，办公室里有煤气味", "H1"),
])
def test_on_a_street_in_chinese_is_outdoors(text, rule):
    assert decide("hazmat", extract_protective_cues(text)).rule == rule


@pytest.mark.parametrize(("text", "rule"), [
    # Steps (台阶) are a building's outside: an item below, beside or at the foot of them is outdoors (PS2), as one on them is.
    ("博物馆台阶旁边有一个没人要的行李箱，拉链开着，能看到电线", "PS2"),
    ("火车站正门的台阶下面放着一个黑色背包，半个多小时没人管", "PS2"),
    ("图书馆台阶底下有个旅行箱，没有人认领", "PS2"),
    # Inside a building it stays indoors.
    ("我们在图书馆大厅里，前台旁边有一个没人认领的背包", "PS1"),
])
def test_an_item_by_the_steps_of_a_building_is_outdoors(text, rule):
    assert decide("public_security", extract_protective_cues(text)).rule == rule


@pytest.mark.parametrize(("text", "rule"), [
    # Smoke coming IN through a building's windows from a fire outside is no fire in the building (F1 stays) ...
    ("A car is on fire in the car park, the smoke is blowing in through the windows of the flats next to it", "F1"),
    ("skip burning outside the school, smoke coming in through the classroom windows, we closed them", "F1"),
    # ... smoke or flames coming out of one are (F2/F4).
    ("smoke is blowing out through the windows of the 3rd floor flat", "F2"),
    ("Smoke pouring out of a fourth-floor window of the office building, I am across the street", "F4"),
])
def test_smoke_coming_in_through_a_window_is_no_fire_in_the_building(text, rule):
    assert decide("fire", extract_protective_cues(text)).rule == rule
