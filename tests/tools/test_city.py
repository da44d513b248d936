"""The road graphs built from the real Helsinki extract, the cache, snapping and unit status."""

from __future__ import annotations

import math
import pickle
import time

import networkx as nx
import pytest

from core.settings import Settings
from tools.city import CityModel, OutOfMapError, PlanningError, _cache_file, load_city_data
from tools.scenario import ScenarioError


def test_graphs_are_the_largest_strongly_connected_parts_with_travel_times(city):
    assert city.drive.number_of_nodes() > 1000 and city.walk.number_of_nodes() > 5000
    assert nx.is_strongly_connected(city.drive) and nx.is_strongly_connected(city.walk)
    for g in (city.drive, city.walk):
        for _, _, d in list(g.edges(data=True))[:500]:
            assert d["travel_time_s"] > 0 and d["length_m"] >= 0 and "highway" in d and "name" in d
    dropped = [s for s in city.stats if s.nodes_raw > s.nodes_kept]
    assert dropped and "dropped" in dropped[0].sentence()


def test_oneway_streets_are_one_way_on_drive_and_two_way_on_foot(city):
    one_way = [(u, v) for u, v in city.drive.edges if not city.drive.has_edge(v, u)]
    assert len(one_way) > 100  # central Helsinki is full of one-way streets
    u, v = one_way[0]
    assert city.walk.has_edge(v, u) or v not in city.walk  # pedestrians may walk against the traffic


def test_drive_speeds_follow_highway_type(city):
    speeds = {}
    for _, _, d in city.drive.edges(data=True):
        if d["length_m"] > 20:
            speeds.setdefault(d["highway"], []).append(d["length_m"] / d["travel_time_s"] * 3.6)
    assert 10 <= min(speeds["residential"]) and max(speeds["primary"]) <= 60


def test_second_load_comes_from_the_cache_and_is_faster(tmp_path):
    settings = Settings(data_dir=tmp_path)
    t0 = time.perf_counter()
    first = CityModel.load(settings=settings)
    t_first = time.perf_counter() - t0
    t0 = time.perf_counter()
    second = CityModel.load(settings=settings)
    t_second = time.perf_counter() - t0
    assert not first.from_cache and second.from_cache
    assert t_second < t_first
    assert second.drive.number_of_nodes() == first.drive.number_of_nodes()


def test_a_corrupt_cache_is_rebuilt_not_trusted(city, tmp_path):
    pbf = city.scenario.pbf_path()
    cache = _cache_file(pbf, tmp_path)
    cache.write_bytes(b"garbage, not a pickle")
    data, cached = load_city_data(pbf, tmp_path)
    assert not cached and data.drive.number_of_nodes() == city.drive.number_of_nodes()
    with open(cache, "rb") as fh:
        assert pickle.load(fh).walk.number_of_nodes() == city.walk.number_of_nodes()


def test_user_scenario_on_another_extract_path(tmp_path, shared_dir):
    pbf = shared_dir / "data" / "roads" / "helsinki.osm.pbf"
    scenario = tmp_path / "my_city.yaml"
    scenario.write_text(
        f"name: My city\nroad_network: {pbf}\n"
        "zones:\n  - {id: Z1, name: Centre, center: [60.1705, 24.9450], radius_m: 200, population: {resident: 100, daytime: 300}}\n"
        "shelters:\n  - {id: S1, name: Hall, location: [60.1720, 24.9480], capacity: 500}\n",
        encoding="utf-8",
    )
    my = CityModel.load(scenario, settings=Settings(data_dir=tmp_path))
    assert my.scenario.name == "My city" and my.drive.number_of_nodes() > 1000
    assert my.gazetteer.resolve("Hall").id == "S1"


def test_an_extract_that_is_not_osm_fails_clearly(tmp_path):
    fake = tmp_path / "fake.osm.pbf"
    fake.write_bytes(b"this is not a protobuf file" * 10)
    scenario = tmp_path / "city.yaml"
    scenario.write_text(f"name: Broken\nroad_network: {fake}\n", encoding="utf-8")
    with pytest.raises(ScenarioError, match="fake.osm.pbf"):
        CityModel.load(scenario, settings=Settings(data_dir=tmp_path))


def test_nearest_node_snaps_with_the_kd_tree(city):
    node = next(iter(city.drive.nodes))
    lat, lon = city.drive.nodes[node]["lat"], city.drive.nodes[node]["lon"]
    assert city.nearest_node(lat, lon, "drive") == node
    walk_node = city.nearest_node(lat + 0.0002, lon, "walk")
    d = city.walk.nodes[walk_node]
    assert math.hypot((d["lat"] - lat - 0.0002) * 110_574, (d["lon"] - lon) * 55_300) < 60


@pytest.mark.parametrize("lat, lon", [(61.0, 25.0), (60.17, 30.0), (float("nan"), 24.94), (95.0, 24.94)])
def test_points_off_the_map_are_refused_clearly(city, lat, lon):
    with pytest.raises(OutOfMapError, match="outside the map|not a valid"):
        city.nearest_node(lat, lon)


def test_unit_status_updates_and_rejects_unknown_ids(fresh_city):
    fresh_city.set_unit_status("ERO-E1", "dispatched")
    assert fresh_city.unit_status()["ERO-E1"] == "dispatched"
    with pytest.raises(PlanningError, match="unknown unit 'XYZ-9'.*ERO-E1"):
        fresh_city.set_unit_status("XYZ-9", "available")
    with pytest.raises(PlanningError, match="unknown unit status"):
        fresh_city.set_unit_status("ERO-E1", "on fire")


def test_road_segments_are_lon_lat_polylines_inside_the_map(city):
    segments = city.road_segments()
    assert len(segments) > 1000
    s, w, n, e = city.bbox
    for lons, lats in segments[:200]:
        assert len(lons) == len(lats) >= 2
        assert all(w - 1e-6 <= x <= e + 1e-6 for x in lons) and all(s - 1e-6 <= y <= n + 1e-6 for y in lats)
