"""Distances on the Earth's surface: the one great-circle (haversine) distance every layer uses.

Vectorised with numpy (arrays broadcast against each other or against a scalar point) and scalar-friendly: given
plain floats it returns a plain float, so a caller comparing two points and a caller comparing one point with a
thousand share one formula.  Within a city the haversine and the equirectangular approximation some callers used
before differ by well under a metre per kilometre; one formula means one answer for the same two points.
"""

from __future__ import annotations

from typing import overload

import numpy as np
from numpy.typing import ArrayLike

EARTH_RADIUS_M = 6_371_000.0  # mean radius (IUGG), the figure the callers used before


@overload
def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float: ...
@overload
def haversine_m(lat1: ArrayLike, lon1: ArrayLike, lat2: ArrayLike, lon2: ArrayLike) -> np.ndarray: ...


def haversine_m(lat1, lon1, lat2, lon2):
    """Great-circle distance in metres between (lat1, lon1) and (lat2, lon2), degrees.  Arguments broadcast like
    numpy arrays; all scalars give a float."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dl = np.radians(np.subtract(lon2, lon1))
    h = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    d = 2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))
    return float(d) if np.ndim(d) == 0 else d
