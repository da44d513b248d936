"""Which incident an order or a report is about.

A new report in a chat session belongs to the session's incident, or opens its own (``report_belongs_to``): decided
by place first, hazard second, so that a second emergency never overwrites the first one's report, triage and title.

Standing down the units of ONE named incident: ordinary work, not a mass action.

"Send all units on INC-7 back to station, the fire is out", "stand down every unit at INC-0042", "INC-7 的所有单位
返回站点": the order names its scope (one incident id), and a stand-down only returns units to service. A blanket order
across incidents or the whole city ("send all units back to station", "set every unit available") names no scope and
stays a mass action (``agent.safety``).  The units meant are read from the incident log (the confirmed status changes
tied to that incident, ``IncidentStore.unit_commitments``): the log is the source of truth, the text names no unit.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from dataclasses import dataclass

from agent.slots import extract_unit_types
from core.record_ids import INCIDENT_ID, INCIDENT_ID_RE
from core.vocabulary import NOT_INCIDENT

__all__ = ["INCIDENT_ID", "INCIDENT_ID_RE", "ReportPlace", "StandDown", "canonical_incident_id", "hazard_area", "hazards_compatible", "joins_open_incident", "mask_incident_ids", "report_belongs_to", "same_place", "same_precise_place",
           "scoped_stand_down", "stand_down_calls", "without_motion_targets"]

# Two reports whose points lie within their places' uncertainty of each other (plus this much) are at one place: the
# next entrance, the building next door a fire spreads to, the corner of the same block.  A different block is another.
SAME_PLACE_SLACK_M = 100.0


@dataclass(frozen=True)
class ReportPlace:
    """Where a report puts its incident: a point with its uncertainty (m), or an address found outside the map."""
    lat: float | None = None
    lon: float | None = None
    radius_m: float = 0.0
    outside_map: str = ""  # the words of an address the map does not hold ("Hämeentie 200"), else ""
    name: str = ""  # what the map calls the place, where known ("Bulevardi 14")


def _name_letters(name: str) -> str:
    """A place's name without house numbers and punctuation ("Kaisaniemenkatu 10" -> "kaisaniemenkatu")."""
    return " ".join(re.sub(r"[\W\d_]+", " ", name.lower()).split())


def _name_words(name: str) -> str:
    """A place's name as words, house numbers kept ("Bulevardi 14" and "Bulevardi 16" are two addresses)."""
    return " ".join(re.sub(r"[\W_]+", " ", name.lower()).split())


def _two_named_places(a: ReportPlace, b: ReportPlace) -> bool:
    """Both places are named buildings, landmarks or addresses known to an address's precision, by different names
    ("Kiasma" and "Lasipalatsi", "Bulevardi 14" and "Bulevardi 16").  A name that holds the other's ("Kiasma" and
    "Kiasma museum") is one place."""
    if not (a.name and b.name) or max(a.radius_m, b.radius_m) > PRECISE_PLACE_M:
        return False
    x, y = f" {_name_words(a.name)} ", f" {_name_words(b.name)} "  # whole words: "Bulevardi 1" is not in "Bulevardi 14"
    return bool(x.strip() and y.strip()) and x not in y and y not in x


def _another_named_place(a: ReportPlace, b: ReportPlace) -> bool:
    """Two places by different names, one of them a named building or landmark known to a few metres: the other's
    uncertainty must not swallow it ("Fire at Stockmann" while a care home on a street is placed to +-860 m is another
    incident), nor may two named buildings' uncertainties add up (Kiasma and Lasipalatsi, 186 m apart, were "one
    place").  A name that holds the other's ("Kaisaniemenkatu" and "Kaisaniemenkatu 5") is the same place said more
    precisely."""
    if _two_named_places(a, b):
        return True
    precise, vague = sorted((a, b), key=lambda p: p.radius_m)
    if not (precise.name and vague.name) or precise.radius_m > PRECISE_PLACE_M or vague.radius_m <= PRECISE_PLACE_M:
        return False
    p, v = _name_letters(precise.name), _name_letters(vague.name)
    return bool(p and v) and p not in v and v not in p


