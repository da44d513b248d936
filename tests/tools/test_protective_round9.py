"""Readings made precise with dev13 (tools/PROTECTIVE_ACTIONS.md sections 3 and 5a). Sentences written for these tests,
in voices unlike the bench items."""

from __future__ import annotations

import pytest

from tools.protective import decide, extract_protective_cues


@pytest.mark.parametrize("text", ["我们楼地下室的自行车间烧起来了，楼上都住着人", "楼下单车间里有电动车电池在冒火，整个楼道都是烟"])
def test_a_bicycle_room_is_no_workshop(text):
    # 自行车间 / 单车间 is the block's bicycle storage room, not a 车间 (workshop): the building stays the residents'.
    assert extract_protective_cues(text).building_use != "office"


@pytest.mark.parametrize("text", ["储藏间里堆的纸箱烧起来了", "地下室的杂物烧着了，火不小", "阁楼上的旧家具好像烧起来了"])
def test_a_fire_in_the_basement_storage_or_attic_said_as_burning_up_is_f3(text):
    c = extract_protective_cues(text)
    assert c.fire_spread
    assert decide("fire", c).rule == "F3"


@pytest.mark.parametrize("text", ["二号楼梯从一楼到顶楼都是浓烟，我们下不去", "楼道里从三楼往上全是烟"])
def test_a_staircase_full_of_smoke_over_several_floors_is_smoke_in_the_stairwell(text):
    assert extract_protective_cues(text).smoke_in_stairwell


@pytest.mark.parametrize(("text", "loose"), [
    ("The sauna upstairs is burning and smoke is rolling down the main staircase", True),
    ("三楼有一间屋子冒烟了，楼道里有烟味", True),
    ("Smoke in the stairwell, the residents are coming down", False),
    ("A flat on the 2nd floor is on fire, the staircase is clear", False),
])
def test_a_residential_word_for_a_shared_part_only_is_loose(text, loose):
    c = extract_protective_cues(text)
    assert (c.building_use == "residential" and c.use_from_common_area) == loose


def test_a_hotel_on_the_map_stays_a_hotel_when_the_report_names_only_its_staircase(city):
    from tools.protective import plan_protective_action
    plan = plan_protective_action(city, "Night porter at Vuorikatu 19: a linen cupboard on the 3rd floor is burning and the back staircase is "
                                        "filling with smoke", "fire", routing=False)
    # The report names no use: the staircase is no word for flats, so the map's use of the footprint decides the row.
    assert plan.rule == "F4" and plan.building is not None and plan.building.use != "residential"


@pytest.mark.parametrize(("text", "rule"), [
    ("Our dental clinic is on the third floor; the autoclave caught fire and the waiting room is smoky", "F4"),
    ("我们的牙科诊所在三楼，消毒柜着火了，候诊室里有烟", "F4"),
    ("Our travel agency has the 4th floor of a block of flats; a heater in our back room is burning", "F4"),
    # The business on one floor, the fire on another: the block's row (flats).
    ("There's a dentist on the first floor; a flat on the fifth floor is burning, the tenant got out", "F2"),
])
def test_a_fire_on_the_floor_the_report_puts_a_business_on_is_in_that_business(text, rule):
    assert decide("fire", extract_protective_cues(text)).rule == rule


@pytest.mark.parametrize("text", [
    "Caretaker at the Old Student House, the student union building on Mannerheimintie: bleach mixed with an acid cleaner in the toilets, two people coughing",
    "I work in Ateneum, the art museum on Kaivokatu; a bottle of solvent broke in the conservation room, strong fumes",
])
def test_a_place_named_with_an_appositive_on_a_street_is_its_address_not_the_street(text):
    # "on <street>" after the place and its appositive gives the address; it does not put the release in the street.
    c = extract_protective_cues(text)
    assert c.setting != "outdoor"
    assert decide("hazmat", c).rule == "H3"


@pytest.mark.parametrize("text", ["阁楼那边的老烟道一直在冒烟，屋里闻到焦味", "地下室靠北的那个储物角落冒出黑烟"])
def test_smoke_from_the_attic_or_basement_a_few_words_on_is_a_fire_there(text):
    assert extract_protective_cues(text).fire_spread


@pytest.mark.parametrize("text", ["一楼的幼儿园着火了，楼上住着人", "楼下的牙科诊所起火了"])
def test_a_business_on_the_ground_floor_said_with_的_is_a_tenant(text):
    c = extract_protective_cues(text)
    assert c.use_is_tenant


@pytest.mark.parametrize(("text", "part"), [("诊所着火了。我们诊所里现在有十二个病人", 12), ("我们的咖啡馆有二十个客人，楼上是公寓", 20)])
def test_a_count_of_our_business_is_a_part_of_the_block(text, part):
    c = extract_protective_cues(text)
    assert c.occupants is None and c.occupants_part == part


@pytest.mark.parametrize("text", ["On Fredrikinkatu the asphalt has sunk into a pit the size of a car, no building damage",
                                  "A delivery van's wheel has dropped into a hole in the road, the street surface gave way under it"])
def test_a_road_surface_sinking_into_a_hole_is_a_ground_collapse(text):
    assert decide("earthquake_collapse", extract_protective_cues(text)).rule == "E4"


@pytest.mark.parametrize("text", ["房顶的冰块和积雪不停地一大块一大块往下掉", "楼顶上的积雪连着冰一片片往人行道上砸下来"])
def test_snow_and_ice_from_the_roof_said_at_length_is_a_falling_hazard(text):
    assert decide("severe_weather", extract_protective_cues(text)).rule == "SW2"
