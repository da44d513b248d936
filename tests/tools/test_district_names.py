"""A Helsinki district named in a report is the district, not a shop of the map named after it (session 14's note:
"Vallila" was placed on an interior-design shop in the Stockmann basement). A district outside the map is "not on
the map"; the map's own districts and district-level features still resolve."""

from __future__ import annotations

import pytest

from tools.districts import names_a_district
from tools.gazetteer import UnknownPlaceError
from tools.locate import locate


@pytest.mark.parametrize("text", [
    "Garage fire in Vallila, black smoke over the rooftops",
    "Two cars collided in Vallila, one driver hurt",
    "在 Vallila 的一个车库着火了",
])
def test_a_district_outside_the_map_is_not_on_the_map(city, text):
    res = locate(city, text)
    assert not res.found and res.feature != "Vallila", res
    assert res.outside_map and "Vallila" in res.evidence, res


def test_a_kind_of_place_in_the_district_stays_unconfirmed(city):
    # "the school in Vallila": the map's nearest school is only a guess (as for any district outside the map)
    res = locate(city, "Two cars collided in Vallila by the school, one driver hurt")
    assert not res.confident and res.feature != "Vallila", res


def test_a_dispatch_to_the_district_finds_no_shop(city):
    with pytest.raises(UnknownPlaceError):
        city.gazetteer.resolve("Vallila")


@pytest.mark.parametrize("text,place", [
    ("Smoke on the 3rd floor of Stockmann", "Stockmann"),
    ("Water leak in Kluuvi, a basement flooding", "Kluuvi"),
])
def test_other_places_still_resolve(city, text, place):
    res = locate(city, text)
    assert res.found and place in (res.place or ""), res


def test_the_list_knows_districts_not_streets():
    assert names_a_district("Vallila") and names_a_district("kallio") and names_a_district("Sörnäinen")
    assert not names_a_district("stockmann") and not names_a_district("mannerheimintie")
