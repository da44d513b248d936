"""A life at immediate risk that no hazard word names is P1 (session 14's trial #3: a power cut with an elderly
woman on an oxygen concentrator in -18 °C stayed P2): someone on powered life support without power, a frail person
in an unheated home in severe frost. A power cut with nobody dependent, a backup that covers the person, a powered
wheelchair, or cold without a frail person keep the model's priority."""

from __future__ import annotations

import pytest

from agent.hazards import reconciled_triage
from agent.life_risk import life_at_risk
from agent.schemas import TriageSummary


def summary(kind: str = "utility_outage", priority: str = "P2") -> TriageSummary:
    return TriageSummary(incident_type=kind, priority=priority, type_confidence=0.6, priority_confidence=0.6,
                         type_probs={kind: 0.6, "medical": 0.2}, priority_probs={priority: 0.6, "P1": 0.3})


LIFE_AT_RISK = [
    "Blackout on our street. My father is on a home ventilator and its battery says 40 minutes left.",
    "The home dialysis machine stopped when the lights went out, my husband was halfway through his session",
    "Power failure in the stairwell B flats, the man in 4C depends on his oxygen machine, nobody answers the door",
    "停电了，我妈妈在家用制氧机，现在机器停了，她喘不上气",
    "小区停电三个小时了，楼上一位老人靠呼吸机维持，备用电池快没电了",
    "No electricity in the building since this morning, minus 20 outside, my 88-year-old grandmother lives alone and the flat is down to 10 degrees",
    "Heating has failed in the care flat, it is -22 outside and the bedridden resident's room is at 11 °C",
    "暖气停了一整天，外面零下二十度，家里只有十度，八十多岁的奶奶一个人住",
]

NOT_AT_RISK = [
    "Power outage in the block, everyone is fine, just the lights are off",
    "停电了，冰箱里的东西会不会坏？",
    # a backup the caller says covers her: judged not immediate (the outage plan's shelter and ambulance still reach her)
    "Power cut here. Mum's oxygen concentrator is off but she has a spare cylinder that lasts 12 hours, she is fine",
    "停电了，不过爸爸的制氧机有备用氧气瓶，能用一整天",
    "My grandmother's oxygen concentrator is making a beeping noise, power is on, can someone check it",
    "Power outage at the office, -20 outside, the heating is off, about 30 workers inside",  # cold, nobody frail
    "Power cut on the whole street, my brother uses a powered wheelchair and cannot get down the stairs",  # not life support
    "Power cut, -3 outside, grandpa says it is a bit chilly",  # no severe frost
    "停电了，外面零下五度，爷爷说有点冷",
    "No one in the building is on a ventilator, it's just a power cut",
]


@pytest.mark.parametrize("text", LIFE_AT_RISK)
def test_a_life_at_risk_without_a_hazard_word_is_p1(text):
    assert life_at_risk(text), text
    out = reconciled_triage(summary(), text)
    assert out.priority == "P1" and out.incident_type == "utility_outage", (text, out)
    assert reconciled_triage(summary("utility_outage", "P3"), text).priority == "P1"


@pytest.mark.parametrize("text", NOT_AT_RISK)
def test_others_keep_the_model_priority(text):
    assert life_at_risk(text) is None, text
    assert reconciled_triage(summary(), text).priority == "P2", text


def test_the_reason_names_the_device_or_the_person():
    assert "ventilator" in life_at_risk(LIFE_AT_RISK[0])
    assert "frail" in life_at_risk(LIFE_AT_RISK[5])


@pytest.fixture(scope="module")
def planner(triage_model, retriever, city):
    from agent.response_plan import ResponsePlanner

    return ResponsePlanner(triage_model, retriever, city)


@pytest.mark.parametrize("text,said", [
    ("停电已经好几个小时了，外公在家靠呼吸机，机器停了", "呼吸机"),
    ("No electricity in the building since this morning, minus 20 outside, my 88-year-old grandmother lives alone and the flat is down to 10 degrees", "frail"),
])
def test_the_plan_says_why_it_is_p1(planner, text, said):
    from agent.safety import screen_text

    plan = planner.plan(screen_text(text), triage=summary("utility_outage", "P1"))
    lines = [i.text for i in plan.situation if i.text.startswith("Life at risk")]
    assert lines and said in lines[0], [i.text for i in plan.situation]


def test_no_such_line_without_a_life_at_risk(planner):
    from agent.safety import screen_text

    plan = planner.plan(screen_text("Power outage in the block, everyone is fine, just the lights are off"), triage=summary("utility_outage", "P1"))
    assert not [i.text for i in plan.situation if i.text.startswith("Life at risk")]
