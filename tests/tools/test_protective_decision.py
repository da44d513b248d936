"""The decision table of tools/PROTECTIVE_ACTIONS.md on sentences written from its rows (not from the bench set)."""

from __future__ import annotations

import pytest

from tools.protective import decide, extract_protective_cues
from tests.tools.helpers import protective_row

# (hazard, report, expected row): two or more phrasings per row, English and Chinese.
CASES = [
    ("fire", "A car is burning in the parking lot behind the library, nobody near it", "F1"),
    ("fire", "Rubbish bin on fire on the pavement at the tram stop", "F1"),
    ("fire", "街上一辆汽车起火", "F1"),
    ("fire", "Kitchen fire in a flat on the 4th floor, the family got out, fire confined to the kitchen", "F2"),
    ("fire", "三楼一户公寓厨房起火，火势控制在房间内", "F2"),
    ("fire", "Fire in an apartment building, smoke is filling the stairwell and residents are trapped on the upper floors", "F3"),
    ("fire", "Fire has spread from the flat to the attic of the residential building", "F3"),
    ("fire", "住宅楼起火，楼道里全是烟，楼上有人被困", "F3"),
    ("fire", "Flames and smoke coming from the second floor of the office building", "F4"),
    ("fire", "Fire in the department store, smoke on the third floor", "F4"),
    ("fire", "商场内起火，冒出浓烟", "F4"),
    ("fire", "The whole building is ablaze, flames through the roof, danger of collapse", "F5"),
    ("fire", "整栋楼都在燃烧，屋顶起火，有坍塌危险", "F5"),
    ("fire", "Fire spreading to the neighbouring buildings across the block", "F6"),
    ("fire", "火势蔓延到相邻建筑", "F6"),
    ("fire", "Acetylene cylinders in the burning workshop", "F7"),
    ("fire", "A fuel tanker is on fire on the street", "H8"),
    ("hazmat", "Faint smell of gas in my kitchen, nobody is ill", "H1"),
    ("hazmat", "家里厨房有轻微煤气味，没有人不适", "H1"),
    ("hazmat", "Gas smell and two people dizzy in the stairwell", "H2"),
    ("hazmat", "Strong smell of gas in the basement of the apartment building, you can hear hissing", "H2"),
    ("hazmat", "The CO alarm is going off in the flat and the resident has a headache", "H2"),
    ("hazmat", "楼道里有很浓的煤气味，有人头晕", "H2"),
    ("hazmat", "Someone mixed cleaning agents in the school bathroom, fumes inside", "H3"),
    ("hazmat", "Pool chemicals released in the swimming hall", "H3"),
    ("hazmat", "游泳馆内泳池化学品泄漏", "H3"),
    ("hazmat", "A small diesel spill on the street from a jerry can", "H4"),
    ("hazmat", "A bottle of acid broke on the pavement", "H4"),
    ("hazmat", "路上有少量汽油泄漏", "H4"),
    ("hazmat", "A propane cylinder is leaking on the market place, no fire", "H5"),
    ("hazmat", "Damaged gas service pipe leaking outside the building after digging works", "H5"),
    ("hazmat", "A tanker truck has spilled thousands of litres of petrol on the road", "H6"),
    ("hazmat", "油罐车翻车，大量汽油泄漏", "H6"),
    ("hazmat", "Ruptured gas main roaring in the street after an excavator hit it", "H7"),
    ("hazmat", "LPG tanker leaking gas at the junction", "H7"),
    ("hazmat", "A chlorine cylinder is leaking at the water works yard, a small leak from the valve", "H9"),
    ("hazmat", "Small ammonia leak from a valve outside the ice rink", "H9"),
    ("hazmat", "一个氯气瓶阀门少量泄漏", "H9"),
    ("hazmat", "A chlorine rail tank car has ruptured, a large release", "H10"),
    ("hazmat", "Breached ammonia road tanker, large cloud", "H10"),
    ("hazmat", "Unknown liquid in a small puddle on the square, nobody ill", "H11"),
    ("hazmat", "广场上有少量不明液体，没有人受伤", "H11"),
    ("hazmat", "Unknown substance, people coughing and collapsing near the station exit", "H12"),
    ("hazmat", "A strange yellowish-green cloud drifting over the street", "H12"),
    ("hazmat", "不明气体，多人咳嗽晕倒", "H12"),
    ("hazmat", "A van carrying consumer fireworks crashed, no fire", "H13"),
    ("flood", "The underpass is flooded, cars stuck, nobody inside buildings at risk", "FL1"),
    ("flood", "A water main burst and the street is under water", "FL1"),
    ("flood", "地下通道积水，无人被困", "FL1"),
    ("flood", "Water is pouring into the basement flats, residents at risk, water rising", "FL2"),
    ("flood", "水灌入地下室，一楼住户进水", "FL2"),
    ("flood", "Sea level forecast +1.2 m, quays and the waterfront streets awash", "FL3"),
    ("flood", "海平面预计升高1.1米，码头被淹", "FL3"),
    ("flood", "Sea water level forecast at +1.8 m tonight", "FL4"),
    ("flood", "风暴潮，海水位预计达到1.7米", "FL4"),
    ("earthquake_collapse", "A light tremor was felt, some cracked plaster, no structural damage", "E0"),
    ("earthquake_collapse", "A balcony fell from the facade onto the pavement", "E1"),
    ("earthquake_collapse", "脚手架倒塌掉落在人行道上", "E1"),
    ("earthquake_collapse", "Part of the roof of the building has collapsed, the rest is standing", "E2"),
    ("earthquake_collapse", "楼房部分坍塌", "E2"),
    ("earthquake_collapse", "Gas explosion collapsed the building, shared walls of the neighbouring houses are cracking", "E3"),
    ("earthquake_collapse", "A sinkhole opened in the street, no building damage", "E4"),
    ("earthquake_collapse", "路面塌陷，建筑没有受损", "E4"),
    ("severe_weather", "Storm warning for the evening, strong winds expected", "SW1"),
    ("severe_weather", "大风预警，暴风即将来临", "SW1"),
    ("severe_weather", "Snow and ice sliding off the roofs onto the pavement", "SW2"),
    ("severe_weather", "屋顶积雪和冰柱随时可能掉落", "SW2"),
    ("severe_weather", "The storm tore the roof off the apartment building and windows were blown in on several floors", "SW3"),
    ("public_security", "Suspicious unattended backpack inside the library", "PS1"),
    ("public_security", "图书馆内发现可疑的无人看管背包", "PS1"),
    ("public_security", "Suspicious abandoned suitcase on the square", "PS2"),
    ("public_security", "广场上有一个可疑的行李箱", "PS2"),
    ("public_security", "Suspicious van with visible wiring parked at the ministry", "PS3"),
    ("public_security", "Bomb threat call naming the theatre, nothing found yet", "PS4"),
    ("public_security", "Active shooter in the shopping centre, shots fired", "PS5"),
    ("public_security", "商场内有人持刀行凶", "PS5"),
    ("public_security", "Armed man barricaded in his flat holding hostages", "PS6"),
    ("public_security", "Riot on the square, crowd throwing bottles", "PS7"),
    ("utility_outage", "Power outage in the block, no immediate danger", "U1"),
    ("utility_outage", "停电了，没有危险", "U1"),
    ("utility_outage", "Power cut expected to last more than 12 hours, minus 20 degrees, residents with home oxygen", "U2"),
    ("utility_outage", "A tram overhead line is down and sparking on the street", "U3"),
    ("utility_outage", "电车线掉落在路上", "U3"),
    ("utility_outage", "District heating pipe burst, hot water and steam in the street", "U4"),
    # Wider phrasings (written for the cue extractor, not taken from any bench set).
    ("fire", "Flat fire on the 2nd floor, the stairs are pitch black and an old man is shouting for help from his balcony", "F3"),
    ("fire", "二楼厨房油锅起火，已经关门，楼道里没有烟", "F2"),
    ("fire", "Flames are coming out of the windows on every floor of the building", "F5"),
    ("fire", "The fire has jumped to the building next door and is spreading along the block", "F6"),
    ("fire", "Fire in the chemistry class, the teacher got the pupils out", "F4"),
    ("hazmat", "Resident says her stove smells a bit of gas, she feels fine", "H1"),
    ("hazmat", "Gas smell in the restaurant kitchen and two staff feel faint", "H2"),
    ("hazmat", "Someone sprayed pepper spray in the school corridor, pupils coughing", "H3"),
    ("hazmat", "Granules of pool chlorine spilled from a torn sack on the pavement, dry, no fumes", "H4"),
    ("hazmat", "Some white powder spilled from a package on the pavement, nobody ill", "H11"),
    ("hazmat", "饭店露台上的液化气罐漏气，嘶嘶响", "H5"),
    ("flood", "Rainwater is running in under the door and down into the basement storerooms of the shop", "FL2"),
    ("earthquake_collapse", "A loud bang and the end wall of the house came down; the house next door has new cracks in the shared wall", "E3"),
    ("earthquake_collapse", "轻微地震，墙皮掉落，没有结构损坏", "E0"),
    ("earthquake_collapse", "A hole opened in the road after the water main leak, no buildings affected", "E4"),
    ("severe_weather", "Snow and ice are sliding off the roof of the department store onto the queue", "SW2"),
    ("severe_weather", "The gale ripped off half the roof of the house; the top flats are open to the sky", "SW3"),
    ("public_security", "The museum got an e-mail this morning saying a bomb will explode there at 15:00", "PS4"),
    # Spec section 2 and the flood rows: cylinders in a fire are F7 even when triaged as hazmat; a car's own
    # fuel tank is no bulk tank; a burst main on a waterfront square is local water, the sea on it is FL3.
    ("hazmat", "Propane cylinders on fire at the market stall", "F7"),
    ("fire", "Car on fire in the street, the fuel tank could go", "F1"),
    ("flood", "A water main burst on Kauppatori, the square is flooded", "FL1"),
    ("flood", "Sea water is washing over the quay at Kauppatori", "FL3"),
    ("fire", "The building is collapsing, fire on all floors", "F5"),
    ("fire", "Fire in the attic of the block has spread to the roofs of the two neighbouring buildings", "F6"),
    ("hazmat", "A leaking chlorine tank at the water treatment works, big yellow-green cloud", "H10"),
    ("flood", "Water is coming up through the floor drains into the basement flats", "FL2"),
    ("severe_weather", "Storm blew out the windows of the school on several floors", "SW3"),
    ("public_security", "Reports of a man with a gun walking along the esplanade", "PS5"),
    ("public_security", "Active shooter in the school, pupils have barricaded themselves in classrooms", "PS5"),
    ("public_security", "Man firing a gun at people on Esplanadi, he is still there", "PS5"),
    ("public_security", "Someone is shooting into the crowd outside the station", "PS5"),
    ("public_security", "A man with a knife has taken his wife hostage in their apartment", "PS6"),
    ("utility_outage", "Heating off in the block for the next two days, -25 outside", "U2"),
    ("utility_outage", "Hot water is spraying from a broken pipe in the street, steam everywhere", "U4"),
    ("fire", "地下室储藏间起火，烟进入楼梯间", "F3"),
    ("public_security", "有人打电话说剧院里有炸弹", "PS4"),
    ("fire", "三楼着火，浓烟顺着楼梯往上冒，顶楼有人在窗口呼救", "F3"),
    ("hazmat", "地铁站外很多人咳嗽、流泪，有一股怪味", "H12"),
]


