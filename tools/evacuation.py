"""Evacuation planner: population groups to shelters by min-cost flow on the road network.

Model
-----
* Each affected zone gives two groups: the general population and its vulnerable people
  (who may only go to accessible shelters, and walk 1.5x slower).
* People inside the hazard first leave it by the path of least exposure (hazard edges cost
  ``EXPOSURE_PENALTY`` times their travel time) to an **assembly point**: the first network
  node outside the hazard. People of a zone outside the hazard assemble at the zone centre.
* From the assembly points, travel uses only edges that neither touch the hazard area nor
  belong to a closed road. Unsuitable shelters (hazard type), shelters inside the area and
  zero-capacity shelters are skipped, and say why.
* Assignment is a min-cost flow (networkx network simplex): group -> shelter arcs cost the
  travel time in seconds, shelter -> sink arcs carry the capacity, and a group -> sink
  "unserved" arc costs more than any trip, so the flow serves as many people as capacity
  and reachability allow, at the least total person-travel time.

Clearance time (a documented simple bound, in the spirit of CCRP's capacity over time):
for each assembly point, the last person leaves after ``people / throughput`` minutes
(throughput: ``WALK_THROUGHPUT_PPM`` persons a minute on foot, about 1 m of effective
footpath at 1 person/m/s; ``DRIVE_THROUGHPUT_PPM`` by car, one lane of ~1,000 vehicles/h at
1.5 persons each) and then needs the longest assigned trip from that point. The plan's
clearance time is the largest such figure. It ignores merging between groups, so treat
it as an optimistic lower bound.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field
from typing import Any, Literal

import networkx as nx
import numpy as np
import shapely
from pydantic import BaseModel, Field, model_validator
from scipy.sparse.csgraph import dijkstra
from shapely.geometry import Point, Polygon, box, mapping

from tools.city import CityModel, PlanningError
from tools.gazetteer import normalize
from tools.scenario import HazardTypeName, Zone

log = logging.getLogger(__name__)

EXPOSURE_PENALTY = 1000.0
UNSERVED_COST = 10**9
VULNERABLE_SLOWDOWN = 1.5
WALK_THROUGHPUT_PPM = 60.0
DRIVE_THROUGHPUT_PPM = 25.0
MAX_HAZARD_RADIUS_M = 20_000.0


class Hazard(BaseModel):
    """Where the danger is: a polygon or a centre plus radius, its type, and closed roads."""

    hazard_type: HazardTypeName
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
            lines.append(f"Estimated clearance time: {self.clearance_time_min:.0f} min (optimistic bound).")
        lines.append(self.unserved_statement)
        lines.extend(f"Warning: {w}" for w in self.warnings)
        return "\n".join(lines)


# --- problem construction ----------------------------------------------------------------
@dataclass
class _Group:
    name: str
    zone: Zone
    people: int
    vulnerable: bool
    origin: int = -1
    assembly: int = -1
    egress_path: list[int] = field(default_factory=list)
    egress_s: float = 0.0
    slowdown: float = 1.0


def _to_lonlat_geom(geom, city: CityModel):
    def fn(xy: np.ndarray) -> np.ndarray:
        lat, lon = city.projection.to_latlon(xy[:, 0], xy[:, 1])
        return np.column_stack([lon, lat])

    return shapely.transform(geom, fn)


def hazard_area(city: CityModel, hazard: Hazard):
    """The hazard area as a shapely geometry in the city's metric projection (None: roads only)."""
    proj = city.projection
    if hazard.polygon is not None:
        lats = np.array([p[0] for p in hazard.polygon])
        lons = np.array([p[1] for p in hazard.polygon])
        xs, ys = proj.to_xy(lats, lons)
        area = Polygon(np.column_stack([xs, ys]))
        if not area.is_valid:
            area = shapely.make_valid(area)
        if hazard.center is not None:
            area = area.union(_circle(city, hazard.center, hazard.radius_m or 0))
    elif hazard.center is not None:
        area = _circle(city, hazard.center, hazard.radius_m or 0)
    else:
        return None
    if area.is_empty or area.area < 1.0:  # m²: points in a line give a sliver, not an area
        raise PlanningError("the hazard polygon has no area (are the points in a line?)")
    return area


def _circle(city: CityModel, center: tuple[float, float], radius_m: float):
    x, y = city.projection.to_xy(center[0], center[1])
    return Point(float(x), float(y)).buffer(radius_m, 32)


