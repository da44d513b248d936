"""The cue features show a fire with people at risk in it (guests, residents upstairs, sleepers, people at a window)
in English and Chinese, and a fire said plainly ("着火了") is not read as the figurative "went viral" ("火了")."""

from __future__ import annotations

import pytest

from finetune.cues import CUE_NAMES, _hits, cue_matrix


def pair(text: str) -> bool:
    return bool(cue_matrix([text])[0, CUE_NAMES.index("fire_word&people_inside")])


@pytest.mark.parametrize("text", [
    "the B&B is burning, the guests haven't been accounted for",
    "flames in the boiler room of the nursing home",
    "smoke through the hostel, the kids on the upper floor are still sleeping",
    "burning flat, a teenager at the window on the third floor",
    "民宿起火了，二楼还有人",
    "旅馆冒烟，房客都还在睡觉",
    "敬老院厨房着火",
    "大楼着火，五楼窗边有人在呼救",
])
def test_a_fire_with_people_at_risk_shows_the_conjunction(text: str) -> None:
    assert pair(text), sorted(_hits(text))


@pytest.mark.parametrize("text", [
    "仓库着火了，里面没人",
    "厂房起火了",
    "煤气罐爆炸了",
])
def test_a_fire_or_blast_said_plainly_is_not_figurative(text: str) -> None:
    assert "figurative" not in _hits(text)


@pytest.mark.parametrize("text", ["这家奶茶店最近火了", "他的视频一下子火了", "评论区炸了"])
def test_the_figurative_words_still_read_as_such(text: str) -> None:
    assert "figurative" in _hits(text)
