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
import re
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any, Literal

from pydantic import BaseModel, Field

from core.vocabulary import cluster_label

PlanState = Literal["none", "draft", "approved"]
ALSO_PROPOSED = " is also proposed for "  # the mark of a plan's warning that another open incident counts on its unit
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
    units: list[str] = Field(default_factory=list, description="units committed to it now (dispatched or transporting)")


class StreamCandidate(BaseModel):
    """A candidate incident the monitor (``eca monitor``) found in the report stream that no operator has opened an
    incident from yet: not confirmed by a person, whatever its priority."""
    cluster_id: str
    incident_type: str | None = None
    priority: str | None = Field(default=None, description="the highest priority of its reports")
    reports: int
    place: str | None = None
    last_min: float = Field(description="minutes since its latest report reached the incident log")
    alert: str | None = Field(default=None, description="the monitor's latest alert on it")
    dismissed: str | None = Field(default=None, description="the operator's reason, when they dismissed its latest alert")
    incident_id: str | None = Field(default=None, description="the incident an operator opened from it (listed only on request)")
    first_report: str | None = Field(default=None, description="the start of its first report's text")
    likely_incident: str | None = Field(default=None, description="an open incident at the same precise place with a "
                                        "hazard that meets its own (the duplicate rule of agent.incident_scope): likely "
                                        "the same event, for an operator to confirm")


class PendingProposal(BaseModel):
    """A proposed state change no operator has confirmed or rejected yet (``agent.proposals``), whoever proposed it."""
    proposal_id: str
    summary: str
    incident_id: str | None = None
    operator: str = Field(description="the operator whose session proposed it")
    age_min: float
    stale: str | None = Field(default=None, description="why confirming it would no longer apply (the board moved on)")


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
    unsuitable_for: list[str] = Field(default_factory=list, description="hazards the scenario marks it unsuitable for")


class Alert(BaseModel):
    kind: Literal["p1_without_approved_plan", "open_without_plan", "shelter_nearly_full", "no_unit_available",
                  "untriaged_stream_reports", "p1_stream_candidate", "unit_proposed_twice",
                  "evacuees_without_shelter"]
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
    stream_candidates: list[StreamCandidate] = Field(default_factory=list, description="the monitor's candidate incidents not yet confirmed by an operator")
    pending_proposals: list[PendingProposal] = Field(default_factory=list, description="state changes awaiting an operator's confirmation")
    sources: dict[str, str] = Field(default_factory=lambda: dict(SOURCES))


def _utcnow() -> datetime:
    return datetime.now(timezone.utc)


_PRIORITY_ORDER = {"P1": 0, "P2": 1, "P3": 2, "P4": 3}
# The monitor closes a candidate with no new report for its window (city profile: 360 min); the log keeps no closing,
# so the sitrep and the Situation tab show a stored candidate while its latest report is younger than this.
STREAM_WINDOW_MIN = 360.0
P1_LISTED = 10  # P1 incidents named in the sitrep; more are counted ("… and N more"), never dropped silently


