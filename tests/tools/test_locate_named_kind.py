"""A named place + a word for a kind of place resolves to that place's feature, or to the place itself with its
uncertainty -- never to another place that merely shares the kind word (real OSM extract)."""

from __future__ import annotations

import pytest

from core.geo import haversine_m as metres


@pytest.fixture(scope="module")
def locator(city):
    return city.locator


@pytest.mark.parametrize("text", [
    "man collapsed in the Kamppi shopping center food court",
    "坎普... no, Kamppi 商城 二楼有人打架",
    "escalator accident at Kamppi mall, lower floor",
    "vandals at the Kamppi subway station ticket hall",
    "Kamppi 地鐵站 有烟",
])
def test_a_districts_own_mall_or_station_the_map_lacks_is_the_district_not_another(locator, text):
    res = locator.locate(text)
    # Forum (a mall in Kamppi) and Rautatientori (a metro station) are other places
    assert res.feature not in ("Forum", "Rautatientori", "Kauppakeskus Citycenter"), (text, res)
    assert res.found and res.method == "zone" and "Kamppi" in res.place and not res.confident, (text, res)
    assert "Kamppi" in res.note


@pytest.mark.parametrize("text", [
    "the shopping centre in Kamppi, by the main doors",   # a mall located in the district: the one there may be meant
    "Kluuvi mall, second floor toilets",                     # a mall bearing the district's name
])
def test_a_mall_in_a_district_or_named_after_it_is_still_found(locator, text):
    res = locator.locate(text)
    assert res.found and res.method != "zone", (text, res)


def entrance(city, name: str, near: tuple[float, float]) -> tuple[float, float]:
    """The subway entrance of that name nearest a point, read from the gazetteer (not the locator)."""
    doors = [e for e in city.gazetteer.entries if e.name == name and "entrance" in e.tags.get("railway", "")]
    door = min(doors, key=lambda e: metres(e.lat, e.lon, *near))
    return door.lat, door.lon


@pytest.mark.parametrize("text", [
    "someone fell down the escalator at the Kaisaniemi end metro entrance",
    "Kaisaniemi 地铁 入口 有人晕倒",
    "vid Kajsaniemi metrons ingång, a bag left alone",
])
def test_a_station_entrance_named_by_its_district_is_that_entrance(city, locator, text):
    zone = next(e for e in city.gazetteer.entries if e.kind == "zone" and e.name == "Kaisaniemi")
    want = entrance(city, "Helsingin yliopisto", (zone.lat, zone.lon))
    res = locator.locate(text)
    assert res.found and metres(res.lat, res.lon, *want) < 20, (text, res)
    assert "entrance" in res.place


def test_a_station_entrance_with_nothing_to_choose_by_is_unconfirmed(locator):
    res = locator.locate("smoke coming up from the Rautatientori metro entrance")
    assert res.found and not res.confident and res.alternatives


@pytest.mark.parametrize("text, feature", [
    ("fire alarm ringing at Sokos Hotel Vaakuna, 5th floor", "Original Sokos Hotel Vaakuna"),
    ("索科斯 no -- Sokos hotel Vaakuna 门口 有人受伤", "Original Sokos Hotel Vaakuna"),
])
def test_a_longer_name_said_after_a_shorter_one_is_the_longer_place(locator, text, feature):
    res = locator.locate(text)
    assert res.found and res.feature == feature, (text, res)


def test_a_chain_name_with_its_kind_word_fitting_several_places_is_unconfirmed(locator):
    res = locator.locate("a guest fainted in the lobby of the Sokos hotel")
    assert res.feature != "Sokos" and not res.confident, res
