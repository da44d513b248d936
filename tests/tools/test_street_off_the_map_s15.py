"""A real street the scenario's map does not cover is never fuzzily matched to another place (s15 trial #10)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("name", ["Porthaninkatu", "Mariankatu"])
def test_a_real_street_off_the_map_is_said_not_replaced(city, name):
    from tools.gazetteer import UnknownPlaceError
    from tools.llm_tools import ResolvePlaceArgs, resolve_place

    with pytest.raises(UnknownPlaceError, match="not on the map"):
        resolve_place(city, ResolvePlaceArgs(name=name))
    with pytest.raises(UnknownPlaceError, match="not on the map"):
        city.locate(name)  # the planners' path (dispatch, evacuation, shelters) too


@pytest.mark.parametrize(("typed", "meant"), [("Aleksanterinktu", "Aleksanterinkatu"), ("Stockman", "Stockmann")])
def test_a_misspelt_place_of_the_map_is_still_found(city, typed, meant):
    from tools.llm_tools import ResolvePlaceArgs, resolve_place

    assert resolve_place(city, ResolvePlaceArgs(name=typed)).name == meant
