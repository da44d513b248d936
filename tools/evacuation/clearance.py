"""The plan's clearance time from the capacity-constrained routing model (``tools.ccrp``), beside the bound.

Everyone starts at their zone's start node (vulnerable people first, 1.5x slower on foot, to
accessible shelters only; then everyone else, on the capacity the first pass left), leaves
the hazard area by any street (hazard streets may only be used from inside the area), and
goes to the usable shelters with room, whose doors take ``SHELTER_INTAKE_PPS`` people a second.
The last arrival is the clearance time.

With ``flows`` (an assignment, e.g. the min-cost flow's) each group goes only to its assigned
shelters, in the assigned numbers: the time the given plan takes under road capacities.
"""

from __future__ import annotations

from tools.ccrp import SHELTER_INTAKE_PPS, Destination, Source, ccrp, edge_capacity_pps
from tools.evacuation.steps import Group, HazardNetwork
from tools.routing import GraphIndex
from tools.scenario import Shelter


def routed_clearance(idx: GraphIndex, mode: str, net: HazardNetwork, groups: list[Group], shelter_rows: list[tuple[Shelter, int]],
                     flows: dict[tuple[int, int], int] | None = None) -> tuple[float | None, dict[tuple[int, int], int]]:
    """(seconds until the last person reaches a shelter, people per (group, shelter)); None when nobody can move."""
    cap = edge_capacity_pps(idx, mode)
    allowed = ~net.closed & (~net.in_hazard_edge | net.inside_node[idx.edge_u])
    if net.enters_other is not None:  # never through another open incident's area
        allowed &= ~net.enters_other
    room = {j: float(s.capacity) for j, (s, _) in enumerate(shelter_rows)}
    edges: dict = {}
    last, moved = None, {}
    for vulnerable in (True, False):
        cohort = [i for i, g in enumerate(groups) if g.assembly >= 0 and g.people > 0 and g.vulnerable == vulnerable]
        if not cohort:
            continue
        if flows is None:
            rows = [(j, node) for j, (s, node) in enumerate(shelter_rows) if (s.accessible or not vulnerable) and room[j] > 0]
            src_of = cohort
            sources = [Source(_start(groups[i]), groups[i].people, slowdown=groups[i].slowdown) for i in cohort]
            dests = [Destination(node, room[j], intake_pps=SHELTER_INTAKE_PPS) for j, node in rows]
            dest_row = [j for j, _ in rows]
        else:  # one source and one reserved destination per assigned (group, shelter) pair
            pairs = [(i, j, p) for (i, j), p in sorted(flows.items()) if i in cohort and p > 0]
            src_of = [i for i, _, _ in pairs]
            sources = [Source(_start(groups[i]), p, slowdown=groups[i].slowdown) for i, _, p in pairs]
            dests = [Destination(shelter_rows[j][1], p, intake_pps=SHELTER_INTAKE_PPS, allowed={k}) for k, (_, j, p) in enumerate(pairs)]
            dest_row = [j for _, j, _ in pairs]
        if not sources or not dests:
            continue
        res = ccrp(idx, sources, dests, cap, allowed=allowed, edge_state=edges)
        for r in res.routes:
            key = (src_of[r.source], dest_row[r.destination])
            moved[key] = moved.get(key, 0) + r.people
            room[dest_row[r.destination]] -= r.people
        if res.clearance_s is not None:
            last = res.clearance_s if last is None else max(last, res.clearance_s)
    return last, moved


def routed_clearance_s(idx: GraphIndex, mode: str, net: HazardNetwork, groups: list[Group], shelter_rows: list[tuple[Shelter, int]]) -> float | None:
    """Seconds until the last person reaches a shelter under road capacities, shelters chosen by the model."""
    if not shelter_rows:
        return None
    return routed_clearance(idx, mode, net, groups, shelter_rows)[0]


def _start(g: Group) -> int:
    return g.egress_path[0] if g.egress_path else g.assembly
