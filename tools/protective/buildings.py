"""Buildings of the scenario's OSM extract and the people in them (``PROTECTIVE_ACTIONS.md`` section 4).

pyrosm's ``get_buildings`` reads the footprints once; they are pickled under
``settings.cache_dir`` keyed by the extract's hash (like ``tools.city`` caches its graphs).
People in a building = footprint m² x floors x density (persons per 100 m², by use and day
or night) / 100. Floors: OSM ``building:levels``, else ``DEFAULT_LEVELS``. Use: OSM
``amenity`` / ``shop`` / ``office`` / ``tourism`` / name / ``building``; an untagged central block is ``mixed`` (ground
floor retail, upper floors residential). All densities are the spec's demonstration figures.
"""

from __future__ import annotations

import json
import logging
import math
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import Point
from shapely.strtree import STRtree

from core.settings import Settings, get_settings
from tools.city import CityModel
from tools.extract_cache import load_or_build
from tools.protective.per_city import per_city

log = logging.getLogger(__name__)

CACHE_VERSION = 5  # 3: sports centres, swimming halls and "lukio" classified; 4: the footprint's own tourism tag; 5: pubs, bars, restaurants
DEFAULT_LEVELS = 6
# Footprint assumed for an addressed building the extract does not hold [demo]: a typical
# central-Helsinki block building, about 20 m deep and 30 m along the street.
ASSUMED_FOOTPRINT_M2 = 600.0
# A drawn outline smaller than this holds no room a person could be in: the extract's boundary cut the building's way
# and kept only the few of its nodes inside the box (Pääesikunta, Fabianinkatu 2: 0.015 m2; Hankkijan talo, Salomonkatu
# 3: 1.7 m2). Such a building keeps its storeys and use but counts the assumed footprint above [demo, session 21].
CUT_FOOTPRINT_M2 = 5.0
# Persons per 100 m² of floor area, (day, night) [demo, spec section 4].
DENSITY: dict[str, tuple[float, float]] = {
    "residential": (1.0, 3.0), "office": (4.0, 0.2), "retail": (8.0, 0.1), "school": (8.0, 0.1),
    "hotel": (1.5, 3.0), "public": (10.0, 1.0),
    # A care home (nursing home, residential board and care) is occupied day and night: its residents are in by day as
    # at night, so it counts the flats' night figure at both times [demo, session 20]. Set from the report's word for the
    # building (``care_home_use``); it follows the residential rows (F2/F3) all the same.
    "care_home": (3.0, 3.0),
}
UNIT_OCCUPANTS = 2  # scope "unit": one flat [demo]
# Buildings that hold nobody in a planning sense (roofs over platforms, sheds, kiosks, towers).
_EMPTY = {"roof", "shed", "kiosk", "utility", "pavilion", "garage", "garages", "carport", "bunker", "transformer_tower", "ruins", "construction", "bridge"}
_USE_BY_TAG = {
    "apartments": "residential", "residential": "residential", "house": "residential", "dormitory": "residential", "terrace": "residential",
    "office": "office", "commercial": "office", "government": "office", "bank": "office", "courthouse": "office", "townhall": "public",
    "retail": "retail", "supermarket": "retail", "mall": "retail", "department_store": "retail", "marketplace": "retail", "shop": "retail",
    "school": "school", "university": "school", "college": "school", "kindergarten": "school",
    "hotel": "hotel", "hostel": "hotel", "guest_house": "hotel", "motel": "hotel", "gallery": "public",
    "public": "public", "civic": "public", "train_station": "public", "transportation": "public", "church": "public", "cathedral": "public",
    "chapel": "public", "place_of_worship": "public", "museum": "public", "theatre": "public", "library": "public", "arts_centre": "public",
    "cinema": "public", "concert_hall": "public", "hospital": "public", "sports_hall": "public", "stadium": "public",
    "sports_centre": "public", "swimming_pool": "public", "fitness_centre": "public", "community_centre": "public", "events_venue": "public",
    # A building whose own footprint is a pub, bar or restaurant is an assembly occupancy (NFPA 101 counts them so);
    # a fast-food stand is a kiosk.
    "pub": "public", "bar": "public", "nightclub": "public", "restaurant": "public", "cafe": "public",
}


@dataclass
class BuildingSet:
    """Footprints (lon/lat WKB) and attributes of one extract's buildings."""

    wkb: list[bytes]
    levels: list[float | None]
    use: list[str]
    street: list[str]
    housenumber: list[str]
    name: list[str]


