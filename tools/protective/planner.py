"""``plan_protective_action``: from a report to a proportionate protective action on the map.

Steps: cues from the text (``cues``) -> the table row (``decision``) -> where (gazetteer:
address, landmark or street) and which building (OSM footprint) -> the geometry that fits the
action (``geometry``) -> people in it, from the buildings and from the zones (``buildings``) ->
an assembly point or the reception shelters -> clearance time from the routing model
(``tools.ccrp``) beside the simple bound -> the warning text for the affected blocks.
"""

from __future__ import annotations

import logging
import math
import re
from typing import Any

import numpy as np
import shapely
from pydantic import BaseModel, Field

from tools.city import CityModel, PlanningError
from tools.evacuation.assembly import assembly_name
from tools.evacuation.geometry import zone_shape
from tools.evacuation.report import WALK_THROUGHPUT_PPM
from tools.gazetteer import PlaceMatch, normalize
from tools.protective import geometry as geo
from tools.protective.buildings import (
    ASSUMED_FOOTPRINT_M2,
    DEFAULT_LEVELS,
    UNIT_OCCUPANTS,
    Buildings,
    building_at,
    building_by_address,
    city_buildings,
    people_in,
    people_in_area,
)
from tools.protective.cues import ProtectiveCues, extract_protective_cues
from tools.protective.decision import ProtectiveDecision, decide
from tools.ccrp import BUILDING_EXIT_PPS, STAIR_S_PER_FLOOR, Destination, Source, ccrp, edge_capacity_pps

log = logging.getLogger(__name__)

# Land outside every scenario zone: persons per hectare, (day, night) [spec section 5, demo].
OUTSIDE_ZONES_PER_HA = (50.0, 20.0)
# Which figure an area action reports as people moved: "zones" (the spec, section 5: zone
# population spread over the zone) or "buildings" (OSM footprints x floors x density). Both are
# in the plan. On central Helsinki the building stock gives about 2.7x the zones' demonstration
# populations (bench_protective_actions), so the spec's zone figure stays the headline.
AREA_PEOPLE_BASIS = "zones"
ASSEMBLY_MAX_M = 400.0
ASSEMBLY_MARGIN_M = 30.0


class BuildingInfo(BaseModel):
    label: str
    footprint_m2: float
    floors: float
    use: str
    source: str = Field(description="osm: the OSM footprint; assumed: no OSM building at the address")
    scope: str | None = None
    occupants: int


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
        lines.append(f"People moved: about {self.people_moved:,} ({self.people_basis}){both}.")
        if self.people_sheltering:
            lines.append(f"People told to shelter in place: about {self.people_sheltering:,}.")
        if self.clearance_routed_min is not None:
            bound = f"; simple bound {self.clearance_bound_min:.0f} min" if self.clearance_bound_min is not None else ""
            lines.append(f"Clearance time (routing model, CCRP): {self.clearance_routed_min:.0f} min{bound}.")
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


# --- where ---------------------------------------------------------------------------------------
def locate_in_report(city: CityModel, text: str, place: str | None = None, lat: float | None = None, lon: float | None = None) -> tuple[PlaceMatch, str | None]:
    """The incident's place (given, else the first place the report names) and a house number after a street."""
    if lat is not None and lon is not None:
        return city.locate(lat=lat, lon=lon), None
    if place:
        match = city.locate(place=place)
        return match, _house_number(place, match.name) or _house_number(text, match.name)
    found = [m for m in city.gazetteer.find_in_text(text) if m.kind != "zone"] or city.gazetteer.find_in_text(text)
    if not found:  # Latin-script names inside Chinese text have no word boundaries around them
        for run in re.findall(r"[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ .'-]{2,60}(?:\s?\d{1,3}[a-z]?)?", text):
            try:
                m = city.gazetteer.resolve(run.strip())
            except LookupError:
                continue
            number = _house_number(run, m.name) if m.kind == "street" else None
            return m, number
    if not found:
        raise PlanningError("no place of the map named in the report; give the address or a landmark")
    # An addressed street wins over a landmark named in passing.
    for m in found:
        if m.kind == "street" and _house_number(text, m.name):
            return m, _house_number(text, m.name)
    return found[0], None


def _house_number(text: str, street: str) -> str | None:
    stem = normalize(street)
    stem = stem[:max(4, len(stem) - 3)]
    m = re.search(rf"{re.escape(stem)}\w*\s+(\d{{1,3}}[a-z]?)\b", normalize(text))
    return m.group(1) if m else None


