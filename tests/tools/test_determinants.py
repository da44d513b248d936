"""Response determinants (EN + ZH, evidence spans, negation) and the type x priority x determinants table."""

from __future__ import annotations

import pytest

from tools.determinants import extract
from tools.dispatch import IncidentRequest, plan_dispatch
from tools.response_table import Facts, unit_needs

from tests.tools.helpers import codes, read


@pytest.mark.parametrize("text, code", [
    ("the driver is pinned behind the steering wheel", "vehicle_entrapment"),
    ("司机被卡在驾驶室里出不来", "vehicle_entrapment"),
    ("an old man is not breathing, his wife started CPR", "not_breathing"),
    ("老人没有呼吸了", "not_breathing"),
    ("she is unconscious on the floor", "unconscious"),
    ("他晕倒了，叫不醒", "unconscious"),
    ("a teenager is waving a knife at people", "weapon"),
    ("有人拿着刀在街上", "weapon"),
    ("flames from a kitchen window on the third floor", "building_fire"),
    ("my neighbour is still inside the flat", "people_inside"),
    ("the stairwell is full of smoke", "smoke_spreading"),
    ("strong smell of gas in the basement and two people feel dizzy", "gas_leak"),
    ("a drum of unknown liquid is leaking fumes", "chemical_release"),
    ("a child fell into the water at the quay", "person_in_water"),
    ("有人掉进水里了", "person_in_water"),
    ("our 80-year-old father with dementia is missing since the morning", "missing_vulnerable"),
    ("the roof caved in and workers may be under the rubble", "collapse_people_under"),
    ("four people stuck in the lift between floors", "lift_stuck"),
])
def test_each_determinant_in_english_and_chinese(text, code):
    read(text, code)   # evidence is the report's own words


@pytest.mark.parametrize("text, code", [
    ("car hit a lamp post, nobody is hurt", "injured"),
    ("两辆车相撞，没有人受伤", "injured"),
    ("no one is trapped, everyone got out", "trapped"),
    ("the caller says nobody is unconscious", "unconscious"),
])
def test_denied_facts_are_not_extracted(text, code):
    assert code not in codes(text)


def test_counts_in_both_languages():
    en = {d.code: d for d in extract("three people injured after the scaffold fell")}
    zh = {d.code: d for d in extract("大概有五个人受伤")}
    assert en["injured"].count == 3
    assert zh["injured"].count == 5


def test_violence_with_injury_needs_police_and_an_ambulance():
    text = "a man is threatening shoppers with a knife, one woman has a cut on her arm"
    needs = unit_needs("public_security", "P1", extract(text))
    assert needs.counts.get("police_patrol", 0) >= 2 and needs.counts.get("ambulance", 0) >= 1
    assert "weapon" in needs.reason_for("police_patrol") or "knife" in needs.reason_for("police_patrol")


def test_entrapment_in_a_collision_needs_rescue_engine_ambulance_police():
    text = "bus and car collided, the car driver is trapped and unconscious"
    needs = unit_needs("traffic_accident", "P1", extract(text))
    for unit_type in ("rescue", "engine", "ambulance", "police_patrol"):
        assert needs.counts.get(unit_type, 0) >= 1, (unit_type, needs.counts)
    assert "trapped" in needs.reason_for("rescue")


def test_collapse_with_people_under_needs_a_cordon_too():
    text = "part of the building collapsed, people possibly underneath the debris"
    needs = unit_needs("earthquake_collapse", "P1", extract(text))
    for unit_type in ("rescue", "engine", "ambulance", "police_patrol"):
        assert needs.counts.get(unit_type, 0) >= 1, (unit_type, needs.counts)


def test_small_outdoor_fire_gets_one_engine_and_cardiac_arrest_a_first_responder():
    assert unit_needs("fire", "P3", extract("a rubbish bin is on fire in the park, nobody hurt")).counts == {"engine": 1}
    arrest = unit_needs("medical", "P1", extract("man not breathing, bystander doing CPR")).counts
    assert arrest.get("ambulance") == 2 and arrest.get("engine") == 1


def test_dispatch_uses_the_table_and_says_why(city):
    text = "car crashed into a tram stop, the driver is pinned in the car"
    inc = IncidentRequest(incident_id="I1", incident_type="traffic_accident", priority="P1", lat=60.1690, lon=24.9430,
                          determinants=extract(text))
    plan = plan_dispatch(city, [inc])
    types = {a.unit_type for a in plan.assignments}
    assert {"rescue", "engine", "police_patrol", "ambulance"} <= types
    rescue = next(a for a in plan.assignments if a.unit_type == "rescue")
    assert "pinned" in rescue.reason
    # without an assessed report the type-only table still applies
    bare = plan_dispatch(city, [inc.model_copy(update={"determinants": None})])
    assert {a.unit_type for a in bare.assignments} == {"rescue", "ambulance", "police_patrol"}


@pytest.mark.parametrize("text, serious, minor", [
    # one grave patient and two light ones; the "three" is the whole, not three more
    ("a van hit three cyclists, one woman is unconscious, two others have cuts", 1, 2),
    # scrapes beside a patient who gets an ambulance anyway add none (unit_needs.yaml's rule for trivial injuries)
    ("a van hit three cyclists, one woman is unconscious, two others have scrapes", 1, 0),
    ("two cyclists collided, both have scrapes", 0, 2),
    # people named in one clause, their condition in the next
    ("a man and his two daughters are on the balcony, the fire is below them, they can't get out", 0, 0),
    # "two of them" is part of the group before
    ("eight office workers are coughing after the spill, two of them can't breathe", 2, 6),
    ("地铁里三个人受伤，其中一个老人昏迷了", 1, 2),
    ("nobody is hurt, the driver is fine", 0, 0),
])
def test_casualty_census_counts_serious_and_minor_patients(text, serious, minor):
    from tools.casualties import census

    c = census(text)
    assert (c.serious, c.minor + c.ill) == (serious, minor), c


def test_census_sets_the_ambulance_count_and_says_why():
    # fire: three people cut off by smoke -> two ambulances (two to an ambulance), with the census as the reason
    text = "flat fire on the fifth floor, a man and his two daughters are at the window and cannot get out"
    needs = unit_needs("fire", "P1", extract(text))
    assert needs.counts.get("ambulance") == 2 and "smoke" in needs.reason_for("ambulance")
    # a sick cluster at P2 is assessed on scene: not one ambulance per two patients
    outbreak = unit_needs("public_health", "P2", extract("about 30 guests at the hotel have diarrhoea and fever since breakfast"))
    assert outbreak.counts.get("ambulance", 0) <= 3
    # one grave + two minor after a collision
    crash = unit_needs("traffic_accident", "P1", extract("car hit a tram stop, one woman is unconscious, two others have cuts"))
    assert crash.counts.get("ambulance") == 2


