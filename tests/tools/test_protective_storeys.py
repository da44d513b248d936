"""A building the map lacks is assumed with the storeys the report gives ("a 4-storey block", "六层楼"), not the default
six floors; "the 3rd floor" / "三楼" is a floor, not a height."""

from __future__ import annotations

import pytest

from tools.protective.cues import extract_protective_cues


@pytest.mark.parametrize("text,n", [("a 5-storey block of flats is on fire", 5), ("六层楼的住宅着火了", 6),
                                    ("two storey house burning, family outside", 2), ("fire on the 3rd floor", None), ("三楼着火了", None)])
def test_the_storeys_the_report_gives(text, n):
    assert extract_protective_cues(text).storeys == n


@pytest.mark.parametrize("text", ["fire in a 3-storey apartment building on Vironkatu, nobody knows the number, smoke in the stairwell",
                                  "Vironkatu 上一栋三层的公寓楼着火了，楼梯间有烟"])
def test_an_assumed_building_has_the_reported_storeys(city, text):
    from tools.protective import plan_protective_action

    plan = plan_protective_action(city, text, "fire", routing=False)
    assumed = [w for w in plan.warnings if "assumed a" in w]  # the map lacks the building (no number on Vironkatu)
    assert assumed and "3 floors (as reported)" in assumed[0], plan.warnings
    assert plan.building.source == "assumed" and plan.building.floors == 3.0
