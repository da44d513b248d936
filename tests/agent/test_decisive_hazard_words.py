"""Words that name the incident itself decide its type against the triage model (agent.hazards._DECISIVE).

A crowd crush is a mass-casualty public-order incident whatever the crowd was doing (a torch procession read as a
fire); a person through the ice or in the water is a water rescue of that person (medical in this taxonomy), not a
structural collapse ("the ice was cracking") nor a flood. A type the report names in its own words stays.
"""

from __future__ import annotations

import pytest

from agent.hazards import hazard_from_words, reconciled_triage
from agent.schemas import TriageSummary
from tools.determinants import extract


def summary(kind: str, confidence: float, priority: str = "P1") -> TriageSummary:
    return TriageSummary(incident_type=kind, priority=priority, type_confidence=confidence, priority_confidence=0.7,
                         type_probs={kind: confidence, "public_security": 0.05, "medical": 0.05},
                         priority_probs={priority: 0.7})


CRUSHES = [
    "春节庙会的火把队伍经过广场时人挤人，前面的人摔倒后被踩，有个小孩脸色发紫",
    "火炬传递经过的街口人群推倒了护栏，几个人被挤倒在地上爬不起来",
    "Stampede at the torchlight march on the esplanade, people knocked down and trampled, one woman unresponsive",
    "the crowd surged at the stage barrier during the fireworks show, teenagers crushed against the fence",
]


@pytest.mark.parametrize("text", CRUSHES)
@pytest.mark.parametrize("model_type,confidence", [("fire", 0.35), ("medical", 0.7), ("traffic_accident", 0.5), ("not_incident", 0.6)])
def test_a_crowd_crush_is_public_security(text, model_type, confidence):
    assert hazard_from_words(text) == "public_security", text
    out = reconciled_triage(summary(model_type, confidence), text)
    assert out.incident_type == "public_security", (text, model_type, out)
    if model_type != "not_incident":
        assert model_type in out.secondary_types


@pytest.mark.parametrize("text", CRUSHES)
def test_a_crowd_crush_brings_the_police_for_the_crowd(text):
    assert "crowd_disorder" in {d.code for d in extract(text)}, text


@pytest.mark.parametrize("text", [
    "火炬在广场上点燃了，仪式很顺利",  # a torch lit: no fire, no crush
    "火把节晚会几点开始？",
])
def test_a_torch_is_no_fire(text):
    assert hazard_from_words(text) is None, text


@pytest.mark.parametrize("text", [
    "the fire alarm in the nightclub went off, flames at the bar, a stampede at the exit",  # the fire caused the crush
    "商场三楼起火了，浓烟很大，楼梯口发生踩踏",
])
def test_a_fire_that_caused_the_crush_stays_a_fire(text):
    assert reconciled_triage(summary("fire", 0.8), text).incident_type == "fire", text


ICE = [
    "a skater broke through the lake ice off Lauttasaari and is hanging on to the edge",
    "kids were sliding on the bay, the ice gave way under one of them",
    "two anglers on the ice near Seurasaari, it started cracking and one went straight through about 30 m out",
    "有个滑冰的人在湖上冰面裂开掉下去了，正抓着冰沿",
    "钓鱼的老人掉到海里了，就在码头边上扑腾",
]


@pytest.mark.parametrize("text", ICE)
@pytest.mark.parametrize("model_type,confidence", [("flood", 0.65), ("earthquake_collapse", 0.4), ("severe_weather", 0.7)])
def test_a_person_through_the_ice_is_a_water_rescue(text, model_type, confidence):
    assert hazard_from_words(text) == "medical", text
    out = reconciled_triage(summary(model_type, confidence), text)
    assert out.incident_type == "medical", (text, model_type, out)
    assert "person_in_water" in {d.code for d in extract(text)}, text  # the rescue unit, an engine and an ambulance


@pytest.mark.parametrize("text", ICE)
def test_a_search_for_someone_in_the_water_stays_a_search(text):
    # "person overboard" is missing_person in the taxonomy: the search's checklist and the water rescue both apply
    assert reconciled_triage(summary("missing_person", 0.8), text).incident_type == "missing_person"


@pytest.mark.parametrize("text", [
    "large crack in the load-bearing wall of the car park, the ceiling is sagging",
    "楼道墙体开裂，天花板掉了一块",
    "a car drove off the quay into the harbour, the driver is in the water",  # the collision's own words
])
def test_other_reports_keep_their_type(text):
    kind = "earthquake_collapse" if "car" not in text or "park" in text else "traffic_accident"
    kind = "traffic_accident" if "drove off" in text else kind
    assert reconciled_triage(summary(kind, 0.8), text).incident_type == kind, text


@pytest.mark.parametrize("text", ICE)
@pytest.mark.parametrize("priority", ["P2", "P3"])
def test_someone_in_the_water_is_p1(text, priority):
    assert reconciled_triage(summary("medical", 0.8, priority), text).priority == "P1", text


@pytest.mark.parametrize("text", [
    "the skater who went through the ice was pulled out by passers-by, he is wrapped in a blanket and talking",
    "落水的男孩已经被救上岸了，意识清醒",
    "thin ice warning for the bay this weekend, stay off the ice",
])
def test_someone_already_out_of_the_water_keeps_the_priority(text):
    assert reconciled_triage(summary("medical", 0.8, "P2"), text).priority == "P2", text


@pytest.mark.parametrize("text,fire", [
    ("一把火把房子烧了，邻居都跑出来了", True),  # BA particle after 一把火: a fire
    ("火把厨房的吊顶烧穿了", True),
    ("他举着火把走在队伍前面，大家在唱歌", False),  # 火把 held: a torch
    ("游客手持火把游行到湖边", False),
])
def test_huoba_is_a_torch_only_as_a_noun(text, fire):
    import re

    from finetune.cues import _CUES

    assert (hazard_from_words(text) == "fire") is fire, text
    assert bool(re.search(_CUES["fire_word"], text)) is fire, text


@pytest.mark.parametrize("text", [
    "patient with a crush injury of the foot from a falling pallet, he is pale and sweating",  # one casualty, no crowd
    "our bull trampled my grandfather in the barn, he has chest pain",
    "she stepped on a rusty nail at the playground and is crying",
])
def test_crush_words_without_a_crowd_stay_a_medical_call(text):
    assert reconciled_triage(summary("medical", 0.85), text).incident_type == "medical", text


def test_a_sure_reading_of_the_cause_of_a_stampede_stays():
    text = "the boiler room blew up under the concert hall and fans stampeded towards the doors"
    out = reconciled_triage(summary("hazmat", 0.85), text)
    assert out.incident_type == "hazmat"


@pytest.mark.parametrize("kind,text", [
    ("traffic_accident", "ice on the ring road exit, a lorry slid and broke through the guard rail, driver shaken"),
    ("earthquake_collapse", "the ice-laden canopy of the shop gave in and a customer fell through the floor hatch"),
])
def test_ice_on_a_road_or_roof_is_no_person_through_the_ice(kind, text):
    out = reconciled_triage(summary(kind, 0.7, "P3"), text)
    assert (out.incident_type, out.priority) == (kind, "P3"), text
    assert "person_in_water" not in {d.code for d in extract(text)}, text


@pytest.mark.parametrize("kind,text", [
    ("hazmat", "a barrel of paint is leaking in the water by the boat ramp, no injuries"),
    ("public_security", "loud party, drunk guests swimming in the canal at midnight and screaming"),
])
def test_things_or_swimmers_in_the_water_are_not_p1(kind, text):
    assert reconciled_triage(summary(kind, 0.9, "P3"), text).priority == "P3", text