class Situation:
    """Read-only views over ``store`` (an IncidentStore) and ``city`` (a CityModel)."""

    def __init__(self, store: Any, city: Any, *, stale_min: float = 30.0, shelter_alert_pct: float = 90.0,
                 stream_window_min: float = STREAM_WINDOW_MIN, clock: Callable[[], datetime] = _utcnow):
        self.store = store
        # the monitor closes a candidate with no new report for its window (city profile: 360 min); the log keeps no
        # closing, so a candidate is shown while its latest report is younger than that
        self.stream_window_min = stream_window_min
        self.city = city
        self.stale_min = stale_min
        self.shelter_alert_pct = shelter_alert_pct
        self.clock = clock

    # --- the views ----------------------------------------------------------------------------
    def committed_units(self) -> dict[str, list[str]]:
        """Incident id -> the units committed to it now: dispatched or transporting on the board, tied to it by their
        latest confirmed status change (the unit board's own reading)."""
        if self.city is None:
            return {}
        commitments = self.store.unit_commitments()
        out: dict[str, list[str]] = collections.defaultdict(list)
        for _station, unit in self.city.units():
            incident = commitments.get(unit.id) if unit.status in ("dispatched", "transporting") else None
            if incident:
                out[incident].append(unit.id)
        return dict(out)

    def open_incidents(self, priority: str | None = None, without_units: bool = False) -> list[OpenIncident]:
        """Open incidents, most urgent first (priority, then oldest), optionally of one priority; ``without_units``:
        only those no unit is committed to (trial 18 M8: "how many P1s have no unit?" listed every P1)."""
        now = self.clock()
        committed = self.committed_units()
        out = []
        for row in self.store.open_incident_rows():
            if priority and row["priority"] != priority:
                continue
            if without_units and committed.get(row["incident_id"]):
                continue
            created = datetime.fromisoformat(row["created_at"])
            state: PlanState = "approved" if row["n_approved"] else ("draft" if row["n_plans"] else "none")
            out.append(OpenIncident(incident_id=row["incident_id"], title=row["title"], priority=row["priority"],
                                    incident_type=row["incident_type"], age_min=round((now - created).total_seconds() / 60, 1),
                                    location=row["location"], plan_state=state,
                                    units=committed.get(row["incident_id"], [])))
        out.sort(key=lambda i: (_PRIORITY_ORDER.get(i.priority or "", 9), -i.age_min))
        return out

    def stream_since(self) -> str:
        """The incident log's time (ISO) from which the stream's reports are in the picture (``stream_window_min``)."""
        return (self.clock() - timedelta(minutes=self.stream_window_min)).astimezone(timezone.utc).isoformat(timespec="milliseconds")

    def stream_candidates(self, priority: str | None = None, *, include_linked: bool = False) -> list[StreamCandidate]:
        """The monitor's candidate incidents (report clusters in the incident log, not linked to an incident), most
        urgent first, optionally of one priority.  ``include_linked``: also the clusters an operator opened an
        incident from (with its id): the Situation tab's cluster table, read from the same rows as the sitrep."""
        now = self.clock()
        since = self.stream_since()
        clusters: dict[str, list[dict]] = collections.defaultdict(list)
        for row in self.store.stream_cluster_report_rows(since, include_linked=include_linked):
            clusters[row["cluster_id"]].append(row)
        alerts: dict[str, tuple[str, str]] = {}  # cluster -> (time, message) of the monitor's latest alert on it
        for event in self.store.events(kind="monitor_alert", since=since):  # the window's alerts only
            cluster_id = event.payload.get("cluster_id")
            if cluster_id in clusters:
                alerts[cluster_id] = (event.created_at, str(event.payload.get("message") or ""))
        # an operator's dismissal holds until the monitor alerts on the cluster again (its reports confirm it)
        dismissed: dict[str, str] = {}
        for event in self.store.events(kind="alert_dismissed", since=since):
            cluster_id = event.payload.get("cluster_id")
            if cluster_id in alerts and event.created_at > alerts[cluster_id][0]:
                dismissed[cluster_id] = str(event.payload.get("reason") or "no reason given")
        out = []
        for cluster_id, rows in clusters.items():
            priorities = sorted(r["priority"] for r in rows if r["priority"])
            best = priorities[0] if priorities else None
            if priority and best != priority:
                continue
            last = datetime.fromisoformat(max(r["received_at"] for r in rows))  # the log's ISO times sort as text
            # the cluster table's label rule (the real type most of its reports carry, a tie to the first reported)
            types = collections.Counter(r["incident_type"] for r in rows if r["incident_type"])
            out.append(StreamCandidate(cluster_id=cluster_id, incident_type=cluster_label(types) if types else None,
                                       priority=best, reports=len(rows),
                                       place=_most_common(r["place"] for r in rows) or _most_common(r["zone"] for r in rows),
                                       last_min=round((now - last).total_seconds() / 60, 1),
                                       alert=alerts[cluster_id][1] if cluster_id in alerts else None,
                                       dismissed=dismissed.get(cluster_id),
                                       incident_id=_most_common(r.get("incident_id") for r in rows),
                                       first_report=rows[0].get("text")))
        out.sort(key=lambda c: (_PRIORITY_ORDER.get(c.priority or "", 9), -c.reports, c.cluster_id))
        self._flag_likely_incidents(out)
        return out

    def _flag_likely_incidents(self, candidates: list[StreamCandidate]) -> None:
        """Mark each candidate no incident was opened from with the open incident it is likely the same event as: the
        same precise place and hazards that meet at a scene (``same_precise_place``, ``hazards_compatible``: the rule
        a report planned twice is flagged by), the most recently opened first.  Only flagged, never linked: which
        incident the stream's reports belong to is the operator's call."""
        todo = [c for c in candidates if c.incident_id is None and c.place]
        if not todo or self.city is None:
            return
        from agent.incident_scope import hazards_compatible, same_precise_place
        from agent.report_filing import ReportFiler

        filer = ReportFiler(self.store, self.city)
        incidents = self.store.open_incident_rows()[::-1]
        places: dict[str, Any] = {}
        for cand in todo:
            where = filer.report_place(cand.place)
            if where is None:
                continue
            for row in incidents:
                if not hazards_compatible(cand.incident_type, row["incident_type"]):
                    continue
                if row["incident_id"] not in places:
                    places[row["incident_id"]] = filer.incident_place(row["incident_id"])
                there = places[row["incident_id"]]
                if there is not None and same_precise_place(where, there):
                    cand.likely_incident = row["incident_id"]
                    break

    def pending_proposals(self) -> list[PendingProposal]:
        """Every proposal awaiting confirmation in the incident log, whichever operator's session filed it, newest
        first (the book is shared: any operator may confirm or reject it)."""
        from agent.proposals import ProposalBook, pending_events

        now = self.clock()
        book = ProposalBook(self.store, self.city) if self.city is not None else None
        out = [PendingProposal(proposal_id=p.proposal_id, summary=p.summary, incident_id=p.incident_id,
                               operator=event.operator,
                               age_min=round((now - datetime.fromisoformat(event.created_at)).total_seconds() / 60, 1),
                               stale=book.stale(p) if book is not None else None)  # confirm's own check
               for p, event in pending_events(self.store)]
        return out[::-1]

    def proposed_elsewhere(self, exclude: str | None = None) -> dict[str, list[tuple[str, str | None]]]:
        """Unit -> the open incidents (id, priority) whose latest plan proposes it, for units not committed (not
        dispatched on the board); ``exclude``: leave that incident out (the one being planned)."""
        status = {unit.id: unit.status for _station, unit in self.city.units()}
        out: dict[str, list[tuple[str, str | None]]] = collections.defaultdict(list)
        for row in self.store.proposed_unit_rows():
            if row["incident_id"] != exclude and status.get(row["unit_id"]) != "dispatched":
                if (row["incident_id"], row["priority"]) not in out[row["unit_id"]]:
                    out[row["unit_id"]].append((row["incident_id"], row["priority"]))
        return {unit: sorted(where, key=lambda w: (_PRIORITY_ORDER.get(w[1] or "", 9), w[0])) for unit, where in out.items()}

    def plan_proposal_warnings(self, plan: Any) -> list[str]:
        """A warning for each unit ``plan`` proposes that another open incident's latest plan also proposes and
        nobody has committed: two plans counting on one unit."""
        dispatch = (plan.tool_outputs or {}).get("plan_dispatch") or {}
        units = [a.get("unit_id") for a in dispatch.get("assignments") or [] if isinstance(a, dict)]
        elsewhere = self.proposed_elsewhere(exclude=plan.incident_id)
        return [f"{unit}{ALSO_PROPOSED}{_incidents_text(elsewhere[unit])} (not committed there): "
                "confirm which incident it goes to." for unit in dict.fromkeys(units) if unit in elsewhere]

    def current_plan_warnings(self, plan: Any) -> list[str]:
        """``plan``'s warnings with its "also proposed for" lines as they stand now: those written when it was drafted
        named incidents that may since have closed (or committed the unit), so they are drawn again from the open
        incidents' latest plans (a closed incident counts on no unit)."""
        kept = [w for w in plan.warnings if ALSO_PROPOSED not in w]
        return kept + [w for w in self.plan_proposal_warnings(plan) if w not in kept]

    def unit_board(self) -> UnitBoard:
        commitments = self.store.unit_commitments()
        rows, counts = [], collections.Counter()
        by_station: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
        by_type: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
        committed: dict[str, list[str]] = collections.defaultdict(list)
        for station, unit in self.city.units():
            # a unit carrying a patient stays tied to its incident, closed or not (s17 M9)
            incident = commitments.get(unit.id) if unit.status in ("dispatched", "transporting") else None
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
            rows.append(ShelterRow(shelter_id=shelter.id, name=shelter.name, capacity=shelter.capacity, assigned=people, percent=percent,
                                   unsuitable_for=list(shelter.unsuitable_for)))
        return rows

    def open_hazards(self) -> dict[str, list[str]]:
        """Incident type -> the open incidents of that type (a shelter unsuitable for one is said so beside it)."""
        out: dict[str, list[str]] = collections.defaultdict(list)
        for row in self.store.open_incident_rows():
            if row["incident_type"]:
                out[row["incident_type"]].append(row["incident_id"])
        return dict(out)

    def sitrep(self) -> Sitrep:
        incidents = self.open_incidents()
        board = self.unit_board()
        shelters = self.shelter_occupancy()
        unread = self.store.count_unread_untriaged_stream_reports()
        candidates = self.stream_candidates()
        pending = self.pending_proposals()
        alerts: list[Alert] = []
        if unread:  # first: a dispatcher reading only the top of the alerts must not miss them
            alerts.append(Alert(kind="untriaged_stream_reports", ref="S1",
                                text=f"{unread} stream report(s) not triaged, waiting for a human read (Situation tab)."))
        for cand in candidates:  # a P1 the stream found but no person has confirmed is as urgent as an unread report
            if cand.priority == "P1" and cand.dismissed is None:
                alerts.append(Alert(kind="p1_stream_candidate", ref="S1", incident_id=cand.likely_incident,
                                    text=f"Stream candidate {_candidate_text(cand)}, not confirmed by an operator: "
                                         + (f"likely the same as {cand.likely_incident} (same place, a hazard that meets "
                                            "it): confirm whether they are one event (Situation tab)."
                                            if cand.likely_incident else "open an incident from it (Situation tab).")))
        twice = {unit: where for unit, where in self.proposed_elsewhere().items() if len(where) > 1}
        if twice:
            alerts.append(Alert(kind="unit_proposed_twice", ref="S1",
                                text=_proposed_twice_text(twice) + ": commit each to one incident and re-plan the others."))
        for inc in incidents:
            if inc.priority == "P1" and inc.plan_state != "approved":
                alerts.append(Alert(kind="p1_without_approved_plan", ref="S1", incident_id=inc.incident_id,
                                    text=f"P1 {inc.incident_id} ({_where(inc)}) open {inc.age_min:.0f} min with plan state '{inc.plan_state}'."))
            elif inc.plan_state == "none" and inc.age_min > self.stale_min:
                alerts.append(Alert(kind="open_without_plan", ref="S1", incident_id=inc.incident_id,
                                    text=f"{inc.priority or 'P?'} {inc.incident_id} ({_where(inc)}) open {inc.age_min:.0f} min without a plan."))
        for incident_id, where, people in self.store.approved_unsheltered():
            alerts.append(Alert(kind="evacuees_without_shelter", ref="S3", incident_id=incident_id,
                                text=f"{people:,} people of the approved evacuation at {where or incident_id} ({incident_id}) have no "
                                     "shelter place: open additional shelters or re-plan the evacuation."))
        for shelter in shelters:
            if shelter.capacity and shelter.percent > self.shelter_alert_pct:
                alerts.append(Alert(kind="shelter_nearly_full", ref="S3",
                                    text=f"Shelter {shelter.name} at {shelter.percent:.0f}% ({shelter.assigned}/{shelter.capacity})."))
        for unit_type, statuses in sorted(board.by_type.items()):
            if not statuses.get("available"):
                alerts.append(Alert(kind="no_unit_available", ref="S2", text=f"No {unit_type.replace('_', ' ')} available."))
        return Sitrep(generated_at=self.clock(), text=_sitrep_text(incidents, board, shelters, alerts, unread, candidates, pending),
                      alerts=alerts, incidents=incidents, board=board, shelters=shelters, untriaged_unread=unread,
                      stream_candidates=candidates, pending_proposals=pending)