@dataclass
class Buildings:
    """The buildings in one city's metric projection, with a spatial index."""

    geoms: np.ndarray
    levels: np.ndarray
    use: list[str]
    street: list[str]
    housenumber: list[str]
    name: list[str]
    tree: STRtree = field(repr=False)

    def __len__(self) -> int:
        return len(self.geoms)

    def footprint_m2(self, i: int) -> float:
        """The floor area of one storey of building ``i``: the area of its outline made valid (``shapely.make_valid``).

        A few OSM outlines cross themselves; the signed (shoelace) area of such a ring cancels its lobes against each
        other (Eerikinkatu 10: 17 m2 for two lobes of 26 and 43 m2), so the area is the valid geometry's: every lobe the
        outline encloses (session 20, lead's decision; session 19 had kept the signed area)."""
        return float(self.geoms[i].area)

    def floors(self, i: int) -> float:
        v = self.levels[i]
        return float(v) if np.isfinite(v) and v > 0 else float(DEFAULT_LEVELS)

    def label(self, i: int) -> str:
        addr = f"{self.street[i]} {self.housenumber[i]}".strip()
        return self.name[i] or addr or f"building {i}"


def classify_use(building: str, amenity: str, shop: str, office: str, name: str, tourism: str = "") -> str:
    """The occupancy class of an OSM building (``empty`` for roofs, sheds and the like).

    The footprint's own ``amenity`` / ``shop`` / ``office`` / ``tourism`` tag first (tourism=hotel on
    a block tagged only building=yes is a hotel), then its name, then ``building``, else ``mixed``.
    """
    for tag in (amenity, shop, office and "office", tourism):
        if tag and tag in _USE_BY_TAG:
            return _USE_BY_TAG[tag]
    low = name.lower()
    for word, use in (("hotel", "hotel"), ("hotelli", "hotel"), ("kirkko", "public"), ("asema", "public"), ("teatteri", "public"), ("museo", "public"),
                      ("kirjasto", "public"), ("uimahalli", "public"), ("lukio", "school"), ("koulu", "school"), ("yliopisto", "school"), ("tavaratalo", "retail"), ("kauppa", "retail")):
        if word in low:
            return use
    if building in _USE_BY_TAG:
        return _USE_BY_TAG[building]
    if building in _EMPTY:
        return "empty"
    return "mixed"


def care_home_use(use: str | None, care_home: bool) -> str | None:
    """The occupancy class of a building the report calls a care home: a block of flats, an untagged (mixed) block or
    one without people (a roof) becomes ``care_home``; a building the map tags otherwise (a school, an office) keeps it."""
    return "care_home" if care_home and use in (None, "residential", "mixed", "empty") else use


def people_in(use: str, floor_area_m2: float, floors: float, night: bool) -> float:
    """Occupants of ``floors`` storeys of ``floor_area_m2`` each (mixed: ground floor retail, the rest residential)."""
    if use == "empty" or floors <= 0:
        return 0.0
    k = 1 if night else 0
    if use == "mixed":
        ground = min(1.0, floors)
        return floor_area_m2 * (ground * DENSITY["retail"][k] + (floors - ground) * DENSITY["residential"][k]) / 100.0
    return floor_area_m2 * floors * DENSITY[use][k] / 100.0


def _s(v) -> str:
    return "" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v)


def _levels(v) -> float | None:
    m = re.match(r"\s*(\d+(?:\.\d+)?)", _s(v))
    return float(m.group(1)) if m else None


def read_buildings(pbf: Path) -> BuildingSet:
    """Parse the building footprints of an OSM extract (pyrosm)."""
    import pyrosm

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            frame = pyrosm.OSM(str(pbf)).get_buildings()
        except Exception as exc:  # pyrosm raises assorted errors on extracts without buildings
            log.warning("no buildings read from %s: %s", pbf, exc)
            frame = None
    out = BuildingSet([], [], [], [], [], [])
    if frame is None or len(frame) == 0:
        return out
    frame = frame.rename(columns={c: c.replace(":", "_") for c in frame.columns})
    cols = set(frame.columns)

    def col(row, name: str) -> str:
        return _s(getattr(row, name, None)) if name in cols else ""

    def other_tag(row, key: str) -> str:
        """A tag pyrosm leaves in its JSON ``tags`` column (tourism is not one of its building columns)."""
        raw = col(row, "tags")
        try:
            return _s(json.loads(raw).get(key)) if raw else ""
        except (ValueError, AttributeError):
            return ""

    for row in frame.itertuples(index=False):
        geom = row.geometry
        if geom is None or geom.is_empty or geom.geom_type not in ("Polygon", "MultiPolygon"):
            continue
        out.wkb.append(shapely.to_wkb(geom))
        out.levels.append(_levels(col(row, "building_levels")))
        out.use.append(classify_use(col(row, "building"), col(row, "amenity"), col(row, "shop"), col(row, "office"), col(row, "name"),
                                   col(row, "tourism") or other_tag(row, "tourism")))
        out.street.append(col(row, "addr_street"))
        out.housenumber.append(col(row, "addr_housenumber"))
        out.name.append(col(row, "name"))
    return out


def load_building_set(pbf: Path, cache_dir: Path | None) -> BuildingSet:
    """The extract's buildings, from the cache when it holds them (a corrupt cache is rebuilt)."""
    return load_or_build(pbf, cache_dir, "buildings", CACHE_VERSION, BuildingSet, read_buildings)[0]


