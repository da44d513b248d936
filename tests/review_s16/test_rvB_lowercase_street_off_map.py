"""Review s16 (rvB) of 5d7cda3: a real street off the map typed in lower case ("mariankatu", as operators type) is
said to be off the map, never fuzzily matched to another street 1 km away ("Arkadiankatu"); the check read only
capitalised names.  Lower-case names of the map, misspelt or not, are still found."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("name", ["mariankatu", "porthaninkatu"])
def test_a_lower_case_street_off_the_map_is_said_not_replaced(city, name):
    from tools.gazetteer import UnknownPlaceError
    from tools.llm_tools import ResolvePlaceArgs, resolve_place

    with pytest.raises(UnknownPlaceError, match="not on the map"):
        resolve_place(city, ResolvePlaceArgs(name=name))
    with pytest.raises(UnknownPlaceError, match="not on the map"):
        city.locate(name)


@pytest.mark.parametrize(("typed", "meant"), [("aleksanterinktu", "Aleksanterinkatu"), ("kaisaniemankatu", "Kaisaniemenkatu"),
                                              ("stockman", "Stockmann"), ("anankatu", "Annankatu"), ("mannerheimvägen 5", "Mannerheimintie")])
def test_a_lower_case_place_of_the_map_is_still_found(city, typed, meant):
    assert city.locate(typed).name == meant
