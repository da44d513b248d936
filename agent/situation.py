"""The situation picture, read-only: open incidents, the unit board, shelter occupancy and a sitrep.

Used alike by the LLM's tools, the fallback router and the UI's situation panel.  Everything is
read from the incident log (agent/store.py) and the city model (unit statuses, shelters); nothing
here changes state.  The sitrep cites where each line comes from ([S1] incident log, [S2] unit
board, [S3] shelters) and raises alerts: a P1 open without an approved plan, an incident open
longer than ``stale_min`` without any plan, a shelter over ``shelter_alert_pct`` full, stream reports the classifier
did not triage that no person has read yet (any one could be a P1).
"""

from __future__ import annotations

import collections
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any, Literal

from pydantic import BaseModel, Field

PlanState = Literal["none", "draft", "approved"]
SOURCES = {"S1": "incident log (open incidents, plans and approvals, stream reports)", "S2": "unit board (scenario unit statuses, confirmed changes)",
           "S3": "shelters (scenario capacities, approved evacuation plans)"}


class OpenIncident(BaseModel):
    incident_id: str
    title: str
    priority: str | None = None
    incident_type: str | None = None
    age_min: float
    location: str | None = None
    plan_state: PlanState = "none"


class UnitRow(BaseModel):
    unit_id: str
    unit_type: str
    station: str
    status: str
    incident_id: str | None = Field(default=None, description="The incident a dispatched unit is committed to, when known.")


class UnitBoard(BaseModel):
    units: list[UnitRow]
    counts: dict[str, int] = Field(description="units per status")
    by_station: dict[str, dict[str, int]] = Field(description="station -> status -> units")
    by_type: dict[str, dict[str, int]] = Field(description="unit type -> status -> units")
    committed: dict[str, list[str]] = Field(description="incident id -> units committed to it ('unassigned' when not known)")


class ShelterRow(BaseModel):
    shelter_id: str
    name: str
    capacity: int
    assigned: int = Field(description="people assigned by approved evacuation plans of open incidents")
    percent: float


class Alert(BaseModel):
    kind: Literal["p1_without_approved_plan", "open_without_plan", "shelter_nearly_full", "no_unit_available",
                  "untriaged_stream_reports"]
    text: str
    ref: str = Field(description="source marker, e.g. S1")
    incident_id: str | None = None


class Sitrep(BaseModel):
    generated_at: datetime
    text: str
    alerts: list[Alert]
    incidents: list[OpenIncident]
    board: UnitBoard
    shelters: list[ShelterRow]
    untriaged_unread: int = Field(default=0, description="stream reports not triaged and waiting for a human read")
    sources: dict[str, str] = Field(default_factory=lambda: dict(SOURCES))


def _utcnow() -> datetime:
    return datetime.now(timezone.utc)


_PRIORITY_ORDER = {"P1": 0, "P2": 1, "P3": 2, "P4": 3}


