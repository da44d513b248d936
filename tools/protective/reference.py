"""Answers to "how far?" questions from the protective-action decision table (``tools/PROTECTIVE_ACTIONS.md``).

A duty officer asks "what's the isolation distance for chlorine?": the city's plans give only generic radii, but the
project's own documented table (the one the protective planner applies) has the ERG figure. ``table_rows`` reads the
question as the planner reads a report (``read_protective_cues``) and returns the row it decides, and, when the
question does not say the release's size, the row for a large release too, each with its id and figures, so the
answer can give the number with its source.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from tools.protective.cues import read_protective_cues
from tools.protective.decision import DEFAULT_WIND_SPEED_MS, ProtectiveDecision, decide

SOURCE = "PROTECTIVE_ACTIONS.md"
TITLE = "Protective actions: decision table (demonstration; ERG/DHS figures as recalled, verify before use)"

# A question that asks for a distance or a zone's size (English and Chinese).
DISTANCE_QUESTION = re.compile(
    r"\bisolat\w*|\bcordon\b|protective(?:[- ]action)? (?:distance|zone)|\bhow (?:far|wide|big|large)\b|\bdistances?\b|\bradius\b|"
    r"\bstand[- ]?off\b|\bkeep (?:people |the public |everyone )?(?:back|away)\b|\bsafe (?:zone|area)\b|\bexclusion zone\b|"
    r"\b(?:evacuation|hot|danger) (?:zone|area|radius)\b|隔离|警戒|疏散范围|安全距离|多远|距离|半径",
    re.IGNORECASE)


@dataclass(frozen=True)
class TableRow:
    rule: str
    text: str

    @property
    def section(self) -> str:
        return f"3. Decision table, row {self.rule}"


def asks_distance(question: str) -> bool:
    return bool(DISTANCE_QUESTION.search(question or ""))


def _words(d: ProtectiveDecision, night: ProtectiveDecision | None) -> str:
    parts = [d.reason[0].upper() + d.reason[1:]]
    figures = []
    if d.isolation_m:
        figures.append(f"all-round zone {d.isolation_m:.0f} m ({d.primary.replace('_', ' ')})")
    if d.preferred_m:
        figures.append(f"people outdoors cleared to {d.preferred_m:.0f} m")
    if d.sector is not None:
        at_night = f", {night.sector.length_m:.0f} m at night" if night is not None and night.sector is not None and night.sector.length_m != d.sector.length_m else ""
        figures.append(f"downwind sector {d.sector.length_m:.0f} m by day{at_night} ({d.sector.action}; "
                       f"{d.sector.angle_deg:.0f}° wedge, at {DEFAULT_WIND_SPEED_MS:.0f} m/s unless the wind is known)")
    if figures:
        parts.append("; ".join(figures))
    return ". ".join(parts) + "."


def table_rows(question: str, hazard: str | None = None) -> list[TableRow]:
    """The decision-table rows that answer a distance question (empty: none applies, or the row has no distance)."""
    cues = read_protective_cues(question)
    variants = [cues] if cues.scale is not None else [cues, dataclasses.replace(cues, scale="large")]
    rows: list[TableRow] = []
    for variant in variants:
        day = decide(hazard, variant, night=False)
        if day is None or not (day.isolation_m or day.sector or day.preferred_m) or any(r.rule == day.rule for r in rows):
            continue
        rows.append(TableRow(day.rule, _words(day, decide(hazard, variant, night=True))))
    return rows