# An incident's title begins with the triage it was opened with ("P2 traffic_accident: car crash at ...",
# agent.assistant._title); beside the current priority and type that old label read as a second, contradicting one.
_OPENING_LABEL = re.compile(r"^P[1-4] [a-z_]+: ")


def _where(incident: OpenIncident) -> str:
    return incident.location or _OPENING_LABEL.sub("", incident.title)[:40]


def _incidents_text(where: list[tuple[str, str | None]], limit: int = 3) -> str:
    """The first ``limit`` incidents (most urgent first) and a count of the rest: with many open incidents every id
    made a warning of thirty ids nobody reads (trial s19 M16)."""
    text = ", ".join(f"{incident} ({priority or 'P?'})" for incident, priority in where[:limit])
    return text + (f" and {len(where) - limit} more" if len(where) > limit else "")


def _proposed_twice_text(twice: dict[str, list[tuple[str, str | None]]], limit: int = 5) -> str:
    units = sorted(twice)
    text = "; ".join(f"{unit} proposed for {_incidents_text(twice[unit])}" for unit in units[:limit])
    return f"{len(units)} uncommitted unit(s) proposed to more than one incident: {text}" + (
        f"; … and {len(units) - limit} more" if len(units) > limit else "")


def _at(place: str) -> str:
    """'at Bulevardi 14', but 'near Kaisaniemen puisto' (a place read as near a landmark), not 'at near …'."""
    return place if place.startswith("near ") else f"at {place}"


