"""Which checklist steps of a cited plan passage fit the incident at hand.

An annex's action checklist covers every incident of its kind: Annex C's has decontamination steps that only a
hazardous-material release needs, Annex E's is written for a mass-casualty incident. A response plan's immediate
actions are the steps that fit this incident's type, scale and determinants; the others are left out (the
passage is still cited, so the operator can read them).

How a step is judged (a documented mapping, not a list of steps):

* ``FACETS`` names what a step may be *about*: a hazard facet (hazmat) or a situation facet (mass-casualty scale,
  a public health event, a suspicious item, a crowd crush, a missing person), each with the words that show it in
  a step and, where they differ, in a report.
* A step that opens with its own condition ("For a hazmat evacuation, ...", "For a missing person: ...",
  "If ..., ...") applies when the incident has a facet that the condition names (or, naming no facet, a hazard
  it names); a condition that names neither is kept (it cannot be judged).
* Any other step applies unless it names facets the incident lacks. A step that names a hazard facet *and* one
  of the incident's own hazards ("100 m for a building fire and 300 m for an unknown hazardous material") is a
  step for both and applies.
* The incident's facets: its triage type and secondary types and the hazards its words name; mass-casualty
  scale per Annex E section 2 (ten or more casualties, five or more serious, or casualties of a tram, bus or
  train); the situation facets when the report's words show them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from agent.hazards import HAZARD_WORDS, words_name_hazard
from core.hazard_words import THROUGH_THE_ICE

# Annex E section 2 (activation criteria of the mass-casualty annex).
MCI_CASUALTIES = 10
MCI_SERIOUS = 5


@dataclass(frozen=True)
class Facet:
    name: str
    in_step: re.Pattern[str]
    in_report: re.Pattern[str] | None = None  # None: decided from the triage and the casualty count
    hazard: bool = False  # a hazard facet: a step that also names one of the incident's hazards is for both


def _words(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


FACETS: tuple[Facet, ...] = (
    Facet("hazmat", _words(r"\bhazmat\b|hazardous materials?|dangerous goods|decontaminat\w*|\b(?:hot|warm|cold) zones?\b|"
                           r"\breleases?\b|\bsubstances?\b|\bplumes?\b|\bvapou?rs?\b|air monitoring|危化|危险品|洗消|泄漏"), hazard=True),
    Facet("mass_casualty", _words(r"mass[- ]casualt\w*|casualty collection points?|\bSTART\b|triage every casualty|"
                                  r"\bred casualties\b|register every patient|ambulance loading point|from all bases|"
                                  r"receiving hospitals|大规模伤亡|批量伤员")),
    Facet("public_health", _words(r"public health (?:event|incident)|infectious disease|outbreak|food poisoning"),
          _words(r"food poisoning|outbreak|norovirus|several (?:people|guests|pupils|children|residents) (?:ill|sick|vomiting)|"
                 r"食物中毒|集体(?:呕吐|腹泻)")),
    Facet("suspicious_item", _words(r"suspicious (?:object|item|package|parcel|bag|vehicle|device)s?|unattended (?:bag|item|package|parcel)s?|"
                                    r"explosive device|\bbomb\b|可疑(?:物品|包裹)"),
          _words(r"suspicious (?:object|item|package|parcel|bag|backpack|rucksack|suitcase|box|vehicle|van|car|device)|"
                 r"unattended (?:bag|item|package|parcel|backpack|rucksack|suitcase)|abandoned (?:bag|backpack|rucksack|suitcase|parcel)|"
                 r"explosive|\bbomb\b|ticking|可疑|爆炸物|炸弹")),
    Facet("crowd_crush", _words(r"crowd crush|\bcrush\b|stampede|踩踏"),
          _words(r"crowd crush|\bcrush(?:ed|ing)?\b|stampede|people (?:falling|pushed) over each other|踩踏|挤压")),
    # Getting ready for a warned event (pre-positioning units, briefing on the warning's timing, securing events before
    # the gusts come) fits a forecast or a warning, not a storm whose damage is already reported: there the rescue of
    # the people hurt or trapped comes first (a new user's trial: trees on a tram with passengers beside a live wire got
    # the forecast checklist).
    # Only a step that is preparation from its first word is the facet's: "Alert the units …; pre-position pumps" is a
    # flood checklist's unit call, and "Coordinate … if a storm surge is forecast and with Annex F for power cuts" names a
    # condition, not a preparation (both fit an event under way).
    Facet("forecast", _words(r"^\s*(?:\d+\.\s*)?pre-?position\w*|\bthe warning, its timing\b|"
                             r"\bbefore (?:the )?(?:gusts|winds?|storm|surge|water|snow)\b[^.;]{0,30}?\b(?:exceed|arrive|reach|hit|come)\w*"),
          _words(r"\bforecast\w*|\b(?:weather |storm |gale |wind |flood |snow |heat |cold )?warning (?:issued|for|in force|of)\b|"
                 r"\bexpected\b|\bpredicted\b|\bis coming\b|\bwill (?:hit|arrive|reach|peak)\b|\bahead of the\b|"
                 r"预警|预报|预计|即将|将(?:有|出现|达到)")),
    Facet("missing_person", _words(r"missing persons?\b(?! register)|last known location|走失|失踪"), None),
    # A threat to keep the public from (an attacker, a bomb, a crowd out of hand): the police cordon and moving the public
    # away past it. A lost child is no such threat (trial s19: the lost child's plan got "hold rescue and medical units
    # outside the cordon" and "shelter evacuees").
    Facet("threat_area", _words(r"\bpass the threat\b|\bshelter evacuees\b"), None),
    # Units held at a staging area outside the cordon: right for a threat to the crews (a weapon, a bomb), wrong for a
    # crowd crush with people down, where the ambulances go to the casualties (trial s19 M17).
    Facet("standoff", _words(r"\bhold (?:\w+ ){0,4}units at a staging area\b"), None),
    # Work on the ice (keeping people off it, crews on the ice sledge): a rescue through the ice. A person in open water
    # (off a quay in summer) gets the water rescue's steps, not these (trial s19 L22: "keep everyone off the ice" for a
    # man who fell off the ferry quay). The incident has the facet when its words name ice, or in winter unless they
    # name open water (``_ice_likely``).
    Facet("ice", _words(r"\b(?:off|onto|on|out on) the ice\b|\bice sledge\b"), None),
    # Standing water and its work (pumps, the sea level, flooded basements, the flood area, the water receding): a flood's
    # steps. The flood annex is also tagged for storms (a storm surge floods); a storm that brought a roof or a tree down
    # with no water named gets none of them (trial s18: pumps and closed underpasses in a roof collapse's checklist).
    Facet("flood", _words(r"\bpumps?\b|\bpumping\b|sea level|standing water|\blowland\b|\bflood(?:ed)? (?:area|basements?)\b|"
                          r"\bshore is flooded\b|water recedes|积水|水泵|排涝"), hazard=True),
    # A plume over people: a hazmat release's, or a fire's smoke drifting over homes (Annex C's scope counts smoke plumes).
    # A step about the plume ("shelter-in-place or evacuation for people downwind ... the plume") fits either.
    Facet("plume", _words(r"\bplumes?\b|烟羽|下风"),
          _words(r"\bplumes?\b|\bdownwind\b|\b(?:smoke|fumes)\b[^.;!?]{0,30}?\b(?:blow|drift|spread|carr|head|roll|mov|blanket|cover|pour)\w*\s+"
                 r"(?:over|across|towards?|onto|into (?:the )?(?:neighbou?r\w*|nearby|surrounding|residential))\b|"
                 r"烟羽|下风|(?:浓烟|烟雾|黑烟|烟)[^，。；！？,;!?]{0,6}?(?:飘向|飘到|飘进|飘过|吹向|吹到|笼罩|弥漫到|扩散到|蔓延到)"),
          hazard=True),  # like hazmat: a step naming the plume and one of the incident's hazards is for both
    # An evacuation order's own work (sweeping the zone, shelter occupancy, lifting the order): it fits an incident whose
    # protective action moves people or opens shelters, or whose report asks for an evacuation; not one where the decision
    # table keeps everyone where they are (trial s20 M2: a lift stuck in a power cut, rule U1 "stay home", got "Sweep the
    # zone building by building").
    Facet("evacuation_order", _words(r"\bsweep the zone\b|\bbuilding by building\b|\blift the order\b|\bshelter occupancy\b|"
                                     r"\bfirst evacuees\b|\bevacuation (?:zone|message|routes?)\b"),
          _words(r"\bevacuat\w*|\bevaku\w*|\butrym\w*|疏散|撤离")),
)
_BY_NAME = {f.name: f for f in FACETS}

# A step's own condition at its start: "For a X, ...", "For X: ...", "If X, ...", "When X, ...".
_CONDITION = re.compile(r"^\s*(?:for|if|when|in case of|in the case of)\s+(?P<cond>[^,:;]{3,80}?)\s*[,:]\s", re.IGNORECASE)


# A hazard the report rules out ("no chemicals stored there", "no gas bottles or chemicals inside", "没有燃气泄漏") is no
# hazard of the incident: its words are read only where they are not negated. The negation's scope runs to the clause's
# end or to a word that starts another statement ("no idea what the chemical is", "not a fire but a chemical leak");
# "no more than 10 m from the ammonia tank" negates nothing.
_RULED_OUT = re.compile(
    r"\b(?:no(?!\s+(?:more|less|longer|later|sooner|further|doubt)\b)|without|nor|neither|free of|"
    r"(?:is|are|was|were|has|have)(?:n'?t| not)\s+(?:a|any|been any)|not\s+(?:a|any))\b"
    r"(?:(?!\b(?:but|however|though|although|yet|except|what|which|who|whether|if|is|are|was|were|smells?|says?)\b)[^.;,!?:])*|"
    r"(?:没有|并没有|并无|未发现|未见|不是|没(?=闻到|发现|看到))(?:(?!但|而|可是|不过)[^，。；！？,;!?]){0,10}",
    re.IGNORECASE)


def _affirmed(report: str) -> str:
    """``report`` less what it rules out (see ``_RULED_OUT``)."""
    return _RULED_OUT.sub(" ", report)


@dataclass(frozen=True)
class IncidentFacts:
    """What the steps are judged against."""

    hazards: frozenset[str]
    facets: frozenset[str]
    casualties: int = 0
    serious: int = 0

    @property
    def mass_casualty(self) -> bool:
        return "mass_casualty" in self.facets


def incident_facts(report: str, incident_type: str, secondary_types: tuple[str, ...] | list[str] = (),
                   determinants: list[Any] | None = None) -> IncidentFacts:
    """The incident's hazards and facets from its triage, its words, its casualty count and its determinants."""
    from tools.casualties import census
    from tools.determinants import extract

    hazards = {incident_type, *secondary_types} - {"not_incident"}
    affirmed = _affirmed(report)  # a hazard the caller rules out is none ("no chemicals stored there")
    hazards |= {hazard for hazard, _ in HAZARD_WORDS if words_name_hazard(hazard, affirmed)}
    counted = census(report)
    casualties = counted.serious + counted.minor + counted.ill
    codes = {d.code for d in (determinants if determinants is not None else extract(report))}
    facets = {f.name for f in FACETS if f.hazard and f.name in hazards}
    facets |= {f.name for f in FACETS if f.in_report is not None and f.in_report.search(affirmed)}
    if "missing_person" in hazards or "missing_vulnerable" in codes:
        facets.add("missing_person")
    if "public_health" in hazards:
        facets.add("public_health")
    if "suspicious_object" in codes:  # the determinant reads more phrasings than the facet's words ("unattended black backpack")
        facets.add("suspicious_item")
    if _ice_likely(affirmed):
        facets.add("ice")
    if "public_security" in hazards:
        facets.add("threat_area")
        people_down = casualties > 0 or bool(codes & _PEOPLE_DOWN)
        if not ("crowd_crush" in facets and people_down and not codes & _HOSTILE):
            facets.add("standoff")
    if _people_may_move(affirmed, incident_type):
        facets.add("evacuation_order")
    if casualties >= MCI_CASUALTIES or counted.serious >= MCI_SERIOUS or (casualties and "passenger_vehicle" in codes) \
            or _words(r"mass[- ]casualty|\bMCI\b|dozens (?:of people )?(?:injured|hurt|casualties)|many (?:injured|casualties)|大规模伤亡").search(report):
        facets.add("mass_casualty")
    return IncidentFacts(hazards=frozenset(hazards), facets=frozenset(facets), casualties=casualties, serious=counted.serious)