def test_a_contrast_word_ends_a_denial():
    assert "fuel_leak" in codes("Nobody hurt but petrol is leaking onto the road")


@pytest.mark.parametrize("text, code", [
    ("the lift stopped between floors with four people inside", "lift_stuck"),
    ("电梯卡在两层之间，里面有人", "lift_stuck"),
    ("people walking past say their eyes sting", "symptoms"),
    ("about twenty football supporters brawling at the square", "large_brawl"),
    ("两个人在酒吧门口打架，一个人拿着酒瓶", "weapon"),
    ("my father with Alzheimer's walked out of the house two hours ago", "missing_vulnerable"),
    ("我八岁的儿子放学后没有回家", "missing_vulnerable"),
])
def test_more_ways_of_saying_the_facts(text, code):
    assert code in codes(text), (text, codes(text))


def test_the_situation_not_the_type_decides_rescue_units():
    # "can't move his legs" on the road is a spinal injury: an ambulance, not extrication.
    t = "Motorbike rider came off on Mechelininkatu, he's awake but can't move his legs, lying in the road"
    got = unit_needs("traffic_accident", "P1", extract(t)).counts
    assert "rescue" not in got and got.get("ambulance", 0) >= 1
    # The same words in any incident type: a casualty sign, never an entrapment (the reading is the determinants').
    t = "Man fell off his bike, he is awake but can't move his legs"
    assert "trapped" not in codes(t) and "casualty_signs" in codes(t)
    for incident_type in ("medical", "public_security"):
        assert "rescue" not in unit_needs(incident_type, "P1", extract(t)).counts
    # A person about to jump from a bridge falls into water: water rescue rather than a ladder.
    t = "Man sitting on the railing of the bridge over the bay saying he wants to jump"
    got = unit_needs("public_security", "P1", extract(t)).counts
    assert got.get("rescue") == 1 and "ladder" not in got and got.get("police_patrol") == 2
    # Two people under a collapse: an ambulance each.
    t = "Part of a warehouse collapsed, two workers might be underneath the debris"
    assert unit_needs("earthquake_collapse", "P1", extract(t)).counts.get("ambulance") == 2


@pytest.mark.parametrize("text, code", [
    ("Car went off the quay into the sea, the driver is still inside", "person_in_water"),
    ("有一辆车冲进了海里，司机还在车里面", "person_in_water"),
    ("the tram wire is down on the street and sparking", "live_wire"),
    ("two trams collided at the junction", "passenger_vehicle"),
    ("gang of youths throwing stones at police", "large_brawl"),
    ("teenage girl texted that she'll kill herself", "missing_vulnerable"),
    ("有人在地铁车厢里喷了胡椒喷雾", "deliberate"),
])
def test_yet_more_ways_of_saying_the_facts(text, code):
    assert code in codes(text), (text, codes(text))


def test_counts_and_caps_of_patients():
    from tools.casualties import census
    # "An elderly man" is one man, "a dozen passengers" twelve.
    assert census("An elderly man slumped over the wheel, he is unconscious").serious == 1
    assert census("a dozen passengers coughing with burning eyes").minor == 12
    # Exposed to a chemical: decontaminated and triaged on scene, at most two ambulances for the exposed.
    t = "Someone sprayed pepper spray in the metro carriage, a dozen passengers coughing with burning eyes"
    assert unit_needs("hazmat", "P2", extract(t)).counts.get("ambulance") == 2
    # Two stab wounds: two serious patients.
    t = "Stabbing at the kebab shop, two men with stab wounds, the attacker ran towards the station"
    assert unit_needs("public_security", "P1", extract(t)).counts.get("ambulance") == 2
    # Six seriously hurt: six ambulances, not a fixed four (Annex E: a mass-casualty incident draws on every base;
    # the dispatch plan shows any shortfall rather than the need being cut to the fleet).
    t = "Tram hit a crowd at the stop, six people badly injured, two of them unconscious"
    assert unit_needs("traffic_accident", "P1", extract(t)).counts.get("ambulance", 0) >= 6
    # Entrapment and a fuel leak: a second engine.
    t = "Truck on its side, the driver can't get out of the cab, diesel leaking"
    assert unit_needs("traffic_accident", "P1", extract(t)).counts.get("engine") == 2


@pytest.mark.parametrize("text, code", [
    ("一个人在健身房晕倒了，没有脉搏", "not_breathing"),
    ("十楼有个女人坐在窗台上说要跳下去", "jumper"),
    ("车站门口有个可疑的包，上面有电线", "suspicious_object"),
    ("三辆车连环追尾，有汽油漏出来", "fuel_leak"),
    ("A worker got his arm caught in a machine at the bakery, he can't pull it out", "trapped"),
    ("一个工人的手被卷进机器里拔不出来", "trapped"),
    ("Fire in a car park under the shopping centre, thick black smoke coming up the ramps", "building_fire"),
])
def test_chinese_and_workplace_phrasings(text, code):
    assert code in codes(text), (text, codes(text))


def test_knee_deep_street_water_is_not_people_stranded_and_the_other_one_counts():
    assert "stranded_in_water" not in codes("水管爆了，街上的水没过膝盖，商店的地下室都进水了")
    from tools.casualties import census
    c = census("two workers fell with it, one is trapped under the planks, the other has a broken arm")
    assert (c.serious, c.minor) == (1, 1)


def test_outages_storms_and_bruises():
    t = "Power is out in the whole block, the elevator stopped with my neighbour inside, she's 90 and scared but OK"
    assert unit_needs("utility_outage", "P2", extract(t)).counts.get("rescue") == 1
    t = "停电了，电梯停了，邻居老太太被困在里面，她很害怕但是没事"
    got = unit_needs("utility_outage", "P2", extract(t)).counts
    assert got.get("rescue") == 1 and "engine" not in got  # a lift, not a collapse
    t = "Steam is coming out of a manhole on Kaisaniemenkatu and the asphalt around it is hot, pedestrians walking over it"
    assert unit_needs("utility_outage", "P2", extract(t)).counts.get("police_patrol") == 1
    t = "Wind tore a big advertising sign loose on the roof of the shopping centre, it's swinging over the street"
    assert unit_needs("severe_weather", "P2", extract(t)).counts.get("ladder") == 1
    # Bruises beside a bleeding head add no ambulance; a daycare fever cluster is one.
    t = "Bus braked hard and several passengers fell, an old lady hit her head and is bleeding, two others have bruises"
    assert unit_needs("traffic_accident", "P2", extract(t)).counts.get("ambulance") == 1
    t = "Several kids at the daycare have a rash and high fever since this morning, about 8 children"
    assert unit_needs("public_health", "P2", extract(t)).counts.get("ambulance") == 1
    # A lorry stuck under a bridge is not a person trapped.
    t = "Lorry hit the railway bridge, it's stuck under the bridge, the driver is OK"
    assert "rescue" not in unit_needs("traffic_accident", "P3", extract(t)).counts


