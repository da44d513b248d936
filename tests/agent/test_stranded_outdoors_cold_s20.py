"""Trial s20 M1: a tour group of 32 stranded outside a closed metro station in the cold, two old people shivering, was
told "shelter in place ... stay home" (rule U1) and sent a rescue unit for "被困" (trapped).

People stranded outdoors in the cold are not trapped (nothing holds them) and have no home to stay in: the plan takes
them indoors to the nearest shelter with room for them, named with its distance. Chinese, English, Finnish."""

from __future__ import annotations

import pytest

from tools.determinants import extract
from tools.protective.cues import read_protective_cues
from tools.protective.decision import decide

STRANDED = [
    "我是导游，我们中国旅游团有32个人，Rautatientori 地铁站关门了，我们被困在外面，很冷，有两个老人冻得发抖，不会说芬兰语，怎么办？",
    "I'm a tour guide with 32 tourists, the Rautatientori metro station closed and we are stuck outside in the freezing cold, two elderly people are shivering badly",
    "Olemme 30 hengen turistiryhmä, Rautatientorin metroasema suljettiin ja olemme jumissa ulkona pakkasessa, kaksi vanhusta palelee pahasti",
]


@pytest.mark.parametrize("text", STRANDED)
@pytest.mark.parametrize("incident_type", ["utility_outage", "medical", "severe_weather", "missing_person"])
def test_people_stranded_in_the_cold_are_taken_to_a_warm_shelter_not_told_to_stay_home(text, incident_type):
    decision = decide(incident_type, read_protective_cues(text))
    assert decision is not None and decision.rule != "U1"
    assert decision.shelters and decision.indoor_refuge and "warm shelter" in decision.reason


@pytest.mark.parametrize("text", STRANDED)
def test_stranded_outside_is_not_trapped(text):
    codes = {d.code for d in extract(text)}
    assert not codes & {"trapped", "people_inside", "smoke_exposed", "vehicle_entrapment"}, codes
    assert not read_protective_cues(text).trapped


@pytest.mark.parametrize("text,code", [
    ("我们被困在屋里出不来，楼道里全是烟", "trapped"),
    ("Two people trapped inside the burning flat at Annankatu 12", "trapped"),
    ("Kuljettaja on jumissa autossa Mannerheimintiellä", "vehicle_entrapment"),
])
def test_trapped_inside_is_still_trapped(text, code):
    assert code in {d.code for d in extract(text)}


def test_an_outage_with_nobody_stranded_still_stays_home():
    assert decide("utility_outage", read_protective_cues("Power cut in Kallio since 8 am, no heating, residents at home")).rule == "U1"


@pytest.mark.parametrize("text", STRANDED[:2])
def test_the_plan_names_the_nearest_shelter_and_sends_no_rescue_unit(make_assistant, text):
    plan = make_assistant().plan(text, narrative=False)
    evacuation = " ".join(item.text for item in plan.evacuation)
    assert "stay home" not in evacuation and "Helsingin päärautatieasema" in evacuation, evacuation
    reasons = [a["reason"] for a in plan.tool_outputs["plan_dispatch"]["assignments"] if a["unit_type"] == "rescue"]
    assert not any("trapped" in r or "被困" in r for r in reasons), reasons
