"""A report that tells of a wind change names two directions: the sector follows the wind that blows now (the one after
turned / shifted / veered / now / 转成 / 改为), the old one is context only, and a change that is only forecast changes
nothing yet."""

from __future__ import annotations

import pytest

from tools.protective import extract_protective_cues, plan_protective_action


@pytest.mark.parametrize(("report", "now", "before"), [
    ("Tanker leaking ammonia on the ring road; the wind swung from the east round to the west an hour ago", 270.0, 90.0),
    ("Chlorine odour near the water works. Wind has changed from northerly to southerly", 180.0, 0.0),
    ("the breeze backed from west to south-west while we were setting up", 225.0, 270.0),
    ("strange smell from the warehouse, the wind veered to the north after a westerly wind all morning", 0.0, 270.0),
    ("wind direction changed from SE to NW, cloud still visible", 315.0, 135.0),
    ("acid fumes; this morning it was a northerly wind, at the moment the wind comes from the south", 180.0, 0.0),
    ("cloud from the depot. Wind previously from the west but currently blowing from the north-east", 45.0, 270.0),
    ("smoke from burning tyres, wind is easterly now, earlier it was a westerly wind", 90.0, 270.0),
    ("油罐车泄漏，风向刚才由南风转为北风", 0.0, 180.0),
    ("化工厂有刺激性气味，原来刮西风，现在变成东风了", 90.0, 270.0),
    ("仓库冒出黄烟，之前是北风，目前东南风", 135.0, 0.0),
])
def test_the_current_wind_wins_and_the_old_one_is_kept_as_context(report, now, before):
    c = extract_protective_cues(report)
    assert (c.wind_from_deg, c.wind_before_deg) == (now, before)


@pytest.mark.parametrize(("report", "now"), [
    ("gas leak at the depot, wind from the west, expected to veer to the north by evening", 270.0),
    ("the forecast says the wind will turn southerly later; right now a northerly wind, ammonia smell", 0.0),
    ("氨气泄漏，现在是西风，预计晚些转为北风", 270.0),
])
def test_a_forecast_change_leaves_the_current_wind(report, now):
    c = extract_protective_cues(report)
    assert c.wind_from_deg == now and c.wind_before_deg is None


@pytest.mark.parametrize(("report", "now"), [
    ("the bus turned to the west at the junction; wind from the south, chlorine drum leaking", 180.0),
    ("southerly wind, it keeps blowing from the south", 180.0),
    ("Strong winds, evacuate people from the east side", None),
    ("a van swerved and turned towards the east; no wind", None),
])
def test_one_wind_or_none_reads_as_before(report, now):
    c = extract_protective_cues(report)
    assert c.wind_from_deg == now and c.wind_before_deg is None


def test_the_sector_points_away_from_the_new_wind_and_the_plan_says_so(city):
    plan = plan_protective_action(city, "Chlorine leak at Kasarmitori, the wind has turned from east to west", "hazmat")
    assert plan.wind_from_deg == 270.0 and plan.sector["bearing_deg"] == 90.0
    assert "came from 90° before" in plan.wind_source and "current" in plan.wind_source
    zh = plan_protective_action(city, "氯气泄漏，Kasarmitori广场，风向已从东风转为西风", "hazmat")
    assert zh.wind_from_deg == 270.0 and zh.sector["bearing_deg"] == 90.0
