"""Dispatch planner: which available units go to which incidents, by road travel time.

Method
------
Each incident needs the units the response table gives for its type, priority and
determinants (tools/response_table.py, one "slot" per unit); an incident whose report was
not assessed for determinants (``determinants=None``) gets ``REQUIREMENTS[incident_type]``.
ETAs are drive-graph travel times from each unit's position (its station unless the
scenario gives a position) to the road node nearest the incident, plus ``TURNOUT_S`` for
a unit that starts from its station.

Priorities are served strictly in order: all P1 slots are assigned first, by a minimum
total-ETA assignment (scipy ``linear_sum_assignment``) over the available units; the
units left go to the P2 slots, and so on. So a P1 incident never loses a unit to a
lower priority, and within a priority the total response time is minimal. Only units
with status ``available`` are considered; units are never invented: a slot no unit can
fill becomes a shortfall with mutual-aid advice.

The plan is a recommendation: it changes no unit status. ``apply_dispatch`` marks the
recommended units as dispatched once an operator confirms.
"""

from __future__ import annotations

import logging
import math
from typing import Any

import numpy as np
from pydantic import BaseModel, Field, field_validator
from scipy.optimize import linear_sum_assignment

from core.vocabulary import PRIORITIES
from tools.city import CityModel, PlanningError
from tools.determinants import Determinant
from tools.response_table import unit_needs
from tools.scenario import HazardTypeName

log = logging.getLogger(__name__)


# Units needed per incident type when the report's determinants are unknown (demonstration
# doctrine written for this project, in the spirit of common first-alarm assignments; not an
# official response table). With determinants, tools/response_table.py decides.
REQUIREMENTS: dict[str, dict[str, int]] = {
    "fire": {"engine": 2, "ladder": 1, "ambulance": 1},
    "flood": {"rescue": 1, "engine": 1, "ambulance": 1},
    "earthquake_collapse": {"rescue": 1, "engine": 1, "ladder": 1, "ambulance": 2},
    "traffic_accident": {"rescue": 1, "ambulance": 1, "police_patrol": 1},
    "hazmat": {"hazmat": 1, "engine": 1, "ambulance": 1, "police_patrol": 1},
    "medical": {"ambulance": 1},
    "public_health": {"ambulance": 1},
    "public_security": {"police_patrol": 2},
    "utility_outage": {"utility_crew": 1},
    "severe_weather": {"rescue": 1},
    "missing_person": {"police_patrol": 2},
    "not_incident": {},
}

MUTUAL_AID_SOURCE: dict[str, str] = {
    "engine": "a neighbouring rescue department",
    "ladder": "a neighbouring rescue department",
    "rescue": "a neighbouring rescue department",
    "hazmat": "the regional hazmat unit",
    "ambulance": "the regional emergency medical services",
    "police_patrol": "a neighbouring police district",
    "utility_crew": "the utility operator's standby crew",
}
SNAP_WARN_M = 150.0
# Crew turnout before a unit leaves its station (demonstration figure); a unit already on
# the road (scenario gives its position) has none.
TURNOUT_S = 60.0
_INFEASIBLE = 1e12


class IncidentRequest(BaseModel):
    incident_id: str = Field(min_length=1, max_length=80)
    incident_type: HazardTypeName
    priority: str = "P2"
    lat: float
    lon: float
    location_name: str | None = None
    determinants: list[Determinant] | None = Field(default=None, description="facts of the report that decide the unit mix (tools.determinants.extract)")

    @field_validator("priority")
    @classmethod
    def _prio_ok(cls, v: str) -> str:
        v = v.upper().strip()
        if v not in PRIORITIES:
            raise ValueError(f"unknown priority {v!r}; use P1 (immediate threat to life) .. P4")
        return v

    @field_validator("lat", "lon")
    @classmethod
    def _finite(cls, v: float) -> float:
        if not math.isfinite(v):
            raise ValueError("coordinates must be finite numbers")
        return v


class UnitAssignment(BaseModel):
    incident_id: str
    unit_id: str
    unit_type: str
    station_id: str
    station_name: str
    eta_min: float
    distance_m: float
    reason: str = Field(default="", description="what in the report asked for this unit type")
    unit_lat: float
    unit_lon: float
    route: list[list[float]] = Field(default_factory=list, description="[[lon, lat], ...] along the roads")


class Shortfall(BaseModel):
    incident_id: str
    unit_type: str
    missing: int
    advice: str


