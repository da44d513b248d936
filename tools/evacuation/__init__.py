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
clearance time is the largest such figure. It ignores merging between groups; beside it,
``clearance_time_routed_min`` is the last arrival under street, exit and shelter capacities from
the CCRP routing model (``tools.ccrp``, via ``clearance``). With the street widths of
``tools.capacities`` the routing model is usually the smaller figure (about half the bound on
central Helsinki): the bound's 60 persons/min is one metre of footpath per assembly point.

Layout: ``models`` (Hazard, EvacuationPlan), ``geometry`` (shapes), ``steps`` (hazard on the
network, groups, shelters, travel costs), ``assembly`` (assembly points), ``solvers``
(assignment), ``report`` (routes, clearance, statements), ``clearance`` (routed clearance time),
``planner`` (``plan_evacuation``).
"""

from tools.evacuation.geometry import hazard_area
from tools.evacuation.models import (
    MAX_HAZARD_RADIUS_M,
    AssemblyPoint,
    EvacuationAssignment,
    EvacuationGroup,
    EvacuationPlan,
    EvacuationRoute,
    Hazard,
    ShelterUse,
)
from tools.evacuation.planner import plan_evacuation
from tools.evacuation.report import DRIVE_THROUGHPUT_PPM, WALK_THROUGHPUT_PPM
from tools.evacuation.solvers import UNSERVED_COST, solve_greedy, solve_min_cost_flow, solve_nearest
from tools.evacuation.steps import EXPOSURE_PENALTY, VULNERABLE_SLOWDOWN, Group

# Older private names, kept so existing callers and tests keep working.
_Group = Group
_solve_min_cost_flow = solve_min_cost_flow
_solve_greedy = solve_greedy
_solve_nearest = solve_nearest

__all__ = [
    "AssemblyPoint", "DRIVE_THROUGHPUT_PPM", "EXPOSURE_PENALTY", "EvacuationAssignment", "EvacuationGroup", "EvacuationPlan",
    "EvacuationRoute", "Group", "Hazard", "MAX_HAZARD_RADIUS_M", "ShelterUse", "UNSERVED_COST", "VULNERABLE_SLOWDOWN",
    "WALK_THROUGHPUT_PPM", "hazard_area", "plan_evacuation", "solve_greedy", "solve_min_cost_flow", "solve_nearest",
]
