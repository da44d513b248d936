"""A life at risk with no hazard word stays P1, but what the caller says against it is read (review s16: the rule
over-triaged): a dependency denied for the whole list that follows it ("nobody here uses any equipment such as a
ventilator"), the heating said to work or the home said warm, a backup battery said to last hours, the power said to
be back on. A backup said to last minutes, power that came back and went off again, or a denial the caller then
contrasts ("none of us, but next door...") stay P1. The frozen set tests/agent/data/life_risk_s16.yaml measures it
(bench/bench_life_risk.py); these cases are worded apart from it."""

from __future__ import annotations

import pytest

from agent.hazards import reconciled_triage
from agent.life_risk import life_at_risk
from agent.schemas import TriageSummary


def summary(priority: str = "P2") -> TriageSummary:
    return TriageSummary(incident_type="utility_outage", priority=priority, type_confidence=0.6, priority_confidence=0.6,
                         type_probs={"utility_outage": 0.6, "medical": 0.2}, priority_probs={priority: 0.6, "P1": 0.3})


NEAR_MISSES = [
    # a dependency denied for its whole list (the denial stands more than 40 characters before the device)
    "Nobody at this address uses any life-support equipment like oxygen machines or ventilators, we only lost the electricity",
    "家里没有谁在做透析或者用呼吸机制氧机这类机器，只是停电了",
    # the heating said to work, the home said warm
    "Minus 20 outside, blackout in the block, my 90-year-old aunt lives with us but our heating is still working",
    "停电了，屋里有八十五岁的奶奶，外面零下二十二度，暖气也有，家里不冷",
    "Blackout and -26 °C tonight, grandpa (88) is here, but the living room is 20 degrees thanks to the fireplace",
    # a backup said to last hours
    "Power cut. Her home ventilator runs on its internal battery, which is good for 12 hours",
    "停电，妈妈的呼吸机换成了自带电池，电池还能用十个小时",
    # the power back on
    "Power went out and Dad's dialysis machine stopped, but the power's back now and he restarted his session",
    "我们这里已经来电了，刚才外公的制氧机停了十分钟，现在好了",
]

STILL_AT_RISK = [
    # a denial that is no dependency, or that the caller contrasts
    "Nobody is answering at flat 3 and the tenant there lives on a home ventilator; the building has no power",
    "None of us needs a machine, but my neighbour is on home dialysis and the power went off an hour ago",
    # a denial of the power is not one of the device ("no electricity and his ventilator")
    "The whole street has no electricity and his ventilator is alarming",
    # power back, then gone again
    "The power came back on briefly and then cut out again; mum's oxygen concentrator is off",
    "刚才来电了，没过五分钟又停电了，奶奶的制氧机不转了",
    # a backup said to last minutes, or used up
    "外婆的制氧机停了，停电，电池只能撑四十分钟",
    "Blackout here. Grandad's oxygen concentrator is off and his spare cylinder is used up",
    # the heating said lost after it was said on, a cold room measured although the heating "works"
    "The heating was on this morning but now it has failed, it's -23 outside and my bedridden mother's room is 10 °C",
    "暖气虽然开着，但是屋里只有十度，外面零下二十五度，九十岁的外公一个人在家",
    # a frail person said as "nan" or by "she's 91", a cold room named as the kitchen
    "It is -20 outside, the heating in my nan's flat has stopped, she's 91 and her kitchen is 9 degrees",
]


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_what_the_caller_says_against_the_risk_is_read(text):
    assert life_at_risk(text) is None, text
    assert reconciled_triage(summary(), text).priority == "P2", text


@pytest.mark.parametrize("text", STILL_AT_RISK)
def test_a_real_life_at_risk_stays_p1(text):
    assert life_at_risk(text), text
    assert reconciled_triage(summary("P3"), text).priority == "P1", text


# review s16b: a backup said to last hours, but already in use for most of them, is a countdown, not a cover
BACKUP_MOSTLY_USED = [
    "停电了，爸爸的呼吸机电池说能用两个小时，但是已经用了一个半小时了",
    "Blackout since 7. Mum's ventilator battery is good for 3 hours and it has been running on it for 2.5 hours already",
    "No power. His oxygen concentrator's backup battery lasts 4 hours, we've been on it for the last 3 hours",
]


@pytest.mark.parametrize("text", BACKUP_MOSTLY_USED)
def test_a_backup_mostly_used_up_stays_p1(text):
    assert life_at_risk(text), text
    assert reconciled_triage(summary("P3"), text).priority == "P1", text


def test_a_backup_with_hours_still_left_is_a_cover():
    text = "停电了，爸爸的呼吸机电池能用十个小时，已经用了一个小时"
    assert life_at_risk(text) is None, text