@pytest.mark.parametrize("text, code", [
    ("Man lying face down in the fountain in the park, not moving", "person_in_water"),
    ("一个男人脸朝下趴在公园的喷泉里，一动不动", "person_in_water"),
    ("Three-year-old boy wandered away from his mother at the harbour market", "missing_vulnerable"),
    ("我三岁的儿子在港口的集市上走丢了", "missing_vulnerable"),
    ("Unknown white powder found in an envelope at the tax office", "suspicious_object"),
])
def test_water_lost_children_and_powder_letters(text, code):
    assert code in codes(text), (text, codes(text))


def test_a_powder_letter_gets_the_police_too():
    t = "Unknown white powder found in an envelope at the tax office, two employees opened it and now feel dizzy"
    assert unit_needs("hazmat", "P2", extract(t)).counts.get("police_patrol") == 1


@pytest.mark.parametrize("incident_type, priority, text, wanted", [
    # nothing severe read, yet triaged P1: the response to a possible arrest
    ("medical", "P1", "my husband he fall down in kitchen and not breathe, please come", {"ambulance": 2, "engine": 1}),
    # a P1 collision with no severe fact read: possible entrapment
    ("traffic_accident", "P1", "出租车和大巴在路口撞了，出租车司机卡在里面动不了", {"rescue": 1, "engine": 1, "ambulance": 1}),
    # a young child missing by the sea at P1 (vulnerability said in no words the patterns know)
    ("missing_person", "P1", "my little brother is gone, he was by the water at the beach and now i cant see him", {"police_patrol": 2, "rescue": 1}),
    ("flood", "P1", "underpass flooded chest-deep, a taxi is in it and the driver climbed onto the roof", {"rescue": 1, "engine": 1, "ambulance": 1, "police_patrol": 1}),
    ("utility_outage", "P2", "Power cut at the office tower, five people in the lift for an hour", {"utility_crew": 1, "rescue": 1}),
    ("utility_outage", "P2", "整栋楼停电了，一个老太太在电梯里", {"utility_crew": 1, "rescue": 1}),
    ("hazmat", "P1", "bus passengers coughing after a man emptied a spray can at the back, eight people affected", {"police_patrol": 2, "ambulance": 1}),
])
def test_priority_floor_covers_what_the_determinants_did_not_read(incident_type, priority, text, wanted):
    needs = unit_needs(incident_type, priority, extract(text))
    for unit_type, count in wanted.items():
        assert needs.counts.get(unit_type, 0) >= count, (unit_type, needs.counts)
    added = [r for rs in needs.reasons.values() for r in rs if "standing response" in r]
    assert added, needs.reasons  # the plan says which units came from the priority, not from a fact


@pytest.mark.parametrize("incident_type, priority, text, unwanted", [
    # the floor is for the urgent end only, and an empty lift is no rescue
    ("medical", "P2", "my husband he fall down in kitchen, he is awake", "engine"),
    ("medical", "P1", "old man is not breathing, his wife started CPR", "rescue"),
    ("utility_outage", "P2", "No electricity since this morning, the lift isn't working but nobody is in it", "rescue"),
    ("traffic_accident", "P1", "the driver is pinned behind the wheel and unconscious", "hazmat"),
    ("missing_person", "P2", "my flatmate has not come home from work yet, we live by the shore", "rescue"),
])
def test_priority_floor_stays_out_of_lower_priorities_and_explained_calls(incident_type, priority, text, unwanted):
    assert unwanted not in unit_needs(incident_type, priority, extract(text)).counts


@pytest.mark.parametrize("incident_type, text", [
    ("public_security", "Shooting at the bar, two people hit"),
    ("public_security", "两个人被砍伤了，流了很多血"),
    ("medical", "Two teenagers collapsed at the festival, both barely breathing"),
])
def test_two_people_hurt_at_a_p1_scene_get_two_crews(incident_type, text):
    assert unit_needs(incident_type, "P1", extract(text)).counts.get("ambulance", 0) >= 2


def test_two_people_with_only_scrapes_share_one_crew():
    assert unit_needs("traffic_accident", "P1", extract("two cyclists collided, both have minor scrapes")).counts.get("ambulance", 0) <= 1


def test_rules_compose_a_rule_never_undoes_what_another_asked_for():
    # Someone in the water is a water rescue, not a search: the missing-person base patrols go (base_response),
    # but the patrols a weapon asked for stay, with their reason.
    text = "The man who threatened his wife with a knife ran off and jumped into the harbour, he is in the water"
    needs = unit_needs("missing_person", "P1", extract(text))
    assert needs.counts["rescue"] == 1 and needs.counts["police_patrol"] == 2
    assert "knife" in needs.reason_for("police_patrol")
    plain = unit_needs("missing_person", "P2", extract("someone is in the water at the quay"))
    assert "police_patrol" not in plain.counts and plain.counts["rescue"] == 1
    # A storm's live wire takes away the storm's base engine, not the one an entrapment asked for.
    storm = unit_needs("severe_weather", "P1", extract("the storm brought a power line down onto a car and the driver is trapped inside"))
    assert storm.counts["engine"] == 1 and storm.counts["rescue"] == 1 and storm.counts["utility_crew"] == 1
    assert "trapped" in storm.reason_for("engine")
    # each determinant is said once per unit type, whatever order the rules named it in
    reasons = storm.reasons["rescue"]
    assert len(reasons) == len(set(reasons))


@pytest.mark.parametrize("incident_type, text, ambulances", [
    # the attacker is not a patient: one guy cut, one crew
    ("public_security", "A man is threatening passers-by with a broken bottle and he has already cut one guy on the hand", 1),
    ("public_security", "一个男的拿着刀在广场上砍伤了两个人", 2),
    # nobody named, but someone is hurt: one patient, as the census counts it
    ("medical", "there is blood everywhere on the stairs, please come", 1),
])
def test_one_patient_count_the_census(incident_type, text, ambulances):
    assert unit_needs(incident_type, "P2", extract(text)).counts.get("ambulance") == ambulances
    from tools.casualties import census
    c = census(text)
    assert c.serious + c.minor == (0 if "blood" in text else ambulances), c


