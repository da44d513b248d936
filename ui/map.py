"""The incident map: a plotly figure drawn from the scenario's own road network.

No tile server and no web request: the streets are one ``go.Scatter`` trace of
lon/lat polylines (built once per city and reused), and the plan's GeoJSON
features are overlaid as one trace per feature kind, so the legend doubles as a
layer switch for the operator.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import plotly.graph_objects as go

log = logging.getLogger(__name__)

LonLat = tuple[float, float]

# Drawing order matters: areas first, then lines, then points on top.
KIND_STYLE: dict[str, dict[str, Any]] = {
    "zone": {"label": "Zone", "color": "rgba(230,145,20,0.9)", "fill": "rgba(230,145,20,0.12)", "dash": "dash"},
    "hazard": {"label": "Hazard area", "color": "rgba(200,30,30,0.95)", "fill": "rgba(220,40,40,0.22)", "symbol": "x", "size": 18},
    # Protective-action geometry (tools.protective): what is evacuated, cordoned or sheltered.
    "preferred_ring": {"label": "Outdoor clearance ring", "color": "rgba(150,90,0,0.8)", "fill": "rgba(150,90,0,0.05)", "dash": "dot"},
    "sector": {"label": "Downwind sector", "color": "rgba(120,60,170,0.9)", "fill": "rgba(120,60,170,0.15)", "dash": "dash"},
    "flood_extent": {"label": "Flood extent", "color": "rgba(20,90,200,0.9)", "fill": "rgba(20,90,200,0.22)"},
    "evacuation_zone": {"label": "Evacuation zone", "color": "rgba(200,30,30,0.95)", "fill": "rgba(220,40,40,0.18)"},
    "isolation": {"label": "Cordon", "color": "rgba(230,120,0,0.95)", "fill": "rgba(230,120,0,0.12)", "dash": "dash"},
    "building": {"label": "Building evacuated", "color": "rgba(160,0,0,1.0)", "fill": "rgba(200,0,0,0.45)"},
    "route": {"label": "Evacuation route", "color": "#1f5fd1", "width": 4},
    "dispatch_line": {"label": "Dispatch", "color": "#555555", "width": 2, "dash": "dot"},
    "incident": {"label": "Incident", "color": "#d11f1f", "symbol": "star", "size": 22},
    "shelter": {"label": "Shelter", "color": "#178a3a", "symbol": "square", "size": 15},
    "assembly_point": {"label": "Assembly point", "color": "#7a3fb8", "symbol": "diamond", "size": 13},
    "staging": {"label": "Staging", "color": "#a06000", "symbol": "cross", "size": 13},
    "unit": {"label": "Unit", "color": "#0b7fa8", "symbol": "triangle-up", "size": 13},
}
KNOWN_KINDS = tuple(KIND_STYLE)
UNIT_STATUS_COLOR = {"available": "#0b7fa8", "dispatched": "#e07b00", "en_route": "#e07b00", "busy": "#8a8a8a", "on_scene": "#c0392b"}


@dataclass
class RoadLayer:
    """Street polylines of a city, flattened for one plotly trace (``None`` separates segments)."""

    lons: list[float | None] = field(default_factory=list)
    lats: list[float | None] = field(default_factory=list)
    bounds: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    segments: int = 0

    @classmethod
    def from_segments(cls, segments: Iterable[Sequence[LonLat]]) -> "RoadLayer":
        layer = cls()
        for segment in segments:
            points = [(float(lon), float(lat)) for lon, lat in segment]
            if len(points) < 2:
                continue
            for lon, lat in points:
                layer.lons.append(lon)
                layer.lats.append(lat)
            layer.lons.append(None)
            layer.lats.append(None)
            layer.segments += 1
        xs = [v for v in layer.lons if v is not None]
        ys = [v for v in layer.lats if v is not None]
        if xs:
            layer.bounds = (min(xs), min(ys), max(xs), max(ys))
        return layer

    @classmethod
    def from_graph(cls, graph: Any) -> "RoadLayer":
        """From a networkx road graph whose nodes carry lon/lat (``lon``/``lat`` or osmnx-style ``x``/``y``)."""

        def lonlat(node: Any) -> LonLat | None:
            data = graph.nodes[node]
            for lon_key, lat_key in (("lon", "lat"), ("x", "y")):
                if lon_key in data and lat_key in data:
                    return float(data[lon_key]), float(data[lat_key])
            return None

        seen: set[frozenset[Any]] = set()
        segments: list[list[LonLat]] = []
        for u, v in graph.edges():
            key = frozenset((u, v))
            if key in seen:  # a two-way street is two directed edges: draw it once
                continue
            seen.add(key)
            a, b = lonlat(u), lonlat(v)
            if a and b:
                segments.append([a, b])
        return cls.from_segments(segments)

    @classmethod
    def from_city(cls, city: Any) -> "RoadLayer":
        """From a ``tools.city.CityModel``: its ``road_segments()`` ((lons, lats) per street), else its drive graph."""
        if hasattr(city, "road_segments"):
            layer = cls.from_segments(list(zip(lons, lats)) for lons, lats in city.road_segments("drive"))
            if layer.segments:
                return layer
        graph = getattr(city, "drive", None)
        if graph is not None and hasattr(graph, "edges"):
            return cls.from_graph(graph)
        raise ValueError("the city model offers neither road_segments() nor a drive graph")

    def trace(self) -> go.Scatter:
        return go.Scatter(
            x=self.lons, y=self.lats, mode="lines", name="Streets", hoverinfo="skip",
            line={"color": "rgba(120,120,120,0.45)", "width": 1}, showlegend=False,
        )


@dataclass
class _KindTrace:
    line_lons: list[float | None] = field(default_factory=list)
    line_lats: list[float | None] = field(default_factory=list)
    line_hover: list[str | None] = field(default_factory=list)
    lons: list[float] = field(default_factory=list)
    lats: list[float] = field(default_factory=list)
    hover: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    colors: list[str] = field(default_factory=list)
    polygons: list[tuple[list[float], list[float], str]] = field(default_factory=list)


def feature_hover(props: dict[str, Any]) -> str:
    """What the operator reads when hovering a feature: its name and the numbers that matter."""
    kind = props.get("kind", "")
    name = str(props.get("name") or kind)
    lines = [f"<b>{_escape(name)}</b>", _escape(KIND_STYLE.get(kind, {}).get("label", kind))]
    if kind == "shelter" and props.get("capacity") is not None:
        lines.append(f"load {props.get('load', 0)} / capacity {props.get('capacity')}")
    if kind == "unit":
        lines.append(" · ".join(_escape(str(props[k])) for k in ("unit_id", "unit_type", "status") if props.get(k)))
    if kind == "route":
        if props.get("people") is not None:
            lines.append(f"{props['people']} people")
        if props.get("travel_time_min") is not None:
            lines.append(f"{float(props['travel_time_min']):.1f} min")
    return "<br>".join(lines)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _point_label(props: dict[str, Any]) -> str:
    kind = props.get("kind")
    name = str(props.get("name") or "")
    if kind == "shelter" and props.get("capacity") is not None:
        return f"{name} {props.get('load', 0)}/{props['capacity']}"
    if kind == "unit":
        return str(props.get("unit_id") or name)
    return name


# Points closer than this (degrees, ~10 m) share one label: the units of one station stand on the same point.
_SAME_SPOT_DEG = 1e-4


def _one_label_per_spot(acc: _KindTrace) -> None:
    """Points of one kind at the same spot get one label naming them all ("KAM-A1, KAM-P2"), the others none: labels
    written at one point overprint each other unreadably (trial s19 L23).  Every point keeps its marker and hover."""
    first_at: dict[tuple[int, int], int] = {}
    for i, (lon, lat) in enumerate(zip(acc.lons, acc.lats)):
        spot = (round(lon / _SAME_SPOT_DEG), round(lat / _SAME_SPOT_DEG))
        if spot not in first_at:
            first_at[spot] = i
            continue
        j = first_at[spot]
        if acc.labels[i] and acc.labels[i] not in acc.labels[j].split(", "):
            acc.labels[j] = f"{acc.labels[j]}, {acc.labels[i]}" if acc.labels[j] else acc.labels[i]
        acc.labels[i] = ""


def _lines_of(geometry: dict[str, Any]) -> list[list[Sequence[float]]]:
    kind, coords = geometry.get("type"), geometry.get("coordinates") or []
    if kind == "LineString":
        return [coords]
    if kind == "MultiLineString":
        return list(coords)
    return []


def _rings_of(geometry: dict[str, Any]) -> list[list[Sequence[float]]]:
    kind, coords = geometry.get("type"), geometry.get("coordinates") or []
    if kind == "Polygon":
        return list(coords[:1])  # outer ring; holes are not worth the ink at this scale
    if kind == "MultiPolygon":
        return [poly[0] for poly in coords if poly]
    return []


def _points_of(geometry: dict[str, Any]) -> list[Sequence[float]]:
    kind, coords = geometry.get("type"), geometry.get("coordinates") or []
    if kind == "Point":
        return [coords]
    if kind == "MultiPoint":
        return list(coords)
    return []


class MapRenderer:
    """Turns a plan's GeoJSON into a figure over a cached street layer."""

    def __init__(self, roads: RoadLayer | None = None, *, height: int = 600):
        self.roads = roads
        self.height = height
        self._road_trace = roads.trace() if roads and roads.segments else None

    def figure(self, geojson: dict[str, Any] | None = None, *, title: str | None = None) -> go.Figure:
        features = list((geojson or {}).get("features") or [])
        by_kind: dict[str, _KindTrace] = {}
        skipped = 0
        for feature in features:
            props = dict(feature.get("properties") or {})
            geometry = feature.get("geometry") or {}
            kind = props.get("kind")
            if kind not in KIND_STYLE:
                skipped += 1
                continue
            acc = by_kind.setdefault(kind, _KindTrace())
            hover = feature_hover(props)
            for ring in _rings_of(geometry):
                acc.polygons.append(([float(p[0]) for p in ring], [float(p[1]) for p in ring], hover))
            for line in _lines_of(geometry):
                for p in line:
                    acc.line_lons.append(float(p[0]))
                    acc.line_lats.append(float(p[1]))
                    acc.line_hover.append(hover)
                acc.line_lons.append(None)
                acc.line_lats.append(None)
                acc.line_hover.append(None)
            for p in _points_of(geometry):
                acc.lons.append(float(p[0]))
                acc.lats.append(float(p[1]))
                acc.hover.append(hover)
                acc.labels.append(_point_label(props))
                acc.colors.append(self._point_color(kind, props))
        if skipped:
            log.warning("map: %d feature(s) without a known kind were not drawn", skipped)
        for acc in by_kind.values():
            _one_label_per_spot(acc)

        fig = go.Figure()
        if self._road_trace is not None:
            fig.add_trace(self._road_trace)
        for kind in KNOWN_KINDS:
            if kind in by_kind:
                self._add_kind(fig, kind, by_kind[kind])
        self._layout(fig, features, title)
        return fig

    @staticmethod
    def _point_color(kind: str, props: dict[str, Any]) -> str:
        if kind == "unit":
            return UNIT_STATUS_COLOR.get(str(props.get("status", "")).lower(), KIND_STYLE["unit"]["color"])
        if kind == "shelter":
            capacity, load = props.get("capacity"), props.get("load") or 0
            if capacity:
                share = float(load) / float(capacity)
                return "#c0392b" if share > 1.0 else "#e0a000" if share > 0.85 else KIND_STYLE["shelter"]["color"]
        return KIND_STYLE[kind]["color"]

    def _add_kind(self, fig: go.Figure, kind: str, acc: _KindTrace) -> None:
        style = KIND_STYLE[kind]
        first = True
        for xs, ys, hover in acc.polygons:
            fig.add_trace(go.Scatter(
                x=xs, y=ys, mode="lines", fill="toself", fillcolor=style.get("fill", "rgba(0,0,0,0.1)"),
                line={"color": style["color"], "width": 2, "dash": style.get("dash", "solid")},
                name=style["label"], legendgroup=kind, showlegend=first, hoverinfo="text", text=hover,
                hoveron="fills+points",
            ))
            first = False
        if acc.line_lons:
            fig.add_trace(go.Scatter(
                x=acc.line_lons, y=acc.line_lats, mode="lines", name=style["label"], legendgroup=kind,
                showlegend=first, hoverinfo="text", text=acc.line_hover,
                line={"color": style["color"], "width": style.get("width", 3), "dash": style.get("dash", "solid")},
            ))
            first = False
        if acc.lons:
            fig.add_trace(go.Scatter(
                x=acc.lons, y=acc.lats, mode="markers+text", name=style["label"], legendgroup=kind, showlegend=first,
                marker={"symbol": style.get("symbol", "circle"), "size": style.get("size", 12), "color": acc.colors,
                        "line": {"color": "white", "width": 1}},
                text=acc.labels, textposition="top center", textfont={"size": 11},
                hovertext=acc.hover, hoverinfo="text",
            ))

    def _layout(self, fig: go.Figure, features: list[dict[str, Any]], title: str | None) -> None:
        # Frame the plan when there is one (the operator's area of interest), else the whole network.
        bounds = padded_bounds(_features_bounds(features)) or (self.roads.bounds if self.roads else None)
        mid_lat = (bounds[1] + bounds[3]) / 2 if bounds else 60.0
        # Equal ground distance per pixel on both axes: one degree of longitude is cos(lat) of one of latitude.
        ratio = 1.0 / max(0.1, math.cos(math.radians(mid_lat)))
        fig.update_layout(
            height=self.height, margin={"l": 8, "r": 8, "t": 36 if title else 8, "b": 8},
            title={"text": title} if title else None,
            plot_bgcolor="#f4f2ee", paper_bgcolor="white", hovermode="closest",
            legend={"orientation": "h", "yanchor": "bottom", "y": 0.0, "x": 0.0, "bgcolor": "rgba(255,255,255,0.8)"},
            uirevision="map",  # keep the operator's zoom when the plan redraws
            dragmode="pan",
        )
        fig.update_xaxes(visible=False, showgrid=False, zeroline=False)
        fig.update_yaxes(visible=False, showgrid=False, zeroline=False, scaleanchor="x", scaleratio=ratio)
        if bounds:
            pad_x, pad_y = (bounds[2] - bounds[0]) * 0.03 or 0.002, (bounds[3] - bounds[1]) * 0.03 or 0.001
            fig.update_xaxes(range=[bounds[0] - pad_x, bounds[2] + pad_x])
            fig.update_yaxes(range=[bounds[1] - pad_y, bounds[3] + pad_y])