def _people_may_move(report: str, incident_type: str) -> bool:
    """Unless the protective-action table keeps everyone where they are (shelter in place, a cordon, nobody moved and no
    shelter opened), an evacuation may be ordered; a type the table has no row for is not judged here."""
    from tools.protective.cues import read_protective_cues
    from tools.protective.decision import decide

    try:
        decision = decide(incident_type, read_protective_cues(report))
    except Exception:  # noqa: BLE001 - a report the cue reader rejects: the steps are judged as before
        return True
    return decision is None or decision.moves_people() or decision.shelters


# Ice named in a report (English, Finnish, Swedish, Chinese), and open water named (a quay, a harbour, a beach).
_ICE_SAID = _words(THROUGH_THE_ICE + r"|\bice\b|\bicy\b|\bfrozen (?:sea|lake|river|bay|harbou?r|pond)\b|\bjää(?:llä|lle|ltä|hän|n läpi|ssä|t)\b|"
                   r"\bjäihin\b|\bjäille\b|\bisen\b|\bisflak\w*|\bgenom isen\b|冰")
_OPEN_WATER = _words(r"\b(?:quay|quayside|pier|jetty|harbou?r|dock|marina|boat|ferry|beach|swimming|swimmer|open water|"
                     r"laitur\w*|satam\w*|ranta\w*|uimar\w*|kaj\w*|hamn\w*|brygg\w*|strand\w*)\b|码头|港口|海滩|游泳")