def same_place(a: ReportPlace, b: ReportPlace) -> bool:
    """Are two placed reports at one place: two addresses outside the map said in the same words, or two points within
    their uncertainties (``radius_m``) of each other plus ``SAME_PLACE_SLACK_M``. The one rule for "the same place" in
    the agent (a session's follow-up, a dispatch's target). Each must be placed (a point, or words outside the map); an
    address outside the map is never the same place as a point on it."""
    if a.outside_map or b.outside_map:  # off the map: the same words, or not the same place
        return " ".join(a.outside_map.lower().split()) == " ".join(b.outside_map.lower().split())
    from core.geo import haversine_m  # here, not at import: the injection screen imports this module without numpy

    distance = float(haversine_m(a.lat, a.lon, b.lat, b.lon))
    if _another_named_place(a, b):
        # only the named building's own uncertainty counts: the next entrance or the building next door stays
        return distance <= min(a.radius_m, b.radius_m) + SAME_PLACE_SLACK_M
    return distance <= a.radius_m + b.radius_m + SAME_PLACE_SLACK_M


def hazard_area(hazard: Mapping[str, Any]) -> ReportPlace | None:
    """An evacuation's hazard area (``tools.evacuation`` ``Hazard`` as JSON: a centre and radius, or a polygon of
    (lat, lon)) as a place: its centre and the distance to its farthest corner.  None without either."""
    from core.geo import haversine_m  # here, not at import: the injection screen imports this module without numpy

    if hazard.get("center") and hazard.get("radius_m"):
        lat, lon = hazard["center"]
        return ReportPlace(float(lat), float(lon), float(hazard["radius_m"]))
    polygon = hazard.get("polygon") or []
    if len(polygon) < 3:
        return None
    lat = sum(float(p[0]) for p in polygon) / len(polygon)
    lon = sum(float(p[1]) for p in polygon) / len(polygon)
    return ReportPlace(lat, lon, max(float(haversine_m(lat, lon, float(p[0]), float(p[1]))) for p in polygon))


def report_belongs_to(new: ReportPlace | None, earlier: ReportPlace | None, new_hazard: str | None,
                      earlier_hazard: str | None) -> bool:
    """Does a new report in a session belong to the session's incident (else it opens its own)?

    - No place in the new report ("now two people on the balcony", "the roof has caught"): a follow-up, it stays.
    - Both placed: the same place (within the two places' uncertainty) stays, whatever the hazard (a fire that reaches
      a gas line, a casualty at a crash are the same incident); a different place opens a new incident.  Two
      differently named buildings or addresses (``_two_named_places``: Ateneum and Kaivokatu 8, 125 m) are one place
      only within ``same_place``'s distance AND of the same type: the next block's fire is the one spreading, a man
      collapsed at the next block is another call (review s18: it was filed under the Ateneum fire).
    - Only the new one placed (the first report had no address): it stays when it names the same hazard or either
      hazard is unknown (the caller now gives the address); a clearly different hazard is another incident.
    """
    if new is None:
        return True
    known = {h for h in (new_hazard, earlier_hazard) if h and h != "not_incident"}
    same_type = len(known) < 2 or new_hazard == earlier_hazard
    if earlier is not None:
        if earlier.lat is not None and new.lat is not None and _two_named_places(new, earlier) and not same_type:
            return False
        return same_place(new, earlier)
    return same_type

# Hazards that meet at one scene: a crash whose car burns, a fire with casualties or a gas leak, a collapse with people
# hurt; storm, flood and the power cut they cause.  A report of one at the place of an open incident of another of the
# same group is most likely the same event seen by another caller; other pairs (a missing person where a fire burns)
# are told apart and open their own.
_SCENE_GROUPS: tuple[frozenset[str], ...] = (
    frozenset({"fire", "hazmat", "traffic_accident", "earthquake_collapse", "medical"}),
    frozenset({"flood", "severe_weather", "utility_outage"}),
)
# Only a place known to within this many metres (an address, a building, a junction) ties two reports to one incident
# across sessions: a whole street or district has many incidents on it.
PRECISE_PLACE_M = 150.0


