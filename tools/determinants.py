"""Response determinants: the facts in a report that decide which units it needs.

Each :class:`Determinant` names one fact (people trapped, a weapon, someone in the water...),
with a count where the report gives one, and the exact words it rests on (``evidence``,
``span`` into the report). Patterns are English and Chinese, with the common Finnish and
Swedish words for the gravest facts. A fact the report denies ("nobody hurt", "没有人受伤",
"no one trapped") is not extracted. The response table (tools/response_table.py) turns
determinants into units.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import BaseModel, model_validator

from core.errors import InputError
from core.hazard_words import (CARBON_MONOXIDE, CROWD_CRUSH, THROUGH_THE_ICE, GAS_CYLINDERS, NOT_BREATHING_NORDIC, TOXIC_GAS,
                               UNATTENDED_ITEM, ZH_KNIFE_WEAPON)
from core.nordic_life_risk import JUMPER_NORDIC, MISSING_CHILD_NORDIC
from core.text import to_simplified, unspaced_han_transcript
from tools.casualties import Group, census
from tools.pattern_gate import GatedPattern, gated
from tools.report_words import (CANNOT_SELF_EVACUATE_EN, CANNOT_SELF_EVACUATE_ZH, EN_NUM_RE, FALL_FROM_HEIGHT, NEG_AFTER, SERIOUS, ZH_GRAZE, ZH_NUM_RE, ZH_VOMIT, asked_not_said, believed_before,
                                count_corrected, informal, machine_still, near_miss, negated_before, parse_number)

# code -> what it means, for the plan's "which determinant asked for which unit".
DETERMINANTS: dict[str, str] = {
    "trapped": "people trapped",
    "vehicle_entrapment": "someone trapped or pinned in a vehicle",
    "injured": "people injured",
    "minor_injury": "minor injuries only",
    "catastrophic_bleeding": "catastrophic bleeding (heavy, spurting or not stopping): a threat to life, P1",
    "unconscious": "someone unconscious",
    "not_breathing": "someone not breathing / cardiac arrest",
    "weapon": "a weapon",
    "violence_ongoing": "violence still going on / attacker on scene",
    "large_brawl": "a large fight",
    "building_fire": "fire or smoke inside a building",
    "outdoor_fire": "a small outdoor fire (bin, bush, one vehicle)",
    "vessel_fire": "a fire aboard a ship, ferry or other vessel (people aboard: several engines, the rescue unit, ambulances)",
    "gas_cylinders_at_fire": "gas cylinders at the fire: explosion risk (cordon to the explosion-risk distance, 200 m)",
    "people_inside": "people inside a burning building",
    "upper_floor": "people on an upper floor / at windows or balconies",
    "at_window": "people up there: at a window, on a balcony or roof, or unable to get down",
    "people_above": "people above the ground floor (upstairs, a hotel at night, a care home)",
    "cannot_self_evacuate": "people who cannot get out on their own (bedridden, in wheelchairs, a care home or hospital ward)",
    "smoke_spreading": "smoke spreading (stairwell, other flats)",
    "gas_leak": "a gas leak",
    "carbon_monoxide": "carbon monoxide",
    "symptoms": "people with symptoms (dizzy, breathing trouble, burning eyes)",
    "chemical_release": "a chemical release",
    "public_area": "a public area to cordon",
    "vehicles": "vehicles involved",
    "passenger_vehicle": "a bus, tram, coach or train (people aboard)",
    "large_vehicle": "a lorry or other heavy goods vehicle",
    "crowded": "a vehicle full of passengers",
    "fuel_leak": "fuel leaking or a vehicle smoking",
    "person_in_water": "someone in the water",
    "missing_vulnerable": "a missing vulnerable person",
    "water_search": "a search near water",
    "collapse_people_under": "people under a collapse",
    "collapse": "a structural collapse",
    "lift_stuck": "people stuck in a lift",
    "lift_occupied": "someone in a lift (said plainly or not, the lift may have stopped with them)",
    "traffic_lights_out": "traffic lights out",
    "live_wire": "a live wire down",
    "loose_high": "loose roofing or scaffolding high up",
    "tree_blocking": "a tree or debris blocking the way",
    "stranded_in_water": "people stranded in flood water",
    "burst_main": "a burst water main or drain",
    "no_casualties": "the caller says nobody is hurt",
    "rescued_from_water": "the person is already out of the water",
    "suspicious_object": "a suspicious object",
    "crowd_disorder": "a crowd getting out of hand",
    "utility_fault": "an electrical or utility fault (cables, manhole, transformer, steam)",
    "road_hazard": "a hazard on the road (hole, steam, flooding)",
    "medical_dependency": "someone dependent on powered medical equipment",
    "affected": "people affected",
    "casualty_signs": "signs of a casualty (down, pinned, can't move)",
    "behind_locked_door": "the patient is behind a door nobody can open (forced entry)",
    "hanging_high": "someone hanging up high (by a harness, a rope, off a gutter or ledge) who cannot get back",
    "jumper": "a person threatening to jump",
    "serious_injury": "a serious injury or illness",
    "aggressive": "an aggressive or violent patient or bystander (crew safety)",
    "deliberate": "a deliberate act (someone sprayed, poured, threw something)",
    "serious_patients": "seriously ill or injured patients (one ambulance each)",
    "minor_patients": "patients with minor injuries or symptoms (two to an ambulance)",
    "ill_patients": "people ill in a cluster (fever, vomiting; assessed on scene)",
    # a fire's people cut off by smoke, or people held where they are (a tram stopped by a live wire): EMS checks them
    "smoke_exposed": "people who cannot get out (cut off by fire or smoke, or held inside; checked by the ambulance crew)",
    "abnormal_breathing": "breathing badly (gurgling, gasping, blue lips)",
    "possibly_in_water": "someone may have gone into the water (a splash, a bicycle at the edge)",
    "water_quality": "drinking water discoloured or contaminated",
    "fire_out": "the fire is already out",
    "odd_smell": "a smell of unknown source (a chemical release unless it is gas)",
    "fire_exposure": "a fire outside spreading to a building",
    "childbirth": "a birth under way",
    "says_fine": "the person says they are fine (nobody to treat unless an injury is said)",
    "power_on": "the power is on (no outage)",
    "feared_in_water": "the caller fears someone missing went into the water (nothing seen)",
    "natural_flood": "water from the sea, a river or the rain (no pipe to shut)",
    "wet_electrics": "water reaching electrical installations",
}

# "We need another ambulance", "send two more engines", "再派一辆救护车": the operator asks for units on top of those
# already there.  One code per unit type (a determinant is one fact); the planner adds them to the need of an incident
# with units on scene, which the table's need alone would cancel (tools/dispatch/steps.py on_scene_slots).
_MORE_UNIT_WORDS: dict[str, tuple[str, str]] = {
    "ambulance": (r"ambulances?|paramedics?|medics?|ems (?:units?|crews?)", r"救护车|急救车"),
    "engine": (r"(?:fire )?engines?|fire ?trucks?|fire (?:crews?|units?)", r"消防车"),
    "ladder": (r"(?:aerial )?ladders?(?: trucks?| units?)?|aerials?|turntable ladders?", r"云梯车?|登高车"),
    "rescue": (r"rescue (?:units?|teams?|crews?|vehicles?|trucks?)", r"救援车|抢险救援车"),
    "hazmat": (r"hazmat(?: units?| teams?| crews?)?", r"危化品?(?:车|队)"),
    "police_patrol": (r"police(?: cars?| patrols?| units?| officers?)?|patrols?|(?:police )?officers|cops", r"警车|警察|民警"),
    "utility_crew": (r"(?:utility|power|electricity|gas|water) crews?|electricians?", r"抢修车|抢修队|电力抢修"),
}
MORE_UNITS: dict[str, str] = {f"more_{t}": t for t in _MORE_UNIT_WORDS}  # determinant code -> unit type
_ASK_EN = (r"\b(?:need|needs|needed|send|sending|get|want|request|requesting|call|calling|dispatch|bring|require|required|requires)\b"
           r"(?:\s+(?:us|me|them|in|out|here|now|please|urgently|at least|up))*\s+"
           r"(?:another|one more|a second|an extra|an additional|a further|(" + EN_NUM_RE + r") more|more|extra|additional|further)\s+")
_ASK_ZH = r"(?:再|还|另外|多)(?:要|需要|派|来|叫|调)(?:个|一下)?(" + ZH_NUM_RE + r")?(?:辆|台|个|名|位|队)?"
# The same ask by a Finnish or Swedish crew ("tarvitaan lisää ensihoitoa", "tarvitsemme vielä yhden ambulanssin", "vi
# behöver fler ambulanser", "en ambulans till"): one more unit (trial s18: with two ambulances on scene, none was added).
_MORE_UNIT_WORDS_NORDIC: dict[str, str] = {
    "ambulance": r"ensihoi\w*|ambulanss\w*|ambulans\w*|sjukvårdare",
    "engine": r"paloaut\w*|sammutusyksik\w*|brandbil\w*",
    "ladder": r"tikasaut\w*|nostolava\w*|stegbil\w*|höjdfordon\w*",
    "rescue": r"pelastusyksik\w*|raivausyksik\w*|räddningsenhet\w*",
    "police_patrol": r"poliis\w*|partio\w*|polis(?:en|patrull\w*)?|patrull\w*",
}
_ASK_NORDIC = (r"\b(?:tarvitaan|tarvitsemme|tarvitsen|lähettäkää|lähetä|pyydämme|behöver|behövs|skicka|begär)\b(?:\s+(?:vi|nu|heti|tänne|hit|genast))*\s+"
               r"(?:lisää|vielä|toinen|toisen|ylimääräisen|fler|mer|ytterligare|en till|ännu en|en extra)(?:\s+(?:yksi|yhden|en|ett))?\s+")
# "vi behöver en ambulans till" (one ... more); "skicka en ambulans till Bulevardi" sends it to a place
_ONE_MORE_SV = r"\b(?:behöver|behövs|skicka|begär)\b(?:\s+(?:vi|nu|genast))*\s+(?:en|ett)\s+(?:{units})\s+till\b(?=\s*(?:[,.;!]|$|nu\b|hit\b|här\b))"
DETERMINANTS.update({code: f"the operator asks for more: {t.replace('_', ' ')}" for code, t in MORE_UNITS.items()})


def additional_units(found: list[Determinant] | None) -> dict[str, int]:
    """The units asked for on top of those there ("another ambulance": 1, "two more engines": 2), by unit type."""
    return {MORE_UNITS[d.code]: d.count or 1 for d in found or () if d.code in MORE_UNITS}


class Determinant(BaseModel):
    code: str
    count: int | None = None
    evidence: str
    span: tuple[int, int]
    # What the words say more precisely than the code, for the table to ask without reading them again (a live wire:
    # "line" when a line or cable is named, not sparks alone).
    # Derived from ``evidence`` when not given: a determinant from the public API or a JSON round trip without it would
    # otherwise name no line for "power line down" and get no utility crew.
    qualifiers: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _qualified_by_its_words(self) -> Determinant:
        if not self.qualifiers:
            self.qualifiers = qualifiers_of(self.code, self.evidence)
        return self

    def describe(self) -> str:
        what = DETERMINANTS.get(self.code, self.code)
        return f"{what}{f' ({self.count})' if self.count else ''}: \"{self.evidence}\""


_EN_NUM_RE = "(" + EN_NUM_RE + ")"
_ZH_NUM_RE = r"(" + ZH_NUM_RE + r")\s*(?:名|个|位|人|辆|台)?"


@dataclass(frozen=True)
class _Before:
    """Words just before a match (in the ``chars`` characters before it) that change what the match says."""

    words: re.Pattern[str]
    chars: int

    def said(self, text: str, start: int) -> bool:
        return bool(self.words.search(text[max(0, start - self.chars): start]))


@dataclass(frozen=True)
class _Phrasing:
    pattern: GatedPattern   # compiled once, at import, with the words any match must contain (tools/pattern_gate.py)
    counted: bool = False   # the pattern may carry a number (its groups)


@dataclass(frozen=True)
class _Rule:
    """One determinant and every way of saying it. The phrasings are read in order: the first match that is not
    denied is the fact's evidence, a higher count said by a later match replaces it."""

    code: str
    phrasings: tuple[_Phrasing, ...]
    # False: the words carry their own negation ("not breathing"), or stay true whatever is denied near them
    negatable: bool = True
    # words before a match that make it no such fact ("cut himself with the bread knife": no weapon)
    not_after: _Before | None = None
    # words before a match that make it another fact ("I'm worried she fell in": a fear, not a sighting)
    other_after: tuple[_Before, str] | None = None
    # (name, words): the determinant carries the name when the words of its match say it
    qualifiers: tuple[tuple[str, re.Pattern[str]], ...] = ()

    def code_of(self, text: str, start: int) -> str:
        """The fact a match at ``start`` says: the rule's own, or the other one its words before it make it."""
        if self.other_after is not None and self.other_after[0].said(text, start):
            return self.other_after[1]
        return self.code

    def qualified(self, words: str) -> tuple[str, ...]:
        return tuple(name for name, pattern in self.qualifiers if pattern.search(words))


def _phrasing(pattern: str, counted: bool = False) -> _Phrasing:
    return _Phrasing(gated(informal(pattern), re.IGNORECASE), counted)


def _counted(pattern: str) -> _Phrasing:
    """A phrasing that may carry a count ("three people injured"): the determinant keeps the highest one said."""
    return _phrasing(pattern, counted=True)


def _rule(code: str, *phrasings: str | _Phrasing, negatable: bool = True, not_after: _Before | None = None,
          other_after: tuple[_Before, str] | None = None, qualifiers: dict[str, re.Pattern[str]] | None = None) -> _Rule:
    return _Rule(code, tuple(p if isinstance(p, _Phrasing) else _phrasing(p) for p in phrasings), negatable, not_after,
                 other_after, tuple((qualifiers or {}).items()))


# "还在" / "仍在" (still there) said of an attacker is violence going on; said of the people a report counts ("客人还在房间里",
# "老人们仍在楼上", "有人还在里面": guests, residents, someone still in their rooms) it is where they are, not an attack.
# 个人 is a count only after a numeral ("三个人还在里面"); "那个人还在门口" is the attacker still there.
_ZH_PEOPLE = ("客人", "住户", "老人", "孩子", "居民", "病人", "乘客", "员工", "学生", "旅客", "住客", "顾客", "工人", "家人", "有人", "多人",
              "(?<![那这该])个人", "大家")
# one fixed-width look-behind per noun and per particle after it (们, 都, 也): a run of them, all of which must hold
_ZH_STILL_THERE = "".join(f"(?<!{n}{tail})" for n in _ZH_PEOPLE for tail in ("", "们", "都", "也", "们都", "们也")) + "(?:还在|仍在)"
# Something eaten or swallowed before 卡住 (stuck, "吃葡萄卡住了"): the throat is what it is stuck in, a choking, nobody to free.
_SWALLOWED_ZH = re.compile(r"(吃|吞|咽|噎|喉咙|嗓子|卡在喉)[^。，,]{0,6}$")
# "a puddle under the van": a thing under the vehicle, not a person pinned beneath it
_THING_UNDER = re.compile(r"\b(puddle|pool|patch|stain|leak|oil|fuel|diesel|petrol|fluid|liquid|glass|debris|smoke|steam|sparks?)\b[^.,;!?]{0,12}$", re.IGNORECASE)
# A blade in an accident at home or work, not a weapon ("cut herself on a kitchen knife", "切菜时切到了手").
_TOOL_ACCIDENT = re.compile(r"\b(cut|sliced|nicked|gashed|stabbed|caught) (himself|herself|myself|themselves|yourself|(his|her|my|their) (own )?(finger|hand|thumb|palm|arm|leg)s?)\b"
                            r"[^.,;!?]{0,25}\b(with|on)( (a|an|the|his|her|my|their))?( \w+){0,2}\s*$"
                            r"|(切菜|切肉|切水果|削水果|做饭|削皮)[^。，！？]{0,10}$", re.IGNORECASE)
# A fear, not a sighting, before "fell into the water" ("我担心她掉海里了", "we're afraid he may have gone in").
_FEARED = re.compile(r"(\b(worried|fear|feared|fears|scared|terrified|might have|may have|could have|in case|what if|maybe)\b[^.;!?]{0,20}$)"
                     r"|(担心|怕|害怕|恐怕|万一|会不会|是不是|可能)[^。；！？]{0,8}$", re.IGNORECASE)
# A line or cable named with a live wire (not sparks alone, at a pantograph or a socket): the utility makes it dead.
_A_LINE = re.compile(r"\b(lines?|wires?|cables?)\b|johto|kaapeli|ledning|线|缆|接触网", re.IGNORECASE)


_PEOPLE = r"(?:people|ppl|persons?|men|women|man|woman|children|kids?|child|residents?|passengers?|workers?|students?|pupils?|victims?|pedestrians?|cyclists?|drivers?|bystanders?|occupants?|patients?|guests?|customers?|staff|tenants?|neighbou?rs?)"

