"""Dispatch, step by step: incidents on the road network, available units, ETAs, slots, assignment.

Each step is a function of the city and the previous steps' results, so it can be tested
on its own; ``tools.dispatch.planner.plan_dispatch`` calls them in order.
"""

from __future__ import annotations

from collections.abc import Collection
import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment

from core.vocabulary import PRIORITIES
from tools.city import CityModel, PlanningError
from tools.determinants import additional_units
from tools.response_table import unit_needs
from tools.dispatch.models import MUTUAL_AID_SOURCE, REQUIREMENTS, IncidentRequest, Shortfall, UnitAssignment
from tools.routing import GraphIndex
from tools.scenario import Station, Unit

SNAP_WARN_M = 150.0
# Crew turnout before a unit leaves its station (demonstration figure); a unit already on
# the road (scenario gives its position) has none.
TURNOUT_S = 60.0
_INFEASIBLE = 1e12
_NAMED_BONUS = 1e7  # seconds: below any real ETA difference, far above zero so the cost stays finite
PRIORITY_ORDER = {p: i for i, p in enumerate(PRIORITIES)}

Planned = list[tuple[IncidentRequest, int]]           # incident, drive node index
Slots = list[tuple[int, str]]                         # planned incident index, unit type
Choice = list[tuple[int, int]]                        # slot index, unit index


@dataclass
class AvailableUnit:
    station: Station
    unit: Unit
    node: int
    lat: float
    lon: float


def staging_for(city: CityModel, lat: float, lon: float) -> Any:
    """The scenario's staging area nearest the point (None when it has none)."""
    best, best_d = None, math.inf
    for sa in city.scenario.staging_areas:
        x0, y0 = city.projection.to_xy(lat, lon)
        x1, y1 = city.projection.to_xy(sa.lat, sa.lon)
        d = math.hypot(float(x1 - x0), float(y1 - y0))
        if d < best_d:
            best, best_d = sa, d
    return best


def check_incident_ids(incidents: list[IncidentRequest]) -> None:
    ids = [i.incident_id for i in incidents]
    if len(set(ids)) != len(ids):
        raise PlanningError("incident ids must be unique: " + ", ".join(sorted({i for i in ids if ids.count(i) > 1})))


def snap_incidents(city: CityModel, incidents: list[IncidentRequest], warnings_: list[str]) -> Planned:
    """Step 1: incidents on the map, snapped to the drive network (the others are warned about)."""
    planned: Planned = []
    for inc in incidents:
        try:
            node, snap_m = city.snap(inc.lat, inc.lon, "drive")
        except PlanningError as exc:
            warnings_.append(f"{inc.incident_id} not planned: {exc}")
            continue
        if snap_m > SNAP_WARN_M:
            warnings_.append(f"{inc.incident_id} is {snap_m:.0f} m from the nearest drivable road of the network "
                             "(pedestrian area or a road piece not connected to it): ETAs are to that road point, add the approach on foot")
        planned.append((inc, node))
    return planned


def available_units(city: CityModel, warnings_: list[str], explanation: list[str], excluded: Collection[str] = ()) -> list[AvailableUnit]:
    """Step 2: units with status ``available`` on the drive network, less those the operator ruled out; the others are named."""
    ruled_out = {u.upper() for u in excluded}
    units = []
    for station, unit in city.units():
        lat, lon = city.unit_position(station, unit)
        if unit.status != "available" or unit.id.upper() in ruled_out:
            continue
        try:
            node, _ = city.snap(lat, lon, "drive")
        except PlanningError as exc:
            warnings_.append(f"unit {unit.id} ignored: {exc}")
            continue
        units.append(AvailableUnit(station, unit, node, lat, lon))
    unavailable = [f"{u.id} ({u.status})" for _, u in city.units() if u.status != "available"]
    if unavailable:
        explanation.append("Not considered (status): " + ", ".join(unavailable) + ".")
    named = [u.id for _, u in city.units() if u.id.upper() in ruled_out]
    if named:
        warnings_.append(f"Not sent, as you said: {', '.join(named)}.")
    unknown = sorted(ruled_out - {u.id.upper() for _, u in city.units()})
    if unknown:
        warnings_.append(f"Asked not to send {', '.join(unknown)}: no such unit in this scenario.")
    return units


