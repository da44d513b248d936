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
    return text


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
