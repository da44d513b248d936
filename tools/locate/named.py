"""A place an operator names (a command-line or tool argument), read the way a report's place is read."""

from __future__ import annotations

from typing import Any

from core.text import looks_binary, undecodable
from tools.gazetteer import PlaceMatch


def locate_named(city: Any, name: str | None, lat: float | None = None, lon: float | None = None) -> tuple[PlaceMatch, str | None]:
    """The place, and a sentence for the operator when it is not where the name says (else None).

    An address ("Mannerheimintie 60") is read at its house number by the locator, as ``eca plan`` reads a report; a
    number the map lacks is said, with the point used and its uncertainty, never dropped without a word (the gazetteer
    alone read "Mannerheimintie 60" as the street's point). Anything else, and text that is not clean, is
    ``city.locate``'s (which raises LookupError / PlanningError with the reason).
    """
    if name and any(ch.isdigit() for ch in name) and not (looks_binary(name) or undecodable(name)):
        res = city.locator.locate(name)
        if res.found and res.method in ("address", "address_interpolated"):
            match = PlaceMatch(id=None, name=res.place, kind="address", lat=res.lat, lon=res.lon, score=1.0, radius_m=res.radius_m or 0.0)
            if res.confident:
                return match, None
            match.name = f"{res.place} (UNCONFIRMED ± {res.radius_m:.0f} m)"
            note = res.note or f"{res.place} is not on the map"
            return match, f"{note} (± {res.radius_m:.0f} m, UNCONFIRMED): give a known number or a landmark"
    return city.locate(name, lat, lon), None