def hazards_compatible(new: str | None, earlier: str | None) -> bool:
    """Could reports of these two hazards at one place be the same incident?  Unknown on either side: yes."""
    if not new or not earlier or "not_incident" in (new, earlier) or new == earlier:
        return True
    return any(new in group and earlier in group for group in _SCENE_GROUPS)


def joins_open_incident(new: str | None, kept: str | None) -> bool:
    """Could a report of hazard ``new`` be filed, by place alone, under another desk's open incident of type ``kept``
    (``ReportFiler.open_incident_at``)?  The hazards must meet at one scene (``hazards_compatible``), and two readings
    that ``hazards_compatible`` lets through are not enough here (trial 19 H1): a not_incident (an enquiry, a question
    someone logged) never absorbs a real report, and an incident known only as a casualty ("medical": a man fallen
    into the sea) does not absorb a hazard of its own (a kiosk fire beside it): each is another event at that place.
    A casualty at another desk's fire or crash still joins it."""
    real = new not in (None, NOT_INCIDENT)
    if real and kept == NOT_INCIDENT:
        return False
    if real and kept == "medical" and new != "medical":
        return False
    return hazards_compatible(new, kept)


def same_precise_place(new: ReportPlace, earlier: ReportPlace) -> bool:
    """The same place (``report_belongs_to``'s rule) and both known to an address or a building: what ties a report or a
    stream cluster to ANOTHER desk's incident ("likely the same as INC-…", a report filed under it).  Two differently
    named buildings or addresses are two places however near (Kiasma and Lasipalatsi, Bulevardi 14 and 16): one only
    where one lies within the other's own extent (a building and its own street address); an unnamed or approximate
    place counts by the distance rule."""
    if new.lat is None or earlier.lat is None or max(new.radius_m, earlier.radius_m) > PRECISE_PLACE_M:
        return False
    if _two_named_places(new, earlier):
        from core.geo import haversine_m

        return float(haversine_m(new.lat, new.lon, earlier.lat, earlier.lon)) <= max(new.radius_m, earlier.radius_m)
    return same_place(new, earlier)


# Where something moves to is not where the incident is: smoke "drifting towards Stockmann", a plume "heading for the
# harbour", a car "driving in the direction of Kamppi".  The words up to the end of the clause name a destination.
# A drifting or blowing plume names where it goes with "to / into / over" too ("smoke drifting into Kamppi", "the cloud is
# blowing over the market"); in Chinese the verb of motion takes 向/到/往 ("烟飘向斯托克曼"), or 往/朝/向 opens the target
# before the verb ("烟往火车站方向飘").  Only verbs of a moving plume, smoke or vehicle: "the fire spread to Bulevardi 16"
# is where the incident now is, and stays.
# "<verb> to/into/over" is read as a destination only when the clause's subject is a plume (smoke, a cloud, fumes): water
# "flowing into the basement of X" or a van that "rolled into the ditch at X" is AT X, the incident's own place.  And the
# destination is the noun phrase after the preposition only: "into the stairwell | of Bulevardi 14" keeps the address
# an "of / at / in ..." phrase gives (where the stairwell is), as the clause's words after it.
_MOTION_VERB = r"(?:drift|blow|mov|head|roll|flow)(?:s|es|ed|ing)?"
_PLUME = r"(?:smoke|plumes?|clouds?|fumes|gas|vapou?rs?|ash|haze|soot|smog)"
# people moved by others, passive or after the people they move ("casualties being moved to", "injured carried to"): not
# "the fire moved to Bulevardi 16", which is where the incident now is
_TAKEN = r"(?:moved|taken|carried|brought|evacuated|transferred|escorted|dragged)"
_PEOPLE = r"(?:casualt(?:y|ies)|injured|wounded|victims?|patients?|residents?|people|persons?|evacuees|survivors|children|pupils|staff|guests|passengers)"
# where the response sets itself up at a scene is the incident's own scene, wherever the landmark it names ("casualty
# collection point at the Kiasma steps", "triage area by Stockmann's door", "crews staging at Kiasma")
_SET_UP = (r"(?:staging(?:\s+area)?|(?:casualty\s+)?collection\s+point|triage\s+(?:area|point|post)|command\s+post|"
           r"rendezvous(?:\s+point)?|assembly\s+point|muster(?:ing)?\s+point|treatment\s+area)")
