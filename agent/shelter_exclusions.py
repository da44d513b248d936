"""Shelters the operator rules out in an evacuation order: "use shelters with room, not the railway station", "do NOT
use Helsingin päärautatieasema", "avoid Oodi and Kaisa-talo", "不要用火车站".

A shelter ruled out is never used by the plan (trial 17 T38: 3,000 people were sent to the railway station the order
had excluded). The words after the negation are read as a place of the map; a shelter, or a landmark on a shelter's
site (the station building under another name), is the shelter ruled out. Words that are no shelter rule out nothing.
"""

from __future__ import annotations

import re
from typing import Any

from core.geo import haversine_m
from tools.gazetteer import AmbiguousPlaceError, PlaceMatch, UnknownPlaceError

__all__ = ["excluded_shelters"]

# A landmark this close to a shelter is its building ("Helsingin asema" for the railway station shelter).
SAME_SITE_M = 150.0
# Only a name said (give or take a letter) rules out a shelter: a loose match of ordinary words must not.
MIN_SCORE = 0.9

_EN = re.compile(r"\b(?:not|avoid(?:ing)?|except(?:\s+for)?|excluding|without|other\s+than|apart\s+from|rather\s+than|instead\s+of|"
                 r"never)\s+(?:(?:use|using|send(?:ing)?\s+(?:anyone|anybody|people|them|evacuees)\s+to|go(?:ing)?\s+to|to|in(?:to)?|at)\s+)?"
                 r"(?P<what>[^,;:.!?\n()]{2,60})", re.IGNORECASE)
_ZH = re.compile(r"(?:不要|别|不用|不能|避开|排除|除了)(?:再)?(?:用|去|使用|送到|送去|安排到|安排去|安置到|安置在|到)?\s*(?P<what>[^，。；！？,;.!?\n、]{1,20})")
_SPLIT = re.compile(r"\s*(?:\b(?:and|or|nor)\b|、|和|或者?|及)\s*", re.IGNORECASE)
_LEADING = re.compile(r"^(?:the|a|an|any|either)\s+", re.IGNORECASE)
_TRAILING = re.compile(r"\s+(?:either|please|as\s+(?:a\s+)?shelter|shelter|for\s+(?:this|that|the\s+evacuation)|this\s+time|now)\s*$"
                       r"|(?:作为)?(?:避难所|安置点|避难点)$", re.IGNORECASE)


def _shelter_at(city: Any, place: PlaceMatch) -> str | None:
    """The shelter a place of the map is: itself, or the shelter on the site of a landmark."""
    shelters = city.scenario.shelters
    if place.kind == "shelter":
        return next((s.id for s in shelters if s.name == place.name or s.id == place.id), None)
    if place.kind != "landmark":
        return None  # a zone or a street rules out no shelter
    near = [(float(haversine_m(place.lat, place.lon, s.lat, s.lon)), s.id) for s in shelters]
    distance, shelter = min(near) if near else (None, None)
    return shelter if distance is not None and distance <= SAME_SITE_M else None


def _shelters_named(city: Any, words: str) -> list[str]:
    words = _TRAILING.sub("", _LEADING.sub("", words.strip())).strip()
    if len(words) < 2:
        return []
    described = city.described_place(words)  # "not the railway station": the map's one railway station
    if described is not None:
        return [s] if (s := _shelter_at(city, described)) is not None else []
    try:
        places = [city.gazetteer.resolve(words)]
        if places[0].score < MIN_SCORE:
            return []  # "without delay" is no shop called "Delly" next to a shelter
    except AmbiguousPlaceError as many:
        places = list(many.candidates)
    except UnknownPlaceError:
        places = city.gazetteer.find_in_text(words)
    found = {s for p in places if (s := _shelter_at(city, p)) is not None}
    return sorted(found) if len(found) == 1 or all(p.kind == "shelter" for p in places) else []


def excluded_shelters(text: str, city: Any) -> list[str]:
    """The ids of the shelters ``text`` rules out, in order of mention (none: nothing ruled out)."""
    out: list[str] = []
    for pattern in (_EN, _ZH):
        for match in pattern.finditer(text or ""):
            for piece in _SPLIT.split(match.group("what")):
                out += [s for s in _shelters_named(city, piece) if s not in out]
    return out
