"""The city model: a scenario plus drive and walk graphs built from its OSM extract.

OSM parsing goes through pyrosm. The built graphs are pickled under
``settings.cache_dir`` keyed by the extract's content hash, so the second load of a
city skips parsing entirely.
"""

from __future__ import annotations

import json
import logging
import math
import re
import threading
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from core.settings import Settings, get_settings
from tools.extract_cache import cache_path, load_or_build
from tools.gazetteer import Gazetteer, Landmark, PlaceMatch
from tools.osm_features import OsmFeature, read_features
from tools.routing import GraphIndex, LocalProjection
from tools.scenario import UNIT_STATUSES, Scenario, ScenarioError, Station, Unit, load_scenario

log = logging.getLogger(__name__)

CACHE_VERSION = 5  # 5: named OSM features, addresses and building footprints (tools.osm_features)

# Free-flow speeds (km/h) by OSM highway type, used when a way has no numeric maxspeed.
# Emergency vehicles drive faster than these, but central Helsinki's junctions and
# trams keep average speeds near the limits; the planners rank units, they do not race.
DRIVE_SPEED_KMH: dict[str, float] = {
    "motorway": 80, "trunk": 60, "primary": 40, "secondary": 40, "tertiary": 30,
    "unclassified": 30, "residential": 30, "living_street": 10, "service": 15, "road": 30,
}
DEFAULT_DRIVE_KMH = 30.0
# Walking speed for an evacuating crowd (1.2 m/s is the usual design figure); steps are slower.
WALK_SPEED_MS = 1.2
WALK_FACTOR: dict[str, float] = {"steps": 0.5, "elevator": 0.3, "trail": 0.9, "path": 0.9}
# How far (m) outside the road network's bounding box a point may lie and still be "on the map".
MAP_MARGIN_M = 300.0


# OSM "places" that are not destinations: the city itself, and city blocks named after
# animals ("Kettu", "Orava") that would turn ordinary words in a report into places.
_SKIP_LANDMARK_CATEGORIES = {"city", "city_block", "country", "state", "county"}


class PlanningError(ValueError):
    """A request the planners cannot serve (outside the map, unknown unit...), said plainly."""


class OutOfMapError(PlanningError):
    """A point outside the area covered by the city's road network."""


@dataclass
class GraphStats:
    mode: str
    nodes_raw: int
    edges_raw: int
    nodes_kept: int
    edges_kept: int
    components_dropped: int

    def sentence(self) -> str:
        return (
            f"{self.mode}: kept the largest strongly connected component, {self.nodes_kept} nodes / {self.edges_kept} directed edges; "
            f"dropped {self.nodes_raw - self.nodes_kept} nodes in {self.components_dropped} smaller pieces"
        )


@dataclass
class CityData:
    """What the cache holds: the parsed graphs and named landmarks of one OSM extract."""

    drive: nx.DiGraph
    walk: nx.DiGraph
    landmarks: list[Landmark]
    stats: list[GraphStats] = field(default_factory=list)
    features: list[OsmFeature] = field(default_factory=list)


def _speed_kmh(highway: str, maxspeed: Any) -> float:
    m = re.match(r"\s*(\d+(?:\.\d+)?)", str(maxspeed)) if maxspeed is not None else None
    if m and float(m.group(1)) > 0:
        return float(m.group(1))
    return DRIVE_SPEED_KMH.get(highway.removesuffix("_link"), DEFAULT_DRIVE_KMH)


def _is_set(value: Any) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def _largest_scc(g: nx.DiGraph, mode: str) -> tuple[nx.DiGraph, GraphStats]:
    comps = list(nx.strongly_connected_components(g))
    if not comps:
        raise ScenarioError(f"the OSM extract has no {mode} roads")
    keep = max(comps, key=len)
    stats = GraphStats(mode, g.number_of_nodes(), g.number_of_edges(), len(keep), 0, len(comps) - 1)
    sub = g.subgraph(keep).copy()
    stats.edges_kept = sub.number_of_edges()
    log.info(stats.sentence())
    return sub, stats


