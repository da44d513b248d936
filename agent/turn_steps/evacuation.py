"""An evacuation's arguments completed from the chat session (the tool agent's ``plan_evacuation``).

Owns no message: the centre of an evacuation that names none (the session's incident), the hazard of the incident it
is for, a one-building evacuation's occupants and circle, and the shelters the operator's message rules out.
"""

from __future__ import annotations

from typing import Any

from agent.building_evacuation import building_order, occupants_said
from agent.dispatch_target import described_only
from agent.hazards import hazard_from_words
from agent.incident_scope import ReportPlace, same_place
from agent.shelter_exclusions import excluded_shelters
from tools.evacuation.models import UNSPECIFIED_HAZARD
from tools.scenario import HAZARD_TYPES
from agent.turn_steps.turn import Session, Turn, current_incident


# The hazard circle of a one-building evacuation: the building and its doorstep (a shelter in it is not used).
_BUILDING_RADIUS_M = 50.0


def evacuation_centre(session: Session, turn: Turn, args: Any) -> tuple[Any, str | None]:
    """An evacuation's arguments completed from the session: its centre (``centred_on_incident``), the hazard of the
    incident it is for when the order named none (``incident_hazard``), and the shelters the operator's message rules out
    (``agent.shelter_exclusions``); with what the plan says of each."""
    args, centred = centred_on_incident(session, turn, args)
    args, hazard = incident_hazard(session, turn, args)
    args = building(session, turn, args)
    ruled_out = [s for s in excluded_shelters(turn.asked, session.assistant._city) if s not in args.exclude_shelters]
    if ruled_out:
        args = args.model_copy(update={"exclude_shelters": [*args.exclude_shelters, *ruled_out]})
    notes = [n for n in (centred, hazard) if n]
    return args, " ".join(notes) or None


def incident_hazard(session: Session, turn: Turn, args: Any) -> tuple[Any, str | None]:
    """An evacuation that names no hazard, at the session's incident's place, is of that incident's hazard (trial 17
    T38: "H2S ... evacuate 300 m around the metro station" on the gas-alarm incident was planned 'unspecified',
    and the railway station its hazmat annex forbids was filled). Elsewhere the hazard stays unspecified."""
    incident = current_incident(turn)
    if args.hazard_type != UNSPECIFIED_HAZARD:
        return args, None
    centre = evacuation_point(session, args)
    kind = session.assistant._incident_type(incident) if incident is not None else None
    there = incident_point(session, incident) if incident is not None and kind in HAZARD_TYPES else None
    if there is not None and centre is not None and same_place(centre, there):
        return (args.model_copy(update={"hazard_type": kind}),
                f"Hazard taken from {incident}: {kind.replace('_', ' ')} (the order named none); shelters checked against it.")
    # the hazard the order's own words name ("the storm took the roof"), else that of the one open incident at its
    # place while the session is on another (trial 18 H7: planned 'unspecified', a shelter unsuitable in a storm used)
    said = hazard_from_words(turn.asked)
    if said in HAZARD_TYPES:
        return args.model_copy(update={"hazard_type": said}), f"Hazard read from the order: {said.replace('_', ' ')}; shelters checked against it."
    if centre is None:
        return args, None
    kinds = {i: session.assistant._incident_type(i) for i in incidents_at(session, centre)}
    if len(set(kinds.values())) == 1 and (only := next(iter(kinds.values()))) in HAZARD_TYPES:
        named = next(iter(kinds))
        return (args.model_copy(update={"hazard_type": only}),
                f"Hazard taken from {named} at that place: {only.replace('_', ' ')} (the order named none); shelters checked against it.")
    return args, None


