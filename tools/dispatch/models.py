"""Dispatch data: the requirement table, incident requests and the plan returned."""

from __future__ import annotations

import math
from typing import Any

from pydantic import BaseModel, Field, field_validator

from core.vocabulary import PRIORITIES
from tools.determinants import Determinant
from tools.scenario import HazardTypeName

# Units needed per incident type (demonstration doctrine written for this project, in the
# spirit of common first-alarm assignments; not an official response table).
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


class IncidentRequest(BaseModel):
    incident_id: str = Field(min_length=1, max_length=80)
    incident_type: HazardTypeName
    priority: str = "P2"
    lat: float
    lon: float
    location_name: str | None = None
    determinants: list[Determinant] | None = Field(default=None, description="facts of the report that decide the unit mix (tools.determinants.extract); None = type-only table")
    requested_units: list[str] = Field(default_factory=list, max_length=10, description="units the operator named for this incident ('send KAM-A1'); assigned first when available")
    on_scene: list[str] = Field(default_factory=list, max_length=40, description="units already committed to this incident (the incident log's dispatches): each counts against the need, so only the additional need is planned")

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