# Someone caught where they are, said in Swedish ("sitter fast", "fastklämd", "instängd") or Finnish ("jumissa", "loukussa",
# "puristuksissa"): the trial s18 storm night's "föraren sitter fast" was no entrapment. A thing stuck in the snow, a
# ditch or the traffic, and a lift stuck (its own determinant), are not.
_NOT_STUCK_IN = r"(?! (?:i|på) (?:snö\w*|lera\w*|leran|isen|is|dike\w*|trafik\w*|kö\w*|hissen)\b)(?! (?:lumessa|lumeen|ojassa|ojaan|liikenteessä|ruuhkassa|jäässä|mudassa|ulkona|ulos)\b)(?! (?:ute|utomhus|utanför)\b)"
TRAPPED_NORDIC = (r"\b(?:sitter|satt|sitta|är|var|blev|ligger|låg|har fastnat) (?:\w+ )?fast(?:klämd\w*)?\b" + _NOT_STUCK_IN
                  + r"|\bfastklämd\w*|\binstängd\w*(?! i hissen)|(?<!hissi )(?<!hissi on )(?<!hissi oli )\b(?:jumissa|loukussa|puristuksissa)\b" + _NOT_STUCK_IN)
# A vehicle's driver or passengers, or the vehicle itself, in those languages
_NORDIC_DRIVER = r"\b(?:föraren|förare|chauffören|passageraren|passagerarna|kuljettaja\w*|matkustaja\w*)\b"
_NORDIC_VEHICLE = r"\b(?:bil(?:en|ar|arna)?|fordon\w*|spårvagn\w*|buss(?:en)?|auto(?:n|ssa|on|ssaan|jen)?|raitiovaunu\w*|bussi\w*|rekka\w*)\b"
# "föraren fast" (no verb: a radio's shorthand) after the driver word
_NORDIC_DRIVER_CAUGHT = (_NORDIC_DRIVER + r"[^.;]{0,25}?(?:" + TRAPPED_NORDIC + r"|\bfast\b" + _NOT_STUCK_IN + r")"
                         r"|(?:" + TRAPPED_NORDIC + r")[^.;]{0,40}?" + _NORDIC_VEHICLE
                         + r"|" + _NORDIC_VEHICLE + r"[^.;]{0,40}?(?:" + TRAPPED_NORDIC + r")")

_NOT_A_PLACE = r"(?![- ](stops?|stations?|terminals?|shelters?|depots?|lanes?|tracks?|rails?|ramps?|platforms?|route|timetable|ticket)\b)"
_NOT_A_PLACE_ZH = r"(?!站|道|轨|票)"

