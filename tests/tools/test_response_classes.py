"""Classes of under-response that recur across report authors (issue 11, round 4), each tested in our own words."""

from __future__ import annotations

from tools.determinants import extract

from tests.tools.helpers import codes, needs


# --- Chinese written in traditional characters is read like simplified Chinese

def test_traditional_characters_are_read_like_simplified_ones():
    simplified = "五楼的走廊全是烟，我们下不去，有人在窗边"
    traditional = "五樓的走廊全是煙，我們下不去，有人在窗邊"
    assert codes(traditional) == codes(simplified)
    assert "smoke_spreading" in codes(traditional)


def test_evidence_of_a_traditional_report_quotes_its_own_characters():
    text = "爺爺昏倒在廚房裡，叫不醒"
    unconscious = next(d for d in extract(text) if d.code == "unconscious")
    assert unconscious.evidence == text[unconscious.span[0]: unconscious.span[1]]
    assert any(ch in text for ch in unconscious.evidence)


# --- someone pinned in a wreck is a patient of their own (one ambulance), beside the others hurt

def test_a_pinned_driver_and_a_hurt_passenger_get_two_ambulances():
    text = "Van hit a car on the bridge. The car driver cannot get out of the car, his passenger has a cut on her arm."
    assert needs("traffic_accident", "P1", text)["ambulance"] == 2


def test_people_shut_in_a_lift_or_cut_off_by_a_flood_are_not_counted_as_pinned():
    lift = "two of us are stuck in the lift between floors, we are fine, the power is on"
    assert needs("utility_outage", "P3", lift).get("ambulance", 0) == 0
    flood = "水涨到腰了，三个老人困在地下通道中间出不来"
    assert needs("flood", "P2", flood).get("ambulance", 0) <= 1


def test_the_other_car_is_not_a_person():
    text = "The other car's driver is stuck in her seat, our people are okay"
    assert needs("traffic_accident", "P2", text)["ambulance"] == 1


def test_walking_wounded_are_patients_and_others_are_not_a_part_of_the_pinned():
    text = ("two cars crashed, one man in the front can't get out, two of the others are walking around with cuts on "
            "their hands")
    assert needs("traffic_accident", "P2", text)["ambulance"] == 2
    assert "minor_patients" not in codes("three lads from the car are walking around, all fine")


def test_oil_running_out_under_a_crashed_car_is_a_fuel_leak():
    assert "fuel_leak" in codes("两辆车撞了，司机卡在里面，车底下有油在流出来")
    assert "fuel_leak" not in codes("两辆车撞了，司机卡在里面，车里有一瓶酱油")


# --- an arrest said without "not breathing": agonal breathing, a chest that does not move, compressions under way

def test_agonal_breathing_in_a_collapsed_patient_gets_the_arrest_response():
    text = "my neighbour collapsed in the hall, she gives a big gasp and then nothing for ages"
    assert needs("medical", "P1", text) == {"ambulance": 2, "engine": 1}
    zh = "我爸在客厅倒下了，叫不醒，喘气很奇怪，很久才喘一下"
    assert needs("medical", "P1", zh) == {"ambulance": 2, "engine": 1}


def test_a_chest_that_does_not_move_or_compressions_are_an_arrest():
    assert "not_breathing" in codes("he went limp on the sofa and I don't think his chest is moving")
    assert "not_breathing" in codes("the guard is pumping on his chest right now")
    assert "not_breathing" in codes("店员在按他的胸口")
    assert "not_breathing" not in codes("他按着胸口说很疼")
    assert "not_breathing" not in codes("she is breathing normally, her chest is moving fine")


# --- a P1 assault still going on gets an ambulance on standby, as a weapon call does

def test_a_p1_assault_in_progress_gets_a_standby_ambulance():
    text = "two men are kicking a guy outside the bar and they keep hitting him"
    assert needs("public_security", "P1", text).get("ambulance") == 1
    calm = "a fight is going on outside the bar, nobody is hurt"
    assert needs("public_security", "P1", calm).get("ambulance", 0) == 0


# --- facts said in common ways the patterns missed (one test per way, own words)

def test_gas_smell_said_as_the_smell_of_gas_in_chinese_is_a_gas_leak():
    assert needs("hazmat", "P2", "地下室有一股燃气的味道，很浓") == {"engine": 1, "utility_crew": 1}


def test_a_crashed_car_on_fire_is_the_collision_s_second_engine_job():
    assert needs("traffic_accident", "P2", "两辆车追尾了，前面那辆车头着火了，司机已经下车").get("engine") == 1


def test_a_stairwell_filling_with_smoke_and_people_upstairs_asks_for_the_ladder():
    text = "the stairwell is filling with thick smoke from the basement, people are still upstairs shouting, five floors"
    assert needs("fire", "P1", text).get("ladder") == 1


