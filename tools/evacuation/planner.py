"""``plan_evacuation``: the steps of ``steps``, ``assembly``, ``solvers`` and ``report`` in order."""

from __future__ import annotations

from typing import Literal

import shapely
from shapely.geometry import mapping

from tools.city import CityModel, PlanningError
from tools.evacuation.assembly import attach_assembly, choose_assembly_points
from tools.evacuation.clearance import routed_clearance_s
from tools.evacuation.geometry import other_incident_areas, round_geom, to_lonlat_geom, zone_shape
from tools.evacuation.models import EvacuationGroup, EvacuationPlan, Hazard
from tools.evacuation.report import assembly_points_and_clearance, assignments_and_routes, shelter_uses, unserved_statement
from tools.evacuation.solvers import SOLVERS
from tools.evacuation.steps import affected_groups, building_groups, excluded_shelters_warning, hazard_network, time_to_nearest_shelter, travel_costs, usable_shelters


def check_options(mode: str, population: str, strategy: str) -> None:
    """PlanningError naming the choices for an unknown strategy, travel mode or population basis."""
    if strategy not in SOLVERS:
        raise PlanningError(f"unknown evacuation strategy {strategy!r}")
    if mode not in ("walk", "drive"):
        raise PlanningError(f"unknown travel mode {mode!r}; use 'walk' or 'drive'")
    if population not in ("daytime", "resident"):
        raise PlanningError(f"unknown population basis {population!r}; use 'daytime' or 'resident'")


def plan_evacuation(
    city: CityModel,
    hazard: Hazard,
    zones: list[str] | None = None,
    mode: str = "walk",
    *,
    population: Literal["daytime", "resident"] = "daytime",
    strategy: Literal["min_cost_flow", "greedy", "nearest"] = "min_cost_flow",
    routed_clearance: bool = True,
    avoid=None,
    for_incident: str | None = None,
    excluded_shelters: list[str] | tuple[str, ...] = (),
    occupants: int | None = None,
    building: str = "the building",
) -> EvacuationPlan:
    """Plan who goes to which shelter by which route.

    ``zones``: zone ids or names to evacuate whole; default: every zone the hazard area
    touches, with the share of its population living in the overlap. ``strategy="nearest"``
    is the naive baseline (each group to its nearest usable shelter, capacity ignored at
    assignment; overflow is turned away and counted as unserved); ``strategy="greedy"`` is a
    capacity-aware baseline (groups in order, each filling its nearest shelters with room).
    ``routed_clearance``: also give the clearance time of the capacity-constrained routing
    model (``tools.ccrp``) beside the simple bound. ``avoid``: a metric area no shelter may lie in besides the hazard
    area (a toxic release's downwind side, from the protective-action planner). Places that approved evacuations of
    open incidents already hold (``city.shelter_taken``) are not offered again; ``for_incident``: the incident being
    planned, whose own approved plan this one replaces (its places count as free). ``excluded_shelters``: shelter ids
    the operator ruled out ("not the railway station"): never used, and the plan says so. ``occupants``: one building
    is evacuated (``building`` names it): these people move, not the population of the zones the hazard area touches.
    """
    check_options(mode, population, strategy)
    idx = city.index(mode)
    others = other_incident_areas(city, for_incident)  # never into another open incident's area (no shelter, no assembly point, no route)
    net = hazard_network(city, hazard, mode, others)                                   # 1. hazard on the network
    warnings_ = list(net.warnings)
    if occupants is not None and occupants > 0 and not zones:                           # 2. who must move
        chosen, groups = building_groups(city, hazard.center, occupants, population, mode, building)
    else:
        chosen, groups = affected_groups(city, net.area, zones, population, mode, warnings_)
    taken = city.shelter_taken(for_incident) if hasattr(city, "shelter_taken") else {}
    shelter_rows, shelter_status = usable_shelters(city, hazard, net.area, mode, avoid, taken, excluded_shelters, others)  # 3. where they may go
    if (excluded := excluded_shelters_warning(city, shelter_status)) is not None:
        warnings_.append(excluded)
    to_shelter = time_to_nearest_shelter(net, shelter_rows)                            # 4. where they gather
    assembly_of, unreachable = choose_assembly_points(city, mode, net, chosen, to_shelter, bool(shelter_rows), warnings_, others)
    attach_assembly(groups, assembly_of)
    cost, pred, row_of = travel_costs(idx, net, groups, shelter_rows)                  # 5. what each trip costs
    flows = SOLVERS[strategy](groups, shelter_rows, cost)                              # 6. assign
    assignments, routes, load = assignments_and_routes(idx, groups, shelter_rows, flows, cost, pred, row_of)  # 7. report
    assembly_points, clearance = assembly_points_and_clearance(city, mode, chosen, assembly_of, groups, flows, cost,
                                                               avoid=shapely.union_all([a for _, a in others]) if others else None)
    total = sum(g.people for g in groups)
    served = sum(flows.values())
    statement = unserved_statement(total, total - served, groups, shelter_rows, shelter_status, unreachable, hazard, strategy, flows)
    warnings_.extend(unreachable.values())
    routed_s = routed_clearance_s(idx, mode, net, groups, shelter_rows) if routed_clearance and served else None
    hazard_geom = mapping(to_lonlat_geom(net.area, city)) if net.area is not None else None
    return EvacuationPlan(
        hazard=hazard, mode=mode, strategy=strategy, population_basis=population,
        groups=[EvacuationGroup(name=g.name, zone_id=g.zone.id, people=g.people, vulnerable=g.vulnerable,
                                assembly_point=next((a.name for a in assembly_points if a.zone_id == g.zone.id), "none (cannot leave)")) for g in groups],
        assignments=assignments, routes=routes, assembly_points=assembly_points, shelters=shelter_uses(city, load, shelter_status),
        clearance_time_min=round(clearance, 1) if clearance is not None else None,
        clearance_time_routed_min=round(routed_s / 60.0, 1) if routed_s is not None else None,
        total_people=total, served_people=served, unserved_people=total - served, unserved_statement=statement,
        total_person_minutes=round(sum(cost[i, j] * p for (i, j), p in flows.items()) / 60.0, 1),
        warnings=warnings_, hazard_geometry=round_geom(hazard_geom) if hazard_geom else None,
        zone_geometries={z.id: round_geom(mapping(to_lonlat_geom(zone_shape(city, z), city))) for z in chosen},
        closed_road_lines=net.closed_lines,
    )