def padded_bounds(bounds: tuple[float, float, float, float] | None, share: float = 0.15,
            min_span: float = 0.004) -> tuple[float, float, float, float] | None:
    if bounds is None:
        return None
    min_lon, min_lat, max_lon, max_lat = bounds
    pad_lon = max((max_lon - min_lon) * share, (min_span - (max_lon - min_lon)) / 2, 0.0)
    pad_lat = max((max_lat - min_lat) * share, (min_span / 2 - (max_lat - min_lat)) / 2, 0.0)
    return min_lon - pad_lon, min_lat - pad_lat, max_lon + pad_lon, max_lat + pad_lat


def _features_bounds(features: list[dict[str, Any]]) -> tuple[float, float, float, float] | None:
    xs: list[float] = []
    ys: list[float] = []
    for feature in features:
        geometry = feature.get("geometry") or {}
        for group in (_points_of(geometry), *_lines_of(geometry), *_rings_of(geometry)):
            for p in group:
                xs.append(float(p[0]))
                ys.append(float(p[1]))
    if not xs:
        return None
    return min(xs), min(ys), max(xs), max(ys)


# What a plan draws at the incident's own point: after a confirmed move these mark the old place, so they are not drawn.
_AT_THE_INCIDENT = ("incident", "dispatch_line")


def moved_geojson(geojson: dict[str, Any] | None, place: dict[str, Any]) -> dict[str, Any]:
    """A plan's GeoJSON with the incident drawn where it was moved to after the plan (trial s19 M12): its old star and
    the dispatch lines to it left out, the new point labelled as moved (the plan panel says to re-plan)."""
    kept = [f for f in (geojson or {}).get("features") or []
            if (f.get("properties") or {}).get("kind") not in _AT_THE_INCIDENT]
    name = f"{place.get('name') or 'corrected address'} (moved here; plan made for the old place)"
    star = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [float(place["lon"]), float(place["lat"])]},
            "properties": {"kind": "incident", "name": name}}
    return {**(geojson or {"type": "FeatureCollection"}), "features": [*kept, star]}


def count_drawn(fig: go.Figure, kind_label: str) -> int:
    """Number of traces named ``kind_label`` (used by tests and the status of the map panel)."""
    return sum(1 for trace in fig.data if trace.name == kind_label)