def city_buildings(city: CityModel, settings: Settings | None = None) -> Buildings:
    """The buildings of the city's extract in its metric projection (none for a synthetic network), built once per city."""
    return per_city(city, "buildings", lambda: _project_buildings(city, settings))


def _project_buildings(city: CityModel, settings: Settings | None) -> Buildings:
    data = BuildingSet([], [], [], [], [], [])
    if city.scenario.road_network != "synthetic":
        try:
            pbf = city.scenario.pbf_path()
        except Exception as exc:
            log.warning("no buildings: %s", exc)
        else:
            data = load_building_set(pbf, (settings or get_settings()).cache_dir)
    geoms = np.array([shapely.from_wkb(b) for b in data.wkb], dtype=object)

    def to_xy(xy: np.ndarray) -> np.ndarray:
        x, y = city.projection.to_xy(xy[:, 1], xy[:, 0])
        return np.column_stack([x, y])

    # shapely's own repair of a self-intersecting outline: its geometry and its floor area are those of the valid shape.
    geoms = np.array([shapely.make_valid(shapely.transform(g, to_xy)) for g in geoms], dtype=object) if len(geoms) else np.array([], dtype=object)
    return Buildings(geoms, np.array([v if v is not None else np.nan for v in data.levels], dtype=float), data.use, data.street, data.housenumber, data.name,
                     STRtree(geoms))


@dataclass
class BuildingCount:
    """People in the buildings of an area: the total, per building, and how much of the area OSM covers."""

    people: float
    buildings: int
    footprint_m2: float
    per_building: list[tuple[str, float]]


def people_in_area(b: Buildings, area, night: bool, share: float = 1.0) -> BuildingCount:
    """People in the buildings inside ``area`` (each counted by the share of its footprint inside)."""
    if len(b) == 0 or area is None:
        return BuildingCount(0.0, 0, 0.0, [])
    idx = b.tree.query(area, predicate="intersects")
    total, fp, rows = 0.0, 0.0, []
    for i in idx:
        g = b.geoms[i]
        inside = g.intersection(area).area if not area.contains(g) else g.area
        if inside <= 0:
            continue
        p = people_in(b.use[i], inside, b.floors(i), night) * share
        total += p
        fp += inside
        rows.append((b.label(i), p))
    return BuildingCount(total, len(rows), fp, sorted(rows, key=lambda r: -r[1]))


def building_at(b: Buildings, x: float, y: float, max_m: float = 25.0, prefer_name: str | None = None) -> int | None:
    """Index of the building containing the point, else the nearest within ``max_m`` (None: none).

    Of overlapping footprints (a building and its parts), the one named ``prefer_name`` wins
    (the cathedral, not its tower), else the most specific (smallest) one.
    """
    if len(b) == 0:
        return None
    p = Point(x, y)
    hits = b.tree.query(p, predicate="intersects")
    hits = [i for i in hits if b.use[i] != "empty"] or list(hits)
    if prefer_name:
        key = prefer_name.casefold()
        named = [i for i in hits if b.name[i] and (b.name[i].casefold() in key or key in b.name[i].casefold())]
        hits = named or hits
    if len(hits):
        return int(min(hits, key=lambda i: b.geoms[i].area))  # the most specific (smallest) footprint
    near = b.tree.query_nearest(p, max_distance=max_m)
    return int(near[0]) if len(near) else None


_HOUSENUMBER = re.compile(r"\s*(\d+)\s?([a-z])?(?:\s?[-–]\s?(\d+)\s?([a-z])?)?", re.IGNORECASE)


def _number_span(raw: str) -> tuple[int, int, str] | None:
    """(first, last, letter) of a house number: "13A" -> (13, 13, "a"), "8-12" -> (8, 12, "")."""
    m = _HOUSENUMBER.match(raw or "")
    if m is None:
        return None
    first = int(m.group(1))
    last = int(m.group(3)) if m.group(3) and int(m.group(3)) >= first else first
    return first, last, (m.group(2) or "").lower() if last == first else ""


def buildings_by_address(b: Buildings, street_norm: str, number: str, normalize) -> list[int]:
    """Indices of every building with this OSM address (street compared by ``normalize``), in the map's order.

    A footprint tagged with a range ("8-12") carries every number of that side of the street in it;
    a letter must agree ("13A" is not "13", "13 a" is "13a"). Several footprints may carry one address (Alvar Aallon
    katu 5: a block of flats and the EY offices; Unioninkatu 29: the cathedral and an outbuilding).
    """
    want = _number_span(number)
    if want is None:
        return []
    n, _, letter = want
    out = []
    for i in range(len(b)):
        have = _number_span(b.housenumber[i]) if b.housenumber[i] else None
        if have is None or normalize(b.street[i]) != street_norm:
            continue
        first, last, their_letter = have
        if first <= n <= last and (n - first) % 2 == 0 and letter == their_letter:
            out.append(i)
    return out
