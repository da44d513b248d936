"""Mechanisms of the response determinants and table found general in the fresh dev set unit_needs_dev13: the scope of
a denial, who is up high in a fire, what a casualty count is bounded by. Each test says the fact and its look-alike."""

from __future__ import annotations

from tools.response_table import unit_needs

from tests.tools.helpers import codes, needs


def test_dont_think_anyone_is_hurt_is_a_denial():
    assert "injured" not in codes("a man smashing windows with a bar, don't think anyone's hurt yet")
    assert "injured" in codes("a man smashing windows with a bar, I think someone's hurt")


def test_a_no_after_a_comma_denies_the_next_clause_not_the_fact_before_it():
    assert "lift_stuck" in codes("power is off, the lift in this office is stuck with my colleague inside, he is ok, no injury")
    assert "injured" not in codes("injured: none")


def test_the_fires_floor_alone_is_no_ladder_people_up_there_are():
    flat = "Smoke coming from under the door of a fourth floor flat, the alarm is ringing, neighbours in the stairwell are fine"
    assert "ladder" not in needs("fire", "P1", flat)
    for up_high in ("Fire in a fourth floor flat, a woman is waving from the balcony",
                    "Smoke in our building, we're on the 6th floor and can't get down",
                    "四楼阳台着火了，烟飘进了楼上的房子",
                    "五楼冒出浓烟，阳台上有个老奶奶在挥手"):
        assert needs("fire", "P1", up_high).get("ladder") == 1, up_high


def test_someone_under_a_vehicle_or_behind_a_door_that_will_not_open_is_an_entrapment():
    assert "vehicle_entrapment" in codes("出租车冲进人群，一个小伙子在车底下，叫不出来")
    assert "vehicle_entrapment" in codes("Lorry driver is hanging out of the cab, bleeding, can't get the door open")
    # a door in a burning hotel is no vehicle
    assert "vehicle_entrapment" not in codes("An elderly lady in room 512 says she can't open her door because of the smoke")
    assert {"rescue", "engine"} <= set(needs("traffic_accident", "P1", "一辆出租车撞了人，一个人压在车下面"))


def test_a_steaming_or_dripping_crashed_car_is_a_fuel_leak_and_a_denied_leak_is_not():
    assert "fuel_leak" in codes("a car went into the side of the bus, its bonnet is steaming and something is dripping under it")
    assert "fuel_leak" in codes("撞车了，车头冒白烟")
    assert "fuel_leak" not in codes("货车追尾了小车，车也没漏油")


def test_facade_pieces_falling_in_the_wind_and_a_hit_car_is_no_casualty():
    falling = "大楼外墙的保温板被风吹掉了好几块，一块砸到了一辆停着的车上，车里没人"
    assert "loose_high" in codes(falling)
    assert "injured" not in codes(falling)
    assert needs("severe_weather", "P2", falling) == {"ladder": 1, "police_patrol": 1}
    assert "injured" in codes("墙上的石头装饰掉下来，砸到了我朋友的肩膀")


def test_dead_signals_without_a_verb_and_a_pushing_crowd():
    assert "traffic_lights_out" in codes("Traffic lights at Korkeavuorenkatu and Esplanadi dead, many pedestrians")
    assert "crowd_disorder" in codes("thirty counter-protesters just pushed into the crowd, fists everywhere")
    assert "crowd_disorder" not in codes("a calm demonstration on the square, a few hundred people")


def test_chinese_burns_head_wounds_and_a_neck_complaint_are_injuries():
    for text in ("我同事手上烫了一下，起了个泡", "一个头上在流血", "一个好像手臂断了", "一个司机说脖子有点不舒服"):
        assert "injured" in codes(text), text
    assert needs("traffic_accident", "P3", "两辆车追尾了，没人受伤，就是一个司机说脖子有点不舒服").get("ambulance") == 1


def test_carbon_monoxide_said_by_how_it_is_made():
    assert "carbon_monoxide" in codes("a man slumped over the wheel, a hose from the exhaust into the window, engine running")
    assert needs("medical", "P1", "a man in a car, a hose from the exhaust into the window, he won't wake up").get("engine") == 1


def test_harmless_look_alikes():
    assert "suspicious_object" not in codes("arm probably broken, collarbone sticking up weird")
    assert "passenger_vehicle" not in codes("Cyclist came off on the tram rails")
    assert "chemical_release" not in codes("打印机着火了，同事用灭火器喷了")
    assert "power_on" in codes("电梯停在两层之间，灯还亮着，不是停电")


def test_chinese_spaces_end_a_denial_as_commas_do():
    text = "电车把一辆小车别了 司机自己爬出来了 看着没事 电车上满满的人也都没事 就是堵死了"
    assert "crowded" in codes(text)
    assert needs("traffic_accident", "P3", text)["police_patrol"] == 2
    assert "crowded" not in codes("电车上没有满满的人")


def test_a_large_scene_is_a_passenger_vehicle_not_any_big_one():
    # a lorry that rear-ended a car at a low priority is a street collision
    assert needs("traffic_accident", "P3", "一辆货车追尾了一辆小车，小车司机说脖子疼")["police_patrol"] == 1
    assert needs("traffic_accident", "P3", "a car clipped the tram, the tram is packed with passengers, nobody hurt")["police_patrol"] == 2
    assert needs("traffic_accident", "P3", "公交车蹭了一辆停着的车 车上人很多 都没事")["police_patrol"] == 2
    assert needs("traffic_accident", "P2", "a bus and a car collided at the lights")["police_patrol"] == 2
    # the passengers are read wherever the bus is named, not only when it is the first big vehicle named
    assert needs("traffic_accident", "P2", "a lorry ran into a bus at the lights")["police_patrol"] == 2
    assert {"large_vehicle", "passenger_vehicle"} <= codes("a lorry ran into a bus at the lights")
    assert needs("traffic_accident", "P2", "a lorry ran into a car at the lights")["police_patrol"] == 1


