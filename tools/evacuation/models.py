"""The evacuation planner's data: the hazard given to it and the plan it returns."""

from __future__ import annotations

import math
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, Field, model_validator

from tools.scenario import known_hazard_type

MAX_HAZARD_RADIUS_M = 20_000.0


UNSPECIFIED_HAZARD = "unspecified"


def _known_or_unspecified(value: str) -> str:
    """A taxonomy hazard type, or "unspecified": an evacuation ordered without naming its hazard."""
    return value if value == UNSPECIFIED_HAZARD else known_hazard_type(value)


class Hazard(BaseModel):
    """Where the danger is: a polygon or a centre plus radius, its type ("unspecified" when the order named none: no
    shelter is then excluded as unsuitable, and the plan says so), and closed roads."""

    hazard_type: Annotated[str, AfterValidator(_known_or_unspecified)]
    polygon: list[tuple[float, float]] | None = Field(default=None, description="[(lat, lon), ...], at least 3 points")
    center: tuple[float, float] | None = Field(default=None, description="(lat, lon)")
    radius_m: float | None = Field(default=None, gt=0, le=MAX_HAZARD_RADIUS_M)
    closed_roads: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _shape_ok(self) -> "Hazard":
        if self.polygon is not None and len(self.polygon) < 3:
            raise ValueError("a hazard polygon needs at least 3 (lat, lon) points")
        if (self.center is None) != (self.radius_m is None):
            raise ValueError("give both center and radius_m, or neither")
        for lat, lon in (self.polygon or []) + ([self.center] if self.center else []):
            if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
                raise ValueError(f"({lat}, {lon}) is not a valid (lat, lon)")
        return self

    def has_area(self) -> bool:
        return self.polygon is not None or self.center is not None


class EvacuationGroup(BaseModel):
    name: str
    zone_id: str
    people: int
    vulnerable: bool
    assembly_point: str


class EvacuationAssignment(BaseModel):
    group: str
    zone_id: str
    shelter_id: str
    shelter_name: str
    people: int
    travel_time_min: float
    distance_m: float


class EvacuationRoute(BaseModel):
    group: str
    shelter_id: str
    people: int
    travel_time_min: float
    distance_m: float
    streets: list[str]
    coordinates: list[list[float]] = Field(description="[[lon, lat], ...]")


class AssemblyPoint(BaseModel):
    zone_id: str
    name: str
    lat: float
    lon: float
    egress_time_min: float
    people: int


class ShelterUse(BaseModel):
    shelter_id: str
    name: str
    lat: float
    lon: float
    capacity: int
    load: int
    status: str = "usable"


class EvacuationPlan(BaseModel):
    hazard: Hazard
    mode: str
    strategy: str
    population_basis: str
    groups: list[EvacuationGroup]
    assignments: list[EvacuationAssignment]
    routes: list[EvacuationRoute]
    assembly_points: list[AssemblyPoint]
    shelters: list[ShelterUse]
    clearance_time_min: float | None
    clearance_time_routed_min: float | None = Field(default=None, description="last arrival under road capacities (CCRP routing model)")
    total_people: int
    served_people: int
    unserved_people: int
    unserved_statement: str
    total_person_minutes: float
    warnings: list[str] = Field(default_factory=list)
    hazard_geometry: dict[str, Any] | None = Field(default=None, description="GeoJSON geometry of the hazard area (lon/lat)")
    zone_geometries: dict[str, dict[str, Any]] = Field(default_factory=dict)
    closed_road_lines: list[list[list[float]]] = Field(default_factory=list)

    def geojson(self) -> dict[str, Any]:
        """FeatureCollection: hazard, zones, shelters (load/capacity), routes, assembly points."""
        feats: list[dict[str, Any]] = []

        def feat(geometry: dict[str, Any], **props: Any) -> None:
            feats.append({"type": "Feature", "geometry": geometry, "properties": props})

        if self.hazard_geometry:
            feat(self.hazard_geometry, kind="hazard", name=f"{self.hazard.hazard_type} hazard area", hazard_type=self.hazard.hazard_type)
        for line in self.closed_road_lines:
            feat({"type": "LineString", "coordinates": line}, kind="hazard", name="closed road", hazard_type=self.hazard.hazard_type)
        for zone_id, geom in self.zone_geometries.items():
            feat(geom, kind="zone", name=zone_id, zone_id=zone_id)
        for s in self.shelters:
            feat({"type": "Point", "coordinates": [s.lon, s.lat]}, kind="shelter", name=s.name, shelter_id=s.shelter_id, load=s.load, capacity=s.capacity, status=s.status)
        for r in self.routes:
            feat({"type": "LineString", "coordinates": r.coordinates}, kind="route", name=f"{r.group} -> {r.shelter_id}", group=r.group, shelter_id=r.shelter_id, people=r.people, travel_time_min=r.travel_time_min)
        for a in self.assembly_points:
            feat({"type": "Point", "coordinates": [a.lon, a.lat]}, kind="assembly_point", name=a.name, zone_id=a.zone_id, people=a.people)
        return {"type": "FeatureCollection", "features": feats}

    def summary(self) -> str:
        """Plain-language plan for an operator (and for the LLM to cite)."""
        lines = [f"Evacuation plan ({self.hazard.hazard_type}, {self.mode}, {self.population_basis} population, {self.strategy}): "
                 f"{self.total_people:,} people, {self.served_people:,} with a shelter place."]
        for a in self.assembly_points:
            lines.append(f"- Assembly point for {a.zone_id}: {a.name} ({a.egress_time_min:.1f} min to leave the hazard area), {a.people:,} people.")
        for x in self.assignments:
            lines.append(f"- {x.group}: {x.people:,} people to {x.shelter_name} [{x.shelter_id}], {x.travel_time_min:.1f} min.")
        if self.clearance_time_min is not None:
            lines.append(f"Estimated clearance time: {self.clearance_time_min:.0f} min (simple bound).")
        if self.clearance_time_routed_min is not None:
            lines.append(f"Clearance time from the routing model (road capacities, CCRP): {self.clearance_time_routed_min:.0f} min.")
        lines.append(self.unserved_statement)
        lines.extend(f"Warning: {w}" for w in self.warnings)
        return "\n".join(lines)