def _most_common(values) -> str | None:
    counts = collections.Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else None


def _candidate_text(cand: StreamCandidate) -> str:
    kind = (cand.incident_type or "incident").replace("_", " ")
    return (f"{cand.cluster_id} {cand.priority or 'P?'} {kind} {_at(cand.place or 'an unknown place')}: "
            f"{cand.reports} report(s), latest {cand.last_min:.0f} min ago")


def stream_candidates_text(candidates: list[StreamCandidate], limit: int = 10) -> list[str]:
    """The monitor's candidates as lines, each marked as from the stream and not confirmed by an operator."""
    if not candidates:
        return []
    lines = [f"From the report stream (eca monitor), not confirmed by an operator: {len(candidates)} candidate incident(s) [S1]:"]
    for cand in candidates[:limit]:
        lines.append(f"- {_candidate_text(cand)}"
                     + (f"; likely the same as {cand.likely_incident} (same place)" if cand.likely_incident else "")
                     + (f"; alert: {cand.alert}" if cand.alert else "")
                     + (f" (dismissed by an operator: {cand.dismissed})" if cand.dismissed else ""))
    if len(candidates) > limit:
        lines.append(f"… and {len(candidates) - limit} more")
    return lines


def pending_text(pending: list[PendingProposal], limit: int = 10) -> list[str]:
    """The proposals awaiting confirmation as lines, each with the operator who proposed it (the book is shared)."""
    if not pending:
        return []
    lines = [f"Awaiting an operator's confirmation: {len(pending)} proposal(s) [S1]:"]
    for p in pending[:limit]:
        lines.append(f"- {p.proposal_id} {p.summary} (proposed by {p.operator}"
                     + (f", {p.incident_id}" if p.incident_id else "") + f", {p.age_min:.0f} min ago)"
                     + (f"; STALE: {p.stale}, confirming it would not apply it: reject it" if p.stale else ""))
    if len(pending) > limit:
        lines.append(f"… and {len(pending) - limit} more")
    return lines


