"""ECA_PLAN_CLOCK pins the hour reports are planned for (exercises, replays, benchmarks): a benchmark run at night must
not move the night population while a daytime figure is compared."""

from __future__ import annotations

from datetime import datetime, timezone

import agent.time_of_day as tod
from core.settings import Settings


def test_a_pinned_clock_decides_day_or_night(monkeypatch):
    import importlib

    fresh = importlib.reload(tod)  # the real planning_now, not the suite's pin
    monkeypatch.setattr("core.settings.get_settings", lambda: Settings(plan_clock="2026-06-15T23:30+03:00"))
    assert fresh.planning_now() == datetime(2026, 6, 15, 20, 30, tzinfo=timezone.utc)
    assert fresh.time_of_day("gas smell in the stairwell", fresh.planning_now()).night
    monkeypatch.setattr("core.settings.get_settings", lambda: Settings(plan_clock="2026-06-15T10:00"))  # no zone: the city's
    assert not fresh.time_of_day("gas smell in the stairwell", fresh.planning_now()).night
    assert fresh.planning_now().utcoffset().total_seconds() == 3 * 3600


def test_no_pin_is_now(monkeypatch):
    import importlib

    fresh = importlib.reload(tod)
    monkeypatch.setattr("core.settings.get_settings", lambda: Settings())
    assert abs((fresh.planning_now() - datetime.now(timezone.utc)).total_seconds()) < 5