class Situation:
    """Read-only views over ``store`` (an IncidentStore) and ``city`` (a CityModel)."""

    def __init__(self, store: Any, city: Any, *, stale_min: float = 30.0, shelter_alert_pct: float = 90.0,
                 clock: Callable[[], datetime] = _utcnow):
        self.store = store
        self.city = city
        self.stale_min = stale_min
        self.shelter_alert_pct = shelter_alert_pct
        self.clock = clock

    # --- the views ----------------------------------------------------------------------------
    def open_incidents(self, priority: str | None = None) -> list[OpenIncident]:
        """Open incidents, most urgent first (priority, then oldest), optionally of one priority."""
        now = self.clock()
        out = []
        for row in self.store.open_incident_rows():
            if priority and row["priority"] != priority:
                continue
            created = datetime.fromisoformat(row["created_at"])
            state: PlanState = "approved" if row["n_approved"] else ("draft" if row["n_plans"] else "none")
            out.append(OpenIncident(incident_id=row["incident_id"], title=row["title"], priority=row["priority"],
                                    incident_type=row["incident_type"], age_min=round((now - created).total_seconds() / 60, 1),
                                    location=row["location"], plan_state=state))
        out.sort(key=lambda i: (_PRIORITY_ORDER.get(i.priority or "", 9), -i.age_min))
        return out

    def unit_board(self) -> UnitBoard:
        commitments = self.store.unit_commitments()
        rows, counts = [], collections.Counter()
        by_station: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
        by_type: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
        committed: dict[str, list[str]] = collections.defaultdict(list)
        for station, unit in self.city.units():
            incident = commitments.get(unit.id) if unit.status == "dispatched" else None
            rows.append(UnitRow(unit_id=unit.id, unit_type=unit.type, station=station.name, status=unit.status, incident_id=incident))
            counts[unit.status] += 1
            by_station[station.name][unit.status] += 1
            by_type[unit.type][unit.status] += 1
            if unit.status == "dispatched":
                committed[incident or "unassigned"].append(unit.id)
        return UnitBoard(units=rows, counts=dict(counts), by_station={k: dict(v) for k, v in by_station.items()},
                         by_type={k: dict(v) for k, v in by_type.items()}, committed=dict(committed))

    def shelter_occupancy(self) -> list[ShelterRow]:
        assigned = collections.Counter()
        for _incident, shelter_id, people in self.store.approved_evacuation_loads():
            assigned[shelter_id] += people
        rows = []
        for shelter in self.city.scenario.shelters:
            people = assigned.get(shelter.id, 0)
            percent = round(100.0 * people / shelter.capacity, 1) if shelter.capacity else (100.0 if people else 0.0)
            rows.append(ShelterRow(shelter_id=shelter.id, name=shelter.name, capacity=shelter.capacity, assigned=people, percent=percent))
        return rows

    def sitrep(self) -> Sitrep:
        incidents = self.open_incidents()
        board = self.unit_board()
        shelters = self.shelter_occupancy()
        unread = self.store.count_unread_untriaged_stream_reports()
        alerts: list[Alert] = []
        if unread:  # first: a dispatcher reading only the top of the alerts must not miss them
            alerts.append(Alert(kind="untriaged_stream_reports", ref="S1",
                                text=f"{unread} stream report(s) not triaged, waiting for a human read (Situation tab)."))
        for inc in incidents:
            if inc.priority == "P1" and inc.plan_state != "approved":
                alerts.append(Alert(kind="p1_without_approved_plan", ref="S1", incident_id=inc.incident_id,
                                    text=f"P1 {inc.incident_id} ({_where(inc)}) open {inc.age_min:.0f} min with plan state '{inc.plan_state}'."))
            elif inc.plan_state == "none" and inc.age_min > self.stale_min:
                alerts.append(Alert(kind="open_without_plan", ref="S1", incident_id=inc.incident_id,
                                    text=f"{inc.priority or 'P?'} {inc.incident_id} ({_where(inc)}) open {inc.age_min:.0f} min without a plan."))
        for shelter in shelters:
            if shelter.capacity and shelter.percent > self.shelter_alert_pct:
                alerts.append(Alert(kind="shelter_nearly_full", ref="S3",
                                    text=f"Shelter {shelter.name} at {shelter.percent:.0f}% ({shelter.assigned}/{shelter.capacity})."))
        for unit_type, statuses in sorted(board.by_type.items()):
            if not statuses.get("available"):
                alerts.append(Alert(kind="no_unit_available", ref="S2", text=f"No {unit_type.replace('_', ' ')} available."))
        return Sitrep(generated_at=self.clock(), text=_sitrep_text(incidents, board, shelters, alerts, unread),
                      alerts=alerts, incidents=incidents, board=board, shelters=shelters, untriaged_unread=unread)


def _where(incident: OpenIncident) -> str:
    return incident.location or incident.title[:40]


