"""list_shelters with a place: the nearest shelters first, distances from core.geo's one haversine."""

from __future__ import annotations

from core.geo import haversine_m
from tools.city import CityModel
from tools.llm_tools import ListSheltersArgs, list_shelters


def test_list_shelters_near_a_place_sorts_by_great_circle_distance(city: CityModel):
    rows = list_shelters(city, ListSheltersArgs(place="Kaisaniemi"))
    near = city.locate("Kaisaniemi")
    assert rows and all(r["from"] == near.name for r in rows)
    assert [r["distance_m"] for r in rows] == sorted(r["distance_m"] for r in rows)
    for r in rows:
        assert r["distance_m"] == round(haversine_m(near.lat, near.lon, r["lat"], r["lon"]))
