"""Round 5 of issue 11's unit needs: standing responses and readings that recur across report authors (own words)."""

from __future__ import annotations

from tests.tools.helpers import codes, needs


# --- people out on the balcony said after it, a stairwell going hazy: the ladder's determinants

def test_someone_out_on_the_balcony_said_after_it_gets_a_ladder():
    text = "Flat on fire on Runeberginkatu, the flames are licking the balcony on the fourth floor, there's an old man out there"
    assert "at_window" in codes(text)
    assert needs("fire", "P1", text).get("ladder", 0) == 1


def test_a_stairwell_going_hazy_above_the_fire_gets_a_ladder():
    text = "Smoke from a flat on the fifth floor, the stairwell up there is getting smoky and there are residents above"
    assert "smoke_spreading" in codes(text)
    assert needs("fire", "P1", text).get("ladder", 0) == 1


def test_the_fires_floor_alone_still_is_no_ladder():
    text = "Smoke alarm ringing in a sixth floor flat on Runeberginkatu, a smell of burning, nobody answers the door"
    assert needs("fire", "P1", text).get("ladder", 0) == 0


# --- an intellectual disability is a vulnerability at any age: missing near the water, the water search's rescue

def test_missing_adult_with_a_learning_disability_by_the_water_gets_a_rescue_unit():
    text = "My brother, 30, has a learning disability, he left the day centre on his own and he loves walking to the harbour"
    assert {"missing_vulnerable", "water_search"} <= codes(text)
    assert needs("missing_person", "P2", text).get("rescue", 0) == 1
    zh = "我哥哥有智力障碍, 下午自己从日间中心跑出去了, 他老是往海边走"
    assert {"missing_vulnerable", "water_search"} <= codes(zh)


def test_an_adult_late_home_by_the_shore_is_still_no_water_search():
    text = "My flatmate, 30, has not come home from the pub, his friends say he was at the harbour"
    assert "missing_vulnerable" not in codes(text)
    assert needs("missing_person", "P2", text).get("rescue", 0) == 0


# --- a later "she's fine" does not cancel what was said of him

def test_correction_about_another_person_keeps_the_arrest():
    text = "A man collapsed in the sauna, he's not breathing, we are doing compressions; his wife fainted but she's sitting up now"
    assert "not_breathing" in codes(text)
    got = needs("medical", "P1", text)
    assert got.get("ambulance", 0) >= 2 and got.get("engine", 0) >= 1


def test_correction_about_the_same_person_still_cancels():
    assert "not_breathing" not in codes("He wasn't breathing for a moment, now he's sitting up and talking")
    assert "not_breathing" not in codes("She stopped breathing, then she's sitting up and talking")


# --- symptoms said with a degree word, light-headedness, a chemical in the eyes

def test_symptoms_with_degree_words_and_eye_splashes_are_read():
    assert "symptoms" in codes("仓库里有化学品泄漏，一个工人呼吸有点困难")
    assert "symptoms" in codes("那个老人咳得停不下来")
    assert "symptoms" in codes("工人的眼睛被溅到了，正在冲洗")
    assert "symptoms" in codes("Solvent drum leaking in the lab, one technician feels light-headed")
    assert "symptoms" in codes("Cleaning acid splashed in her eyes at the workshop")


def test_a_hazmat_release_with_one_light_headed_worker_gets_an_ambulance():
    text = "Solvent drum leaking in the lab on Siltasaarenkatu, one technician feels light-headed"
    assert needs("hazmat", "P2", text).get("ambulance", 0) == 1


# --- a pontoon, a jetty or a marina is the waterside, like a quay

def test_pontoons_and_marinas_are_the_waterside():
    assert "water_search" in codes("A girl, 6, was on the pontoons a moment ago and now her dad can't find her")
    text = "A man slipped off the edge of the pontoon and is holding onto a boat, he can't climb out"
    assert "person_in_water" in codes(text)
    assert {"rescue", "engine", "ambulance"} <= set(needs("missing_person", "P1", text))


# --- "everyone on the bus is fine" speaks for them, not for the driver pinned in the other car

def test_a_pinned_driver_gets_an_ambulance_when_the_others_are_fine():
    text = "一辆小车撞了我们的大巴, 车上三十个人都没事, 小车司机的腿被卡住了, 出不来"
    assert {"no_casualties", "vehicle_entrapment"} <= codes(text)
    assert needs("traffic_accident", "P1", text).get("ambulance", 0) >= 1
    # nobody pinned and everyone fine: still no ambulance at a low priority
    assert needs("traffic_accident", "P3", "一辆小车蹭了我们的大巴, 车上三十个人都没事").get("ambulance", 0) == 0


# --- Chinese: knocked out (打晕), and a round headcount with its approximation (二十来个人)

def test_knocked_out_and_approximate_headcounts_in_chinese():
    assert "unconscious" in codes("酒吧里有人被打晕了")
    text = "广场上两伙人打起来了, 三十来个人, 有人扔瓶子"
    assert "large_brawl" in codes(text)
    assert needs("public_security", "P1", text)["police_patrol"] == 3


# --- a driver slumped at the wheel is a serious patient (reduced consciousness); an engine running in a closed car
#     park is carbon monoxide, the engine's call, not a hazmat unit's

def test_a_slumped_driver_is_a_serious_patient_beside_a_minor_one():
    text = "Two cars collided at the lights, one driver is slumped over the wheel, the other driver is walking around holding her neck"
    assert needs("traffic_accident", "P2", text).get("ambulance", 0) == 2


def test_an_engine_running_in_a_closed_car_park_is_carbon_monoxide():
    text = "A man is sitting in his car with the engine running in the underground car park, he is slumped in the seat"
    assert "carbon_monoxide" in codes(text)
    got = needs("medical", "P1", text)
    assert got.get("engine", 0) >= 1 and got.get("ambulance", 0) >= 1 and "hazmat" not in got


# --- a car on its roof with people hanging in their belts is an entrapment; a puddle under a van is not

def test_people_hanging_in_their_belts_in_an_overturned_car_are_trapped():
    text = "A car rolled onto its roof on the bridge, a woman is hanging upside down in her seatbelt, smoke from the front of the car"
    got = needs("traffic_accident", "P1", text)
    assert got.get("rescue", 0) == 1 and got.get("engine", 0) == 2


def test_a_puddle_under_the_van_is_no_entrapment():
    text = "A van hit my taxi, there's a puddle under the van that smells of diesel"
    assert "vehicle_entrapment" not in codes(text) and "fuel_leak" in codes(text)
    assert "vehicle_entrapment" in codes("A cyclist is lying under the van, he can't move")