def building(session: Session, turn: Turn, args: Any) -> Any:
    """An order for one building (``agent.building_evacuation``) moves its occupants: the number the order gives,
    else the building estimate the plan of an open incident there computed (``plan_protective_action``); a small
    hazard circle round the building (a shelter inside it is not used).  Any other order is left as it is."""
    if args.occupants or args.zones or not building_order(turn.asked):
        return args
    people, basis = occupants_said(turn.asked), "the number the order gave"
    if people is None:
        people, basis = building_estimate(session, args), "the building estimate of the incident's plan"
    if not people:
        return args
    update = {"occupants": people, "occupants_basis": basis, "radius_m": min(args.radius_m, _BUILDING_RADIUS_M)}
    # the building's own address where the order gives one the map pins (a street's middle read as the place
    # would miss the building, and a shelter inside it would be used)
    found = session.assistant._filer.report_place(turn.asked)
    centre = evacuation_point(session, args)
    if found is not None and found.lat is not None and found.radius_m <= _BUILDING_RADIUS_M \
            and (centre is None or centre.radius_m > found.radius_m):
        update.update({"place": None, "lat": found.lat, "lon": found.lon, "building": found.name})
    return args.model_copy(update=update)


def building_estimate(session: Session, args: Any) -> int | None:
    """The occupants the response plan of an open incident at the order's place counted for evacuating its building."""
    centre = evacuation_point(session, args)
    if centre is None:
        return None
    for incident in incidents_at(session, centre):
        for plan in session.assistant._store.plans(incident):
            protective = (plan.tool_outputs or {}).get("plan_protective_action") or {}
            if protective.get("primary") == "evacuate_building" and int(protective.get("people_moved") or 0) > 0:
                return int(protective["people_moved"])
    return None


def incidents_at(session: Session, centre: ReportPlace) -> list[str]:
    """The open incidents at ``centre`` (``same_place``), the session's first."""
    found = [i.incident_id for i in session.assistant._store.list_incidents(status="open")
             if (p := incident_point(session, i.incident_id)) is not None and p.lat is not None and same_place(centre, p)]
    current = session.state.current
    return sorted(found, key=lambda i: i != current)


def incident_point(session: Session, incident_id: str) -> ReportPlace | None:
    """Where the incident is, an unconfirmed place included (a sensor alert placed in its district, ± 280 m): its
    latest plan's location, else ``incident_place``."""
    for plan in session.assistant._store.plans(incident_id):
        found = (plan.tool_outputs or {}).get("locate") or {}
        if found.get("lat") is not None and found.get("lon") is not None:
            return ReportPlace(float(found["lat"]), float(found["lon"]), float(found.get("radius_m") or 0.0),
                               name=str(found.get("place") or ""))
    return session.assistant._filer.incident_place(incident_id)


def evacuation_point(session: Session, args: Any) -> ReportPlace | None:
    """The centre an evacuation's arguments give (a point, or a place the map resolves), or None."""
    if args.lat is not None and args.lon is not None:
        return ReportPlace(float(args.lat), float(args.lon))
    if not args.place:
        return None
    try:
        found = session.assistant._city.locate(args.place)  # "Market Square": Kauppatori (tools.city.described_place)
    except LookupError:
        return None
    return ReportPlace(found.lat, found.lon, float(found.radius_m or 0.0), name=found.name)


def centred_on_incident(session: Session, turn: Turn, args: Any) -> tuple[Any, str | None]:
    """"疏散酒店周围的人", "evacuate the guests": an evacuation that names no place of the map, or only describes the
    incident, is centred on the session's incident, and the plan says so; a name the map lacks stays (the planner
    answers with its suggestions), and with no incident there is nothing to centre it on."""
    incident = current_incident(turn)
    if incident is None or args.lat is not None or (args.place and not described_only(args.place)):
        return args, None
    filer = session.assistant._filer
    if args.place and filer.report_place(args.place) is not None:
        return args, None
    where = filer.incident_place(incident)
    if where is None or where.lat is None:
        return args, None
    said = f"'{args.place}' is no place on the map: " if args.place else "No place named: "
    at = f" ({where.name})" if where.name else ""
    return (args.model_copy(update={"place": None, "lat": where.lat, "lon": where.lon}),
            f"{said}the evacuation is centred on {incident} at its place{at}.")