@pytest.mark.parametrize("incident_type, priority, text, want", [
    # implied determinants: a combination of facts says what no keyword does
    ("medical", "P1", "my dad won't wake up, he's making gurgling noises and his lips are blue", {"ambulance": 2, "engine": 1}),
    ("medical", "P1", "there's a woman floating face down by the pier, not moving", {"ambulance": 2, "rescue": 1, "engine": 1}),
    ("hazmat", "P2", "the old boiler in our flat is making smoke and both of us have headaches and feel sick", {"engine": 1}),
    ("public_security", "P2", "a fight outside the bar, like 12 ppl, bottles everywhere", {"police_patrol": 3}),
    ("public_security", "P2", "酒吧门口打起来了 十几个人 还在打", {"police_patrol": 3}),
    # spoken English: the dropped g
    ("medical", "P1", "she's not breathin and nobody here knows CPR", {"ambulance": 2, "engine": 1}),
    # Chinese: someone in the water said with the fall, a collapse with people under it, counted
    ("medical", "P1", "我儿子从码头那边掉到海里了", {"rescue": 1, "engine": 1, "ambulance": 1}),
    ("earthquake_collapse", "P1", "工地的围墙倒了，下面压着三个工人", {"rescue": 1, "engine": 1, "police_patrol": 1, "ambulance": 3}),
    # a splash heard: the water rescue goes while the search goes on
    ("missing_person", "P1", "my friend is nowhere on the ferry deck and someone heard a splash", {"police_patrol": 2, "rescue": 1, "engine": 1, "ambulance": 1}),
    # a leaking gas cylinder is a release, not the mains gas
    ("hazmat", "P2", "a propane cylinder fell off a van on the square and is hissing, leaking gas", {"hazmat": 1, "engine": 1, "police_patrol": 1}),
    # storm: someone hit by debris is freed and carried (rescue + engine + ambulance)
    ("severe_weather", "P2", "the wind tore a shop sign off and it hit a man walking past, he's injured and bleeding", {"rescue": 1, "engine": 1, "ambulance": 1}),
    # flood: people trapped by water are stranded, whatever the words
    ("flood", "P2", "an old couple are trapped in their car park booth, water all around them", {"rescue": 1, "ambulance": 1}),
    ("public_health", "P3", "tap water is brown and smells in the whole block", {"utility_crew": 1}),
])
def test_general_mechanisms_cover_what_the_situation_needs(incident_type, priority, text, want):
    got = unit_needs(incident_type, priority, extract(text)).counts
    assert all(got.get(t, 0) >= n for t, n in want.items()), (text, got)


def test_a_denial_inside_a_long_match_still_denies():
    # "..., nobody is trapped": the clause after the comma denies the entrapment the pattern spanned
    assert "vehicle_entrapment" not in codes("一辆货车追尾了小车，车上的人能自己下车，没有人被困")


def test_people_counted_in_words_and_numerals_en_zh():
    from tools.casualties import census
    assert census("一家四口都头疼想吐").ill + census("一家四口都头疼想吐").minor == 4
    assert census("一对老夫妻被困在水里").exposed == 2
    c = census("公交车上约30名乘客，其中两人轻伤")
    assert c.minor == 2 and c.serious == 0


@pytest.mark.parametrize("text, serious, minor", [
    ("一位90岁的老奶奶摔倒了，站不起来", 0, 1),                       # 90岁 is an age, not ninety people
    ("Bus 7 driver says a passenger collapsed and is not breathing", 1, 0),  # a route number, a witness
    ("two bystanders are doing CPR on a man who is not breathing", 1, 0),   # the helpers are not patients
])
def test_numbers_that_are_not_head_counts_and_people_who_are_not_patients(text, serious, minor):
    from tools.casualties import census
    c = census(text)
    assert (c.serious, c.minor) == (serious, minor), c


@pytest.mark.parametrize("text, code", [
    ("I first thought she wasn't breathing but now she is talking to me", "not_breathing"),
    ("我以为他没呼吸了，现在他醒过来了", "not_breathing"),
    ("automatic fire alarm from the office building, no confirmation", "building_fire"),
    ("a man was pushed at Asema-aukio", "weapon"),            # Finnish 'asema' (station) is not 'ase' (weapon)
    ("the lifts are empty and on the ground floor", "casualty_signs"),
    ("nobody short of breath, all stable", "serious_injury"),
])
def test_corrected_and_mistaken_facts_are_not_read(text, code):
    assert code not in codes(text)


def test_a_fire_already_out_with_nobody_affected_is_one_engine():
    assert unit_needs("fire", "P3", extract("small fire in a waste bin in the office, I put it out, the room is full of smoke, everyone is fine")).counts == {"engine": 1}
    # someone affected by the smoke: the full building-fire response stays
    assert unit_needs("fire", "P2", extract("kitchen fire, it's out now but the flat is full of smoke and my son is coughing")).counts["engine"] == 2


@pytest.mark.parametrize("code, text", [
    ("not_breathing", "no signs of life"), ("not_breathing", "we're doing compressions on him"), ("not_breathing", "他没气了"),
    ("not_breathing", "心跳没了"), ("unconscious", "he's out cold"), ("unconscious", "昏过去了"), ("trapped", "we can't get him out"),
    ("vehicle_entrapment", "the doors won't open and she's still inside the car"), ("weapon", "threatening with a syringe"),
    ("weapon", "拿着菜刀"), ("person_in_water", "fell off the pier"), ("missing_vulnerable", "my autistic son ran off"),
    ("building_fire", "家里着火了"), ("people_inside", "还有人在里面"), ("people_inside", "there's still someone in the flat"),
    ("collapse_people_under", "the roof fell on two workers"), ("lift_stuck", "the elevator stopped with my mum in it"),
    ("injured", "she broke her arm"), ("injured", "他腿断了"), ("injured", "头上流了很多血"),
])
def test_each_fact_said_in_other_words(code, text):
    assert code in codes(text), (text, codes(text))


def test_helpers_at_an_arrest_are_not_patients():
    from tools.casualties import census
    assert census("Man collapsed at the gym, no pulse, staff are using the defibrillator").serious == 1


@pytest.mark.parametrize("code, text", [
    ("smoke_spreading", "smoke is coming into the other flats"), ("smoke_spreading", "楼道里全是烟"),
    ("fuel_leak", "diesel all over the road"), ("live_wire", "an electric cable snapped and is lying in the street"),
    ("tree_blocking", "a tree fell across the road"), ("stranded_in_water", "水淹到胸口了，出不来"),
    ("jumper", "a man is standing on the railing of the bridge"), ("outdoor_fire", "a parked car is in flames"),
])
def test_more_facts_said_in_other_words(code, text):
    assert code in codes(text), (text, codes(text))