def find_building(city: CityModel, b: Buildings, match: PlaceMatch, number: str | None, cues: ProtectiveCues) -> tuple[Any, BuildingInfo, tuple[float, float]]:
    """(metric footprint, its description, metric centre) of the building at the place."""
    x, y = geo.xy(city, match.lat, match.lon)
    i = None
    if match.kind == "street" and number:
        i = building_by_address(b, normalize(match.name), number, normalize)
    elif match.kind != "street":
        i = building_at(b, x, y)
    if i is not None:
        g = b.geoms[i]
        use = cues.building_use if (cues.building_use and b.use[i] in ("mixed", "empty")) else b.use[i]
        c = g.representative_point()
        return g, BuildingInfo(label=b.label(i), footprint_m2=round(g.area, 1), floors=b.floors(i), use=use, source="osm", occupants=0), (c.x, c.y)
    label = f"{match.name} {number}" if number else match.name
    g = geo.assumed_footprint((x, y), ASSUMED_FOOTPRINT_M2)
    return g, BuildingInfo(label=label, footprint_m2=ASSUMED_FOOTPRINT_M2, floors=float(DEFAULT_LEVELS), use=cues.building_use or "mixed", source="assumed", occupants=0), (x, y)


# --- people --------------------------------------------------------------------------------------
def building_occupants(info: BuildingInfo, d: ProtectiveDecision, cues: ProtectiveCues) -> int:
    """People moved out of the building by the row's scope (a count in the report wins)."""
    if cues.occupants and d.building_scope != "unit":
        return int(cues.occupants)
    if d.building_scope == "unit":
        return UNIT_OCCUPANTS
    floors = min(2.0, info.floors) if d.building_scope == "floors" else info.floors
    return int(round(people_in(info.use if info.use != "empty" else "mixed", info.footprint_m2, floors, d.night)))


def zone_people(city: CityModel, area, night: bool) -> float:
    """Spec section 5: zone population spread over its shape x overlap, plus 50 / 20 per ha outside zones (map only)."""
    if area is None:
        return 0.0
    area = area.intersection(geo_map_box(city))
    total, covered = 0.0, None
    for z in city.scenario.zones:
        shape = zone_shape(city, z)
        inter = shape.intersection(area)
        if inter.is_empty:
            continue
        pop = z.population.resident if night else z.population.daytime
        total += pop * inter.area / shape.area
        covered = inter if covered is None else covered.union(inter)
    outside = area.area - (covered.area if covered is not None else 0.0)
    return total + max(0.0, outside) / 10_000.0 * OUTSIDE_ZONES_PER_HA[1 if night else 0]


def vulnerable_share(city: CityModel, area) -> float | None:
    """The vulnerable share of the zones the area touches (population-weighted), when the scenario gives it."""
    num = den = 0.0
    for z in city.scenario.zones:
        shape = zone_shape(city, z)
        f = shape.intersection(area).area / shape.area if shape.area else 0.0
        if f > 0 and z.population.vulnerable:
            num += z.population.vulnerable * f
            den += z.population.daytime * f
    return round(num / den, 3) if den else None


def geo_map_box(city: CityModel):
    from tools.evacuation.geometry import map_box

    return map_box(city).buffer(300)


def _round2(v: float) -> int:
    """Two significant figures (spec section 5: a rough planning figure)."""
    if v <= 0:
        return 0
    k = max(0, int(math.floor(math.log10(v))) - 1)
    return int(round(v / 10**k) * 10**k)