_PLACE_PREP = r"(?:of|at|in|on|near|by|from|outside|behind|beside|next to)"
# Two more places a report names that are not where the incident is (review s16-rvD: each split a fire into two
# incidents once differently named places stopped adding up their uncertainties): where the caller watches from ("smoke
# visible from the Stockmann side", "seen from Stockmann", "从斯托克曼那边能看到") and where people are being taken
# ("casualties being moved to the Kiasma steps", "carried to Stockmann's entrance", "伤员被转移到...": a casualty
# collection point).  "smoke from Stockmann" (where the smoke comes out) is not a vantage and stays.
# the words up to a phrase that says where something is ("to the street | from Bulevardi 14"), which stay
_UP_TO_PLACE = rf"(?:(?!\s{_PLACE_PREP}\b)[^,.;:!?\n])*"
_MOTION_TARGET = re.compile(
    r"\b(?:towards?|in the direction of|heading (?:for|to)|headed (?:for|to))\b[^,.;:!?\n]*"
    rf"|\b(?:visible|seen|spotted|observed|noticed|watched|filmed)\s+from\b{_UP_TO_PLACE}"
    rf"|(?:\b(?:being|been|was|were|is|are|get|got|getting)\s+|\b{_PEOPLE}\b[^,.;:!?\n]{{0,40}}?\b){_TAKEN}\s+(?:out\s+)?(?:to|into|onto)\b{_UP_TO_PLACE}"
    rf"|\b{_SET_UP}\b[^,.;:!?\n]{{0,30}}?\b(?:at|by|near|outside|beside|on)\b{_UP_TO_PLACE}"
    r"|从[^，。；！？,.;!?\n]{1,24}?(?:能|可以|也能|都能)?看(?:到|见|得到|得见)"
    r"|(?:转移|抬|送|带|搬|疏散|撤离)(?:到|至|往)[^，。；！？,.;!?\n]*"
    rf"|\b{_PLUME}\b[^,.;:!?\n]{{0,60}}?\b{_MOTION_VERB}\s+(?:(?:over|across)\s+)?(?:to|into|over|across|onto)\b"
    rf"(?P<plume_dest>(?:(?!\s{_PLACE_PREP}\b)[^,.;:!?\n])*)"
    r"|(?:飘|吹|移动|扩散|飄|擴散)(?:向|到|往|至)[^，。；！？,.;!?\n]*"
    r"|(?:往|朝|向)[^，。；！？,.;!?\n]{1,24}?(?:方向)?(?:飘|吹|扩散|移动|飄|擴散)",
    re.IGNORECASE)


def _drop_target(match: re.Match[str]) -> str:
    if match.group("plume_dest") is not None:  # keep the plume and its verb, drop only where it goes
        return match.string[match.start():match.start("plume_dest")] + " "
    return " "


def without_motion_targets(text: str) -> str:
    """The report with every destination of a movement left out, for reading where the incident itself is."""
    return _MOTION_TARGET.sub(_drop_target, text)