def test_a_thing_lying_in_the_street_is_not_a_casualty():
    found = codes("an electric cable snapped and is lying in the street")
    assert "casualty_signs" not in found and "serious_injury" not in found
    assert "casualty_signs" in codes("an old man is lying in the street")
    assert "fuel_leak" not in codes("被后面的车撞了一下，车也没冒烟")


def test_people_under_a_collapse_counted_and_family_words_counted():
    got = unit_needs("earthquake_collapse", "P1", extract("part of the roof caved in, two workers are underneath")).counts
    assert got["rescue"] == 1 and got["ambulance"] == 2
    assert unit_needs("hazmat", "P1", extract("一氧化碳报警器一直在响，我老公和儿子都晕倒了")).counts["ambulance"] == 2
    assert "not_breathing" in codes("he collapsed, he's gone grey and I can't feel him breathing")


@pytest.mark.parametrize("text, serious, others", [
    ("three of them are bleeding", 0, 3), ("half a dozen people have cuts", 0, 6), ("二三十个人头晕", 0, 20),
    ("my wife and my daughter are both hurt", 0, 2), ("2 pedestrians hit, 1 unconscious", 1, 1), ("车上五个人，两个受伤", 0, 2),
    ("他和他老婆都被烧伤了", 0, 2), ("she and her baby are trapped under the car", 2, 0), ("five or six people are injured", 0, 5),
    ("两个工人摔下来，一个被压在木板下面，另一个手臂骨折", 1, 1),
])
def test_counts_in_words_and_numerals(text, serious, others):
    from tools.casualties import census
    c = census(text)
    assert (c.serious, c.minor + c.ill) == (serious, others), c


@pytest.mark.parametrize("text, code", [
    ("he was unconscious for a minute but now he's awake and talking", "unconscious"),
    ("他刚才晕倒了，现在醒过来了，能说话", "unconscious"),
    ("刚才没有呼吸，现在又有呼吸了", "not_breathing"),
])
def test_a_fact_corrected_later_in_the_report_is_dropped(text, code):
    assert code not in codes(text)
    # ... but not when the correction is itself denied
    assert "unconscious" in codes("he is unconscious and not responding, he hasn't woken up")


# Round 2 (mechanisms read from unit_needs_dev10): probes of our own wording, EN + ZH, the fact said and the fact
# only resembled.
@pytest.mark.parametrize("incident_type, priority, text, want", [
    # unresponsive and breathing unknown / breathing too slowly: an arrest response
    ("medical", "P1", "my uncle slumped over at the dinner table, he isn't responding and I'm not sure if he's breathing",
     {"ambulance": 2, "engine": 1}),
    ("medical", "P1", "爸爸倒在沙发上叫不醒，我们看不出他还有没有呼吸", {"ambulance": 2, "engine": 1}),
    ("medical", "P1", "a lad on the park bench, eyes closed, going grey, breathing about three times a minute",
     {"ambulance": 2, "engine": 1}),
    # a gas detector, a struck gas main: the gas crew, not a hazmat unit
    ("hazmat", "P2", "the gas sensor in the school kitchen is showing 30% LEL and beeping", {"engine": 1, "utility_crew": 1}),
    ("hazmat", "P2", "roadworks crew cut through the gas main on the corner, it's hissing loudly", {"engine": 1, "utility_crew": 1}),
    ("hazmat", "P2", "施工队挖断了燃气管道，现场能听到漏气声", {"engine": 1, "utility_crew": 1}),
    # a strange smell that the caller says is gas is the gas leak's
    ("hazmat", "P2", "there's a weird smell in our corridor, smells like gas to me, and my son feels dizzy",
     {"engine": 1, "utility_crew": 1, "ambulance": 1}),
    # a chemical said without the word, on a public street: a release with a cordon
    ("hazmat", "P2", "a plastic drum fell off a lorry on the market square and burst, a liquid with a pungent smell is spreading",
     {"hazmat": 1, "engine": 1, "police_patrol": 1}),
    ("hazmat", "P2", "商场门口有人打翻了一桶消毒液，味道很大", {"hazmat": 1, "engine": 1, "police_patrol": 1}),
    # a splash in the eye is a patient
    ("hazmat", "P2", "化学课上一个女生被硫酸溅到了手，正在冲水", {"hazmat": 1, "engine": 1, "ambulance": 1}),
    # a lift stopped between floors with people inside
    ("utility_outage", "P3", "the elevator halted between floors 7 and 8 with two tenants inside", {"rescue": 1}),
    ("utility_outage", "P3", "电梯停在五楼和六楼之间，里面有个老人", {"rescue": 1}),
    # an assault still going on: two patrols
    ("public_security", "P2", "four teenagers on one boy by the kiosk, they're still kicking him", {"police_patrol": 2}),
    # fallen in by the water and not come up: a water rescue, not a search
    ("missing_person", "P1", "a kayaker tipped over near the harbour and hasn't come back up", {"rescue": 1, "engine": 1, "ambulance": 1}),
    ("missing_person", "P1", "有个小孩在码头边玩，掉下去以后一直没有浮上来", {"rescue": 1, "engine": 1, "ambulance": 1}),
    # a fire outside reaching a building: two engines
    ("fire", "P2", "a skip is on fire next to the school and the flames are licking the eaves of the gym", {"engine": 2}),
    # an electrical fault smoking inside: a building fire
    ("fire", "P2", "smoke coming out of the fuse cupboard in the basement, smells of melting plastic, nobody there", {"engine": 2}),
    # dependants on powered equipment, counted
    ("utility_outage", "P1", "power cut in our block and three residents are on home oxygen", {"ambulance": 3}),
    # contaminated tap water said another way
    ("public_health", "P3", "our tap water has tasted metallic since this morning in the whole street", {"utility_crew": 1}),
    # a flood's wet electrics need the utility crew whatever the water's source; a blade used on someone is a weapon
    ("flood", "P2", "heavy rain flooded the cellar and the water is up to the fuse box", {"utility_crew": 1, "engine": 1}),
    ("public_security", "P1", "a man cut the victim with a knife and ran towards the park", {"police_patrol": 2, "ambulance": 1}),
    # Chinese public places and crowds: the release needs a cordon
    ("hazmat", "P2", "一辆货车上的氨水罐泄漏了，旁边就是集市，人很多", {"hazmat": 1, "engine": 1, "police_patrol": 1}),
])
def test_round_two_mechanisms_cover_what_the_situation_needs(incident_type, priority, text, want):
    got = unit_needs(incident_type, priority, extract(text)).counts
    assert all(got.get(t, 0) >= n for t, n in want.items()), (text, got)


