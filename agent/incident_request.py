"""An operator's request to change an incident's record through chat: its address ("the address of INC-… is Bulevardi
40", "the tram crash is actually at Fredrikinkatu and Bulevardi", "move INC-… to Narinkkatori", "电车事故的地址改为A和B路口")
or its priority ("raise INC-… to P1", "change the priority of the Kamppi gas incident to P1", "upgrade to P1",
"把INC-…升为P1", "优先级改为一级").

Read as reports or questions these became a place lookup, a new P3 incident, a plan search or an injection flag (trial
s17, H7 and H9).  They are requests about one incident: the one named by id, else the open incident the words describe
by kind ("the tram crash", "the gas alarm": ``described_incident``), else the session's.  What is read here is only what
is asked; the chat proposes the change (``relocate_incident`` / ``retype_incident`` in ``agent.incident_changes``) and
the operator's confirmation applies it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from agent.incident_scope import INCIDENT_ID_RE, canonical_incident_id
from agent.slots import canonical_unit_ids
from core.text import has_han

__all__ = ["IncidentRequest", "described_incident", "incident_request", "kinds_named", "says_more"]

_ID = INCIDENT_ID_RE  # also inside Chinese ("把INC-3E1EDD59升为P1")

# --- the new place -----------------------------------------------------------------------------------------------
# A place as said: up to a clause end, ", not …", "instead", or a bracket.
_PLACE = r"(?P<place>[^,，;；.。!！?？\n()（）]{2,80}?)"
_PLACE_END = r"(?=\s*(?:[,，;；.。!！?？\n(（]|\bnot\b|\binstead\b|\bplease\b|不是|而不是|$))"
_ZH_PLACE = r"(?P<place>[^,，;；。!！?？\n()（）]{2,40}?)"
_ZH_PLACE_END = r"(?=\s*(?:[,，;；。!！?？\n(（]|不是|而不是|$))"
_NOUN = r"(?:address|location|position|place)"
# The incident as a request names it: its id, "it", or a few words ending in a noun for an incident.
_WHAT = r"(?P<what>INC(?:-[A-Za-z0-9]+|\d[A-Za-z0-9]*)|it|this|that|the\s+(?:[\w-]+\s+){0,3}?[\w-]+)"
_RELOCATE = [
    # "the address of INC-… is Bulevardi 40", "the address for the Kamppi gas alarm is X", "the location is now X"
    # ("place" is left out: "a public place is at least P2" is no address)
    re.compile(rf"\b(?:address|location)\b(?:\s+(?:of|for)\s+[^.!?\n:]{{1,60}}?)?\s+(?:is|should\s+be|must\s+be)\s+"
               rf"(?:actually\s+|really\s+|now\s+|in\s+fact\s+)?(?:at\s+|on\s+)?{_PLACE}{_PLACE_END}", re.IGNORECASE),
    # "correct the address: X", "update the location of the tram crash: X"
    re.compile(rf"\b(?:correct|change|update|fix|amend)\w*\s+(?:the\s+)?{_NOUN}\b[^:：\n]{{0,60}}[:：]\s*{_PLACE}{_PLACE_END}",
               re.IGNORECASE),
    # "move INC-… to Narinkkatori", "relocate the gas alarm to X"
    re.compile(rf"\b(?:move|relocate)\s+{_WHAT}\s+to\s+(?:the\s+)?{_PLACE}{_PLACE_END}", re.IGNORECASE),
    # "correct the location of INC-… to X", "change the address to X"
    re.compile(rf"\b(?:correct|change|update|set|fix|amend)\s+(?:the\s+|its\s+)?{_NOUN}(?:\s+(?:of|for)\s+[^.!?\n]{{1,60}}?)?"
               rf"\s+to\s+(?:the\s+)?{_PLACE}{_PLACE_END}", re.IGNORECASE),
    # "the tram crash is actually at X", "it's really on X"
    re.compile(rf"\b{_WHAT}\s*(?:'s|\s+is|\s+was)\s+(?:actually|really|in\s+fact|now)\s+(?:at|on)\s+{_PLACE}{_PLACE_END}",
               re.IGNORECASE),
    # "it is at X corner, not the market": a place given and the one before taken back
    re.compile(rf"\b{_WHAT}\s*(?:'s|\s+is)\s+(?:at|on)\s+{_PLACE}\s*[,;]?\s*not\b", re.IGNORECASE),
    # 地址改为X / 位置应该是X / 地点更正为X / 移到X / 其实在X
    re.compile(rf"(?:地址|位置|地点)(?:应该|应|实际上|其实)?(?:改为|改成|更正为|更改为|应该是|应为|是|在|[:：])\s*{_ZH_PLACE}{_ZH_PLACE_END}"),
    re.compile(rf"(?:移到|挪到|改到|搬到|移至)\s*{_ZH_PLACE}{_ZH_PLACE_END}"),
    re.compile(rf"(?:其实|实际上|实际)(?:是)?在\s*{_ZH_PLACE}{_ZH_PLACE_END}"),
]
# "The Hakaniemi underpass is at Siltasaarenkatu under the railway bridge … Approve the plan for INC-7", "INC-7 is at X":
# the precise place of the incident the message names by id (trial 18 H9: planned as a report, it opened a second
# incident at the same place).  Only with the id said, as the subject or after the place: a report headed by an id
# ("INC-7: the fire is at X, two trapped") is a report of it.
_NAMED_AT = re.compile(rf"\b{_WHAT}\s*(?:'s|\s+is|\s+was)\s+(?:located\s+|situated\s+)?(?:at|on)\s+{_PLACE}{_PLACE_END}",
                       re.IGNORECASE)
# Words around a place that are not the place: "the corner of", "corner", "路口" stays (the map reads "A和B路口").
_PLACE_TRIM = re.compile(r"^(?:the\s+)?(?:corner|junction|intersection|crossing)\s+of\s+|\s+(?:corner|junction|intersection|crossing)$",
                         re.IGNORECASE)
# A place request naming no incident must say it changes one ("correct", "actually", "not …", "改为").
_CHANGE_CUE = re.compile(r"\b(?:correct\w*|change\w*|update\w*|fix|amend\w*|move|relocate|actually|really|in\s+fact|now|not|"
                         r"instead|wrong|should\s+be|must\s+be)\b|改为|改成|更正|更改|纠正|应该是|应为|移到|挪到|改到|搬到|移至|其实|实际", re.IGNORECASE)
_NO_PLACE = re.compile(r"\b(?:unknown|unclear|unconfirmed|not\s+known|where)\b|哪|什么|不明|不清|未知|未确认", re.IGNORECASE)
# A Chinese place: written in Latin letters or digits, or ending as a street, junction or landmark does.
_ZH_PLACE_SHAPE = re.compile(r"[A-Za-z0-9]|(?:路口|交叉口|路|街|道|巷|广场|站|号|门|楼|桥|港|公园|市场|码头|附近)$")
# A floor of the building is no address ("the fire is now on the 4th floor", "火灾位置在4楼"): a report's detail, never
# a move of the incident (review s18: an "address correction" answered it, and the Chinese report went unfiled).
_FLOOR_ONLY = re.compile(r"^(?:the\s+)?(?:(?:\d{1,2}(?:st|nd|rd|th)?|top|ground|first|second|third|fourth|fifth|sixth|seventh|"
                         r"eighth|ninth|tenth|upper|lower|next|same|basement)\s+(?:floor|storey|story|level)s?|"
                         r"(?:floor|storey|level)\s+\d{1,2}|basement|attic|roof|(?:[\d一二三四五六七八九十]{1,3}|顶|底|地下)\s*[楼层])$",
                         re.IGNORECASE)
# A place the incident reached besides its own ("it is now at Mannerheimintie 7 as well", "fire spread to …"): the
# incident grew, it did not move; unless the message says the address or location itself is changed.
_ADDED = re.compile(r"\s+(?:as\s+well|too|also)$", re.IGNORECASE)
_SPREAD = re.compile(r"\bspread\w*|蔓延|扩散|波及", re.IGNORECASE)
_ADDRESS_SAID = re.compile(r"\b(?:address|location)\b|地址|位置", re.IGNORECASE)
_INCIDENT_NOUN = re.compile(r"\b(?:incident|scene|call|alarm|job|case)\b", re.IGNORECASE)
_PRIORITY_WORD = re.compile(r"^(?:P[1-4]|priority\b)", re.IGNORECASE)

# --- the new priority --------------------------------------------------------------------------------------------
_P = r"(?P<p>P\s?[1-4]|priority\s+(?:[1-4]|one|two|three|four))"
_VERB = (r"raise|lower|upgrade|downgrade|escalate|de-?escalate|bump|set|change|make|increase|decrease|reduce|elevate|"
         r"reprioriti[sz]e|move|put|re-?grade|update")
_PRIORITY = [
    # "raise INC-… to P1", "change the priority of the Kamppi gas incident to P1", "upgrade to P1", "set it as P2"
    re.compile(rf"\b(?:{_VERB})\b[^.!?\n]{{0,80}}?\s(?:to|as)\s+(?:a\s+)?(?:priority\s+)?{_P}\b", re.IGNORECASE),
    # "the priority of INC-… is now P1", "priority should be P1"
    re.compile(rf"\bpriority\b[^.!?\n]{{0,60}}?\s(?:is\s+now|should\s+be|must\s+be|becomes|=|:)\s*{_P}\b", re.IGNORECASE),
    # 升为P1 / 优先级改为一级 / 调到P2 / 降为三级
    re.compile(r"(?:升为|升至|升到|升级为|升级到|提升为|提升到|提高为|提高到|提到|调为|调到|调整为|改为|改成|降为|降到|降至|降级为|"
               r"定为|设为|设置为)\s*(?:优先级)?\s*(?P<p>P\s?[1-4]|[一二三四1-4]\s*级)", re.IGNORECASE),
    # the incident said to BE of a priority: "Correction: the care home is P1, …", "it's P1 now", "palvelutalo on P1",
    # "äldreboendet är P1", "养老院应该是P1" (trial 18 H5: read as a report, the correction was lost); never a question
    # ("which incidents are P1?") nor a class of incidents ("is P1 incidents first")
    re.compile(r"(?:\b(?:is|'s|should\s+be|must\s+be|on|pitää\s+olla|är|ska\s+vara|bör\s+vara)\s+(?:now\s+|nyt\s+|nu\s+)?"
               r"|(?:应该是|应是|应为|应当是|现在是))(?P<p>P\s?[1-4])\b(?!\s*(?:incidents?|calls?|events?|jobs?|cases?|tehtäv|händels|事件|级)|\s+for\b)",
               re.IGNORECASE),
]
_STATED = len(_PRIORITY) - 1  # the last form: a statement, not an order ("… is P1")
_QUESTION = re.compile(r"[?？]|^\W*(?:which|what|how|is|are|does|do|mikä|mitkä|onko|vilken|vilka|är)\b|哪|吗|几|多少", re.IGNORECASE)
_ZH_LEVEL = {"一": "P1", "二": "P2", "三": "P3", "四": "P4", "1": "P1", "2": "P2", "3": "P3", "4": "P4"}
_EN_LEVEL = {"one": "P1", "two": "P2", "three": "P3", "four": "P4"}
# A Chinese priority change without the word 优先级 must name the level as P1-P4 or be a raise/lower ("改为一级" alone
# could be anything); with 优先级, 升, 降 or a P it is one.
_ZH_PRIORITY_CONTEXT = re.compile(r"优先级|升|降|P\s?[1-4]", re.IGNORECASE)

# --- the incident described by kind ------------------------------------------------------------------------------
# Words that name a kind of incident, by the incident type they are most often filed as.  The incident's own words
# (its title: the first report) are compared too, so a "gas alarm" filed as a fire is still found by "gas".
# Not ``agent.hazards.HAZARD_WORDS``: that table says what a report's words name ("a man is injured" is medical), these
# which incident an operator refers to ("the gas alarm", "the bus accident"); read from it, a report naming its casualty
# before its address became an address change (tests/agent/test_incident_kind_words_s18.py).
_KIND_WORDS: tuple[tuple[str, str], ...] = (
    ("traffic_accident", r"\b(?:tram|trams|bus|buses|coach|car|cars|truck|lorry|van|vehicle|traffic|collision|crash|"
                         r"accident|derail\w*|pile-?up|rta|rtc)\b|电车|有轨电车|公交|巴士|车祸|撞车|交通事故|翻车|脱轨"),
    ("hazmat", r"\b(?:gas|chemical|chemicals|hazmat|h2s|ammonia|chlorine|leak|spill|fumes?|toxic)\b|燃气|煤气|气体|化学|泄漏|毒气"),
    ("fire", r"\b(?:fire|blaze|smoke|burning|flames?)\b|火灾|着火|起火|失火"),
    ("flood", r"\bflood\w*\b|洪水|水淹|内涝|淹水"),
    ("earthquake_collapse", r"\b(?:collapse|collapsed|earthquake)\b|倒塌|坍塌|地震"),
    ("public_security", r"\b(?:bomb|stabbing|shooting|attack|threat|fight|assault|riot|gunman|knife)\b|炸弹|袭击|持刀|枪击|斗殴"),
    ("missing_person", r"\bmissing\b|失踪|走失"),
    ("medical", r"\b(?:medical|cardiac|patient|overdose|unconscious\s+(?:man|woman|person))\b|急救|病人|心脏病"),
    ("utility_outage", r"\b(?:power\s+cut|outage|blackout|water\s+main)\b|停电|停水"),
)
_KINDS = [(kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in _KIND_WORDS]
_NAME_WORD = re.compile(r"[A-ZÄÖÅ][a-zäöå]{3,}")  # a place word said with the kind ("the Kamppi gas alarm")


@dataclass(frozen=True)
class IncidentRequest:
    """What the message asks to change: ``place`` (the address as said) or ``priority`` ("P1"); ``incident_id``: the
    incident named by id (canonical), else None; ``rest``: the message without the new value, where the incident may
    be described by kind; ``named``: what is said before the new value, where the request names its incident ("raise
    the tram crash to" P1), as against news told after it ("upgrade to P1, people trapped in the car")."""

    place: str | None
    priority: str | None
    incident_id: str | None
    rest: str
    named: str = ""


def incident_request(text: str, unit_ids: Iterable[str] = ()) -> IncidentRequest | None:
    """The address or priority change ``text`` asks for, or None (any other message).  A message naming one of
    ``unit_ids`` (the city's units) orders those units ("add ERO-H1 to the gas alarm, and the address is …"): it is a
    dispatch, read by the dispatch readers, never a change here (a relocation needs a message of its own)."""
    said = " ".join((text or "").split())
    if not said or canonical_unit_ids(said, list(unit_ids)):
        return None
    priority, span = _priority(said)
    place = None
    if priority is None:
        place, span = _place(said)
        if place is None:
            place, span = _named_place(said)
        if place is None:
            return None
    rest = (said[:span[0]] + " " + said[span[1]:]).strip()
    found = _ID.search(said)
    if place is not None and found is None and not kinds_named(said[:span[0]]) and not _CHANGE_CUE.search(said):
        # "location is Annankatu 12, car on fire": a report's place (its hazard said after it), no incident's address
        # changed; a request names the incident first ("the tram crash is at …") or says it changes the address
        return None
    return IncidentRequest(place=place, priority=priority, incident_id=canonical_incident_id(found.group(0)) if found else None,
                           rest=rest, named=said[:span[0]])


def _priority(said: str) -> tuple[str | None, tuple[int, int]]:
    for n, pattern in enumerate(_PRIORITY):
        match = pattern.search(said)
        if match is None or (n == 2 and not _ZH_PRIORITY_CONTEXT.search(said)) or (n == _STATED and _QUESTION.search(said)):
            continue
        level = re.sub(r"\s+", "", match.group("p")).lower()
        if level.startswith("p") and not level.startswith("priority"):
            return level.upper(), match.span("p")
        word = level.removeprefix("priority")
        return (_EN_LEVEL.get(word) or _ZH_LEVEL.get(word[:1])), match.span("p")
    return None, (0, 0)


def _place(said: str) -> tuple[str | None, tuple[int, int]]:
    for pattern in _RELOCATE:
        for match in pattern.finditer(said):
            place = _PLACE_TRIM.sub("", match.group("place").strip(" '\"“”‘’")).strip()
            if len(place) < 2 or _PRIORITY_WORD.match(place) or _ID.fullmatch(place) or _NO_PLACE.search(place):
                continue
            if _FLOOR_ONLY.match(place) or _ADDED.search(place) or (_SPREAD.search(said) and not _ADDRESS_SAID.search(match.group(0))):
                continue
            if has_han(match.group(0)) and not _ZH_PLACE_SHAPE.search(place):
                continue  # "其实在现场没有人": no place
            if not has_han(place) and not re.search(r"[A-ZÄÖÅ0-9]", place):
                continue  # "the location is unclear": a place is said with a capital or a number
            what = match.groupdict().get("what")
            if what and what.lower().startswith("the ") and not (kinds_named(what) or _INCIDENT_NOUN.search(what)):
                continue  # "move the people to the shelter": not the incident moved
            return place, match.span("place")
    return None, (0, 0)


def _named_place(said: str) -> tuple[str | None, tuple[int, int]]:
    """The place of ``_NAMED_AT`` where the message names one incident by id as its subject or after the place."""
    ids = {canonical_incident_id(m.group(0)) for m in _ID.finditer(said)}
    match = _NAMED_AT.search(said)
    if match is None or len(ids) != 1:
        return None, (0, 0)
    what = match.group("what")
    if not (_ID.fullmatch(what) or _ID.search(said, match.end())):
        return None, (0, 0)
    place = _PLACE_TRIM.sub("", match.group("place").strip(" '\"“”‘’")).strip()
    if len(place) < 2 or _NO_PLACE.search(place) or not re.search(r"[A-ZÄÖÅ0-9]", place):
        return None, (0, 0)
    return place, match.span("place")


def kinds_named(text: str) -> list[str]:
    """The incident types the words of ``text`` name ("the tram crash" -> ["traffic_accident"])."""
    return [kind for kind, pattern in _KINDS if pattern.search(text or "")]


def described_incident(text: str, open_incidents: Iterable[Any], session: str | None,
                       place_name: Callable[[str], str]) -> tuple[str | None, str]:
    """(the open incident ``text`` describes by kind, "") or (None, the question which one) when several fit and
    nothing tells them apart, or (None, "") when it describes none.  An incident fits by its type or by its own words
    (its title); a place word said with the kind ("Kamppi") narrows several down; the session's incident wins a tie."""
    kinds = [(kind, pattern) for kind, pattern in _KINDS if pattern.search(text or "")]
    if not kinds:
        return None, ""
    incidents = list(open_incidents)
    fits = [i for i in incidents if any(i.incident_type == kind or pattern.search(i.title or "") for kind, pattern in kinds)]
    if len(fits) > 1:
        names = [w.casefold() for w in _NAME_WORD.findall(text)]
        placed = [i for i in fits if names and any(n in f"{i.title} {place_name(i.incident_id)}".casefold() for n in names)]
        fits = placed or fits
    if len(fits) > 1:
        typed = [i for i in fits if any(i.incident_type == kind for kind, _ in kinds)]
        fits = typed or fits
    if len(fits) > 1 and session in [i.incident_id for i in fits]:
        return session, ""
    if len(fits) == 1:
        return fits[0].incident_id, ""
    if not fits:
        return None, ""
    listed = "; ".join(f"{i.incident_id} ({(i.title or '')[:50].strip()})" for i in fits[:5])
    return None, f"Several open incidents fit ({listed}): name the one by its id (INC-…)."


# News beside the request ("…, H2S is at dangerous levels with people on the platform"): a hazard or people at risk.
_NEWS = re.compile(r"\b(?:injur\w*|trapped|unconscious|dead|dying|bleeding|not\s+breathing|dangerous|spreading|explosion|"
                   r"collapsed?|casualt\w*|victims?|people|persons?|children|kids)\b|受伤|被困|昏迷|死亡|危险|蔓延|爆炸|伤员|人员",
                   re.IGNORECASE)


def says_more(rest: str) -> bool:
    """Does the message tell news besides the request (a hazard, people at risk): then it is a report as well."""
    return bool(_NEWS.search(rest or ""))