class DispatchPlan(BaseModel):
    incidents: list[IncidentRequest]
    assignments: list[UnitAssignment]
    shortfalls: list[Shortfall]
    explanation: list[str]
    warnings: list[str] = Field(default_factory=list)
    unit_states: list[dict[str, Any]] = Field(default_factory=list, description="every unit with id, type, station, status, lat, lon")
    staging: list[dict[str, Any]] = Field(default_factory=list, description="staging area suggested per incident")

    def units_for(self, incident_id: str) -> list[UnitAssignment]:
        return [a for a in self.assignments if a.incident_id == incident_id]

    def geojson(self) -> dict[str, Any]:
        """FeatureCollection: incidents, units (with status), dispatch lines, staging areas."""
        feats: list[dict[str, Any]] = []
        for inc in self.incidents:
            feats.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [inc.lon, inc.lat]},
                          "properties": {"kind": "incident", "name": inc.location_name or inc.incident_id, "incident_id": inc.incident_id,
                                         "incident_type": inc.incident_type, "priority": inc.priority}})
        recommended = {a.unit_id: a.incident_id for a in self.assignments}
        for u in self.unit_states:
            feats.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [u["lon"], u["lat"]]},
                          "properties": {"kind": "unit", "name": u["unit_id"], "unit_id": u["unit_id"], "unit_type": u["unit_type"],
                                         "status": u["status"], "station_id": u["station_id"], "recommended_for": recommended.get(u["unit_id"])}})
        for a in self.assignments:
            coords = a.route if len(a.route) >= 2 else [[a.unit_lon, a.unit_lat], [inc.lon, inc.lat] if (inc := self._incident(a.incident_id)) else [a.unit_lon, a.unit_lat]]
            feats.append({"type": "Feature", "geometry": {"type": "LineString", "coordinates": coords},
                          "properties": {"kind": "dispatch_line", "name": f"{a.unit_id} -> {a.incident_id}", "unit_id": a.unit_id,
                                         "incident_id": a.incident_id, "eta_min": a.eta_min}})
        for s in self.staging:
            feats.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [s["lon"], s["lat"]]},
                          "properties": {"kind": "staging", "name": s["name"], "staging_id": s["id"], "incident_id": s["incident_id"]}})
        return {"type": "FeatureCollection", "features": feats}

    def _incident(self, incident_id: str) -> IncidentRequest | None:
        return next((i for i in self.incidents if i.incident_id == incident_id), None)

    def summary(self) -> str:
        lines = []
        for inc in sorted(self.incidents, key=lambda i: i.priority):
            units = self.units_for(inc.incident_id)
            where = inc.location_name or f"{inc.lat:.5f}, {inc.lon:.5f}"
            head = f"{inc.incident_id} ({inc.priority} {inc.incident_type} at {where}):"
            body = ", ".join(f"{a.unit_id} ({a.unit_type}, {a.station_name}, ETA {a.eta_min:.1f} min)" for a in units) or "no units assigned"
            lines.append(f"{head} {body}.")
            for s in self.shortfalls:
                if s.incident_id == inc.incident_id:
                    lines.append(f"  SHORTFALL: {s.missing} x {s.unit_type}. {s.advice}")
        lines.extend(f"Warning: {w}" for w in self.warnings)
        return "\n".join(lines) if lines else "No incidents to dispatch to."


def _staging_for(city: CityModel, lat: float, lon: float) -> Any:
    best, best_d = None, math.inf
    for sa in city.scenario.staging_areas:
        x0, y0 = city.projection.to_xy(lat, lon)
        x1, y1 = city.projection.to_xy(sa.lat, sa.lon)
        d = math.hypot(float(x1 - x0), float(y1 - y0))
        if d < best_d:
            best, best_d = sa, d
    return best