class RoadTimes:
    """Step 3: road travel times and paths between unit nodes and incident nodes.

    One Dijkstra per distinct start: from the units, or (fewer incidents than unit
    positions, the usual case) backwards from the incidents on the reversed graph.
    """

    def __init__(self, idx: GraphIndex, unit_nodes: list[int], inc_nodes: list[int]):
        self.idx = idx
        unit_nodes, inc_nodes = sorted(set(unit_nodes)), sorted(set(inc_nodes))
        self.backwards = len(inc_nodes) < len(unit_nodes)
        starts = inc_nodes if self.backwards else unit_nodes
        self.dist, self.pred = idx.shortest(idx.matrix().T.tocsr() if self.backwards else idx.matrix(), starts)
        self.row_of = {s: r for r, s in enumerate(starts)}

    def time(self, unit_node: int, inc_node: int) -> float:
        if self.backwards:
            return float(self.dist[self.row_of[inc_node], unit_node])
        return float(self.dist[self.row_of[unit_node], inc_node])

    def path(self, unit_node: int, inc_node: int) -> list[int]:
        if self.backwards:
            return self.idx.path(self.pred[self.row_of[inc_node]], inc_node, unit_node)[::-1]
        return self.idx.path(self.pred[self.row_of[unit_node]], unit_node, inc_node)


def eta_matrix(roads: RoadTimes, units: list[AvailableUnit], planned: Planned) -> np.ndarray:
    """Units x incidents ETA in seconds: road time plus turnout for a unit leaving its station."""
    eta = np.full((len(units), len(planned)), np.inf)
    for k, u in enumerate(units):
        turnout = TURNOUT_S if u.unit.location is None else 0.0
        for m, (_, inc_node) in enumerate(planned):
            eta[k, m] = roads.time(u.node, inc_node) + turnout
    return eta


def demand_slots(planned: Planned, explanation: list[str], reasons: dict[tuple[int, str], str] | None = None) -> Slots:
    """Step 4: one slot per required unit of each incident: the response table by type, priority and the report's
    determinants (tools/response_table.py), or the type-only requirement table when the report was not assessed.
    ``reasons`` receives, per (incident, unit type), what in the report asked for it."""
    slots: Slots = []
    for m, (inc, _) in enumerate(planned):
        if inc.determinants is None:
            req = REQUIREMENTS.get(inc.incident_type, {})
        else:
            needs = unit_needs(inc.incident_type, inc.priority, inc.determinants)
            req = needs.counts
            if reasons is not None:
                reasons.update({(m, t): needs.reason_for(t) for t in req})
            explanation.extend(f"{inc.incident_id} needs {line}" for line in needs.lines())
        if not req:
            explanation.append(f"{inc.incident_id}: '{inc.incident_type}' needs no units by the requirement table.")
        for unit_type, count in req.items():
            slots.extend([(m, unit_type)] * count)
    return slots


def withdrawn_types(slots: Slots, planned: Planned, dropped: Collection[str], fewer: Collection[str], warnings_: list[str]) -> Slots:
    """Step 4a: the unit types the operator took back: every slot of a ``dropped`` type goes ("no ladder needed after
    all"), one slot of each ``fewer`` type per incident ("scratch the second engine"); the plan says so."""
    if not dropped and not fewer:
        return slots
    kept = [(m, t) for m, t in slots if t not in dropped]
    for unit_type in fewer:
        for m in range(len(planned)):
            last = max((k for k, (mm, t) in enumerate(kept) if mm == m and t == unit_type), default=None)
            if last is not None:
                del kept[last]
    if dropped:
        warnings_.append(f"Not proposed, as you said: {', '.join(t.replace('_', ' ') for t in dropped)}.")
    if fewer:
        warnings_.append(f"One unit fewer, as you said: {', '.join(t.replace('_', ' ') for t in fewer)}.")
    return kept


def on_scene_slots(city: CityModel, slots: Slots, planned: Planned, explanation: list[str]) -> Slots:
    """Step 4a': the units already committed to an incident (``IncidentRequest.on_scene``) are at it: each fills one
    slot of its type there, so a follow-up plans only the additional need (not a second rescue unit by mutual aid
    while the first is dispatched to this very incident).  A unit on scene of a type the need has no slot for is
    named too, as it is there all the same.  Units the report asks for on top of those there ("we need another
    ambulance", ``additional_units``) are added to the need first: the table's need does not grow with every piece of
    news, so without them the units on scene would cancel the very ambulance the follow-up asks for."""
    types = {u.id.upper(): u.type for _, u in city.units()}
    kept = list(slots)
    for m, (inc, _) in enumerate(planned):
        there = [u for u in dict.fromkeys(x.upper() for x in inc.on_scene) if u in types]
        if not there:
            continue
        more = additional_units(inc.determinants)
        for unit_type, n in more.items():
            kept.extend([(m, unit_type)] * n)
        if more:
            explanation.append(f"Asked for on top of the units on scene at {inc.incident_id}: "
                               + ", ".join(f"{n} x {t.replace('_', ' ')}" for t, n in more.items()) + ".")
        for unit in there:
            k = next((k for k, (mm, t) in enumerate(kept) if mm == m and t == types[unit]), None)
            if k is not None:
                del kept[k]
        explanation.append(f"On scene at {inc.incident_id} (committed already): "
                           + ", ".join(f"{u} ({types[u].replace('_', ' ')})" for u in there)
                           + "; counted against the need, only the additional need is planned.")
    return kept