def test_more_cues_people_floors_wind_and_dependents():
    c = extract_protective_cues("LPG leak at the depot, wind NE 7 m/s")
    assert (c.wind_from_deg, c.wind_speed_ms) == (45.0, 7.0)
    assert extract_protective_cues("About 80 swimmers and staff are still inside the hall").occupants == 80
    assert extract_protective_cues("七楼一户起火").fire_floor == 7 and extract_protective_cues("fire on the third floor").fire_floor == 3
    # floors from 20 up in characters (a second, clock-only _zh_number once shadowed the floor reader: KeyError)
    assert extract_protective_cues("二十三楼一户起火").fire_floor == 23 and extract_protective_cues("二十楼冒烟").fire_floor == 20
    u = extract_protective_cues("Heating out for 40 hours at -20 °C. Two residents on Vironkatu use home ventilators.")
    assert u.long_outage and u.frost and u.dependents == 2
    r = extract_protective_cues("Gas smell in the cafe on the ground floor")
    assert r.building_use == "public" and r.use_is_tenant  # a cafe is a tenant of its block, not the building's use
    assert not extract_protective_cues("Fire in the library, smoke in the reading room").use_is_tenant


@pytest.mark.parametrize("hazard,text,rule", CASES, ids=[f"{r}-{i}" for i, (_, _, r) in enumerate(CASES)])
def test_each_row_of_the_table(hazard, text, rule):
    d = decide(hazard, extract_protective_cues(text))
    assert d is not None and d.rule == rule, f"{text!r}: {d.rule if d else None} ({d.reason if d else ''}); cues {extract_protective_cues(text).as_dict()}"