# --- the plan ------------------------------------------------------------------------------------
def plan_protective_action(city: CityModel, text: str, hazard_type: str | None = None, *, place: str | None = None, lat: float | None = None, lon: float | None = None,
                           hour: int | None = None, night: bool | None = None, wind_from_deg: float | None = None, wind_speed_ms: float | None = None,
                           routing: bool = True) -> ProtectiveActionPlan:
    """The proportionate protective action for a report: what, where, for how many people, how long.

    ``hazard_type``: the triage type (default: guessed from the report's words). Time of day and
    wind: operator input > the report > the spec's defaults (day; wind from 225° at 5 m/s).
    """
    cues = extract_protective_cues(text)
    d = decide(hazard_type, cues, hour=hour, night=night, wind_from_deg=wind_from_deg, wind_speed_ms=wind_speed_ms)
    if d is None:
        raise PlanningError(f"no protective action is planned for hazard type {hazard_type or cues.hazard_hint or 'unknown'!r}")
    warnings_: list[str] = []
    try:
        match, number = locate_in_report(city, text, place, lat, lon)
    except (LookupError, PlanningError) as exc:  # the decision still stands; the map needs the place
        warnings_.append(f"place not found ({exc}); the action is planned without a map position: give the address")
        return _unlocated_plan(city, d, cues, hazard_type, warnings_)
    b = city_buildings(city)
    footprint, info, (cx, cy) = find_building(city, b, match, number, cues)
    if info.source == "assumed" and d.building_scope:
        warnings_.append(f"no OSM building at {info.label}: assumed a {ASSUMED_FOOTPRINT_M2:.0f} m² footprint of {DEFAULT_LEVELS} floors")
    # Source of the hazard: the building for indoor rows, else the place itself.
    src = shapely.Point(cx, cy) if d.building_scope else shapely.Point(*geo.xy(city, match.lat, match.lon))
    geoms: dict[str, Any] = {}
    evac_area = None
    if d.building_scope:
        geoms["building"] = footprint
    if d.isolation_m:
        base = footprint if d.building_scope else src
        geoms["isolation"] = base.buffer(d.isolation_m)
    if d.sector:
        geoms["sector"] = geo.sector((src.x, src.y), d.sector.bearing_deg, d.sector.angle_deg, d.sector.length_m)
    if d.preferred_m:
        geoms["preferred_ring"] = src.buffer(d.preferred_m)
    if d.rule == "FL1":
        geoms["flood_extent"] = geo.flooded_section(city, match.name if match.kind == "street" else None, (src.x, src.y))
    if d.waterfront_band_m:
        named = [m.name for m in city.gazetteer.find_in_text(text) if m.kind == "street"]
        band = geo.waterfront_band(city, d.waterfront_band_m, named)
        if band is not None:
            geoms["flood_extent"] = band
    if d.primary == "evacuate_area" or "evacuate_area" in d.actions:
        parts = [geoms.get("isolation") or geoms.get("flood_extent") or src.buffer(d.isolation_m or 100)]
        if d.sector and d.sector.action == "evacuate":
            parts.append(geoms["sector"])
        if d.waterfront_band_m and "flood_extent" in geoms:
            parts = [geoms["flood_extent"]]
        evac_area = shapely.union_all(parts)
        geoms["evacuation_zone"] = evac_area
    # People.
    bld_people = zone_fig = None
    if d.primary == "evacuate_building" and evac_area is None:
        info.scope = d.building_scope
        info.occupants = building_occupants(info, d, cues)
        moved, basis = info.occupants, ("stated in the report" if cues.occupants else f"{info.source} footprint x floors x density")
        zone_fig = _round2(zone_people(city, footprint, d.night) * (min(2.0, info.floors) / info.floors if d.building_scope == "floors" else 1.0))
        bld_people = moved
    elif evac_area is not None:
        count = people_in_area(b, evac_area, d.night)
        extra = 0
        if d.building_scope:
            info.scope = d.building_scope
            info.occupants = building_occupants(info, d, cues)
            extra = max(0, info.occupants - int(people_in_area(b, footprint, d.night).people)) if info.source == "assumed" or cues.occupants else 0
        bld_people = int(round((count.people + extra) * d.people_share))
        zone_fig = int(round(zone_people(city, evac_area, d.night) * d.people_share))
        # Spec section 5: an area's figure comes from the scenario zones; the buildings are the cross-check.
        moved, basis = zone_fig, f"scenario zones (spec section 5); {count.buildings} OSM buildings give {bld_people:,}"
        if AREA_PEOPLE_BASIS == "buildings" and count.buildings:
            moved, basis = bld_people, f"{count.buildings} OSM buildings x floors x density; the scenario zones give {zone_fig:,}"
        if d.rule == "FL4":
            basis += ", basements and ground floors: one third"
    else:
        moved, basis = 0, "nobody is moved: " + ("shelter in place" if d.primary == "shelter_in_place" else "cordon only")
    sheltering = 0
    if d.sector and d.sector.action == "shelter":
        sheltering = int(round(people_in_area(b, geoms["sector"].difference(evac_area) if evac_area is not None else geoms["sector"], d.night).people))
    plan = ProtectiveActionPlan(
        hazard_type=hazard_type or cues.hazard_hint or "", rule=d.rule, primary=d.primary, actions=d.actions, reason=d.reason,
        decision_text="", location=(f"{match.name} {number}" if number else match.name), lat=match.lat, lon=match.lon,
        building=info if d.building_scope else None, isolation_m=d.isolation_m,
        sector=({"length_m": d.sector.length_m, "angle_deg": d.sector.angle_deg, "action": d.sector.action, "bearing_deg": d.sector.bearing_deg} if d.sector else None),
        night=d.night, wind_from_deg=d.wind_from_deg, wind_speed_ms=d.wind_speed_ms, wind_source=d.wind_source,
        people_moved=_round2(moved) if moved >= 100 else int(moved), people_moved_buildings=bld_people, people_moved_zones=zone_fig, people_basis=basis,
        people_sheltering=sheltering, vulnerable_share=vulnerable_share(city, evac_area if evac_area is not None else footprint.buffer(50)),
        cues=cues.as_dict(), warnings=warnings_,
    )
    if d.moves_people() and routing:
        _route_people(city, plan, d, b, footprint, evac_area, src)
    plan.decision_text = decision_text(plan, d)
    plan.warning_message = warning_message(plan, d)
    plan.geometries = {k: g for k, v in geoms.items() if (g := geo.to_geojson(v, city)) is not None}
    return plan


