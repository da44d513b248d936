"""The people_inside cue's guest, window and '<N>楼有' words keep reading people still at risk after they were narrowed
to their grammatical scope (s13-rv1 finding 4): guests still in their rooms, someone waving from a window, a person
after 有."""

from __future__ import annotations

import pytest

from finetune.cues import CUE_NAMES, _hits, cue_matrix


def pair(text: str) -> bool:
    return bool(cue_matrix([text])[0, CUE_NAMES.index("fire_word&people_inside")])


@pytest.mark.parametrize("text", [
    "fire in the hotel, the guests on the 4th floor are still in their rooms",
    "a woman is waving from a window on the 5th floor, the flat is on fire",
    "公寓着火了，三楼有两个老人",
    "宾馆冒烟了，住客还在房间里",
])
def test_people_still_at_risk_in_a_fire_show_the_conjunction(text: str) -> None:
    assert pair(text), sorted(_hits(text))