RULES: tuple[_Rule, ...] = (
    # --- life signs
    _rule("not_breathing",
        r"\b(not breathing|isn'?t breathing|stopped breathing|no pulse|cardiac arrest|heart (has )?stopped|doing cpr|started cpr|cpr in progress|giving cpr|performing cpr|defibrillator|aed)\b|没有呼吸|没呼吸|停止呼吸|呼吸停止|心跳停止|心脏骤停|没有心跳|没有脉搏|没脉搏|除颤|做心肺复苏|心肺复苏|CPR",
        r"\b(can'?t (feel|hear|see) (him|her|them|it) breath\w*|no breathing|breathing has stopped)\b|感觉不到(他|她)?(在)?呼吸|摸不到(脉搏|心跳)",
        r"\b(no signs? of life|no heartbeat|no heart ?beat|(doing|giving|started|starting|performing) (chest )?compressions|defib\w*|no breath( sounds)?|not breathing)\b|没气了|没有气了|没了气|不出气|没有?出气了|没有生命体征|没生命体征|不喘气|没喘气|心跳没了|没心跳|没有心跳了|胸外按压|按压胸口",
        # no breathing seen, or chest compressions under way however they are said (MPDS: CPR in progress is an arrest)
        r"\b((don'?t|do not) think|(can'?t|cannot|couldn'?t) see)\b[^.;!?]{0,12}\bchest (is )?(moving|rising|going up)\b|\bchest (isn'?t|is not|not|stopped) (moving|rising|going up)\b"
        r"|\b(pushing|pumping) (down )?(hard )?on (his|her|their|the) chest\b|按(压)?(他|她)的?胸(口|部)?",
        # not breathing said in spoken Chinese ("好像没在喘气")
        r"没在喘气|没在呼吸|不喘气了|没有气息|没气息",
        # the same verbs with an aspect marker between verb and object ("停止了呼吸", "没了呼吸", "失去了意识", "摔断了腿"),
        # or the negation before a bare verb ("不呼吸了")
        r"停止了呼吸|没了(呼吸|心跳|脉搏)|(?<![还])不呼吸了|呼吸(已经)?停了",
        # not breathing said in Finnish or Swedish with the negation where they put it ("eikä hengitä", "ei enää
        # hengitä", "slutat andas"; core.hazard_words)
        NOT_BREATHING_NORDIC,
        # CPR said in Finnish ("elvytys käynnissä", "elvytetään") or Swedish ("HLR pågår", "hjärt-lungräddning"): an arrest
        r"\b(elvyt\w*|hlr|hjärt-?lungräddning\w*|hjärtstopp\w*|sydänpysähdy\w*)\b",
        # breathing denied by the caller's own doubt ("I don't think he's breathing", "she doesn't seem to be breathing"):
        # not breathing, as the call-taker treats it until someone sees the chest rise
        r"\b(don'?t|do not|doesn'?t|does not|can'?t|cannot|couldn'?t) (think|believe|see|feel|hear|seem)( that)?( (he|she|they|him|her|them|it|the \w+))?('s| is| are|'re)?( to be)? breathin\w*+(?! (properly|normally|right|well|very|much|enough|easily))",
        negatable=False,
    ),
    _rule("unconscious",
        r"\b(unconscious|unresponsive|not responding|passed out|knocked out|collapsed and (is )?not (responding|moving|waking)|won'?t wake|can'?t wake|tajuton|medvetslös)\b|昏迷|失去知觉|不省人事|没有意识|叫不(太|大)?醒|晕倒|昏倒|没反应|没有反应",
        r"\b(out cold|blacked out|won'?t come round|not coming round|hasn'?t come round)\b|昏过去|人事不省|晕过去|昏死过去",
        r"\b(barely responding|won'?t respond|not waking( up)?|can'?t wake (him|her|them) up)\b|意识不清|神志不清|意识模糊|叫(他|她)?(也)?没(有)?反应",
        # not answering at all, said another way
        r"\b(isn'?t responding|is not responding|wasn'?t responding|(doesn'?t|does not|didn'?t|did not) respond\w*|not responsive|non-?responsive|"
        r"no response (from|out of) (him|her|them)|(can'?t|cannot|couldn'?t|could not) get (a |any )?(response|reaction)( (from|out of) (him|her|them))?)\b|"
        r"(叫|喊|拍)(他|她)?(都|也)?不(醒|应|答应)|毫无反应|没有任何反应",
        r"\b(lost consciousness|losing consciousness|(isn'?t|is not|wasn'?t|not) waking( up)?|knocked unconscious)\b|(打|撞|砸|摔|磕)晕(了|过去)?|失去了?(意识|知觉)|没了意识|(意识|知觉)(都)?没了|昏了过去|晕了过去",
        # not reacting at all, said another way
        r"\b((doesn'?t|does not|didn'?t|did not|won'?t|will not) react|no reaction( at all)?|not reacting|unreactive|non-?reactive)\b|(叫|喊|拍)(他|她)*(都|也)?(没有|没|不)(回答|回应|答应|应声)",
        # cannot be woken, in Finnish and Swedish (trial s20: a CO report in Finnish read no one unconscious)
        r"\b(ei herää|eivät herää|ei saa (\w+ )?hereille|ei reagoi|vaknar inte|går inte att väcka|reagerar inte)\b",
    ),
    # --- injuries (counted)
    _rule("injured",
        _counted(r"(?:\b" + _EN_NUM_RE + r"\s+(?:(?:seriously|badly|severely|slightly|lightly|critically|more|other|elderly|young|old)\s+)?(?:" + _PEOPLE[3:-1] + r")\s+(?:\w+\s+){0,3}?(?:injured|hurt|wounded|wounds|bleeding|burned|burnt|stabbed|hit|cut|hurt)\b)"
                 r"|(?:\b" + _EN_NUM_RE + r"\s+(?:(?:seriously|badly|severely|slightly|lightly|critically)\s+)?(?:injured|casualties|wounded|hurt|patients|injuries)\b)"
                 r"|(?:" + _ZH_NUM_RE + r"\s*(?:人|名|[\u4e00-\u9fff]{1,3}?)?(?:受伤|受了伤|伤者|伤员|被刺|流血|被?烧伤|被?砍伤|被?刺伤|被?撞伤|受重伤|受轻伤|重伤|轻伤))"
                 r"|(?:(?:受伤|伤者|伤员)\s*" + _ZH_NUM_RE + r")"),
        r"\b(injured|injury|injuries|hurt|wounded|bleeding|blood|stabbed|stab wound|(?<!power )(?<!short )cut(?! (through|into|off|across) )|gashed|fracture|broken (legs?|arms?|hips?|bones?)|burns?|burned|burnt(?! (the )?(toast|food|dinner|pan|popcorn|pizza|bread))|bruised|concussion|hit by|run over|knocked down(?! (a |an |the |some |two |several )?(\w+ )?(power |electric |overhead )?(lines?|cables?|wires?|trees?|poles?|posts?|signs?|fences?|walls?|branch(es)?|lamps?|scaffold\w*|masts?|billboards?|bins?))|head wounds?|stab wounds?|gunshot wounds?|pistol-whipped|beaten (up|badly|unconscious)|badly beaten|loukkaantu\w*|vammautu\w*|skadad\w*|skadade)\b|受伤|受了伤|伤者|伤员|流血|出血|有血|骨折|烧伤|被刺|被砍|被撞|头破血流|伤口|砸伤|砸到(?![^。，！？]{0,8}?(车|地上|地面|人行道|路面|马路|窗|屋顶|房顶|墙|玻璃|栏杆))",
        _counted(r"\b(hit|injured|hurt|knocked down|struck|injuring|hitting)\s+" + _EN_NUM_RE + r"\s+(?:people|persons|pedestrians|passers-by|tourists|children|workers)\b|(?:砸到|撞到|撞伤|砸伤)了?" + _ZH_NUM_RE + r"(?<![辆台])(?![辆台])"),
        r"\b(broke|broken|fractured) (his|her|my|their|a) (arm|leg|wrist|ankle|hip|collarbone|ribs?|nose|jaw)\b|(腿|手|胳膊|脚|手臂)[^。，]{0,2}断了|流了?(很多|好多|不少|一地|满地)?的?血",
        r"\b((neck|back|head|leg|arm|knee|ankle|wrist|shoulder|hip|lip|nose)('?s)? (hurts|is sore|aches|is hurting|is bleeding|bleeding)|sore (neck|back)|smacked (me|him|her)|punched (me|him|her))\b|(脖子|头|腿|胳膊|手|脚|背|腰|肩膀|膝盖)[^。，]{0,3}(疼|痛)|摔伤|摔到了?(腿|头|手|腰|胳膊)|滑倒|摔了一跤",
        # pain said of a body part ("complains of neck pain") is an injury
        r"\b(neck|back|hip|leg|arm|knee|ankle|wrist|shoulder|stomach|belly|abdominal|pelvic) (pain|injury)\b|complain\w* of (\w+ )?pain\b",
        r"(摔|撞|打|砸|踢)(断|破|伤)了?(腿|胳膊|手臂|手|脚|头|肋骨|鼻子)|(头|脑袋|额头)[^。，]{0,2}被[^。，]{0,2}(砸|打|撞|磕)(破|伤|开)|被(狗|动物)咬(了|伤)|(他|她|人|孩子|小孩|老人|行人|路人)被[^。，]{0,3}(车|汽车|出租车|公交车|巴士|电车|卡车|货车|摩托车|自行车)撞(了(?!一下)|倒|伤|飞)|被[^。，]{0,3}(车|汽车|出租车|公交车|巴士|电车|卡车|货车|摩托车|自行车)撞(倒|伤|飞)|(打|砍|刺|捅)伤了",
        # someone hit by something, said with "one of the" ("a branch hit one of the kids")
        _counted(r"\b(hit|struck|landed on|fell on|injured|hurt)\s+(" + EN_NUM_RE + r"|one) of (the|our|my|his|her|their) (" + _PEOPLE[3:-1] + r")\b"),
        r"\b(hit|struck|landed on|fell on|crushed)\s+(a|an|the|one|our|my|his|her|their)\s+(young |old |elderly |little |passing )?(" + _PEOPLE[3:-1] + r")\b",
        # holding a hurt head or limb after a blow ("people standing around holding their heads")
        r"\bholding (his|her|their) (heads?|necks?|arms?|legs?|backs?|sides?)\b",
        # a fall from a height or with what collapsed, said of a person
        FALL_FROM_HEIGHT,
        # a limb swollen after a blow or a fall (a sprain or a fracture until seen)
        r"\b(wrist|ankle|knee|hand|arm|leg|foot|elbow|finger)('s| is| was| has| got)? (all |really |very |badly )?(swollen|swelling up|swelled up)\b|\bswollen (wrist|ankle|knee|hand|arm|leg|foot|elbow|finger)\b"
        r"|(手腕|脚踝|脚腕|手|脚|膝盖|胳膊|手臂|腿|手指|胳膊肘)[^。，]{0,2}肿(了|起来|得)",
        # burns said in Chinese (a scald, a blister) and a bleeding head (a head wound)
        r"烫伤|烫到|烫了一下|烫了|起了?(个|一个)?(水)?泡|(头上|头部|脑袋|额头)[^。，]{0,3}(在)?(流血|出血|是血)|(手臂|胳膊|腿|手腕|骨头|手指)[^。，]{0,3}断了|(脖子|背|腰|腿|胳膊|头|胸口|肩膀)[^。，]{0,4}(不舒服|难受|发麻|麻了)",
    ),
    _rule("jumper",
        r"\b(threatening to jump|(going|gonna) to jump|gonna jump|wants to jump|about to jump|(he|she|they)'?ll jump|(he|she) will jump|sitting on the (edge|ledge|railing)|on the ledge)\b|\b(sitting|standing) on the (window ?sill|window ledge|roof edge|edge of the roof)\b|(要|想|准备|说要)跳(下去|楼|桥|河|海)?|(坐|站)在(窗台|楼顶|天台|屋顶|桥栏)|坐在(楼顶|天台)边",
        r"\b(standing|sitting|climbed|climbing) (on|onto|over) (the )?(railing|parapet|ledge|edge)s? (of|on) (the |a )?(bridge|roof|balcony|car park)\b|\b(standing|sitting|climbed|climbing) (on|onto|over) (the )?(bridge|roof|balcony) (railing|parapet|ledge|edge)s?\b",
        r"(?<!of a )(?<!of an )(?<!of the )\b(man|woman|person|someone|somebody|boy|girl|child|kid|guy|lad|he|she|who)\b[^.,;]{0,20}\bhanging (from|off|onto|on to) (the |a )?(\w+ )?(balcony|window|ledge|railing|roof|edge|parapet)|挂在(阳台|窗|楼)[^。，]{0,2}外",
        # Finnish and Swedish (issue 10: "Mies seisoo sillan kaiteen ulkopuolella", "hotar att hoppa")
        JUMPER_NORDIC,
    ),
    _rule("casualty_signs", r"\b(on the ground(?! floor)|(?<!it's )(?<!it is )lying (on|in) the|is down|are down|went down(?! (to|into|there|the stairs|stairs|in the (basement|cellar))\b)(?!\s*[:;,–—-]?\s*(and |to )?(saw|found|checked|looked|had a look|took a look|to (check|look|see|inspect))\b)(?!\s*[:;–—-]\s*(there'?s|there is|there are|there was|there were)\b)|not moving|not move|eyes closed|can'?t (feel|move) (his|her) legs?|can'?t stand|can'?t walk|hip looks wrong|hit (his|her) head|head injury|screaming in pain|in pain|chest pain|pregnant|short of breath)\b|躺在地上|倒在地上|不动了|站不起来|走不了路|胸口疼|喘不上气|喘不过气|头破|头部|孕妇"),
    # Bleeding said to be heavy, spurting or not stopping is a threat to life in minutes (the P1 label's own words;
    # trial s19: "bleeding heavily from the hand and face" was P2, and "手在流血" beside heavy bleeding read as minor).
    _rule("catastrophic_bleeding",
        r"\b(?:(heavy|massive|severe|profuse|uncontrolled|arterial|catastrophic|major) (bleeding|blood loss|haemorrhage|hemorrhage)|"
        r"bleeding (very |so |really )?(heavily|profusely|uncontrollably|a lot|like crazy|out)\b|"
        r"(blood|it) (is |was |keeps |kept )?(spurting|pumping|gushing|squirting|pouring)|(spurting|pumping|gushing|squirting|pouring) (out )?blood|"
        r"(won'?t|will not|can'?t|cannot|doesn'?t|does not) stop (the )?bleeding|bleeding (won'?t|will not|doesn'?t|does not) stop|"
        r"(vuotaa|vuoti) (todella |tosi |hyvin )?(runsaasti|paljon|kovasti|voimakkaasti)|(runsas|voimakas|kova) verenvuoto|verta (tulee|vuotaa|suihkuaa|pulppuaa) (todella |tosi )?(paljon|runsaasti)|"
        r"blöder (väldigt |jätte|mycket )?(kraftigt|mycket|ymnigt|våldsamt)|(kraftig|massiv|svår) blödning|(blodet|blod) (sprutar|pumpar|forsar))\b|"
        r"大量出血|大出血|血流不止|止不住血|血止不住|血(一直)?(往外)?(喷|涌)|喷血|流了?(很多|好多|大量|一大摊)的?血|血流如注",
    ),
    _rule("minor_injury",
        r"\b(minor (injur\w+|cuts?|scrapes?|bruises?)|scrapes?|scratch(es)?|bruises?|nosebleed|grazed?|shaken( up)?(?! (hands|it|off))|slightly (hurt|injured)|light(ly)? (hurt|injured)|walking wounded)\b|轻伤|擦伤|皮外伤|淤青|流鼻血|受了点惊吓|轻微",
        # grazes said in Chinese
        ZH_GRAZE + "|划破",
    ),
    # --- weapons and violence
    _rule("weapon",
        r"\b(knife|knives|blade|machete|axe|hatchet|gun|pistol|rifle|shotgun|firearm|armed|shooting|shots? fired|gunshots?|stabbing|stabbed|broken bottle|(glass|beer|wine) bottle as a weapon|swinging a bottle|baseball bat|pistol-whipped|bat|iron bar|crowbar|hammer|(with|holding|wielding|swinging|carrying|has|had|a|an) (\w+ )?club|stick|veitsi\w*|ase(en|ella|et|ita|istautu\w*)?|kniv\w*|pistol\w*)\b|" + ZH_KNIFE_WEAPON + r"|斧|枪|持械|刺伤|捅|棍|锤子|铁棒|拿(着)?(酒瓶|瓶子|玻璃瓶|砖头|石头)|抡(起)?(酒瓶|瓶子)",
        r"\b(screwdriver|syringe|needle|scissors|brass knuckles|knuckle-?duster|taser|(as|like) a weapon)\b|针管|注射器|螺丝刀",  # scissors held as a weapon: ZH_KNIFE_WEAPON (剪刀手 is the V-sign)
        r"\b(active shooter|shooter|gunman|gunmen|(heard|hear|hearing) (\w+ ){0,3}shots|\d+ shots|glassed|bottled (him|her|someone|somebody|a \w+))\b",
        # a struck-with weapon said by its material
        r"\b(metal|iron|steel|lead) (pipe|bar|rod|pole)s?\b|\b(with|holding|swinging|wielding|waving) (a |an )?(pipe|rod|plank|brick|rock|stone|chair leg)\b|铁管|钢管|铁棍|钢筋",
        not_after=_Before(_TOOL_ACCIDENT, 60),
    ),
    _rule("violence_ongoing",
        r"\b((is|are) still (on|at|in) the \w+|still around|still (there|on scene|attacking|fighting|hitting|swinging|threatening|throwing|violent|moving|in the|inside)|attacking|threatening|swinging|lashing out|is fighting|are fighting|keeps (hitting|attacking)|on the loose|ongoing|in progress|barricaded|hostage|beating|punching|kicking|hitting (her|him|them|people)|being thrown|throwing (bottles|stones|things|chairs)|screaming|robbery|robbed|things breaking|(following|chasing) (us|me|him|her|them))\b|" + _ZH_STILL_THERE + r"|正在打|正在砍|威胁|挥舞|扬言|劫持|冲突中|打她|打他|打人|在打|扔|(?<!被)砸(?!到|伤|碎|坏|破|烂|中)",
        r"\b(still here|(is|are|he'?s|she'?s|they'?re|keeps|kept|still) (throwing|smashing|breaking|shouting at)|smashing (things|the place|everything|glass))\b|还在打|又打起来|打成一团",
        # an assault still going on: several on one, still going at him
        r"\b((still |are |is )(going at|laying into|ganging up on|kicking|beating) (him|her|them|the \w+)|"
        r"(" + EN_NUM_RE + r"|a few|some) (guys|men|lads|people|youths|teenagers|of them) (on|against) one)\b|围殴|(几|三|四|五)个人打一个",
        r"\b(he'?s|she'?s|they'?re|he is|she is|they are) still (going|at it)\b|还在(砸|打|闹|骂|挥)",
    ),
    _rule("large_brawl", r"\b(mass brawl|large (fight|brawl)|big fight|brawl\w*|gang fight|gangs? (are )?fighting|(supporters|fans|youths|teenagers|men|people) (are )?(brawling|fighting each other)|(\d{2}|ten|twenty|thirty|dozens of|a dozen|many|several|group of|gang of|crowd of)( about| around| some)? (\w+ ){0,2}(people|men|youths?|supporters|fans|teenagers|guys) (are )?(fighting|brawling)|riot|joukkotappelu|slagsmål|fight between (maybe |about |around |some )?(\d{2}|a dozen|dozens|many|several|a group)|fans fighting|football fans|hooligans|riot\w*|looting|(throwing|hurling) (stones|rocks|bricks|bottles|fireworks) at (the )?(police|people|cars|officers|buses|trams))\b|群殴|斗殴|打群架|聚众|多人打架|一群人[^。]{0,4}打|(十几|几十|二十多|二十几)个人[^。]{0,8}(打|斗|冲突|闹事)"),
    _rule("crowd_disorder",
        CROWD_CRUSH + r"|\b(demonstration|protest\w*|crowd)\b[^.]{0,60}\b(out of hand|pushing|fighting|clash\w*|violent|throwing|lit|flares?|surg\w+|crush)\b|示威|抗议[^。]{0,10}(冲突|推搡|失控)|人群[^。]{0,6}(失控|推搡|拥挤)",
        # a crowd pushing and shoving (a demonstration that turns into a fight)
        r"\b(demo|demonstration|protest\w*|counter-?protest\w*|march|rally|crowd)\b[^.]{0,60}\b(pushed|shoved|shoving|pushing|fists|punches|punching|brawl\w*|scuffl\w*)\b",
    ),
    _rule("suspicious_object", r"\b(powder|substance|liquid)( \w+)? (in|from|inside|out of) (an |a |the )?(envelope|letter|parcel|package)|(信封|包裹|信)[^。，]{0,6}(粉末|白色粉)|\b(envelope|letter|parcel) (with|containing|full of) (a |some )?(white |unknown )?(powder|substance)|" + UNATTENDED_ITEM + r"|wires sticking out|bomb|explosive device|\bticking\b|可疑的?(包|包裹|行李|物品|箱子)|无人看管的(包|行李)|炸弹|爆炸物"),
    # --- fire
    _rule("building_fire",
        r"\b(fire(?! alarm| door| exit| extinguisher| brigade| station| department| service| detector)|flames?|smoke|burning|on fire|blaze|tulipalo|palaa|savu\w*|brand|brinner|rök)\b[^.]{0,80}\b(flat|apartment|building|house|room|kitchen|stairwell|staircase|floor|storey|attic|basement|cellar|office|shop|store|restaurant|hotel|school|church|roof|window|balcony|hall|car park|parking garage|garage|shopping centre|mall|tunnel)\b"
        r"|\b(flat|apartment|building|house|kitchen|stairwell|staircase|attic|basement|cellar|office|shop|store|restaurant|hotel|school|roof|window)\b[^.]{0,60}\b(fire|flames?|smoke|burning|on fire|alight)\b"
        r"|(楼|房|屋|公寓|厨房|楼梯|窗|店|餐厅|酒店|学校|大楼|建筑|地下室|阁楼)[^。]{0,20}(着火|起火|失火|火灾|冒烟|浓烟|烟雾|火苗|火焰|烟)|(着火|起火|失火|火灾|冒烟|浓烟)[^。]{0,20}(楼|房|屋|公寓|厨房|楼梯|窗|店|餐厅|酒店|学校|大楼|建筑)",
        r"(房子|房间|家里|屋里|屋子|楼里|楼上|楼下|公寓|厨房|卧室)[^。，]{0,6}(烧起来|烧着了|着火|起火|冒烟|火烧)",
        r"火[^。，]{0,4}从[^。，]{0,8}(窗户?|窗口|楼|阳台|门)[^。，]{0,4}(冒|窜|喷)出|(窗户|窗口|阳台)[^。，]{0,4}(冒出|窜出|喷出|往外冒)(火|浓烟|黑烟)",
    ),
    _rule("outdoor_fire",
        r"\b(bin|dumpster|rubbish|trash|skip|container|bush|hedge|grass|tree|bonfire|car|vehicle|scooter|moped|bike|bicycle|bus shelter|kiosk|sauna stove|barbecue|bbq)\s+(is\s+)?(fire|on fire|burning|alight|ablaze)\b|\b(fire|burning|smoke) (in|from) (a |the )?(bin|dumpster|rubbish|trash|container|bush|hedge|parked car|car)\b(?! park| parks)|(垃圾桶|垃圾箱|垃圾集装箱|集装箱|汽车|车辆|车子|灌木|草地|树)[^。]{0,4}(着火|起火|烧起来)",
        r"\b(car|vehicle|van|scooter|moped|bin|dumpster|hedge|bush|kiosk|bus shelter) (is |was )?(in flames|engulfed)\b",
    ),
    # Gas cylinders, propane or LPG where something burns (a market kiosk, a food stall, a balcony grill): they can
    # explode, so the cordon is the explosion-risk one (tools/PROTECTIVE_ACTIONS.md F7), not a small outdoor fire's
    # 30 m (trial s19: "gasflaskor finns i kiosken" was not read at all). Kept only where the report says a fire.
    _rule("gas_cylinders_at_fire", GAS_CYLINDERS),
    # A fire aboard a ship, a ferry or a vessel ("the car deck of the ferry", "渡轮的车辆甲板起火"): a large fire with
    # everyone aboard at risk, never the small outdoor fire its words for a vehicle or a boat would otherwise read as
    # ("车辆甲板" is the car deck, not one vehicle). A fireboat is the fire service's own boat, not a fire.
    _rule("vessel_fire",
        r"\b(fire(?! ?boats?\b| alarm| door| drill| extinguisher| brigade| crew| service| department| station| engine| truck| fighter| team| officer| safety| exit| escape| hose| hydrant| blanket)|flames?|smoke|burning|on fire|blaze|ablaze|alight)\b[^.;!?]{0,60}\b(ferry|ferries|ship|vessel|cruise liner|ocean liner|(passenger|cargo|cruise|container|ro-ro|tour|sightseeing|excursion) boat|(car|vehicle|passenger|upper|lower|main|sun|cabin) deck|deck \d+|engine room)\b"
        r"|\b(ferry|ship|vessel|cruise liner|ocean liner|(passenger|cargo|cruise|container|ro-ro|tour|sightseeing|excursion) boat|(car|vehicle|passenger|upper|lower|main|sun|cabin) deck|deck \d+|engine room)\b[^.;!?]{0,60}\b(fire(?! ?boats?\b| alarm| door| drill| extinguisher| brigade| crew| service| department| station| engine| truck| fighter| team| officer| safety| exit| escape| hose| hydrant| blanket)|flames?|smoke|burning|on fire|blaze|ablaze|alight)\b"
        r"|(渡轮|轮渡|客轮|邮轮|游轮|游船|轮船|货轮|客船|渡船|船上|船舱|甲板|机舱)[^。！？]{0,15}(着火|起火|失火|火灾|冒烟|浓烟|黑烟|火势|烧起来|燃烧)"
        r"|(着火|起火|失火|火灾|冒烟|浓烟|黑烟)[^。！？]{0,10}(渡轮|轮渡|客轮|邮轮|游轮|游船|轮船|货轮|客船|渡船|船上|船舱|甲板|机舱)",
    ),
    _rule("people_inside",
        r"\b(still inside|went back in(side)?|gone back in(side)?|ran back in(side)?|trapped inside|inside (the|his|her|their) (flat|apartment|building|house|room)|(is|are|may be|might be|could be) (still )?(in there|inside)|hasn'?t (come|got) out|haven'?t (come|got) out|not come out|can'?t get out|cannot get out|lives there alone|unaccounted|missing residents?|sisällä|kvar inne)\b|还在里面|困在里面|被困在(?!外面|门外|室外|外边|街上)|没有出来|没出来|出不来|里面还有人|屋里还有人",
        # one of the family said still up there ("my grandmother is still upstairs": trial s22, no rescue unit was sent)
        r"\b(people|residents|tenants|neighbou?rs|someone|somebody|(my|our|his|her|their|the) (grand(mother|father|ma|pa|son|daughter)|granny|mother|father|mum|mom|dad|son|daughter|wife|husband|partner|baby|child|kids?|brother|sister|old (man|woman|lady)))"
        r" (are |is |'s )?(still )?(upstairs|up there|on the (upper|top) floors?)\b|\bstill (someone|somebody|people|children|kids|residents|guests|patients|staff|workers|a \w+|\w+ people|my \w+) (in (the |there|his |her )|inside\b)|还有人在(里面|屋里|楼里|房间|家里)|里面还有|楼上(还|也)有人",
    ),
    _rule("upper_floor", r"\b((([3-9]|1\d)(rd|th)|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|top)( and ([3-9]|1\d)(rd|th))?[- ](floors?|storeys?)|(floors?|storeys?) ([3-9]|1\d)|(on|at) ([3-9]|1\d) floor|(at|from|on) (the |a |their |his |her )?(window|balcony|balconies|roof)|hanging out of|waving from|kerroksessa|parveke\w*|balkong\w*)\b|([三四五六七八九十]|[3-9])\s*楼|阳台|窗口|窗边|窗户边|楼顶|顶楼"),
    _rule("at_window",
        # people up there, not only the fire's floor ("a 4th floor flat" says where it burns, "a woman waving from the
        # balcony", "we're on the 6th floor and can't get down" say who may need the ladder)
        r"\b(people|persons?|someone|somebody|(?:wo)?man|(?:wo)?men|lady|child|children|kids?|baby|boy|girl|mother|father|family|couple|residents?|tenants?|guests?|neighbou?rs?|occupants?|we|they|he|she)\b"
        r"[^.;!?]{0,40}\b(at|on|from|in|out of|onto) (the |a |their |his |her |our |my )?(\w+ ){0,2}(windows?|balcon(y|ies)|roofs?)\b"
        r"|\b(waving|shouting|screaming|calling|crying|hanging|leaning|trapped)\b[^.;!?]{0,30}\b(windows?|balcon(y|ies)|roofs?)\b"
        r"|\b(windows?|balcon(y|ies))\b[^.;!?]{0,20}\b(waving|shouting|screaming|calling for help|crying for help|banging)\b"
        r"|(在|站在|趴在)(窗口|窗户|窗边|窗台|阳台|楼顶|天台|屋顶)|(窗口|窗户|窗边|阳台|楼顶|天台)(上|边)?[^。，]{0,6}(喊|呼救|挥手|求救|有人|站着)",
        # (a rule of its own, so that the one above runs only on reports that name a window, a balcony or a roof)
        r"\b(we|i)('re| are|'m| am| live|'ve| have)? ?(stuck |trapped )?(on|in) (the )?(\w+ ){0,2}(floor|storey)\b|\bin room \d{3,4}\b|\b(can'?t|cannot|couldn'?t) (get|go) (down|out)(stairs)?\b"
        r"|\b(people|guests|residents|tenants|staff|someone) (are |is |still )*in the (corridors?|hallways?|stairwell|staircase)\b|我们(住|在)[^。，]{0,4}楼|下不去|下不来|未撤出|没撤出",
        # someone out on the balcony said after it ("the balcony above ... there's a woman out there")
        r"\b(windows?|balcon(y|ies))\b[^.;!?]{0,40}\bthere(?:'s| is| are) (a |an |some |two |three )?(\w+ ){0,2}(people|persons?|someone|somebody|(?:wo)?man|(?:wo)?men|lady|child|children|kids?|family|couple) (out|up) there\b",
    ),
    # People above the ground floor, said by who and where ("guests still upstairs", "老人们都在楼上") or by a building
    # where people sleep or cannot walk out on their own: a care home at any hour, a hotel or hostel at night. A fire
    # below them cuts off the stairs: the ladder is their second way out.
    _rule("people_above",
        r"\b(people|persons|someone|somebody|guests?|residents?|tenants?|occupants?|patients?|children|kids|famil(y|ies)|elderly|old (people|folks?)|staff|neighbou?rs?|backpackers|students|visitors|lodgers|boarders|flatmates|inhabitants)\b"
        r"( (are|is|still|all|asleep|sleeping|stuck|left|staying|in (their|the) rooms))*( up)? (upstairs|up there|on the (upper|top|higher) floors?|on the floors? above|on the (\w+ )?floors? above (it|us|them|the fire))\b"
        # ... unless they are said to be coming down or out ("楼上有几个人自己往下走了": the stairs still serve them)
        r"(?! (are|is|have|has|were)( all| already)? (coming|come|came|walking|walked|getting|got|made it) (down|out))"
        r"|((楼上|[二两三四五六七八九十2-9]楼)(还|也|都)?(有|住着|住了|睡着)[^。，,]{0,4}(人|客人|住户|老人|孩子|旅客|住客|病人|居民)"
        r"|(人|客人|住户|老人|孩子|旅客|住客|病人|居民)们?(都|还|也)?(在|住在|睡在|困在)楼上)(?![^。，,]{0,8}(往下走|下来了|下楼了|出来了|跑出来|撤出来|撤出了|撤离了))",
        r"\b(care home|nursing home|old people'?s home|retirement home|residential home|elderly home|home for the elderly|assisted living|hospice)\b"
        r"|养老院|敬老院|老人院|护理院|福利院|疗养院",
        r"\b(hotel|hostel|motel|guest ?house|b&b|dormitory|dorm)\b[^.;!?]{0,60}(\b(night|midnight|asleep|sleeping|in bed)\b|\b[1-5] ?(am\b|a\.m\.))"
        r"|\b(night|midnight|[1-5] ?(am\b|a\.m\.))[^.;!?]{0,60}\b(hotel|hostel|motel|guest ?house|b&b|dormitory|dorm)\b"
        r"|(酒店|宾馆|旅馆|旅店|招待所|青旅|民宿)[^。]{0,20}(夜|凌晨|睡)|(夜|凌晨)[^。]{0,20}(酒店|宾馆|旅馆|旅店|招待所|青旅|民宿)",
    ),
    # People who cannot walk out on their own, by what they are (bedridden, in wheelchairs, "行动不便") or where they
    # are (a care home, a hospital ward, "养老院"): in a fire they are carried out, the rescue unit's work (Annex C:
    # "engines, a ladder unit and the rescue unit for a building fire"), not walked down the stairs.
    _rule("cannot_self_evacuate", CANNOT_SELF_EVACUATE_EN + "|" + CANNOT_SELF_EVACUATE_ZH,
    ),
    _rule("smoke_spreading",
        r"\b(smoke[- ]?(filled|logged)|full of (black |thick )?smoke|smoke (in|into|filling|spreading (into|to|through)|coming into) (the )?(stairwell|staircase|stairs|corridor|hallway|other flats|next door|neighbouring)|(stairwell|staircase|stairs|corridor|hallway) (\w+ ){0,2}(filling|filled|full) (up )?with (\w+ )?smoke|stairwell (is )?(full of|filled with) smoke|smoke (is )?(going|drifting|getting|coming|seeping|pouring|spreading) (up )?(in)?to the (flats?|apartments?|floors?|rooms?) (above|upstairs|next door)|porraskäytävä\w*|trapphus\w*)\b|烟[^。，]{0,4}(飘|进|窜|钻)(进|到)了?楼上|楼梯间[^。]{0,6}(烟|浓烟)|烟雾(弥漫|扩散)|浓烟(弥漫|扩散|进入)|满是烟",
        # a stairwell going hazy or smoky (smoke climbing it, the residents above cut off)
        r"\b(stairwell|staircase|stairs|corridor|hallway)\b( \w+){0,3} (is |are )?(going|getting|turning|gone|got) (all )?(hazy|smoky|grey|gray|dark|black)\b"
        r"|\b(hazy|smoky) (stairwell|staircase|corridor|hallway)\b",
        r"\bsmoke (is )?(coming|getting|going|spreading|seeping|pouring) (in)?to (the )?(other|neighbou?ring|next|upstairs|downstairs) \w+|(楼道|走廊|楼梯)里?(全是|都是|满是)烟|(楼道|走廊)里?(也|都|全)?(有|冒|进了?)(烟|浓烟)|烟(已经)?(蔓延|窜|跑|飘)到",
    ),
    # --- gas / chemicals
    _rule("gas_leak",
        r"\b(gas leak|smell(s|ing)? (of )?gas|gas smell|leaking gas|gas (is )?(leaking|hissing|escaping)|hissing gas|kaasu\w*|gaslukt|gasläck\w*)\b|煤气泄漏|天然气泄漏|燃气泄漏|漏(煤气|燃气|天然气)|(煤气|燃气|天然气)漏|煤气味|燃气味|闻到煤气|闻到燃气|漏气|(煤气|燃气|天然气)的?(味道|气味)",
        r"\b(rotten[- ]eggs?|(maybe|probably|might be|could be|think it'?s|smells? like|smell of) (a )?gas)\b|臭鸡蛋",
        # a gas leak said by a detector or a struck pipe
        r"\b(gas (alarm|detector|sensor)s?|\d+ ?% ?lel|lel\b|(hit|struck|damaged|broke|cut|ruptured|punctured|severed|dug|drilled)( through| into)? (a |the |an )?(\w+ )?gas (pipe|main|line)|"
        r"gas (pipe|main|line) (is |was |has been )?(hissing|leaking|broken|damaged|ruptured|cut))|"
        r"(燃气|煤气|天然气)(报警器?|探测器)|(挖断|挖破|弄破|撞断|撞破)[^。，]{0,4}(燃气|煤气|天然气)管|(燃气|煤气|天然气)管(道)?[^。，]{0,4}(断|破|裂|漏)",
        # gas heard at the meter or a fitting, not only smelt
        r"\bgas (meter|valve|pipe|cooker|hob|stove|tap|connection|bottle|cylinder)s?\b[^.;!?]{0,30}?\b(hissing|leaking)\b|\bhissing (from|at|near) the gas\b|(燃气|煤气|天然气)(表|阀门?|罐|瓶|管子?|灶)[^。，]{0,8}(嘶嘶|漏)",
    ),
    _rule("carbon_monoxide",
        # the gas named in any of its forms (core.hazard_words), the symbol alone included ("I think CO", "maybe CO?")
        CARBON_MONOXIDE,
        # carbon monoxide said by how it is made: a hose from an exhaust, an engine running in a closed garage
        r"\b(hose|pipe|tube) (from|on|off|attached to|taped to|into) (the )?exhaust|exhaust (pipe )?(hose|into the (car|window|cab))|engine running in (a |the )?(closed |locked |shut |underground )?(garage|bay|parking (hall|garage)|car park|basement)|"
        r"(generator|barbecue|bbq|grill|charcoal) (running |lit |burning )?(indoors|inside|in the (flat|tent|cabin|garage|basement))\b|排气管[^。，]{0,8}(管子|软管|接)|车库里[^。，]{0,6}(发动|打着火)",
    ),
    _rule("symptoms",
        r"\b(dizzy|dizziness|nause\w+|vomiting|headaches?|stomach (ache|pain|cramps)|tummy ache|short of breath|breathing (difficult|problems?|trouble)|difficulty breathing|trouble breathing|can'?t breathe|coughing|choking|burning eyes|eyes (are |were |started )?(burning|stinging|watering|sting|burn|hurt|itch\w*)|(their|my|his|her|our) eyes (sting|burn|hurt|water)\w*|stinging eyes|irritated eyes|sore throat|throats? (is |are )?(burning|sore|stinging)|skin (is )?(burning|itching|red)|rash|fainted|feel(ing|in) (ill|sick|faint)|collapsed)\b|头晕|头痛|恶心|呕吐|肚子疼|胃疼|呼吸困难|咳嗽|眼睛(刺痛|发痛|痛|流泪|灼痛|疼|辣|睁不开)|喉咙(痛|疼|辣)|皮肤(发红|刺痛|灼痛|痒)|喉咙痛|晕倒|昏倒|不舒服|难受",
        r"(有点|有些|感觉|觉得|说|很|好|发)(头)?晕(?!倒|过去|了过去|厥)|头昏|头疼|犯恶心|" + ZH_VOMIT,
        r"胸闷|胸口闷|喘不过气|气短|心慌",
        # Finnish and Swedish: headache, nausea, dizziness, vomiting
        r"\b(päänsär\w*|päätä särkee|pahoinvoi\w*|huimaa\w*|huimaus\w*|oksent\w*|huvudvärk|illamående|mår illa|är yr\w*|kräk\w*)\b",
        # The same symptoms said with a degree word or as a result ("呼吸很困难", "咳得停不下来"), light-headedness, and a
        # splash in the eyes (a chemical in the eyes is an exposure to rinse and assess, whatever the caller says).
        r"\b(light[- ]?headed(ness)?|woozy|(splashed|sprayed|got) (\w+ )?in(to)? (the |his |her |their |my |our )?eyes?)\b"
        r"|呼吸(很|有点|有些|非常|特别|越来越)困难|咳(得|个)(停不下来|不停)|一直(在)?咳|眼睛(被|里)?(喷|溅|进)(到|了)",
    ),
    _rule("affected",
        _counted(r"(?:\b" + _EN_NUM_RE + r"\s+(?:\w+\s+){0,2}?(?:people|persons|students|pupils|guests|passengers|children|kids|workers|residents|customers|tourists|fans)\b[^.]{0,40}\b(?:vomiting|sick|ill|collapsing|collapsed|coughing|dizzy|fainted|injured|hurt|headaches?|feel(?:ing)? sick|symptoms|heat ?stroke|burning eyes|cramps)\b)"
                 r"|(?:(\d{1,3}|[一两二三四五六七八九十几]+)\s*(?:多)?\s*(?:个|名|位)?\s*(?:人|学生|游客|乘客|孩子|员工)[^。]{0,10}(?:呕吐|拉肚子|发烧|咳嗽|头晕|晕倒|受伤|不舒服|中暑))|好多人|很多人"),
        # a household or a room ill together, not counted ("全家都头疼恶心", "we all have headaches", "kaikilla päänsärkyä")
        r"\b(all of us|we all|we'?re all|they'?re all|everyone|everybody|the whole (family|household))\b[^.;!?]{0,25}\b(headaches?|dizzy|sick|nause\w*|vomiting|ill|drowsy)\b"
        r"|(全家|一家人|家里人|大家|我们|他们)(都|全)?[^，。；！？]{0,4}(头疼|头痛|头晕|恶心|呕吐|想吐|不舒服)"
        r"|\b(kaikilla|koko perhe\w*|hela familjen|alla)\b[^.;!?]{0,15}\b(päänsär\w*|pahoinvoi\w*|huima\w*|huvudvärk|illamående|yr\w*|mår illa)",
    ),
    _rule("chemical_release",
        r"\b(chemicals?|acid|ammonia|chlorine|toxic|solvents?|thinners?|paint|pesticides?|bleach|corrosive|caustic|lye|pepper spray|tear gas|irritant|white powder|(unknown|strange|suspicious) (powder|spray|gas)|sprayed (something|some\w*)(?![^.;!?]{0,40}\b(extinguishers?|fire ?hoses?|hoses?|water|foam|fire blankets?)\b)|hazardous (material|substance|liquid)|unknown (liquid|substance|powder)|leaking (drum|barrel|tank|tanker|container)|tanker|spill(ed|age)?|fumes|vapou?r|kemikaali\w*|kemikalie\w*)\b|化学品|化学|有毒|毒气|溶剂|油漆|农药|漂白|腐蚀|催泪|胡椒喷雾|(?:^|(?<=[。，！？；,.!?;\s]))(?:(?!(?:灭火器|灭火毯|灭火|水枪|水管|水龙|消防栓|消防水带|喷淋|喷水))[^。，！？；,.!?;\s]){0,30}?喷(?:了|雾)|粉末|氨气|氯气|泄漏的液体|不明液体|不明粉末|刺鼻|槽罐车|罐车",
        r"\b(gas )?(cylinders?|canisters?|gas bottles?|propane|acetylene|butane)\b[^.]{0,40}\b(leak\w*|hiss\w*|venting|escaping)\b|(气瓶|钢瓶|煤气罐|液化气罐|乙炔|丙烷|氧气瓶|丁烷)[^。]{0,20}(漏|泄|嘶嘶)",
        # a chemical said in other words: a container that burst, a liquid with a sharp smell, 氨水 spilled
        r"\b(canisters?|drums?|barrels?|jerry ?cans?|containers?|(chemical|plastic) (bottle|tank)s?)\b[^.]{0,40}\b(split|burst|broke|cracked|ruptured|spilled|spilling|fell (off|over))\b|"
        r"\b(liquid|substance|fluid)s?\b[^.]{0,30}\b(sharp|pungent|acrid|chemical|stinging|strong) (smell|odou?r)\b|"
        r"氨水|硫酸|盐酸|硝酸|烧碱|氢氧化钠|甲醛|消毒液|消毒水|化学试剂|试剂",
        # a storage tank of fuel or oil leaking (a spill to contain, not a vehicle's): a chemical release
        r"\b(heating[- ]oil|oil|storage) tanks?\b[^.]{0,40}\bleak\w*|\bleak\w*[^.]{0,20}\b(heating[- ]oil|oil|storage) tanks?\b|(油罐|储油罐)[^。，]{0,6}(漏|泄)",
        # a toxic gas named (H2S at a detector, 硫化氢): the hazmat unit's release, not the gas utility's leak
        TOXIC_GAS,
    ),
    _rule("public_area",
        r"\b(square|street|road|station|platform|market|park|customers|walking past|passing by|car park|parking (garage|hall|deck)|shopping cent(re|er)|mall|crowd|passers-by|pedestrians|bystanders|shoppers|public|post office|counter|metro|\w+(katu|kadulla|tie|tori|aukio|ranta|torget|gatan))\b|地铁|广场|街上|路上|车站|站台|市场|公园|人群|路人|行人",
        r"集市|商场|商店|超市|人员较多|人很多|人比较多|人多|游客",
    ),
    # --- traffic
    _rule("trapped",
        r"\b(trapped(?! (outside|outdoors|out in the cold))|pinned|crushed|buried|stuck under(neath)? (the |a )?(car|tram|bus|train|truck|lorry|van|vehicle|rubble|debris|wreck\w*|wheels?)|(is|are|got|gets) stuck\b(?! (in|inside) (a |the |an )?(\w+ )?(lift|elevator|traffic|queue|snow|mud))(?! (outside|outdoors|out in the cold))|can'?t get out|cannot get out|legs? (is |are )?(pinned|trapped|stuck|crushed)|(arm|hand|leg|foot|fingers?|sleeve) (is |got |was |has been )?(caught|stuck|trapped|jammed|pulled) in(to)?|caught in (a |the )?(\w+ )?(machine|machinery|conveyor|mixer|press|escalator|roller)|can'?t pull (it|his \w+|her \w+) (out|free))\b|被困(?!在(?:外面|门外|室外|外边|街上))|困在(?!外面|门外|室外|外边|街上)|压住|卡住|被压|埋在|出不来|下不来|卷进|拔不出来|夹在机器",
        r"\b(can'?t get (him|her|them) out|couldn'?t get (him|her|them) out)\b|被夹住|夹住了",
        TRAPPED_NORDIC,
        not_after=_Before(_SWALLOWED_ZH, 8),
    ),
    _rule("vehicle_entrapment",
        r"\b(under|underneath|beneath) (the |a )?(\w+ ){0,2}(of (the |a )?)?(tram|bus|car|van|truck|lorry|train|wheels?)\b|\b(pinned|trapped|stuck|crushed) (by|under|against|in|inside) (the |a )?(dashboard|steering wheel|wheel|seat|car|vehicle|wreck|tram|bus|van)|\b(trapped|pinned|stuck(?! (on|in|across) (the |a )?(tram |railway |train |level )?(tracks?|rails?|crossing|snow|mud|ice|sand|ditch|traffic|queue))|wedged|can'?t get out|cannot get out|unable to get out|jammed)\b[^.]{0,40}\b(car|vehicle|van|cab|truck|lorry|bus|tram|wreck|seat|driver'?s seat|wheel)\b|\b(car|vehicle|van|truck|lorry|bus|tram|cab)\b[^.]{0,40}\b(trapped|pinned|stuck inside|can'?t get (him|her|them) out|doors? (are |is )?jammed|needs? cutting out|cut (him|her|them) out)\b|\b(driver|passenger|occupant)s? (is |are )?(trapped|pinned|stuck)\b|(卡在|困在|夹在)[^。]{0,8}(车|驾驶室|座位)|(车|驾驶室)[^。]{0,10}(被困|卡住|夹住|出不来)|司机被困|乘客被困",
        r"\bdoors? (won'?t|will not|can'?t|cannot) open\b[^.]{0,40}\b(inside|in) the (car|vehicle|van|cab|truck)\b|\b(inside|in) the (car|vehicle|van|cab|truck)\b[^.]{0,30}\b(doors? (won'?t|can'?t|cannot) open)"
        # the one in the car cannot open its door ("the woman in car is sitting, she cannot open door")
        r"|\b(in|inside) (the |a |her |his |their )?(car|vehicle|van|taxi|cab)\b[^.]{0,40}\b(can'?t|cannot|couldn'?t|unable to) (open (the |his |her |their )?(\w+ )?doors?|get (the |his |her |their )?(\w+ )?doors? open)\b"
        # a car on its roof with its occupants hanging in their belts: they cannot free themselves
        r"|\b(hanging|suspended|stuck) upside down\b[^.]{0,20}\b(belts?|seatbelts?|seats?)\b"
        r"|\b(flipped|rolled|turned) (over )?(on|onto) (its|the) roof\b[^.]{0,120}\bdoors? (won'?t|will not|can'?t|cannot) open\b",
        # someone under a vehicle, said in Chinese; a door that cannot be got open with someone in the wreck
        r"(在|压在|卡在|困在|躺在)[^。，！？]{0,4}(车|汽车|出租车|公交车|电车|卡车|货车)(的)?(底下|下面|底部|车底)|车底下(有|压着|卡着)"
        r"|\b(car|cab|van|truck|lorry|wreck|vehicle|taxi|driver)\b[^.]{0,60}\b(can'?t|cannot|couldn'?t|could not|unable to) (get|force|pry|prise) (the |his |her |their |a )?(\w+ )?doors? (open|off)\b"
        r"|\b(can'?t|cannot|couldn'?t|could not|unable to) (get|force|pry|prise) (the |his |her |their |a )?(\w+ )?doors? (open|off)\b[^.]{0,40}\b(car|cab|van|truck|lorry|wreck|vehicle|taxi)\b",
        _NORDIC_DRIVER_CAUGHT,
        not_after=_Before(_THING_UNDER, 30),
    ),
    _rule("vehicles", _counted(r"(?:\b" + _EN_NUM_RE + r"\s+(?:cars|vehicles|vans|trucks|lorries|buses|trams)\b)|\b(collision|crash|collided|crashed|head-on|rear-ended|pile-?up|hit by a (car|van|bus|tram|truck)|car accident|kolari|törmä\w*|krock\w*|kollision\w*)\b|相撞|撞车|车祸|追尾|碰撞|撞上|撞到|被车撞|(" + r"[一两二三四五六七八九十几]" + r")\s*(辆|台)\s*车")),
    _rule("passenger_vehicle",
        # a passenger vehicle and a goods one are read apart (a large scene is one with passengers aboard); a place named
        # after the vehicle (the tram stop, the bus terminal, 火车站) is not one at the scene
        r"\b(bus|buses|trams?|coach|coaches|minibus|trains?|raitiovaunu\w*|ratikka\w*|bussi\w*|spårvagn\w*)\b"
        + _NOT_A_PLACE + r"|(公交车|公共汽车|巴士|电车|有轨电车|大巴|火车)" + _NOT_A_PLACE_ZH,
    ),
    _rule("large_vehicle", r"\b(lorry|lorries|articulated)\b" + _NOT_A_PLACE + r"|(卡车|货车)" + _NOT_A_PLACE_ZH),
    _rule("fuel_leak",
        r"\b(fuel|petrol|diesel|gasoline|oil) (is )?(leak\w*|spill\w*|pouring|running|drip\w*|seep\w*|gush\w*|pooling|on the road)|\b(oil|fuel|petrol|diesel) on the (road|street|ground)|\b(leak\w*|spill\w*) (of )?(fuel|petrol|diesel|oil)\b|(engine|car|vehicle|bonnet|hood|van|truck|lorry|taxi|bus)('s| is)? (smoking|on fire|catching fire)|smoke (coming )?from the (engine|bonnet|hood|car|front( of the (car|van|vehicle|taxi))?)\b|漏油|油漏(了|出)|燃油泄漏|汽油泄漏|(汽油|柴油|燃油)[^。，]{0,4}(漏|流出)|冒烟的车|车(头)?冒烟|引擎冒烟|(?<![酱麻香])(?:有|在)油(?:在|一直)?(?:往外)?(?:流|漏|滴)",
        r"\b(diesel|petrol|fuel|oil) (all )?over the (road|street|ground)\b|车(?:(?!没|不|未|无)[^。，]){0,3}(冒烟|着火|起火|烧起来)",
        # fuel said by its smell at a vehicle ("car's leaking something, smells like petrol")
        r"\b(smell\w*|stink\w*|reek\w*) (strongly |really |a lot )?(of|like) (petrol|diesel|fuel|gasoline)\b|\b(petrol|diesel|fuel|gasoline) (smell|stink|odou?r)\b|\b(car|vehicle|van|truck|lorry|taxi|bus|it)('s| is) leaking\b|汽油味|柴油味",
        # a crashed car leaking or steaming: a fluid under a vehicle is treated as fuel until the crew says otherwise
        r"\b(bonnet|hood|engine|radiator|car|van|vehicle|taxi|truck|lorry)('s| is)? (still )?(steaming|smoking)|\b(something|liquid|fluid|oil) (is )?(dripping|leaking|pouring|running) (out )?(from |under |out of )(it|the (car|van|truck|lorry|vehicle|engine|bonnet|taxi))\b"
        r"|\b(something|liquid|fluid) (is )?dripping (under|from) (it|the \w+)\b|(车|车头|引擎盖|发动机)(?:(?!没|不)[^。，]){0,4}(冒白烟|冒蒸汽|滴|漏)(油|水|东西)?",
    ),
    # --- water, missing, collapse
    _rule("person_in_water",
        THROUGH_THE_ICE + r"|\b(fell|fallen|jumped|went|slipped|gone|is|are|pushed|drifting|struggling|floating|swimming) (in|into) (the )?(water|sea|harbou?r|bay|lake|canal|river)|\bin the water\b|\bthrough the ice\b|\b(drowning|overboard|man in the water|person in the water|veteen|vedessä|i vattnet|hukku\w*)\b|\b(car|vehicle|van|truck|lorry|bus|taxi)\b[^.]{0,30}\b(went|drove|rolled|plunged|fell|crashed|slid|skidded)\b[^.]{0,12}\b(off|into|in)\b[^.]{0,12}\b(quay|pier|harbou?r|water|sea|canal|river|lake|bay)\b|\b(swimmer|someone swimming|person swimming) in (trouble|difficulty|difficulties)|\bwent under( the water)?\b(?! (the|a|an|his|her|their) (?!water))|\bface ?down in (the |a )?(water|fountain|pond|pool|lake|sea|canal|harbou?r)\b|\b(lying|floating) in (the |a )?(fountain|pond|canal)\b|(趴|躺|漂)在[^。，]{0,6}(水|喷泉|池塘|水池|河|湖)|落水|掉进水|掉到水|跳进水|掉进海|掉到海里|溺水|在水里|水中|冰窟窿|(车|汽车|小汽车)[^。，]{0,6}(冲进|掉进|开进|落入|滑进)[^。，]{0,3}(海|水|河|湖)",
        r"\b(fell|fallen|jumped|slipped|went|was pushed|got pushed|tumbled|drove) (off|from|over) (the |a )?(pier|quay|quayside|jetty|pontoon|dock|bridge|boat|ferry|harbou?r wall|edge of the (quay|pier|jetty|pontoon|dock))\b",
        r"(掉|落|跳|摔|滑|翻|冲)[^。，！？!?]{0,25}?(水里|水中|河里|海里|湖里|海中|冰窟窿|冰下)|冰[^。！？]{0,8}(裂|破|塌)[^。！？]{0,12}(掉|落|陷|沉)(下去|进去|进水|到水)|\b(ice (broke|cracked|gave way)|went through the ice)\b",
        r"\b(floating|face ?down|lying) (\w+ ){0,2}(by|near|at|off|under|next to|between) the (pier|quay|jetty|dock|shore|bridge|harbou?r|boats?|rocks)\b|漂在[^。，]{0,6}(水|河|湖|海|码头)",
        # how many are in the water ("both of them are in the water", "两个人都在水里"): one ambulance each
        _counted(r"\b(?:(" + EN_NUM_RE + r")\s+(?:of (?:them|us)|(?:\w+\s+)?(?:people|persons|men|women|kids|children|boys|girls|swimmers))|(both)(?: of (?:them|us))?)\s+(?:are |were |is |fell |went )?(?:still |now )?(?:in(?:to)? the (?:water|sea|lake|river|canal|harbou?r))\b"
                 r"|(" + ZH_NUM_RE + r")\s*(?:个|名|位)?\s*(?:人)?(?:都|全)?(?:在|掉进|掉到|掉在|落入)(?:了)?(?:水|海|河|湖)(?:里|中)"),
        # fallen in, said without "the water" right after it
        r"\b(fell|fall|falls|fallen|tumbled|slipped) in\b(?! (the|a) (street|road|shop|park|snow|mud|stairs?))[^.]{0,30}\b(in|into) the (water|sea|harbou?r|bay|lake|canal|river|pool)\b",
        r"快(要)?淹死|(在|往)(水里|水下|下)沉|沉下去|溺水|呛水",
        r"\b(diver|swimmer|snorkell?er|kayaker|paddle ?boarder|rower)\b[^.]{0,30}\b(hasn'?t|has not|didn'?t|did not|never) (come up|surfaced|resurfaced|come back up)",
        # a person in the sea said without a verb, and swimming away from the shore
        r"\b(someone|somebody|a (man|woman|person|guy|boy|girl|child|kid)|people|he|she) (is |are )?(in|into) the (sea|harbou?r|bay|lake|canal|river)\b|\b(swimming|drifting|floating) (away|out) from (the )?(shore|quay|pier|beach|edge)\b|(在|掉在)(海里|河里|湖里|运河里|港口里)|跳(海|河|湖)(了|自杀)",
        other_after=(_Before(_FEARED, 30), "feared_in_water"),
    ),
    _rule("missing_vulnerable",
        r"\b(missing|lost|wandered off|walked out|left the (house|home|flat|ward|care home)|has not returned|hasn'?t returned|not returned|has not come home|hasn'?t come home|hasn'?t come back|has not come back|not come back|disappeared|can'?t find|cannot find|run away|ran away|texted (me )?'?goodbye|said goodbye|turned off (his|her) phone|kadonnut|kadoksissa|försvunnen|saknad)\b[^.]{0,80}\b(child|kid|boy|girl|son|daughter|toddler|dementia|alzheimer'?s|elderly|old (man|woman|lady)|grandfather|grandmother|autistic|disabled|vulnerable|suicidal|diabetic|\d{1,2}[- ]year[- ]old)\b|\b(child|kid|boy|girl|son|daughter|toddler|elderly|old (man|woman|lady)|grandfather|grandmother|teenage\w*|\d{1,2}[- ]year[- ]old|dementia|alzheimer'?s|autistic|disabled)\b[^.]{0,60}\b(missing|wandered (off|away)|got lost|kill (him|her|them)sel(f|ves)|end (his|her|their) life|take (his|her) (own )?life|suicid\w*|walked out|left the (house|home|flat|ward|care home)|has not returned|hasn'?t returned|lost|wandered off|disappeared|has not come home|hasn'?t come home|hasn'?t come back|has not come back|can'?t find|cannot find|goodbye|turned off (his|her) phone)\b|(孩子|小孩|儿童|男孩|女孩|儿子|女儿|孙子|孙女|外孙|外孙女|\d{1,2}岁|老人|老太太|老爷爷|老奶奶|奶奶|爷爷|外婆|外公|姥姥|姥爷|痴呆|失智)[^。]{0,40}(走失|走丢|失踪|不见了|找不到|没回家|没有回家|还没回来|没有回来|没回来|联系不上|迷路)|(走失|失踪)[^。]{0,10}(孩子|小孩|儿童|老人)",
        r"\b(child|kid|boy|girl|son|daughter|toddler|elderly|old (man|woman|lady)|grandfather|grandmother|grandma|grandpa|dementia|alzheimer'?s|autistic|disabled)\b[^.]{0,60}\b(ran off|run off|went off|gone off|walked off|wandered away|slipped away)\b",
        # A cognitive or intellectual disability is a vulnerability in itself (the missing-person risk factors), whatever
        # the person's age: gone, in the same breath, is a missing vulnerable person.
        r"\b(learning disabilit\w*|intellectual(ly)? disab\w*|special needs|down'?s syndrome|mental(ly)? disab\w*)\b"
        r"[^.]{0,80}\b(ran off|run off|went off|gone off|walked off|walked out|wandered|slipped away|missing|disappeared|can'?t find|cannot find|left)\b"
        r"|(智力障碍|智障|智力低下|自闭症|唐氏|精神障碍)[^。]{0,60}(跑出去|跑出来|走出去|出走|跑丢|走丢|走失|不见了|找不到|失踪|联系不上|打不通)",
        # a child missing in Finnish or Swedish ("5-vuotias poika kadonnut", "min dotter är försvunnen"; issue 10)
        MISSING_CHILD_NORDIC,
    ),
    _rule("water_search", r"\b(shore|waterfront|harbou?r|quay|pier|canal|river|lake|sea|(?<!parkin[g] )(?<!loadin[g] )(?<!closed )(?<!garage )(?<!bus )(?<!sick )(?<!delivery )bay|ice|beach|bridge|fountain|pond|pontoons?|jetty|jetties|marina|boat ?yard|slipway|\w*silta|\w*sill(?:an|alla|alta|alle)|\w*ranta|rannalla|ranta\w*|stranden|kajen|\w*bron|broräcket)\b|海边|水边|岸边|码头|港口|河边|湖边|海湾|冰面|喷泉|池塘"),
    _rule("collapse_people_under",
        _counted(r"\b" + _EN_NUM_RE + r"\s+(?:\w+\s+){0,2}?(?:" + _PEOPLE[3:-1] + r")\s+(?:\w+\s+){0,4}?(?:under|underneath|beneath|buried|trapped)\b[^.]{0,30}\b(?:rubble|debris|collapsed|ruins|concrete|roof|ceiling|wall|scaffold\w*|beams?|it)\b"
                 r"|(?:" + _ZH_NUM_RE + r")\s*(?:人|工人)?[^。]{0,6}(?:压在|埋在|困在)[^。]{0,10}(?:废墟|瓦砾|下面|底下|里面)"),
        r"\b(buried|trapped)\b[^.]{0,30}\b(rubble|debris|collapsed|ruins|concrete|roof|ceiling|wall|scaffold\w*|beams?)\b|"
        r"\b(under|beneath|underneath) (the |a |some |a pile of |all (the |that )?)?(\w+ ){0,2}(rubble|debris|collapsed|ruins|concrete|roof|ceiling|wall|scaffold\w*|beams?)\b|\b(rubble|debris|collapse\w*)\b[^.]{0,40}\b(people|someone|workers?|children|person|man|woman|kids?|pupils?) (are |is |may be |might be |could be |possibly )?(under|trapped|buried|beneath)|\bpeople (possibly |may be |might be )?(under|underneath|beneath)\b|(压在|埋在)[^。]{0,10}(废墟|瓦砾|下面|底下|里面)|困在[^。]{0,10}(废墟|瓦砾|下面|底下)|(废墟|瓦砾)[^。]{0,10}(有人|被困)",
        _counted(r"\b(" + EN_NUM_RE + r"|a|an|one|some) (\w+ )?(people|workers?|men|women|man|woman|children|kids?|persons?|someone|somebody|residents?|customers?) (are |is |may be |might be |could be |still )*(underneath|buried|under (it|there|the \w+))\b"),
        _counted(r"\b(roof|ceiling|wall|scaffold\w*|beams?|shelf|shelving|shelves|balcony|sign|crane) (fell|came down|collapsed|dropped|came crashing down|fell in|caved in) on (top of )?(" + EN_NUM_RE + r" |a |an |the |some )?(\w+ )?(people|workers?|someone|somebody|man|woman|men|women|children|kids?|person|pedestrians?|customers?)\b"),
        _counted(r"(?:压着|压住了?|埋着|埋住了?|压了)\s*(" + ZH_NUM_RE + r")\s*(?:个|名|位)?\s*(?:人|工人|小孩|孩子|大人|行人|路人)"),
    ),
    _rule("collapse",
        r"\b((?<!man )(?<!woman )(?<!he )(?<!she )(?<!someone )(?<!person )collaps\w+|caved in|cave-in|fell in(?! (the|a|an|his|her|my|our|their|this|that|bathroom|shower|kitchen)\b)|came down|gave way|rubble|sortu\w*|romahti|rasade|instört\w*)\b|倒塌|坍塌|塌方|塌了|垮塌|塌下来",
        r"(脚手架|墙|围墙|屋顶|房顶|雨棚|棚子|天花板|楼板|房子|楼梯|阳台|广告牌|看台)[^。，！？]{0,4}(倒了|倒下|塌|垮)",
    ),
    # --- utilities, storm, flood
    _rule("lift_stuck",
        r"\b(stuck|trapped) (in|inside) (a |the |an )?(\w+ ){0,2}(lift|elevator)|(lift|elevator)(?: (?:in|at|of|on) (?:the |this |that |our |my )?\w+)? (is |has |got )?(stuck|stopped|jammed|broken down|broke down|stalled)\b[^.]{0,30}\b(between floors|with (\w+ ){0,3}inside|(\w+ ){0,2}inside)|(lift|elevator) (is )?stuck\b|hissi\w* jumi|fast i hissen\b|被困[^。]{0,4}电梯|电梯[^。]{0,6}(被困|困住|卡住|停住|卡在|停在|坏在)|电梯(停了|坏了|不动了|卡住了)[^。]{0,20}(被困|困在|在里面)|困在电梯",
        r"\b(lift|elevator) (is |has |got )?(stuck|stopped|jammed|broken down|broke down|stalled)\b[^.]{0,40}\b(in it|in there)\b",
        r"\b(lift|elevator)s?\b[^.]{0,60}\bbetween floors\b|电梯[^。]{0,10}(卡在|停在)[^。]{0,4}(楼层)?中间",
        r"\b(stopped|stuck|stalled|halted|jammed) between (the )?floors\b|(卡|停)在[^。，]{0,6}(楼|层)之?间",
        # someone in a lift that will not move or open ("the lift is broken ... there's a man inside, the door won't open")
        r"\b(lift|elevator)s?\b[^.]{0,40}\b(broken|broke|stuck|jammed|stopped|not working|out of order|won'?t (open|move))\b[^.]{0,80}?\b(someone|somebody|a (man|woman|person|child|kid|boy|girl)|people|\w+ people|passengers?) (is |are )?(inside|in it|in there|stuck|trapped)\b"
        r"|电梯[^。]{0,8}(坏了|停了|卡住了?|不动了|打不开)[^。]{0,12}(里面|里)(还)?有(人|" + ZH_NUM_RE + r"个人)|电梯里(困|关)(了|着)",
    ),
    _rule("lift_occupied",
        # Looser than lift_stuck on purpose: any lift with someone in it ("jammed between floors, five people inside",
        # "电梯里关着一个老太太"); the table sends a rescue for it only at an outage of high priority.
        r"\b(lifts?|elevators?|hissi\w*|hissen)\b(?:(?!\b(?:nobody|no one|noone|empty)\b)[^.;!?]){0,90}?\b(inside|in it|in there|people|persons?|passengers?|someone|somebody|woman|man|lady|child|kids?|neighbou?r|mother|father|mum|dad|sisällä)\b"
        r"|\b(people|persons?|passengers?|someone|somebody|woman|man|lady|child|neighbou?r|mother|father|mum|dad)\b[^.;!?]{0,40}\b(in|inside) (the|a|an) (\w+ )?(lift|elevator)\b"
        r"|电梯(?:(?!没有人|没人)[^。！？]){0,12}?(里面|里|有人|被困|困|关着|关了)|(在|困在|关在)电梯",
        r"\b(lift|elevator)s?\b[^.]{0,90}?\b(occupants?|voice contact)\b",
    ),
    _rule("traffic_lights_out",
        r"\b(traffic lights?|signals?) (are |is )?(out|dead|down|not working|off|dark)|liikennevalot\w*|trafikljus\w*\b|(红绿灯|信号灯|交通灯)[^。]{0,3}(不亮|失灵|坏了|灭了|不工作)",
        # a junction's signals said another way ("the traffic lights at the crossing are all dark")
        r"\b(traffic lights?|traffic signals?)\b[^.;!?]{0,40}?\b(are|is|went|have gone|has gone|gone)( all| completely)? (out|dead|dark|off|blank|down|not working)\b|(红绿灯|信号灯|交通灯)[^。]{0,12}(不亮|失灵|坏了|灭了|黑了|停了|不工作)",
        # the signals at a junction said dead without a verb ("traffic lights at X and Y dead")
        r"\b(traffic lights?|traffic signals?)\b[^.;!?]{0,40}?\b(dead|dark|blank|not working|out of order)\b",
    ),
    _rule("live_wire",
        r"\b(live (wire|cable|line)|power line|power cable|overhead (lines?|wires?|cables?)|tram (wires?|cables?|overhead lines?)|tram lines? (is |are )?(down|sparking|snapped|broken)|(wires?|cables?) (is |are )?(down|sparking|on the (street|road|ground|pavement))|sparking|electric(al)? (wire|cable) (is )?(down|sparking)|cable (is )?sparking|sparking (wire|cable)|sähköjohto\w*|ledning\w*)\b|(电线|电缆|架空线|接触网|电车线|输电线)[^。]{0,3}(掉|断|落|垂|冒火|火花)|高压线|带电的电线|(?:电线|电缆|架空线|接触网)[^。，]{0,8}(?:冒火花|打火|在冒火)",
        r"\b(electric(al)?|power|overhead) (cable|line|wire)s? (has |have |had )?(snapped|fallen|broken|come down|came down)\b",
        qualifiers={"line": _A_LINE},
    ),
    _rule("loose_high",
        r"\b(roof(ing)? (sheets?|panels?|tiles?)|sheet metal|scaffold\w*|facade panels?|loose (panel|sheet|roofing|tiles?|sign)|flapping|((advertising |shop |neon )?(sign|signboard|billboard|antenna|chimney)\w*)[^.]{0,30}\b(loose|swinging|hanging|about to fall|tearing)|swinging over|about to fall|hanging loose|\b(crane|jib|boom)\b[^.]{0,40}\b(hanging|twisted|swinging|buckl\w*|about to (fall|collapse)|collapsing)|icicles?|snow load|ice (hanging|falling)|telineet|byggnadsställning\w*|jääpuik\w*)\b|脚手架|屋顶[^。]{0,6}(松动|掀|吹)|铁皮|(招牌|广告牌|烟囱|天线)[^。]{0,6}(松|摇|晃|掉)|冰柱|冰凌",
        # pieces of a facade falling or hanging in the wind, said in Chinese
        r"(外墙|墙面|墙上|墙外面?|外立面|楼顶|屋檐|窗框|玻璃幕墙)[^。，]{0,10}(掉下来|掉落|脱落|吹掉|吹落|松动|挂着|悬着|摇摇欲坠)",
    ),
    _rule("tree_blocking",
        r"\b(tree|branch|branches|debris) (has |have )?(fallen|come down|down|blocking|blocks|across)|fallen tree|blocking the (road|street|tram|lane)|puu kaatui|kaatunut puu|träd (har )?fallit\b|(树|树枝|树木)[^。]{0,6}(倒|断|挡|堵)|挡住(了)?(路|马路|道路)",
        r"\btrees? (has |have )?(fell|fallen|come down|came down|blown down) (across|on|onto|over|in)\b|"
        # what the storm did to the trees: "brought down two big trees across the tracks", "blew a tree onto the road"
        r"\b(brought|brings|knocked|blew|blown|toppled|uprooted) (down )?(\w+ ){0,3}trees?\b[^.;]{0,20}\b(across|on|onto|over|down)\b",
    ),
    _rule("stranded_in_water",
        r"\b(stalled|stranded|trapped|stuck|cut off)\b[^.]{0,30}\b(water|flood\w*)\b|\b(drove|driven|drives|driving) (in|into) (the |a )?(flood\w*|water)\b|\b(car|vehicle|van|bus|cab)\b[^.]{0,20}\bfilling (up )?with water\b|\b(water|flood\w*)\b[^.]{0,60}\b(stalled|drove in)\b|\b(water|flood\w*)\b[^.]{0,30}\b(stranded|trapped|cut off|up to (their|his|her) (waist|chest|knees))|被(水|洪水)困|困在水|熄火|站在车顶|爬上车顶|困在车顶|(人|车|孩子|老人)[^。，]{0,8}(水齐腰|水没过)",
        r"水(淹|没|漫)到(了)?(胸口|腰|脖子)",
    ),
    _rule("utility_fault", r"\b(manhole|burning cables?|cables? burning|smell of burning (plastic|cables?)|transformer|substation|electrical cabinet|junction box|district heating|steam (is )?(coming|pouring|leaking|rising)|sähkö\w*|kaukolämpö\w*)\b|井盖|电缆[^。]{0,4}(烧|冒烟)|变压器|配电箱|暖气管|蒸汽"),
    _rule("road_hazard", r"\b(road|street|pavement|asphalt)( surface)? (is )?(sinking|collapsing|caving in|cracking|buckling|flooded|under water)|hole in the (road|street)|sinkhole|(underpass|tunnel|road|street)\b[^.]{0,40}\b(flooded|under water|full of water)|flooding (the )?(road|street|underpass)|traffic (is )?(chaos|chaotic)|cars? (still )?driving (in|into|through)|still (walking|driving) (in|into)|地面(塌|下沉)|路面(塌|下沉|开裂)|(地下通道|隧道|马路|路)[^。]{0,4}(淹|进水)|还有人在往里走|车很多"),
    _rule("medical_dependency",
        r"\b(ventilator|respirator|home oxygen|oxygen (machine|concentrator)|dialysis|insulin pump|life support|battery (says|has|left))\b|呼吸机|制氧机|透析|氧气机",
        # people dependent on powered equipment, counted ("two residents on ventilators", "两名依赖呼吸机的老人")
        _counted(r"\b" + _EN_NUM_RE + r"\s+(?:\w+\s+){0,2}?(?:on|using|depend\w* on|need\w*) (?:a |their |home )?(?:ventilators?|respirators?|home oxygen|oxygen|dialysis)\b"
                 r"|" + _ZH_NUM_RE + r"[^，。]{0,3}(?:依赖|靠|用|使用|离不开)着?(?:呼吸机|制氧机|氧气机|透析)"),
    ),
    # --- what qualifies the facts above: already out of the water, nobody hurt, crew safety, how someone breathes,
    # a fire already out, where a flood's water comes from
    _rule("rescued_from_water",
        r"\b(pulled (him|her|them) out|(got|been|was|were) pulled out|got (him|her|them) out( of the water)?|(is|are) out of the water|climbed out|got out of the water|rescued from the water)\b|(拉|救|捞)(了)?(上来|出来|上岸)|被[^。，！？]{0,6}救起|已经上岸|爬上来了",
        r"\b((got|climbed|walked|swam) out (by )?(himself|herself|themselves|safely|on (his|her|their) own)|(is|are) (now )?safe)\b|已(经)?(自行)?(离开|逃离|爬出|游上岸)|自己游(上来|上岸|出来)|到达安全地带|已经安全",
    ),
    _rule("no_casualties",
        r"\b((nobody|no one|noone|no-one|none) (is |was |were |got |has been |have been )?(hurt|injured|harmed|inside)|no (injuries|casualties|one hurt)|nobody inside|ei loukkaantun\w*|ingen skadad\w*|inga (skadade|personskador)|ingen (är |blev |har )?(skadad|skadades|skadats)|kukaan ei loukkaantun\w*)\b|没有人受伤|没人受伤|无人受伤|没有伤亡|无人伤亡|里面没人|没有人生病",
        r"\b(unhurt|uninjured|(is|was|are|were) not (hurt|injured)|(we )?(don'?t|do not) need anyone( now)?)\b|不需要派人|不用派人",
        r"\b(no one|nobody|noone) (needs|wants) (a doctor|an ambulance|medical (help|care|attention)|treatment|to go to hospital)|(don'?t|doesn'?t) need an ambulance\b|\b(doesn'?t|does not|don'?t|do not) want (anything|an ambulance|a doctor|any help|help|treatment|to be seen)\b|无人需要就医|没人需要就医|不需要(去)?(医院|救护车|就医)",
        # "其他人没事" (the others are fine) says nothing of the one just named
        r"(?<!其他)(?<!其它)(?<!其余)(?<!别的)(?<!其他的)人(都)?没事|大家都没事|都没受伤|没有受伤的",
        negatable=False,
    ),
    _rule("aggressive", r"\b(aggressive|violent|threatening (the )?(staff|crew|paramedics|nurses?|people|us)|lashing out|kicking and screaming|drunk and (violent|aggressive|abusive)|abusive|aggressiivi\w*|väkivaltai\w*|aggressiv\w*|våldsam\w*)\b|情绪激动|很暴躁|暴力|打人|攻击|骂人"),
    _rule("deliberate", r"\b(someone|somebody|a man|a woman|a guy|he|she|they) (has |had |just )?(sprayed|poured|threw|released|spread|emptied|set fire)|\b(deliberate(ly)?|on purpose|intentional(ly)?|attack(ed|er)?)\b|有人[^。，]{0,10}(喷|撒|扔|泼|放火)|故意|袭击"),
    _rule("hanging_high",
        # someone hanging up high who cannot get back by himself (a roofer in his harness, a window cleaner off a tilted
        # cradle): a rope rescue from the ladder, whatever the call was typed as
        r"(?<!of a )(?<!of an )(?<!like a )(?<!like )\b(he|she|they|we|i|mate|workmate|colleague|co-worker|partner|man|woman|worker|roofer|cleaner|painter|climber|someone|somebody|person|guy|boy|girl|child|kid)\b"
        r"[^.;,!?]{0,25}\b(hanging|dangling|suspended) (off|from|by|in|on|over) (the |a |his |her |their |its )?(\w+ ){0,2}(harness|safety line|rope|gutter|ledge|edge of the roof|roof edge|cradle|gondola|scaffold\w*|balcony railing)\b|"
        r"(吊|挂|悬)在(半空|空中|楼外|外墙|屋檐|房檐|排水槽|脚手架)|靠安全(绳|带)(吊|挂)着",
        negatable=False,
    ),
    _rule("behind_locked_door",
        # a patient behind a door nobody can open (the fire service's forced entry): a locked or jammed door, a broken lock;
        # its words are positive themselves, and a denial near them is of something else ("the door is locked, I have no key")
        r"\b(door('s| is| was)? (locked|jammed|bolted|chained|stuck)|(lock|door) (is |was )?(broken|jammed) from (the )?inside|locked (from|on the) inside|"
        r"(can'?t|cannot|couldn'?t|unable to) (get (it|the door) open|open (it|the door)))\b|门[^。，]{0,4}(打不开|开不了|锁着|锁住了|反锁)|(打不开|开不了)门|破门|撬门",
        negatable=False,
    ),
    _rule("abnormal_breathing",
        r"\b(gurgl\w*|agonal|gasping|blue (round|around|at|in) the lips|lips (are |look |looking |turning |going )?(blue|purple|grey)|turning blue|(is|he'?s|she'?s|looks) (a bit |quite |very |all )?blue|cyanos\w*)\b|嘴唇发紫|脸发紫|嘴唇发青|倒气|倒吸一口气|偶尔(才)?(吸|喘)一口气|叹气样",
        # breathing too slowly to live on ("breathing maybe four times a minute")
        r"\b(breath\w* (but )?((maybe|only|about|like|barely|around|just) )*(once|twice|" + EN_NUM_RE + r") times? (a|per) minute|barely breathing|hardly breathing|"
        r"(very )?slow,? shallow breath\w*|snoring (and|but) (won'?t|can'?t|not) wake)\b|(一分钟|每分钟)(只)?(呼吸|喘)(一|两|三|四|五)次",
        # ineffective (agonal) breathing, said by how it sounds: a snore or gasp and then long nothing (MPDS: treated as an
        # arrest in someone unresponsive, _implied)
        r"\b(snor\w*|gasp\w*|breath\w*)\b[^.;!?]{0,30}\b(then|and) nothing( for)?\b|\bnothing for (ages|a long time|ages and ages)\b[^.;!?]{0,20}\b(snor\w*|gasp\w*|breath\w*)"
        r"|(很久|好久|半天|老半天|好一会儿?)才(喘|吸|呼吸|喘气|吸气)?(一下|一口|一次)",
    ),
    _rule("fire_out", r"\b((fire|flames?) (is|was|are|were|has been) (now |already |completely )?(out|extinguished)|it'?s (completely |already |now )?(out|extinguished)( now)?|put it out|put the fire out|extinguished it)\b|(火|明火)?已(经)?(被)?(扑灭|灭了|熄灭)|扑灭了|火(已经)?灭了"),
    _rule("possibly_in_water", r"\b(heard|was|were|a) (a |big |loud )?splash\w*|\b(bicycle|bike|shoes|clothes|bag|handbag|phone) (lying |left )?(at|on|by) the (edge|quay|pier|shore|railing)\b|\b(onto|on|out on|across) the ice\b[^.]{0,100}\b(crack\w*|broke|gave way|hole)\b|扑通一声|落水声|听到(水声|扑通)"),
    _rule("water_quality",
        r"\b(tap|drinking) water (is |was |looks |tastes |smells |has been )?(brown|yellow|discolou?red|cloudy|smelly|contaminated|foul)|water (is )?contaminated\b|自来水[^。]{0,6}(发黄|发黑|浑浊|有异味|变色|有味|发臭)|饮用水[^。]{0,6}(污染|异味)",
        r"\b(tap|drinking) water\b[^.]{0,20}\b(tast\w*|smell\w*|look\w*) (odd|strange|funny|weird|off|bad|wrong|metallic|musty|of (chlorine|petrol|diesel|sewage|chemicals?))\b|"
        r"自来水[^。]{0,6}(味道|有股|怪味|奇怪|不对)",
    ),
    _rule("burst_main",
        r"\b(burst (water )?(main|pipe)|water main|broken (water )?pipe|drains? (is |are )?(overflowing|blocked|backing up|backed up)|drains? (just )?(can'?t|cannot|couldn'?t) (take|cope with|keep up with) (it|the (water|rain))|sewer\w*|vesijohto\w*|vattenledning\w*)\b|水管(爆|破|裂)|自来水管|爆管|下水道",
        # drains and manholes pushing water up: a drain flood (the utility's sewer, whatever the rain)
        r"\b(water|sewage)\b[^.;]{0,20}\b(coming|welling|bubbling|gushing|pouring|rising|spurting|shooting) (back )?(up )?(out of|through|from) (the |a )?(drains?|manholes?|sewers?|gull(y|ies)|floor drains?)\b|\b(drains?|sewers?|manholes?) (are |is )?(overflowing|backing up|flooding|can'?t cope|not coping)\b|(下水道|排水口|地漏|井盖)[^。，]{0,4}(冒水|涌出|往上冒|反水|倒灌)",
    ),
    _rule("odd_smell",
        # a smell said without its source: a chemical release unless the report says it is gas (determinants: extract)
        r"\b(unknown|strange|suspicious|weird|funny|odd|chemical|sharp|pungent|acrid|stinging) smell\b|刺激性气味|刺鼻的?气味|怪味|异味",
    ),
    _rule("fire_exposure",
        # a fire outside that reaches a building (a car against a wall, flames up to the windows): the building is exposed
        r"\b(flames?|fire|it)('s| is| are| has| have)? (\w+ )?(going|spreading|spread|climbing|licking|reaching|moving|catching|caught|jumped|jumping) "
        r"(up |on ?to |to |into |at )?([^.,;]{0,30}?\b)?(walls?|facade|eaves|windows?|building|house|roof|flats?|apartments?)\b|"
        r"火[^。，]{0,6}(烧到|蔓延到|窜到|引燃|烧上)了?[^。，]{0,4}(楼|房|墙|窗)",
    ),
    _rule("natural_flood",
        # where a flood's water comes from: the sea, a river, the rain (nothing for a utility crew to shut off) ...
        r"\b(storm surge|sea ?water|the sea (is )?(coming|rising|came|pouring|flooding)|high (tide|water)|downpour|heavy rain|torrential|cloudburst|"
        r"rain ?water|after the (rain|storm)|flash flood\w*|river (has )?(burst|overflow\w*|rising|rose|risen|broke))\b|暴雨|大雨|雨水|海水|涨潮|河水(上涨|漫)",
    ),
    _rule("wet_electrics",
        # ... and water that reaches the electrics (a utility crew to isolate them, whatever the water's source)
        r"\b(electrical (sockets?|outlets?|boxes|panels?|installations?|cabinets?)|electric (boxes|sockets?)|sockets|fuse ?box\w*|switchboards?)\b|电箱|配电|插座|电闸",
    ),
    _rule("childbirth",
        # labour and a birth on its way
        r"\b(giving birth|in (active )?labou?r|(her )?waters? (has |have )?(broken|broke)|baby('s head)? is (coming|crowning)|crowning|contractions (are )?\w+ minutes apart)\b|要生了|快生了|羊水破了|分娩|孩子的头[^。，]{0,6}出来",
    ),
    _rule("says_fine",
        # the person says they are fine: nobody to treat, unless an injury is said too (extract)
        r"\b(says|said|say|tells me|told me) (that )?(he'?s|she'?s|they'?re|he is|she is|they are|i'?m|we'?re) (fine|ok|okay|alright|all right|unhurt|not hurt)\b|\b(everyone|everybody|all of (us|them)) (is|are|seems?|seem) (fine|ok|okay|unhurt|safe)\b",
        negatable=False,
    ),
    _rule("power_on",
        # the power is on: a lift that stopped is a breakdown, not an outage (nothing for a utility crew)
        r"\b((building |the )?(power|electricity)('s| is| has been)? (is )?(on|back|normal|fine|working|ok|okay)( again)?|(station |building |the )?lights are (on|fine|working))\b|有电|没停电|不是停电|没有停电|电是正常的|供电正常",
    ),
    _rule("crowded",
        # a bus or tram full of people (a large scene, whatever the priority)
        r"\b(packed|full|crowded|rammed)\b[^.;!?]{0,20}\b(passengers|people|commuters)\b|\b(bus|tram|train|coach)('s| is| was)? (completely |absolutely |totally )?(full|packed|crowded|rammed)\b|"
        r"\b(" + EN_NUM_RE + r"|dozens of|lots of|many)(-odd| or so)? (passengers|people (on board|aboard|on the (bus|tram|train))|commuters)\b|满满的人|满员|挤满|坐满|很多乘客|好多乘客|(车|电车|公交车|巴士)上(?:(?!没|不)[^。，]){0,4}(很多人|好多人|满)|(车|电车|公交车|巴士)上的?(人|乘客)(很多|特别多|非常多|好多|挤满)",
    ),
    *(_rule(code, _counted(_ASK_EN + r"(?:" + _MORE_UNIT_WORDS[t][0] + r")\b"), _counted(_ASK_ZH + r"(?:" + _MORE_UNIT_WORDS[t][1] + r")"),
            *((_ASK_NORDIC + r"(?:" + _MORE_UNIT_WORDS_NORDIC[t] + r")\b", _ONE_MORE_SV.format(units=_MORE_UNIT_WORDS_NORDIC[t]))
              if t in _MORE_UNIT_WORDS_NORDIC else ()))
      for code, t in MORE_UNITS.items()),
)

