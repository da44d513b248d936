"""Units named by station, type and number, or spoken or spelt over the radio, written as their ids.

"engine one at Erottaja" -> "ERO-E1", "Erottaja 的 1 号云梯车" -> "ERO-L1", "kilo alpha mike alpha two" -> "KAM-A2":
the cue rules and slot extractors then only need to read ids.  Never a unit the fleet does not have.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from agent.slots import EN_NUM

# unit words -> unit type, for naming a unit by station, type and number ("engine 1 at Erottaja", "Erottaja 的二号消防车")
_UNIT_NOUNS: list[tuple[str, str]] = [
    ("engine", r"fire engine|engine|pumper|消防车"), ("ladder", r"ladder(?: truck)?|aerial|云梯车|梯车"), ("ambulance", r"ambulance|救护车|急救车"),
    ("rescue", r"rescue(?: unit| truck)?|救援车"), ("hazmat", r"hazmat(?: unit| truck)?|危化品(?:处置)?车"),
    ("police_patrol", r"police car|patrol(?: car)?|警车"), ("utility_crew", r"utility(?: crew| truck)?|抢修车"),
]
_NUMBER_WORD = r"(?:\d|one|two|three|four|一|二|两|三|四)"
_NUMBER_VALUE = {"one": 1, "two": 2, "three": 3, "four": 4, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_SPOKEN_ID = re.compile(r"(?<![\w-])(?P<letters>[A-Za-z]{3}\s+[A-Za-z]|(?:[A-Za-z]\s){3}[A-Za-z])\s+(?P<d>one|two|three|four|\d)\b", re.IGNORECASE)
# An id spelt over the radio in the ICAO/NATO spelling alphabet ("echo-romeo-oscar echo two", "kilo alpha mike alpha
# two", "ERO echo one"): one word per letter, then the unit's number.
_NATO = ("alpha alfa bravo charlie delta echo foxtrot golf hotel india juliet juliett kilo lima mike november oscar papa quebec "
         "romeo sierra tango uniform victor whiskey whisky xray x-ray yankee zulu").split()
_NATO_WORD = "(?:" + "|".join(sorted(_NATO, key=len, reverse=True)) + ")"
_SPELLED_ID = re.compile(rf"(?<![\w-])(?P<letters>(?:[A-Za-z]{{3}}|{_NATO_WORD}(?:[\s-]+{_NATO_WORD}){{2}})[\s-]+{_NATO_WORD})[\s-]+(?P<d>one|two|three|four|five|\d)\b",
                         re.IGNORECASE)


def name_units(text: str, city: Any) -> str:
    """Units named by station, type and number written as their ids: "engine one at Erottaja" -> "ERO-E1",
    "the Erottaja ambulance" -> "ERO-A1" (the only one there), "Erottaja 的 1 号云梯车" -> "ERO-L1"."""
    try:
        pairs = list(city.units())
    except Exception:  # noqa: BLE001 - no units: nothing to name
        return text
    stations: dict[str, list[tuple[str, str]]] = {}
    for station, unit in pairs:
        stations.setdefault(station.name, []).append((unit.type, unit.id))
    fleet = tuple((name, tuple(units)) for name, units in stations.items())
    known = {unit.id.replace("-", "").upper(): unit.id for _, unit in pairs}

    def spoken(match: re.Match) -> str:
        digit = match.group("d")
        digit = digit if digit.isdigit() else str(_NUMBER_VALUE.get(digit.lower(), ""))
        return known.get(re.sub(r"\s", "", match.group("letters")).upper() + digit, match.group(0))
    text = _SPOKEN_ID.sub(spoken, text)

    def spelled(match: re.Match) -> str:  # a spelt id the fleet does not have is left as said: never a unit invented
        letters = "".join(word.upper() if word.lower() not in _NATO else ("X" if word.lower() == "x-ray" else word[0].upper())
                          for word in _nato_tokens(match.group("letters")))
        digit = match.group("d")
        digit = digit if digit.isdigit() else str(EN_NUM.get(digit.lower(), ""))
        return known.get(letters + digit, match.group(0)) if len(letters) == 4 else match.group(0)
    text = _SPELLED_ID.sub(spelled, text)
    for pattern, ids in _unit_name_patterns(fleet):
        def repl(match: re.Match, ids: tuple[str, ...] = ids) -> str:
            n = match.group("n")
            if not n:
                return ids[0] if len(ids) == 1 else match.group(0)
            index = int(n) if n.isdigit() else _NUMBER_VALUE.get(n.lower(), 0)
            hit = [uid for uid in ids if re.search(rf"{index}$", uid)]
            return hit[0] if len(hit) == 1 else match.group(0)
        text = pattern.sub(repl, text)
    return _read_call_signs(text, pairs)


# A call sign read aloud after the unit's type, digit by digit ("engine one-one", "medic two three", "ladder one",
# "R-one", "救护车幺幺", "二号云梯车"; radio Chinese says 幺 for 1 and 洞 for 0): the type and its digits name the roster's
# unit whose id has that type letter and number, when exactly one does; one no unit has is left as said. The type word
# stays beside the id ("ladder ERO-L1"): what was asked for is still a ladder.
_DIGITS = {"zero": "0", "oh": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
           "eight": "8", "nine": "9", "零": "0", "洞": "0", "〇": "0", "一": "1", "幺": "1", "二": "2", "两": "2", "三": "3", "四": "4",
           "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
_CALL_NOUNS: list[tuple[str, str]] = _UNIT_NOUNS + [("ambulance", r"medic|medic unit")]
_EN_DIGIT = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|\d)"
_NOUN_GROUPS = "|".join(f"(?P<t{i}>{noun})" for i, (_, noun) in enumerate(_CALL_NOUNS))
# a number after a unit noun that counts something else ("an ambulance two blocks down", "救护车两辆") is no call sign
_COUNTED = (r"(?!\s{0,3}(?:blocks?|streets?|doors?|floors?|storeys?|minutes?|mins?|hours?|km|kilomet\w*|met(?:re|er)s?|m\b|people|persons|"
            r"patients|casualties|victims|more|of\b|times|houses?|buildings?|cars?|vehicles?|units?|crews?|engines?|ambulances?|ladders?|"
            r"patrols?|辆|台|个|部|组|名|位|人|分钟|公里|米))")
_CALL_SIGN = re.compile(
    rf"(?<![\w-])(?:{_NOUN_GROUPS})[\s-]*(?:no\.?\s*|#\s*|number\s+)?(?P<num>{_EN_DIGIT}(?:[\s-]+{_EN_DIGIT}){{0,2}})(?![\w-]){_COUNTED}"
    rf"|(?<![A-Za-z-])(?P<letter>[A-OQ-Za-oq-z])-(?P<lnum>(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)(?:-(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)){{0,2}})(?![\w-])"
    r"|(?P<zh_noun>消防车|云梯车|梯车|救护车|急救车|救援车|警车|抢修车)\s*(?P<zh_num>[零洞〇一幺二两三四五六七八九\d]{1,3})(?:号|(?![零洞〇一幺二两三四五六七八九\d]))" + _COUNTED +
    r"|(?<![零洞〇一幺二两三四五六七八九\d])(?P<zh_num2>[零洞〇一幺二两三四五六七八九\d]{1,3})\s*号\s*(?P<zh_noun2>消防车|云梯车|梯车|救护车|急救车|救援车|警车|抢修车)",
    re.IGNORECASE)
_ZH_TYPES = {"消防车": "engine", "云梯车": "ladder", "梯车": "ladder", "救护车": "ambulance", "急救车": "ambulance", "救援车": "rescue",
             "警车": "police_patrol", "抢修车": "utility_crew"}
# "an ambulance two blocks down", "another engine 2": a quantity or an article before the noun, not a unit's name
_ARTICLE_BEFORE = re.compile(r"(?<![\w-])(?:an?|another|one|two|three|four|some|more|extra|second|third)\s+(?:(?!(?:and|or|then|plus)\b)[a-z]+\s+)?$",
                             re.IGNORECASE)


# Where a call sign names no unit to look up: the sender opening a radio transmission ("Ladder one to control, ...",
# "Rescue one on location ...", "medic two here"), and a list of units sent to a place ("engine two, rescue one and an
# ambulance to the derailment"): a dispatch is planned by the types asked for, not by the units the words name.
_SENDER = re.compile(r"^\W*(?:(?:control|dispatch)\W+)?$")
_SENDER_AFTER = re.compile(r"(?:to (?:control|dispatch|base)\b|on (?:location|scene|site)\b|here\b|calling\b|reporting\b)", re.IGNORECASE)
# Read from the first word after the call sign (the caller strips the spaces before it), so that no run of spaces is
# tried from each of its positions: "ambulance two and engine three to the station", ", ladder one to ...".
_LIST_ITEM = (rf"(?:(?:an?|the|one|two|three|\d)\s*)?(?:{'|'.join(noun for _, noun in _UNIT_NOUNS)}|medics?)"
              rf"(?:[\s-]+{_EN_DIGIT}(?:[\s-]+{_EN_DIGIT}){{0,2}})?s?")
_LIST_TO = re.compile(rf"(?:(?:,|&|\+|and|plus)\s*)?(?:{_LIST_ITEM}(?:(?:\s*(?:,|&|\+)\s*|\s+(?:and|plus)\s+|\s+){_LIST_ITEM})*\s+)?to\s",
                      re.IGNORECASE)


def _read_call_signs(text: str, pairs: list[tuple[Any, Any]]) -> str:
    """Spoken call signs ("ladder one", "R-one", "救护车幺号") written as the roster's id beside the type word."""
    by_type: dict[tuple[str, str], list[str]] = {}
    by_letter: dict[tuple[str, str], list[str]] = {}
    for _, unit in pairs:
        parts = re.fullmatch(r"[A-Z]{2,4}-([A-Z])(\d+)", unit.id)
        if parts:
            by_type.setdefault((unit.type, parts.group(2)), []).append(unit.id)
            by_letter.setdefault((parts.group(1), parts.group(2)), []).append(unit.id)

    def number(said: str) -> str:
        digits = "".join(_DIGITS.get(d.lower(), d) for d in re.findall(r"[A-Za-z]+|\d|[\u3007\u4e00-\u9fff]", said))
        return digits.lstrip("0") or digits

    def repl(match: re.Match) -> str:
        if match.group("letter"):
            ids = by_letter.get((match.group("letter").upper(), number(match.group("lnum"))), [])
        elif match.group("zh_noun") or match.group("zh_noun2"):
            noun = match.group("zh_noun") or match.group("zh_noun2")
            ids = by_type.get((_ZH_TYPES[noun], number(match.group("zh_num") or match.group("zh_num2"))), [])
        else:
            before, after = match.string[:match.start()], match.string[match.end():]
            if _ARTICLE_BEFORE.search(before) or (_SENDER.match(before) and _SENDER_AFTER.match(after.lstrip())) or _LIST_TO.match(after.lstrip()):
                return match.group(0)
            unit_type = next(_CALL_NOUNS[i][0] for i in range(len(_CALL_NOUNS)) if match.group(f"t{i}"))
            ids = by_type.get((unit_type, number(match.group("num"))), [])
        if len(ids) != 1:
            return match.group(0)
        words = match.group(0)
        kept = re.sub(r"[\s-]*(?:no\.?\s*|#\s*|number\s+)?(?:" + _EN_DIGIT + r"(?:[\s-]+|$))+$", "", words, flags=re.IGNORECASE) \
            if not match.group("letter") and not (match.group("zh_noun") or match.group("zh_noun2")) else ""
        if match.group("zh_noun") or match.group("zh_noun2"):
            return f"{match.group('zh_noun') or match.group('zh_noun2')} {ids[0]} "
        return f"{kept} {ids[0]}".strip()
    return _CALL_SIGN.sub(repl, text)