def test_times_volumes_and_counts_in_other_forms():
    assert extract_protective_cues("klo 23 gas smell").night and extract_protective_cues("reported at 0230 hrs").hour == 2
    assert extract_protective_cues("风向西北，风速3米/秒").wind_from_deg == 315.0
    assert extract_protective_cues("a 1000-litre IBC of diesel is leaking").scale == "large"
    assert extract_protective_cues("about 2 m3 of fuel oil on the road").litres == 2000.0
    assert extract_protective_cues("around three hundred people inside the hall").occupants == 300
    assert extract_protective_cues("楼里有两百多名学生").occupants == 200
    # A time and a small count are not one number ("10:15, 3 people" is not 153 occupants).
    assert extract_protective_cues("smoke at 10:15, 3 people coughing").occupants is None


def test_a_count_of_casualties_is_not_the_number_of_occupants():
    # Spec section 2: an occupant count in the report overrides the density table; the people something
    # happened to are not that count, so the building's own estimate stands.
    assert extract_protective_cues("Strange smell in the office, 12 people coughing and 3 taken to hospital").occupants is None
    assert extract_protective_cues("Pepper spray in the school, about 25 pupils with sore eyes").occupants is None
    assert extract_protective_cues("五楼着火，10个人被困").occupants is None
    # ... while the people present still count, also beside a casualty count.
    assert extract_protective_cues("Chemical smell in the gym, 15 people feel dizzy, about 60 people in the building").occupants == 60
    assert extract_protective_cues("Suspicious bag in the library, 300 visitors inside").occupants == 300


