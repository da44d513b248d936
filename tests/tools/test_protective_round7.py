"""Readings of a report made precise with dev11 (tools/PROTECTIVE_ACTIONS.md, "Round 7 readings"): a fire seen in a
building's window from outside, Chinese eating places by cuisine, a roof on fire or about to fall in Chinese, 火 in
words that name no fire, a lock's cylinders, a threat about a "device" in Chinese, smoke from under the eaves, ice
falling from a roof said roof first; counts said as all who are there ("nobody else"), tickets sold out, a count "we"
give in a report that puts "us" in one room; clock times in words ("half five"), a night shift, common areas said
clear with where they are; a hotel named in Latin letters inside Chinese text. Sentences written from the document,
not copied from a bench set."""

from __future__ import annotations

import pytest

from tests.tools.helpers import protective_row
from tools.protective import ProtectiveActionPlan, extract_protective_cues, plan_protective_action
from tools.protective.place import _whole_word


@pytest.mark.parametrize(("hazard", "text", "rule"), [
    # A fire in a building's window is in the building, whatever the caller stands on or rides.
    ("fire", "I'm waiting on my scooter outside the bank, there are flames behind a second-floor window and smoke", "F4"),
    ("fire", "Smoke pouring out of a fourth-floor window of the office building, I'm across the street", "F4"),
    ("fire", "我骑电动车路过，看到这栋写字楼五楼的窗户往外冒烟", "F4"),
    # A door or a balcony of the building as much as a window.
    ("fire", "I'm on my bike on the street, the shop at number 12 has smoke coming out of the door", "F4"),
    ("fire", "我站在楼下，看到三楼一户人家的阳台在冒烟", "F2"),
    # The caller's job names a vehicle that is not the thing on fire.
    ("fire", "Bus driver: the bakery's oven caught fire, smoke filling the shop", "F4"),
    # ... but a vehicle's window or door is the vehicle's, and a bin by a shop's door is out in the open: outdoor fires.
    ("fire", "A car is burning in the street, smoke coming from the car window", "F1"),
    ("fire", "Smoke from the car door, the car is burning on the street", "F1"),
    ("fire", "A bin is on fire at the door of the shop", "F1"),
    # The caller standing outside does not put a hazard the report places indoors out in the street ...
    ("hazmat", "I'm on the pavement outside the lab building; a bottle of acid broke inside the lab, students coughing", "H3"),
    ("public_security", "I'm at the tram stop outside the library; someone left a bag inside the library's entrance hall, nobody claims it", "PS1"),
    ("public_security", "我在图书馆门外的公交站，图书馆大厅里有一个没人认领的行李箱", "PS1"),
    # ... a caller inside a building speaks of it, and a caller's clause alone still places the hazard.
    ("public_security", "我们在礼拜堂里面，长椅下面有一个没人认领的背包，上面缠着胶带", "PS1"),
    ("hazmat", "I'm on Lapinlahdenkatu with my van, a 20-litre can of paint thinner split open, running into the gutter", "H4"),
    # Gas said to get into a building from the street is H2 there (H5's own exception); said not to, it stays H5.
    ("hazmat", "Gas pipe hit by a digger in the street, loud hissing, the smell is getting into the cafe next to it", "H2"),
    ("hazmat", "燃气管道破了，煤气味飘进了旁边的面馆，嘶嘶响", "H2"),
    ("hazmat", "Gas leak in the street, the smell is not getting into the shop, nobody ill", "H5"),
    ("hazmat", "路上燃气管漏了，味道没飘进店里，没人不舒服", "H5"),
    # A fire that spread to the building next door is F6; an explosion after which part of a building came down, E3.
    ("fire", "The fire has spread from the warehouse to the building next door", "F6"),
    ("earthquake_collapse", "After the explosion part of the building came down and the neighbouring wall has cracks", "E3"),
    # A shop or a practice named by its trade holds a unit of the block: a fire in it is F4, not a flat's F2/F3; flats
    # said to be above describe the building, they are not flats the fire reached.
    ("fire", "面包店烤箱着火了，楼上是住户", "F4"),
    ("fire", "理发店着火了，楼上有住户", "F4"),
    ("fire", "The dentist's surgery on the ground floor is on fire, flats above", "F4"),
    ("fire", "Fire in the hair salon at street level, residential floors above", "F4"),
    ("fire", "Kitchen fire in the restaurant, there are flats above", "F4"),
    ("fire", "Fire in a flat on the 2nd floor, smoke is getting into the flats above", "F3"),
    # A van burning in the street is an outdoor vehicle fire, whatever trade the caller names.
    ("fire", "Florist's delivery: my van caught fire in the middle of the street, no buildings close", "F1"),
    # The street in front of a shop flooded is the street's water (FL1), the shop itself flooded is FL2.
    ("flood", "The street in front of the shop is flooded, cars stuck", "FL1"),
    ("flood", "The shop is flooded, water in the basement", "FL2"),
    # An eating place named by its cuisine (菜馆) holds a unit of the block: F4, not a flat's F2.
    ("fire", "川菜馆后厨着火了，楼上住着人", "F4"),
    # The roof on fire and the building about to fall, in Chinese: F5.
    ("fire", "房顶上都是火，整栋房子快要塌了", "F5"),
    # Smoke from under the eaves or out of the attic vents is a fire in the attic (round 5): F3.
    ("fire", "Smoke is seeping from under the eaves of our two-storey block of flats", "F3"),
    ("fire", "Grey smoke drifting out of the loft vents of the block of flats", "F3"),
    # 火锅 (hot pot) names no fire: a gas canister hissing in a hot-pot restaurant is H2's gas leak, not F7.
    ("hazmat", "火锅店里有个气罐在漏气，嘶嘶响", "H2"),
    # A lock's cylinders hold no gas: mixed cleaning agents stay H3.
    ("hazmat", "The locksmith is replacing the cylinders on the lab doors; a shelf of bottles fell and smashed beside him, "
               "sharp smell, eyes stinging", "H3"),
    # A written threat that a "device" will go off, nothing found: PS4.
    ("public_security", "前台收到短信，说大楼里藏了一个装置，下午三点会爆炸。还没找到。", "PS4"),
    # Windows blown in on several floors, in Chinese: SW3; one window is not.
    ("severe_weather", "狂风把好几层的玻璃都吹破了", "SW3"),
    ("severe_weather", "大风把一楼一扇窗户吹碎了", "SW1"),
    # Ice falling from the roof, the roof said first: SW2.
    ("severe_weather", "楼顶边上的积雪一大块一大块往下砸", "SW2"),
    # Common areas said clear with where they are after them: H1, not H2.
    ("hazmat", "Faint gas smell in my kitchen by the hob, nobody feels ill, no hissing; the corridor downstairs still smells fine.", "H1"),
])
def test_round7_rows_read_from_the_mechanism_not_a_phrase(hazard, text, rule):
    assert protective_row(hazard, text) == rule


