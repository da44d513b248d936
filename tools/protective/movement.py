"""Where people go and how long it takes: an assembly point or the reception shelters, and the clearance time."""

from __future__ import annotations

import numpy as np
import shapely

from tools.ccrp import BUILDING_EXIT_PPS, STAIR_S_PER_FLOOR, Destination, Source, ccrp, edge_capacity_pps
from tools.city import CityModel
from tools.evacuation.assembly import assembly_name
from tools.evacuation.geometry import holder_of, other_incident_areas
from tools.evacuation.report import WALK_THROUGHPUT_PPM
from tools.evacuation.steps import other_area_edges
from tools.protective import geometry as geo
from tools.protective.buildings import Buildings, people_in
from tools.protective.decision import ProtectiveDecision
from tools.protective.models import ProtectiveActionPlan

ASSEMBLY_MAX_M = 400.0
ASSEMBLY_MARGIN_M = 30.0
# How much further from the source a point on a named street may be than the nearest allowed point, to be preferred.
STREET_DETOUR_M = 150.0
# How far the downwind half of an airborne release is kept free of assembly points and shelters: at least this,
# and at least the protective-action sector's length.
UPWIND_REACH_M = 2000.0
# The people without a shelter place are routed to the assembly point from one start node per square of this side (the
# square's most crowded one), not from each building's: a release that fills the shelters moves thousands, and CCRP's
# searches grow with its start nodes (Rautatientori, 19,000 people: 236 nodes 20 s, 34 squares 8 s on the shared
# machine). The shelters' own routing starts each zone's people at one node, coarser still.
ASSEMBLY_CELL_M = 200.0


def keep_out_area(d: ProtectiveDecision, danger, src):
    """Where evacuees must not be sent (PROTECTIVE_ACTIONS.md section 2, "Where evacuees go"): the evacuated or isolated
    area, the DHS preferred-distance ring that people outdoors must clear, and the downwind protective-action sector; for
    a release carried on the wind (a row with a sector), the whole downwind half around the source, so an assembly point
    or shelter lies upwind or crosswind (ERG: approach and stay upwind)."""
    if d.preferred_m:
        danger = shapely.union_all([danger, src.buffer(d.preferred_m)])
    if d.sector is None:
        return danger
    reach = max(UPWIND_REACH_M, d.sector.length_m)
    wedge = geo.sector((src.x, src.y), d.sector.bearing_deg, d.sector.angle_deg, d.sector.length_m)
    downwind_half = geo.sector((src.x, src.y), d.sector.bearing_deg, 180.0, reach, steps=48)
    return shapely.union_all([danger, wedge, downwind_half])


