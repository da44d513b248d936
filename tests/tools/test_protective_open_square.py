"""No building is invented on an open place: a report on a square, a park or a pedestrian street that names no building
of its own, where the map has no building, is outdoors (a new user's trial: a crowd on Senaatintori "near the cathedral
steps" was planned as the evacuation of an assumed 600 m², 6-storey building)."""

from __future__ import annotations

import pytest

from tools.protective import plan_protective_action


@pytest.mark.parametrize("text", [
    "fire beside the cathedral steps on Senaatintori, a crowd watching the parade",
    "参议院广场上靠近大教堂台阶的地方着火了，周围都是看游行的人",
])
def test_no_building_is_assumed_on_an_open_square(city, text):
    plan = plan_protective_action(city, text, "fire", routing=False)
    assert plan.primary != "evacuate_building" and plan.building is None, plan
    assert not any("assumed a 600" in w for w in plan.warnings), plan.warnings


@pytest.mark.parametrize("text", [
    "fire in the café on Senaatintori, people still inside",
    "参议院广场边上的咖啡馆里着火了，里面还有人",
])
def test_a_building_the_report_is_inside_is_still_evacuated(city, text):
    plan = plan_protective_action(city, text, "fire", routing=False)
    assert plan.primary == "evacuate_building", plan