def plan_dispatch(city: CityModel, incidents: list[IncidentRequest], *, strategy: str = "priority_assignment") -> DispatchPlan:
    """Recommend units for simultaneous incidents (P1 first, least total ETA within a priority).

    ``strategy="nearest"`` is the naive baseline: every slot takes the nearest available unit
    of its type, ignoring the other incidents, so one unit may be sent to two places
    (counted as overcommitted).
    """
    if strategy not in ("priority_assignment", "nearest"):
        raise PlanningError(f"unknown dispatch strategy {strategy!r}")
    ids = [i.incident_id for i in incidents]
    if len(set(ids)) != len(ids):
        raise PlanningError("incident ids must be unique: " + ", ".join(sorted({i for i in ids if ids.count(i) > 1})))
    idx = city.index("drive")
    warnings_: list[str] = []
    explanation: list[str] = []

    # Incidents on the map, snapped to the road network.
    planned: list[tuple[IncidentRequest, int]] = []
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

    # Available units and their road travel times to every incident.
    units = []
    for station, unit in city.units():
        lat, lon = city.unit_position(station, unit)
        if unit.status != "available":
            continue
        try:
            node, _ = city.snap(lat, lon, "drive")
        except PlanningError as exc:
            warnings_.append(f"unit {unit.id} ignored: {exc}")
            continue
        units.append((station, unit, node, lat, lon))
    unavailable = [f"{u.id} ({u.status})" for _, u in city.units() if u.status != "available"]
    if unavailable:
        explanation.append("Not considered (status): " + ", ".join(unavailable) + ".")
    # One Dijkstra per distinct start: from the units, or (fewer incidents than unit
    # positions, the usual case) backwards from the incidents on the reversed graph.
    unit_nodes = sorted({u[2] for u in units})
    inc_nodes = sorted({node for _, node in planned})
    backwards = len(inc_nodes) < len(unit_nodes)
    if backwards:
        dist, pred = idx.shortest(idx.matrix().T.tocsr(), inc_nodes)
        row_of = {s: r for r, s in enumerate(inc_nodes)}
    else:
        dist, pred = idx.shortest(idx.matrix(), unit_nodes)
        row_of = {s: r for r, s in enumerate(unit_nodes)}

    def road_time(unit_node: int, inc_node: int) -> float:
        return float(dist[row_of[inc_node], unit_node] if backwards else dist[row_of[unit_node], inc_node])

    def road_path(unit_node: int, inc_node: int) -> list[int]:
        if backwards:
            return idx.path(pred[row_of[inc_node]], inc_node, unit_node)[::-1]
        return idx.path(pred[row_of[unit_node]], unit_node, inc_node)

    eta = np.full((len(units), len(planned)), np.inf)
    for k, (_, unit, node, _, _) in enumerate(units):
        turnout = TURNOUT_S if unit.location is None else 0.0
        for m, (_, inc_node) in enumerate(planned):
            eta[k, m] = road_time(node, inc_node) + turnout

    # Slots: one per required unit, grouped by priority.
    slots: list[tuple[int, str]] = []  # (planned incident index, unit type)
    reasons: dict[tuple[int, str], str] = {}
    for m, (inc, _) in enumerate(planned):
        if inc.determinants is None:
            req = REQUIREMENTS.get(inc.incident_type, {})
        else:
            needs = unit_needs(inc.incident_type, inc.priority, inc.determinants)
            req = needs.counts
            reasons.update({(m, t): needs.reason_for(t) for t in req})
            explanation.extend(f"{inc.incident_id} needs {line}" for line in needs.lines())
        if not req:
            explanation.append(f"{inc.incident_id}: '{inc.incident_type}' needs no units by the requirement table.")
        for unit_type, count in req.items():
            slots.extend([(m, unit_type)] * count)

    chosen: list[tuple[int, int]] = []  # (slot index, unit index)
    if strategy == "nearest":
        for s, (m, unit_type) in enumerate(slots):
            cands = [k for k in range(len(units)) if units[k][1].type == unit_type and np.isfinite(eta[k, m])]
            if cands:
                chosen.append((s, min(cands, key=lambda k: eta[k, m])))
    else:
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
                    if units[k][1].type == unit_type and np.isfinite(eta[k, m]):
                        cost[a, b] = eta[k, m]
            rows, cols = linear_sum_assignment(cost)
            for a, b in zip(rows, cols):
                if cost[a, b] < _INFEASIBLE:
                    chosen.append((tier[a], free[b]))
                    used.add(free[b])

    # Assignments, with routes and the reasons a unit was not the closest one.
    assignments: list[UnitAssignment] = []
    taken_by: dict[int, str] = {}
    order = {p: i for i, p in enumerate(PRIORITIES)}
    for s, k in sorted(chosen, key=lambda t: (order[planned[slots[t[0]][0]][0].priority], t[0])):
        m, unit_type = slots[s]
        inc, inc_node = planned[m]
        station, unit, node, ulat, ulon = units[k]
        path = road_path(node, inc_node)
        coords, length, time_s, _ = idx.path_details(path) if path else ([], 0.0, float(eta[k, m]), [])
        assignments.append(UnitAssignment(incident_id=inc.incident_id, unit_id=unit.id, unit_type=unit.type, station_id=station.id, station_name=station.name,
                                          eta_min=round(float(eta[k, m]) / 60.0, 2), distance_m=round(length, 1), unit_lat=ulat, unit_lon=ulon, route=coords,
                                          reason=reasons.get((m, unit_type), "")))
        if k in taken_by and strategy == "nearest":
            explanation.append(f"{unit.id} -> {inc.incident_id} although already recommended for {taken_by[k]}: OVERCOMMITTED (naive baseline).")
        taken_by.setdefault(k, inc.incident_id)

    if strategy != "nearest":
        # Say when an incident got a farther unit because a closer one serves another incident.
        unit_incident = {b.unit_id: b.incident_id for b in assignments}
        prio_of = {inc.incident_id: inc.priority for inc, _ in planned}
        m_of = {inc.incident_id: m for m, (inc, _) in enumerate(planned)}
        k_of = {units[k][1].id: k for k in range(len(units))}
        for a in assignments:
            m = m_of[a.incident_id]
            closer = [f"{uid} (to {other}, {prio_of[other]})" for uid, other in unit_incident.items()
                      if other != a.incident_id and units[k_of[uid]][1].type == a.unit_type and eta[k_of[uid], m] < eta[k_of[a.unit_id], m] - 1.0]
            if closer:
                explanation.append(f"{a.incident_id} ({prio_of[a.incident_id]}) gets {a.unit_id} at {a.eta_min:.1f} min: the closer {a.unit_type} "
                                   f"{', '.join(closer)} serve(s) an incident of equal or higher priority.")
        tiers = sorted({i.priority for i, _ in planned}, key=order.get)
        if len(planned) > 1:
            explanation.insert(0, f"{len(planned)} incidents compete for units; served in priority order {' > '.join(tiers)}, least total ETA within each priority.")

    # Shortfalls: slots nobody filled.
    filled = {s for s, _ in chosen}
    missing: dict[tuple[int, str], int] = {}
    for s, (m, unit_type) in enumerate(slots):
        if s not in filled:
            missing[(m, unit_type)] = missing.get((m, unit_type), 0) + 1
    shortfalls = []
    for (m, unit_type), count in missing.items():
        inc, _ = planned[m]
        staging = _staging_for(city, inc.lat, inc.lon)
        exists = any(u.type == unit_type for _, u in city.units())
        why = "no available unit of this type remains" if exists else "the scenario has no unit of this type"
        where = f"; direct incoming units to staging area {staging.name}" if staging else ""
        shortfalls.append(Shortfall(incident_id=inc.incident_id, unit_type=unit_type, missing=count,
                                    advice=f"{why}: request {count} {unit_type.replace('_', ' ')} unit(s) by mutual aid from {MUTUAL_AID_SOURCE.get(unit_type, 'a neighbouring agency')}{where}."))
        explanation.append(f"{inc.incident_id} ({inc.priority}) is short of {count} {unit_type}: {why}.")

    for a in assignments:
        explanation.append(f"{a.unit_id} ({a.unit_type}, {a.station_name}) -> {a.incident_id}: ETA {a.eta_min:.1f} min (turnout + road travel).")

    unit_states = []
    for station, unit in city.units():
        lat, lon = city.unit_position(station, unit)
        unit_states.append({"unit_id": unit.id, "unit_type": unit.type, "station_id": station.id, "status": unit.status, "lat": lat, "lon": lon})
    staging_out = []
    for inc, _ in planned:
        sa = _staging_for(city, inc.lat, inc.lon)
        if sa is not None:
            staging_out.append({"id": sa.id, "name": sa.name, "lat": sa.lat, "lon": sa.lon, "incident_id": inc.incident_id})
    return DispatchPlan(incidents=[i for i, _ in planned], assignments=assignments, shortfalls=shortfalls, explanation=explanation,
                        warnings=warnings_, unit_states=unit_states, staging=staging_out)


def overcommitted_units(plan: DispatchPlan) -> int:
    """Units recommended for more than one slot (only the naive baseline produces these)."""
    counts: dict[str, int] = {}
    for a in plan.assignments:
        counts[a.unit_id] = counts.get(a.unit_id, 0) + 1
    return sum(1 for c in counts.values() if c > 1)


def apply_dispatch(city: CityModel, plan: DispatchPlan) -> list[str]:
    """Mark the plan's units as dispatched (after an operator confirms); returns their ids."""
    done = []
    for a in plan.assignments:
        city.set_unit_status(a.unit_id, "dispatched")
        done.append(a.unit_id)
    return done