def _negated(text: str, start: int, end: int) -> bool:
    # the clause before the fact ("nobody was hurt", "没有人受伤"), "injured: none" after it, and a near miss
    # ("nearly got hit", "差点砸到人"); "not one person stuck, it's four" corrects the count and denies nothing
    if near_miss(text, start):
        return True
    clause_start = max(text.rfind(mark, 0, start) for mark in ".。;，,!?；")
    before = text[max(clause_start + 1, start - 40): start]
    # Chinese written with spaces for commas ("看着没事 电车上满满的人"): a space between two characters ends the clause
    before = _CJK_SPACE.split(before)[-1] if _CJK_START.match(text, start) else before
    if negated_before(before) and not count_corrected(text, start, end):
        return True
    return bool(NEG_AFTER.match(text[end: end + 16]))


_CLAUSE_BREAK = re.compile(r"[,;，；、]")
_CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])[ \t\u3000]+(?=[\u4e00-\u9fff]|$)")
_CJK_END = re.compile(r"[\u4e00-\u9fff]$")
_CJK_START = re.compile(r"[\u4e00-\u9fff]")
# Facts whose own Chinese words are a negative ("还没回来", "找不到", "出不来"): the 没/不 in them is the fact, no denial.
_NEGATIVE_FACT_ZH = re.compile(r"(还|都|也|一直)*(没有|没|未)(回来|回家|回去)$|(找不到|不见了|联系不上|出不来)$")


