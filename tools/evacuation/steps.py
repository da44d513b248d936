"""The evacuation problem, step by step: hazard on the network, groups, shelters, travel costs.

Each step is a function of the city and the previous steps' results, so it can be tested
on its own; ``tools.evacuation.planner.plan_evacuation`` calls them in order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import shapely
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra
from shapely.geometry import Point

from tools.city import CityModel, PlanningError
from tools.evacuation.geometry import hazard_area, holder_of, map_box, zone_shape
from tools.evacuation.models import Hazard
from tools.gazetteer import normalize
from tools.routing import GraphIndex
from tools.scenario import Shelter, Zone

# Hazard edges cost this many times their travel time on the way out (least exposure).
EXPOSURE_PENALTY = 1000.0
# Vulnerable people walk this much slower.
VULNERABLE_SLOWDOWN = 1.5


@dataclass
class Group:
    """People of one zone who travel together: the general population or its vulnerable people."""

    name: str
    zone: Zone
    people: int
    vulnerable: bool
    origin: int = -1
    assembly: int = -1
    egress_path: list[int] = field(default_factory=list)
    egress_s: float = 0.0
    slowdown: float = 1.0


@dataclass
class HazardNetwork:
    """Step 1: the hazard area on one travel network.

    ``in_hazard_edge``/``closed``/``free`` are edge masks of ``GraphIndex``; ``inside_node`` a
    node mask; ``free_matrix`` the CSR graph without hazard and closed edges; ``has_free_exit``
    marks nodes with at least one free outgoing edge.
    """

    area: object | None
    in_hazard_edge: np.ndarray
    inside_node: np.ndarray
    closed: np.ndarray
    closed_lines: list[list[list[float]]]
    free: np.ndarray
    free_matrix: csr_matrix
    has_free_exit: np.ndarray
    warnings: list[str] = field(default_factory=list)
    # Edges that lead into or through another open incident's protective area (entered from outside it): no route uses
    # them, so people are never walked through another hazard on their way out (None: no other incident is open).
    enters_other: np.ndarray | None = None


def resolve_zones(city: CityModel, keys: list[str]) -> list[Zone]:
    """Zones by id or name (gazetteer), each once; PlanningError listing the zones otherwise."""
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


def closed_road_edges(city: CityModel, idx: GraphIndex, closed_roads: list[str], mode: str) -> tuple[np.ndarray, list[list[list[float]]], list[str]]:
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


def other_area_edges(idx: GraphIndex, others) -> np.ndarray | None:
    """Edge mask of the streets that lead into another open incident's area from outside it (``others``: (incident id,
    metric area) each, ``geometry.other_incident_areas``), None when there is none. People already inside one may use
    its streets to leave it; nobody else enters (PROTECTIVE_ACTIONS.md section 2: a plan never sends people into
    another hazard, on the way either)."""
    if not others:
        return None
    area = shapely.union_all([a for _, a in others])
    shapely.prepare(area)
    inside = shapely.contains_xy(area, idx.x, idx.y)
    return shapely.intersects(idx.edge_lines(), area) & ~inside[idx.edge_u]


def hazard_network(city: CityModel, hazard: Hazard, mode: str, others=()) -> HazardNetwork:
    """Step 1: hazard area, the edges it blocks, the nodes inside it, and the closed roads; with ``others`` (the other
    open incidents' areas), the edges into them too (``other_area_edges``)."""
    idx = city.index(mode)
    area = hazard_area(city, hazard)
    if area is not None and not area.intersects(map_box(city).buffer(300)):
        raise PlanningError(f"the hazard area lies outside the map of {city.scenario.name}")
    n = idx.n
    if area is not None:
        shapely.prepare(area)
        in_hazard_edge = shapely.intersects(idx.edge_lines(), area)
        inside_node = shapely.contains_xy(area, idx.x, idx.y)
    else:
        in_hazard_edge = np.zeros(len(idx.edge_u), dtype=bool)
        inside_node = np.zeros(n, dtype=bool)
    closed, closed_lines, road_warnings = closed_road_edges(city, idx, hazard.closed_roads, mode)
    enters_other = other_area_edges(idx, others)
    free = ~closed & ~in_hazard_edge & (~enters_other if enters_other is not None else True)
    return HazardNetwork(
        area=area, in_hazard_edge=in_hazard_edge, inside_node=inside_node, closed=closed, closed_lines=closed_lines,
        free=free, free_matrix=idx.matrix(keep=free), has_free_exit=np.bincount(idx.edge_u[free], minlength=n) > 0,
        warnings=road_warnings, enters_other=enters_other,
    )


def building_groups(city: CityModel, centre: tuple[float, float], occupants: int, population: str, mode: str,
                    label: str) -> tuple[list[Zone], list[Group]]:
    """Step 2 for one building: its ``occupants`` (the number the order gave, or the building's estimate), in the zone
    that holds it, with that zone's share of vulnerable people; not the zone's population (trial 18 H7: the building at
    Kaisaniemenkatu 5 moved 538, then 6,329 people of three districts)."""
    x, y = city.projection.to_xy(*centre)
    point = Point(float(x), float(y))
    zones = list(city.scenario.zones)
    if not zones:
        raise PlanningError("the scenario has no zones to evacuate a building from")
    zone = next((z for z in zones if zone_shape(city, z).contains(point)), None) or min(zones, key=lambda z: zone_shape(city, z).distance(point))
    total = max(1, int(getattr(zone.population, population) or 0))
    vulnerable = min(occupants, int(round(occupants * min(1.0, zone.population.vulnerable / total))))
    groups: list[Group] = []
    if occupants - vulnerable > 0:
        groups.append(Group(f"{label} (general)", zone, occupants - vulnerable, False))
    if vulnerable > 0:
        groups.append(Group(f"{label} (vulnerable)", zone, vulnerable, True, slowdown=VULNERABLE_SLOWDOWN if mode == "walk" else 1.0))
    return [zone], groups


def affected_groups(city: CityModel, area, zones: list[str] | None, population: str, mode: str, warnings_: list[str]) -> tuple[list[Zone], list[Group]]:
    """Step 2: zones to evacuate and their general / vulnerable groups (overlap share of the population)."""
    if zones:
        chosen = resolve_zones(city, zones)
        fractions = {z.id: 1.0 for z in chosen}
    else:
        if area is None:
            raise PlanningError("this hazard has no area (only closed roads): name the zones to evacuate")
        chosen, fractions = [], {}
        for z in city.scenario.zones:
            shape = zone_shape(city, z)
            frac = shape.intersection(area).area / shape.area if shape.area > 0 else 0.0
            if frac > 0.001:
                chosen.append(z)
                fractions[z.id] = min(1.0, frac)
        if not chosen:
            warnings_.append("the hazard area touches no zone of the scenario; name the zones to evacuate if people are at risk")
    groups: list[Group] = []
    for z in chosen:
        total = getattr(z.population, population)
        people = int(round(total * fractions[z.id]))
        vulnerable = min(people, int(round(z.population.vulnerable * fractions[z.id])))
        if people - vulnerable > 0:
            groups.append(Group(f"{z.name} (general)", z, people - vulnerable, False))
        if vulnerable > 0:
            groups.append(Group(f"{z.name} (vulnerable)", z, vulnerable, True, slowdown=VULNERABLE_SLOWDOWN if mode == "walk" else 1.0))
    return chosen, groups


def usable_shelters(city: CityModel, hazard: Hazard, area, mode: str, avoid=None,
                    taken: dict[str, int] | None = None, ruled_out=(), others=()) -> tuple[list[tuple[Shelter, int]], dict[str, str]]:
    """Step 3: [(shelter, node index)] of usable shelters, and every shelter's status with the reason.

    ``avoid``: a metric area besides the hazard area that no shelter may lie in (downwind of a toxic release).
    ``others``: (incident id, metric area) of the other open incidents (``geometry.other_incident_areas``): a shelter in
    one is not used, since a plan never sends people into another hazard.
    ``taken``: shelter id -> places other approved evacuations already hold; a usable shelter is offered with what is
    left of its capacity, and a full one is excluded as full. ``ruled_out``: shelter ids the operator ruled out."""
    shelter_rows = []  # (shelter, node)
    shelter_status: dict[str, str] = {}
    taken = taken or {}
    for s in city.scenario.shelters:
        if s.capacity <= 0:
            shelter_status[s.id] = "excluded: zero capacity"
            continue
        if s.id in ruled_out:
            shelter_status[s.id] = "excluded: ruled out by the operator"
            continue
        held = min(int(taken.get(s.id, 0)), s.capacity)
        if held >= s.capacity:
            shelter_status[s.id] = "excluded: full (approved evacuations hold every place)"
            continue
        if hazard.hazard_type in s.unsuitable_for:
            shelter_status[s.id] = f"excluded: unsuitable for {hazard.hazard_type}"
            continue
        if area is not None:
            sx, sy = city.projection.to_xy(s.lat, s.lon)
            if area.contains(Point(float(sx), float(sy))):
                shelter_status[s.id] = "excluded: inside the hazard area"
                continue
        if avoid is not None:
            sx, sy = city.projection.to_xy(s.lat, s.lon)
            if avoid.contains(Point(float(sx), float(sy))):
                shelter_status[s.id] = "excluded: downwind of the release"
                continue
        if others:
            sx, sy = city.projection.to_xy(s.lat, s.lon)
            if held_by := holder_of(list(others), float(sx), float(sy)):
                shelter_status[s.id] = f"excluded: inside the protective area of {', '.join(held_by)} (another open incident)"
                continue
        try:
            node, _ = city.snap(s.lat, s.lon, mode)
        except PlanningError:
            shelter_status[s.id] = "excluded: outside the map"
            continue
        shelter_rows.append((s.model_copy(update={"capacity": s.capacity - held}) if held else s, node))
        shelter_status[s.id] = f"usable: {s.capacity - held:,} of {s.capacity:,} places left" if held else "usable"
    return shelter_rows, shelter_status


def excluded_shelters_warning(city: CityModel, shelter_status: dict[str, str]) -> str | None:
    """One warning naming every shelter not used, with the reason (None when all are usable)."""
    excluded = [f"{s.name} ({shelter_status[s.id].removeprefix('excluded: ')})" for s in city.scenario.shelters
                if shelter_status[s.id].startswith("excluded")]
    return "shelters not used: " + "; ".join(excluded) if excluded else None


def time_to_nearest_shelter(net: HazardNetwork, shelter_rows: list[tuple[Shelter, int]]) -> np.ndarray:
    """Free-graph travel time from every node to its nearest usable shelter.

    All zeros when no shelter is usable, so the exit choice then rests on exposure alone.
    """
    if shelter_rows:
        return dijkstra(net.free_matrix.T.tocsr(), directed=True, indices=sorted({node for _, node in shelter_rows}), min_only=True)
    return np.zeros(net.free_matrix.shape[0])


def travel_costs(idx: GraphIndex, net: HazardNetwork, groups: list[Group], shelter_rows: list[tuple[Shelter, int]]) -> tuple[np.ndarray, np.ndarray, dict[int, int]]:
    """Step 5: seconds from each group's start to each usable shelter (egress + hazard-free trip).

    Returns the groups x shelters cost matrix (``inf``: unreachable, or not accessible for a
    vulnerable group), the predecessor rows of the free-graph search from the assembly
    points, and the row of each assembly node in them.
    """
    sources = sorted({g.assembly for g in groups if g.assembly >= 0})
    dist, pred = idx.shortest(net.free_matrix, sources)
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
    return cost, pred, row_of
