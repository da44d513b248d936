"""The shelter places an approved plan holds, read from what its planners wrote (``ResponsePlan.tool_outputs``).

Two kinds of move hold places, and each is replaced only by a later approved plan of the same kind for the same
incident (a re-plan of it), never by a plan that moves nobody: the evacuees of an area are still in their shelters
after the commander approves the next report's dispatch or cordon.

- ``area``: an area evacuation (``plan_evacuation``'s assignments; where the evacuation planner did not run, the
  area evacuation the protective-action planner routed itself);
- ``building``: one building's occupants taken indoors to a shelter (``plan_protective_action``'s shelters: people who
  cannot wait outdoors, s15-tfb).
"""

from __future__ import annotations

from typing import Any

AREA, BUILDING = "area", "building"


def held_places(tool_outputs: dict[str, Any] | None) -> tuple[str | None, dict[str, int]]:
    """(kind, shelter id -> people) that ``tool_outputs`` of one plan hold; (None, {}) for a plan that moves nobody.
    A response plan of an area evacuation carries both planners' shelters (the protective planner routes the area
    too): the evacuation planner's assignments are the plan's, never both."""
    outputs = tool_outputs or {}
    evacuation = outputs.get("plan_evacuation")
    protective = outputs.get("plan_protective_action") or {}
    if isinstance(evacuation, dict):
        return AREA, _loads(evacuation.get("assignments"))
    primary = protective.get("primary") if isinstance(protective, dict) else None
    if primary == "evacuate_area":
        return AREA, _loads(protective.get("shelters"))
    if primary == "evacuate_building":
        return BUILDING, _loads(protective.get("shelters"))
    return None, {}


def _loads(rows: Any) -> dict[str, int]:
    out: dict[str, int] = {}
    for row in rows or []:
        if isinstance(row, dict) and row.get("shelter_id") and int(row.get("people") or 0) > 0:
            out[row["shelter_id"]] = out.get(row["shelter_id"], 0) + int(row["people"])
    return out


def places_short(plan_id: str, incident_id: str | None, tool_outputs: dict[str, Any] | None,
                 held: list[tuple[str, str, str, int]], shelters: list[tuple[str, str, int]]) -> str | None:
    """Why the plan cannot be approved as drafted, or None: a shelter it sends people to no longer has room for them.
    A plan offers only the places free when it was drafted; another plan approved since (another desk, or the same
    evacuation asked twice) may have taken them.  ``held``: (incident, kind, shelter, people) as the log holds them
    (``IncidentStore.held_places``); the places this plan would replace (its incident's, of its kind) count as free.
    ``shelters``: (shelter id, name, capacity)."""
    kind, loads = held_places(tool_outputs)
    if kind is None or not loads:
        return None
    taken: dict[str, int] = {}
    for incident, held_kind, shelter_id, people in held:
        if not (incident == incident_id and held_kind == kind):
            taken[shelter_id] = taken.get(shelter_id, 0) + people
    short = [f"{name} ({loads[sid]:,} sent, {max(0, capacity - taken.get(sid, 0)):,} of {capacity:,} places left)"
             for sid, name, capacity in shelters if loads.get(sid) and taken.get(sid, 0) + loads[sid] > capacity]
    if not short:
        return None
    return (f"Plan {plan_id} is not approved: approved evacuations have taken shelter places it counted on since it was "
            f"drafted: {'; '.join(short)}. Re-plan the evacuation: the next plan fills only the places left.")