def _build_graph(nodes, edges, mode: str) -> nx.DiGraph:
    g = nx.DiGraph()
    for row in nodes[["id", "lat", "lon"]].itertuples(index=False):
        g.add_node(int(row.id), lat=float(row.lat), lon=float(row.lon))
    cols = [c for c in ("u", "v", "length", "highway", "name", "oneway", "maxspeed", "tags", "geometry") if c in edges.columns]
    for row in edges[cols].itertuples(index=False):
        u, v = int(row.u), int(row.v)
        highway = str(row.highway) if _is_set(row.highway) else "road"
        length = float(row.length)
        coords = [(float(x), float(y)) for x, y in row.geometry.coords] if row.geometry is not None else None
        if mode == "drive":
            speed_ms = _speed_kmh(highway, getattr(row, "maxspeed", None)) / 3.6
            oneway = str(getattr(row, "oneway", "") or "").lower()
            tags = str(getattr(row, "tags", "") or "")
            if '"junction":"roundabout"' in tags.replace(" ", ""):
                oneway = "yes"
            directions = {"yes": [(u, v)], "true": [(u, v)], "1": [(u, v)], "-1": [(v, u)]}.get(oneway, [(u, v), (v, u)])
        else:
            speed_ms = WALK_SPEED_MS * WALK_FACTOR.get(highway, 1.0)
            directions = [(u, v), (v, u)]
        name = str(row.name) if _is_set(row.name) else ""
        for a, b in directions:
            pts = coords if (a, b) == (u, v) or coords is None else coords[::-1]
            t = length / speed_ms
            # Parallel ways between the same two nodes: keep the fastest.
            if g.has_edge(a, b) and g.edges[a, b]["travel_time_s"] <= t:
                continue
            g.add_edge(a, b, travel_time_s=t, length_m=length, name=name, highway=highway, coords=pts)
    return g


def _landmarks(osm) -> list[Landmark]:
    out: list[Landmark] = []
    frames = []
    try:
        frames.append(osm.get_buildings())
    except Exception as exc:  # pyrosm raises assorted errors on extracts without buildings
        log.warning("no buildings read from the OSM extract: %s", exc)
    try:
        frames.append(osm.get_pois(custom_filter={"amenity": True, "place": True, "leisure": True, "tourism": True, "highway": ["pedestrian"]}))
    except Exception as exc:
        log.warning("no points of interest read from the OSM extract: %s", exc)
    seen: set[str] = set()
    areas: list[bool] = []
    for frame in frames:
        if frame is None or "name" not in frame.columns:
            continue
        frame = frame[frame["name"].notna()]
        for row in frame.itertuples(index=False):
            geom = row.geometry
            if geom is None or geom.is_empty:
                continue
            point = geom
            if geom.geom_type != "Point":
                # The centroid, as people picture a square's centre; a point on it if the shape is concave.
                point = geom.centroid if geom.buffer(0).contains(geom.centroid) else geom.representative_point()
            name = str(row.name)
            category = next((str(getattr(row, c)) for c in ("amenity", "place", "building", "leisure", "tourism", "highway") if hasattr(row, c) and _is_set(getattr(row, c))), "")
            key = f"{name.casefold()}@{point.y:.3f},{point.x:.3f}"
            if category in _SKIP_LANDMARK_CATEGORIES or key in seen:
                continue
            seen.add(key)
            out.append(Landmark(name=name, lat=float(point.y), lon=float(point.x), category=category))
            areas.append(geom.geom_type != "Point")
    # Areas (a square, a building) before points with the same name (its taxi rank, bus stop):
    # the gazetteer keeps the first feature of each name.
    order = sorted(range(len(out)), key=lambda i: not areas[i])
    return [out[i] for i in order]


def parse_osm(pbf: Path) -> CityData:
    """Parse an OSM extract into drive and walk graphs (largest strongly connected parts) and landmarks."""
    import pyrosm

    t0 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pyrosm/geopandas deprecation chatter
        try:
            osm = pyrosm.OSM(str(pbf))
            graphs, stats = {}, []
            for mode, network_type in (("drive", "driving"), ("walk", "walking")):
                got = osm.get_network(network_type=network_type, nodes=True)
                if got is None or got[1] is None or len(got[1]) == 0:
                    raise ScenarioError(f"{pbf}: the OSM extract has no {mode} roads")
                nodes, edges = got
                graphs[mode], st = _largest_scc(_build_graph(nodes, edges, mode), mode)
                stats.append(st)
            landmarks = _landmarks(osm)
            features = read_features(pbf)
        except ScenarioError:
            raise
        except Exception as exc:
            raise ScenarioError(f"{pbf}: could not read the OSM extract ({type(exc).__name__}: {exc})") from None
    log.info("parsed %s in %.1f s: %d landmarks", pbf.name, time.perf_counter() - t0, len(landmarks))
    return CityData(graphs["drive"], graphs["walk"], landmarks, stats, features)


