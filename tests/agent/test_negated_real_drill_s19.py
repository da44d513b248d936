"""s19 dev (router_dev_v17): a drill that says the units or the fire are NOT real ("no real units", "ei oikea
hälytys", "不是真的") was read as a real emergency: the word "real" / "oikea" / "真的" counted as "real now" whatever
negated it, so the drill was planned as a fire.  A negated "real" is the drill's own word; "this is not a drill" and a
real fire beside a drill still file."""

from __future__ import annotations

import pytest

from agent.hazards import no_new_emergency


@pytest.mark.parametrize("text", [
    "This is a drill. Repeat, this is a drill: simulated fire at Ressun lukio, no real units.",
    "Exercise only - smoke machine running at Porthania, not a real fire, don't send anyone",
    "这是演练，不是真的：Ressun lukio 模拟火灾，不要派车。",
    "演习，并非真实火情，Porthania 烟雾机在运行",
    "Tämä on harjoitus, ei oikea hälytys.",
    "Paloharjoitus Ressun lukiolla, ei oikeaa paloa.",
])
def test_a_drill_that_says_it_is_not_real_is_a_drill(text):
    assert no_new_emergency(text) == "drill"


@pytest.mark.parametrize("text", [
    "This is not a drill: real fire at Ressun lukio, smoke from the gym",
    "Harjoitus keskeytetty, oikea palo Ressun lukion keittiössä",
    "不是演练，是真的着火了，Ressun lukio 厨房冒烟",
    "The drill at Porthania was a real fire after all, flames in the lab",
])
def test_a_real_emergency_beside_a_drill_still_files(text):
    assert no_new_emergency(text) is None