def requested_units(city: CityModel, planned: Planned, units: list[AvailableUnit], slots: Slots, warnings_: list[str]) -> dict[int, int]:
    """Step 4b: the units the operator named for an incident ("send KAM-A1 to X"), as {unit index: incident index}.
    Each takes a slot of its type at that incident (one is added when the table gives none); a named unit that is not
    available is said so and takes a slot of its type too, so that the plan offers the best available one of that type
    instead (a busy ambulance named for a fire whose table wants none was replaced by nothing)."""
    index = {u.unit.id.upper(): k for k, u in enumerate(units)}
    pinned: dict[int, int] = {}
    for m, (inc, _) in enumerate(planned):
        asked: dict[str, int] = {}  # unit type -> units named of it for this incident, busy ones too
        for uid in dict.fromkeys(u.upper() for u in inc.requested_units):
            k = index.get(uid)
            if k is not None and k not in pinned:
                pinned[k] = m
                kind = units[k].unit.type
            else:
                found = city.scenario.find_unit(uid)
                state = ("not in this scenario" if found is None else "named for another incident of this plan" if k is not None
                         else found[1].status.replace("_", " "))
                said = f" {found[1].type.replace('_', ' ')}" if found is not None else ""
                warnings_.append(f"{uid} was asked for {inc.incident_id} but is {state}, not proposed; the plan takes the best "
                                 f"available{said} unit instead.")
                if found is None:
                    continue
                kind = found[1].type
            asked[kind] = asked.get(kind, 0) + 1
            if asked[kind] > sum(1 for mm, t in slots if mm == m and t == kind):
                slots.append((m, kind))
    return pinned


def _cost(k: int, m: int, eta: np.ndarray, pinned: dict[int, int]) -> float:
    """A unit's cost for an incident: its ETA, far below any other when the operator named it for that incident."""
    return float(eta[k, m]) - (_NAMED_BONUS if pinned.get(k) == m else 0.0)


def assign_nearest(slots: Slots, units: list[AvailableUnit], eta: np.ndarray, pinned: dict[int, int] | None = None) -> Choice:
    """Step 5, naive baseline: every slot takes the nearest unit of its type (may double-book); a named unit first."""
    chosen: Choice = []
    for s, (m, unit_type) in enumerate(slots):
        cands = [k for k in range(len(units)) if units[k].unit.type == unit_type and np.isfinite(eta[k, m])]
        if cands:
            chosen.append((s, min(cands, key=lambda k: _cost(k, m, eta, pinned or {}))))
    return chosen


def assign_by_priority(slots: Slots, planned: Planned, units: list[AvailableUnit], eta: np.ndarray, pinned: dict[int, int] | None = None) -> Choice:
    """Step 5: P1 slots first, least total ETA within a priority (linear_sum_assignment); each unit once; a unit the
    operator named for an incident goes there."""
    chosen: Choice = []
    used: set[int] = set()
    for prio in PRIORITIES:
        tier = [s for s, (m, _) in enumerate(slots) if planned[m][0].priority == prio]
        free = [k for k in range(len(units)) if k not in used]
        if not tier or not free:
            continue
        cost = np.full((len(tier), len(free)), _INFEASIBLE)
        for a, s in enumerate(tier):
            m, unit_type = slots[s]
            for b, k in enumerate(free):
                if units[k].unit.type == unit_type and np.isfinite(eta[k, m]):
                    cost[a, b] = _cost(k, m, eta, pinned or {})
        rows, cols = linear_sum_assignment(cost)
        for a, b in zip(rows, cols):
            if cost[a, b] < _INFEASIBLE:
                chosen.append((tier[a], free[b]))
                used.add(free[b])
    return chosen


