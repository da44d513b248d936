"""The protective-action plan returned to the assistant, the CLI and the map."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class BuildingInfo(BaseModel):
    label: str
    footprint_m2: float
    floors: float
    use: str
    source: str = Field(description="osm: the OSM footprint; assumed: no OSM building at the address; cut: the map's outline is a sliver "
                                    "the extract's boundary cut, so the assumed footprint with the map's storeys and use")
    scope: str | None = None
    occupants: int


class NotApplicable(BaseModel):
    """No row of the decision table covers the hazard (a medical call, a traffic accident): no protective action.

    An answer, not a failure: ``plan_protective_action`` returns it where the table has nothing to
    say, and keeps ``PlanningError`` for reports it cannot plan (an empty report, an unknown type).
    """

    hazard_type: str
    reason: str

    def summary(self) -> str:
        return f"No protective action: {self.reason}."


def people_moved_line(plan: "ProtectiveActionPlan", extra: str = "") -> str:
    """The people the action moves.  Under a shelter-in-place the people moved are the few taken to a shelter (a
    resident on powered medical equipment in an outage); "People moved: about 1" under "stay indoors" read as a
    contradiction, so the line says who they are and that everyone else stays in."""
    if plan.primary == "shelter_in_place":
        return (f"People to take to a shelter (everyone else stays in): about {plan.people_moved:,} "
                f"({plan.people_basis}){extra}.")
    return f"People moved: about {plan.people_moved:,} ({plan.people_basis}){extra}."


class ProtectiveActionPlan(BaseModel):
    hazard_type: str
    rule: str
    primary: str
    actions: list[str]
    reason: str
    decision_text: str
    location: str
    lat: float | None = Field(default=None, description="None when the place was not found")
    lon: float | None = None
    building: BuildingInfo | None = None
    isolation_m: float | None = None
    radius_rule: str = Field(default="", description="which rule set isolation_m where two could: 'city plan Annex H minimum; ...' or 'DHS stand-off table, ...'")
    sector: dict[str, Any] | None = None
    night: bool
    wind_from_deg: float
    wind_speed_ms: float
    wind_source: str
    people_moved: int
    people_moved_buildings: int | None = None
    people_moved_zones: int | None = None
    people_basis: str
    people_sheltering: int = 0
    vulnerable_share: float | None = None
    clearance_routed_min: float | None = None
    clearance_bound_min: float | None = None
    clearance_assembly_min: float | None = Field(default=None, description="routed clearance of the people without a shelter place to the assembly point, when some go to shelters")
    assembly_point: dict[str, Any] | None = None
    shelters: list[dict[str, Any]] = Field(default_factory=list)
    warning_message: str = ""
    cues: dict[str, Any] = Field(default_factory=dict)
    geometries: dict[str, dict[str, Any]] = Field(default_factory=dict, description="kind -> GeoJSON geometry (lon/lat)")
    route_lines: list[list[list[float]]] = Field(default_factory=list, description="evacuation routes to the shelters, [[lon, lat], ...]")
    warnings: list[str] = Field(default_factory=list)

    def summary(self) -> str:
        lines = [f"Protective action ({self.rule}): {self.decision_text}.", f"Why: {self.reason}."]
        both = ""
        if self.people_moved_zones is not None and self.people_moved_buildings is not None:
            both = f" (buildings: {self.people_moved_buildings:,}; zone figures: {self.people_moved_zones:,})"
        lines.append(people_moved_line(self, both))
        if self.people_sheltering:
            lines.append(f"People told to shelter in place: about {self.people_sheltering:,}.")
        if self.clearance_routed_min is not None:
            bound = f"; simple bound {self.clearance_bound_min:.0f} min" if self.clearance_bound_min is not None else ""
            assembly = f" (to the assembly point: {self.clearance_assembly_min:.0f} min)" if self.clearance_assembly_min is not None else ""
            lines.append(f"Clearance time (routing model, CCRP): {self.clearance_routed_min:.0f} min{assembly}{bound}.")
        if self.assembly_point:
            lines.append(f"Assembly point: {self.assembly_point['name']}.")
        for s in self.shelters:
            lines.append(f"- Shelter {s['name']} [{s['shelter_id']}]: {s['people']:,} people.")
        lines.append(f"Time of day: {'night' if self.night else 'day'}; wind from {self.wind_from_deg:.0f}° at {self.wind_speed_ms:.0f} m/s ({self.wind_source}).")
        lines.append(f"Warning message: {self.warning_message}")
        lines.extend(f"Warning: {w}" for w in self.warnings)
        return "\n".join(lines)

    def geojson(self) -> dict[str, Any]:
        feats = [{"type": "Feature", "geometry": g, "properties": {"kind": kind, "name": f"{kind.replace('_', ' ')} ({self.rule})", "rule": self.rule}}
                 for kind, g in self.geometries.items()]
        if self.lat is not None and self.lon is not None:
            feats.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [self.lon, self.lat]},
                          "properties": {"kind": "incident", "name": self.location, "rule": self.rule}})
        if self.assembly_point:
            a = self.assembly_point
            feats.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [a["lon"], a["lat"]]},
                          "properties": {"kind": "assembly_point", "name": a["name"], "people": self.people_moved}})
        for line in self.route_lines:
            feats.append({"type": "Feature", "geometry": {"type": "LineString", "coordinates": line}, "properties": {"kind": "route", "name": "evacuation route"}})
        for s in self.shelters:
            feats.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [s["lon"], s["lat"]]},
                          "properties": {"kind": "shelter", "name": s["name"], "shelter_id": s["shelter_id"], "load": s["people"], "capacity": s["capacity"], "status": "usable"}})
        return {"type": "FeatureCollection", "features": feats}