def _unlocated_plan(city: CityModel, d: ProtectiveDecision, cues: ProtectiveCues, hazard_type: str | None, warnings_: list[str]) -> ProtectiveActionPlan:
    """The decision without a place: people from an assumed building, no geometry, no routing."""
    info = BuildingInfo(label="the building named in the report", footprint_m2=ASSUMED_FOOTPRINT_M2, floors=float(DEFAULT_LEVELS),
                        use=cues.building_use or "mixed", source="assumed", occupants=0, scope=d.building_scope)
    moved = building_occupants(info, d, cues) if d.building_scope else 0
    info.occupants = moved
    plan = ProtectiveActionPlan(
        hazard_type=hazard_type or cues.hazard_hint or "", rule=d.rule, primary=d.primary, actions=d.actions, reason=d.reason, decision_text="",
        location="unknown place", lat=None, lon=None, building=info if d.building_scope else None, isolation_m=d.isolation_m,
        sector=({"length_m": d.sector.length_m, "angle_deg": d.sector.angle_deg, "action": d.sector.action, "bearing_deg": d.sector.bearing_deg} if d.sector else None),
        night=d.night, wind_from_deg=d.wind_from_deg, wind_speed_ms=d.wind_speed_ms, wind_source=d.wind_source,
        people_moved=moved, people_basis="assumed building (place not found)" if moved else "unknown: place not found",
        cues=cues.as_dict(), warnings=warnings_,
    )
    plan.decision_text = decision_text(plan, d)
    plan.warning_message = warning_message(plan, d)
    return plan