def _zone_shape(city: CityModel, zone: Zone):
    if zone.polygon is not None:
        xs, ys = city.projection.to_xy(np.array([p[0] for p in zone.polygon]), np.array([p[1] for p in zone.polygon]))
        shape = Polygon(np.column_stack([xs, ys]))
        return shape if shape.is_valid else shapely.make_valid(shape)
    assert zone.center is not None and zone.radius_m is not None
    return _circle(city, zone.center, zone.radius_m)


def _map_box(city: CityModel):
    s, w, n, e = city.bbox
    x0, y0 = city.projection.to_xy(s, w)
    x1, y1 = city.projection.to_xy(n, e)
    return box(float(x0), float(y0), float(x1), float(y1))


def _resolve_zones(city: CityModel, keys: list[str]) -> list[Zone]:
    out = []
    for key in keys:
        zone = city.scenario.zone(key)
        if zone is None:
            try:
                match = city.gazetteer.resolve(key)
                zone = city.scenario.zone(match.id) if match.kind == "zone" and match.id else None
            except LookupError:
                zone = None
        if zone is None:
            known = ", ".join(f"{z.name} ({z.id})" for z in city.scenario.zones)
            raise PlanningError(f"unknown zone {key!r}; zones of this scenario: {known}")
        if zone not in out:
            out.append(zone)
    return out


def _assembly_name(city: CityModel, mode: str, node: int) -> str:
    idx = city.index(mode)
    nid = int(idx.node_ids[node])
    g = idx.graph
    names: list[str] = []
    # Footway junctions are unnamed: look up to three hops out for the streets people know.
    for hops, ring in enumerate(nx.bfs_layers(g, nid)):
        names = sorted({g.edges[e].get("name") or "" for m in ring for e in g.out_edges(m)} - {""})
        if names or hops >= 3:
            break
    lat, lon = float(idx.lat[node]), float(idx.lon[node])
    # A nearby staging area is the natural place to gather; otherwise name the junction.
    best = None
    for sa in city.scenario.staging_areas:
        x0, y0 = city.projection.to_xy(lat, lon)
        x1, y1 = city.projection.to_xy(sa.lat, sa.lon)
        d = math.hypot(float(x1 - x0), float(y1 - y0))
        if d <= 120 and (best is None or d < best[0]):
            best = (d, sa.name)
    if best:
        return f"{best[1]} (staging area)"
    if names:
        return " / ".join(names[:2])
    if mode != "drive":  # a park path: name it after the nearest street
        di = city.index("drive")
        k, d = di.snap(lat, lon)
        dn = int(di.node_ids[k])
        near = sorted({di.graph.edges[e].get("name") or "" for e in di.graph.out_edges(dn)} - {""})
        if near and d < 300:
            return f"footpath {d:.0f} m from {' / '.join(near[:2])}"
    return f"junction at {lat:.5f}, {lon:.5f}"


def _closed_road_edges(city: CityModel, idx, closed_roads: list[str], mode: str) -> tuple[np.ndarray, list[list[list[float]]], list[str]]:
    """Edges of the named closed streets, their lines for the map, and warnings for unknown names."""
    closed = np.zeros(len(idx.edge_u), dtype=bool)
    closed_lines: list[list[list[float]]] = []
    warnings_: list[str] = []
    if not closed_roads:
        return closed, closed_lines, warnings_
    wanted = {normalize(r): r for r in closed_roads if r.strip()}
    names_norm = [normalize(nm) for nm in idx.edge_names]
    found = set()
    for k, nm in enumerate(names_norm):
        if nm and nm in wanted:
            closed[k] = True
            found.add(nm)
    for key, raw in wanted.items():
        if key not in found:
            hint = ""
            try:
                hint = f" (did you mean {city.gazetteer.resolve(raw).name}?)"
            except LookupError as exc:
                sugg = getattr(exc, "suggestions", None) or [c.name for c in getattr(exc, "candidates", [])]
                hint = f" (closest: {', '.join(sugg[:3])})" if sugg else ""
            warnings_.append(f"closed road {raw!r} is not a street of the {mode} network; nothing closed for it{hint}")
    g = idx.graph
    seen_pairs: set[tuple[int, int]] = set()
    for k in np.flatnonzero(closed):
        u, v = int(idx.node_ids[idx.edge_u[k]]), int(idx.node_ids[idx.edge_v[k]])
        if (v, u) in seen_pairs:
            continue
        seen_pairs.add((u, v))
        closed_lines.append([[float(p[0]), float(p[1])] for p in (g.edges[u, v].get("coords") or [])])
    return closed, closed_lines, warnings_