def test_an_item_by_street_furniture_is_outdoors_and_a_bag_named_after_a_place_is_no_building():
    # "gym bag", "shopping bag", "pressure cooker" name the item, not a gym, a shop or a kitchen; a fountain,
    # the steps of a church or a square's name ("Kauppatori") put it outdoors: PS2, not PS1.
    for text in ("Suspicious gym bag next to the fountain", "Abandoned shopping bag with wires by the kiosk",
                 "A pressure cooker left in a bag on the square", "Suspicious parcel left on the steps of the cathedral",
                 "Suspicious sports bag left by a bench at Kauppatori"):
        assert decide("public_security", extract_protective_cues(text)).rule == "PS2", text
    # A bench on the 2nd floor is still inside.
    assert decide("public_security", extract_protective_cues("a taped parcel left under a bench on the 2nd floor of the museum")).rule == "PS1"
    # DHS classes: a pickup truck, a minivan or a camper is an SUV/van (122 m), a lorry a delivery truck (195 m).
    for text, size in (("Suspicious pickup truck parked on the pavement, threat received", "suv_van"),
                       ("Abandoned minivan with a strange load outside the station, threat called in", "suv_van"),
                       ("A lorry parked outside the embassy with a threat note", "delivery_truck")):
        c = extract_protective_cues(text)
        assert c.item_size == size and decide("public_security", c).rule == "PS3", text


def test_smoke_getting_into_the_stairwell_gas_entering_a_building_and_a_bin_store_is_no_shop():
    # F3: smoke that reaches the stairwell, however it is said.
    for text in ("A car is burning in the garage under the apartment building at Bulevardi 5, smoke is getting into the stairwells",
                 "Fire in the bin store in the basement of Annankatu 12, smoke coming up the stairwell"):
        assert decide("fire", extract_protective_cues(text)).rule == "F3", text
    # Spec H5: a building the gas enters is H2, even when the report names the courtyard first.
    c = extract_protective_cues("Gas smell in the courtyard and inside the ground floor flats of Kalevankatu 12, a resident dizzy")
    assert decide("hazmat", c).rule == "H2"
    # ... while a leak in the street with nobody inside affected stays a cordon.
    assert decide("hazmat", extract_protective_cues("Gas hissing from a damaged service pipe in the street")).rule == "H5"


def test_passers_by_collapsing_a_strange_cloud_and_a_threatened_car_are_read():
    # H12: casualties among passers-by, or a strange cloud of gas with casualties: unknown material, evacuate 100 m.
    assert decide("hazmat", extract_protective_cues("Unknown liquid leaking from a van at Kaivokatu, fumes, two passers-by collapsed")).rule == "H12"
    assert decide("hazmat", extract_protective_cues("A strange cloud of gas on the metro platform, many people coughing and one unconscious")).rule == "H12"
    # PS3: a vehicle a threat names ("threat made"); a threat against a building with a car park is still PS4.
    assert decide("public_security", extract_protective_cues("Car parked in front of the embassy, caller says it is packed with explosives")).rule == "PS3"
    assert decide("public_security", extract_protective_cues("Caller says there is a bomb in the office building next to the car park")).rule == "PS4"


def test_the_half_of_the_day_a_report_gives_in_words_sets_day_or_night():
    # Day is 07:00-18:59 (spec section 2); a wrong half triples a residential count or cuts a shop's to nothing.
    for text, night in (("at 5 in the morning", True), ("at 4.20 in the afternoon", False), ("at 0230", True), ("at dawn", True),
                        ("傍晚6点", False), ("深夜11点", True), ("夜里12点", True), ("今晚10点", True), ("深夜1点", True)):
        assert extract_protective_cues(f"Fire in a flat at Annankatu 12 {text}, smoke").night is night, text
    assert extract_protective_cues("a fire 1500 metres from the quay").hour is None  # a distance is no time


def test_clock_hours_in_chinese_characters_and_next_to_chinese_text_are_read():
    # "20:30冒烟" has no word boundary after the minutes; 晚上十点 / 凌晨两点 / 下午六点 write the hour in characters.
    for text, hour in (("20:30冒烟", 20), ("晚上十点冒烟", 22), ("凌晨两点有煤气味", 2), ("下午六点商场冒烟", 18), ("傍晚七点冒烟", 19),
                       ("早上六点半煤气味", 6), ("十一点半夜里冒烟", 23)):
        assert extract_protective_cues(text).hour == hour, text
    # 一点 alone is "a little", and a water level in metres is no clock time.
    assert extract_protective_cues("有一点烟味").hour is None and extract_protective_cues("水位1.50米").hour is None


def test_chinese_attackers_barricades_tremors_and_a_smell_absent_indoors_are_read():
    # PS5: a man with a knife chasing and wounding people; PS6: a man who shut himself in a flat with a hostage.
    assert decide("public_security", extract_protective_cues("广场上一个人挥着斧头追着路人，刺伤了一个老人")).rule == "PS5"
    assert decide("public_security", extract_protective_cues("三楼一个男人拿着枪把自己锁在公寓里，还带着他母亲")).rule == "PS6"
    # E0: a building that shook, things fell, hairline cracks; "整栋楼" alone is no building on fire.
    assert decide("earthquake_collapse", extract_protective_cues("我们整栋楼刚才晃动了几秒，杯子摔在地上，墙上有细小裂纹")).rule == "E0"
    assert not extract_protective_cues("整栋楼的人都下楼了").fully_involved
    # H5: the smell is strong in the street but cannot be smelt inside the building next to it.
    assert decide("hazmat", extract_protective_cues("路边燃气管被挖断，马路上燃气味很重，旁边餐厅里闻不到")).rule == "H5"