def test_severity_words_read_in_the_census():
    from tools.casualties import census
    # smoke breathed and a hoarse voice: an airway at risk (serious); a burn beside it is minor
    c = census("I've got a girl with burns on her forearm, and a lad who breathed a lot of smoke, coughing, voice hoarse")
    assert (c.serious, c.minor) == (1, 1)
    # a head that bleeds (zh) is a head wound; someone under the car is serious
    assert census("一个头上在流血").serious == 1
    assert census("一个小伙子在车底下，叫不出来").serious == 1
    # the buyers and the kid: three people with symptoms, two to an ambulance
    # (each group keeps its own condition: the buyers' headache, the kid's sickness)
    c = census("the buyers have a headache and the kid feels sick")
    assert c.minor + c.ill == 3


def test_a_leaking_storage_tank_is_a_chemical_release_a_cars_fuel_tank_is_not():
    text = "automatic heating-oil tank alarm in the basement: leak detected, oil on the floor, no-one ill"
    assert "chemical_release" in codes(text)
    assert needs("hazmat", "P3", text).get("hazmat") == 1
    assert "chemical_release" not in codes("两辆车追尾了，后面那辆车油箱在漏油")


def test_went_down_somewhere_is_no_casualty_went_down_in_the_street_is():
    assert "casualty_signs" not in codes("Our man went down: there's oil on the floor")
    assert "casualty_signs" not in codes("they are worried he went down to the water")
    assert "casualty_signs" in codes("a man grabbed his chest and went down in front of the car")


def test_exhaust_fumes_beside_carbon_monoxide_are_its_source_not_a_chemical():
    text = "tenants report a smell of exhaust/fumes in the basement car park and the CO alarm in the stairwell is beeping"
    assert "chemical_release" not in codes(text)
    assert "hazmat" not in needs("hazmat", "P2", text)
    assert "chemical_release" in codes("ammonia fumes in the basement and the CO alarm is beeping")


def test_a_headcount_said_after_a_plural_group_is_its_count():
    from tools.casualties import census
    c = census("The residents have headaches and nausea, the CO detector went off. Two adults, two kids, one of the kids was hard to wake")
    assert (c.serious, c.minor) == (1, 3)
    # a headcount of people with no group named by a plural before it counts nobody new
    c = census("A man is bleeding from the head. Two women and a child are with him")
    assert (c.serious, c.minor) == (1, 0)


def test_breathing_doubted_by_the_caller_is_not_breathing():
    assert needs("medical", "P1", "my dad collapsed, I don't think he's breathing") == {"ambulance": 2, "engine": 1}
    assert "not_breathing" in codes("she doesn't seem to be breathing")
    assert "not_breathing" not in codes("I don't think he's breathing properly, he's wheezing")


def test_people_exposed_to_a_gas_or_chemical_get_one_ambulance_per_serious_patient_and_two_for_the_rest():
    """Decontaminated and triaged on scene: one ambulance per seriously ill (the labelling rules), and at most two for
    all the other exposed together, however many there are (not one for them all, nor one per two)."""
    from tools.determinants import Determinant

    def dets(serious: int, minor: int, code: str) -> list[Determinant]:
        out = [Determinant(code=code, evidence=code, span=(0, 1)), Determinant(code="symptoms", evidence="x", span=(2, 3))]
        if serious:
            out.append(Determinant(code="serious_patients", count=serious, evidence="x", span=(4, 5)))
        if minor:
            out.append(Determinant(code="minor_patients", count=minor, evidence="x", span=(6, 7)))
        return out

    for code, kind in (("carbon_monoxide", "hazmat"), ("chemical_release", "hazmat"), ("gas_leak", "hazmat")):
        for serious, minor, ambulances in ((1, 3, 3), (3, 20, 5), (0, 12, 2), (0, 1, 1), (2, 0, 2)):
            got = unit_needs(kind, "P1", dets(serious, minor, code)).counts.get("ambulance", 0)
            assert got == ambulances, (code, serious, minor, got)
    # a report: a child hard to wake and the rest of the family with headaches, after a carbon monoxide alarm
    co = "Carbon monoxide alarm went off in the flat, a family of four with headaches and nausea, one child is hard to wake"
    assert needs("hazmat", "P1", co)["ambulance"] == 3


def test_the_census_and_the_determinants_read_throwing_up_and_grazes_from_one_word_list():
    """吐了口痰 (spat) / 吐了口气 (let out a breath) is nobody ill for either reader; the census had its own copy of the
    list without that exception and counted a driver who spat as a patient."""
    from tools.casualties import census

    for spat in ("两车追尾，司机下车吐了口痰，骂了几句就走了", "司机吐了口气说没事"):
        assert census(spat).ill == 0 and "ill_patients" not in codes(spat) and "symptoms" not in codes(spat), spat
    sick = "三个孩子一直在吐"
    assert census(sick).ill == 3 and {"ill_patients", "symptoms"} <= codes(sick)
    graze = "他手上磕破了点皮"
    assert census(graze).groups[0].kind == "trivial" and "minor_injury" in codes(graze)
