""""Down there" puts people inside a station only in a report about a station or a place under the street (session 14's
final read: the words applied to any open place, so a square watched from a balcony was read as indoors). Sentences
written for this, English and Chinese, both ways. The Chinese 下面/底下 are not read as "inside" at all (review s15-rv1:
车底下, 树底下 near a 公交车站 are out in the street); tests/review_s15/test_rv1_down_there_zh.py holds those."""

from __future__ import annotations

import pytest

from tools.protective.cues import read_open_place_cues


@pytest.mark.parametrize("text", [
    "Smoke is coming up the escalators of the Hakaniemi metro, commuters still down there",
    "Something is burning in the tunnel under the railway station, a cleaner is down below",
])
def test_down_there_in_a_station_or_underground_report_is_inside_it(text):
    cues = read_open_place_cues(text)
    assert cues.setting == "indoor" and "inside_station" in cues.found, cues


@pytest.mark.parametrize("text", [
    "From my balcony I can see a bin burning in the square, a few people down there",
    "Watching from the bridge: a van is smoking in the park, kids playing down below",
    "The petrol station forecourt has a car alight, two people down there",
    "Huoltoasemalla auto palaa, two people down there by the pumps",
    "我在楼上看见广场上的垃圾桶着火了，下面有几个人",
    "公园里有辆车冒烟，底下还有小孩在玩",
    "车站广场上有人打架，下面是现场的情况",
])
def test_down_there_of_any_other_open_place_stays_outdoors(text):
    cues = read_open_place_cues(text)
    assert cues.setting == "outdoor" and "inside_station" not in cues.found, cues