def test_storm_damage_and_water_entering_a_building_in_other_words():
    assert decide("severe_weather", extract_protective_cues("The wind peeled the roof back off the block on Liisankatu, rain pouring into the top flats")).rule == "SW3"
    assert decide("severe_weather", extract_protective_cues("Windows on the upper two floors were blown in by the gale, glass in the flats")).rule == "SW3"
    # Loose roof sheeting flapping is a falling-object hazard (SW2), not an unsafe building.
    assert decide("severe_weather", extract_protective_cues("The storm peeled back some of the roof sheeting on a shop, sheets are flapping")).rule == "SW2"
    assert decide("flood", extract_protective_cues("A burst main is gushing water down the stairs into the basement car park of the office block")).rule == "FL2"
    assert decide("flood", extract_protective_cues("Flash flood on the street, water now seeping in under the doors of the pharmacy")).rule == "FL2"


def test_flames_on_three_named_floors_and_a_car_named_in_chinese():
    assert decide("fire", extract_protective_cues("Flames showing on the 2nd, 3rd and 4th floors and the roof is ablaze")).rule == "F5"
    assert decide("fire", extract_protective_cues("Fire on the 2nd and 3rd floors of the office building")).rule == "F4"  # two floors: not fully involved
    assert decide("public_security", extract_protective_cues("有人来电说停在银行门口的那辆车里装了炸弹")).rule == "PS3"
    assert extract_protective_cues("电车里有一个没人要的行李箱").item_size == "briefcase"  # a tram (电车) is no car


def test_a_fire_that_started_in_the_attic_and_some_kind_of_powder_are_read():
    assert decide("fire", extract_protective_cues("The fire broke out in the loft of the residential block, residents still inside")).rule == "F3"
    assert decide("hazmat", extract_protective_cues("Some sort of powder scattered on the pavement by the bus shelter, nobody ill")).rule == "H11"


def test_a_hostage_a_trench_collapse_a_courtyard_pews_and_roofs_burning_together_are_read():
    def row(hazard: str, text: str) -> str:
        return decide(hazard, extract_protective_cues(text)).rule

    # A person held in a flat is a barricade (PS6), not a disturbance.
    assert row("public_security", "An armed man is holding his brother in the flat on the 2nd floor, police outside") == "PS6"
    # A trench or excavation that fell in is a ground collapse (E4), not a building collapse.
    assert row("earthquake_collapse", "The excavation for the cable works on the pavement has collapsed, the houses are fine") == "E4"
    # A Chinese inner courtyard (内院) is outdoors; rows of benches (pews) are indoors, a single bench is not.
    assert extract_protective_cues("Fabianinkatu 9 的内院里有一个小氯气瓶在漏气，一个人咳嗽").setting == "outdoor"
    assert extract_protective_cues("教堂前排长椅下面有个没有人认领的箱子").setting == "indoor"
    assert extract_protective_cues("公园长椅下面有个没有人认领的箱子").setting == "outdoor"
    assert extract_protective_cues("A holdall left under the pews of the chapel, nobody claims it").setting == "indoor"
    # The storm tore away a part of the roof and blew the windows in: the building is unsafe (SW3).
    assert row("severe_weather", "The gale ripped off a large part of the roof and blew the windows in on the top floor") == "SW3"
    # "Nothing burning" says there is no fire: a leaking bottle outdoors is H5, not cylinders in a fire (F7).
    assert row("hazmat", "A propane bottle on the pavement is hissing from its hose, nothing burning") == "H5"
    # A fire going from one house to the next in Chinese (F6).
    assert row("fire", "夜里，火从一栋烧到另一栋，屋顶连着烧") == "F6"


def test_a_business_on_one_floor_of_the_block_is_a_business_inside_it():
    for text in ("Smoke in the basement, the ground-floor supermarket is being cleared", "The supermarket on the ground floor is full of smoke",
                 "地下室冒烟，楼下是一家小超市"):
        cues = extract_protective_cues(text)
        assert cues.building_use == "retail" and cues.use_is_tenant, text
    assert not extract_protective_cues("Smoke inside the supermarket, customers leaving").use_is_tenant


def test_an_indoor_cue_negated_inside_a_chinese_phrase_is_no_indoor_place():
    # The setting and "indoors too" read the same negations: 后排没有座位 ("no seats in the back rows") names no seat
    # row for either; the indoor check used to skip only the negation before the cue, not one inside it.
    c = extract_protective_cues("后排没有座位，燃气味很重，有人头晕")
    assert c.setting is None and not c.indoors_too
    assert extract_protective_cues("后排座位下燃气味很重，有人头晕").indoors_too


