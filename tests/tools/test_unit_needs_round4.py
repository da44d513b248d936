"""Mechanisms of the response determinants found general in the fresh dev set unit_needs_dev14 (Chinese reading):
transcribed voice messages written word by word, the others' wellbeing, dizziness, smoke in the stairwell with
residents above. Each test says the fact and its look-alike; the texts are our own."""

from __future__ import annotations

from tools.determinants import extract

from tests.tools.helpers import codes, needs


def test_a_voice_message_written_word_by_word_is_read_like_unsegmented_chinese():
    spaced = "我 妈妈 在 电梯 里 电梯 停 了 她 出 不 来 已经 二十 分钟"
    assert {"lift_occupied", "trapped"} <= codes(spaced)
    assert "trapped" not in codes("我 妈妈 在 电梯 里 电梯 停 了 她 已经 出来 了 没事")
    # the evidence and span are the original text's own words
    for d in extract(spaced):
        assert spaced[d.span[0]: d.span[1]] == d.evidence
    # an occasional space used as a comma still ends a denial's clause
    assert "crowded" in codes("电车撞了一辆车，看着没事 电车上满满的人")


def test_the_others_being_fine_does_not_deny_the_one_named():
    assert needs("fire", "P2", "隔壁着火了，我们都出来了，有一个客人说头晕，其他人没事").get("ambulance") == 1
    assert "no_casualties" in codes("隔壁着火了，我们都出来了，人都没事")


def test_dizziness_is_a_symptom_unless_denied():
    assert "symptoms" in codes("实验室漏气了，有一个同事说有点晕")
    assert "symptoms" not in codes("实验室漏气了，大家都出来了，没有人头晕")


def test_smoke_in_the_stairwell_with_people_above_gets_the_ladder():
    assert needs("fire", "P1", "厨房着火了，楼道里也有烟，楼上还有人").get("ladder") == 1
    assert "ladder" not in needs("fire", "P1", "厨房着火了，楼道里没有烟，大家都出来了")


def test_unresponsive_with_breathing_doubted_or_coming_and_going_is_an_arrest_response():
    for doubted in ("他晕倒了，叫不醒，好像还在喘气，但是不太确定",
                    "她叫不醒，呼吸一会儿有一会儿没有",
                    "he collapsed and won't wake up, I think he's breathing, not sure",
                    "he's unconscious, breathing is on and off"):
        assert needs("medical", "P1", doubted) == {"ambulance": 2, "engine": 1}, doubted
    for sure in ("他晕倒了，叫不醒，呼吸很正常，不确定是什么病",
                 "he's unconscious but breathing fine, we're not sure what happened"):
        assert needs("medical", "P1", sure) == {"ambulance": 1}, sure


def test_a_patient_behind_a_door_nobody_can_open_gets_the_rescue_unit_for_entry():
    for locked in ("My father fell in the hallway, he can't get up, the door is locked and I have no key",
                   "她摔倒在家里起不来，门反锁了，我们进不去"):
        assert needs("medical", "P2", locked).get("rescue") == 1, locked
    assert "rescue" not in needs("medical", "P2", "My father fell in the hallway, he can't get up, I opened the door with my key")


def test_someone_in_a_car_who_cannot_open_its_door_is_an_entrapment():
    assert needs("traffic_accident", "P2", "A car and a tram. The woman in car is sitting, she cannot open door, her arm hurts").get("rescue") == 1
    assert "rescue" not in needs("traffic_accident", "P2", "A car and a tram. The woman in the car got out, her arm hurts")


def test_someone_at_a_window_named_by_its_floor_is_up_there():
    assert needs("fire", "P1", "Smoke from the shop, a woman at the 3rd floor window coughing").get("ladder") == 1
    assert "ladder" not in needs("fire", "P1", "Smoke from the shop, the 3rd floor windows are closed, everyone is out")


def test_a_limb_swollen_after_a_blow_is_an_injury():
    assert needs("public_security", "P3", "顾客推了她一下，她撞到柜子上，手腕肿了，人已经走了").get("ambulance") == 1
    assert needs("public_security", "P3", "he pushed her, she fell and her ankle is swollen").get("ambulance") == 1
    assert "injured" not in codes("the river is swollen after the rain")


def test_a_steaming_car_at_an_extrication_is_a_second_engine():
    assert needs("traffic_accident", "P1", "the car driver can't open his door and he's stuck, his car is steaming").get("engine") == 2
    assert needs("traffic_accident", "P1", "the car driver can't open his door and he's stuck").get("engine") == 1


def test_someone_hanging_up_high_gets_a_rope_rescue_whatever_the_call_type():
    got = needs("medical", "P1", "my workmate slipped and is hanging off the gutter by his harness, he can't climb back")
    assert got.get("rescue") == 1 and got.get("ladder") == 1
    assert "hanging_high" not in codes("icicles the size of a person hanging from the edge of the roof")
    assert "hanging_high" not in codes("a sheet of roofing is hanging from the gutter")
    assert {"rescue", "ladder"} <= set(needs("medical", "P1", "一个工人靠安全绳吊着，挂在外墙上，上不来"))