def _transporting(board: UnitBoard) -> str:
    """"2 transporting, " for the units line, or "" when none carries a patient."""
    count = board.counts.get("transporting", 0)
    return f"{count} transporting, " if count else ""


def _sitrep_text(incidents: list[OpenIncident], board: UnitBoard, shelters: list[ShelterRow], alerts: list[Alert],
                 untriaged_unread: int = 0, candidates: list[StreamCandidate] | None = None,
                 pending: list[PendingProposal] | None = None) -> str:
    by_priority = collections.Counter(i.priority or "P?" for i in incidents)
    states = collections.Counter(i.plan_state for i in incidents)
    lines = [
        f"Open incidents: {len(incidents)}"
        + (f" ({', '.join(f'{p}: {n}' for p, n in sorted(by_priority.items()))})" if incidents else "")
        + (f"; plans approved {states['approved']}, draft {states['draft']}, none {states['none']}" if incidents else "") + " [S1]",
        f"Units: {board.counts.get('available', 0)} available, {board.counts.get('dispatched', 0)} committed, "
        f"{_transporting(board)}{board.counts.get('out_of_service', 0)} out of service of {len(board.units)} [S2]",
    ]
    in_use = [s for s in shelters if s.assigned]
    total_assigned, total_capacity = sum(s.assigned for s in shelters), sum(s.capacity for s in shelters)
    lines.append(f"Shelters: {total_assigned} of {total_capacity} places assigned"
                 + (" (" + ", ".join(f"{s.name} {s.percent:.0f}%" for s in sorted(in_use, key=lambda s: -s.percent)[:3]) + ")" if in_use else "")
                 + " [S3]")
    lines.append(f"Stream reports: {untriaged_unread} not triaged, waiting for a human read [S1]" if untriaged_unread
                 else "Stream reports: none waiting for a human read [S1]")
    lines += stream_candidates_text(candidates or [])
    lines += pending_text(pending or [], limit=5)
    top = [i for i in incidents if i.priority == "P1"]  # the P1 count above is of these same rows: all are listed
    if top:
        lines.append(f"P1 ({len(top)}): " + "; ".join(f"{i.incident_id} {_where(i)} ({i.age_min:.0f} min, plan {i.plan_state})"
                                                      for i in top[:P1_LISTED])
                     + (f"; … and {len(top) - P1_LISTED} more (list open incidents)" if len(top) > P1_LISTED else "") + " [S1]")
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
def incidents_text(incidents: list[OpenIncident], priority: str | None = None,
                   candidates: list[StreamCandidate] | None = None, pending: list[PendingProposal] | None = None,
                   without_units: bool = False, since_min: int | None = None) -> str:
    """Open incidents, then the stream's candidate incidents not yet confirmed by an operator, then the proposals
    awaiting an operator's confirmation (what is still open, of every kind).  ``without_units``: the incidents no unit
    is committed to, counted exactly (the stream's candidates are no incidents and are not added to the count)."""
    if without_units:
        level = f"{priority} " if priority else ""
        if not incidents:
            return f"No open {level}incident is without a committed unit. [S1][S2]"
        return "\n".join([f"{len(incidents)} open {level}incident(s) with no unit committed [S1][S2]:"]
                         + [f"- {i.incident_id} {i.priority or 'P?'} {(i.incident_type or '').replace('_', ' ')} {_at(_where(i))}: "
                            f"open {i.age_min:.0f} min, plan {i.plan_state}, no unit" for i in incidents[:25]]
                         + ([f"… and {len(incidents) - 25} more"] if len(incidents) > 25 else []))
    stream = stream_candidates_text(candidates or []) + pending_text(pending or [])
    window = f" opened in the last {since_min} min" if since_min else ""
    if not incidents:
        return "\n".join([f"No open {priority + ' ' if priority else ''}incidents{window}. [S1]"] + stream)
    head = f"{len(incidents)} open {priority + ' ' if priority else ''}incident(s){window}{', newest first' if window else ''} [S1]:"
    return "\n".join([head] + [f"- {i.incident_id} {i.priority or 'P?'} {(i.incident_type or '').replace('_', ' ')} {_at(_where(i))}: "
                               f"open {i.age_min:.0f} min, plan {i.plan_state}" for i in incidents[:25]]
                     + ([f"… and {len(incidents) - 25} more"] if len(incidents) > 25 else []) + stream)


