"""Trial s20 M2.

A roof blown onto the street onto a cyclist got rule SW1 "severe weather without damage: go or stay indoors", and the
rescue unit and the engine were sent "for: seriously ill or injured patients (one ambulance each)". A lift stuck in a
power cut with an old man short of breath got the public warning "close doors and windows, switch off ventilation"
and Annex A's evacuation sweeps ("Sweep the zone building by building") although nobody was to be moved.

What must hold, in general: damage or a casualty at a site is never SW1; each unit type is sent for its own reason (a
patient count's ambulance rule is cited for ambulances only); sheltering in place in an outage says what an outage
needs, not what a gas cloud does; an evacuation order's steps appear only where people may be moved."""

from __future__ import annotations

import pytest

from agent.step_fit import incident_facts, step_fits
from tools.determinants import extract
from tools.protective.cues import read_protective_cues
from tools.protective.decision import decide
from tools.response_table import unit_needs

STORM_CASUALTY = [
    "大风把一整块屋顶吹到了 Kalevankatu 6 前面的街上，砸中了一个骑车的人，他躺在地上不动",
    "The gale ripped a sheet of roofing off Kalevankatu 6 and it hit a cyclist, he is lying in the street not moving",
    "Myrsky repi katon palan Kalevankatu 6:sta kadulle ja se osui pyöräilijään, hän makaa maassa liikkumatta",
    "狂风把广告牌刮倒了，砸伤了一个路人，Mannerheimintie 10",
]


@pytest.mark.parametrize("text", STORM_CASUALTY)
def test_storm_damage_with_someone_hit_is_not_severe_weather_without_damage(text):
    decision = decide("severe_weather", read_protective_cues(text))
    assert decision.rule != "SW1" and "isolate_deny_entry" in decision.actions, decision


def test_a_storm_warning_with_no_damage_is_still_sw1():
    assert decide("severe_weather", read_protective_cues("Gale warning for tonight, gusts up to 25 m/s expected, stay indoors")).rule == "SW1"


# Reports across the types whose rules send several unit types for the same people.
MANY_UNITS = STORM_CASUALTY[:2] + [
    "A tree fell on a car on Hämeentie in the storm, the driver is trapped and bleeding",
    "Bus and tram collided at Kaisaniemi, five people hurt, two of them seriously",
    "Balcony collapsed at Annankatu 12, three people underneath",
    "Fire in a flat at Fredrikinkatu 20, smoke in the stairwell, two people trapped on the 5th floor",
    "五楼着火了，楼道里全是烟，有两个人被困在阳台上",
]


@pytest.mark.parametrize("text", MANY_UNITS)
@pytest.mark.parametrize("incident_type,priority", [("severe_weather", "P1"), ("traffic_accident", "P1"), ("earthquake_collapse", "P1"), ("fire", "P1")])
def test_each_unit_type_is_sent_for_its_own_reason(text, incident_type, priority):
    needs = unit_needs(incident_type, priority, extract(text))
    for unit_type in needs.counts:
        if unit_type != "ambulance":
            assert "ambulance each" not in needs.reason_for(unit_type) and "to an ambulance" not in needs.reason_for(unit_type), \
                (unit_type, needs.reason_for(unit_type))


@pytest.mark.parametrize("text", STORM_CASUALTY[:2])
def test_the_storm_plan_cordons_and_gives_rescue_and_engine_their_reasons(make_assistant, text):
    plan = make_assistant().plan(text, narrative=False)
    evacuation = " ".join(item.text for item in plan.evacuation)
    assert "rule SW1" not in evacuation and "without damage" not in evacuation
    assert "rule SW2" in evacuation or "rule SW3" in evacuation
    for a in plan.tool_outputs["plan_dispatch"]["assignments"]:
        if a["unit_type"] != "ambulance":
            assert "ambulance" not in a["reason"], a


LIFT_IN_OUTAGE = [
    "停电了，Fredrikinkatu 20 号的电梯卡在两层之间，里面有三个人，其中一位老人说胸口闷",
    "Power cut at Fredrikinkatu 20, the lift is stuck between floors with three people inside, an old man says his chest feels tight",
    "Sähkökatko Fredrikinkatu 20:ssä, hissi jumissa kerrosten välissä, sisällä kolme ihmistä, vanhalla miehellä rintakipuja",
]
_SWEEPS = ("Sweep the zone", "Lift the order", "shelter occupancy")


@pytest.mark.parametrize("text", LIFT_IN_OUTAGE)
def test_an_outage_keeps_people_home_without_a_gas_warning(text):
    decision = decide("utility_outage", read_protective_cues(text))
    assert not decision.moves_people()
    facts = incident_facts(text, "utility_outage")
    assert not any(step_fits(step, facts) for step in (
        "Sweep the zone building by building and mark each building as cleared.",
        "Lift the order only when the IC declares the zone safe; announce the return (Annex I)."))


@pytest.mark.parametrize("text", LIFT_IN_OUTAGE[:2])
def test_the_lift_plan_has_no_window_warning_no_sweeps_and_an_ambulance(make_assistant, text):
    plan = make_assistant().plan(text, narrative=False)
    evacuation = " ".join(item.text for item in plan.evacuation)
    assert "ventilation" not in evacuation and "close doors and windows" not in evacuation
    actions = " ".join(item.text for item in plan.immediate_actions)
    assert not any(s in actions for s in _SWEEPS), actions
    assert plan.triage.priority in ("P1", "P2")
    types = [a["unit_type"] for a in plan.tool_outputs["plan_dispatch"]["assignments"]]
    assert "ambulance" in types and "rescue" in types


def test_a_gas_cloud_still_shelters_with_the_air_kept_out_and_an_evacuation_keeps_its_sweeps():
    gas = "Chlorine leaking from a small cylinder outdoors at the swimming hall yard on Hietaniemenkatu, people coughing"
    decision = decide("hazmat", read_protective_cues(gas))
    assert "shelter_in_place" in decision.actions and decision.rule.startswith("H")
    fire = "Fire in a block of flats at Annankatu 12, smoke in the stairwell, evacuate the building"
    assert step_fits("Sweep the zone building by building and mark each building as cleared.", incident_facts(fire, "fire"))