def _route_people(city: CityModel, plan: ProtectiveActionPlan, d: ProtectiveDecision, b: Buildings, footprint, evac_area, src) -> None:
    """Assembly point or shelters, and the clearance time: CCRP beside the simple bound."""
    idx = city.index("walk")
    cap = edge_capacity_pps(idx, "walk")
    danger = evac_area if evac_area is not None else (footprint.buffer(d.isolation_m) if d.isolation_m else footprint.buffer(ASSEMBLY_MARGIN_M))
    shapely.prepare(danger)
    inside = shapely.contains_xy(danger, idx.x, idx.y)
    touches = shapely.intersects(idx.edge_lines(), danger)
    allowed = ~touches | inside[idx.edge_u]  # hazard streets only on the way out
    if evac_area is None:  # building: everyone from its door
        node, _ = idx.snap(*geo.latlon(city, src.x, src.y))
        sources = [Source(node, plan.people_moved, release_s=STAIR_S_PER_FLOOR * max(0.0, (plan.building.floors if plan.building else 1) - 1), exit_pps=BUILDING_EXIT_PPS)]
    else:
        sources = _area_sources(city, b, evac_area, plan.people_moved, d.night)
    if not sources:
        return
    dests, names = [], []
    if d.shelters and evac_area is not None and _shelter_plan(city, plan, evac_area, d):
        return
    if d.shelters and evac_area is not None:
        for s in city.scenario.shelters:
            sx, sy = geo.xy(city, s.lat, s.lon)
            if s.capacity <= 0 or plan.hazard_type in s.unsuitable_for or danger.contains(shapely.Point(sx, sy)):
                continue
            node, _ = idx.snap(s.lat, s.lon)
            dests.append(Destination(node, s.capacity))
            names.append(s)
    if not dests:  # an assembly point just outside the danger area, as close as possible
        a = _assembly_node(city, idx, danger, inside, src)
        if a is None:
            plan.warnings.append("no assembly point outside the danger area on the walking network")
            return
        dests = [Destination(a)]
        lat, lon = float(idx.lat[a]), float(idx.lon[a])
        plan.assembly_point = {"name": assembly_name(city, "walk", a), "lat": lat, "lon": lon}
    res = ccrp(idx, sources, dests, cap, allowed=allowed)
    if res.clearance_s is not None:
        plan.clearance_routed_min = round(res.clearance_s / 60.0, 1)
        trip = max(r.arrive_s - r.depart_s for r in res.routes)
        plan.clearance_bound_min = round(trip / 60.0 + res.moved / WALK_THROUGHPUT_PPM, 1)
    if res.left:
        plan.warnings.append(f"{res.left:,} people cannot reach a destination with room on the walking network")
    for j, s in enumerate(names):
        if res.arrivals.get(j):
            plan.shelters.append({"shelter_id": s.id, "name": s.name, "lat": s.lat, "lon": s.lon, "capacity": s.capacity, "people": res.arrivals[j]})


def _shelter_plan(city: CityModel, plan: ProtectiveActionPlan, evac_area, d: ProtectiveDecision) -> bool:
    """Reception shelters for an area evacuation by the evacuation planner (min-cost flow, timed by CCRP).

    The min-cost flow's assignment serves more people at fewer person-minutes than the
    routing model's own greedy choice, for about the same clearance time
    (bench_protective_actions), so it is kept. False when the area is not one polygon.
    """
    from tools.evacuation import Hazard, plan_evacuation

    area = evac_area.simplify(2.0)
    if area.geom_type != "Polygon" or not plan.hazard_type:
        return False
    ring = [geo.latlon(city, x, y) for x, y in list(area.exterior.coords)[:-1]]
    ev = plan_evacuation(city, Hazard(hazard_type=plan.hazard_type, polygon=ring), population="resident" if d.night else "daytime")
    plan.shelters = [{"shelter_id": s.shelter_id, "name": s.name, "lat": s.lat, "lon": s.lon, "capacity": s.capacity, "people": s.load}
                     for s in ev.shelters if s.load > 0]
    plan.clearance_routed_min, plan.clearance_bound_min = ev.clearance_time_routed_min, ev.clearance_time_min
    plan.route_lines = [r.coordinates for r in ev.routes]
    if ev.unserved_people:
        plan.warnings.append(ev.unserved_statement)
    plan.warnings.append(f"shelter places planned for the {ev.total_people:,} people the scenario zones put in the area "
                         f"(people moved above: {plan.people_moved:,})")
    return True


def _area_sources(city: CityModel, b: Buildings, area, people: int, night: bool) -> list[Source]:
    """People of the area at the walk nodes nearest their buildings (the zone figure spread evenly when none)."""
    idx = city.index("walk")
    hits = b.tree.query(area, predicate="intersects") if len(b) else []
    weights: dict[int, float] = {}
    for i in hits:
        g = b.geoms[i]
        p = people_in(b.use[i], g.intersection(area).area, b.floors(i), night)
        if p > 0:
            c = g.representative_point()
            node = int(idx._tree.query([c.x, c.y])[1])
            weights[node] = weights.get(node, 0.0) + p
    if not weights:
        inside = np.flatnonzero(shapely.contains_xy(area, idx.x, idx.y))
        weights = {int(n): 1.0 for n in inside} or {int(idx._tree.query([area.centroid.x, area.centroid.y])[1]): 1.0}
    total = sum(weights.values())
    out, given = [], 0
    for node, w in sorted(weights.items()):
        k = int(round(people * w / total))
        given += k
        if k > 0:
            out.append(Source(node, k, exit_pps=BUILDING_EXIT_PPS * max(1.0, w / 50.0)))
    return out