def test_under_is_people_under_a_collapse_only_when_its_object_is_the_collapse():
    assert "collapse_people_under" not in codes("I was soldering a pipe under the sink and the wall insulation caught fire")
    assert "collapse_people_under" in codes("the old shed fell down and my neighbour is under the collapsed roof")
    assert "collapse_people_under" in codes("a worker is trapped, the scaffolding came down on the wall")


def test_food_stuck_in_the_throat_is_a_choking_not_an_entrapment():
    assert "trapped" not in codes("孩子吃葡萄卡住了，脸发紫")
    assert needs("medical", "P1", "孩子吃葡萄卡住了，脸发紫") == {"ambulance": 1}
    assert "trapped" in codes("他的腿卡住了，出不来")


def test_the_one_named_by_what_happened_to_them_is_someone_already_named():
    from tools.casualties import census
    assert census("刚才有个人被捅了一刀，流了很多血，拿刀的人跑了，被捅的人还醒着").serious == 1
    assert census("一个人突然拿出刀把另一个人刺了，被刺的人肚子一直在流血").serious == 1
    assert census("被撞的人躺在地上不动").serious == 1     # said first, still one patient
    assert census("有两个人受伤了，受伤的人在哭").minor == 2


def test_someone_still_in_the_water_after_a_rescue_is_a_water_rescue():
    still = "孩子掉进水里了，他爸爸跳下去把他捞上来了，但是他爸爸上不来，岸太高，他在水里很冷"
    assert {"rescue", "engine", "ambulance"} <= set(needs("missing_person", "P1", still))
    assert "person_in_water" in codes("a boy fell into the canal, a man pulled him out, but the man can't climb out, the wall is too high")
    assert "engine" not in needs("missing_person", "P1", "孩子掉进水里了，他爸爸跳下去把他捞上来了，两个人都上岸了")


def test_chinese_verbs_with_an_aspect_marker_between_verb_and_object():
    for code, text in (("not_breathing", "他停止了呼吸"), ("not_breathing", "老人没了呼吸"), ("not_breathing", "他已经不呼吸了"),
                       ("unconscious", "他失去了意识"), ("injured", "他摔断了腿"), ("injured", "他的头被砸破了"),
                       ("injured", "他被车撞了"), ("symptoms", "他觉得胸闷")):
        assert code in codes(text), text
    assert "injured" not in codes("我们等红灯，被后面的车撞了一下，我们都没受伤")   # the car was hit, not a person
    assert "not_breathing" not in codes("他还在呼吸")


def test_chinese_casualty_counts_with_the_verb_first_burns_poisoning_and_badly_hurt():
    from tools.casualties import census
    assert census("伤了七八个人").minor == 7                      # a range counts its lower number
    assert census("两个孩子烫伤了").minor == 2
    got = census("五个人中毒了，其中两个昏迷")
    assert (got.serious, got.minor) == (2, 3)
    got = census("大约十个乘客受伤，其中两个伤得很重")
    assert (got.serious, got.minor) == (2, 8)
    assert census("他伤心了").minor == 0


def test_carbon_monoxide_said_by_its_symbol_alone():
    assert "carbon_monoxide" in codes("there is a gas heater, I think CO, he's breathing but won't wake")
    assert "hazmat" not in needs("hazmat", "P1", "there is a gas heater, I think CO, he's breathing but won't wake")
    for other in ("my co-worker fell off the ladder", "Smith & Co is closed", "the CO-OP store"):
        assert "carbon_monoxide" not in codes(other), other


def test_a_car_stuck_on_the_tracks_is_no_entrapment():
    assert "vehicle_entrapment" not in codes("someone's got their car stuck on the tram track and a tram is coming, the driver got out")
    assert "vehicle_entrapment" in codes("the driver is stuck in the car, the door is jammed")


def test_an_allergic_reaction_with_a_tight_throat_is_serious_not_an_unread_p1():
    text = "a woman suddenly started swelling up in the face, she's allergic, she says her throat is tight"
    assert "serious_injury" in codes(text)
    assert needs("medical", "P1", text) == {"ambulance": 1}


def test_a_patient_who_declines_care_for_a_trivial_injury_gets_no_ambulance():
    declined = "one shoved the other who fell and has a bloody nose, they've shaken hands now, the guy with the nose doesn't want anything"
    assert needs("public_security", "P4", declined) == {"police_patrol": 1}
    assert "minor_injury" not in codes("they've calmed down and shaken hands now")
    assert needs("public_security", "P2", "he was stabbed and is bleeding a lot but doesn't want an ambulance").get("ambulance") == 1


def test_english_phrasings_from_a_probe_of_own_wordings():
    assert "unconscious" in codes("he lost consciousness on the stairs")
    assert "unconscious" in codes("she isn't waking up")
    assert "gas_leak" in codes("I can hear gas hissing from the pipe")
    assert "unconscious" not in codes("he fainted but he's waking up now and talking")