@pytest.mark.parametrize(("text", "whole", "part"), [
    # Tickets sold out, the number said after: those present.
    ("演出门票早就售罄了，共九百张", 900, None),
    # A count that leaves nobody else out is all who are there; "and me" adds the caller.
    ("礼堂里是我们十五个学员和我，没有其他人", 16, None),
    ("There are nine volunteers and me, nobody else in the hall", 10, None),
    ("只有我和两个同事在办公室，没别人", 3, None),
    # Seats taken at a show are those present, as tickets sold.
    ("All 650 seats are taken tonight.", 650, None),
    ("八百个座位全坐满了", 800, None),
    # A count "we" give in the building's own words still stands, even with "us" placed in a room elsewhere.
    ("Our club room is in the basement. There are 300 of us in the building.", 300, None),
    # "Nobody else is hurt" is about casualties, not about who is present.
    ("twelve people coughing, nobody else is hurt", None, None),
    ("十二个人咳嗽，没有别人受伤", None, None),
    # The report puts "us" in one room in one sentence and gives the count in another: that room's count, a part.
    ("The choir rehearses in the rehearsal room on the ground floor. Tonight there are twenty-five of us.", None, 25),
    ("The society has booked a meeting room at the museum. About twenty-five of us came.", None, 25),
    # A business made "our own" or named in the count's sentence, with others said to be in the building: a part
    # (round 5), an office or a bank as much as a restaurant; 二十几 (twenty-odd) is read as 20, as 二十多.
    ("Our office on the 4th floor has 35 people, the rest of the building is flats", None, 35),
    ("我们店里现在有二十几个客人，楼上是住户", None, 20),
])
def test_whose_count(text, whole, part):
    c = extract_protective_cues(text)
    assert (c.occupants, c.occupants_part) == (whole, part)


@pytest.mark.parametrize(("text", "hour", "night"), [
    ("it's half six this evening", 18, False),
    ("half past eight tonight, the hall is full", 20, True),
    ("half one tonight", 1, True),
    ("it was a quarter to five in the afternoon", 16, False),
    ("演出九点一刻开始，今晚人很多", 21, True),
    ("at ten to six this morning", 5, True),
    # A clock time in words without a half of the day is not read (section 5a), a night shift says nothing of now.
    ("half three", None, None),
    ("I just came off a night shift", None, None),
])
def test_clock_times_in_words(text, hour, night):
    c = extract_protective_cues(text)
    assert (c.hour, c.night) == (hour, night)


def test_a_latin_name_next_to_chinese_characters_is_a_whole_word():
    assert _whole_word("我住在Hotel Arthur里", "Hotel Arthur")
    assert not _whole_word("我住在Hotel Arthurs里", "Hotel Arthur")
    assert not _whole_word("the xhotel arthur", "Hotel Arthur")


def test_a_hotel_named_in_latin_letters_in_a_chinese_report_sets_the_building_use(city):
    # The hotel's own OSM point in the addressed block makes the block a hotel (section 5a), in Chinese as in English.
    plan = plan_protective_action(city, "我在Hotel Arthur（Vuorikatu 19）的房间里，一氧化碳报警器一直响，我有点头晕。", "hazmat", routing=False)
    assert isinstance(plan, ProtectiveActionPlan)
    assert plan.rule == "H2" and plan.building is not None and plan.building.use == "hotel"


def test_a_fire_seen_in_a_window_from_outside_evacuates_that_office_building(city):
    plan = plan_protective_action(city, "Delivery guy on a moped here, standing outside the office building at Unioninkatu 43; smoke and flames "
                                        "behind a window on the second floor.", "fire", routing=False)
    assert isinstance(plan, ProtectiveActionPlan)
    assert plan.rule == "F4" and plan.primary == "evacuate_building" and plan.people_moved > 100