def _denied_inside(words: str) -> bool:
    """A match that runs over a clause break ("车走动，没有人被困"): the last clause, where the fact's own word is,
    may deny it; read it as if the match began there."""
    parts = _CLAUSE_BREAK.split(words)
    if len(parts) < 2:
        return False
    last = parts[-1]
    if _CJK_END.search(last):
        own = _NEGATIVE_FACT_ZH.search(last)
        return negated_before(last[:own.start()] if own else last[:-2])
    return negated_before(last.rsplit(" ", 1)[0] + " ")


# The rules whose words qualify their determinant, by code (most have none: nothing to read for them).
_QUALIFYING_RULES: dict[str, tuple[_Rule, ...]] = {code: tuple(r for r in RULES if r.code == code and r.qualifiers) for code in {r.code for r in RULES if r.qualifiers}}


def qualifiers_of(code: str, evidence: str) -> tuple[str, ...]:
    """What a determinant's words say more precisely than its code (a live wire: "line" when a line is named), read by
    the same rule's words whether ``extract`` found it or a caller built it (traditional characters read as simplified)."""
    rules = _QUALIFYING_RULES.get(code)
    if not rules:
        return ()
    words = to_simplified(evidence)
    return tuple(dict.fromkeys(q for rule in rules for q in rule.qualified(words)))