def _affected_groups(city: CityModel, area, zones: list[str] | None, population: str, mode: str, warnings_: list[str]) -> tuple[list[Zone], list[_Group]]:
    """Zones to evacuate and their general / vulnerable groups (overlap share of the population)."""
    if zones:
        chosen = _resolve_zones(city, zones)
        fractions = {z.id: 1.0 for z in chosen}
    else:
        if area is None:
            raise PlanningError("this hazard has no area (only closed roads): name the zones to evacuate")
        chosen, fractions = [], {}
        for z in city.scenario.zones:
            shape = _zone_shape(city, z)
            frac = shape.intersection(area).area / shape.area if shape.area > 0 else 0.0
            if frac > 0.001:
                chosen.append(z)
                fractions[z.id] = min(1.0, frac)
        if not chosen:
            warnings_.append("the hazard area touches no zone of the scenario; name the zones to evacuate if people are at risk")
    groups: list[_Group] = []
    for z in chosen:
        total = getattr(z.population, population)
        people = int(round(total * fractions[z.id]))
        vulnerable = min(people, int(round(z.population.vulnerable * fractions[z.id])))
        if people - vulnerable > 0:
            groups.append(_Group(f"{z.name} (general)", z, people - vulnerable, False))
        if vulnerable > 0:
            groups.append(_Group(f"{z.name} (vulnerable)", z, vulnerable, True, slowdown=VULNERABLE_SLOWDOWN if mode == "walk" else 1.0))
    return chosen, groups


def _usable_shelters(city: CityModel, hazard: Hazard, area, mode: str) -> tuple[list, dict[str, str]]:
    """[(shelter, node index)] of usable shelters, and every shelter's status with the reason."""
    shelter_rows = []  # (shelter, node)
    shelter_status: dict[str, str] = {}
    for s in city.scenario.shelters:
        if s.capacity <= 0:
            shelter_status[s.id] = "excluded: zero capacity"
            continue
        if hazard.hazard_type in s.unsuitable_for:
            shelter_status[s.id] = f"excluded: unsuitable for {hazard.hazard_type}"
            continue
        if area is not None:
            sx, sy = city.projection.to_xy(s.lat, s.lon)
            if area.contains(Point(float(sx), float(sy))):
                shelter_status[s.id] = "excluded: inside the hazard area"
                continue
        try:
            node, _ = city.snap(s.lat, s.lon, mode)
        except PlanningError:
            shelter_status[s.id] = "excluded: outside the map"
            continue
        shelter_rows.append((s, node))
        shelter_status[s.id] = "usable"
    return shelter_rows, shelter_status


