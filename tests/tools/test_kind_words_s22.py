"""A kind of place said alone is no name (s22): "gym" resolved to Ympäristöministeriö (its short name "YM" is 80 %
alike), "park" to Q-Park, "library" to one of six libraries.  A word for a kind never fuzzy-matches a proper name; a
Latin string under four letters matches a name only as the map writes it; and the kind said alone ("send them to the
school") is answered with the places of that kind to choose from."""

from __future__ import annotations

import pytest

from tools.gazetteer import AmbiguousPlaceError, UnknownPlaceError, normalize
from tools.place_aliases import GENERIC_PLACES

_KIND = {gp.kind: gp for gp in GENERIC_PLACES}


def _of_kind(city, kind: str) -> set[str]:
    return {e.name for e in city.locator.generic_candidates(_KIND[kind])}


@pytest.mark.parametrize(("said", "kind"), [
    ("gym", "gym"), ("a gym", "gym"), ("GYM", "gym"), ("kuntosali", "gym"), ("健身房", "gym"),
    ("school", "school"), ("the school", "school"), ("koulu", "school"), ("skolan", "school"), ("学校", "school"),
    ("kirjasto", "library"), ("library", "library"), ("the library", "library"), ("图书馆", "library"),
    ("park", "park"), ("the church", "church"), ("kirkko", "church"), ("hotel", "hotel"), ("museum", "museum"),
])
def test_a_kind_said_alone_is_one_of_its_places_or_a_question_never_a_look_alike_name(city, said, kind):
    places = _of_kind(city, kind)
    try:
        found = city.locate(said)
    except AmbiguousPlaceError as which:
        assert which.candidates and {c.name for c in which.candidates} <= places, (said, [c.name for c in which.candidates])
        assert "which one" in str(which), str(which)
    except UnknownPlaceError as none:
        assert not places, (said, str(none))  # only a kind the map has none of is unknown
    else:
        assert found.name in places, (said, found.name)


@pytest.mark.parametrize(("said", "kind"), [("send them to the school", "school"), ("the gym", "gym"), ("Kirjasto", "library")])
def test_several_places_of_the_kind_are_listed_to_choose_from(city, said, kind):
    with pytest.raises(AmbiguousPlaceError) as which:
        city.locate(said.removeprefix("send them to "))
    assert {c.name for c in which.value.candidates} == _of_kind(city, kind)
    assert all(name in str(which.value) for name in _of_kind(city, kind))


def test_a_kind_the_map_has_one_of_is_that_place(city):
    assert city.locate("the cathedral").name == "Helsingin tuomiokirkko"
    assert city.locate("fire station").name == "Erottajan paloasema"


@pytest.mark.parametrize("said", ["gym", "bar", "spa", "zoo", "YMP", "Zo", "odi", "kam", "体育馆"])
def test_a_short_latin_string_or_an_unknown_kind_matches_no_name_but_its_own(city, said):
    exact = city.gazetteer.entries_for(said)
    if exact:
        assert city.gazetteer.resolve(said).score == 1.0
        return
    with pytest.raises(LookupError):
        city.gazetteer.resolve(said)


@pytest.mark.parametrize("name", ["YM", "ym", "Zio", "Mbar", "Oodi", "Ressu"])
def test_short_names_written_as_the_map_has_them_still_resolve(city, name):
    found = city.gazetteer.resolve(name)
    assert found.score == 1.0 and normalize(name) in {normalize(k) for k in [found.name, *city.gazetteer.name_keys()]}
