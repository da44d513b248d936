"""The map draws the protective-action geometry of a real plan (building, cordon, downwind sector)."""

from __future__ import annotations

from ui.map import KIND_STYLE, MapRenderer, count_drawn


def test_protective_action_geometry_is_drawn_kind_by_kind():
    from tools.city import CityModel
    from tools.protective import plan_protective_action

    city = CityModel.load()
    plan = plan_protective_action(city, "Chlorine cylinder leaking slightly at the valve, people coughing, at Fabianinkatu 5", "hazmat")
    fig = MapRenderer().figure(plan.geojson())
    kinds = {f["properties"]["kind"] for f in plan.geojson()["features"]}
    assert {"isolation", "sector", "evacuation_zone", "incident"} <= kinds
    for kind in kinds:
        assert count_drawn(fig, KIND_STYLE[kind]["label"]) >= 1, kind
    building = plan_protective_action(city, "Gas smell and two people dizzy in the stairwell at Yrjönkatu 21", "hazmat")
    fig = MapRenderer().figure(building.geojson())
    assert count_drawn(fig, "Building evacuated") == 1 and count_drawn(fig, "Assembly point") == 1
