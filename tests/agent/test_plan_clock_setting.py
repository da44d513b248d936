"""ECA_PLAN_CLOCK pins the hour reports are planned for (exercises, replays, benchmarks): a benchmark run at night must
not move the night population while a daytime figure is compared."""

from __future__ import annotations

from datetime import datetime, timezone

import agent.time_of_day as tod
from core.settings import Settings


def _real_clock(monkeypatch, settings: Settings) -> None:
    monkeypatch.undo()  # the suite pins planning_now (tests/conftest.py); this test reads the real one
    monkeypatch.setattr("core.settings.get_settings", lambda: settings)


def test_a_pinned_clock_decides_day_or_night(monkeypatch):
    _real_clock(monkeypatch, Settings(plan_clock="2026-06-15T23:30+03:00"))
    assert tod.planning_now() == datetime(2026, 6, 15, 20, 30, tzinfo=timezone.utc)
    assert tod.time_of_day("gas smell in the stairwell", tod.planning_now()).night
    _real_clock(monkeypatch, Settings(plan_clock="2026-06-15T10:00"))  # no zone: the city's
    assert not tod.time_of_day("gas smell in the stairwell", tod.planning_now()).night
    assert tod.planning_now().utcoffset().total_seconds() == 3 * 3600


def test_no_pin_is_now(monkeypatch):
    _real_clock(monkeypatch, Settings())
    assert abs((tod.planning_now() - datetime.now(timezone.utc)).total_seconds()) < 5