def board_text(board: UnitBoard, unit_type: str | None = None, station: str | None = None) -> str:
    lines = [f"Units: {board.counts.get('available', 0)} available, {board.counts.get('dispatched', 0)} committed, "
             f"{_transporting(board)}{board.counts.get('out_of_service', 0)} out of service [S2]"]
    for incident, units in sorted(board.committed.items()):
        lines.append(f"- committed to {incident}: {', '.join(units)}")
    lines += [f"- transporting a patient of {row.incident_id or 'no incident'}: {row.unit_id} (busy until set available)"
              for row in board.units if row.status == "transporting"]
    for station_name, statuses in sorted(board.by_station.items()):
        lines.append(f"- {station_name}: " + ", ".join(f"{n} {s.replace('_', ' ')}" for s, n in sorted(statuses.items())))
    # the free units by name, per type: "which units are free?" asks which, and a count per station names none
    free: dict[str, list[str]] = collections.defaultdict(list)
    for row in board.units:
        if row.status == "available":
            free[row.unit_type].append(row.unit_id)
    lines.append("Free units: " + ("; ".join(f"{t.replace('_', ' ')}: {', '.join(sorted(ids))}" for t, ids in sorted(free.items()))
                                   or "none") + " [S2]")
    return "\n".join(lines)