def test_chinese_numbers_are_read_by_the_shared_number_reader():
    # "三四楼" (the third or fourth floor) is the lower figure, as report_words reads "五六个人"; it was the ground floor.
    assert extract_protective_cues("三四楼冒烟，楼道里有烟").fire_floor == 3
    assert extract_protective_cues("二十三楼一户起火").fire_floor == 23 and extract_protective_cues("晚上十一点冒烟").hour == 23
    assert extract_protective_cues("两百多名学生在楼里").occupants == 200
    assert extract_protective_cues("Several hundred people are in the hall").occupants == 300
    assert extract_protective_cues("Dozens people inside the hall").occupants == 36  # a crowd: the middle of its range


def test_round_two_phrasings_of_the_table_determinants_are_read():
    """dev6 study: determinants the table names, said in words the extractor did not know (own phrasings)."""
    # F5: a building "fully alight" or with flames out of the roof is fully involved, wherever the caller stands.
    assert protective_row("fire", "Bus driver at the stop: the house across the road is fully alight, bits falling off") == "F5"
    assert protective_row("fire", "Flames are coming out of the roof of the block on the corner") == "F5"
    # F1: a burning car in Chinese with its measure word; a tram or bus stop (电车站, 公交车站) is no station building.
    assert protective_row("fire", "路边一辆车在冒火，旁边是公交车站") == "F1"
    assert extract_protective_cues("旁边是电车站").building_use is None
    # H6: a split tank and a volume in words are a large spill (ERG: over 200 L, a breached tank).
    assert protective_row("hazmat", "The delivery truck hit a post and split its fuel tank, diesel running down the street") == "H6"
    assert protective_row("hazmat", "About a thousand litres of heating oil are on the road, no fire") == "H6"
    # H4, not H11: sodium hypochlorite is liquid bleach, a corrosive; calcium hypochlorite granules stay a solid.
    assert extract_protective_cues("A can of sodium hypochlorite fell off the van and broke on the street").material == "corrosive"
    # H11, not H3: 一家中餐馆 is "a Chinese restaurant" (measure word 家), not 家中 ("at home").
    assert protective_row("hazmat", "我在一家中餐馆打工，门外人行道上有一小桶没标签的液体，没人不舒服") == "H11"
    # FL2: water welling up from an underground store, into the shop; water coming up at a ground-floor lobby.
    assert protective_row("flood", "下水道倒灌，水从地下车库涌上来，已经流进店里了") == "FL2"
    assert protective_row("flood", "Burst pipe: water is coming up through the floor into the ground-floor lobby") == "FL2"
    # PS5: an attacker with an adjective before the weapon, slashing at people.
    assert protective_row("public_security", "A man with a long knife is slashing at people on the square") == "PS5"
    # PS1: IED indicators (taped bottles, a clock) and "nobody knows whose" in Chinese; a sports bag is suitcase-sized.
    c = extract_protective_cues("楼道里有一个旅行包，里面有用胶带缠着的瓶子和一个闹钟，没人认识")
    assert c.suspicious and c.item_size == "briefcase" and decide("public_security", c).rule == "PS1"
    assert extract_protective_cues("an unattended gym bag under the bench").item_size == "briefcase"
    assert extract_protective_cues("an unattended bag under the bench").item_size == "backpack"


def test_an_address_after_a_named_place_is_no_outdoor_setting_and_hours_in_words_are_read():
    # "on <street>" after a named place is its address: the pews and the organ loft are inside.
    assert extract_protective_cues("The caretaker at St John's church on Korkeavuorenkatu: smoke from the organ loft over the pews").setting == "indoor"
    assert extract_protective_cues("A car burning on Fredrikinkatu").setting == "outdoor"
    assert extract_protective_cues("It is one in the morning, smoke in the kitchen").night is True
    assert extract_protective_cues("Around three a.m. the alarm went off").hour == 3
    assert extract_protective_cues("two ambulances at the door").hour is None  # "am" only as a word


def test_a_day_care_or_offices_upstairs_are_businesses_inside_the_block():
    for text in ("Gas smell in the day-care on the ground floor, a teacher is dizzy", "楼上还有很多办公室和住户，有人打电话说楼里有炸弹",
                 "楼上都是住家和办公室，楼梯间有可疑的包"):
        assert extract_protective_cues(text).use_is_tenant, text
    assert not extract_protective_cues("Gas smell in the office building, people dizzy").use_is_tenant


def test_more_phrasings_of_spread_full_involvement_attackers_symptoms_and_water():
    """Own phrasings written from the table's rows (probe after dev6), each a determinant the table names."""
    assert protective_row("fire", "Smoke is pouring out of a third-floor window at Fredrikinkatu 40, the flat above is filling too") == "F3"
    assert protective_row("fire", "Smoke pouring out of the main stairwell door, people shouting from the upper windows") == "F3"
    assert protective_row("fire", "Flames are shooting from every window of the top floor and the roof has caught") == "F5"
    assert not extract_protective_cues("Flames are shooting from every window").attacker  # flames shooting is no gunfire
    assert protective_row("fire", "我是出租车司机，前面一栋楼的顶楼整个烧起来了，火从窗户和屋顶往外冒") == "F5"
    assert protective_row("fire", "Two houses are burning now, the fire jumped across from the shed") == "F6"
    assert protective_row("fire", "两栋房子都烧起来了，火是从旁边的仓库窜过来的") == "F6"
    assert protective_row("public_security", "A man is walking down the street waving a machete at passers-by") == "PS5"
    assert protective_row("hazmat", "An envelope with white powder was opened in the post room, two clerks have itchy eyes") == "H3"
    assert protective_row("hazmat", "游泳馆设备间的氯气瓶阀门漏气，工作人员眼睛疼") == "H3"
    assert protective_row("flood", "The storm drains overflowed and the basement car park of the office is filling with water") == "FL2"
    assert protective_row("flood", "The underground passage is under water after the storm") == "FL1"


