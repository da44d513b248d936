"""``plan_dispatch``: the steps of ``tools.dispatch.steps`` in order; confirming a plan."""

from __future__ import annotations

from collections.abc import Collection

from tools.city import CityModel, PlanningError
from tools.dispatch.models import DispatchPlan, IncidentRequest
from tools.dispatch.steps import (
    RoadTimes,
    assign_by_priority,
    assign_nearest,
    available_units,
    check_incident_ids,
    demand_slots,
    eta_matrix,
    explain_farther_units,
    on_scene_slots,
    requested_units,
    shortfalls,
    snap_incidents,
    staging_areas,
    unit_assignments,
    unit_states,
    withdrawn_types,
)


def plan_dispatch(city: CityModel, incidents: list[IncidentRequest], *, strategy: str = "priority_assignment",
                  excluded: Collection[str] = (), excluded_types: Collection[str] = (), fewer_types: Collection[str] = ()) -> DispatchPlan:
    """Recommend units for simultaneous incidents (P1 first, least total ETA within a priority). ``excluded``: units
    the operator ruled out ("do not send KAM-A1"), never recommended; ``excluded_types``: unit types the operator took
    back ("no ladder needed after all"), none proposed; ``fewer_types``: one unit of each fewer per incident ("scratch
    the second engine"). The plan says so.

    ``strategy="nearest"`` is the naive baseline: every slot takes the nearest available unit
    of its type, ignoring the other incidents, so one unit may be sent to two places
    (counted as overcommitted).
    """
    if strategy not in ("priority_assignment", "nearest"):
        raise PlanningError(f"unknown dispatch strategy {strategy!r}")
    check_incident_ids(incidents)
    warnings_: list[str] = []
    explanation: list[str] = []
    planned = snap_incidents(city, incidents, warnings_)                                   # 1. incidents on the roads
    units = available_units(city, warnings_, explanation, excluded)                       # 2. who can go
    roads = RoadTimes(city.index("drive"), [u.node for u in units], [node for _, node in planned])
    eta = eta_matrix(roads, units, planned)                                               # 3. how long each would take
    reasons: dict[tuple[int, str], str] = {}
    slots = demand_slots(planned, explanation, reasons)                                            # 4. what each incident needs
    slots = withdrawn_types(slots, planned, excluded_types, fewer_types, warnings_)                # 4a. less what was taken back
    slots = on_scene_slots(city, slots, planned, explanation)                               # 4a'. less what is there already
    pinned = requested_units(city, planned, units, slots, warnings_)                      # 4b. the units named for it
    if strategy == "nearest":                                                             # 5. assign
        chosen = assign_nearest(slots, units, eta, pinned)
    else:
        chosen = assign_by_priority(slots, planned, units, eta, pinned)
    assignments = unit_assignments(roads, chosen, slots, planned, units, eta, strategy, explanation, reasons)  # 6. routes
    if strategy != "nearest":
        explain_farther_units(assignments, planned, units, eta, explanation)
    short = shortfalls(city, chosen, slots, planned, explanation)                        # 7. what is missing
    for a in assignments:
        explanation.append(f"{a.unit_id} ({a.unit_type}, {a.station_name}) -> {a.incident_id}: ETA {a.eta_min:.1f} min (turnout + road travel).")
    return DispatchPlan(incidents=[i for i, _ in planned], assignments=assignments, shortfalls=short, explanation=explanation,
                        warnings=warnings_, unit_states=unit_states(city), staging=staging_areas(city, planned))


def overcommitted_units(plan: DispatchPlan) -> int:
    """Units recommended for more than one slot (only the naive baseline produces these)."""
    counts: dict[str, int] = {}
    for a in plan.assignments:
        counts[a.unit_id] = counts.get(a.unit_id, 0) + 1
    return sum(1 for c in counts.values() if c > 1)


def apply_dispatch(city: CityModel, plan: DispatchPlan) -> list[str]:
    """Mark the plan's units as dispatched (after an operator confirms); returns their ids."""
    done = []
    for a in plan.assignments:
        city.set_unit_status(a.unit_id, "dispatched")
        done.append(a.unit_id)
    return done