def extract(text: str) -> list[Determinant]:
    """The determinants of a report, each once (the first non-negated occurrence), with its words."""
    if text is not None and not isinstance(text, str):
        raise InputError(f"The report must be text, got {type(text).__name__}.")
    original = text or ""
    # Traditional characters (樓, 煙, 醒過來) read as the simplified ones the patterns are written in; the conversion is
    # character for character, so spans still point into the report (where it is not, the report is read as written).
    text = to_simplified(original)
    if len(text) != len(original):
        text = original
    # a voice message transcribed word by word is read as unsegmented Chinese, the spans mapped back to the report
    unspaced = unspaced_han_transcript(text)
    if unspaced is None:
        found = _extract(text)
        if text == original:
            return found
        return [d.model_copy(update={"evidence": original[slice(*_strip_span(original, d.span))]}) for d in found]
    joined, kept = unspaced
    kept.append(len(text))
    out = []
    for d in _extract(joined):
        a, b = kept[d.span[0]], kept[d.span[1] - 1] + 1 if d.span[1] > d.span[0] else kept[d.span[0]]
        out.append(d.model_copy(update={"span": (a, b), "evidence": original[a:b]}))
    return out


# Words of a person acting on a person (or wrecking a place around people): an attack, a fight, a weapon, a threat.
_ASSAULT = re.compile(
    r"\b(attack\w*|assault\w*|fight\w*|brawl\w*|hit(ting)? (him|her|them|people|me|us|someone|anyone|the \w+)|punch\w*|kick\w*|beat(ing|en)?|"
    r"stab\w*|knife|knives|machete|axe|gun\w*|pistol|rifle|shot|shooting|armed|weapons?|bottles?|threat\w*|hostages?|barricaded|"
    r"robb\w*|mugg\w*|violent|violence|aggressive|rampage|smashing (things|the place|everything|glass)|going at|laying into|ganging up|"
    r"swinging|lashing out|throwing (bottles|stones|things|chairs)|chasing|following (us|me|him|her|them)|shouting at|"
    r"(guys|men|lads|youths|teenagers|of them) (on|against) one)\b|"
    r"打人|打她|打他|打我|打架|打起来|打成一团|在打|还在打|砸人|砸他|砸她|砍|刺|捅|" + ZH_KNIFE_WEAPON + r"|枪|抢劫|抢|威胁|挥舞|扬言|劫持|斗殴|围殴|歹徒|凶手|"
    r"闹事|骂|冲突|施暴|殴打|袭击|行凶|个人打一个|"
    # a person smashing things (砸 said of a person, never of a falling tree): "砸车的这个人", "有个男的在砸店", 打砸
    r"砸[^，。！？,.!?]{0,4}的(?:这个|那个|这|那)?(?:人|男的|女的|男子|女子|家伙|小伙)|(?:有人|有个人|男子|男的|女的|一个人|那人|这人|醉汉|小偷)[^，。！？,.!?]{0,6}砸|打砸|乱砸", re.IGNORECASE)