def test_a_business_in_the_block_sets_the_fire_row_only_when_the_fire_is_in_it():
    # The café downstairs does not make a flat fire upstairs a café fire (F2, not F4); smoke in the stairwell with
    # people on the balconies is F3 whatever shop is on the ground floor.
    assert protective_row("fire", "四楼一户人家沙发着火，住户已经出来把门关了，楼道里只有一点烟味。楼下是一家咖啡店，已经关门了。") == "F2"
    assert protective_row("fire", "Smoke in the stairwell, two people on the 5th floor balcony; the ground floor is a shop and a cafe") == "F3"
    # A fire in the business itself is still that business's building fire (F4).
    assert protective_row("fire", "Hi, I'm at the bakery on Iso Roobertinkatu, the oven's caught fire and the shop is filling with smoke") == "F4"
    assert protective_row("fire", "餐馆后厨起火了，烟从窗户往外冒，客人都跑出来了") == "F4"


def test_clock_times_with_a_half_of_the_day_in_other_forms():
    # The density table flips with day and night (residential 1 vs 3 per 100 m2): a misread hour moves the figure 3x.
    for text, hour in (("today at 5.45 pm", 17), ("晚上10:30楼道有烟", 22), ("晚8点", 20), ("十九点", 19), ("半夜两点", 2), ("凌晨1点半", 1)):
        c = extract_protective_cues(text)
        assert c.hour == hour and c.night == (not 7 <= hour <= 18), text
    for text in ("晚一点再来", "早一点", "我晚了一点"):  # "a bit later / earlier": no clock time
        assert extract_protective_cues(text).hour is None, text


def test_a_count_of_the_people_present_said_in_words_overrides_the_table():
    for text, n in (("we have eighty guests tonight", 80), ("some forty-five pupils in the hall", 45), ("there are about 150 of us inside", 150),
                    ("里面大概有五十个人", 50), ("一百五十个学生在上课", 150)):
        assert extract_protective_cues(text).occupants == n, text
    # Casualties are not the people present, in words too.
    assert extract_protective_cues("五十个人被困在里面").occupants is None
    assert extract_protective_cues("thirty people coughing in the hall").occupants is None


def test_a_landing_a_basement_fire_an_exposed_wall_and_leaking_oil_are_read():
    assert protective_row("hazmat", "Gas smell on the 3rd floor landing of Museokatu 5") == "H2"  # the landing is a common area
    assert protective_row("hazmat", "Faint gas smell in my kitchen, the landing smells normal, nobody ill") == "H1"
    assert protective_row("fire", "Laundry room in the basement of the apartment block is on fire, smoke coming up") == "F3"
    # F1 is an outdoor fire NOT exposing a building: one against its wall with the windows cracking exposes it.
    assert protective_row("fire", "The car charging in the courtyard is on fire right against the wall of the building, windows cracking") == "F3"
    assert protective_row("fire", "A car is burning in the courtyard, well away from the buildings") == "F1"
    assert protective_row("hazmat", "停车场里一辆车漏油，一小滩，没有人受伤") == "H4"


@pytest.mark.parametrize("hazard, text, rule", [
    # A vehicle burning in a parking hall or garage under or inside a building is a fire in that building, not F1.
    ("fire", "A van is on fire in the underground car park of the shopping centre, smoke in the lobby", "F4"),
    ("fire", "Car burning on level -2 of the parking garage under the office building", "F4"),
    ("fire", "A car is burning in the parking lot behind the library, nobody near it", "F1"),  # a surface lot stays outdoors
    # A CO or gas detector going off is H2 (the table: "a CO/gas alarm"), even with nobody ill.
    ("hazmat", "The carbon monoxide detector in the boiler room is going off, nobody feels ill", "H2"),
    ("hazmat", "Building automation: ALARM CO-HIGH, sensor in the garage, 90 ppm", "H2"),
    ("hazmat", "厨房的燃气报警器一直在响", "H2"),
    # A compressed-gas cylinder leaking indoors is a gas leak (H2 with hissing or symptoms), not H3.
    ("hazmat", "Inside the hospital ward an oxygen cylinder is hissing and the valve will not close", "H2"),
    ("hazmat", "A sack of pool chemicals split in the plant room and two staff are coughing", "H3"),
    # A threat that names the building, received by e-mail or text, with nothing found: PS4.
    ("public_security", "The office got an e-mail at 8.30 saying a bomb will explode in the building at noon; nothing found", "PS4"),
    ("public_security", "学校收到一封邮件，说楼里放了炸弹，目前什么也没发现", "PS4"),
    # Part of a roof down, whatever kind of roof: E2.
    ("earthquake_collapse", "Part of the glass roof of the shopping arcade came down onto the walkway", "E2"),
    # A balcony or canopy that has fallen is E1 even when the building is said to be sound.
    ("earthquake_collapse", "A concrete canopy over the entrance broke off and fell; no cracks in the building itself", "E1"),
    # Ice and snow falling from roofs: SW2, in Chinese too.
    ("severe_weather", "Chunks of ice keep falling from the roof onto the pavement", "SW2"),
    ("severe_weather", "积雪从楼顶滑下来，砸在人行道上", "SW2"),
])
def test_round3_rows_read_from_the_mechanism_not_a_phrase(hazard, text, rule):
    assert decide(hazard, extract_protective_cues(text)).rule == rule


