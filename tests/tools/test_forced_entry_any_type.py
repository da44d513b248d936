"""A person nobody can reach behind a door that will not open needs forced entry (the rescue unit) whatever the
incident's type (session 16's trial M10: a 92-year-old in a cold flat, "门打不开", typed utility_outage, got one
ambulance and nothing to open the door, though the plan itself named the forced entry)."""

from __future__ import annotations

import pytest

from tests.tools.helpers import needs


@pytest.mark.parametrize("kind", ["utility_outage", "severe_weather", "medical"])
@pytest.mark.parametrize("text", [
    "Kirkkokatu 8 三楼，一位92岁独居老奶奶，家里停暖，说话有点含糊，门打不开。",
    "Power cut since this morning, my 90-year-old neighbour is not answering, her door is locked and we cannot get it open",
    "暖气停了，楼上的老人在屋里喊人，门反锁了",
])
def test_a_door_nobody_can_open_gets_the_rescue_unit(text, kind):
    assert needs(kind, "P1", text).get("rescue", 0) >= 1, (kind, text, needs(kind, "P1", text))