def route_people(city: CityModel, plan: ProtectiveActionPlan, d: ProtectiveDecision, b: Buildings, footprint, evac_area, src,
                 for_incident: str | None = None) -> None:
    """Assembly point or shelters, and the clearance time: CCRP beside the simple bound.  A shelter is offered with the
    places approved evacuations of other incidents leave in it (``for_incident``: the incident planned)."""
    idx = city.index("walk")
    cap = edge_capacity_pps(idx, "walk")
    danger = evac_area if evac_area is not None else (footprint.buffer(d.isolation_m) if d.isolation_m else footprint.buffer(ASSEMBLY_MARGIN_M))
    danger = keep_out_area(d, danger, src)
    shapely.prepare(danger)
    inside = shapely.contains_xy(danger, idx.x, idx.y)
    touches = shapely.intersects(idx.edge_lines(), danger)
    allowed = ~touches | inside[idx.edge_u]  # hazard streets only on the way out
    if (enters_other := other_area_edges(idx, other_incident_areas(city, for_incident))) is not None:
        allowed &= ~enters_other  # and never through another open incident's area
    if evac_area is None:  # building: everyone from its door
        node, _ = idx.snap(*geo.latlon(city, src.x, src.y))
        sources = [Source(node, plan.people_moved, release_s=STAIR_S_PER_FLOOR * max(0.0, (plan.building.floors if plan.building else 1) - 1), exit_pps=BUILDING_EXIT_PPS)]
    else:
        sources = _area_sources(city, b, evac_area, plan.people_moved, d.night)
    if not sources:
        return
    dests, names = [], []
    unplaced = _shelter_plan(city, plan, evac_area, d, danger, for_incident) if d.shelters and evac_area is not None else None
    if unplaced == 0:
        return
    if unplaced and plan.shelters:  # some shelter places: the rest gather beyond the keep-out area, upwind or crosswind
        a = _add_assembly_point(city, idx, danger, inside, src, plan, f"for the {unplaced:,} people without a shelter place", for_incident)
        if a is not None:
            _time_assembly(plan, idx, cap, allowed, a, _coarse_sources(idx, _area_sources(city, b, evac_area, unplaced, d.night), ASSEMBLY_CELL_M))
        return
    indoors = d.indoor_refuge and evac_area is None
    if (d.shelters and evac_area is not None) or indoors:
        taken = city.shelter_taken(for_incident) if hasattr(city, "shelter_taken") else {}
        others = other_incident_areas(city, for_incident)
        for s in city.scenario.shelters:
            sx, sy = geo.xy(city, s.lat, s.lon)
            left = s.capacity - taken.get(s.id, 0)  # a shelter approved evacuations fill takes nobody more
            if left <= 0 or plan.hazard_type in s.unsuitable_for or danger.contains(shapely.Point(sx, sy)):
                continue
            if held := holder_of(others, sx, sy):  # never into another open incident's area
                plan.warnings.append(f"shelter {s.name} not used: it lies inside the protective area of {', '.join(held)}")
                continue
            node, _ = idx.snap(s.lat, s.lon)
            dests.append(Destination(node, left))
            names.append(s)
        if indoors and not dests:
            plan.warnings.append("no shelter has places left for the people who cannot wait outdoors (approved evacuations "
                                 "hold them): find them a place indoors nearby")
    if not dests:  # an assembly point just outside the danger area, as close as possible
        a = _add_assembly_point(city, idx, danger, inside, src, plan, "for everyone moved: no shelter outside the keep-out area" if unplaced else "", for_incident)
        if a is None:
            return
        dests = [Destination(a)]
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


def _time_assembly(plan: ProtectiveActionPlan, idx, cap: np.ndarray, allowed: np.ndarray, node: int, sources: list[Source]) -> None:
    """The routed clearance of the people without a shelter place to the assembly point: CCRP on the same walking network,
    street capacities and keep-out mask as every other route of the plan. The plan's clearance becomes the later of
    theirs and the shelters'.

    The shelter routes come from the evacuation planner's own run, so the two groups do not compete for the same
    streets here: where they share one the real clearance is longer, and the plan says so. Where in the area the
    people without a place are is not known (the planner fills shelters zone by zone); they are spread over the area's
    buildings as everyone else is."""
    res = ccrp(idx, sources, [Destination(node)], cap, allowed=allowed)
    name = plan.assembly_point["name"] if plan.assembly_point else "the assembly point"
    if res.clearance_s is None or not res.routes:
        plan.warnings.append(f"no routed clearance to {name}: the walking network gives no route there outside the keep-out area")
        return
    routed = round(res.clearance_s / 60.0, 1)
    trip = max(r.arrive_s - r.depart_s for r in res.routes)
    bound = round(trip / 60.0 + res.moved / WALK_THROUGHPUT_PPM, 1)
    plan.clearance_assembly_min = routed
    plan.clearance_routed_min = max(routed, plan.clearance_routed_min or 0.0)
    plan.clearance_bound_min = max(bound, plan.clearance_bound_min or 0.0)
    plan.warnings.append(f"clearance to {name}: {routed:.0f} min for the {res.moved:,} people without a shelter place (routing model; "
                         f"routed apart from those going to shelters, so streets both use may make it longer)")
    if res.left:
        plan.warnings.append(f"{res.left:,} people cannot reach {name} on the walking network")