def _sitrep_text(incidents: list[OpenIncident], board: UnitBoard, shelters: list[ShelterRow], alerts: list[Alert],
                 untriaged_unread: int = 0) -> str:
    by_priority = collections.Counter(i.priority or "P?" for i in incidents)
    states = collections.Counter(i.plan_state for i in incidents)
    lines = [
        f"Open incidents: {len(incidents)}"
        + (f" ({', '.join(f'{p}: {n}' for p, n in sorted(by_priority.items()))})" if incidents else "")
        + (f"; plans approved {states['approved']}, draft {states['draft']}, none {states['none']}" if incidents else "") + " [S1]",
        f"Units: {board.counts.get('available', 0)} available, {board.counts.get('dispatched', 0)} committed, "
        f"{board.counts.get('out_of_service', 0)} out of service of {len(board.units)} [S2]",
    ]
    in_use = [s for s in shelters if s.assigned]
    total_assigned, total_capacity = sum(s.assigned for s in shelters), sum(s.capacity for s in shelters)
    lines.append(f"Shelters: {total_assigned} of {total_capacity} places assigned"
                 + (" (" + ", ".join(f"{s.name} {s.percent:.0f}%" for s in sorted(in_use, key=lambda s: -s.percent)[:3]) + ")" if in_use else "")
                 + " [S3]")
    lines.append(f"Stream reports: {untriaged_unread} not triaged, waiting for a human read [S1]" if untriaged_unread
                 else "Stream reports: none waiting for a human read [S1]")
    top = [i for i in incidents if i.priority == "P1"][:3]
    if top:
        lines.append("P1: " + "; ".join(f"{i.incident_id} {_where(i)} ({i.age_min:.0f} min, plan {i.plan_state})" for i in top) + " [S1]")
    if alerts:
        lines.append("Alerts:")
        lines += [f"⚠ {a.text} [{a.ref}]" for a in alerts[:8]]
        if len(alerts) > 8:
            lines.append(f"… and {len(alerts) - 8} more alerts")
    else:
        lines.append("No alerts.")
    lines.append("Sources: " + "; ".join(f"[{k}] {v}" for k, v in SOURCES.items()))
    return "\n".join(lines)


# --- operator-facing text of each view (used by the tools and the CLI) ---------------------------
def incidents_text(incidents: list[OpenIncident], priority: str | None = None) -> str:
    if not incidents:
        return f"No open {priority + ' ' if priority else ''}incidents. [S1]"
    head = f"{len(incidents)} open {priority + ' ' if priority else ''}incident(s) [S1]:"
    return "\n".join([head] + [f"- {i.incident_id} {i.priority or 'P?'} {i.incident_type or ''} at {_where(i)}: "
                               f"open {i.age_min:.0f} min, plan {i.plan_state}" for i in incidents[:25]]
                     + ([f"… and {len(incidents) - 25} more"] if len(incidents) > 25 else []))


def board_text(board: UnitBoard, unit_type: str | None = None, station: str | None = None) -> str:
    lines = [f"Units: {board.counts.get('available', 0)} available, {board.counts.get('dispatched', 0)} committed, "
             f"{board.counts.get('out_of_service', 0)} out of service [S2]"]
    for incident, units in sorted(board.committed.items()):
        lines.append(f"- committed to {incident}: {', '.join(units)}")
    for station_name, statuses in sorted(board.by_station.items()):
        lines.append(f"- {station_name}: " + ", ".join(f"{n} {s.replace('_', ' ')}" for s, n in sorted(statuses.items())))
    return "\n".join(lines)


def shelters_text(rows: list[ShelterRow]) -> str:
    return "\n".join([f"Shelter occupancy (approved evacuation plans of open incidents) [S3]:"]
                     + [f"- {r.name}: {r.assigned}/{r.capacity} ({r.percent:.0f}%)" for r in rows])
