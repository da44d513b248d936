"""People held in a vehicle under a live wire need the rescue unit, the power company (isolation) and an ambulance,
in Chinese too (session 14's trial #10: a storm, a tram stuck with passengers and its overhead wire down got no
rescue resource). The tram's overhead contact line (架空线, 接触网) down or sparking is a live wire."""

from __future__ import annotations

import pytest

from tools.determinants import extract
from tools.response_table import unit_needs


@pytest.mark.parametrize("text", [
    "大风把一棵树吹倒在电车轨道上，电车停住了，里面还有十几个乘客，接触网断了垂在车顶上",
    "暴雨中架空线掉在一辆公交车旁边，一直在冒火花，车上的人还没下来",
])
def test_people_held_under_a_fallen_contact_line_get_rescue_and_isolation(text):
    codes = {d.code for d in extract(text)}
    assert "live_wire" in codes, codes
    counts = unit_needs("severe_weather", "P2", extract(text)).counts
    assert counts.get("rescue") and counts.get("utility_crew") and counts.get("ambulance"), counts


def test_a_contact_line_down_on_an_empty_street_needs_no_rescue():
    counts = unit_needs("severe_weather", "P2", extract("风把接触网刮断了，掉在路上，附近没有人")).counts
    assert counts.get("utility_crew") and not counts.get("rescue"), counts