def unit_assignments(roads: RoadTimes, chosen: Choice, slots: Slots, planned: Planned, units: list[AvailableUnit], eta: np.ndarray,
                     strategy: str, explanation: list[str], reasons: dict[tuple[int, str], str] | None = None) -> list[UnitAssignment]:
    """Step 6: the chosen (slot, unit) pairs as assignments with routes, in priority order."""
    assignments: list[UnitAssignment] = []
    taken_by: dict[int, str] = {}
    for s, k in sorted(chosen, key=lambda t: (PRIORITY_ORDER[planned[slots[t[0]][0]][0].priority], t[0])):
        m, _ = slots[s]
        inc, inc_node = planned[m]
        u = units[k]
        path = roads.path(u.node, inc_node)
        coords, length, _, _ = roads.idx.path_details(path) if path else ([], 0.0, float(eta[k, m]), [])
        assignments.append(UnitAssignment(incident_id=inc.incident_id, unit_id=u.unit.id, unit_type=u.unit.type, station_id=u.station.id, station_name=u.station.name,
                                          eta_min=round(float(eta[k, m]) / 60.0, 2), distance_m=round(length, 1), unit_lat=u.lat, unit_lon=u.lon, route=coords,
                                          reason=(reasons or {}).get((m, u.unit.type), "")))
        if k in taken_by and strategy == "nearest":
            explanation.append(f"{u.unit.id} -> {inc.incident_id} although already recommended for {taken_by[k]}: OVERCOMMITTED (naive baseline).")
        taken_by.setdefault(k, inc.incident_id)
    return assignments


def explain_farther_units(assignments: list[UnitAssignment], planned: Planned, units: list[AvailableUnit], eta: np.ndarray, explanation: list[str]) -> None:
    """Say when an incident got a farther unit because a closer one serves another incident."""
    unit_incident = {b.unit_id: b.incident_id for b in assignments}
    prio_of = {inc.incident_id: inc.priority for inc, _ in planned}
    m_of = {inc.incident_id: m for m, (inc, _) in enumerate(planned)}
    k_of = {units[k].unit.id: k for k in range(len(units))}
    for a in assignments:
        m = m_of[a.incident_id]
        closer = [f"{uid} (to {other}, {prio_of[other]})" for uid, other in unit_incident.items()
                  if other != a.incident_id and units[k_of[uid]].unit.type == a.unit_type and eta[k_of[uid], m] < eta[k_of[a.unit_id], m] - 1.0]
        if closer:
            explanation.append(f"{a.incident_id} ({prio_of[a.incident_id]}) gets {a.unit_id} at {a.eta_min:.1f} min: the closer {a.unit_type} "
                               f"{', '.join(closer)} serve(s) an incident of equal or higher priority.")
    tiers = sorted({i.priority for i, _ in planned}, key=PRIORITY_ORDER.get)
    if len(planned) > 1:
        explanation.insert(0, f"{len(planned)} incidents compete for units; served in priority order {' > '.join(tiers)}, least total ETA within each priority.")


def shortfalls(city: CityModel, chosen: Choice, slots: Slots, planned: Planned, explanation: list[str]) -> list[Shortfall]:
    """Step 7: slots nobody filled, with mutual-aid advice and the nearest staging area."""
    filled = {s for s, _ in chosen}
    missing: dict[tuple[int, str], int] = {}
    for s, (m, unit_type) in enumerate(slots):
        if s not in filled:
            missing[(m, unit_type)] = missing.get((m, unit_type), 0) + 1
    out = []
    for (m, unit_type), count in missing.items():
        inc, _ = planned[m]
        staging = staging_for(city, inc.lat, inc.lon)
        exists = any(u.type == unit_type for _, u in city.units())
        why = "no available unit of this type remains" if exists else "the scenario has no unit of this type"
        where = f"; direct incoming units to staging area {staging.name}" if staging else ""
        out.append(Shortfall(incident_id=inc.incident_id, unit_type=unit_type, missing=count,
                             advice=f"{why}: request {count} {unit_type.replace('_', ' ')} unit(s) by mutual aid from {MUTUAL_AID_SOURCE.get(unit_type, 'a neighbouring agency')}{where}."))
        explanation.append(f"{inc.incident_id} ({inc.priority}) is short of {count} {unit_type}: {why}.")
    return out


def unit_states(city: CityModel) -> list[dict[str, Any]]:
    """Every unit with its id, type, station, status and position (for the map)."""
    out = []
    for station, unit in city.units():
        lat, lon = city.unit_position(station, unit)
        out.append({"unit_id": unit.id, "unit_type": unit.type, "station_id": station.id, "status": unit.status, "lat": lat, "lon": lon})
    return out


def staging_areas(city: CityModel, planned: Planned) -> list[dict[str, Any]]:
    """The staging area suggested for each planned incident."""
    out = []
    for inc, _ in planned:
        sa = staging_for(city, inc.lat, inc.lon)
        if sa is not None:
            out.append({"id": sa.id, "name": sa.name, "lat": sa.lat, "lon": sa.lon, "incident_id": inc.incident_id})
    return out
