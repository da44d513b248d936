"""Step 7: from the assignment to what the plan reports (routes, assembly points, clearance, shelters).

Clearance time (a documented simple bound, in the spirit of CCRP's capacity over time): for
each assembly point, the last person leaves after ``people / throughput`` minutes
(``WALK_THROUGHPUT_PPM`` persons a minute on foot, about 1 m of effective footpath at
1 person/m/s; ``DRIVE_THROUGHPUT_PPM`` by car, one lane of ~1,000 vehicles/h at 1.5 persons
each) and then needs the longest assigned trip from that point. The plan's clearance time
is the largest such figure. It ignores merging between groups; ``clearance`` gives the
routing model's figure beside it.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from tools.city import CityModel
from tools.evacuation.assembly import ZoneAssembly, assembly_name
from tools.evacuation.models import AssemblyPoint, EvacuationAssignment, EvacuationRoute, Hazard, ShelterUse
from tools.evacuation.steps import Group
from tools.routing import GraphIndex
from tools.scenario import Shelter, Zone

WALK_THROUGHPUT_PPM = 60.0
DRIVE_THROUGHPUT_PPM = 25.0

Flows = dict[tuple[int, int], int]


def assignments_and_routes(idx: GraphIndex, groups: list[Group], shelter_rows: list[tuple[Shelter, int]], flows: Flows, cost: np.ndarray,
                           pred: np.ndarray, row_of: dict[int, int]) -> tuple[list[EvacuationAssignment], list[EvacuationRoute], dict[str, int]]:
    """One assignment and one route (egress + trip) per non-empty flow, and each shelter's load."""
    assignments, routes = [], []
    load = {s.id: 0 for s, _ in shelter_rows}
    for (i, j), people in sorted(flows.items()):
        g, (s, node) = groups[i], shelter_rows[j]
        load[s.id] += people
        path = idx.path(pred[row_of[g.assembly]], g.assembly, node)
        eg_coords, eg_len, _, eg_streets = idx.path_details(g.egress_path)
        coords, length, _, streets = idx.path_details(path)
        t_min = round(cost[i, j] / 60.0, 2)
        assignments.append(EvacuationAssignment(group=g.name, zone_id=g.zone.id, shelter_id=s.id, shelter_name=s.name, people=people, travel_time_min=t_min, distance_m=round(eg_len + length, 1)))
        all_streets = list(dict.fromkeys(eg_streets + streets))
        routes.append(EvacuationRoute(group=g.name, shelter_id=s.id, people=people, travel_time_min=t_min, distance_m=round(eg_len + length, 1), streets=all_streets, coordinates=(eg_coords + coords[1:]) if len(eg_coords) > 1 else coords))
    return assignments, routes, load


def assembly_points_and_clearance(city: CityModel, mode: str, chosen: list[Zone], assembly_of: dict[str, ZoneAssembly], groups: list[Group],
                                  flows: Flows, cost: np.ndarray, avoid=None) -> tuple[list[AssemblyPoint], float | None]:
    """The assembly points with their people, and the clearance-time bound in minutes (None: nobody moves). ``avoid``: a
    metric area (other open incidents' areas) whose staging areas do not name a point."""
    idx = city.index(mode)
    throughput = WALK_THROUGHPUT_PPM if mode == "walk" else DRIVE_THROUGHPUT_PPM
    assembly_points, clearance = [], None
    for z in chosen:
        if z.id not in assembly_of:
            continue
        a = assembly_of[z.id]
        zone_people = sum(p for (i, _), p in flows.items() if groups[i].zone.id == z.id)
        trips = [cost[i, j] for (i, j), p in flows.items() if groups[i].zone.id == z.id and p > 0]
        assembly_points.append(AssemblyPoint(zone_id=z.id, name=assembly_name(city, mode, a.node, avoid=avoid), lat=float(idx.lat[a.node]), lon=float(idx.lon[a.node]),
                                             egress_time_min=round(a.egress_s / 60.0, 2), people=zone_people))
        if trips:
            zone_clear = max(trips) / 60.0 + zone_people / throughput
            clearance = max(clearance or 0.0, zone_clear)
    return assembly_points, clearance


def shelter_uses(city: CityModel, load: dict[str, int], shelter_status: dict[str, str]) -> list[ShelterUse]:
    """Every shelter of the scenario with its load and status."""
    return [ShelterUse(shelter_id=s.id, name=s.name, lat=s.lat, lon=s.lon, capacity=s.capacity, load=load.get(s.id, 0), status=shelter_status[s.id])
            for s in city.scenario.shelters]


def unserved_vulnerable(groups: list[Group], flows: Flows) -> list[tuple[str, int]]:
    """(group name, people) of each vulnerable group some of whom have no shelter place."""
    served = Counter()
    for (i, _), people in flows.items():
        served[i] += people
    return [(g.name, g.people - served[i]) for i, g in enumerate(groups) if g.vulnerable and g.people > served[i]]


def unserved_statement(total: int, unserved: int, groups: list[Group], shelters: list[tuple[Shelter, int]], status: dict[str, str],
                       unreachable: dict[str, str], hazard: Hazard, strategy: str, flows: Flows | None = None) -> str:
    """Who has no shelter place, and why, in plain words; vulnerable people left without a place are named by group
    (they need an accessible place or transport, and the lines of the plan would not show them)."""
    if total == 0:
        return "Nobody to evacuate: the hazard area holds none of the scenario's zone population."
    if unserved == 0:
        return f"Everyone ({total:,} people) has a shelter place."
    reasons = []
    if not shelters:
        why_out = Counter(v.removeprefix("excluded: ") for v in status.values() if v.startswith("excluded"))
        reasons.append(f"no shelter is usable ({', '.join(f'{n} {why}' for why, n in why_out.most_common())})")
    else:
        cap = sum(s.capacity for s, _ in shelters)
        if cap < total:
            reasons.append(f"the usable shelters hold only {cap:,} people")
        elif strategy == "nearest":
            reasons.append("the nearest shelters fill up while others stay empty")
    if unreachable:
        shown = list(dict.fromkeys(unreachable.values()))
        reasons.append(f"{len(unreachable)} zone(s) cannot reach a shelter ({'; '.join(shown[:3])}{'...' if len(shown) > 3 else ''})")
    if any(g.vulnerable for g in groups) and not reasons:
        reasons.append("there are not enough reachable accessible shelter places for vulnerable people")
    why = "; ".join(reasons) or "no reachable shelter has room"
    left = unserved_vulnerable(groups, flows) if flows is not None else []
    named = ("; ".join(f"{n:,} vulnerable people from {name.removesuffix(' (vulnerable)')} have no accessible shelter place"
                       for name, n in left) + ": arrange accessible transport or open an accessible shelter for them. ") if left else ""
    return (f"{unserved:,} of {total:,} people have NO shelter place: {why}. {named}"
            "Open more shelter capacity outside the hazard area or arrange transport to a neighbouring district.")