# A number right after a vehicle, route or room noun names the thing ("tram 4 full of people", "bus 55", "room 12"): it
# is not a head count.
_NAME_NUMBER_BEFORE = re.compile(r"\b(?:trams?|bus(?:es)?|lines?|routes?|trains?|coach|rooms?|flats?|apartments?|platforms?|gates?|"
                                 r"stops?|tracks?|numbers?|no\.?|nr\.?)\s*$", re.IGNORECASE)


def _extract(text: str) -> list[Determinant]:
    out: dict[str, Determinant] = {}
    for rule in RULES:
        for phrasing in rule.phrasings:
            for m in phrasing.pattern.finditer(text):
                a, b = m.span()
                if asked_not_said(text, a):
                    continue   # "有没有呼吸": asked, not said
                if rule.not_after is not None and rule.not_after.said(text, a):
                    continue
                if rule.negatable and (_negated(text, a, b) or _denied_inside(m.group(0))):
                    continue
                if not rule.negatable and believed_before(text[max(0, a - 50): a]):
                    continue   # "I thought he wasn't breathing": said with its own negation, corrected all the same
                code = rule.code_of(text, a)
                count = None
                if phrasing.counted:
                    count = next((n for n, at in ((parse_number(g), m.start(i + 1)) for i, g in enumerate(m.groups()) if g)
                                  if n and not _NAME_NUMBER_BEFORE.search(text, max(0, at - 12), at)), None)
                words = m.group(0).strip()
                prev = out.get(code)
                if prev is None:
                    out[code] = Determinant(code=code, count=count, evidence=words, span=(a, b))
                elif count and (prev.count or 0) < count:
                    out[code] = prev.model_copy(update={"count": count, "evidence": words, "span": (a, b), "qualifiers": qualifiers_of(code, words)})
    _implied(text, out)
    # Violence going on needs a person acting on a person somewhere in the report: "still inside" of residents in a gas
    # leak, 砸 of a tree on a tram, "the ice keeps breaking" or "screaming for help" in a fire are no attack.
    if "violence_ongoing" in out and not _ASSAULT.search(text):
        del out["violence_ongoing"]
    # A smell of unknown source is a chemical release, unless the report says it is gas ("a strange smell, like
    # rotten eggs": the gas leak's engine and utility crew, not a hazmat unit and a cordon).
    # Exhaust or fumes beside carbon monoxide are the CO's own source ("exhaust fumes in the car park, the CO alarm is
    # beeping"): the engine and the patients, not a hazmat unit and a cordon.
    if "carbon_monoxide" in out and "chemical_release" in out and _COMBUSTION_GAS.fullmatch(out["chemical_release"].evidence.strip()):
        del out["chemical_release"]
    smell = out.pop("odd_smell", None)
    if smell and "chemical_release" not in out and not ("gas_leak" in out or "carbon_monoxide" in out):
        out["chemical_release"] = smell.model_copy(update={"code": "chemical_release"})
    rescued = out.get("rescued_from_water")
    if rescued:
        # "his father pulled him out ... but the father can't get out, he's in the water": someone is still in it
        still = next((m for m in _IN_WATER_AFTER.finditer(text, rescued.span[1]) if not _negated(text, *m.span())), None)
        if still:
            del out["rescued_from_water"]
            out.setdefault("person_in_water", Determinant(code="person_in_water", evidence=still.group(0), span=still.span()))
    for code, later in _CORRECTED_LATER.items():
        # "he was unconscious for a minute but now he's awake": the report's later words correct the fact
        if code in out:
            fix = later.search(text, out[code].span[1])
            if fix and not _negated(text, *fix.span()) and not _other_person(text, out[code].span, fix.group(0)):
                del out[code]
    if "casualty_signs" in out and (_a_thing_lying(text, out["casualty_signs"].span[0]) or machine_still(text, *out["casualty_signs"].span)):
        del out["casualty_signs"]
    sev = next((m for m in SERIOUS.finditer(text) if not _negated(text, *m.span()) and not _a_thing_lying(text, m.start()) and not machine_still(text, *m.span())
                and not asked_not_said(text, m.start())), None)
    if sev and "serious_injury" not in out:
        out["serious_injury"] = Determinant(code="serious_injury", evidence=sev.group(0), span=sev.span())
    # A fire aboard a ship names the ship as where it burns; a ship named as a landmark or a destination ("a bin on fire at
    # the ferry terminal", "a car burning in the queue for the ferry", "渡轮码头") and a deck of no ship ("the upper deck
    # of the car park", "the sun deck of the restaurant") are no vessel fire (review s16: they got three engines, the
    # rescue unit and two ambulances).
    if "vessel_fire" in out and not _SHIP_ITSELF.search(text):
        del out["vessel_fire"]
    if "gas_cylinders_at_fire" in out and not (any(c in out for c in _FIRE_SAID) or _A_FIRE_SAID.search(text)):
        del out["gas_cylinders_at_fire"]
    # A car burning on a ferry's car deck is a fire aboard the ship, not a small outdoor one.
    if "vessel_fire" in out:
        out.pop("outdoor_fire", None)
    # "bin on fire behind the shop": the shop is where the bin is, not what burns.
    if "outdoor_fire" in out and "building_fire" in out:
        o, bf = out["outdoor_fire"].span, out["building_fire"].span
        if bf[0] < o[1] and o[0] < bf[1]:
            del out["building_fire"]
    # Bleeding said to be heavy is no minor injury, wherever it bleeds from ("手在流血，流了很多血").
    if "catastrophic_bleeding" in out:
        out.pop("minor_injury", None)
    # A count of injured people said once ("two men injured") is also "injured"; "scrapes only" without anything
    # serious means minor injuries.
    if "minor_injury" in out and "injured" in out and sev:
        del out["minor_injury"]
    for code, n, group in _census_determinants(text):
        span = _strip_span(text, group.span)
        out[code] = Determinant(code=code, count=n, evidence=text[span[0]: span[1]], span=span)
    if "catastrophic_bleeding" in out and "minor_patients" in out and "serious_patients" not in out:
        # the patient counted minor by where it bleeds ("手在流血") is serious by how much it bleeds
        out["serious_patients"] = out.pop("minor_patients").model_copy(update={"code": "serious_patients"})
    if not any(c in out for c in _FIRE_SAID) and person_in_vehicle_in_flood(text):
        # the building-fire rules are gated by their hazard: in a car in flood water, "still inside", "banging on the
        # windows" and "on the roof" are the car's, not a burning building's (trial s18: a ladder and fire reasons)
        for code in _BUILDING_FIRE_ONLY:
            out.pop(code, None)
    # "he got out, says he's fine": nobody to treat, unless the report names an injury all the same ("grazed knee,
    # says he is fine": a minor casualty still gets its ambulance)
    fine = out.pop("says_fine", None)
    if fine and "no_casualties" not in out and not any(c in out for c in _HURT):
        out["no_casualties"] = fine.model_copy(update={"code": "no_casualties"})
    return sorted(out.values(), key=lambda d: d.span[0])


_HURT = ("injured", "minor_injury", "serious_injury", "casualty_signs", "unconscious", "not_breathing", "serious_patients",
         "minor_patients", "ill_patients", "symptoms")


# A fight said with a head count ("a fight ... like 10 ppl", "打起来了 七八个人"): five or more people is a large one.
_FIGHT = gated(r"\b(fight\w*|brawl\w*|scuffle|kicked off|kicking off|punch-up|rioting|riot|looting|throwing (stones|bottles|rocks|bricks)|smashing (windows|shop windows|cars))\b|扔石头|砸车|砸窗|打架|打起来|互殴|在打|斗殴", re.IGNORECASE)
_HEADCOUNT = re.compile(r"\b(" + EN_NUM_RE + r")\+?\s+(?:\w+\s+)?(?:ppl|people|guys|men|youths?|lads|teenagers|kids|fans|persons)\b"
                        # "二十来个人", "十几个人": a round number with its approximation is still that many
                        r"|(" + ZH_NUM_RE + r")\s*(?:来|多|几)?\s*(?:个|名|多个)?\s*(?:人|男的|年轻人|小伙子)", re.IGNORECASE)
