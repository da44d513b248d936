"""Where the incident is: the place the report names (address, landmark, street) and its building."""

from __future__ import annotations

import re
from typing import Any

from tools.city import CityModel, PlanningError
from tools.gazetteer import PlaceMatch, normalize
from tools.protective import geometry as geo
from tools.protective.buildings import ASSUMED_FOOTPRINT_M2, DEFAULT_LEVELS, Buildings, building_at, building_by_address
from tools.protective.cues import ProtectiveCues
from tools.protective.models import BuildingInfo


def locate_in_report(city: CityModel, text: str, place: str | None = None, lat: float | None = None, lon: float | None = None) -> tuple[PlaceMatch, str | None]:
    """The incident's place (given, else the first place the report names) and a house number after a street."""
    if lat is not None and lon is not None:
        return city.locate(lat=lat, lon=lon), None
    if place:
        match = city.locate(place=place)
        return match, _house_number(place, match.name) or _house_number(text, match.name)
    found = [m for m in city.gazetteer.find_in_text(text) if m.kind != "zone"] or city.gazetteer.find_in_text(text)
    if not found:  # Latin-script names inside Chinese text have no word boundaries around them
        for run in re.findall(r"[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ .'-]{2,60}(?:\s?\d{1,3}[a-z]?)?", text):
            try:
                m = city.gazetteer.resolve(run.strip())
            except LookupError:
                continue
            number = _house_number(run, m.name) if m.kind == "street" else None
            return m, number
    if not found:
        raise PlanningError("no place of the map named in the report; give the address or a landmark")
    # An addressed street wins over a landmark named in passing.
    for m in found:
        if m.kind == "street" and _house_number(text, m.name):
            return m, _house_number(text, m.name)
    return found[0], None


def _house_number(text: str, street: str) -> str | None:
    stem = normalize(street)
    stem = stem[:max(4, len(stem) - 3)]
    m = re.search(rf"{re.escape(stem)}\w*\s+(\d{{1,3}}[a-z]?)\b", normalize(text))
    return m.group(1) if m else None


def find_building(city: CityModel, b: Buildings, match: PlaceMatch, number: str | None, cues: ProtectiveCues) -> tuple[Any, BuildingInfo, tuple[float, float]]:
    """(metric footprint, its description, metric centre) of the building at the place."""
    x, y = geo.xy(city, match.lat, match.lon)
    i = None
    if match.kind == "street" and number:
        i = building_by_address(b, normalize(match.name), number, normalize)
    elif match.kind != "street":
        i = building_at(b, x, y)
    if i is not None:
        g = b.geoms[i]
        use = cues.building_use if (cues.building_use and b.use[i] in ("mixed", "empty")) else b.use[i]
        c = g.representative_point()
        return g, BuildingInfo(label=b.label(i), footprint_m2=round(g.area, 1), floors=b.floors(i), use=use, source="osm", occupants=0), (c.x, c.y)
    label = f"{match.name} {number}" if number else match.name
    g = geo.assumed_footprint((x, y), ASSUMED_FOOTPRINT_M2)
    return g, BuildingInfo(label=label, footprint_m2=ASSUMED_FOOTPRINT_M2, floors=float(DEFAULT_LEVELS), use=cues.building_use or "mixed", source="assumed", occupants=0), (x, y)


