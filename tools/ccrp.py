"""Clearance time from a capacity-constrained routing model: CCRP (Lu, George and Shekhar 2005).

Capacity Constrained Route Planner: repeatedly find, over all sources that still hold people,
the route with the earliest arrival at a destination that still has room, given the capacity
already reserved by earlier routes, and send as many people along it as its bottleneck
allows; reserve that capacity; stop when every source is empty or no destination can be
reached. Time is cut into slots of ``slot_s`` seconds; a street (edge) lets at most
``capacity x slot_s`` people start along it in one slot, a source (building exit) lets out
``exit_pps x slot_s`` people a slot, a destination (shelter door, assembly point) takes in
``intake_pps x slot_s`` a slot and at most its capacity in all. People wait where a street is
full. Simplification against the paper: nodes have no holding capacity (junctions and
pavements are taken to hold any queue), which keeps the search a plain Dijkstra on arrival
times with waiting (FIFO holds, so it is exact for that model).

Street capacity on foot: ``SPECIFIC_FLOW_PPMS`` (1.3 persons per metre of width per second,
the usual maximum specific flow of a walking crowd) x an effective width by OSM highway type
[demo widths]; by car, one lane of ``VEHICLES_PER_LANE_H`` vehicles at ``PERSONS_PER_VEHICLE``.
"""

from __future__ import annotations

import heapq
import math
import threading
from dataclasses import dataclass, field

import numpy as np

from scipy.sparse.csgraph import dijkstra

from tools.routing import GraphIndex

SPECIFIC_FLOW_PPMS = 1.3
# Effective width (m) an evacuating crowd uses, by highway type [demo]; pedestrians take the
# carriageway of ordinary streets in an evacuation.
WALK_WIDTH_M: dict[str, float] = {
    "footway": 2.0, "path": 1.5, "cycleway": 2.0, "steps": 1.2, "corridor": 2.0, "elevator": 0.5, "track": 2.0, "bridleway": 1.5,
    "pedestrian": 6.0, "living_street": 5.0, "service": 4.0, "residential": 6.0, "unclassified": 6.0, "tertiary": 8.0,
    "secondary": 10.0, "primary": 12.0, "trunk": 12.0, "road": 6.0,
}
DEFAULT_WALK_WIDTH_M = 3.0
VEHICLES_PER_LANE_H = 1000.0
PERSONS_PER_VEHICLE = 1.5
LANES: dict[str, int] = {"primary": 2, "trunk": 2, "motorway": 2, "secondary": 2}
# A building exit: two 1.2 m doors / stair exits at the specific flow [demo]; stairs add a
# descent time per floor above the ground [demo].
BUILDING_EXIT_PPS = 2 * 1.2 * SPECIFIC_FLOW_PPMS
STAIR_S_PER_FLOOR = 15.0
# A shelter's door: registration of about 3 people a second [demo].
SHELTER_INTAKE_PPS = 3.0
SLOT_S = 30.0


_cap_cache: dict[tuple[int, str], tuple[object, np.ndarray]] = {}


def edge_capacity_pps(idx: GraphIndex, mode: str) -> np.ndarray:
    """Persons per second that may start along each edge of the index (computed once per index)."""
    hit = _cap_cache.get((id(idx), mode))
    if hit is not None and hit[0] is idx:
        return hit[1]
    g = idx.graph
    cap = np.empty(len(idx.edge_u))
    for k, (_, _, d) in enumerate(g.edges(data=True)):
        hw = str(d.get("highway") or "road").removesuffix("_link")
        if mode == "walk":
            cap[k] = SPECIFIC_FLOW_PPMS * WALK_WIDTH_M.get(hw, DEFAULT_WALK_WIDTH_M)
        else:
            cap[k] = LANES.get(hw, 1) * VEHICLES_PER_LANE_H * PERSONS_PER_VEHICLE / 3600.0
    cap.setflags(write=False)
    _cap_cache[(id(idx), mode)] = (idx, cap)
    return cap


@dataclass
class Source:
    node: int
    people: int
    release_s: float = 0.0           # earliest time the first person reaches the street
    exit_pps: float = math.inf       # building exit capacity (inf: people already in the street)
    slowdown: float = 1.0


@dataclass
class Destination:
    node: int
    capacity: float = math.inf
    intake_pps: float = math.inf
    allowed: set[int] | None = None  # source indices allowed to end here (None: all)


@dataclass
class Route:
    source: int
    destination: int
    people: int
    depart_s: float
    arrive_s: float
    path: list[int]


@dataclass
class RoutingResult:
    clearance_s: float | None
    routes: list[Route]
    moved: int
    left: int
    iterations: int
    arrivals: dict[int, int] = field(default_factory=dict)


_adj_lock = threading.Lock()
_adj_cache: dict[int, tuple[object, list[list[tuple[int, int, float]]]]] = {}