def _cache_file(pbf: Path, cache_dir: Path) -> Path:
    return cache_path(pbf, cache_dir, "city", CACHE_VERSION)


def load_city_data(pbf: Path, cache_dir: Path | None) -> tuple[CityData, bool]:
    """(graphs, came_from_cache). A corrupt cache file is rebuilt, never trusted."""
    return load_or_build(pbf, cache_dir, "city", CACHE_VERSION, CityData, parse_osm)


class CityModel:
    """A scenario on its road network: graphs, snapping, gazetteer and live unit status."""

    def __init__(self, scenario: Scenario, drive: nx.DiGraph, walk: nx.DiGraph, landmarks: list[Landmark] | None = None, stats: list[GraphStats] | None = None,
                 features: list[OsmFeature] | None = None):
        if drive.number_of_nodes() == 0 or walk.number_of_nodes() == 0:
            raise ScenarioError("the road network is empty")
        self.scenario = scenario
        self.drive = drive
        self.walk = walk
        self.stats = stats or []
        self.landmarks = list(landmarks or [])
        self.from_cache = False
        lats = [d["lat"] for _, d in walk.nodes(data=True)] + [d["lat"] for _, d in drive.nodes(data=True)]
        lons = [d["lon"] for _, d in walk.nodes(data=True)] + [d["lon"] for _, d in drive.nodes(data=True)]
        self.bbox = (min(lats), min(lons), max(lats), max(lons))  # south, west, north, east
        self.projection = LocalProjection((self.bbox[0] + self.bbox[2]) / 2, (self.bbox[1] + self.bbox[3]) / 2)
        self._indexes: dict[str, GraphIndex] = {}
        self._lock = threading.Lock()
        self.features = list(features or [])
        self.gazetteer = Gazetteer.build(scenario, [drive, walk], landmarks or [], features=self.features or None, projection=self.projection)
        self._locator: Any = None
        # people each open incident's approved evacuation plan has sent to each shelter (incident -> shelter -> people):
        # set by the agent from the incident log, so the next evacuation plan fills only what is left
        self._shelter_loads: dict[str, dict[str, int]] = {}
        self._incident_areas: list[tuple[str, float, float, float]] = []

    @property
    def locator(self) -> Any:
        """Free-text location resolver (addresses, junctions, relative descriptions), built on first use."""
        with self._lock:
            if self._locator is None:
                from tools.locate import Locator

                self._locator = Locator(self)
            return self._locator

    # --- construction --------------------------------------------------
    @classmethod
    def load(cls, scenario_path: str | Path | None = None, settings: Settings | None = None) -> "CityModel":
        """Load a scenario and its road network (parsed once, then from ``settings.cache_dir``)."""
        settings = settings or get_settings()
        scenario = load_scenario(scenario_path if scenario_path is not None else settings.scenario)
        t0 = time.perf_counter()
        data, cached = load_city_data(scenario.pbf_path(), settings.cache_dir)
        city = cls(scenario, data.drive, data.walk, data.landmarks, data.stats, getattr(data, "features", None))
        city.from_cache = cached
        log.info("city %r ready in %.2f s (%s)", scenario.name, time.perf_counter() - t0, "cache" if cached else "parsed OSM")
        return city

    # --- graphs ----------------------------------------------------------
    def graph(self, mode: str) -> nx.DiGraph:
        if mode not in ("drive", "walk"):
            raise PlanningError(f"unknown travel mode {mode!r}; use 'walk' or 'drive'")
        return self.drive if mode == "drive" else self.walk

    def index(self, mode: str) -> GraphIndex:
        with self._lock:
            if mode not in self._indexes:
                self._indexes[mode] = GraphIndex(self.graph(mode), self.projection)
            return self._indexes[mode]

    def distance_outside_map(self, lat: float, lon: float) -> float:
        """Metres between the point and the network's bounding box (0 inside)."""
        s, w, n, e = self.bbox
        clat, clon = min(max(lat, s), n), min(max(lon, w), e)
        x0, y0 = self.projection.to_xy(clat, clon)
        x1, y1 = self.projection.to_xy(lat, lon)
        return float(math.hypot(float(x1 - x0), float(y1 - y0)))

    def check_on_map(self, lat: float, lon: float, what: str = "point") -> None:
        if not (math.isfinite(lat) and math.isfinite(lon)) or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise OutOfMapError(f"{what} ({lat}, {lon}) is not a valid latitude/longitude")
        off = self.distance_outside_map(lat, lon)
        if off > MAP_MARGIN_M:
            s, w, n, e = self.bbox
            raise OutOfMapError(
                f"{what} ({lat:.5f}, {lon:.5f}) is {off / 1000:.1f} km outside the map of {self.scenario.name} "
                f"(lat {s:.3f}..{n:.3f}, lon {w:.3f}..{e:.3f})"
            )

    def locate(self, place: str | None = None, lat: float | None = None, lon: float | None = None) -> "PlaceMatch":
        """A named place (gazetteer) or a point on the map; LookupError / PlanningError with a clear message."""
        if place:
            try:
                match = self.gazetteer.resolve(place)
            except LookupError:
                described = self.described_place(place)  # "the Market Square": no name, the one feature of its kind
                if described is None:
                    self.ask_which_of_kind(place)
                    raise
                return described
            if match.score < 1.0:
                # a kind said in words ("Market Square", "Domkyrkan") is the one feature of that kind, never a longer
                # name that holds the words (trial s20 X2: "Market Square" was Hakaniemen tori, "Hakaniemi Market Square")
                described = self.described_place(place)
                if described is not None:
                    return described
                self.check_not_a_street_off_the_map(place)
            return match
        if lat is None or lon is None:
            raise PlanningError("give a place name, or both lat and lon")
        self.check_on_map(lat, lon)
        return PlaceMatch(id=None, name=f"{lat:.5f}, {lon:.5f}", kind="point", lat=lat, lon=lon, score=1.0)

    def described_place(self, place: str) -> "PlaceMatch | None":
        """The one feature a description of a kind names when ``place`` is that description and nothing else ("Market
        Square", "the cathedral", "Salutorget" -> Kauppatori; ``tools.place_aliases``), as the locator finds it: only
        when it is sure (one feature of the kind); None otherwise."""
        from tools.gazetteer import kind_said_alone

        if kind_said_alone(place) is None:
            return None
        found = self.locator.locate(place)
        if found.method != "generic" or not found.confident or found.lat is None or found.lon is None:
            return None
        return PlaceMatch(id=None, name=found.feature or place, kind="landmark", lat=found.lat, lon=found.lon, score=1.0,
                          radius_m=float(found.radius_m or 0.0))

    def ask_which_of_kind(self, place: str) -> None:
        """A kind said alone that the map has several of ("send them to the school"): AmbiguousPlaceError listing them,
        to choose from; none of them: UnknownPlaceError saying so. Returns when ``place`` is no kind said alone."""
        from tools.gazetteer import AmbiguousPlaceError, UnknownPlaceError, kind_said_alone

        kind = kind_said_alone(place)
        if kind is None:
            return
        places = list({e.name: e.match(1.0) for e in self.locator.generic_candidates(kind)}.values())
        if not places:
            raise UnknownPlaceError(f"{place!r} is a kind of place ({kind.kind.replace('_', ' ')}), and the map of "
                                    f"{self.scenario.name} has none; give its name or address", [])
        shown = "; ".join(p.name for p in places[:12]) + (f"; and {len(places) - 12} more" if len(places) > 12 else "")
        raise AmbiguousPlaceError(f"{place!r} is a kind of place ({kind.kind.replace('_', ' ')}), not a name: which one? "
                                  f"{shown}", places)

    def which_of_kind(self, text: str) -> str | None:
        """The question for a report placed only by a kind of place the map has several of ("send an ambulance to the
        gym": which of its gyms?), naming them; None when the report names a place, or nothing the map has."""
        found = self.locator.locate(text)
        if found.method != "generic" or found.confident or not found.place:
            return None
        names = list(dict.fromkeys([found.place, *(a.name for a in found.alternatives)]))
        return f"'{found.evidence}' fits {len(names)} places on the map: which one? {'; '.join(names)}." if len(names) > 1 else None

    def check_not_a_street_off_the_map(self, place: str) -> None:
        """A fuzzy match is no answer when the name is a real street the map does not cover: "Mariankatu" is not
        "Arkadiankatu" 1 km away (their spellings are 82 % alike).  The locator knows the city's streets beyond the
        scenario's area; one of them named raises UnknownPlaceError with its note (ask for the address)."""
        from tools.gazetteer import UnknownPlaceError, normalize

        # the locator knows a street by its capital ("Mariankatu"); typed all in lower case ("mariankatu"), as operators
        # often do, the name is read capitalised (review s16: the lower-case name was still matched to Arkadiankatu)
        found = self.locator.locate(place if any(c.isupper() for c in place) else place.title())
        if found.outside_map and found.evidence and normalize(found.evidence) in normalize(place):
            raise UnknownPlaceError(found.note or f"{found.evidence!r} is not on the map of {self.scenario.name}", [])

    def nearest_node(self, lat: float, lon: float, mode: str = "drive") -> int:
        """OSM id of the network node nearest to a point (KD-tree); OutOfMapError off the map."""
        self.check_on_map(lat, lon)
        idx = self.index(mode)
        i, _ = idx.snap(lat, lon)
        return int(idx.node_ids[i])

    def snap(self, lat: float, lon: float, mode: str = "drive") -> tuple[int, float]:
        """(node index in ``index(mode)``, distance in metres to it)."""
        self.check_on_map(lat, lon)
        return self.index(mode).snap(lat, lon)

    # --- units -----------------------------------------------------------
    def units(self) -> list[tuple[Station, Unit]]:
        return self.scenario.units()

    def set_unit_status(self, unit_id: str, status: str) -> None:
        """Update a unit's status: "available", "dispatched", "transporting" or "out_of_service"."""
        if status not in UNIT_STATUSES:
            raise PlanningError(f"unknown unit status {status!r}; use one of {', '.join(UNIT_STATUSES)}")
        with self._lock:
            found = self.scenario.find_unit(unit_id)
            if found is None:
                known = ", ".join(u.id for _, u in self.units())
                raise PlanningError(f"unknown unit {unit_id!r}; known units: {known}")
            found[1].status = status  # type: ignore[assignment]
        log.info("unit %s is now %s", unit_id, status)

    def unit_status(self) -> dict[str, str]:
        return {u.id: u.status for _, u in self.units()}

    # --- shelter places already assigned --------------------------------------------------
    def set_shelter_loads(self, loads: dict[str, dict[str, int]]) -> None:
        """Replace the places taken in each shelter, per incident (incident id -> shelter id -> people)."""
        with self._lock:
            self._shelter_loads = {inc: {sid: int(n) for sid, n in rows.items() if n > 0} for inc, rows in loads.items()}

    def shelter_taken(self, exclude_incident: str | None = None) -> dict[str, int]:
        """Shelter id -> places already assigned by approved plans, leaving out ``exclude_incident``'s own (a re-plan of
        an incident replaces its approved plan, it does not add to it)."""
        taken: dict[str, int] = {}
        with self._lock:
            for incident, rows in self._shelter_loads.items():
                if incident != exclude_incident:
                    for sid, n in rows.items():
                        taken[sid] = taken.get(sid, 0) + n
        return taken

    # --- other open incidents' protective areas ---------------------------------------------
    def set_incident_areas(self, areas: list[tuple[str, float, float, float]]) -> None:
        """Replace the open incidents' protective areas: (incident id, lat, lon, radius m) each, the cordon or evacuation
        circle of its latest plan. An assembly point is never put inside one (trial s19: a hoax bomb call's evacuees
        were sent to the staging area inside a crowd crush's cordon)."""
        with self._lock:
            self._incident_areas = [(str(i), float(a), float(o), float(r)) for i, a, o, r in areas if r and r > 0]

    def incident_areas(self, exclude_incident: str | None = None) -> list[tuple[str, float, float, float]]:
        """The open incidents' protective areas, leaving out ``exclude_incident``'s own."""
        with self._lock:
            return [a for a in self._incident_areas if a[0] != exclude_incident]

    def unit_position(self, station: Station, unit: Unit) -> tuple[float, float]:
        return unit.location if unit.location is not None else station.location

    # --- drawing ---------------------------------------------------------
    def road_segments(self, mode: str = "drive") -> list[tuple[list[float], list[float]]]:
        """(lons, lats) polylines of every street segment once, for drawing an offline map."""
        g = self.graph(mode)
        out: list[tuple[list[float], list[float]]] = []
        seen: set[tuple[int, int]] = set()
        for u, v, data in g.edges(data=True):
            key = (min(u, v), max(u, v))
            if key in seen:
                continue
            seen.add(key)
            pts = data.get("coords") or [(g.nodes[u]["lon"], g.nodes[u]["lat"]), (g.nodes[v]["lon"], g.nodes[v]["lat"])]
            out.append(([float(p[0]) for p in pts], [float(p[1]) for p in pts]))
        return out

    def describe(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario.name,
            "bbox": self.bbox,
            "graphs": [s.sentence() for s in self.stats],
            "zones": len(self.scenario.zones),
            "shelters": len(self.scenario.shelters),
            "units": len(self.units()),
            "gazetteer_entries": len(self.gazetteer.entries),
        }

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return json.dumps(self.describe(), default=str)
