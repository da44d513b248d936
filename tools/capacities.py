"""Capacities of streets, building exits and shelter doors for the routing model (``tools.ccrp``).

Street capacity on foot: ``SPECIFIC_FLOW_PPMS`` (1.3 persons per metre of width per second,
the usual maximum specific flow of a walking crowd) x an effective width by OSM highway type
[demo widths]; by car, one lane of ``VEHICLES_PER_LANE_H`` vehicles at ``PERSONS_PER_VEHICLE``.
"""

from __future__ import annotations

import numpy as np

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
