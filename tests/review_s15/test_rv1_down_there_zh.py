"""Review s15-rv1: the station-only "down there" rule (075673e) reads 下面/底下/下边 *anywhere* in a Chinese report
that names 车站/地下/地铁 *anywhere*. Chinese uses 下面/底下 for "under" something in the open (车底下 under a car,
树底下 under a tree, 天桥底下 under a footbridge, 楼下面 downstairs in the street), and 公交车站/电车站 (a bus or
tram stop, out in the street) contain 车站; 地下 alone is also "on the ground" (倒在地下). Before 075673e these open-air
reports were outdoors; now they are read as inside a station. Sentences written for this review."""

from __future__ import annotations

import pytest

from tools.protective.cues import read_open_place_cues


@pytest.mark.parametrize("text", [
    "公交车站旁边有个人被压在车底下，快来人",  # under a car beside a bus stop
    "电车站那边两辆车撞了，有人卡在车底下",  # a crash at a tram stop
    "火车站门口的树底下有个可疑的包",  # a bag under a tree at the station's door
    "地铁站出口外面的天桥底下有个流浪汉的被子着火了",  # under a footbridge outside the metro exit
    "广场上一辆车着火了，有个人倒在地下，车底下还在漏油",  # no station at all: 地下 = on the ground
])
def test_under_something_in_the_open_near_a_stop_stays_outdoors(text):
    cues = read_open_place_cues(text)
    assert cues.setting == "outdoor" and "inside_station" not in cues.found, cues


@pytest.mark.parametrize("text", [
    "Kamppi地铁站入口旁边的树底下有个可疑的包，没人管",  # a bag under a tree beside the metro entrance
])
def test_a_bag_under_a_tree_by_a_metro_entrance_is_planned_outdoors(city, text):
    """End to end: before 075673e the planner read this open place outdoors (PS2, an evacuated stand-off area around
    the bag); now 地铁 + 底下 reads it "inside the station" and the plan evacuates an assumed building "the report
    names" at Kamppi (PS1 evacuate_building, 360 people) -- a building no caller named."""
    from tools.protective.planner import plan_protective_action

    plan = plan_protective_action(city, text, "public_security")
    assert "inside_station" not in plan.cues.get("found", []), plan.cues
    assert plan.primary != "evacuate_building" and plan.building is None, (plan.rule, plan.primary, plan.location)
