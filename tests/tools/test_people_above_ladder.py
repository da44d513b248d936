"""A building fire with people above the ground floor gets the aerial ladder (determinant ``people_above``).

Upstairs occupants said by who and where, a care home at any hour, a hotel or hostel at night: a fire below them may
cut off the stairs, whatever floor they are on. People said to be coming down or out, a fire that is out, or a fire
outside (a bin) do not ask for it.
"""

from __future__ import annotations

import pytest

from tests.tools.helpers import codes, needs


@pytest.mark.parametrize("text", [
    "The boarding house on the corner is burning at the back, two lodgers are still up on the top floor",
    "smoke coming from the laundry of the retirement home, most residents are bed-bound",
    "Guest house alight, it's around 4 a.m., people sleeping in the attic rooms",
    "宾馆一楼厨房冒烟了，现在是半夜",
    "福利院着火了，孩子们都在楼上睡觉",
    "商店起火，二楼住着一家人",
])
def test_fire_with_people_above_the_ground_floor_gets_a_ladder(text: str) -> None:
    assert "people_above" in codes(text)
    assert needs("fire", "P1", text).get("ladder", 0) >= 1


@pytest.mark.parametrize("text", [
    # they are coming down: the stairs still serve them
    "small fire in the cafe, the flatmates upstairs have already come out onto the street",
    "饭店后厨着火，楼上的人都已经跑出来了",
    # out, or outside
    "the fire in the retirement home's linen room is out, the caretaker put it out with a blanket",
    "a skip is burning in the yard of the nursing home, well away from the building",
    # nobody above it
    "the shed behind the bakery is on fire, nobody lives there",
])
def test_no_ladder_when_nobody_is_cut_off_above(text: str) -> None:
    assert needs("fire", "P2", text).get("ladder", 0) == 0


def test_people_above_is_no_ladder_outside_a_fire() -> None:
    # a care home named in a medical call is no reason for a ladder
    assert needs("medical", "P1", "an old man at the nursing home fell in the dining room and hit his head").get("ladder", 0) == 0