def _add_assembly_point(city: CityModel, idx, danger, inside: np.ndarray, src, plan: ProtectiveActionPlan, why: str,
                        for_incident: str | None = None) -> int | None:
    """The assembly point just outside ``danger`` (the keep-out area: upwind or crosswind of a release) on ``plan``, and
    its walk node; None, said in a warning, when the walking network has none. ``why``: who gathers there, when not all.
    It is never inside another open incident's protective area (``city.incident_areas``; ``for_incident``: the incident
    planned, whose own area is ``danger``): evacuees are not sent into a crowd crush's cordon."""
    others = _other_incident_areas(city, for_incident)
    keep_clear = danger if others is None else shapely.union(danger, others[0])
    a = _assembly_node(city, idx, keep_clear, inside, src)
    if a is None:
        plan.warnings.append("no assembly point outside the danger area on the walking network")
        return None
    plan.assembly_point = {"name": assembly_name(city, "walk", a, avoid=keep_clear), "lat": float(idx.lat[a]), "lon": float(idx.lon[a])}
    if why:
        plan.warnings.append(f"assembly point {plan.assembly_point['name']} {why}")
    plain = _assembly_node(city, idx, danger, inside, src) if others is not None else a
    if plain is not None and plain != a:
        p = shapely.Point(float(idx.x[plain]), float(idx.y[plain]))
        held = [incident for incident, circle in others[1] if circle.contains(p)]
        plan.warnings.append(f"assembly point {plan.assembly_point['name']}: the nearer gathering place "
                             f"({assembly_name(city, 'walk', plain, avoid=danger)}) lies inside the protective area of "
                             f"{', '.join(held) or 'another open incident'}")
    return a


def _other_incident_areas(city: CityModel, for_incident: str | None) -> tuple[object, list[tuple[str, object]]] | None:
    """(the union of the other open incidents' protective circles in metres, (incident id, circle) each), or None."""
    circles = other_incident_areas(city, for_incident)
    if not circles:
        return None
    return shapely.union_all([c for _, c in circles]), circles


def _shelter_plan(city: CityModel, plan: ProtectiveActionPlan, evac_area, d: ProtectiveDecision, keep_out,
                  for_incident: str | None = None) -> int | None:
    """Reception shelters for an area evacuation by the evacuation planner (min-cost flow, timed by CCRP), none of them
    in ``keep_out`` (``keep_out_area``).

    The min-cost flow's assignment serves more people at fewer person-minutes than the
    routing model's own greedy choice, for about the same clearance time
    (bench_protective_actions), so it is kept. The number of people left without a shelter place; None when the area
    is not one polygon.
    """
    from tools.evacuation import Hazard, plan_evacuation

    area = evac_area.simplify(2.0)
    if area.geom_type != "Polygon" or not plan.hazard_type:
        return None
    ring = [geo.latlon(city, x, y) for x, y in list(area.exterior.coords)[:-1]]
    ev = plan_evacuation(city, Hazard(hazard_type=plan.hazard_type, polygon=ring), population="resident" if d.night else "daytime", avoid=keep_out,
                        for_incident=for_incident)
    plan.shelters = [{"shelter_id": s.shelter_id, "name": s.name, "lat": s.lat, "lon": s.lon, "capacity": s.capacity, "people": s.load}
                     for s in ev.shelters if s.load > 0]
    plan.clearance_routed_min, plan.clearance_bound_min = ev.clearance_time_routed_min, ev.clearance_time_min
    plan.route_lines = [r.coordinates for r in ev.routes]
    if ev.unserved_people:
        plan.warnings.append(ev.unserved_statement)
    plan.warnings.append(f"shelter places planned for the {ev.total_people:,} people the scenario zones put in the area "
                         f"(people moved above: {plan.people_moved:,})")
    return ev.unserved_people


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


def _coarse_sources(idx, sources: list[Source], cell_m: float) -> list[Source]:
    """The sources merged per square of ``cell_m``: their people at the square's most crowded node, their exits together."""
    cells: dict[tuple[int, int], list[Source]] = {}
    for s in sources:
        cells.setdefault((int(idx.x[s.node] // cell_m), int(idx.y[s.node] // cell_m)), []).append(s)
    return [Source(max(group, key=lambda s: s.people).node, sum(s.people for s in group), exit_pps=sum(s.exit_pps for s in group))
            for _, group in sorted(cells.items())]


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
    # People are told to gather on a street they can name ("Annankatu"), not at a footpath junction in a courtyard
    # ("footpath 47 m from Annankatu"): the nearest point on a named street, unless it is much further than any point.
    on_street = np.where(_on_named_street(idx), d, np.inf)
    best, nearest = int(np.argmin(on_street)), int(np.argmin(d))
    return best if on_street[best] <= d[nearest] + STREET_DETOUR_M else nearest


def _on_named_street(idx) -> np.ndarray:
    """Per walk node: whether a named street or square (an edge with an OSM name) starts or ends there."""
    named = np.array([bool(n) for n in idx.edge_names])
    out = np.zeros(len(idx.x), dtype=bool)
    out[idx.edge_u[named]] = True
    out[idx.edge_v[named]] = True
    return out