@pytest.mark.parametrize("incident_type, priority, text, at_most", [
    # a P1 whose reason is read now needs no standing two-crew response
    ("medical", "P1", "my grandmother's speech is slurred and one side of her mouth is drooping", {"ambulance": 1, "engine": 0}),
    ("medical", "P1", "my flatmate swallowed a whole packet of paracetamol tablets an hour ago", {"ambulance": 1, "engine": 0}),
    ("medical", "P1", "my wife is in labour, the contractions are two minutes apart and her waters broke", {"ambulance": 1, "engine": 0}),
    ("medical", "P1", "我妈妈突然嘴歪了，说话口齿不清", {"ambulance": 1, "engine": 0}),
    # corrected: he moves and talks after all
    ("medical", "P2", "a cyclist fell, I thought he was not breathing, oh no wait, he's sitting up and talking", {"ambulance": 1, "engine": 0}),
    # a question is no fact
    ("medical", "P2", "商场监控看到一个人躺在地上，不知道有没有意识", {"engine": 0}),
    # an accident with a kitchen knife is no weapon call ... (the knife is read: its patrols are the table's; not asserted)
    # sea, river or rain water with no pipe or electrics: nothing for a utility crew to shut off
    ("flood", "P2", "the river burst its banks after the downpour and the riverside path is under water, nobody there", {"utility_crew": 0}),
    ("flood", "P2", "暴雨把公园旁边的路淹了，水到小腿，没有人被困", {"utility_crew": 0}),
    # a blade in an accident is no weapon call
    ("medical", "P1", "she sliced her thumb on a kitchen knife while cooking and it won't stop bleeding", {"police_patrol": 0}),
    ("medical", "P1", "我爸切菜的时候被菜刀切到了手，流了很多血", {"police_patrol": 0}),
    # the teller, the giver and the observer are not patients
    ("medical", "P1", "我妈妈打电话说外婆在厨房摔倒了，流了很多血", {"ambulance": 1}),
    ("medical", "P1", "a classmate handed him a sweet with nuts in it and now his throat is swelling", {"ambulance": 1}),
])
def test_round_two_no_more_than_needed(incident_type, priority, text, at_most):
    got = unit_needs(incident_type, priority, extract(text)).counts
    assert all(got.get(t, 0) <= n for t, n in at_most.items()), (text, got)


@pytest.mark.parametrize("text, code", [
    ("three men on the bench outside the shop are arguing loudly", "violence_ongoing"),
    ("she took her heart pills this morning as usual and now has chest pain", "serious_injury__pills"),
    ("the parallel street is blocked by a van", "gas_leak"),
    ("the taxi hasn't come up the hill yet, we are waiting at the harbour", "person_in_water"),
    ("有没有人受伤我不知道", "injured"),
])
def test_round_two_lookalikes_are_not_read(text, code):
    if code == "serious_injury__pills":
        # the chest pain is serious; the pills taken as usual are not the evidence
        assert all("pills" not in d.evidence for d in extract(text) if d.code == "serious_injury")
        return
    assert code not in codes(text), (text, extract(text))


@pytest.mark.parametrize("text, serious", [
    ("一个男人拿着刀砍伤了两个路人", 2),          # the attacker is not a patient
    ("一位老人说胸口疼", 1),                      # he tells of himself: a patient
    ("我姐姐刚才打电话说妈妈在楼梯上摔倒了，头破了", 1),   # she tells of someone else: not a patient
    ("the driver can't tell whether the old man in the back is breathing, he isn't responding", 1),
])
def test_round_two_tellers_and_observers_in_the_census(text, serious):
    from tools.casualties import census

    assert census(text).serious == serious, census(text)


# A third vocabulary probe of our own (40 calls, EN + ZH; 33 covered when first run): the seven that were not, and
# a few that were, kept here.
@pytest.mark.parametrize("incident_type, priority, text, want", [
    ("medical", "P1", "我爷爷突然倒在地上，脸发紫，只会偶尔倒吸一口气", {"ambulance": 2, "engine": 1}),
    ("medical", "P1", "有人在海里游泳，看起来快淹死了，一直在往下沉", {"rescue": 1, "engine": 1, "ambulance": 1}),
    ("public_health", "P2", "thirty guests from the wedding party are vomiting and have diarrhoea, two of them fainted", {"ambulance": 2}),
    ("fire", "P1", "火从三楼的窗户冒出来了，有人在阳台上喊救命", {"engine": 2, "ladder": 1, "ambulance": 1}),
    ("medical", "P1", "there's a man hanging from the balcony railing on the fourth floor, he's slipping", {"ladder": 1, "ambulance": 1}),
    ("traffic_accident", "P1", "a bus rolled onto its side on the motorway slip road, lots of passengers hurt",
     {"ambulance": 3, "rescue": 1, "police_patrol": 2}),
    ("traffic_accident", "P1", "公交车侧翻了，车上很多人受伤，有人被卡在座位中间", {"ambulance": 3, "rescue": 1, "police_patrol": 2}),
    ("public_security", "P1", "停车场有人开枪了，有一个人倒在地上", {"police_patrol": 2, "ambulance": 1}),
    ("severe_weather", "P2", "大风把工地的铁皮吹下来了，砸到了一个路人，他头在流血", {"rescue": 1, "engine": 1, "ambulance": 1}),
])
def test_third_vocabulary_probe(incident_type, priority, text, want):
    got = unit_needs(incident_type, priority, extract(text)).counts
    assert all(got.get(t, 0) >= n for t, n in want.items()), (text, got)


def test_a_thing_the_size_of_a_person_hanging_is_no_jumper():
    assert "jumper" not in codes("icicles the size of a person hanging from the edge of the roof above the bus stop")


# A fourth vocabulary probe of our own (40 calls, EN/ZH/FI/SV; 35 covered when first run): the five that were not.
@pytest.mark.parametrize("incident_type, priority, text, want", [
    ("fire", "P2", "a bin is burning next to the school wall and the fire is spreading to the wooden fence and the building", {"engine": 2}),
    ("hazmat", "P1", "an acid spill at the lab, two technicians have burns on their hands and one is struggling to breathe",
     {"hazmat": 1, "engine": 1, "ambulance": 2}),
    ("earthquake_collapse", "P1", "a balcony collapsed onto the pavement, at least three people were underneath",
     {"rescue": 1, "engine": 1, "ambulance": 3, "police_patrol": 1}),
    ("public_security", "P1", "商场里有人持刀伤人，已经有三个人受伤了", {"police_patrol": 2, "ambulance": 3}),
    ("public_security", "P2", "a group of about 15 youths are throwing stones at the tram and smashing windows", {"police_patrol": 3}),
])
def test_fourth_vocabulary_probe(incident_type, priority, text, want):
    got = unit_needs(incident_type, priority, extract(text)).counts
    assert all(got.get(t, 0) >= n for t, n in want.items()), (text, got)


