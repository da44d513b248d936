"""Where a stream report is: coordinates it carries, else a place the gazetteer finds in its text, with an
uncertainty that depends on what kind of place it is; and the scenario zone it falls in (for counts)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from agent.monitor.grouping import PlaceFix

# ~1 sigma of where the incident is when the report names a place of this kind (demonstration figures):
# a named building is precise, a street is a few hundred metres long, a zone is its own radius.
KIND_RADIUS_M = {"shelter": 60.0, "station": 60.0, "hospital": 80.0, "staging": 80.0, "landmark": 80.0, "street": 300.0}
SOURCE_RADIUS_M = {"sensor": 30.0, "call": 100.0, "radio": 100.0, "social": 300.0, "other": 150.0}


@dataclass
class ZoneDisk:
    name: str
    lat: float
    lon: float
    radius_m: float


class PlaceResolver:
    """Text/coordinates -> PlaceFix and zone name. Built from a ``tools.gazetteer.Gazetteer`` and scenario zones."""

    def __init__(self, gazetteer=None, zones: list[ZoneDisk] | None = None):
        self.gazetteer = gazetteer
        self.zones = zones or []

    @classmethod
    def from_city(cls, city) -> "PlaceResolver":
        zones = []
        for z in city.scenario.zones:
            lat, lon = z.centroid()
            radius = z.radius_m
            if radius is None and z.polygon:
                radius = max(_metres(lat, lon, p[0], p[1]) for p in z.polygon)
            zones.append(ZoneDisk(z.name, lat, lon, float(radius or 400.0)))
        return cls(city.gazetteer, zones)

    def _zone_radius(self, name: str) -> float:
        return next((z.radius_m for z in self.zones if z.name == name), 400.0)

    def locate(self, text: str, source: str, lat: float | None, lon: float | None) -> PlaceFix | None:
        if lat is not None and lon is not None:
            return PlaceFix(f"{lat:.4f}, {lon:.4f}", lat, lon, SOURCE_RADIUS_M.get(source, 150.0))
        if self.gazetteer is None:
            return None
        found = self.gazetteer.find_in_text(text)
        if not found:
            return None
        # The most precise place named wins (a building over the street it is on over the district).
        def radius(m) -> float:
            base = self._zone_radius(m.name) if m.kind == "zone" else KIND_RADIUS_M.get(m.kind, 200.0)
            return base / max(m.score, 0.3)
        best = min(found, key=radius)
        return PlaceFix(best.name, best.lat, best.lon, radius(best))

    def zone_of(self, place: PlaceFix | None) -> str | None:
        if place is None or not self.zones:
            return None
        named = next((z for z in self.zones if z.name == place.name), None)
        if named:
            return named.name
        best = min(self.zones, key=lambda z: _metres(z.lat, z.lon, place.lat, place.lon) / z.radius_m)
        return best.name if _metres(best.lat, best.lon, place.lat, place.lon) <= 1.5 * best.radius_m else None


def _metres(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    dy = (lat2 - lat1) * 111_320.0
    dx = (lon2 - lon1) * 111_320.0 * math.cos(math.radians((lat1 + lat2) / 2))
    return math.hypot(dx, dy)
