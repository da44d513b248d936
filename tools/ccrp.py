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
pavements are taken to hold any queue), which keeps the search a shortest-path search on
arrival times with waiting (FIFO holds, so it is exact for that model). The search is A* with
the free-flow time to the nearest open destination as the bound. Capacities: ``tools.capacities``.
"""

from __future__ import annotations

import heapq
import math
import threading
from dataclasses import dataclass, field

import numpy as np
from scipy.sparse.csgraph import dijkstra

from tools.capacities import BUILDING_EXIT_PPS, SHELTER_INTAKE_PPS, STAIR_S_PER_FLOOR, edge_capacity_pps
from tools.routing import GraphIndex

SLOT_S = 30.0
__all__ = ["BUILDING_EXIT_PPS", "SHELTER_INTAKE_PPS", "SLOT_S", "STAIR_S_PER_FLOOR", "Destination", "Route", "RoutingResult", "Source", "ccrp", "edge_capacity_pps"]


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


Found = tuple[int, int, list[tuple[int, int]], float, float]  # source, destination, [(edge, slot)], departure, arrival


class _Run:
    """The state of one CCRP run: people left, room left and the capacity reserved so far."""

    def __init__(self, idx: GraphIndex, sources: list[Source], destinations: list[Destination], capacity_pps: np.ndarray,
                 allowed: np.ndarray | None, slot_s: float, edge_state: dict[int, _Slots] | None):
        self.idx, self.sources, self.destinations, self.cap, self.slot_s = idx, sources, destinations, capacity_pps, slot_s
        self.adj = _adjacency(idx)
        self.ok = np.ones(len(idx.edge_u), dtype=bool) if allowed is None else allowed
        self.edges = edge_state if edge_state is not None else {}
        self.left = [s.people for s in sources]
        self.exits = [_Slots(s.exit_pps * slot_s) if math.isfinite(s.exit_pps) else None for s in sources]
        self.room = [d.capacity for d in destinations]
        self.doors = [_Slots(d.intake_pps * slot_s) if math.isfinite(d.intake_pps) else None for d in destinations]
        self.dest_at: dict[int, list[int]] = {}
        for j, d in enumerate(destinations):
            self.dest_at.setdefault(d.node, []).append(j)
        self.h: list[float] = []
        self._open: frozenset[int] | None = None
        self._rev = None
        self._min_slow = min((s.slowdown for s in sources), default=1.0)

    def busy(self) -> bool:
        return any(p > 0 for p in self.left) and any(r > 0 for r in self.room)

    def update_bound(self) -> None:
        """A* bound: free-flow time from every node to the nearest destination with room (recomputed when one fills)."""
        open_now = frozenset(j for j, r in enumerate(self.room) if r > 0)
        if open_now == self._open:
            return
        if self._rev is None:
            self._rev = self.idx.matrix(keep=self.ok).T.tocsr()
        targets = sorted({self.destinations[j].node for j in open_now})
        self._open = open_now
        if not targets:
            self.h = [math.inf] * self.idx.n
        else:
            self.h = (dijkstra(self._rev, directed=True, indices=targets, min_only=True) * self._min_slow).tolist()

    def earliest(self) -> Found | None:
        """The earliest-arriving route of any source (one search per source when destinations are reserved)."""
        if not any(d.allowed is not None for d in self.destinations):
            return self._search(None)
        cands = [f for i in range(len(self.sources)) if self.left[i] > 0 and (f := self._search(i)) is not None]
        return min(cands, key=lambda f: f[4]) if cands else None

    def _start(self, i: int) -> float:
        t = self.sources[i].release_s
        if self.exits[i] is not None:
            t = max(t, self.exits[i].first_free(int(t // self.slot_s)) * self.slot_s)
        return t

    def _search(self, only: int | None) -> Found | None:
        """A* on arrival time with waiting; the bound never overestimates, so the first destination popped is the earliest."""
        slot_s, h, inf = self.slot_s, self.h, math.inf
        best: dict[int, float] = {}
        prev: dict[int, tuple[int, int, int]] = {}   # node -> (previous node, edge, departure slot)
        origin: dict[int, int] = {}
        done: set[int] = set()
        heap: list[tuple[float, int, int]] = []
        for i, s in enumerate(self.sources):
            if self.left[i] <= 0 or (only is not None and i != only):
                continue
            t = self._start(i)
            if t < best.get(s.node, inf) and h[s.node] < inf:
                best[s.node], origin[s.node] = t, i
                heapq.heappush(heap, (t + h[s.node], s.node, i))
        depart_of = dict(best)
        while heap:
            _, u, _ = heapq.heappop(heap)
            if u in done:
                continue
            done.add(u)
            t, i = best[u], origin[u]
            for j in self.dest_at.get(u, ()):
                d = self.destinations[j]
                if self.room[j] > 0 and (d.allowed is None or i in d.allowed):
                    return i, j, *self._hops_to(prev, u, depart_of, t), self._door(j, t)
            slow = self.sources[i].slowdown
            for k, v, tt in self.adj[u]:
                if not self.ok[k]:
                    continue
                st = self.edges.get(k)
                slot = st.first_free(int(t // slot_s)) if st is not None else int(t // slot_s)
                arr = max(t, slot * slot_s) + tt * slow
                if arr < best.get(v, inf) and h[v] < inf:
                    best[v], origin[v], prev[v] = arr, i, (u, k, slot)
                    heapq.heappush(heap, (arr + h[v], v, i))
        return None

    @staticmethod
    def _hops_to(prev, u: int, depart_of: dict[int, float], t: float) -> tuple[list[tuple[int, int]], float]:
        hops, node = [], u
        while node in prev:
            p, k, slot = prev[node]
            hops.append((k, slot))
            node = p
        hops.reverse()
        return hops, depart_of.get(node, t)

    def _door(self, j: int, t: float) -> float:
        door = self.doors[j]
        return t if door is None else max(t, door.first_free(int(t // self.slot_s)) * self.slot_s)

    def send(self, i: int, j: int, hops, depart: float, arrive: float) -> int:
        """Send as many people as the route's bottleneck allows now; reserve that capacity."""
        slot_s, exit_slots, door = self.slot_s, self.exits[i], self.doors[j]
        flow = float(min(self.left[i], self.room[j]))
        if exit_slots is not None:
            flow = min(flow, exit_slots.free(int(depart // slot_s)))
        for k, slot in hops:
            st = self.edges.get(k)
            flow = min(flow, st.free(slot) if st else max(1.0, self.cap[k] * slot_s))
        if door is not None:
            flow = min(flow, door.free(int(arrive // slot_s)))
        people = int(math.floor(flow + 1e-9))
        if people <= 0:
            return 0
        if exit_slots is not None:
            exit_slots.take(int(depart // slot_s), people)
        for k, slot in hops:
            self.edges.setdefault(k, _Slots(self.cap[k] * slot_s)).take(slot, people)
        if door is not None:
            door.take(int(arrive // slot_s), people)
        self.left[i] -= people
        self.room[j] -= people
        return people

    def retime(self, i: int, j: int, hops, depart: float) -> tuple[list[tuple[int, int]], float, float]:
        """The same streets again, each entered at its first slot with room: (hops, departure, arrival)."""
        slot_s = self.slot_s
        t = depart
        if self.exits[i] is not None:
            t = max(t, self.exits[i].first_free(int(t // slot_s)) * slot_s)
        start, out = t, []
        for k, _ in hops:
            st = self.edges.get(k)
            slot = st.first_free(int(t // slot_s)) if st is not None else int(t // slot_s)
            t = max(t, slot * slot_s) + float(self.idx.edge_time[k]) * self.sources[i].slowdown
            out.append((k, slot))
        return out, start, self._door(j, t)


def ccrp(idx: GraphIndex, sources: list[Source], destinations: list[Destination], capacity_pps: np.ndarray, *,
         allowed: np.ndarray | None = None, slot_s: float = SLOT_S, edge_state: dict[int, _Slots] | None = None,
         max_iterations: int = 20_000, reuse_slots: float = 1.0) -> RoutingResult:
    """Route everyone from the sources to the destinations under capacity; the last arrival is the clearance time.

    ``allowed``: edge mask (False: closed, or leading into the hazard). ``edge_state`` carries
    reservations between calls (e.g. vulnerable people first, then everyone else).
    ``reuse_slots``: how much later (in slots) than the search's proven earliest arrival a route
    may be reused without a new search; 0 is the exact CCRP (slower on large crowds).
    """
    run = _Run(idx, sources, destinations, capacity_pps, allowed, slot_s, edge_state)
    routes: list[Route] = []
    it = 0
    while it < max_iterations and run.busy():
        it += 1
        run.update_bound()
        found = run.earliest()
        if found is None:
            break
        i, j, hops, depart, arrive = found
        # Route reuse: keep sending people along the route just found while it arrives no more than
        # ``reuse_slots`` later than the earliest arrival the search proved (no other route arrives
        # before that), so each reuse is within that margin of CCRP's own next choice.
        horizon = arrive + reuse_slots * slot_s
        while run.left[i] > 0 and run.room[j] > 0 and arrive <= horizon:
            people = run.send(i, j, hops, depart, arrive)
            if people <= 0:
                break
            routes.append(Route(i, j, people, depart, arrive, [sources[i].node] + [int(idx.edge_v[k]) for k, _ in hops]))
            hops, depart, arrive = run.retime(i, j, hops, depart)
    arrivals: dict[int, int] = {}
    for r in routes:
        arrivals[r.destination] = arrivals.get(r.destination, 0) + r.people
    clearance = max((r.arrive_s for r in routes), default=None)
    return RoutingResult(clearance, routes, sum(r.people for r in routes), sum(run.left), it, arrivals)
