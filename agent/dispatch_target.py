"""Which incident a dispatch asked for in chat is for.

A dispatch commits units to an incident, and only to a real, open one: units committed to no incident are busy for
nobody (every later plan counted them as gone).  The incident is, in this order: the one the order names by id (in
the router's incident id or place), the session's selected incident, or the one open incident at the place the order
names.  Anything else (no incident selected and no open incident there, or several) is a commander's call: the
planner's recommendation is shown, nothing is proposed, and the reply asks which incident it is for.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from agent.hazards import hazard_from_words
from agent.incident_scope import INCIDENT_ID_RE, ReportPlace, canonical_incident_id, same_place
from agent.slots import canonical_unit_ids
from tools.llm_tools import DispatchArgs, IncidentArgs

__all__ = ["DispatchBinding", "IncidentOffMap", "bind_dispatch", "crew_on_scene", "described_only", "reporting_crew_incident"]

# A crew reporting from its scene: on scene, arrived, in English, Finnish ("paikalla", "kohteessa") and Swedish ("på plats").
# "arrived" counts unless it says where else the unit arrived (review s18: "arrived at Meilahti hospital", "arrived back
# at the station" bound the desk's order to the incident the unit had left); Chinese 已到场 / 到达现场, Swedish "framme".
_ON_SCENE = re.compile(r"\bon (?:the )?scene\b|\bat the scene\b|\bon site\b|"
                       r"\barrived\b(?!\s+(?:back\b|(?:at|in|to)\s+(?:the\s+)?(?:\w+\s+){0,2}?(?:hospital|station|base|depot|garage|ER\b|A&E)))|"
                       r"\bpaikalla\b|\bpaikan päällä\b|\bkohteessa\b|\bpå plats\b|\bär framme\b|\bframme på\b|"
                       r"已?到场|到达现场|已到达|在现场", re.IGNORECASE)


def reporting_crew_incident(text: str, unit_ids: list[str], commitments: Mapping[str, str | None], open_ids: Collection[str],
                            session_incident: str | None) -> str | None:
    """The open incident a crew reports from ("ERO-E1 on scene ... need another ambulance", "ERO-E1 paikalla ...
    tarvitaan lisää ambulanssi"): the one its named unit is committed to, when that is not the desk's own incident.
    None when no unit is said to be on scene, the units are committed nowhere open, or to several incidents (the
    reply asks). Trial s17: the desk was on a bus accident when the fire's crew asked for an ambulance, which was
    planned for "no incident yet" or for the bus."""
    found = crew_on_scene(text, unit_ids, commitments, open_ids)
    return found[1] if found is not None and found[1] != session_incident else None


def crew_on_scene(text: str, unit_ids: list[str], commitments: Mapping[str, str | None],
                  open_ids: Collection[str]) -> tuple[str, str] | None:
    """(the unit, its open incident) of a crew's update from its scene ("ERO-E1 on scene, fire in the 2nd floor kitchen"):
    the first named unit said to be on scene, committed to one open incident.  None when no unit is on scene or the
    named units are committed nowhere open, or to several incidents."""
    if not _ON_SCENE.search(text):
        return None
    named = [unit for unit in canonical_unit_ids(text, unit_ids) if commitments.get(unit) in set(open_ids)]
    incidents = {commitments[unit] for unit in named}
    if len(incidents) != 1:
        return None
    return named[0], incidents.pop()


class IncidentOffMap(ValueError):
    """The order names an open incident by id whose place is not on the map: no route or arrival time can be planned.
    Units the order named can still be committed to it (the commander chose them); nothing else can be chosen."""

    def __init__(self, incident_id: str, unit_ids: list[str], report: str = ""):
        self.incident_id, self.unit_ids, self.report = incident_id, unit_ids, report  # report: the order's words
        super().__init__(f"{incident_id} has no place on the map (its report named none the map has), so no route or "
                         f"arrival time can be planned")

UNBOUND_LABEL = "no incident yet"  # what the plan calls a request bound to no incident (never a made-up "INC-1")


@dataclass
class DispatchBinding:
    args: DispatchArgs  # the request with each bound incident's real id, type, priority and place
    bound: dict[int, str]  # index of the request in ``args.incidents`` -> the open incident it commits to
    asks: list[str]  # the questions for the operator, one per request bound to no incident
    notes: list[str] = field(default_factory=list)  # what the binding set aside (an unknown id, the selection used instead)


def described_only(place: str) -> bool:
    """Is an order's place a description of the incident ("the ammonia leak", "渡轮", "酒店") rather than a name: no
    capital, no digit, no incident id.  Only such a place, where the map has none, is taken to be the incident's; a
    name the map lacks ("Punavuori") stays, and the planner says so with its suggestions (never another place silently)."""
    return not re.search(r"[A-ZÄÖÅ0-9]", place)


def _named_id(spec: IncidentArgs) -> str | None:
    """The incident id the order wrote: in the incident id field (the LLM's) or as the place ("send ERO-R1 to INC-7")."""
    for text in (spec.incident_id or "", spec.place or ""):
        if (found := INCIDENT_ID_RE.search(text)) is not None:
            return canonical_incident_id(found.group(0))
    return None


def bind_dispatch(args: DispatchArgs, session_incident: str | None, store: Any,
                  place_of: Callable[[str], ReportPlace | None], incident_place: Callable[[str], ReportPlace | None],
                  on_scene: Callable[[str], list[str]] | None = None, crew_incident: str | None = None) -> DispatchBinding:
    """Bind each request of a chat dispatch to an open incident (see the module's docstring).  ``place_of``: where a
    place name is (``ReportFiler.report_place``); ``incident_place``: where an incident is (``ReportFiler.incident_place``);
    ``on_scene``: the units already committed to an incident (``Assistant._on_scene``): they count against its need, so
    a dispatch to it plans only what is still missing (trial s17: "1 engine, 1 ladder missing" beside three committed).
    ``crew_incident``: the incident a crew reports from (``reporting_crew_incident``), which its order is for; a place
    it names that the map lacks ("Fredu 45", street slang) is taken to be that incident's, and the note says so."""
    open_incidents = {i.incident_id: i for i in store.list_incidents(status="open")}
    if crew_incident in open_incidents:
        session_incident = crew_incident
    specs, bound, asks, notes = [], {}, [], []
    for n, spec in enumerate(args.incidents):
        named = _named_id(spec)
        if named is not None and named not in open_incidents and session_incident in open_incidents:
            # An id that is no open incident, with one selected: most often the router's placeholder ("INC-1", which
            # the operator never wrote), never a reason to refuse the order for the incident the operator is on.
            # The proposal names the incident it commits to, and the note says the id was set aside.
            notes.append(f"{named} is not an open incident; the units are proposed for the selected incident {session_incident}.")
            spec = spec.model_copy(update={"incident_id": None, "place": None if INCIDENT_ID_RE.search(spec.place or "") else spec.place})
        elif named is not None and named not in open_incidents:
            # an incident id is no place: looked up on the map it became "no place called 'INC-…'" and a list of cafés
            raise ValueError(f"no open incident {named}{_closed(store, named)}. {_choices(open_incidents)}")
        target, ask = _target(spec, session_incident, open_incidents, place_of, incident_place)
        if target is None:
            asks.append(ask)
            specs.append(spec.model_copy(update={"incident_id": UNBOUND_LABEL if len(args.incidents) == 1 else f"{UNBOUND_LABEL} {n + 1}",
                                                 "on_scene": []}))
            continue
        bound[n] = target
        if spec.lat is None and (not spec.place or INCIDENT_ID_RE.search(spec.place)) and len(args.incidents) == 1:
            where = incident_place(target)
            if where is None or where.lat is None:  # the planner would look the id up as a place ("no place called 'INC-…'")
                raise IncidentOffMap(target, list(spec.unit_ids or []), args.report)
        if spec.place and spec.lat is None and (described_only(spec.place) or target == crew_incident or hazard_from_words(spec.place)) \
                and place_of(spec.place) is None:
            # "派两辆消防车去渡轮", "send units to the ammonia leak": the incident described, not a place of the map; the
            # units go to where the incident is, and the note says so (never "no place called 'the ammonia leak'")
            where = incident_place(target)
            if where is not None and where.lat is not None:
                notes.append(f"'{spec.place}' is no place on the map: the units are planned for {target} at its place"
                             f"{f' ({where.name})' if where.name else ''}.")
                spec = spec.model_copy(update={"place": None})
        specs.append(_as_incident(spec, open_incidents[target], incident_place, on_scene))
    return DispatchBinding(args.model_copy(update={"incidents": specs}), bound, asks, notes)


def _target(spec: IncidentArgs, session_incident: str | None, open_incidents: dict[str, Any],
            place_of: Callable[[str], ReportPlace | None],
            incident_place: Callable[[str], ReportPlace | None]) -> tuple[str | None, str]:
    named = _named_id(spec)
    if named is not None:
        if named in open_incidents:
            return named, ""
        return None, f"There is no open incident {named}; {_choices(open_incidents)}"
    where = place_of(spec.place) if spec.place else None
    there = [i for i in open_incidents if where is not None and _at(where, incident_place(i))]
    if where is None and spec.place and session_incident in open_incidents and not any(c.isdigit() for c in spec.place):
        # "send units to the ammonia leak" on another desk's incident: the incident the words describe, when it is not
        # the selected one, is asked about below as a place of another incident is
        there = _on_street(spec, open_incidents, incident_place) or _of_described_kind(spec, session_incident, open_incidents)
    if session_incident is not None and session_incident in open_incidents:
        others = [i for i in there if i != session_incident]
        if others and session_incident not in there:  # the order's place is another open incident's, not this one's
            return None, (f"{spec.place} is where {', '.join(others)} is, not {session_incident}: which incident are "
                          f"these units for? Name it (\"send … to {others[0]}\").")
        if not there and not spec.unit_ids and _elsewhere(where, incident_place(session_incident)):
            # units of a type sent to a place of the map away from the selected incident, where none is open ("a man
            # collapsed in the Ateneum lobby, send an ambulance" on a hip fall at Esplanadi, trial 17): another
            # patient's, never committed to the selected incident (it was, and took the new place as its own)
            return None, (f"{spec.place} is not where {session_incident} is, and no incident is open there: to open one, "
                          f"send the report of what happened there; or name the incident these units are for.")
        return session_incident, ""
    if not there and spec.place and not any(c.isdigit() for c in spec.place):
        # a street, not a house: a house number names a building, where another incident may be starting
        there = _on_street(spec, open_incidents, incident_place)
    if not there and where is None and spec.place:
        # "send KAI-A1 to the fire", "KAI-A1 → gas leak", "派 KAI-A1 去火灾现场": the incident described by its kind, no
        # place of the map; the one open incident of that kind, or of several the question lists them (never a guess)
        kind, there = _open_of_kind(spec.place, open_incidents)
        if len(there) > 1:
            listed = "; ".join(f"{i} ({open_incidents[i].title[:50].strip()})" for i in there[:5])
            return None, (f"Several {kind.replace('_', ' ')} incidents are open: {listed}. Which one are these units for? "
                          f"Name it (\"send … to {there[0]}\").")
    if len(there) == 1:
        return there[0], ""
    if len(there) > 1:
        return None, f"Several open incidents are at {spec.place} ({', '.join(there)}): which one are these units for?"
    at = f" at {spec.place}" if spec.place else ""
    return None, (f"No incident is selected and none is open{at}: which incident are these units for? {_choices(open_incidents)} "
                  "To open one, send the report of what happened there first.")


def _open_of_kind(place: str, open_incidents: dict[str, Any]) -> tuple[str, list[str]]:
    """The kind of incident an order's destination words describe ("the fire", "the Kamppi fire", "gas leak", "火灾") and
    the open incidents of that kind; ("", []) when the words name no kind."""
    kind = hazard_from_words(place)
    if kind is None:
        return "", []
    return kind, [i for i, incident in open_incidents.items() if incident.incident_type == kind]


def _of_described_kind(spec: IncidentArgs, session_incident: str, open_incidents: dict[str, Any]) -> list[str]:
    """The open incidents an order's described place is of, when it describes a kind of incident that the session's is
    not ("send two ambulances to the bus crash" on a flat fire, with a bus crash open): asked about, never planned for
    the session's incident (review s16: the ambulances were proposed for the fire, with a note)."""
    if not spec.place or not described_only(spec.place):
        return []
    kind = hazard_from_words(spec.place)
    if kind is None or kind == "medical" or kind == open_incidents[session_incident].incident_type:
        return []  # no kind said, or the injured (at any scene), or the session's own kind
    return [i for i, incident in open_incidents.items() if i != session_incident and incident.incident_type == kind]


# Words of an order's place that name no street ("the corner of Bulevardi and Annankatu", "the Bulevardi fire").
_NOT_A_STREET = frozenset({"the", "corner", "junction", "crossing", "near", "outside", "behind", "front", "side", "end",
                           "street", "road", "incident", "scene", "fire", "blaze", "crash", "accident", "there", "here",
                           "that", "this", "building", "house", "flat", "block"})
_WORD = re.compile(r"[^\W\d_]{4,}")


def _on_street(spec: IncidentArgs, open_incidents: dict[str, Any],
               incident_place: Callable[[str], ReportPlace | None]) -> list[str]:
    """The open incident on the street the order names, where the place is no point the map resolves ("send KAI-A1 to
    the Bulevardi fire", "to the corner of Bulevardi and Annankatu"): the one open incident whose address or title has
    one of the order's street words, or, of several, the one of the order's hazard.  More than one: none (ask)."""
    words = {w.casefold() for w in _WORD.findall(spec.place or "")} - _NOT_A_STREET
    if not words:
        return []

    def named_there(incident: Any) -> bool:
        place = incident_place(incident.incident_id)
        said = {w.casefold() for w in _WORD.findall(f"{incident.title} {place.name if place else ''}")}
        return bool(words & said)

    street = [i for i, incident in open_incidents.items() if named_there(incident)]
    if len(street) > 1:
        street = [i for i in street if open_incidents[i].incident_type == spec.incident_type]
    return street if len(street) == 1 else []


def _elsewhere(where: ReportPlace | None, incident: ReportPlace | None) -> bool:
    """Are both places on the map, and apart (``same_place``)?  Unknown on either side: no."""
    if where is None or incident is None or where.lat is None or incident.lat is None:
        return False
    return not same_place(where, incident)


def _at(where: ReportPlace, incident: ReportPlace | None) -> bool:
    if incident is None or (where.lat is None and not where.outside_map) or (incident.lat is None and not incident.outside_map):
        return False
    if (where.lat is None) != (incident.lat is None):
        return False
    return same_place(where, incident)


def _closed(store: Any, incident_id: str) -> str:
    """" (it is closed)" for an incident of the log that is no longer open, else nothing."""
    try:
        incident = store.get_incident(incident_id)
    except LookupError:  # no such incident at all
        return ""
    return f" (it is {incident.status})" if getattr(incident, "status", "open") != "open" else ""


def _choices(open_incidents: dict[str, Any]) -> str:
    if not open_incidents:
        return "No incident is open."
    listed = "; ".join(f"{i.incident_id} ({i.title[:50].strip()})" for i in list(open_incidents.values())[:5])
    return f"Name one (\"send … to INC-…\") or select it; open: {listed}."


def _as_incident(spec: IncidentArgs, incident: Any, incident_place: Callable[[str], ReportPlace | None],
                 on_scene: Callable[[str], list[str]] | None = None) -> IncidentArgs:
    """The request as the incident's record has it: its id, type and priority (not the router's guess or a default
    P2), its place when the order named none (or named the incident by id), and the units already committed to it."""
    update: dict[str, Any] = {"incident_id": incident.incident_id,
                              "on_scene": list(on_scene(incident.incident_id)) if on_scene is not None else []}
    if incident.priority in ("P1", "P2", "P3", "P4"):
        update["priority"] = incident.priority
    if incident.incident_type in IncidentArgs.model_fields["incident_type"].annotation.__args__:
        update["incident_type"] = incident.incident_type
    if not spec.place or INCIDENT_ID_RE.search(spec.place) or (spec.lat is None and spec.place is None):
        place = incident_place(incident.incident_id)
        if place is not None and place.lat is not None:
            update.update(place=None, lat=place.lat, lon=place.lon)
    return spec.model_copy(update=update)