def _adjacency(idx: GraphIndex) -> list[list[tuple[int, int, float]]]:
    """Per node: (edge id, head node, travel time s), built once per index."""
    with _adj_lock:
        hit = _adj_cache.get(id(idx))
        if hit is not None and hit[0] is idx:
            return hit[1]
    adj: list[list[tuple[int, int, float]]] = [[] for _ in range(idx.n)]
    for k, (u, v, t) in enumerate(zip(idx.edge_u.tolist(), idx.edge_v.tolist(), idx.edge_time.tolist())):
        adj[u].append((k, v, t))
    with _adj_lock:
        _adj_cache[id(idx)] = (idx, adj)
    return adj


class _Slots:
    """Capacity left per slot, created on first use."""

    def __init__(self, per_slot: float):
        self.per_slot = max(1.0, per_slot)  # whole people: a slot lets at least one through
        self.used: dict[int, float] = {}

    def free(self, slot: int) -> float:
        return self.per_slot - self.used.get(slot, 0.0)

    def first_free(self, slot: int) -> int:
        while self.used.get(slot, 0.0) > self.per_slot - 1.0 + 1e-9:  # less than one person of room
            slot += 1
        return slot

    def take(self, slot: int, amount: float) -> None:
        self.used[slot] = self.used.get(slot, 0.0) + amount


def ccrp(idx: GraphIndex, sources: list[Source], destinations: list[Destination], capacity_pps: np.ndarray, *,
         allowed: np.ndarray | None = None, slot_s: float = SLOT_S, edge_state: dict[int, _Slots] | None = None,
         max_iterations: int = 20_000, reuse_slots: float = 1.0) -> RoutingResult:
    """Route everyone from the sources to the destinations under capacity; the last arrival is the clearance time.

    ``allowed``: edge mask (False: closed, or leading into the hazard). ``edge_state`` carries
    reservations between calls (e.g. vulnerable people first, then everyone else).
    ``reuse_slots``: how much later (in slots) than the search's proven earliest arrival a route
    may be reused without a new search; 0 is the exact CCRP (slower on large crowds).
    """
    adj = _adjacency(idx)
    ok = np.ones(len(idx.edge_u), dtype=bool) if allowed is None else allowed
    edges = edge_state if edge_state is not None else {}
    left = [s.people for s in sources]
    exits = [_Slots(s.exit_pps * slot_s) if math.isfinite(s.exit_pps) else None for s in sources]
    room = [d.capacity for d in destinations]
    doors = [_Slots(d.intake_pps * slot_s) if math.isfinite(d.intake_pps) else None for d in destinations]
    adj_time = idx.edge_time
    # A search labels each node with its best source only, so destinations reserved for some
    # sources need a search per source (exact, slower: used to evaluate a fixed assignment).
    per_source = any(d.allowed is not None for d in destinations)
    dest_at: dict[int, list[int]] = {}
    for j, d in enumerate(destinations):
        dest_at.setdefault(d.node, []).append(j)
    routes: list[Route] = []
    clearance = None
    it = 0
    open_set: frozenset[int] | None = None
    rev = None  # reversed allowed graph, for the A* bound
    h: list[float] = []
    min_slow = min((src.slowdown for src in sources), default=1.0)
    while it < max_iterations and any(p > 0 for p in left) and any(r > 0 for r in room):
        it += 1
        open_now = frozenset(j for j, r in enumerate(room) if r > 0)
        if open_now != open_set:  # A* bound: free-flow time to the nearest destination with room
            if rev is None:
                rev = idx.matrix(keep=ok).T.tocsr()
            open_set, h = open_now, _lower_bound(rev, idx.n, sorted({destinations[j].node for j in open_now}), min_slow)
        if per_source:  # destinations reserved for some sources: one search per source, the earliest wins
            cands = [f for i in range(len(sources)) if left[i] > 0
                     and (f := _earliest_route(adj, ok, edges, sources, exits, left, destinations, dest_at, room, doors, slot_s, h, only=i)) is not None]
            found = min(cands, key=lambda f: f[4]) if cands else None
        else:
            found = _earliest_route(adj, ok, edges, sources, exits, left, destinations, dest_at, room, doors, slot_s, h)
        if found is None:
            break
        i, j, hops, depart, arrive = found
        horizon = arrive + reuse_slots * slot_s
        # Route reuse: keep sending people along the route just found while it arrives no more than
        # one slot later than the earliest arrival the search proved; no other route can arrive
        # before that search's arrival, so each reuse is within one slot of CCRP's own choice.
        while left[i] > 0 and room[j] > 0 and arrive <= horizon:
            people = _send(sources[i], exits[i], hops, doors[j], left[i], room[j], depart, arrive, edges, capacity_pps, slot_s)
            if people <= 0:
                break
            left[i] -= people
            room[j] -= people
            path = [sources[i].node] + [int(idx.edge_v[k]) for k, _ in hops]
            routes.append(Route(i, j, people, depart, arrive, path))
            clearance = arrive if clearance is None else max(clearance, arrive)
            retimed = _retime(sources[i], exits[i], [k for k, _ in hops], adj_time, doors[j], depart, edges, capacity_pps, slot_s)
            if retimed is None:
                break
            hops, depart, arrive = retimed
    moved = sum(r.people for r in routes)
    arrivals: dict[int, int] = {}
    for r in routes:
        arrivals[r.destination] = arrivals.get(r.destination, 0) + r.people
    return RoutingResult(clearance, routes, moved, sum(left), it, arrivals)