# the units of an incident: "all units on INC-7", "every ambulance assigned to incident INC-12", "INC-7 的所有单位"
_SCOPE = re.compile(
    r"\b(?:all|every|each|the)\s+(?:of\s+the\s+|the\s+)?(?P<noun>(?:[\w-]+\s+)?(?:units?|vehicles?|crews?|resources|rigs?|apparatus|"
    r"engines?|ambulances?|ladders?|patrols?|police cars?))\s+(?:(?:that are|still)\s+)?"
    r"(?:on|at|of|for|from|working|assigned to|committed to|attached to|tied to|at the scene of)\s+(?:the\s+)?(?:incident\s+|call\s+|job\s+)?"
    rf"(?P<id>{INCIDENT_ID})"
    rf"|(?P<id_zh>{INCIDENT_ID})\s*(?:的|上的|现场的?)\s*(?:所有|全部|各)(?P<noun_zh>单位|车辆|消防车|救护车|警车|力量)",
    re.IGNORECASE)
# what a stand-down says: the units go back in service, to quarters
_STAND_DOWN = re.compile(
    r"\bback (?:to|in|at|into) (?:the )?(?:station|base|quarters|service)s?\b|\breturn(?:s|ed|ing)?\b|\bstand(?:s|ing)? down\b|\bstood down\b|"
    r"\brelease[ds]?\b|\b(?:set|mark|make)\b[^.!?\n]{0,40}\bavailable\b|\bcan (?:go|return) (?:home|back)\b|\brecall\b|"
    r"返回|归队|收队|回站|回到?(?:站|基地|队)|撤回|恢复(?:为)?(?:可用|待命)|设为(?:可用|待命)", re.IGNORECASE)


@dataclass(frozen=True)
class StandDown:
    incident: str  # the id as written, upper-case
    unit_types: list[str]  # the unit types the order names ("all ambulances on INC-7"); empty: every unit
    spans: list[tuple[int, int]]  # where the text names the scope


def canonical_incident_id(written: str) -> str:
    """An incident id as the log keys it, from the way an operator writes it ("inc7", "inc-0042" -> "INC-7", "INC-0042")."""
    return re.sub(r"^INC-?", "INC-", written.upper())


def scoped_stand_down(text: str) -> StandDown | None:
    """The stand-down when the text returns the units of exactly one named incident to service; None otherwise (no
    scope, several incidents named, or no stand-down)."""
    ids = {canonical_incident_id(m.group(0)) for m in re.finditer(INCIDENT_ID, text, re.IGNORECASE)}
    scopes = list(_SCOPE.finditer(text))
    if not scopes or len(ids) != 1 or not _STAND_DOWN.search(text):
        return None
    nouns = " ".join(m.group("noun") or m.group("noun_zh") or "" for m in scopes)
    return StandDown(next(iter(ids)), extract_unit_types(nouns), [m.span() for m in scopes])


def _same_incident(written: str, stored: str | None) -> bool:
    return stored is not None and re.sub(r"[^A-Z0-9]", "", written.upper()) == re.sub(r"[^A-Z0-9]", "", stored.upper())


def stand_down_calls(text: str, commitments: Mapping[str, str | None], unit_types: Mapping[str, str]) -> list[dict] | None:
    """The tool calls for a stand-down of one incident's units: a proposed return to available for each unit the log
    has committed to it (of the types named, if any); the unit board when none is (nothing to stand down, the board
    shows where the units are). None when the text is no such stand-down."""
    scoped = scoped_stand_down(text)
    if scoped is None:
        return None
    types = scoped.unit_types
    units = [uid for uid, inc in commitments.items() if _same_incident(scoped.incident, inc) and (not types or unit_types.get(uid) in types)]
    if not units:
        return [{"name": "unit_board", "args": {}}]
    return [{"name": "set_unit_status", "args": {"unit_id": uid, "status": "available"}} for uid in sorted(units)]


def mask_incident_ids(text: str) -> str:
    """Every incident id written as one fixed id: a learned model that reads the text (the injection classifier)
    must not answer differently for "INC-0FB5D240" and "INC-21636369", which the log draws at random."""
    return INCIDENT_ID_RE.sub("INC-1", text)
