"""Named features, addresses and building footprints read from an OSM extract.

One job: turn the ``.pbf`` into plain :class:`OsmFeature` records (all their name tags,
the tags that say what kind of thing they are, the address, a shapely geometry in
lon/lat). The gazetteer indexes them; building population for protective actions can
reuse :func:`building_footprints`. Reading goes through pyrosm, like the road graphs,
and the result is cached with them (see ``tools.city.CityData``).
"""

from __future__ import annotations

import json
import logging
import math
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

log = logging.getLogger(__name__)

# Name tags a report may use for a feature ("the Helsinki Cathedral", "Domkyrkan", "赫尔辛基大教堂"):
# the plain tags and their Finnish / Swedish / English / Chinese variants.
NAME_TAG = re.compile(r"^(name|alt_name|old_name|short_name|official_name|loc_name)(:(fi|sv|en|zh(-\w+)?))?$")
# Tags that say what a feature is; the gazetteer's category and the alias table use them.
CATEGORY_KEYS = (
    "amenity", "shop", "tourism", "leisure", "historic", "railway", "public_transport", "station", "building",
    "place", "highway", "natural", "water", "waterway", "landuse", "man_made", "office", "bridge", "tunnel",
    "indoor", "religion", "denomination", "healthcare", "layer", "level", "building:levels", "entrance", "area:highway",
    "train", "subway", "garden:type", "location", "sport", "type", "route",
)
# Order in which the category keys describe a feature in one word (a church building: amenity first).
_PRIMARY_KEYS = ("amenity", "railway", "public_transport", "tourism", "shop", "leisure", "historic", "place", "natural",
                 "water", "waterway", "building", "highway", "office", "landuse", "man_made", "entrance")


@dataclass(frozen=True)
class OsmFeature:
    """One OSM element with a name or an address. ``geometry`` is shapely, in (lon, lat)."""

    osm_type: str
    osm_id: int
    names: dict[str, str]
    tags: dict[str, str]
    geometry: Any
    street: str | None = None
    housenumber: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.names.get("name") or self.names.get("name:fi") or next(iter(self.names.values()), "")

    @property
    def ref(self) -> str:
        return f"osm:{self.osm_type}/{self.osm_id}"

    @property
    def category(self) -> str:
        """'key=value' of the most telling category tag ('amenity=place_of_worship'), '' if none."""
        for key in _PRIMARY_KEYS:
            if key in self.tags:
                return f"{key}={self.tags[key]}"
        return ""

    @property
    def is_building(self) -> bool:
        return "building" in self.tags and self.tags["building"] != "no" and self.geometry.geom_type in ("Polygon", "MultiPolygon")

    @property
    def is_street(self) -> bool:
        return "highway" in self.tags and self.geometry.geom_type in ("LineString", "MultiLineString") and "place" not in self.tags

    @property
    def underground(self) -> bool:
        layer = self.tags.get("layer", "0")
        return self.tags.get("tunnel") in ("yes", "passage") or layer.startswith("-") or self.tags.get("location") == "underground"

    def point(self) -> tuple[float, float]:
        """(lat, lon) where people picture the feature: the centroid, or a point inside a concave shape."""
        geom = self.geometry
        if geom.geom_type == "Point":
            return float(geom.y), float(geom.x)
        p = geom.centroid
        if geom.geom_type in ("Polygon", "MultiPolygon") and not geom.buffer(0).contains(p):
            p = geom.representative_point()
        elif geom.geom_type in ("LineString", "MultiLineString"):
            p = geom.interpolate(0.5, normalized=True) if geom.geom_type == "LineString" else geom.representative_point()
        return float(p.y), float(p.x)


def _is_set(value: Any) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def _tags_of(row: dict[str, Any]) -> dict[str, str]:
    raw = row.get("tags")
    tags: dict[str, str] = {}
    if isinstance(raw, str) and raw:
        try:
            tags = {str(k): str(v) for k, v in json.loads(raw).items()}
        except ValueError:
            tags = {}
    elif isinstance(raw, dict):
        tags = {str(k): str(v) for k, v in raw.items()}
    # pyrosm lifts some tags into their own columns.
    for key, value in row.items():
        if key in ("tags", "geometry", "id", "lon", "lat", "visible", "version", "timestamp", "changeset", "osm_type", "length", "u", "v"):
            continue
        if _is_set(value) and isinstance(value, (str, int, float)) and key not in tags:
            tags[str(key)] = str(value)
    return tags


def feature_from_tags(osm_type: str, osm_id: int, tags: dict[str, str], geometry: Any) -> OsmFeature | None:
    """An OsmFeature from raw tags, or None when it has neither a usable name nor an address."""
    names = {k: v.strip() for k, v in tags.items() if NAME_TAG.match(k) and v.strip()}
    # "a;b" lists several alternative names in one tag.
    for key in list(names):
        if ";" in names[key]:
            parts = [p.strip() for p in names[key].split(";") if p.strip()]
            names[key] = parts[0]
            for i, part in enumerate(parts[1:], 1):
                names[f"{key}~{i}"] = part
    street = tags.get("addr:street") or None
    number = tags.get("addr:housenumber") or None
    is_building = "building" in tags
    if not names and not (street and number) and not is_building:
        return None
    if geometry is None or geometry.is_empty:
        return None
    cats = {k: tags[k] for k in CATEGORY_KEYS if k in tags}
    extra = {k: tags[k] for k in ("wikidata", "addr:housename", "addr:unit", "location") if k in tags}
    return OsmFeature(osm_type, int(osm_id), names, cats, geometry, street, number, extra)


def read_features(pbf: str | Path) -> list[OsmFeature]:
    """Every named element, every address and every building of the extract, once each."""
    import pyrosm

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pyrosm/geopandas deprecation chatter
        osm = pyrosm.OSM(str(pbf))
        frames = []
        for key in ("name", "addr:housenumber"):
            try:
                frames.append(osm.get_data_by_custom_criteria(custom_filter={key: True}, filter_type="keep",
                                                              keep_nodes=True, keep_ways=True, keep_relations=True))
            except Exception as exc:  # pyrosm raises assorted errors on extracts without such elements
                log.warning("no elements with %s read from the OSM extract: %s", key, exc)
        try:
            # pyrosm leaves highways out of the custom criteria: streets (with name:sv, old_name...) come from the network.
            net = osm.get_network(network_type="all")
            if net is not None:
                frames.append(net[net["name"].notna()] if "name" in net.columns else net)
        except Exception as exc:
            log.warning("no streets read from the OSM extract: %s", exc)
        try:
            frames.append(osm.get_buildings())
        except Exception as exc:
            log.warning("no buildings read from the OSM extract: %s", exc)
    out: dict[tuple[str, int], OsmFeature] = {}
    for frame in frames:
        if frame is None or len(frame) == 0:
            continue
        for row in frame.to_dict("records"):
            osm_type = str(row.get("osm_type") or "node")
            key = (osm_type, int(row["id"]))
            if key in out:
                continue
            feat = feature_from_tags(osm_type, int(row["id"]), _tags_of(row), row.get("geometry"))
            if feat is not None:
                out[key] = feat
    log.info("read %d named/addressed features from %s", len(out), Path(pbf).name)
    return list(out.values())


def building_footprints(features: Iterable[OsmFeature]) -> list[OsmFeature]:
    """The building polygons (named or not), e.g. for estimating who is inside a hazard area."""
    return [f for f in features if f.is_building]
