"""Which incident a new report in a chat session is filed under (its own job: places, not the chat turn).

A report in a session on an incident is a follow-up of it, a report of another incident of the session at that one's
place, or a new incident (``agent.incident_scope.report_belongs_to``: place first, hazard second).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from agent.follow_up import WhichIncident, fit_to_incident
from agent.hazards import WATER_RESCUE, hazard_from_words, no_new_emergency, reconciled_triage
from agent.incident_scope import (INCIDENT_ID_RE, ReportPlace, canonical_incident_id, hazards_compatible, joins_open_incident, report_belongs_to,
                                   same_place, same_precise_place, without_motion_targets)
from agent.protocols import TriageOutcome
from agent.schemas import TriageSummary
from agent.store import UnknownIncidentError
from core.vocabulary import priority_rank
from tools.gazetteer import normalize
from tools.place_words import zh_kind_hint

__all__ = ["OpenElsewhere", "ReportFiler", "asks_new_incident", "called_off", "called_off_out", "headed_incident", "tells_a_hazard_of_its_own",
           "triage_of_what_is_told"]

# A report that speaks of the incident already known: a pronoun or a definite hazard or place word first ("it's in the
# Forum", "the fire is at Mannerheimintie 20", "the address is ..."), "地址是", "就在".
_REFERS_BACK = re.compile(r"^\W*(?:(?:update|correction|also|and|so|ok|okay)\b\W*)?(?:it|it's|its|this|that|there|"
                          r"the (?:same )?(?:fire|smoke|blaze|flames|leak|flood|water|incident|address|location|place|scene|building))\b"
                          r"|^\W*(?:地址|位置|地点|具体位置)(?:是|在)|^\W*(?:就在|就是|是在|它在|火在|那里|那是)", re.IGNORECASE)


# A person in the water: a capsized or sinking boat, someone in the water or through the ice (``WATER_RESCUE``), in the
# city's languages.  Such a scene is AT the water: a casualty on land belongs to any scene (``_another_hazard_here``),
# this one only to an incident that is itself about the water (trial 18 H1: "Capsized sailing boat off Tervasaari, two
# people in the water" was filed into a care home's power cut and raised it to P1).
_IN_THE_WATER = re.compile(
    WATER_RESCUE + r"|\bcapsiz\w*|\b(?:boat|dinghy|canoe|kayak|yacht|sailboat|ship|ferry)\b[^.!?;]{0,30}\b(?:overturned|"
    r"sank|sinking|keeled over|turned over)\b|\bcling\w* to (?:the |a )?(?:hull|boat)\b|"
    r"\b(?:vene|veneen|purjevene\w*)\b[^.!?;]{0,30}\b(?:kaatu\w*|kaatun\w*|uppo\w*)|\bkaatun\w* (?:purje)?vene\w*|"
    r"\b(?:ihmi\w+|henkil\w+|mies|nainen|lapsi) (?:on |ovat )?vedessä\b|\bveden varassa\b|\bhukku\w*|"
    r"\bkantra\w*|\b(?:personer|person|man|kvinna|barn|människor) (?:är )?i vattnet\b|\bdrunkn\w*|"
    r"翻船|船(?:翻|沉)|(?:帆船|小船|船只|游艇|皮划艇)[^。！？，,]{0,6}(?:翻|沉)",
    re.IGNORECASE)
# What an incident about the water says in its own reports (a flood, a car in the harbour, an ice rescue).
_WATER_WORDS = re.compile(r"\b(?:water|sea|harbou?r|river|lake|canal|bay|ice|boat|shore|pier|quay)\b|\bve(?:si|de|tt)\w*|"
                          r"\b(?:meri|järvi|satama|jää)\w*|\bvatt?en\b|\b(?:havet|hamnen|sjön|isen)\b|[水河湖海冰船]", re.IGNORECASE)

# The operator says the message is a new incident ("Open a new incident: …", "New incident - …", "a separate incident",
# "uusi tehtävä", "ny händelse", "新事件", "另开一个事件"): it opens one whatever its place or hazard (trial 18 H2: it was
# filed into the session's incident).  Not when the words say the opposite ("not a new incident", "不是新事件").
_NEW_INCIDENT = re.compile(
    r"\b(?:new|separate|different)\s+(?:incident|job|case|event)\b|\bopen\s+(?:a\s+|an\s+)?(?:new\s+)?incident\s+(?:for|on|:)|"
    r"\buu(?:si|den|tena)\s+(?:tehtävä|tapahtuma|tapaus|ilmoitus)\w*|\berillinen\s+(?:tehtävä|tapahtuma|tapaus)\w*|"
    r"\bny(?:tt)?\s+(?:händelse|ärende|larm)\w*|\bseparat\s+(?:händelse|ärende)\w*|"
    r"新事件|新的事件|另一(?:个|起)事件|另(?:开|立)(?:一(?:个|起))?事件|新开(?:一(?:个|起))?事件|单独(?:立案|的事件|开)", re.IGNORECASE)
_NOT_NEW = re.compile(
    r"\b(?:not|no|don'?t|do\s+not|never|isn'?t|is\s+not|without)\b[^.!?;:]{0,20}$|\b(?:ei|älä|inte|ingen|icke)\b[^.!?;:]{0,20}$|"
    r"(?:不是|不要|别|不用|无需|并非|不)[^。！？；：]{0,6}$", re.IGNORECASE)

# A message headed by one incident's id ("INC-7: …", "INC-7：…", "Update for INC-7 - …", "re INC-7,"): a report about it.
_HEADED = re.compile(r"^\W*(?:(?:update|report|news|re|regarding|about|päivitys|tilanne|uppdatering|更新|关于)(?![A-Za-z])\s*"
                     r"(?:for|on|to|of|från|för)?\s*[:：-]?\s*)?(?P<id>INC(?:-[A-Za-z0-9]+|\d[A-Za-z0-9]*))(?![A-Za-z0-9])",
                     re.IGNORECASE)
_ANY_ID = INCIDENT_ID_RE


def asks_new_incident(text: str) -> bool:
    """Does the operator ask for the message to open a new incident of its own?"""
    return any(_NOT_NEW.search(text[:m.start()]) is None for m in _NEW_INCIDENT.finditer(text or ""))


def headed_incident(text: str) -> str | None:
    """The incident id a report is headed by ("INC-7: two more casualties"), canonical; None when it is not headed by
    one, or names more than one incident (a merge, a move: not a report of one)."""
    found = _HEADED.match(text or "")
    if found is None or len({canonical_incident_id(m.group(0)) for m in _ANY_ID.finditer(text)}) != 1:
        return None
    return canonical_incident_id(found.group("id"))


# The clauses of a report, and its contrast words ("..., but the caretaker fell", "mutta", "men", "但是") each opening one:
# "False alarm on the fire but the caretaker fell off the ladder" is two clauses, one of them called off.
_CLAUSES = re.compile(r"[,.;:!?\n，。；：！？、]+|\s[-–—]\s|(?=\b(?:but|however|mutta|kuitenkin|men|aber)\b|但是|可是|不过)",
                      re.IGNORECASE)
_CALLED_OFF = ("drill", "false_alarm", "all_clear")  # what ``no_new_emergency`` calls a hazard taken back
# A clause that denies its drill or false alarm calls nothing off ("this is not a fire drill": the fire is real).
_DENIED = re.compile(r"\b(?:not|never|isn'?t|wasn'?t|aren'?t|ei|eikä|inte|icke|nicht|kein\w*)\b|不是|并非|并没有",
                     re.IGNORECASE)


def called_off_out(text: str) -> str | None:
    """The report without its clauses that call a hazard off (a false alarm, a drill or a test, an all-clear:
    ``agent.hazards.no_new_emergency`` read per clause), when what is left tells an emergency of its own ("False alarm
    on the fire, but the caretaker fell off the ladder and hurt his back" -> "but the caretaker fell off the ladder and
    hurt his back"); None when nothing is called off or nothing else is told.  The report is triaged from these words:
    read whole, the casualty beside a retracted fire was filed as a P4 fire (s20)."""
    found = called_off(text)
    return found[1] if found is not None else None


def called_off(text: str) -> tuple[frozenset[str], str] | None:
    """(what was called off: "drill", "false_alarm", "all_clear"; the words left) of a report that calls a hazard
    off and tells another (``called_off_out``), else None."""
    clauses, asked = _clauses_asked(text or "")
    kinds = [None if _DENIED.search(c) or question else no_new_emergency(c) for c, question in zip(clauses, asked)]
    kept = [c for c, kind in zip(clauses, kinds) if kind not in _CALLED_OFF]
    if len(kept) < len(clauses):  # something is called off: a hazard denied beside it is called off with it
        kept = [c for c in kept if not _denies_a_hazard(c)]
    if len(kept) == len(clauses) or not kept:
        return None
    rest = " ".join(kept)
    return (frozenset(k for k in kinds if k in _CALLED_OFF), rest) if hazard_from_words(rest) is not None else None


# A negation and the words it governs: up to a few fillers ("not a", "no sign of", "isn't really") and then two words
# at most, in which the incident's hazard must be named ("not sure whether it's smoke" negates no smoke).
NEGATED_EN = re.compile(
    r"(?:\b(?:not|no|never)\b|n't\b)\s+(?:(?:a|an|any|the|actually|really|even|real|signs?\s+of|trace\s+of|longer)\s+){0,3}"
    r"(?P<object>[\w'-]+(?:\s+[\w'-]+)?)", re.IGNORECASE)
# 不是 / 并非 / 没有 / 没 and the next few characters; "是不是火灾" asks, it does not negate.
NEGATED_ZH = re.compile(r"(?:(?<!是)不是|并非|并没有|没有|(?<![没])没(?!有))(?P<object>[\u4e00-\u9fff]{1,6})")
# A clause that only denies a hazard ("not a real fire", "no fire", "没有着火"), said beside a false alarm or a drill,
# is part of calling it off: left in, its hazard word read the casualty told beside it as that hazard again (review s20).


def _denies_a_hazard(clause: str) -> bool:
    """Does a clause name a hazard only where it denies it (``NEGATED_EN``, ``NEGATED_ZH``)?"""
    if hazard_from_words(clause) in (None, "medical"):  # "not breathing", "no pulse": a casualty told, not denied
        return False
    blanked = NEGATED_ZH.sub(" ", NEGATED_EN.sub(" ", clause))
    return blanked != clause and hazard_from_words(blanked) is None


# A clause asked, not told: ended by a question mark, or a Chinese question particle ("是误报吗？").
_ASKED_END = re.compile(r"(?:吗|么|嘛)\s*$")


def _clauses_asked(text: str) -> tuple[list[str], list[bool]]:
    """The clauses of a report (``_CLAUSES``), and whether each is a question: "Was it a false alarm? A man is bleeding"
    asks whether the hazard was called off and calls nothing off (review s20: a fire session got a retype to medical)."""
    clauses: list[str] = []
    asked: list[bool] = []
    start = 0
    for cut in [*_CLAUSES.finditer(text), None]:
        clause = text[start:cut.start() if cut is not None else len(text)].strip()
        if clause:
            clauses.append(clause)
            asked.append(bool(cut is not None and re.search(r"[?？]", cut.group(0))) or bool(_ASKED_END.search(clause)))
        if cut is not None:
            start = cut.end()
    return clauses, asked


def triage_of_what_is_told(read: Callable[[str], TriageOutcome], text: str) -> TriageOutcome | None:
    """The triage of a report that calls a hazard off and tells another (``called_off_out``), from what it tells: the
    hazard its words name there over any type the model reads into words framed by the called-off one (the quick model
    read "the caretaker fell off the ladder" as a missing person), and at least P3: what is left is an emergency of its
    own, and P4 is "no response needed".  None for any other report."""
    told = called_off_out(text)
    if told is None:
        return None
    outcome = reconciled_triage(read(told), told, confident=_NEVER_SURE)
    if outcome.priority == "P4":
        outcome = outcome.model_copy(update={"priority": "P3", "priority_confidence": float(dict(outcome.priority_probs).get("P3", 0.0))})
    return outcome


_NEVER_SURE = 1.01  # a model confidence no reading reaches: the words' type always wins (``reconciled_triage``)


def tells_a_hazard_of_its_own(text: str) -> bool:
    """Does a report tell a hazard of its own ("Flames at Kiasma museum", "斯托克曼百货三楼起火"), rather than only where
    the known incident is ("the address is Mannerheimintie 20") or more of it ("the fire is at ...", "it's ...")?"""
    return hazard_from_words(text) is not None and not _REFERS_BACK.match(text)


@dataclass(frozen=True)
class OpenElsewhere:
    """An open incident that another session, the web UI or ``eca monitor`` opened at a new report's place."""
    incident_id: str
    opened_by: str
    opened_at: str  # ISO time
    incident_type: str | None
    priority: str | None = None


class ReportFiler:
    """Reads where reports and incidents are, from the incident log and the city's locator."""

    def __init__(self, store: Any, city: Any):
        self._store = store
        self._city = city

    def incident_for_report(self, text: str, incident_id: str | None, triage: Callable[[str], TriageOutcome],
                            session_incidents: Sequence[str] = ()) -> str | None:
        """The incident a report in a session on ``incident_id`` is filed under: that one (a follow-up, or the first
        report of an empty incident), another open incident of the session at the report's place, or None, which
        opens a new one (another place, or another hazard where only the new report has a place:
        ``report_belongs_to``)."""
        if incident_id is None:
            return None
        earlier = self._store.latest_report(incident_id)
        if earlier is None or earlier.text == text:
            return incident_id
        place = self.report_place(text)
        if place is None and self._names_another_place(text, incident_id):
            # A street or district named, not pinned ("Aleksanterinkatu 水管爆裂", "bin fire at Kamppi"), and not the
            # incident's own: a report of another place, never a follow-up said to name "no place of its own".
            return None
        if place is not None and place.name and self.incident_place(incident_id) is None and tells_a_hazard_of_its_own(text) \
                and self._reports_name_another_place(place.name, text, incident_id):
            # The incident has no pinned place but its reports name one ("the care home on Kaisaniemenkatu"), and this
            # report tells a hazard at another building or landmark ("Fire at Stockmann"): another incident, not its
            # address. A follow-up that only says where ("the address is Mannerheimintie 20", "it's in the Forum") is
            # the incident's address (review s16: it opened a new incident, and the incident stayed unplaced).
            return None
        # the report's type as every filing path reads it: the model's reading checked against the report's words
        # (``reconciled_triage``), whatever reading the caller passes. By the model's alone, "Kaivokatu 8 kadulla mies
        # kaatui, ei hengitä" (read not_incident) was filed under the Ateneum fire on the next block (s19)
        read = reconciled_triage(triage(text), text).incident_type
        # the hazard is the incident's own type (which a follow-up only raises), not its latest report's reading
        belongs = report_belongs_to(place, self.incident_place(incident_id), read,
                                    self._store.get_incident(incident_id).incident_type)
        if belongs and place is not None and self._another_hazard_here(text, incident_id, read):
            return None
        if belongs and place is None and self._in_the_water_elsewhere(text, incident_id):
            return None
        open_ids = {i.incident_id for i in self._store.list_incidents()}
        if belongs and place is None:  # a follow-up with no place: the session's incident its content fits best
            return self._best_fit(text, incident_id, [i for i in session_incidents if i in open_ids and i != incident_id])
        if belongs:
            return incident_id
        for other in dict.fromkeys(reversed(session_incidents)):  # the latest opened first
            there = self.incident_place(other) if other != incident_id and other in open_ids else None
            if place is not None and there is not None and report_belongs_to(place, there, None, None):
                return other
        return None

    def _another_hazard_here(self, text: str, incident_id: str, read: str | None) -> bool:
        """Does a report at the incident's own place tell a hazard of its own that never meets the incident's at one
        scene ("water pipe burst on Aleksanterinkatu 52" beside a bomb threat at Stockmann, trial 17)?  Then it is
        another incident: filed under the threat it got the threat's plan and no response, and closing the prank
        closed it.  Both readings must say so (the words and the report's triage, ``read``); a casualty ("medical")
        belongs to any scene, and a hazard that meets the incident's (a fire's gas leak, a storm's flood) stays."""
        kept = self._store.get_incident(incident_id).incident_type
        told = hazard_from_words(text) if tells_a_hazard_of_its_own(text) else None
        if not kept or told is None or "medical" in (told, kept) or hazards_compatible(told, kept):
            return False
        return read != "medical" and not hazards_compatible(read, kept)

    def _in_the_water_elsewhere(self, text: str, incident_id: str) -> bool:
        """A report that names no place of the map and tells of people in the water, in a session on an incident that
        is not about the water (a power cut, a fire, a roof blown off): the water is a scene of its own, never a
        follow-up said to name "no place of its own" (trial 18 H1)."""
        if not _IN_THE_WATER.search(text) or _REFERS_BACK.match(text):
            return False
        if self._store.get_incident(incident_id).incident_type == "flood":
            return False  # people swept into the water of a flood are its casualties
        return not any(_WATER_WORDS.search(earlier) for earlier in self._store.report_texts(incident_id) if earlier != text)

    def _best_fit(self, text: str, incident_id: str, others: Sequence[str]) -> str:
        """The session's incident a place-less follow-up is about (``agent.follow_up.fit_to_incident``): the session's
        own unless it fits another one better.  It goes to the one that fits best when the session's does not fit at
        all ("flames on the 3rd floor" on a road crash, with a building fire open); when the session's fits only loosely
        or several fit as well, the operator is asked which (``WhichIncident``)."""
        if not others:
            return incident_id
        hazard = hazard_from_words(text)
        fit = {i: fit_to_incident(text, self._store.get_incident(i).incident_type, hazard)
               for i in [incident_id, *dict.fromkeys(reversed(others))]}
        best = max(fit.values())
        if fit[incident_id] == best:
            return incident_id
        fitting = [i for i, score in fit.items() if score == best]
        if fit[incident_id] == 0 and len(fitting) == 1:
            return fitting[0]
        asked = ([incident_id] if fit[incident_id] else []) + fitting
        raise WhichIncident([(i, self.describe(i)) for i in asked])

    def describe(self, incident_id: str) -> str:
        """An incident as the operator knows it: its priority, type and place; "incident" for one this log does not
        hold (a session's id from another log): a reply that names it never fails on it (trial s20 X1)."""
        try:
            incident = self._store.get_incident(incident_id)
        except UnknownIncidentError:
            return "incident"
        kind = " ".join(x for x in (incident.priority, (incident.incident_type or "").replace("_", " ")) if x) or "incident"
        place = self.incident_place(incident_id)
        return f"{kind} at {place.name}" if place is not None and place.name else kind

    def open_incident_at(self, text: str, hazard: str | None, *, within_h: float,
                         exclude: Sequence[str] = ()) -> OpenElsewhere | None:
        """The open incident, active within the last ``within_h`` hours and not one of ``exclude`` (the session's own,
        already compared), that a report placed to an address or a building is most likely about: the same precise
        place (``same_precise_place``) and a hazard that meets this one at a scene (``joins_open_incident``); the most
        recently active first.  None when the report has no such place or no incident fits: it opens its own."""
        place = self.report_place(text)
        if place is None or place.lat is None:
            return None
        since = (datetime.now(timezone.utc) - timedelta(hours=within_h)).isoformat(timespec="milliseconds")
        for row in self._store.open_incidents_active_since(since):
            if row["incident_id"] in exclude or not joins_open_incident(hazard, row["incident_type"]):
                continue
            there = self.incident_place(row["incident_id"])
            if there is not None and same_precise_place(place, there):
                return OpenElsewhere(row["incident_id"], row["operator"], row["created_at"], row["incident_type"],
                                     row["priority"])
        return None

    def file_under_other_desk(self, other: OpenElsewhere, text: str, triage: TriageSummary, operator: str) -> str:
        """File a report under another desk's open incident as a report only: the incident keeps its type and priority
        (which incident two callers describe is a guess from place and hazard, and the incident is that desk's).  The
        words for the reply, said where the report reads as another type or a higher priority, so that the desk can
        decide; "" where it reads as the incident already is."""
        self._store.add_report(other.incident_id, text, triage, operator, raise_incident=False)
        same_type = other.incident_type in (None, triage.incident_type)
        raises = other.priority is not None and priority_rank(triage.priority) < priority_rank(other.priority)
        if same_type and not raises:
            return ""
        was = f"{other.priority or ''} {(other.incident_type or 'incident').replace('_', ' ')}".strip()
        return (f"This report reads as {triage.priority} {triage.incident_type.replace('_', ' ')}; {other.incident_id} stays "
                f"{was} (not changed by this report): {other.opened_by} and you confirm whether they are one event, "
                f"then correct its triage, or triage this report on its own.")

    def incident_place(self, incident_id: str) -> ReportPlace | None:
        """Where the incident is: the location of its latest plan that has one (which may be the operator's map
        point), else of its latest report that names a place.  A follow-up with no place ("two more people trapped
        on the 4th floor") does not erase where the incident is.  A confirmed move of the incident (the caller corrected
        the address, ``agent.relocation``) holds over every plan made before it."""
        moved = self._store.latest_relocation(incident_id)
        for plan in self._store.plans(incident_id):
            if moved is not None and plan.created_at < moved[0]:
                break
            found = plan.tool_outputs.get("locate") or {}
            if found.get("lat") is not None and found.get("lon") is not None and found.get("confident") is not False:
                return ReportPlace(float(found["lat"]), float(found["lon"]), float(found.get("radius_m") or 0.0),
                                   name=str(found.get("place") or ""))
        if moved is not None:
            place = moved[1]
            return ReportPlace(float(place["lat"]), float(place["lon"]), float(place.get("radius_m") or 0.0), name=str(place.get("name") or ""))
        for text in self._store.report_texts(incident_id):
            if (place := self.report_place(text)) is not None:
                return place
        return None

    def _names_another_place(self, text: str, incident_id: str) -> bool:
        """The report names, as written, a street, a district, an address the map places only by interpolation
        ("Kirkkokatu 8") or a building / landmark ("斯托克曼百货") the locator found but could not pin down, or a named
        landmark of the map away from the incident's place (``_names_a_landmark_elsewhere``), and neither the
        incident's place nor its earlier reports name it."""
        locator = getattr(self._city, "locator", None)
        if locator is None:
            return False
        plain = without_motion_targets(text)
        if self._names_a_landmark_elsewhere(plain, incident_id):
            return True
        found = locator.locate(plain)
        # an interpolated address is a street and a house number the caller gave: a place of its own as surely as a
        # street is (s16 trial: "Kirkkokatu 8 三楼…" was filed into a tram crash as naming "no place of its own")
        if not found.found or found.confident or found.method not in ("street", "zone", "feature", "relative", "address_interpolated") \
                or not found.feature or not found.evidence or normalize(found.evidence) not in normalize(plain):
            return False  # a doubtful reading (a spelling or a sound guess: "Frankly My Dear" for 布莱瓦迪) is no place
        if found.method in ("feature", "relative") and not tells_a_hazard_of_its_own(text):
            return False  # "it's right next to Kiasma", "residents gathering at the park": where, not another incident
        if found.method in ("feature", "relative") and re.search(r"[\u4e00-\u9fff]", found.evidence) \
                and not any(zh_kind_hint(found.evidence[i:]) for i in range(1, len(found.evidence))):
            # a building read from a Chinese name by its sound counts only with its kind word ("斯托克曼百货": a
            # department store); a bare sound guess ("布莱瓦迪14号" read as a shop) is no place of its own
            return False
        named = normalize(found.feature)
        there = self.incident_place(incident_id)
        if there is not None and named in normalize(there.name):
            return False  # "the tram on Kaivokatu is burning now": the incident's own street
        return named not in self._earlier_names(text, incident_id)  # else a street or district its own reports name

    def _earlier_names(self, text: str, incident_id: str) -> set[str]:
        """The places (normalized names) the incident's other reports name."""
        return {normalize(m.entry.name) for earlier in self._store.report_texts(incident_id) if earlier != text
                for m in self._city.gazetteer.mentions(earlier)[1]}

    def _names_a_landmark_elsewhere(self, plain: str, incident_id: str) -> bool:
        """The report names, in the map's own words, a landmark or building (not an ordinary word that is also a name)
        that is not at the incident's place and that neither the incident's place nor its reports name.  The locator
        may read such a report as a kind of place near the landmark and not pin it ("Kauppatori 码头停车场": the car
        park by the market square), but the caller has said where it is, and it is not where the incident is
        (s16 trial: a flood at Kauppatori was filed into a gas leak 1 km away as naming "no place of its own")."""
        there = self.incident_place(incident_id)
        if there is None or there.lat is None:
            return False  # where the incident is is not known: ``report_belongs_to`` decides by hazard
        gazetteer = self._city.gazetteer
        landmarks = [m for m in gazetteer.mentions(plain)[1]
                     if m.entry.kind not in ("street", "zone") and m.key not in gazetteer.ordinary_keys]
        if not landmarks:
            return False
        earlier = self._earlier_names(plain, incident_id)
        for m in landmarks:
            named = normalize(m.entry.name)
            at = ReportPlace(m.entry.lat, m.entry.lon, float(m.entry.radius_m or 0.0), name=m.entry.name)
            if named in normalize(there.name) or named in earlier or same_place(at, there):
                return False  # the incident's own landmark, or one by it ("the casualties are at the Kiasma side")
        return True

    def _reports_name_another_place(self, name: str, text: str, incident_id: str) -> bool:
        """The incident's earlier reports name places (streets, districts, buildings), none of them ``name`` or a
        place whose name holds it or is held by it."""
        named = normalize(name)
        places = {normalize(m.entry.name) for earlier in self._store.report_texts(incident_id) if earlier != text
                  for m in self._city.gazetteer.mentions(earlier)[1]}
        places.discard("")
        return bool(places) and not any(named in p or p in named for p in places)

    def place_words(self, text: str) -> str:
        """The words a report names its place with, as the locator read them ("Kirkkokatu 8"), else ""."""
        locator = getattr(self._city, "locator", None)
        found = locator.locate(without_motion_targets(text)) if locator is not None else None
        return found.evidence if found is not None and found.found else ""

    def street_place(self, address: str) -> ReportPlace | None:
        """The map's street (its point and radius) an address with a house number names when the map lacks that number,
        or a place the map lacks names ("the National Opera on Mannerheimintie", trial s20 H3): a place the incident can
        be moved to, with a street's uncertainty (trial s19 L24)."""
        streets = [m for m in self._city.gazetteer.find_in_text(address) if getattr(m, "kind", "") == "street"]
        if not streets:
            return None
        best = streets[0]
        return ReportPlace(best.lat, best.lon, float(best.radius_m or 0.0), name=best.name)

    def report_place(self, text: str) -> ReportPlace | None:
        """Where a report puts its incident (the planner's locator; the gazetteer where the city has none), or None.
        A low-confidence match ("Frankly My Dear" for an unread Chinese address) and the destination of a movement
        ("smoke drifting towards Stockmann") are no place: either would open a duplicate incident elsewhere."""
        text = without_motion_targets(text)
        locator = getattr(self._city, "locator", None)
        if locator is None:
            matches = self._city.gazetteer.find_in_text(text)
            best = max(matches, key=lambda m: m.score) if matches else None
            return ReportPlace(best.lat, best.lon, best.radius_m, name=best.name) if best else None
        found = locator.locate(text)
        if found.found and found.confident:
            return ReportPlace(found.lat, found.lon, float(found.radius_m or 0.0), name=found.place or "")
        if found.outside_map and found.evidence:
            return ReportPlace(outside_map=found.evidence)
        return None