def test_a_knife_attack_with_only_minor_cuts_said_stays_minor():
    from tools.casualties import census

    c = census("a man with a knife was stabbing at people, two have minor cuts on their arms")
    assert c.serious == 0 and c.minor == 2, c


# A fifth probe of our own (25 lower-priority and calm calls: covered and no more than 1.5x): 21 when first run.
@pytest.mark.parametrize("incident_type, priority, text, need", [
    ("traffic_accident", "P2", "a taxi rear-ended a van, the van driver complains of neck pain, no one trapped", {"ambulance": 1, "police_patrol": 1}),
    ("fire", "P2", "a car is on fire on the street, the driver got out, nobody hurt", {"engine": 1}),
    ("fire", "P3", "small grass fire by the railway embankment, about two metres across", {"engine": 1}),
    ("utility_outage", "P2", "no power in the whole block since an hour, everyone is fine", {"utility_crew": 1}),
    ("medical", "P1", "the old man at the bus stop is unconscious but breathing normally, he smells of alcohol", {"ambulance": 1}),
    ("fire", "P2", "楼下垃圾桶着火了，火不大，旁边没有人", {"engine": 1}),
    ("traffic_accident", "P2", "两辆车轻微刮擦，没有人受伤，但是双方在吵架", {"police_patrol": 1}),
])
def test_fifth_probe_covered_and_not_over(incident_type, priority, text, need):
    got = unit_needs(incident_type, priority, extract(text)).counts
    assert all(got.get(t, 0) >= n for t, n in need.items()), (text, got)
    assert sum(got.values()) <= 1.5 * sum(need.values()), (text, got)


# A sixth probe of our own (25 calls in Chinese, covered and not over 1.5x): 19 when first run, 23 now.
@pytest.mark.parametrize("incident_type, priority, text, need", [
    ("medical", "P1", "我老公在家突然倒下了，叫他没反应，好像没在喘气", {"ambulance": 2, "engine": 1}),
    ("traffic_accident", "P1", "出租车撞上了路边的柱子，后排乘客被卡在里面出不来，司机头部受伤", {"rescue": 1, "engine": 1, "ambulance": 2}),
    ("traffic_accident", "P2", "有辆车开进了港口的水里，司机自己游上岸了，人没事", {"police_patrol": 1}),
    ("fire", "P2", "餐厅后厨的油锅着火了，员工用灭火器扑灭了，但是烟很大", {"engine": 1}),
])
def test_sixth_probe_covered_and_not_over(incident_type, priority, text, need):
    got = unit_needs(incident_type, priority, extract(text)).counts
    assert all(got.get(t, 0) >= n for t, n in need.items()), (text, got)
    assert sum(got.values()) <= 1.5 * sum(need.values()), (text, got)


def test_a_crowd_counted_is_no_brawl_without_a_fight():
    assert "large_brawl" not in codes("公司食堂吃完午饭以后，二十几个人拉肚子呕吐")


# A seventh probe of our own (25 relayed and SMS-style calls in English): 17 covered and not over when first run, 22 now.
@pytest.mark.parametrize("incident_type, priority, text, want", [
    ("traffic_accident", "P1", "car flipped on its roof at the roundabout, 2 ppl inside hanging upside down, can't get them out",
     {"rescue": 1, "engine": 1, "ambulance": 2}),
    ("public_security", "P1", "active shooter at the shopping centre, people running, I heard maybe 5 shots", {"police_patrol": 2, "ambulance": 1}),
    ("public_security", "P2", "bouncers are holding a guy who glassed someone, the victim has a deep cut on his cheek",
     {"police_patrol": 2, "ambulance": 1}),
    ("earthquake_collapse", "P1", "the floor of the old dance hall gave way during a party, people fell through to the basement",
     {"rescue": 1, "engine": 1, "ambulance": 2, "police_patrol": 1}),
    ("medical", "P1", "a diver hasn't surfaced at the harbour, his buddy came up alone 5 minutes ago", {"rescue": 1, "engine": 1, "ambulance": 1}),
])
def test_seventh_probe(incident_type, priority, text, want):
    got = unit_needs(incident_type, priority, extract(text)).counts
    assert all(got.get(t, 0) >= n for t, n in want.items()), (text, got)


def test_road_rash_is_a_graze_not_an_illness():
    from tools.casualties import census

    c = census("a scooter rider was clipped by a car, he has road rash on his arm")
    assert c.ill == 0 and c.minor == 1, c


def test_facts_is_the_one_view_the_table_rules_ask():
    # The table's rules ask the determinants through one helper (has / n / why): a fact not read is absent with
    # count 0 and no reason; a fact read without a count is 0; the reasons of several codes keep their order and
    # skip the ones not read, each with the report's own words.
    text = "the roof caved in and three workers are under the rubble, one is not breathing"
    facts = Facts({d.code: d for d in extract(text)})
    assert facts.has("collapse_people_under") and facts.n("collapse_people_under") == 3
    assert facts.has("not_breathing") and facts.n("not_breathing") == 0
    assert not facts.has("weapon") and facts.n("weapon") == 0 and facts.why("weapon") == ""
    both = facts.why("weapon", "collapse_people_under", "not_breathing")
    assert both.count("; ") == 1 and both.index("under the rubble") < both.index("not breathing"), both


@pytest.mark.parametrize("text, code", [
    # Round 3 (unit_needs_dev11's misses, said in our own words): each mechanism once, EN or ZH.
    ("厨房里漏燃气了，味道很重", "gas_leak"),
    ("好像是天然气漏了", "gas_leak"),
    ("我爸在沙发上叫不太醒", "unconscious"),
    ("a woman on the roof parapet keeps saying she's gonna jump", "jumper"),
    ("a man is standing on the bridge railing over the canal", "jumper"),
    ("a kid slipped into water off the breakwater", "person_in_water"),
    ("smoke in our flat, we are on 7 floor and can't get out", "upper_floor"),
    ("the lorry's smoking after the crash", "fuel_leak"),
    ("两车相撞，地上油漏了一片", "fuel_leak"),
])
def test_round3_mechanisms_are_read(text, code):
    assert code in codes(text), (text, codes(text))


