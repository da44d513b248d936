"""Who is moved and from where: the cues that pick the row, the building found, and the floors counted
(tools/PROTECTIVE_ACTIONS.md sections 4, 5 and 5a). Sentences written from the table, not from a bench set."""

from __future__ import annotations

import pytest

from tools.protective import decide, extract_protective_cues, plan_protective_action
from tools.protective.models import BuildingInfo
from tools.protective.people import building_occupants
from tests.tools.helpers import protective_row


@pytest.mark.parametrize(("hazard", "text", "row"), [
    # Inside a bin, a bag or a car is inside an object, not a building.
    ("public_security", "A rucksack has been stuffed inside a litter bin by the tram stop, wires showing", "PS2"),
    ("public_security", "An unattended rucksack inside the waiting room of the clinic", "PS1"),
    # A common area the caller says is clear is no odour there (H1), one with the odour is (H2).
    ("hazmat", "Slight gas smell in my kitchen, nobody unwell, the stairwell smells normal", "H1"),
    ("hazmat", "厨房里有一点煤气味，楼道里没有味道，没人不舒服", "H1"),
    ("hazmat", "Slight gas smell in the stairwell, nobody unwell", "H2"),
    # Smoke from the basement storage, or at the foot of the stairwell, of a block of flats: F3, the whole building.
    ("fire", "Smoke pouring out of the cellar storage lockers of our block of flats, 2 am", "F3"),
    ("fire", "Fire in a flat on the 3rd floor, smoke at the foot of the staircase now", "F3"),
    ("fire", "Fire in a flat on the 3rd floor, confined to the kitchen, the family is out", "F2"),
    # Water welling up from the basement is water entering the building (FL2), a burst main in the street is FL1.
    ("flood", "水从地下室冒上来了，一直在涨，下面还有人", "FL2"),
    ("flood", "A water main burst in the street, the road is flooded, no building affected", "FL1"),
    # A man holding a knife running about is an active attacker (as "a man with a knife" is in English).
    ("public_security", "一个男子拿着刀在街上乱跑，有人受伤", "PS5"),
    # The street caved in: a ground collapse, not a building's.
    ("earthquake_collapse", "马路中间塌了一个大洞，旁边的楼都没事", "E4"),
    # A report naming the building's use but neither indoors nor outdoors is inside it: a powder spilled from an
    # envelope at a ministry is a small release in that building (H3), not an outdoor spill (H4).
    ("hazmat", "An envelope opened at the ministry post desk, a fine powder spilled out, two staff say their eyes are stinging", "H3"),
    ("hazmat", "A bag of powder split on the pavement, nobody ill", "H4"),
    ("hazmat", "A bottle of acid broke near the station, nobody ill", "H4"),
    ("public_security", "An unattended suitcase next to the hotel, nobody claims it", "PS2"),
    ("public_security", "An unattended suitcase at the hotel reception, nobody claims it", "PS1"),
])
def test_the_cues_pick_the_row_the_table_gives(hazard, text, row):
    assert protective_row(hazard, text) == row


def test_a_box_van_in_chinese_is_a_van_not_a_delivery_truck():
    # DHS: van 122 m, small delivery truck 195 m. 厢式货车 is the usual Chinese for a (box) van.
    assert extract_protective_cues("一辆白色厢式货车停在门口，有人打电话说车里有炸弹").item_size == "suv_van"
    assert extract_protective_cues("一辆卡车停在门口，有人打电话说车里有炸弹").item_size == "delivery_truck"


def _flooded(text: str, floors: float) -> int:
    cues = extract_protective_cues(text)
    d = decide("flood", cues)
    assert d.rule == "FL2"
    info = BuildingInfo(label="block", footprint_m2=700.0, floors=floors, use="mixed", source="osm", occupants=0)
    return building_occupants(info, d, cues)


def test_a_flooded_basement_counts_at_its_ground_floors_use():
    # An untagged block: the basement under the shop counts as the shop (2 floors x 700 m2 x retail 8/100 by day)...
    assert _flooded("15:00 water pouring into the basement of the shop, still rising, sockets sparking", 5) == 112
    # ... and as flats where the report says they are lived in (2 x 700 x residential 3/100 at night), never as
    # a shop floor plus a storey of flats.
    assert _flooded("01:30 water pouring into the basement flats and the ground floor, residents still inside", 5) == 42
    # building:levels counts the storeys above ground: a one-storey building's basement is a second floor.
    assert _flooded("15:00 water pouring into the basement of the shop, still rising", 1) == 112


def test_the_hotel_a_report_names_is_the_building_not_a_business_spelled_like_its_words(city):
    # "the 6th floor" used to be matched by spelling to the food court "Fazer 8th Floor" inside Stockmann.
    plan = plan_protective_action(city, "Reception at the Marski hotel, 3 pm: a fire in a guest room on the 6th floor, "
                                        "smoke in the corridor", "fire", routing=False)
    assert plan.rule == "F4"
    assert plan.building.label == "Marski by Scandic" and plan.building.use == "hotel"
    assert 100 <= plan.people_moved <= 400


def test_a_device_named_without_a_count_relocates_its_one_user(city):
    plan = plan_protective_action(city, "Power cut in Kruununhaka, -20 outside, the repair will take 20 hours. "
                                        "My mother is on a home ventilator.", "utility_outage", routing=False)
    assert plan.rule == "U2" and plan.people_moved == 1
    counted = plan_protective_action(city, "Power cut in Kruununhaka, -20 outside, the repair will take 20 hours. "
                                           "Home care says four residents use oxygen concentrators.", "utility_outage", routing=False)
    assert counted.people_moved == 4


def test_a_spill_on_a_street_without_a_house_number_is_outdoors(city):
    # Pool chemicals are usually indoors, but a sack that burst while unloading on a street is an outdoor solid spill.
    for text in ("A sack of pool chlorine granules split while we were unloading at Yliopistonkatu, nobody feels ill",
                 "在 Yliopistonkatu 卸货的时候一袋泳池用的氯颗粒破了，没人不舒服"):
        plan = plan_protective_action(city, text, "hazmat", routing=False)
        assert plan.rule == "H4" and plan.people_moved == 0 and plan.isolation_m == 25, text
    # At an address, in the building's pool hall, it stays the building's.
    inside = plan_protective_action(city, "Pool chemicals released in the swimming hall at Yrjönkatu 21, fumes inside", "hazmat", routing=False)
    assert inside.rule == "H3"