def plan_evacuation(
    city: CityModel,
    hazard: Hazard,
    zones: list[str] | None = None,
    mode: str = "walk",
    *,
    population: Literal["daytime", "resident"] = "daytime",
    strategy: Literal["min_cost_flow", "greedy", "nearest"] = "min_cost_flow",
) -> EvacuationPlan:
    """Plan who goes to which shelter by which route.

    ``zones``: zone ids or names to evacuate whole; default: every zone the hazard area
    touches, with the share of its population living in the overlap. ``strategy="nearest"``
    is the naive baseline (each group to its nearest usable shelter, capacity ignored at
    assignment; overflow is turned away and counted as unserved); ``strategy="greedy"`` is a
    capacity-aware baseline (groups in order, each filling its nearest shelters with room).
    """
    if strategy not in ("min_cost_flow", "greedy", "nearest"):
        raise PlanningError(f"unknown evacuation strategy {strategy!r}")
    if mode not in ("walk", "drive"):
        raise PlanningError(f"unknown travel mode {mode!r}; use 'walk' or 'drive'")
    if population not in ("daytime", "resident"):
        raise PlanningError(f"unknown population basis {population!r}; use 'daytime' or 'resident'")
    idx = city.index(mode)
    warnings_: list[str] = []

    # 1. Hazard area, blocked edges, nodes inside.
    area = hazard_area(city, hazard)
    if area is not None and not area.intersects(_map_box(city).buffer(300)):
        raise PlanningError(f"the hazard area lies outside the map of {city.scenario.name}")
    n = idx.n
    if area is not None:
        shapely.prepare(area)
        in_hazard_edge = shapely.intersects(idx.edge_lines(), area)
        inside_node = shapely.contains_xy(area, idx.x, idx.y)
    else:
        in_hazard_edge = np.zeros(len(idx.edge_u), dtype=bool)
        inside_node = np.zeros(n, dtype=bool)
    closed, closed_lines, road_warnings = _closed_road_edges(city, idx, hazard.closed_roads, mode)
    warnings_.extend(road_warnings)
    free = ~closed & ~in_hazard_edge
    free_matrix = idx.matrix(keep=free)
    has_free_exit = np.bincount(idx.edge_u[free], minlength=n) > 0

    # 2. Affected zones and groups.
    chosen, groups = _affected_groups(city, area, zones, population, mode, warnings_)

    # 3. Shelters: usable ones, and why the others are not.
    shelter_rows, shelter_status = _usable_shelters(city, hazard, area, mode)
    excluded = [f"{s.name} ({shelter_status[s.id].removeprefix('excluded: ')})" for s in city.scenario.shelters if shelter_status[s.id] != "usable"]
    if excluded:
        warnings_.append("shelters not used: " + "; ".join(excluded))

    # Free-graph travel time from every node to its nearest usable shelter (0 when none is usable,
    # so the exit choice then rests on exposure alone).
    if shelter_rows:
        to_shelter = dijkstra(free_matrix.T.tocsr(), directed=True, indices=sorted({node for _, node in shelter_rows}), min_only=True)
    else:
        to_shelter = np.zeros(n)
    # 4. Assembly points: least-exposure exit from the hazard, per zone; among equally
    # exposed exits, the one nearest a usable shelter (so nobody is led into a dead end).
    # Exits: outside nodes reached by an edge that touches the hazard (the area's edge).
    exit_node = np.zeros(n, dtype=bool)
    exit_node[idx.edge_v[in_hazard_edge & ~closed]] = True
    exit_node &= ~inside_node & has_free_exit
    exposure_w = idx.edge_time * np.where(in_hazard_edge, EXPOSURE_PENALTY, 1.0)
    exposure_matrix = idx.matrix(weights=exposure_w, keep=~closed)
    unreachable_zones: dict[str, str] = {}
    assembly_of: dict[str, tuple[int, list[int], float]] = {}
    for z in chosen:
        lat, lon = z.centroid()
        try:
            origin, snap_m = city.snap(lat, lon, mode)
        except PlanningError as exc:
            unreachable_zones[z.id] = str(exc)
            continue
        if snap_m > 250:
            warnings_.append(f"zone {z.name}: its centre is {snap_m:.0f} m from the nearest {mode} path")
        if not inside_node[origin] and has_free_exit[origin] and (np.isfinite(to_shelter[origin]) or not shelter_rows):
            assembly_of[z.id] = (origin, [origin], 0.0)
            continue
        dist, pred = idx.shortest(exposure_matrix, [origin])
        cand = np.where(exit_node & np.isfinite(dist[0]), dist[0] + to_shelter, np.inf)
        best = int(np.argmin(cand))
        if not np.isfinite(cand[best]):  # no exit leads to a shelter: still get people out of the hazard
            cand = np.where(~inside_node & has_free_exit & np.isfinite(dist[0]), dist[0], np.inf)
            best = int(np.argmin(cand))
        if not np.isfinite(cand[best]):
            unreachable_zones[z.id] = (
                f"{z.name}: the hazard area covers every reachable part of the map" if not (~inside_node).any()
                else f"{z.name}: no way out of the hazard area on the {mode} network (roads closed or the area covers it)"
            )
            continue
        path = idx.path(pred[0], origin, best)
        _, _, egress_s, _ = idx.path_details(path)
        assembly_of[z.id] = (best, path, egress_s)
    for grp in groups:
        if grp.zone.id in assembly_of:
            grp.assembly, grp.egress_path, grp.egress_s = assembly_of[grp.zone.id]
            grp.egress_s *= grp.slowdown

    # 5. Travel costs from each assembly point to each usable shelter on the hazard-free graph.
    live = [g for g in groups if g.assembly >= 0]
    sources = sorted({g.assembly for g in live})
    dist, pred = idx.shortest(free_matrix, sources)
    row_of = {a: r for r, a in enumerate(sources)}
    cost = np.full((len(groups), len(shelter_rows)), np.inf)
    for i, g in enumerate(groups):
        if g.assembly < 0:
            continue
        for j, (s, node) in enumerate(shelter_rows):
            if g.vulnerable and not s.accessible:
                continue
            d = dist[row_of[g.assembly], node]
            if np.isfinite(d):
                cost[i, j] = g.egress_s + d * g.slowdown

    # 6. Assign.
    solver = {"min_cost_flow": _solve_min_cost_flow, "greedy": _solve_greedy, "nearest": _solve_nearest}[strategy]
    flows = solver(groups, shelter_rows, cost)

    # 7. Report.
    assignments, routes = [], []
    load = {s.id: 0 for s, _ in shelter_rows}
    for (i, j), people in sorted(flows.items()):
        g, (s, node) = groups[i], shelter_rows[j]
        load[s.id] += people
        path = idx.path(pred[row_of[g.assembly]], g.assembly, node)
        eg_coords, eg_len, _, eg_streets = idx.path_details(g.egress_path)
        coords, length, _, streets = idx.path_details(path)
        t_min = round(cost[i, j] / 60.0, 2)
        assignments.append(EvacuationAssignment(group=g.name, zone_id=g.zone.id, shelter_id=s.id, shelter_name=s.name, people=people, travel_time_min=t_min, distance_m=round(eg_len + length, 1)))
        all_streets = list(dict.fromkeys(eg_streets + streets))
        routes.append(EvacuationRoute(group=g.name, shelter_id=s.id, people=people, travel_time_min=t_min, distance_m=round(eg_len + length, 1), streets=all_streets, coordinates=(eg_coords + coords[1:]) if len(eg_coords) > 1 else coords))
    total = sum(g.people for g in groups)
    served = sum(flows.values())
    unserved = total - served

    throughput = WALK_THROUGHPUT_PPM if mode == "walk" else DRIVE_THROUGHPUT_PPM
    assembly_points, clearance = [], None
    for z in chosen:
        if z.id not in assembly_of:
            continue
        node, _, egress_s = assembly_of[z.id]
        zone_people = sum(p for (i, _), p in flows.items() if groups[i].zone.id == z.id)
        trips = [cost[i, j] for (i, j), p in flows.items() if groups[i].zone.id == z.id and p > 0]
        assembly_points.append(AssemblyPoint(zone_id=z.id, name=_assembly_name(city, mode, node), lat=float(idx.lat[node]), lon=float(idx.lon[node]), egress_time_min=round(egress_s / 60.0, 2), people=zone_people))
        if trips:
            zone_clear = max(trips) / 60.0 + zone_people / throughput
            clearance = max(clearance or 0.0, zone_clear)

    statement = _unserved_statement(total, unserved, groups, shelter_rows, shelter_status, unreachable_zones, hazard, strategy)
    for zid, why in unreachable_zones.items():
        warnings_.append(why)
    shelters_out = []
    for s in city.scenario.shelters:
        shelters_out.append(ShelterUse(shelter_id=s.id, name=s.name, lat=s.lat, lon=s.lon, capacity=s.capacity, load=load.get(s.id, 0), status=shelter_status[s.id]))
    hazard_geom = mapping(_to_lonlat_geom(area, city)) if area is not None else None
    zone_geoms = {z.id: _round_geom(mapping(_to_lonlat_geom(_zone_shape(city, z), city))) for z in chosen}
    return EvacuationPlan(
        hazard=hazard, mode=mode, strategy=strategy, population_basis=population,
        groups=[EvacuationGroup(name=g.name, zone_id=g.zone.id, people=g.people, vulnerable=g.vulnerable, assembly_point=next((a.name for a in assembly_points if a.zone_id == g.zone.id), "none (cannot leave)")) for g in groups],
        assignments=assignments, routes=routes, assembly_points=assembly_points, shelters=shelters_out,
        clearance_time_min=round(clearance, 1) if clearance is not None else None,
        total_people=total, served_people=served, unserved_people=unserved, unserved_statement=statement,
        total_person_minutes=round(sum(cost[i, j] * p for (i, j), p in flows.items()) / 60.0, 1),
        warnings=warnings_, hazard_geometry=_round_geom(hazard_geom) if hazard_geom else None, zone_geometries=zone_geoms,
        closed_road_lines=closed_lines,
    )