def test_counts_in_words_keep_their_tens_and_their_thousands():
    assert extract_protective_cues("Fire alarm in the concert hall, six hundred and twenty-five people in the audience").occupants == 625
    assert extract_protective_cues("About two hundred and fifteen pupils are in the school").occupants == 215
    assert extract_protective_cues("Nine hundred tickets sold for tonight's show, smoke on stage").occupants == 900
    assert extract_protective_cues("体育馆里大约两千三百名观众").occupants == 2300
    assert extract_protective_cues("商场里约三百名顾客").occupants == 300


def test_a_lived_in_basement_and_offices_upstairs_are_read_as_such():
    assert extract_protective_cues("水灌进了我们住的地下室住处").building_use == "residential"
    c = extract_protective_cues("Suspicious parcel in the lobby; flats and a few offices upstairs")
    assert (c.building_use, c.use_is_tenant) == ("office", True)  # offices upstairs are tenants, not the building's use


def test_tickets_sold_count_the_people_at_a_show():
    assert extract_protective_cues("Smoke in the hall, 650 tickets sold tonight").occupants == 650


@pytest.mark.parametrize("hazard, text, rule", [
    # A report in traditional characters reads as one in simplified ones.
    ("public_security", "機場快線月台旁的候車室裡有一個行李箱，周圍沒人，站務員說不是失物", "PS1"),
    ("fire", "商場裡起火了，冒出濃煙", "F4"),
    # Inside a hall whose name ends in 堂 (a chapel, a canteen, an auditorium): indoors, though the item is by a bench.
    ("public_security", "我们在教堂里面，长椅下面有一个没人认领的包，上面缠着胶带", "PS1"),
    # A square's name followed by a house number is an address, not the open square.
    ("fire", "Fryer fire in the kitchen of the restaurant at Kasarmitori 3, flames in the hood", "F4"),
    ("fire", "A car is on fire on Kasarmitori, nobody near it", "F1"),
    # A lecture hall or the back row of seats is indoors.
    ("public_security", "In lecture hall 2 a rucksack with wires sticking out has been left in the back row, nobody claims it", "PS1"),
    # A CO or gas detector that went off, with where it is said in between: H2.
    ("hazmat", "The gas detector behind the bar in the cellar restaurant went off twice, nobody ill", "H2"),
    # Water seeping into the shop from a flooded basement store, in Chinese: FL2.
    ("flood", "地下储藏室进水了，水还在涨，已经开始往一楼店里渗水，店里有顾客", "FL2"),
    # A collapse with the shared wall cracking is E3; the rear part of a building come down with the rest standing is E2.
    ("earthquake_collapse", "After a loud bang the rear section of the block has come down; the wall it shares with the next house is cracking", "E3"),
    ("earthquake_collapse", "The rear part of number 4 has collapsed, the front is still standing, nobody inside", "E2"),
    ("earthquake_collapse", "隔壁的共用墙体开始开裂，楼后半部分塌了", "E3"),
    # A gas leak at a named business with no setting said is inside it (H2), as a chemical release is (H3).
    ("hazmat", "A propane bottle is hissing behind the counter of the falafel shop, the cook is light-headed", "H2"),
    ("hazmat", "The CO sensor in the underground garage of the office block triggered at 180 ppm", "H2"),
])
def test_round4_rows_read_from_the_mechanism_not_a_phrase(hazard, text, rule):
    assert decide(hazard, extract_protective_cues(text)).rule == rule


def test_a_laptop_bag_is_briefcase_sized_and_nobody_around_it_is_unattended():
    assert extract_protective_cues("A laptop bag left on a chair in the lobby, no one around it").item_size == "briefcase"
    assert extract_protective_cues("A computer bag with wires at the zip").item_size == "briefcase"
    assert extract_protective_cues("A school bag with wires at the zip").item_size == "backpack"
    assert extract_protective_cues("A case on the platform with no one near it").suspicious
    # "Nobody nearby is unwell" is no unattended item.
    assert not extract_protective_cues("草地上有一个小瓶子打碎了，旁边没人不舒服").suspicious


def test_a_theatres_house_is_its_auditorium_not_a_dwelling():
    assert extract_protective_cues("Smoke above the stage, the house is sold out tonight").building_use is None
    assert extract_protective_cues("Smoke in the stairwell of the house, residents inside").building_use == "residential"
