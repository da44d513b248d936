"""The time of day a report is planned for: whose population is at risk (the residents at night, the daytime
population by day) and, for the protective-action table, the hour when the report says none.

The report's own words win ("at 3 in the afternoon", "tonight", 凌晨, read by ``tools.protective.cues``); else the time
the report is planned, in the city's time zone.  The plan says which it used (s17 trial M4: a 22:00 evacuation moved
the daytime population, and nothing said which time the figures were for)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

__all__ = ["CITY_TIME_ZONE", "TimeOfDay", "planning_clock", "planning_now", "time_of_day"]

CITY_TIME_ZONE = "Europe/Helsinki"  # the demonstration city's


def planning_now() -> datetime:
    """The time a report is planned at: ``ECA_PLAN_CLOCK`` when set (an exercise or a benchmark), else now (the test
    suite pins this function, so that its plans do not depend on the hour it runs)."""
    from core.settings import get_settings

    pinned = get_settings().plan_clock
    if pinned is not None:
        return pinned if pinned.tzinfo is not None else pinned.replace(tzinfo=ZoneInfo(CITY_TIME_ZONE))
    return datetime.now(timezone.utc)


def planning_clock() -> datetime:
    """``planning_now`` looked up at each call: the planner's default clock, which a pin of ``planning_now`` reaches."""
    return planning_now()


@dataclass(frozen=True)
class TimeOfDay:
    hour: int | None  # the clock hour to plan with where the report says no time; None: the report's own words rule
    night: bool
    said: str  # the time used, in words, for the plan

    @property
    def population(self) -> str:
        """The zones' population basis for the evacuation planner."""
        return "resident" if self.night else "daytime"

    def population_line(self) -> str:
        basis = "resident (night-time)" if self.night else "daytime"
        return f"Population at risk: the zones' {basis} figures; time of day used: {self.said}."


def time_of_day(report: str, now: datetime, zone: str = CITY_TIME_ZONE) -> TimeOfDay:
    """The time of day ``report`` is planned for at ``now`` (an aware datetime) in time zone ``zone``; day is the
    protective table's ``DAY_HOURS`` (07-19)."""
    from tools.protective.cues import read_protective_cues
    from tools.protective.decision import DAY_HOURS

    cues = read_protective_cues(report or "")
    if cues.hour is not None:
        night = cues.hour not in DAY_HOURS
        return TimeOfDay(None, night, f"{cues.hour:02d}:00 as the report says ({'night' if night else 'day'})")
    if cues.night is not None:
        return TimeOfDay(None, bool(cues.night), f"{'night' if cues.night else 'day'}, as the report says")
    local = now.astimezone(ZoneInfo(zone))
    night = local.hour not in DAY_HOURS
    return TimeOfDay(local.hour, night, f"{local:%H:%M} {zone} time, the time of the report ({'night' if night else 'day'})")