def _round_geom(geom: dict[str, Any]) -> dict[str, Any]:
    def rnd(c):
        if isinstance(c, (list, tuple)) and c and isinstance(c[0], (int, float)):
            return [round(float(v), 6) for v in c]
        return [rnd(x) for x in c]

    return {"type": geom["type"], "coordinates": rnd(geom["coordinates"])}


def _solve_min_cost_flow(groups: list[_Group], shelters: list, cost: np.ndarray) -> dict[tuple[int, int], int]:
    total = sum(g.people for g in groups)
    if total == 0:
        return {}
    net = nx.DiGraph()
    net.add_node("sink", demand=total)
    for i, g in enumerate(groups):
        net.add_node(("g", i), demand=-g.people)
        net.add_edge(("g", i), "sink", weight=UNSERVED_COST, capacity=g.people)
        for j in np.flatnonzero(np.isfinite(cost[i])):
            net.add_edge(("g", i), ("s", int(j)), weight=int(round(cost[i, j])), capacity=g.people)
    for j, (s, _) in enumerate(shelters):
        if net.has_node(("s", j)):
            net.add_edge(("s", j), "sink", weight=0, capacity=s.capacity)
    flow = nx.min_cost_flow(net)
    out: dict[tuple[int, int], int] = {}
    for i in range(len(groups)):
        for target, amount in flow[("g", i)].items():
            if target != "sink" and amount > 0:
                out[(i, target[1])] = int(amount)
    return out