def _earliest_route(adj, ok, edges, sources, exits, left, destinations, dest_at, room, doors, slot_s, h, only: int | None = None):
    """A* on arrival time with waiting, from every source that still holds people at once.

    ``h``: free-flow time from each node to the nearest open destination, a lower bound on
    the time still needed (waiting only adds), so the first destination popped is the earliest.
    """
    best: dict[int, float] = {}
    prev: dict[int, tuple[int, int, int]] = {}   # node -> (previous node, edge, departure slot)
    inf = math.inf
    done: set[int] = set()
    origin: dict[int, int] = {}
    heap: list[tuple[float, int, int]] = []
    for i, s in enumerate(sources):
        if left[i] <= 0 or (only is not None and i != only):
            continue
        t = s.release_s
        if exits[i] is not None:
            t = max(t, exits[i].first_free(int(t // slot_s)) * slot_s)
        if t < best.get(s.node, math.inf) and h[s.node] < math.inf:
            best[s.node] = t
            origin[s.node] = i
            heapq.heappush(heap, (t + h[s.node], s.node, i))
    depart_of = {s.node: best[s.node] for s in sources if s.node in best}
    while heap:
        _, u, _ = heapq.heappop(heap)
        if u in done:
            continue
        done.add(u)
        t, i = best[u], origin[u]
        for j in dest_at.get(u, ()):
            d = destinations[j]
            if room[j] <= 0 or (d.allowed is not None and i not in d.allowed):
                continue
            arrive = t
            if doors[j] is not None:
                arrive = max(t, doors[j].first_free(int(t // slot_s)) * slot_s)
            hops = []
            node = u
            while node in prev:
                p, k, slot = prev[node]
                hops.append((k, slot))
                node = p
            hops.reverse()
            return i, j, hops, depart_of.get(node, t), arrive
        slow = sources[i].slowdown
        for k, v, tt in adj[u]:
            if not ok[k]:
                continue
            slot = int(t // slot_s)
            st = edges.get(k)
            if st is not None:
                slot = st.first_free(slot)
            dep = max(t, slot * slot_s)
            arr = dep + tt * slow
            if arr < best.get(v, inf) and h[v] < inf:
                best[v] = arr
                origin[v] = i
                prev[v] = (u, k, slot)
                heapq.heappush(heap, (arr + h[v], v, i))
    return None


def _send(src: Source, exit_slots, hops, door, left: int, room: float, depart: float, arrive: float, edges, capacity_pps, slot_s: float) -> int:
    """Send as many people as the route's bottleneck allows now; reserve that capacity."""
    flow = float(min(left, room))
    if exit_slots is not None:
        flow = min(flow, exit_slots.free(int(depart // slot_s)))
    for k, slot in hops:
        st = edges.get(k)
        flow = min(flow, st.free(slot) if st else max(1.0, capacity_pps[k] * slot_s))
    if door is not None:
        flow = min(flow, door.free(int(arrive // slot_s)))
    people = int(math.floor(flow + 1e-9))
    if people <= 0:
        return 0
    if exit_slots is not None:
        exit_slots.take(int(depart // slot_s), people)
    for k, slot in hops:
        edges.setdefault(k, _Slots(capacity_pps[k] * slot_s)).take(slot, people)
    if door is not None:
        door.take(int(arrive // slot_s), people)
    return people


def _retime(src: Source, exit_slots, route_edges: list[int], edge_time, door, depart: float, edges, capacity_pps, slot_s: float):
    """The same streets again, each entered at its first slot with room: (hops, departure, arrival)."""
    t = depart
    if exit_slots is not None:
        t = max(t, exit_slots.first_free(int(t // slot_s)) * slot_s)
    start = t
    hops = []
    for k in route_edges:
        slot = int(t // slot_s)
        st = edges.get(k)
        if st is not None:
            slot = st.first_free(slot)
        t = max(t, slot * slot_s) + float(edge_time[k]) * src.slowdown
        hops.append((k, slot))
    if door is not None:
        t = max(t, door.first_free(int(t // slot_s)) * slot_s)
    return hops, start, t


def _lower_bound(rev, n: int, targets: list[int], slowdown: float) -> list[float]:
    """Free-flow seconds from every node to the nearest target over the allowed edges (inf: cannot reach)."""
    if not targets:
        return [math.inf] * n
    d = dijkstra(rev, directed=True, indices=targets, min_only=True)
    return (d * slowdown).tolist()