def test_drains_that_cannot_take_the_rain_are_a_drain_flood():
    text = "the drains can't take the rain, the street by the station is flooded and a car is stuck in it with a man inside"
    assert needs("flood", "P1", text).get("utility_crew") == 1


# --- the census: a second patient said after the first, and one of a group said by the group's own word

def test_someone_hurt_too_is_a_second_patient_not_a_detail_of_the_first():
    text = "a bike and a scooter crashed, one man hurt, his wrist is broken, and the scooter rider's hurt too"
    minor = next(d for d in extract(text) if d.code == "minor_patients")
    assert minor.count == 2
    serious = text.replace("hurt too", "hurt too, she's struggling to get a breath")
    assert needs("traffic_accident", "P2", serious)["ambulance"] == 2


def test_someone_pinned_by_a_named_thing_in_chinese_is_serious():
    text = "风把广告牌吹倒了，砸到一个人，他躺着不动。还有一个人被广告牌压住了腿"
    assert needs("severe_weather", "P1", text)["ambulance"] == 2
    door = "地下室进水了，三个员工在储藏室里，门被水压住打不开"
    assert "serious_patients" not in codes(door)


def test_limping_is_a_minor_injury_in_chinese_too():
    assert "minor_patients" in codes("还有一个人走路一瘸一拐的")


def test_one_of_a_group_said_by_the_group_s_word_is_one_of_them():
    text = "我们三个室友都头痛、想吐，刚才一个室友晕倒了，热水器是烧燃气的"
    assert needs("hazmat", "P1", text)["ambulance"] == 2
    en = "my three flatmates have headaches and one flatmate passed out and is hard to wake, the gas boiler is old"
    assert needs("hazmat", "P1", en)["ambulance"] == 2


def census_of(text: str) -> tuple[int, int]:
    from tools.casualties import census
    c = census(text)
    return c.serious, c.minor + c.ill


def test_a_family_member_named_after_the_family_is_one_of_them():
    assert census_of("We're a family of four, we all have headaches, one child is hard to wake") == (1, 3)
    assert census_of("一家四口都头疼想吐，一个孩子叫不醒") == (1, 3)


def test_two_groups_joined_by_and_keep_their_own_conditions():
    # the child is someone besides the three dizzy ones, and only the child is unconscious
    assert census_of("the CO alarm went off, three of us are dizzy and a child is unconscious") == (1, 3)


def test_another_person_said_by_a_generic_word_is_someone_else():
    assert census_of("外墙塌了，有两个人被埋在砖头下面，还有一个人腿被砸伤了") == (2, 1)


# --- how many are in the water, or under what came down: one ambulance each

def test_two_people_in_the_water_get_two_ambulances():
    assert needs("missing_person", "P1", "孩子掉进海里了，他爸爸跳下去救他，现在两个人都在水里")["ambulance"] == 2
    assert needs("missing_person", "P1", "a kid fell off the pier and his dad jumped after him, both of them are in the water now")["ambulance"] == 2
    assert needs("missing_person", "P1", "a man fell off the pier, he is in the water")["ambulance"] == 1


def test_people_under_a_collapse_said_without_a_verb_are_counted():
    text = "the formwork gave way and came down, two of our builders under the planks, one is shouting"
    dets = {d.code: d for d in extract(text)}
    assert dets["collapse_people_under"].count == 2
    assert needs("earthquake_collapse", "P1", text)["ambulance"] == 2
    assert "collapse_people_under" not in codes("the shelf collapsed, two customers walked under the arch earlier")


# --- over-response: a P1 medical call explained by its signs gets one crew, not the arrest response

def test_chest_pain_stroke_and_allergy_signs_explain_a_p1_medical_call():
    for text in ("a man on the bench, grey and sweaty, says his chest has been tight for an hour",
                 "my aunt's left arm feels heavy and her speech is a bit off",
                 "我对花生过敏，现在嘴唇肿了，喉咙有点紧",
                 "老人突然左边手脚没力气，嘴有点歪"):
        assert needs("medical", "P1", text) == {"ambulance": 1}, text


def test_choking_that_stopped_the_breathing_is_still_an_arrest():
    assert needs("medical", "P1", "孩子吃东西噎住了，脸都紫了，现在不出气了") == {"ambulance": 2, "engine": 1}


def test_someone_named_after_someone_is_the_same_person():
    from tools.casualties import census
    c = census("走廊里有人晕倒了，一个保安。她醒过来了，但是说胸口闷")
    assert (c.serious, c.minor) == (1, 0)


def test_a_lift_that_is_not_moving_is_no_patient():
    text = "我们四个人被关在电梯里了，电梯停在两层中间不动了，楼里有电，大家都还好"
    assert needs("utility_outage", "P3", text) == {"rescue": 1}
    assert "serious_injury" in codes("有个老人倒在电梯门口，一动不动")