def _solve_nearest(groups: list[_Group], shelters: list, cost: np.ndarray) -> dict[tuple[int, int], int]:
    """Baseline: everyone heads for the nearest usable shelter; late arrivals find it full."""
    arrivals = []
    for i, g in enumerate(groups):
        if cost.shape[1] and np.isfinite(cost[i]).any():
            j = int(np.argmin(cost[i]))
            arrivals.append((cost[i, j], i, j))
    left = {j: s.capacity for j, (s, _) in enumerate(shelters)}
    out: dict[tuple[int, int], int] = {}
    for _, i, j in sorted(arrivals):
        took = min(groups[i].people, left[j])
        if took > 0:
            out[(i, j)] = took
            left[j] -= took
    return out


def _solve_greedy(groups: list[_Group], shelters: list, cost: np.ndarray) -> dict[tuple[int, int], int]:
    """Baseline: groups in listed order, each fills its nearest shelters that still have room."""
    left = {j: s.capacity for j, (s, _) in enumerate(shelters)}
    out: dict[tuple[int, int], int] = {}
    for i, g in enumerate(groups):
        need = g.people
        for j in np.argsort(cost[i]) if cost.shape[1] else []:
            j = int(j)
            if need == 0 or not np.isfinite(cost[i, j]):
                break
            took = min(need, left[j])
            if took > 0:
                out[(i, j)] = took
                left[j] -= took
                need -= took
    return out


def _unserved_statement(total, unserved, groups, shelters, status, unreachable, hazard, strategy) -> str:
    if total == 0:
        return "Nobody to evacuate: the hazard area holds none of the scenario's zone population."
    if unserved == 0:
        return f"Everyone ({total:,} people) has a shelter place."
    reasons = []
    if not shelters:
        reasons.append(f"no shelter is usable (all are inside the hazard area, unsuitable for {hazard.hazard_type} or have no capacity)")
    else:
        cap = sum(s.capacity for s, _ in shelters)
        if cap < total:
            reasons.append(f"the usable shelters hold only {cap:,} people")
        elif strategy == "nearest":
            reasons.append("the nearest shelters fill up while others stay empty")
    if unreachable:
        shown = list(dict.fromkeys(unreachable.values()))
        reasons.append(f"{len(unreachable)} zone(s) cannot reach a shelter ({'; '.join(shown[:3])}{'...' if len(shown) > 3 else ''})")
    if any(g.vulnerable for g in groups) and not reasons:
        reasons.append("there are not enough reachable accessible shelter places for vulnerable people")
    why = "; ".join(reasons) or "no reachable shelter has room"
    return (f"{unserved:,} of {total:,} people have NO shelter place: {why}. "
            "Open more shelter capacity outside the hazard area or arrange transport to a neighbouring district.")
