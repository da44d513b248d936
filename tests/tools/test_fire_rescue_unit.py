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
