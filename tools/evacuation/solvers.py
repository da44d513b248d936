"""Assignment of population groups to shelters, given a travel-cost matrix.

Every solver takes the groups, the usable ``[(shelter, node)]`` rows and a groups x shelters
cost matrix in seconds (``inf``: not allowed or unreachable) and returns
``{(group index, shelter index): people}``.
"""

from __future__ import annotations

from typing import Protocol, Sequence

import networkx as nx
import numpy as np

# Cost of leaving one person unserved: more than any trip, so the flow serves all it can.
UNSERVED_COST = 10**9
# Leaving a vulnerable person unserved costs more again: when places are short, the accessible places they may use go to
# them before anyone who could walk to any shelter (trial 17: 5,800 general people sheltered, the 300 vulnerable none).
VULNERABLE_UNSERVED_COST = 10 * UNSERVED_COST


class HasPeople(Protocol):
    people: int


def solve_min_cost_flow(groups: Sequence[HasPeople], shelters: list, cost: np.ndarray) -> dict[tuple[int, int], int]:
    """Least total person-travel time, serving as many people as capacity and reachability allow, vulnerable people
    (a group with ``vulnerable`` true) before the others."""
    total = sum(g.people for g in groups)
    if total == 0:
        return {}
    net = nx.DiGraph()
    net.add_node("sink", demand=total)
    for i, g in enumerate(groups):
        net.add_node(("g", i), demand=-g.people)
        unserved = VULNERABLE_UNSERVED_COST if getattr(g, "vulnerable", False) else UNSERVED_COST
        net.add_edge(("g", i), "sink", weight=unserved, capacity=g.people)
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


def solve_nearest(groups: Sequence[HasPeople], shelters: list, cost: np.ndarray) -> dict[tuple[int, int], int]:
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


def solve_greedy(groups: Sequence[HasPeople], shelters: list, cost: np.ndarray) -> dict[tuple[int, int], int]:
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



SOLVERS = {"min_cost_flow": solve_min_cost_flow, "greedy": solve_greedy, "nearest": solve_nearest}