def _nato_tokens(spelt: str) -> list[str]:
    """The words of a spelt id, "x-ray" kept whole."""
    return re.findall(rf"{_NATO_WORD}|[A-Za-z]{{3}}", spelt, re.IGNORECASE)


@lru_cache(maxsize=4)
def _unit_name_patterns(fleet: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]) -> list[tuple[re.Pattern, tuple[str, ...]]]:
    """The compiled patterns of name_units for one fleet ((station, ((unit type, unit id), ...)), ...), in the
    order they are applied, each with the ids of the units of its station and type. Compiled once per fleet,
    not per message (the fleet is fixed for a scenario)."""
    compiled: list[tuple[re.Pattern, tuple[str, ...]]] = []
    for name, units in fleet:
        stem = re.escape(name.split()[0][:6])
        station_re = rf"(?:the\s+)?{stem}\w*(?:\s+(?:station|base|paloasema))?"
        for unit_type, noun in _UNIT_NOUNS:
            ids = tuple(uid for utype, uid in units if utype == unit_type)
            if not ids:
                continue
            for pattern in (
                rf"(?:the\s+)?(?:{noun})\s*(?:no\.?\s*|#\s*|number\s+)?(?P<n>{_NUMBER_WORD})\s+(?:at|from|of)\s+{station_re}",
                rf"{station_re}(?:'s)?\s*(?:的)?\s*(?P<n>{_NUMBER_WORD})\s*号\s*(?:{noun})",
                rf"{station_re}(?:'s)?\s*(?:的)?\s*(?:{noun})\s*(?:no\.?\s*|#\s*|number\s+)?(?P<n>{_NUMBER_WORD})(?![\w-])",
                rf"{station_re}(?:'s)?\s*(?:的)?\s*(?:{noun})(?P<n>)",
            ):
                compiled.append((re.compile(pattern, re.IGNORECASE), ids))
    return compiled