@pytest.mark.parametrize("text, code", [
    ("the pipe is leaking water, no gas smell", "fuel_leak"),
    ("the department store is spread on 4 floors", "upper_floor"),
    ("we went into town and had lunch by the water", "person_in_water"),
    ("he jumped the queue at the kiosk", "jumper"),
])
def test_round3_lookalikes_are_not_read(text, code):
    assert code not in codes(text), (text, codes(text))


@pytest.mark.parametrize("text, code", [
    # Round 3, lookalikes: a nightclub is no club held as a weapon; a parking bay is no water; under a vehicle is not
    # under the water.
    ("bouncer at the night club on Mikonkatu, a guy collapsed in the queue", "weapon"),
    ("a man is slumped in his car in the loading bay behind the shop", "water_search"),
    ("a cyclist went under the back wheels of the bus", "person_in_water"),
    ("the fitting room door is stuck", "serious_injury"),
])
def test_round3_venue_and_vehicle_lookalikes_are_not_read(text, code):
    assert code not in codes(text), (text, codes(text))


@pytest.mark.parametrize("text, code", [
    ("he came at us with a club", "weapon"),
    ("my son is fitting on the kitchen floor", "serious_injury"),
    ("路边有个人躺着不动", "serious_injury"),
])
def test_round3_what_the_lookalikes_keep_is_read(text, code):
    assert code in codes(text), (text, codes(text))


def test_round3_the_unwakeable_one_beside_a_minor_patient_is_a_second_crew():
    # CO alarm, one adult with a headache and a child who barely wakes: two patients, one of them serious.
    needs = unit_needs("hazmat", "P1", extract("一氧化碳报警器响了，我妈说头疼，弟弟叫不太醒"))
    assert needs.counts.get("ambulance", 0) >= 2, needs.counts


@pytest.mark.parametrize("text, code", [
    # Round 3, third step (dev11's misses, in our own words).
    ("外孙女，6岁，中午出去骑车，一直到晚上都还没回来", "missing_vulnerable"),
    ("孩子可能去了海湾那边", "water_search"),
    ("two kids walked out on the ice by the marina and someone shouted there's a crack", "possibly_in_water"),
    ("他们拿砖头砸车窗", "weapon"),
    ("two men have been following me since the tram stop", "violence_ongoing"),
    ("the crane's boom is twisted and swinging above the pavement", "loose_high"),
])
def test_round3_step3_mechanisms_are_read(text, code):
    assert code in codes(text), (text, codes(text))


@pytest.mark.parametrize("text, code", [
    ("the tram line runs past our door and the power is out", "live_wire"),
    ("we skated on the ice all afternoon, lovely day", "possibly_in_water"),
    ("I'm following the ambulance in my car", "violence_ongoing"),
])
def test_round3_step3_lookalikes_are_not_read(text, code):
    assert code not in codes(text), (text, codes(text))


@pytest.mark.parametrize("text, code, read", [
    # Round 3, fourth step: swam out by himself is out of the water; burnt toast is no burn; a fight "kicked off".
    ("船翻了，船上的人自己游上岸了", "rescued_from_water", True),
    ("the kitchen smoke alarm went off, my flatmate burnt the toast again", "injured", False),
    ("she burnt her hand on the pan", "injured", True),
])
def test_round3_step4_reads(text, code, read):
    assert (code in codes(text)) == read, (text, codes(text))


def test_round3_a_fight_that_kicked_off_with_many_is_a_large_brawl():
    assert "large_brawl" in codes("a fight kicked off outside the kebab shop, about twelve guys swinging at each other")
    assert "large_brawl" in codes("things kicked off between two gangs, maybe twenty lads on the square")


def test_a_denied_serious_word_does_not_remove_minor_injuries():
    from tools.determinants import extract

    codes = {d.code for d in extract("tram and car collided, nobody seriously injured, one man is hurt with minor cuts and scrapes")}
    assert "minor_injury" in codes and "serious_injury" not in codes


@pytest.mark.parametrize("bad", [b"fire at Annankatu 8", 12, ["fire"]])
def test_a_report_that_is_not_text_gets_a_clear_error(bad):
    from core.errors import InputError

    with pytest.raises(InputError, match="must be text"):
        extract(bad)


@pytest.mark.parametrize("code, text, expected", [
    # "went down" is a fall, not someone going downstairs and reporting what they saw
    ("casualty_signs", "the caretaker went down and found water everywhere", False),
    ("casualty_signs", "Our janitor went down: there's water on the boiler room floor", False),
    ("casualty_signs", "the guard went down to check the boiler", False),
    ("casualty_signs", "he went down and hit his head on the kerb", True),
    ("casualty_signs", "a cyclist went down hard at the junction", True),
    # an extinguisher, hose or water used on a fire is no chemical spray exposure
    ("chemical_release", "保安拿水枪对着火喷了一会儿", False),
    ("chemical_release", "他拿灭火器对着垃圾桶喷了几下，火灭了", False),
    ("chemical_release", "We sprayed some water on it and the flames died down", False),
    ("chemical_release", "he sprayed some foam from the extinguisher at the pan", False),
    ("chemical_release", "地铁里有人喷了东西，好多人咳嗽", True),
    ("chemical_release", "a man sprayed something in their faces and ran off", True),
])
def test_look_alikes_of_a_fall_and_a_spray(code, text, expected):
    assert (code in codes(text)) is expected, (text, codes(text))


@pytest.mark.parametrize("text", [
    "The gale toppled a tree onto the overhead line on Hämeentie, the number 6 tram has stopped under the sparking wire with about 40 passengers on board",
    "暴风把电车线路上的电线刮断了，电线掉在公交车顶上冒火花，车里还有二十多个乘客",
])
def test_people_held_beside_a_live_line_get_the_rescue_unit(text):
    from tools.response_table import unit_needs

    counts = unit_needs("severe_weather", "P2", extract(text)).counts
    assert counts.get("rescue", 0) >= 1 and counts.get("ambulance", 0) >= 1 and counts.get("utility_crew", 0) >= 1, counts


def test_a_live_line_with_nobody_held_by_it_stays_with_the_utility():
    from tools.response_table import unit_needs

    counts = unit_needs("severe_weather", "P3", extract("power line down across Fleminginkatu after the wind, nobody near it")).counts
    assert "rescue" not in counts, counts


@pytest.mark.parametrize("text,held", [
    ("storm snapped the line and it is lying across a taxi, the driver is trapped in the car and afraid to move", True),
    ("a live cable is down across an empty camper van in the yard, the family is inside the house watching it", False),
])
def test_live_line_units_only_for_someone_held_by_it(text, held):
    from tools.response_table import unit_needs

    counts = unit_needs("utility_outage", "P2", extract(text)).counts
    assert ("rescue" in counts) is held, (text, dict(counts))
