"""Step 4: assembly points, where each zone's people gather once out of the hazard area.

A zone outside the hazard assembles at its centre. A zone inside leaves by the path of
least exposure (hazard edges cost ``EXPOSURE_PENALTY`` times their travel time) to an exit:
an outside node reached by an edge that touches the hazard. Among equally exposed exits the
one nearest a usable shelter wins, so nobody is led into a dead end.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import networkx as nx
import numpy as np
import shapely
from shapely.geometry import Point

from tools.city import CityModel, PlanningError
from tools.evacuation.steps import EXPOSURE_PENALTY, Group, HazardNetwork
from tools.routing import GraphIndex
from tools.scenario import Zone


@dataclass
class ZoneAssembly:
    """Where one zone's people gather: node index, the egress path to it, and its travel time (s)."""

    node: int
    path: list[int]
    egress_s: float


@dataclass
class ExitSearch:
    """What the exit choice needs from the network, computed once for all zones."""

    exit_node: np.ndarray
    exposure_matrix: object
    to_shelter: np.ndarray
    has_shelters: bool
    # Nodes inside another open incident's protective area: never an assembly point (a plan never sends people into
    # another hazard). All False when no other incident is open.
    blocked: np.ndarray | None = None


def exit_search(idx: GraphIndex, net: HazardNetwork, to_shelter: np.ndarray, has_shelters: bool, blocked: np.ndarray | None = None) -> ExitSearch:
    """Exit nodes (just outside the hazard, with a free way on, not in another incident's area) and the exposure-weighted graph."""
    blocked = np.zeros(idx.n, dtype=bool) if blocked is None else blocked
    exit_node = np.zeros(idx.n, dtype=bool)
    exit_node[idx.edge_v[net.in_hazard_edge & ~net.closed]] = True
    exit_node &= ~net.inside_node & net.has_free_exit & ~blocked
    exposure_w = idx.edge_time * np.where(net.in_hazard_edge, EXPOSURE_PENALTY, 1.0)
    keep = ~net.closed if net.enters_other is None else ~net.closed & ~net.enters_other  # not through another incident's area
    return ExitSearch(exit_node, idx.matrix(weights=exposure_w, keep=keep), to_shelter, has_shelters, blocked)


def assembly_for_zone(idx: GraphIndex, net: HazardNetwork, search: ExitSearch, origin: int) -> ZoneAssembly | None:
    """The assembly point of people starting at ``origin`` (None: no way out of the hazard).

    A zone whose start lies outside the hazard gathers there, unless that is inside another open incident's area: then
    at the nearest node outside both (by the exposure-weighted walk), as a zone inside the hazard does at an exit."""
    blocked = search.blocked if search.blocked is not None else np.zeros(idx.n, dtype=bool)
    if not net.inside_node[origin] and not blocked[origin] and net.has_free_exit[origin] and (np.isfinite(search.to_shelter[origin]) or not search.has_shelters):
        return ZoneAssembly(origin, [origin], 0.0)
    dist, pred = idx.shortest(search.exposure_matrix, [origin])
    exits = search.exit_node if net.inside_node[origin] else (~net.inside_node & net.has_free_exit & ~blocked)
    cand = np.where(exits & np.isfinite(dist[0]), dist[0] + search.to_shelter, np.inf)
    best = int(np.argmin(cand))
    if not np.isfinite(cand[best]):  # no exit leads to a shelter: still get people out of the hazard
        cand = np.where(~net.inside_node & ~blocked & net.has_free_exit & np.isfinite(dist[0]), dist[0], np.inf)
        best = int(np.argmin(cand))
    if not np.isfinite(cand[best]):
        return None
    path = idx.path(pred[0], origin, best)
    _, _, egress_s, _ = idx.path_details(path)
    return ZoneAssembly(best, path, egress_s)


def choose_assembly_points(city: CityModel, mode: str, net: HazardNetwork, chosen: list[Zone], to_shelter: np.ndarray, has_shelters: bool,
                           warnings_: list[str], others: list[tuple[str, object]] = ()) -> tuple[dict[str, ZoneAssembly], dict[str, str]]:
    """Assembly point per zone id, and the reason for each zone that cannot leave. ``others``: (incident id, metric area)
    of the other open incidents (``geometry.other_incident_areas``), where no assembly point may lie."""
    idx = city.index(mode)
    blocked = shapely.contains_xy(shapely.union_all([a for _, a in others]), idx.x, idx.y) if others else None
    search = exit_search(idx, net, to_shelter, has_shelters, blocked)
    unreachable: dict[str, str] = {}
    assembly_of: dict[str, ZoneAssembly] = {}
    for z in chosen:
        lat, lon = z.centroid()
        try:
            origin, snap_m = city.snap(lat, lon, mode)
        except PlanningError as exc:
            unreachable[z.id] = str(exc)
            continue
        if snap_m > 250:
            warnings_.append(f"zone {z.name}: its centre is {snap_m:.0f} m from the nearest {mode} path")
        found = assembly_for_zone(idx, net, search, origin)
        if found is None:
            unreachable[z.id] = (
                f"{z.name}: the hazard area covers every reachable part of the map" if not (~net.inside_node).any()
                else f"{z.name}: no way out of the hazard area on the {mode} network (roads closed or the area covers it)"
            )
            continue
        assembly_of[z.id] = found
    return assembly_of, unreachable


def attach_assembly(groups: list[Group], assembly_of: dict[str, ZoneAssembly]) -> None:
    """Give each group its zone's assembly point and egress (slower for vulnerable people)."""
    for grp in groups:
        if grp.zone.id in assembly_of:
            a = assembly_of[grp.zone.id]
            grp.assembly, grp.egress_path, grp.egress_s = a.node, a.path, a.egress_s
            grp.egress_s *= grp.slowdown


def assembly_name(city: CityModel, mode: str, node: int, avoid=None) -> str:
    """A name people recognise for an assembly node: a staging area, streets, or a footpath near one.

    ``avoid``: a metric area (the hazard, a toxic release's downwind side): a staging area inside it does not name the
    point, so people are never told to gather at the place they are leaving."""
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
        if avoid is not None and avoid.contains(Point(float(x1), float(y1))):
            continue
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

