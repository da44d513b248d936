"""The plan's clearance time from the capacity-constrained routing model (``tools.ccrp``), beside the bound.

Everyone starts at their zone's start node (vulnerable people first, 1.5x slower on foot, to
accessible shelters only; then everyone else, on the capacity the first pass left), leaves
the hazard area by any street (hazard streets may only be used from inside the area), and
goes to the usable shelters with room. The last arrival is the clearance time.
"""

from __future__ import annotations

from tools.ccrp import Destination, Source, ccrp, edge_capacity_pps
from tools.evacuation.steps import Group, HazardNetwork
from tools.routing import GraphIndex
from tools.scenario import Shelter


def routed_clearance_s(idx: GraphIndex, mode: str, net: HazardNetwork, groups: list[Group], shelter_rows: list[tuple[Shelter, int]]) -> float | None:
    """Seconds until the last person reaches a shelter under road capacities (None: nobody can move)."""
    live = [g for g in groups if g.assembly >= 0 and g.people > 0]
    if not live or not shelter_rows:
        return None
    cap = edge_capacity_pps(idx, mode)
    allowed = ~net.closed & (~net.in_hazard_edge | net.inside_node[idx.edge_u])
    room = {j: float(s.capacity) for j, (s, _) in enumerate(shelter_rows)}
    edges: dict = {}
    last = None
    for vulnerable in (True, False):
        cohort = [g for g in live if g.vulnerable == vulnerable]
        rows = [(j, node) for j, (s, node) in enumerate(shelter_rows) if (s.accessible or not vulnerable) and room[j] > 0]
        if not cohort or not rows:
            continue
        sources = [Source(g.egress_path[0] if g.egress_path else g.assembly, g.people, slowdown=g.slowdown) for g in cohort]
        res = ccrp(idx, sources, [Destination(node, room[j]) for j, node in rows], cap, allowed=allowed, edge_state=edges)
        for k, got in res.arrivals.items():
            room[rows[k][0]] -= got
        if res.clearance_s is not None:
            last = res.clearance_s if last is None else max(last, res.clearance_s)
    return last


__all__ = ["routed_clearance_s"]