def _assembly_node(city: CityModel, idx, danger, inside: np.ndarray, src) -> int | None:
    """A staging area near the danger area, else the nearest walk node at least ``ASSEMBLY_MARGIN_M`` outside it."""
    for sa in city.scenario.staging_areas:
        x, y = geo.xy(city, sa.lat, sa.lon)
        p = shapely.Point(x, y)
        if not danger.contains(p) and p.distance(danger) >= ASSEMBLY_MARGIN_M and p.distance(src) <= ASSEMBLY_MAX_M:
            return idx.snap(sa.lat, sa.lon)[0]
    outer = danger.buffer(ASSEMBLY_MARGIN_M)
    ok = ~shapely.contains_xy(outer, idx.x, idx.y)
    if not ok.any():
        return None
    d = np.hypot(idx.x - src.x, idx.y - src.y)
    d[~ok] = np.inf
    return int(np.argmin(d))


# --- words ---------------------------------------------------------------------------------------
_VERB = {"evacuate_area": "evacuate the area", "evacuate_building": "evacuate the building", "shelter_in_place": "shelter in place", "isolate_deny_entry": "isolate and deny entry"}


def decision_text(plan: ProtectiveActionPlan, d: ProtectiveDecision) -> str:
    """E.g. "evacuate the building at Yrjönkatu 21 (about 40 occupants), isolate 30 m"."""
    parts = []
    for a in d.actions:
        if a == "evacuate_building":
            scope = {"unit": "the flat concerned in", "floors": " and ".join(d.scope_floors) + " of", "whole": ""}.get(d.building_scope or "whole", "")
            occ = plan.building.occupants if plan.building else plan.people_moved
            parts.append(f"evacuate {scope + ' ' if scope else ''}the building at {plan.location} (about {occ:,} occupants)")
        elif a == "evacuate_area":
            extra = f" and {d.sector.length_m:.0f} m downwind" if d.sector and d.sector.action == "evacuate" else ""
            what = f"the {d.waterfront_band_m:.0f} m waterfront band" if d.waterfront_band_m else f"{d.isolation_m:.0f} m around {plan.location}"
            parts.append(f"evacuate {what}{extra} (about {plan.people_moved:,} people)")
        elif a == "isolate_deny_entry":
            parts.append(f"isolate {d.isolation_m:.0f} m" if d.isolation_m else "close the flooded section")
        elif a == "shelter_in_place":
            if d.sector and d.sector.action == "shelter":
                parts.append(f"shelter in place downwind ({d.sector.length_m:.0f} m towards {d.sector.bearing_deg:.0f}°)")
            elif d.preferred_m:
                parts.append(f"people outdoors clear to {d.preferred_m:.0f} m, people indoors shelter away from windows")
            else:
                parts.append("shelter in place")
    return ", ".join(parts)


def warning_message(plan: ProtectiveActionPlan, d: ProtectiveDecision) -> str:
    """Public warning text for the affected blocks."""
    hazard = plan.hazard_type.replace("_", " ")
    msg = [f"{hazard.capitalize()} incident at {plan.location}."]
    if "evacuate_building" in d.actions:
        msg.append(f"The building at {plan.location} is being evacuated: leave by the stairs, not the lift"
                   + (f", and gather at {plan.assembly_point['name']}." if plan.assembly_point else "."))
    if "evacuate_area" in d.actions:
        where = f"the {d.waterfront_band_m:.0f} m band along the shore (basements and ground floors)" if d.waterfront_band_m else f"{d.isolation_m:.0f} m"
        if d.sector and d.sector.action == "evacuate":
            where += f" and {d.sector.length_m:.0f} m downwind (towards {d.sector.bearing_deg:.0f}°)"
        msg.append(f"Everyone within {where} must leave now" + (f" and go to {', '.join(s['name'] for s in plan.shelters)}." if plan.shelters else "."))
    if "isolate_deny_entry" in d.actions:
        msg.append(f"Keep out of the area within {d.isolation_m:.0f} m; follow the police and rescue cordon." if d.isolation_m else "Keep out of the closed area.")
    if "shelter_in_place" in d.actions:
        msg.append("Others nearby: stay indoors, close doors and windows, switch off ventilation, keep away from windows.")
    if plan.hazard_type in ("hazmat",) and d.rule in ("H1", "H2", "H5", "H7"):
        msg.append("No naked flames, do not use electric switches or phones near the gas.")
    msg.append("Follow instructions from the authorities and listen to the radio.")
    return " ".join(msg)
