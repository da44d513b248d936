"""House-number geocoding on the OSM extract: addr:street + addr:housenumber of buildings and entrances.

A number the map has is placed on its building (footprint centroid) or address node. A
number it lacks is interpolated between the nearest known numbers on the same side of the
street (Finnish numbering: odd on one side, even on the other), and the result says so,
with a wider uncertainty. A street without any numbered address falls back to the street.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:  # pragma: no cover
    from tools.osm_features import OsmFeature
    from tools.routing import LocalProjection

_NUMBER = re.compile(r"^\s*(\d{1,4})\s*([A-Za-z])?\b")
_RANGE = re.compile(r"^\s*(\d{1,4})\s*[A-Za-z]?\s*[-–]\s*(\d{1,4})")
# Finnish plots are ~20-30 m wide and numbers step by 2 on one side: ~12 m per number.
METRES_PER_NUMBER = 12.0
EXACT_RADIUS_M = 20.0


@dataclass(frozen=True)
class AddressPoint:
    number: int
    letter: str
    x: float
    y: float
    lat: float
    lon: float
    radius_m: float
    ref: str
    is_building: bool
    last: int = 0        # "8-12": the building carries every number from number to last


@dataclass(frozen=True)
class AddressHit:
    street: str
    number: int
    letter: str
    lat: float
    lon: float
    radius_m: float
    method: str          # "exact", "interpolated", "nearest_number"
    note: str
    ref: str | None = None


def parse_number(raw: str) -> tuple[int, str] | None:
    """(number, letter) of an OSM housenumber ("1 B", "5-7", "2, 2. krs."); None if it has no number."""
    m = _NUMBER.match(raw or "")
    if not m:
        return None
    return int(m.group(1)), (m.group(2) or "").upper()


class AddressIndex:
    """Numbered addresses per street (keyed by the street's normalized OSM name)."""

    def __init__(self, features: Iterable["OsmFeature"], projection: "LocalProjection"):
        from tools.gazetteer import normalize

        self.projection = projection
        self.by_street: dict[str, list[AddressPoint]] = {}
        for f in features:
            if not (f.street and f.housenumber):
                continue
            parsed = parse_number(f.housenumber)
            if parsed is None:
                continue
            lat, lon = f.point()
            x, y = projection.to_xy(lat, lon)
            radius = EXACT_RADIUS_M
            if f.is_building:
                from shapely.geometry import Point

                from tools.gazetteer import to_metres

                radius = max(EXACT_RADIUS_M, float(to_metres(f.geometry, projection).hausdorff_distance(Point(float(x), float(y)))))
            # "Asemahalli, Kaivokatu": a hall named before its street.
            street = f.street.split(",")[-1].strip()
            rng = _RANGE.match(f.housenumber)
            last = int(rng.group(2)) if rng and int(rng.group(2)) > parsed[0] else parsed[0]
            self.by_street.setdefault(normalize(street), []).append(
                AddressPoint(parsed[0], parsed[1], float(x), float(y), lat, lon, radius, f.ref, f.is_building, last))

    def streets(self) -> list[str]:
        return list(self.by_street)

    def lookup(self, street_key: str, street_name: str, number: int, letter: str = "") -> AddressHit | None:
        """The point of ``street_name number``; None when the street has no numbered address at all."""
        points = self.by_street.get(street_key, [])
        if not points:
            return None
        label = f"{street_name} {number}{(' ' + letter) if letter else ''}"
        same = [p for p in points if p.number == number or (p.number < number <= p.last and (number - p.number) % 2 == 0)]
        if same:
            if letter:
                same = [p for p in same if p.letter == letter.upper()] or same
            # A building footprint beats the shop nodes inside it.
            buildings = [p for p in same if p.is_building]
            pick = buildings or same
            x = sum(p.x for p in pick) / len(pick)
            y = sum(p.y for p in pick) / len(pick)
            spread = max(math.hypot(p.x - x, p.y - y) for p in pick)
            lat, lon = self.projection.to_latlon(x, y)
            radius = max(max(p.radius_m for p in pick), spread + EXACT_RADIUS_M) if not buildings else max(p.radius_m for p in pick)
            return AddressHit(street_name, number, letter, float(lat), float(lon), round(radius, 1), "exact",
                              f"{label}: address on the map", pick[0].ref)
        side = [p for p in points if p.number % 2 == number % 2] or points
        lower = max((p for p in side if p.number < number), key=lambda p: p.number, default=None)
        upper = min((p for p in side if p.number > number), key=lambda p: p.number, default=None)
        if lower is not None and upper is not None:
            t = (number - lower.number) / (upper.number - lower.number)
            x = lower.x + t * (upper.x - lower.x)
            y = lower.y + t * (upper.y - lower.y)
            gap = math.hypot(upper.x - lower.x, upper.y - lower.y)
            lat, lon = self.projection.to_latlon(x, y)
            radius = max(30.0, 0.5 * gap * max(t, 1 - t) + EXACT_RADIUS_M)
            return AddressHit(street_name, number, letter, float(lat), float(lon), round(radius, 1), "interpolated",
                              f"{label} is not on the map: interpolated between {street_name} {lower.number} and {upper.number}")
        near = min(side, key=lambda p: abs(p.number - number))
        radius = EXACT_RADIUS_M + METRES_PER_NUMBER * abs(near.number - number)
        return AddressHit(street_name, number, letter, near.lat, near.lon, round(radius, 1), "nearest_number",
                          f"{label} is not on the map: placed at {street_name} {near.number}, the nearest number known on that side")
