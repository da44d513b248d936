"""Where a stream report is: coordinates it carries, else the place its text describes, with an uncertainty; and
the scenario zone it falls in (for counts).

With a city model the text goes through the city's free-text locator (``tools.locate``: addresses, junctions,
named features in any language OSM knows, generic descriptions such as "the railway station" or 火车站, relations
such as "behind" or 门口), whose answer carries its own uncertainty; an answer the locator is not sure of is kept
with a wide uncertainty (``UNSURE_RADIUS_M`` at least), so that it can support a join but not pull a report away
from its incident.  Without one, a place the gazetteer finds in the text, with an uncertainty by kind of place.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

import numpy as np

from agent.monitor.grouping import PlaceFix
from core.geo import haversine_m

# ~1 sigma of where the incident is when the report names a place of this kind (demonstration figures):
# a named building is precise, a street is a few hundred metres long, a zone is its own radius.
KIND_RADIUS_M = {"shelter": 60.0, "station": 60.0, "hospital": 80.0, "staging": 80.0, "landmark": 80.0, "street": 300.0}
SOURCE_RADIUS_M = {"sensor": 30.0, "call": 100.0, "radio": 100.0, "social": 300.0, "other": 150.0}
# A locator answer it is not sure of (a guessed description, a long street, a district) counts with at least this
# uncertainty; a sure one with at least MIN_RADIUS_M (a building's door is not its centroid).
UNSURE_RADIUS_M = 300.0
MIN_RADIUS_M = 40.0

log = logging.getLogger(__name__)


@dataclass
class ZoneDisk:
    name: str
    lat: float
    lon: float
    radius_m: float


def _guessed(res) -> bool:
    """The locator picked one place for words that do not name it: one feature of a kind described ("the bay"), or a
    name it read by sound or spelling and asks to confirm.  Shown as unconfirmed, with its uncertainty; an unsure
    street or address the text names is not a guess of another place."""
    return not res.confident and (res.method == "generic" or "confirm" in (res.note or "").lower())


class PlaceResolver:
    """Text/coordinates -> PlaceFix and zone name. Built from a ``tools.gazetteer.Gazetteer`` and scenario zones."""

    def __init__(self, gazetteer=None, zones: list[ZoneDisk] | None = None, locator=None):
        self.gazetteer = gazetteer
        self.zones = zones or []
        self.locator = locator  # a tools.locate.Locator; None: gazetteer names only

    @classmethod
    def from_city(cls, city, precise: bool = True) -> "PlaceResolver":
        """``precise``: resolve text with the city's locator (addresses, junctions, descriptions; ~5 ms a report),
        else with gazetteer names only."""
        zones = []
        for z in city.scenario.zones:
            lat, lon = z.centroid()
            radius = z.radius_m
            if radius is None and z.polygon:
                radius = float(np.max(haversine_m(lat, lon, *np.asarray(z.polygon, dtype=float)[:, :2].T)))
            zones.append(ZoneDisk(z.name, lat, lon, float(radius or 400.0)))
        return cls(city.gazetteer, zones, city.locator if precise else None)

    def _zone_radius(self, name: str) -> float:
        return next((z.radius_m for z in self.zones if z.name == name), 400.0)

    def locate(self, text: str, source: str, lat: float | None, lon: float | None) -> PlaceFix | None:
        return self.locate_report(text, source, lat, lon)[0]

    def locate_report(self, text: str, source: str, lat: float | None,
                      lon: float | None) -> tuple[PlaceFix | None, str | None]:
        """The report's place, with the district it lies in, and the name of the place it names that the map lacks
        (the locator's 'not on the map' answer: 'Tervasaari'), else None: an unknown place is said to be unknown, not
        left blank."""
        fix, unmapped = self._locate_report(text, source, lat, lon)
        return (None if fix is None else replace(fix, district=self.zone_of(fix))), unmapped

    def _locate_report(self, text: str, source: str, lat: float | None,
                       lon: float | None) -> tuple[PlaceFix | None, str | None]:
        if lat is not None and lon is not None or self.locator is None:
            return self._locate(text, source, lat, lon), None
        res = self._read(text)
        if res is None:
            return None, None
        if not res.found and res.outside_map and res.evidence:
            return None, res.evidence
        return self._fix(res), None

    def _locate(self, text: str, source: str, lat: float | None, lon: float | None) -> PlaceFix | None:
        if lat is not None and lon is not None:
            return PlaceFix(f"{lat:.4f}, {lon:.4f}", lat, lon, SOURCE_RADIUS_M.get(source, 150.0), measured=True)
        if self.locator is not None:
            return self._locate_text(text)
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

    def _read(self, text: str):
        """The locator's answer (a tools.locate Resolution), None without a locator or when it failed."""
        if self.locator is None:
            return None
        try:
            return self.locator.locate(text)
        except Exception:  # a locator fault must not stop the stream: the report is grouped without a place
            log.exception("locator failed on a report; grouped without a place")
            return None

    def _locate_text(self, text: str) -> PlaceFix | None:
        res = self._read(text)
        return None if res is None else self._fix(res)

    @staticmethod
    def _fix(res) -> PlaceFix | None:
        if not res.found:
            return None  # not on the map, or outside it: never snapped to the nearest thing inside
        radius = max(float(res.radius_m or 0.0), MIN_RADIUS_M)
        if not res.confident:
            radius = max(radius, UNSURE_RADIUS_M)
        return PlaceFix(res.place or res.feature or f"{res.lat:.4f}, {res.lon:.4f}", float(res.lat), float(res.lon), radius,
                        unconfirmed=_guessed(res))

    def zone_of(self, place: PlaceFix | None) -> str | None:
        if place is None or not self.zones:
            return None
        named = next((z for z in self.zones if z.name == place.name), None)
        if named:
            return named.name
        lat, lon, radius = np.array([(z.lat, z.lon, z.radius_m) for z in self.zones]).T
        ratio = haversine_m(place.lat, place.lon, lat, lon) / radius
        best = int(np.argmin(ratio))
        return self.zones[best].name if ratio[best] <= 1.5 else None