def shelters_text(rows: list[ShelterRow], open_hazards: dict[str, list[str]] | None = None) -> str:
    """Each shelter's people against its capacity and the places still free (capacity minus the places approved
    evacuations hold: "which shelters still have room?" asks that, trial 18 M7), and the hazards it is unsuitable for,
    marked where an open incident (``open_hazards``: type -> incident ids) has that hazard.  A scenario with no shelters
    says so (a bare header read as an answer cut off), and so does a board where nobody is assigned yet (a column of 0%
    reads as missing data)."""
    if not rows:
        return "No shelter data: the scenario lists no shelters. [S3]"
    free_total = sum(max(0, r.capacity - r.assigned) for r in rows)
    head = f"Shelter occupancy (approved evacuation plans of open incidents) [S3]: {free_total} places free in {len(rows)} shelters:"
    if not any(r.assigned for r in rows):
        head = (f"Shelter occupancy [S3]: nobody is assigned to a shelter yet (no approved evacuation plan of an open "
                f"incident); {sum(r.capacity for r in rows)} places free in {len(rows)} shelters:")
    return "\n".join([head] + [_shelter_line(r, open_hazards or {}) for r in rows])


def _shelter_line(row: ShelterRow, open_hazards: dict[str, list[str]]) -> str:
    free = max(0, row.capacity - row.assigned)
    line = f"- {row.name}: {row.assigned}/{row.capacity} ({row.percent:.0f}%), " + (f"{free} free" if free else "FULL, 0 free")
    if row.unsuitable_for:
        line += "; not for " + ", ".join(h.replace("_", " ") for h in row.unsuitable_for)
        now = [f"{h.replace('_', ' ')}: {', '.join(open_hazards[h][:3])}" for h in row.unsuitable_for if open_hazards.get(h)]
        if now:
            line += " — UNSUITABLE now, open incident(s) of that hazard (" + "; ".join(now) + ")"
    return line