# A ship named as the ship, not as the name of a place beside it (its terminal, quay, queue, ticket office) or as where
# someone is going ("for the ferry"); a ferry's car or vehicle deck is the ship's own.
_SHIP_ITSELF = re.compile(
    r"(?<!\bfor the )(?<!\bfor a )(?<!\bto the )(?<!\bcatch the )(?<!\btowards the )"
    r"\b(?:ferry|ferries|ship|vessel|cruise liner|ocean liner|(?:passenger|cargo|cruise|container|ro-ro|tour|sightseeing|excursion) boat)\b"
    r"(?!(?:'s)?\s+(?:terminals?|piers?|quays?|ports?|harbou?rs?|docks?|queues?|lines? (?:office|desk)|tickets?|offices?|buildings?|"
    r"stations?|car ?parks?|parking|timetables?|company|companies|routes?|lanes?|waiting)\b)"
    r"|\b(?:car|vehicle) deck\b"
    r"|(?:渡轮|轮渡|客轮|邮轮|游轮|游船|轮船|货轮|客船|渡船|船上|船舱)(?!码头|站|售票|候船|公司|航线|停车)",
    re.IGNORECASE)
_COMBUSTION_GAS = re.compile(r"(exhaust )?(fumes|vapou?rs?|exhaust)|废气|尾气", re.IGNORECASE)
# A fire indoors that makes carbon monoxide, said without the word ("the flue is blocked", "烟道堵了").
_COMBUSTION = gated(r"\b(flue|chimney|fireplace|wood ?stove|stove|boiler|gas heater|heater|generator|brazier|barbecue|bbq|charcoal|"
                    r"aggregaat\w*|generaattori\w*|hiiligrill\w*|kamiina\w*|takka\w*|kolgrill\w*|elverk\w*)\b"
                    r"|烟道|烟囱|壁炉|炉子|火炉|炭火|炭盆|烧炭|热水器|发电机", re.IGNORECASE)
# Someone said to be in the water after a rescue out of it was said: a second person, or the rescuer.
_IN_WATER_AFTER = gated(r"\b((is|are) still in the water|(can'?t|cannot|couldn'?t) (get (back )?out of the (water|sea|lake|river|canal|harbou?r)|climb (back )?out)|(can'?t|cannot) get back (up|on) (the )?(quay|pier|jetty|shore|bank))\b"
                        r"|(还|仍然|仍)?在水里(?!了)|(从水里)?上不来|爬不上(来|岸)", re.IGNORECASE)
# Whether someone breathes, not known ("can't tell whether he's breathing", "看不出他有没有呼吸").
_BREATHING_UNKNOWN = gated(r"\b(can'?t|cannot|couldn'?t|don'?t|do not|doesn'?t|not) (tell|know|see|sure|say)\b[^.]{0,12}\b(if|whether)\b[^.]{0,20}\bbreath\w*"
                           r"|(看不出|不知道|不清楚|说不清|分不清)[^。]{0,6}(有没有|是否|还有没有)(呼吸|喘气)"
                           # breathing said with a doubt after it, or coming and going: unsure is not breathing
                           r"|(呼吸|喘气)(?:(?!正常|平稳|还好|没问题)[^。，]){0,3}[，,]?(但是|但|不过|可是)?(我们|我)?(也)?(不太?确定|说不准|不敢肯定|拿不准)|(呼吸|喘气)[^。]{0,16}(一会儿?有一会儿?没有?|时有时无)"
                           r"|\bbreath\w*( (is|was))?(,|;| but| -)? (i'?m |we'?re )?(not (really |totally |completely )?sure|on and off|comes and goes)\b", re.IGNORECASE)
# Gone under the surface ("hasn't come up", "went under", "没有浮上来").
_SUBMERGED = gated(r"\b((hasn'?t|has not|didn'?t|did not|never) (come|came|resurfaced) (back )?(up|to the surface)\b(?! (the|to|from|with|here|there|yet))|"
                   r"(went|gone|going|disappeared|slipped) (under|below) the (water|surface)|(went|gone|going) (back )?under (again|twice|and))"
                   r"|(没有|没)(再)?(浮|冒)(上来|出来)|沉下去了|沉到水里", re.IGNORECASE)
# Smoke or burning, and a place that is inside a building.
_SMOKE = gated(r"\b(smoke|smoking|smouldering|burning|flames?|on fire)\b|冒烟|烟雾|着火|起火|烧焦", re.IGNORECASE)
_INDOORS = gated(r"\b(basement|cellar|stairwell|staircase|corridor|hallway|underground|car park|parking (garage|hall|level|deck)|"
                 r"P-\d+|level -\d+|plant room|boiler room|server room|electrical room|indoors|inside the building)\b|地下室|地下车库|车库|楼道|走廊|楼梯间|机房|配电室", re.IGNORECASE)
# People said to be under something, after a collapse is read ("three people were underneath", "下面压着人").
_UNDERNEATH = gated(r"\b(?:(" + EN_NUM_RE + r")\s+(?:of (?:my|our|the|his|her|their) )?(?:\w+\s+)?(?:people|persons|men|women|workers|children|kids|pedestrians|customers|lads|guys|colleagues|builders|labou?rers)|someone|somebody|people|guests|dancers|a (?:man|woman|child|worker|person))\b"
                    # "two of my lads under the boards": said after the collapse, the verb may go unsaid
                    r"(?:[^.;]{0,20}?\b(?:(?:were|are|is|was|got|may be|might be|could be|still) (?:underneath|under (?:it|there|the \w+)|beneath (?:it|the \w+)|buried|trapped under\w*)|"
                    r"fell (?:through |down )?(?:in)?to the (?:basement|cellar|floor below|storey below|hole|pit))|\s(?:underneath|under|beneath) (?:it|there|the \w+))\b"
                    r"|下面(?:压着|埋着|有)(?:人|" + ZH_NUM_RE + r"个人)"
                    # "另一个还在里面": someone still in what came down
                    r"|(?:还|仍然?)(?:在|困在|压在|埋在)(?:里面|下面|底下|里头)", re.IGNORECASE)
_PLURAL_UNDER = re.compile(r"(people|guests|dancers)\b", re.IGNORECASE)
# Down and not moving, said of a person (for the breathing that goes with it).
# Flood water said of the scene ("flooded underpass", "water rising", "tulvinut", "vattnet stiger", 被水淹).
_FLOOD_WATER = gated(r"\b(flood\w*|full of water|under ?water|water(?:'s| is)? (?:rising|coming in|up to)|rising water|submerged|"
                     r"tulv\w*|vesi nousee|veden alla|översvämm\w*|vattnet stiger|under vatten)\b|被?水淹|淹了|进水|水(?:还)?在涨", re.IGNORECASE)
# A person in or on a vehicle ("car with a man inside", "driver on the roof", "mies on vielä autossa", "en man kvar inne
# i bilen", 司机爬到车顶上): with flood water in the report, someone trapped in a vehicle in water - a water rescue.
_PERSON_IN_VEHICLE = gated(
    r"\b(car|vehicle|van|taxi|bus|auto\w*|bil(en)?)\b[^.;!?]{0,40}\b(man|woman|person|driver|someone|somebody|people|child|kids?|family|"
    r"passengers?|mies|nainen|kuljettaja|ihmi\w*|föraren|förare|man|kvinna)\b[^.;!?]{0,25}\b(inside|still in|in it|on (the|its) roof|"
    r"sisällä|kvar( inne)?|katolla|på taket)\b"
    r"|\b(driver|man|woman|person|someone|somebody|people|passengers?|kuljettaja|mies|föraren)\b[^.;!?]{0,30}\b(on (the|its|the car'?s) roof|"
    r"(inside|in) (the|a|his|her|their) (car|vehicle|van|taxi)|still (in|inside) (the )?(car|vehicle|van)|autossa|auton katolla|i bilen|på biltaket)\b"
    r"|(司机|人|乘客|孩子)[^。，！？]{0,8}(车顶|车里|车内)|车(里|内)(还)?有人", re.IGNORECASE)
# What a building fire's rules read in a car in water ("still inside" the car, "banging on the windows", "on the roof"
# of the car): the building-fire facts, kept only where a fire is said.
_BUILDING_FIRE_ONLY = ("people_inside", "at_window", "upper_floor", "smoke_exposed")
# Something burning, in the words of any report language (the fire determinants above need a building or an object
# they know; "kiosken brinner", "kioski palaa", "小吃摊着火了" say a fire all the same).
_A_FIRE_SAID = re.compile(r"\b(fire(?! alarm| drill| extinguisher| brigade| station| service| department)|flames?|burning|on fire|ablaze|alight|blaze|"
                          r"smoke|palaa|palava\w*|tulipalo\w*|liekeissä|liekit|savu\w*|brinner|brand(en)?|eld(en)?|lågor|rök(en)?)\b|"
                          r"着火|起火|失火|火灾|燃烧|烧起来|冒烟|浓烟", re.IGNORECASE)
_FIRE_SAID = ("building_fire", "outdoor_fire", "vessel_fire", "smoke_spreading", "fire_out", "fire_exposure")


def person_in_vehicle_in_flood(text: str) -> re.Match[str] | None:
    """The words of someone in or on a vehicle, in a report of flood water (not denied), or None."""
    if not any(not _negated(text, *m.span()) for m in _FLOOD_WATER.finditer(text)):
        return None
    return next((m for m in _PERSON_IN_VEHICLE.finditer(text) if not _negated(text, *m.span())), None)


_DOWN = gated(r"\b(eyes (are )?closed|not moving|motionless|limp|lying still|won'?t wake|can'?t wake|collapsed|keeled over)\b|闭着眼|一动不动|不动了|倒在地上|倒地", re.IGNORECASE)


def _down(text: str) -> bool:
    return any(not _negated(text, *m.span()) for m in _DOWN.finditer(text))


_STILL_IN_WATER = gated(r"\b(face ?down|not moving|motionless|lifeless)\b|没动静|一动不动|不动了|脸朝下", re.IGNORECASE)


_THING = re.compile(r"\b(cable|wire|line|tree|branch|pole|post|sign|car|bike|bicycle|bag|debris|glass|lamp|scaffold\w*|panel|sheet|roof|"
                    r"it|which|that)\b[^.,;!?]{0,30}$", re.IGNORECASE)
_LYING = re.compile(r"(lying|is down|are down|on the ground)", re.IGNORECASE)
_PERSON_BEFORE = re.compile(r"\b(man|woman|person|someone|somebody|he|she|boy|girl|child|kid|driver|cyclist|pedestrian|"
                            r"lady|guy|people|victim|patient)\b", re.IGNORECASE)


def _a_thing_lying(text: str, start: int) -> bool:
    """"the cable is lying in the street", "it's on the ground": a thing, not a casualty (no person named before it)."""
    if not _LYING.match(text, start):
        return False
    before = text[max(0, start - 40): start]
    return bool(_THING.search(before)) and not _PERSON_BEFORE.search(before)


# A fact the report itself corrects further on (its scope ends there): said after the fact, not denied.
_CORRECTED_LATER: dict[str, GatedPattern] = {
    "fire_out": gated(r"\b(still (smoke|smoking|smouldering|smoldering|burning|glowing)|smoke (is )?still|(is|are|keeps?) (still )?(smoking|smouldering|smoldering))\b"
                           r"|(还|仍|仍然|又)(在)?(冒烟|有烟|冒火|在烧)", re.IGNORECASE),
    "violence_ongoing": gated(r"\b(ran (off|away)|run (off|away)|has (run|gone|left|fled)|fled|got away|took off|made off|is gone|are gone|drove off)\b"
                                   r"|跑了(?!过来|回来|进来|进去)|逃了|逃跑了|溜了|开车跑了", re.IGNORECASE),
    "unconscious": gated(r"\b((is |he'?s |she'?s |now )+(awake|conscious|talking|responding)|came (round|to)|come (round|to)|woke up|"
                              r"(he|she) (is )?(talking|responding) (now|again))\b|醒过来|醒了|能说话了|清醒了|有反应了", re.IGNORECASE),
    "not_breathing": gated(r"\b((he|she)('s| is) (now )?(moving|sitting up|talking)|sitting up and talking|breathing again|started breathing|began breathing|is breathing now|(now|and) (he|she)(\'s| is) breathing)\b"
                                r"|又有呼吸|恢复(了)?呼吸|开始呼吸|有呼吸了|又喘气了|能动了|坐起来了|会说话了", re.IGNORECASE),
}


_HE = re.compile(r"\b(he|him|his|man|guy|boy)\b|他", re.IGNORECASE)
_SHE = re.compile(r"\b(she|her|woman|lady|girl)\b|她", re.IGNORECASE)


def _gender(words: str) -> str | None:
    """'m' or 'f' when the words name one gendered person only, else None."""
    he, she = bool(_HE.search(words)), bool(_SHE.search(words))
    return "m" if he and not she else "f" if she and not he else None


def _other_person(text: str, span: tuple[int, int], fix: str) -> bool:
    """A later "she's sitting up" does not correct "he's not breathing": the correction is about someone else.

    Only where both the fact (with the few words before it) and the correction name one gendered person, and not
    the same one; an ungendered correction ("breathing again") still corrects.
    """
    fact, later = _gender(text[max(0, span[0] - 25): span[1]]), _gender(fix)
    return fact is not None and later is not None and fact != later


def _implied(text: str, out: dict[str, Determinant]) -> None:
    """Facts that follow from a combination of others (each keeps the words it rests on).

    * unresponsive and breathing badly (gurgling, gasping, blue lips): treated as not breathing;
    * someone in the water who is face down or not moving: treated as not breathing;
    * a fight with five or more people counted: a large brawl;
    * symptoms (headache, nausea) beside a fire indoors or a blocked flue: carbon monoxide.
    """
    def add(code: str, m: re.Match[str] | Determinant) -> None:
        if code in out:
            return
        if isinstance(m, Determinant):
            out[code] = m.model_copy(update={"code": code, "count": None})
        else:
            out[code] = Determinant(code=code, evidence=m.group(0).strip(), span=m.span())

    if "abnormal_breathing" in out and ("unconscious" in out or _down(text)):
        # unresponsive, or eyes closed and not moving, and breathing badly: ineffective breathing, an arrest response
        add("not_breathing", out["abnormal_breathing"])
    unknown = _BREATHING_UNKNOWN.search(text)
    if "unconscious" in out and unknown:
        # unresponsive and nobody can tell whether they breathe: treated as not breathing until someone can
        add("not_breathing", unknown)
    if "utility_fault" in out and "building_fire" not in out and "outdoor_fire" not in out:
        # an electrical fault smoking indoors (a cabinet in the basement, on parking level P-2): a fire in the building
        smoke = next((m for m in _SMOKE.finditer(text) if not _negated(text, *m.span())), None)
        inside = _INDOORS.search(text)
        if smoke and inside and not _negated(text, *inside.span()):
            add("building_fire", smoke)
    if "collapse" in out and "collapse_people_under" not in out:
        # "the balcony collapsed ... three people were underneath": people under the collapse, counted
        for m in _UNDERNEATH.finditer(text):
            if not _negated(text, *m.span()):
                n = parse_number(m.group(1)) if m.group(1) else (2 if _PLURAL_UNDER.match(m.group(0)) else None)
                out["collapse_people_under"] = Determinant(code="collapse_people_under", count=n, evidence=m.group(0).strip(), span=m.span())
                break
    under = _SUBMERGED.search(text)
    if under and not _negated(text, *under.span()) and any(c in out for c in ("water_search", "possibly_in_water")):
        # gone under by the water ("fell in ... and he hasn't come up"): someone in the water
        add("person_in_water", under)
    still = _STILL_IN_WATER.search(text)
    if "person_in_water" in out and "rescued_from_water" not in out and still and not _negated(text, *still.span()):
        add("not_breathing", still)
    fight = _FIGHT.search(text)
    if fight and not _negated(text, *fight.span()):
        for m in _HEADCOUNT.finditer(text):
            n = parse_number(m.group(1) or m.group(2))
            if n and n >= 5 and abs(m.start() - fight.start()) <= 80:
                add("large_brawl", m)
                break
    stranded = person_in_vehicle_in_flood(text)
    if stranded and "rescued_from_water" not in out and not any(c in out for c in _FIRE_SAID):
        # someone in a car in flood water is a water rescue, whatever words the caller uses for where they are
        add("stranded_in_water", stranded)
    fire = _COMBUSTION.search(text)
    if fire and "symptoms" in out and "chemical_release" not in out and "outdoor_fire" not in out:
        add("carbon_monoxide", fire)


def _strip_span(text: str, span: tuple[int, int]) -> tuple[int, int]:
    a, b = span
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _census_determinants(text: str) -> list[tuple[str, int, Group]]:
    """The casualty census (tools/casualties.py) as counted determinants, each on its first group's words."""
    c = census(text)
    out = []
    for code, kind, n in (("serious_patients", "serious", c.serious), ("minor_patients", "minor", c.minor),
                          ("ill_patients", "ill", c.ill), ("smoke_exposed", "exposed", c.exposed)):
        group = next((g for g in c.groups if g.kind == kind), None)
        if n > 0 and group is not None:
            out.append((code, n, group))
    return out
