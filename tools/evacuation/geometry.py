"""Shapes in the city's metric projection: hazard area, zones, the map box; and back to GeoJSON."""

from __future__ import annotations

from typing import Any

import numpy as np
import shapely
from shapely.geometry import Point, Polygon, box

from tools.city import CityModel, PlanningError
from tools.evacuation.models import Hazard
from tools.scenario import Zone


def to_lonlat_geom(geom, city: CityModel):
    """A metric shapely geometry back in (lon, lat)."""
    def fn(xy: np.ndarray) -> np.ndarray:
        lat, lon = city.projection.to_latlon(xy[:, 0], xy[:, 1])
        return np.column_stack([lon, lat])

    return shapely.transform(geom, fn)


def hazard_area(city: CityModel, hazard: Hazard):
    """The hazard area as a shapely geometry in the city's metric projection (None: roads only)."""
    proj = city.projection
    if hazard.polygon is not None:
        lats = np.array([p[0] for p in hazard.polygon])
        lons = np.array([p[1] for p in hazard.polygon])
        xs, ys = proj.to_xy(lats, lons)
        area = Polygon(np.column_stack([xs, ys]))
        if not area.is_valid:
            area = shapely.make_valid(area)
        if hazard.center is not None:
            area = area.union(circle(city, hazard.center, hazard.radius_m or 0))
    elif hazard.center is not None:
        area = circle(city, hazard.center, hazard.radius_m or 0)
    else:
        return None
    if area.is_empty or area.area < 1.0:  # m²: points in a line give a sliver, not an area
        raise PlanningError("the hazard polygon has no area (are the points in a line?)")
    return area


# How far outside another open incident's protective circle a shelter or an assembly point must lie (PROTECTIVE_ACTIONS.md
# section 2, "Where evacuees go": at least 30 m outside an area people are kept out of).
OTHER_INCIDENT_MARGIN_M = 30.0


def other_incident_areas(city: CityModel, for_incident: str | None = None) -> list[tuple[str, Any]]:
    """(incident id, metric circle) of every other open incident's protective area (``city.incident_areas``: the cordon
    or evacuation circle of its latest plan), widened by ``OTHER_INCIDENT_MARGIN_M``; ``for_incident``'s own is left out.
    A plan never sends people into one of them: no shelter and no assembly point there (session 20)."""
    areas = city.incident_areas(for_incident) if hasattr(city, "incident_areas") else []
    return [(incident, circle(city, (lat, lon), radius + OTHER_INCIDENT_MARGIN_M)) for incident, lat, lon, radius in areas]


def holder_of(others: list[tuple[str, Any]], x: float, y: float) -> list[str]:
    """The incidents whose area (``other_incident_areas``) holds the metric point (x, y)."""
    p = Point(float(x), float(y))
    return [incident for incident, area in others if area.contains(p)]


def circle(city: CityModel, center: tuple[float, float], radius_m: float):
    x, y = city.projection.to_xy(center[0], center[1])
    return Point(float(x), float(y)).buffer(radius_m, 32)


def zone_shape(city: CityModel, zone: Zone):
    if zone.polygon is not None:
        xs, ys = city.projection.to_xy(np.array([p[0] for p in zone.polygon]), np.array([p[1] for p in zone.polygon]))
        shape = Polygon(np.column_stack([xs, ys]))
        return shape if shape.is_valid else shapely.make_valid(shape)
    assert zone.center is not None and zone.radius_m is not None
    return circle(city, zone.center, zone.radius_m)


def map_box(city: CityModel):
    s, w, n, e = city.bbox
    x0, y0 = city.projection.to_xy(s, w)
    x1, y1 = city.projection.to_xy(n, e)
    return box(float(x0), float(y0), float(x1), float(y1))


def round_geom(geom: dict[str, Any]) -> dict[str, Any]:
    """A GeoJSON geometry with coordinates rounded to 6 decimals (~0.1 m)."""
    def rnd(c):
        if isinstance(c, (list, tuple)) and c and isinstance(c[0], (int, float)):
            return [round(float(v), 6) for v in c]
        return [rnd(x) for x in c]

    return {"type": geom["type"], "coordinates": rnd(geom["coordinates"])}
