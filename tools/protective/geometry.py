"""Hazard geometry that fits the protective action (metric shapely; GeoJSON out).

* building: the OSM footprint (or an assumed one, said so);
* isolation: a circle (or a ring around the footprint) of the row's radius;
* sector: a downwind wedge, apex at the source, centred on the bearing the wind blows to;
* flooded section: the named street buffered by the row's distance (a polygon along it, not a circle);
* waterfront band: the land within the row's distance of the OSM coastline inside the map (the
  scenario's waterfront streets, buffered, where the extract has no coastline).
"""

from __future__ import annotations

import logging
import math
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import LineString, Point, Polygon, mapping

from core.settings import Settings, get_settings
from tools.city import CityModel
from tools.evacuation.geometry import map_box, round_geom, to_lonlat_geom
from tools.extract_cache import load_or_build
from tools.gazetteer import normalize, to_metres
from tools.protective.per_city import per_city

# Quay streets that run along the shore in central Helsinki (OSM names) [demo choice of the
# streets that stand for the shoreline where an extract has no coastline way].
WATERFRONT_STREETS: tuple[str, ...] = ("Eteläranta", "Hakaniemenranta", "Kaisaniemenranta", "Pitkänsillanranta", "Siltavuorenranta",
                                       "John Stenbergin ranta", "Säästöpankinranta", "Kauppatori", "Pohjoisranta", "Katajanokanlaituri")
STREET_HALF_WIDTH_M = 15.0
FLOODED_SECTION_M = 150.0


def sector(center_xy: tuple[float, float], bearing_deg: float, angle_deg: float, length_m: float, steps: int = 24) -> Polygon:
    """A wedge: apex at the centre, ``angle_deg`` wide, centred on ``bearing_deg`` (from north, clockwise)."""
    x0, y0 = center_xy
    half = angle_deg / 2.0
    pts = [(x0, y0)]
    for k in range(steps + 1):
        b = math.radians(bearing_deg - half + angle_deg * k / steps)
        pts.append((x0 + length_m * math.sin(b), y0 + length_m * math.cos(b)))
    pts.append((x0, y0))
    return Polygon(pts)


def assumed_footprint(center_xy: tuple[float, float], area_m2: float) -> Polygon:
    """A square footprint of ``area_m2`` centred on the point (when OSM has no building there)."""
    h = math.sqrt(area_m2) / 2.0
    x, y = center_xy
    return Polygon([(x - h, y - h), (x + h, y - h), (x + h, y + h), (x - h, y + h)])


def street_lines(city: CityModel, names: list[str]) -> list[LineString]:
    """Metric lines of the streets with these names (walk and drive networks)."""
    wanted = {normalize(n) for n in names}
    out = []
    for mode in ("walk", "drive"):
        idx = city.index(mode)
        lines = idx.edge_lines()
        for k, nm in enumerate(idx.edge_names):
            if nm and normalize(nm) in wanted:
                out.append(lines[k])
    return out


def flooded_section(city: CityModel, street: str | None, center_xy: tuple[float, float]):
    """FL1: the flooded stretch of the named street within ``FLOODED_SECTION_M`` of the point (else a 50 m disc)."""
    c = Point(center_xy)
    lines = [ln for ln in street_lines(city, [street])] if street else []
    near = [ln.intersection(c.buffer(FLOODED_SECTION_M)) for ln in lines if ln.distance(c) < FLOODED_SECTION_M]
    near = [g for g in near if not g.is_empty]
    if near:
        return shapely.union_all(near).buffer(STREET_HALF_WIDTH_M)
    return c.buffer(50.0)


log = logging.getLogger(__name__)


COASTLINE_CACHE_VERSION = 1


def coastline(city: CityModel, settings: Settings | None = None) -> list[LineString]:
    """The extract's ``natural=coastline`` ways, metric (none for a synthetic network or an inland extract), read once per city.

    OSM draws a coastline with the land on its left, so a left-sided buffer is the shore's land band.
    """
    return per_city(city, "coastline", lambda: _project_coastline(city, settings))


def _project_coastline(city: CityModel, settings: Settings | None) -> list[LineString]:
    if city.scenario.road_network == "synthetic":
        return []
    try:
        lonlat = load_coastline(city.scenario.pbf_path(), (settings or get_settings()).cache_dir)
    except Exception as exc:  # noqa: BLE001 - pyrosm raises assorted errors on extracts without the tag
        log.warning("no coastline read: %s", exc)
        return []
    return [to_metres(line, city.projection) for line in lonlat]


def load_coastline(pbf: Path, cache_dir: Path | None) -> list[LineString]:
    """The extract's coastline ways in lon/lat, parsed once per extract and cached beside its other layers.

    A read that fails raises and caches nothing (the next process tries again).
    """
    wkb = load_or_build(pbf, cache_dir, "coastline", COASTLINE_CACHE_VERSION, list, _read_coastline_wkb)[0]
    return [shapely.from_wkb(b) for b in wkb]


def _read_coastline_wkb(pbf: Path) -> list[bytes]:
    import pyrosm

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        frame = pyrosm.OSM(str(pbf)).get_data_by_custom_criteria(
            custom_filter={"natural": ["coastline"]}, filter_type="keep", keep_nodes=False, keep_ways=True, keep_relations=False)
    out: list[bytes] = []
    for geom in ([] if frame is None else frame.geometry):
        parts = list(geom.geoms) if hasattr(geom, "geoms") else [geom]
        out.extend(shapely.to_wkb(g) for g in parts if g.geom_type == "LineString" and not g.is_empty)
    return out


def waterfront_band(city: CityModel, band_m: float, named: list[str] | None = None):
    """FL3 / FL4: the land within ``band_m`` of the shore inside the map (spec: "the band 100 m from the shore").

    From the OSM coastline when the extract has one (the whole shore in the map, whichever quays the
    report names; built once per city and width); else the waterfront streets (those named, else all)
    buffered both sides.
    """
    band = per_city(city, f"shore_band_{band_m:g}", lambda: _shore_band(city, band_m))
    if band is not None:
        return band
    streets = [s for s in (named or []) if normalize(s) in {normalize(w) for w in WATERFRONT_STREETS}] or list(WATERFRONT_STREETS)
    lines = street_lines(city, streets)
    if not lines:
        return None
    return shapely.union_all(lines).buffer(band_m)


def _shore_band(city: CityModel, band_m: float):
    """The coastline's land band inside the map, or None (no coastline, or none of it in the map)."""
    if shore := coastline(city):
        band = shapely.union_all([ln.buffer(band_m, single_sided=True) for ln in shore]).intersection(map_box(city))
        if not band.is_empty:
            return band
    return None


def to_geojson(geom, city: CityModel) -> dict[str, Any] | None:
    """A metric geometry as rounded GeoJSON in lon/lat (None for None or empty)."""
    if geom is None or geom.is_empty:
        return None
    return round_geom(mapping(to_lonlat_geom(geom, city)))


def xy(city: CityModel, lat: float, lon: float) -> tuple[float, float]:
    x, y = city.projection.to_xy(lat, lon)
    return float(np.asarray(x)), float(np.asarray(y))


def latlon(city: CityModel, x: float, y: float) -> tuple[float, float]:
    lat, lon = city.projection.to_latlon(x, y)
    return float(np.asarray(lat)), float(np.asarray(lon))
