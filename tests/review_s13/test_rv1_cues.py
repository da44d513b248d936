"""Review s13-rv1, finding 4 (MED): the triage cue people_inside's new words (guests, sleeping, at the window, waving
from, 客人, <N>楼有) are read anywhere, so an outdoor fire whose people are safe shows fire_word&people_inside (a P1 signal)."""

from __future__ import annotations

import pytest

from finetune.cues import CUE_NAMES, _hits, cue_matrix


def pair(text: str) -> bool:
    return bool(cue_matrix([text])[0, CUE_NAMES.index("fire_word&people_inside")])


@pytest.mark.parametrize("text", [
    "The barbecue grill caught fire in the garden, the guests are all fine and outside",
    "I'm at the window and I can see a car on fire in the street",
    "a car is burning on the motorway, the driver is waving from the hard shoulder",
    "餐厅厨房着火了，客人都已经跑出来了",
    # "<N>楼有" with no person after it: anything on that floor ("an empty storeroom", "a car" in a car park)
    "二楼有个空仓库起火，没人",
    "停车场二楼有辆车着火了",
])
def test_an_outdoor_fire_or_people_safe_out_is_no_people_inside(text: str) -> None:
    assert not pair(text), sorted(_hits(text))
