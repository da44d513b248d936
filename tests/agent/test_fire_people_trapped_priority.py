"""A building on fire with people at its windows, calling for help or trapped inside is P1 (session 16's trial: "火车站
旁边的酒店着火了，有客人在窗口呼救" was P4 and "The hotel ... is on fire, guests at the windows" P2). The model's
priority is a guess on new wording; the report's own words of people who cannot get out of a fire decide. A fire that
is out, or one everybody has left, keeps the model's priority."""

from __future__ import annotations

import pytest

from agent.hazards import reconciled_triage
from tests.agent.test_life_at_risk_priority import summary


PEOPLE_CAUGHT_BY_FIRE = [
    "火车站旁边的酒店着火了，有客人在窗口呼救",
    "The hotel next to the railway station is on fire, guests at the windows",
    "Apartment block burning on Mannerheimintie, a woman is screaming for help from the third floor",
    "The school is on fire and there are still children inside",
    "Fire in the flat below, smoke everywhere, we are trapped in the bedroom",
    "公寓楼着火了，楼里有人在求救",
    "商场起火，还有人困在里面出不来",
    "宿舍楼失火了，有人在阳台上喊救命",
]

NOT_CAUGHT = [
    "The kitchen fire is out, everyone got out of the building, smoke damage only",
    "Small fire in a bin behind the hotel, nobody around",
    "厨房着过火，已经灭了，大家都出来了",
]


@pytest.mark.parametrize("text", PEOPLE_CAUGHT_BY_FIRE)
@pytest.mark.parametrize("priority", ["P2", "P4"])
def test_people_caught_by_a_building_fire_are_p1(text, priority):
    out = reconciled_triage(summary("fire", priority), text)
    assert out.priority == "P1", (text, out)


@pytest.mark.parametrize("text", NOT_CAUGHT)
def test_a_fire_nobody_is_caught_in_keeps_the_model_priority(text):
    assert reconciled_triage(summary("fire", "P3"), text).priority == "P3", text
