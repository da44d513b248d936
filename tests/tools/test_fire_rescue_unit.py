"""A building fire with people trapped inside gets the rescue unit besides the engines (and the ladder when they are
up high), as Annex C's first response says: "engines, a ladder unit and the rescue unit for a building fire"."""

from __future__ import annotations

import pytest

from tools.determinants import extract
from tools.response_table import unit_needs


def counts(text: str, kind: str = "fire", priority: str = "P1") -> dict[str, int]:
    return dict(unit_needs(kind, priority, extract(text)).counts)


@pytest.mark.parametrize("text", [
    "smoke pouring out of the third floor, a man is trapped in his bedroom",
    "三楼起火，有个老人被困在房间里出不来",
    "fire in the stairwell of the block, two kids are trapped in the flat upstairs",
])
def test_people_trapped_in_a_burning_building_get_the_rescue_unit(text):
    c = counts(text)
    assert c.get("rescue", 0) >= 1 and c.get("engine", 0) >= 2, (text, c)


@pytest.mark.parametrize("text", ["kitchen fire on the 2nd floor, everyone got out", "垃圾桶着火了", "car on fire in the car park"])
def test_a_fire_with_nobody_cut_off_gets_no_rescue_unit(text):
    assert counts(text).get("rescue", 0) == 0, text


# People who cannot walk out on their own are carried out: a building fire with them gets the rescue unit, and the
# ladder when they are upstairs, though nobody says "trapped" (s15 trial: a care home fire got neither).
@pytest.mark.parametrize("text", [
    "smoke in the nursing home on the 2nd floor, 30 residents, most of them bedridden",
    "fire in the block, an old man in a wheelchair lives on the 4th floor",
    "hospital ward on fire, patients on the upper floors cannot walk",
    "养老院二楼冒烟，楼上住着很多卧床的老人",
    "公寓四楼起火，有一位坐轮椅的老人住在楼上",
])
def test_people_who_cannot_self_evacuate_get_the_rescue_unit_and_the_ladder(text):
    c = counts(text)
    assert c.get("rescue", 0) >= 1 and c.get("ladder", 0) >= 1 and c.get("engine", 0) >= 2, (text, c)


@pytest.mark.parametrize("text", ["a bin is on fire outside the care home, staff put it out", "轮椅上的老人在公园里，旁边草地着火了",
                                  "kitchen fire on the 2nd floor, everyone got out"])
def test_no_rescue_unit_for_an_outdoor_fire_or_a_fire_with_everyone_out(text):
    assert counts(text).get("rescue", 0) == 0, text