# The months the sea and lakes may carry ice in the demonstration city (Helsinki: December to April).
_ICE_MONTHS = frozenset({12, 1, 2, 3, 4})


def _ice_likely(report: str) -> bool:
    """Is a rescue from the water one on the ice? Said in the report, or winter and no open water named."""
    if _ICE_SAID.search(report):
        return True
    from agent.time_of_day import CITY_TIME_ZONE, planning_now
    from zoneinfo import ZoneInfo

    winter = planning_now().astimezone(ZoneInfo(CITY_TIME_ZONE)).month in _ICE_MONTHS
    return winter and not _OPEN_WATER.search(report)


# Determinants of people down or hurt, and of a threat to the crews themselves (a weapon, violence, a device).
_PEOPLE_DOWN = frozenset({"casualty_signs", "serious_patients", "minor_patients", "unconscious", "not_breathing", "injured", "serious_injury"})
_HOSTILE = frozenset({"weapon", "violence_ongoing", "large_brawl", "suspicious_object"})


# Words of a water-rescue step that only a rescue through the ice needs, and what is left of the step without them: the
# step itself fits a person in open water too ("Dispatch the rescue unit with the ice-rescue kit and an ambulance at
# once" is the dispatch of any water rescue). Trial s22: a capsized boat's plan told the crews to bring the ice kit and
# a spotter to watch "the hole".
_ICE_ONLY_WORDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (_words(r"\s+with (?:the|its|an?) ice[- ]rescue kit\b"), ""),
    (_words(r"\bice[- ]rescue\b"), "water-rescue"),
    (_words(r"\s+and the (?:ice )?hole\b"), ""),
    (_words(r"\bthe (?:ice )?hole\b"), "the place they went in"),
    (_words(r"\s+(?:or|and) (?:through )?the (?:sea )?ice\b"), ""),
)


def fitted_wording(step: str, facts: IncidentFacts) -> str:
    """``step`` as it applies to this incident: with no ice ("ice" not among its facets), without its ice-only words."""
    if "ice" in facts.facets:
        return step
    for pattern, instead in _ICE_ONLY_WORDS:
        step = pattern.sub(instead, step)
    return step


def step_facets(text: str) -> set[str]:
    return {f.name for f in FACETS if f.in_step.search(text)}


def step_fits(step: str, facts: IncidentFacts) -> bool:
    """Does this checklist step apply to the incident? (see the module docstring)"""
    condition = _CONDITION.match(step)
    if condition:
        cond = condition.group("cond")
        named = step_facets(cond)
        if named:
            return bool(named & facts.facets)
        hazards = {hazard for hazard, _ in HAZARD_WORDS if words_name_hazard(hazard, cond)}
        return not hazards or bool(hazards & facts.hazards)
    named = step_facets(step)
    if not named or named & facts.facets:
        return True
    if all(_BY_NAME[name].hazard for name in named):  # only hazard facets: a step also for one of this incident's hazards
        return any(words_name_hazard(hazard, step) for hazard in facts.hazards - named)
    return False
