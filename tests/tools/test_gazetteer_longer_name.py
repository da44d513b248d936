"""A name the map lacks that begins like a one-word landmark of the map ("Colorado Springs" vs the bar "Colorado") is
not that landmark: news of another city must not place anything in Helsinki (real OSM extract)."""

from __future__ import annotations

import pytest

from agent.places import extract_place
from tools.gazetteer import UnknownPlaceError


@pytest.mark.parametrize("text", [
    "BREAKING: wildfire near Colorado Springs, thousands told to leave their homes",
    "Colorado Springs 的山火迫使三万多人撤离",
    "Evacuations under way in Colorado Falls after the dam warning",
])
def test_a_longer_name_the_map_lacks_is_not_the_landmark_it_begins_with(city, text):
    assert all(p.name != "Colorado" for p in city.gazetteer.find_in_text(text)), text
    res = city.locator.locate(text)
    assert not res.found and not res.confident, (text, res)
    place = extract_place(text, city.gazetteer)
    assert place and place.startswith("Colorado ")
    with pytest.raises(UnknownPlaceError, match="Colorado"):  # the tool says so, and what was closest
        city.gazetteer.resolve(place)


@pytest.mark.parametrize("text", [
    "fight outside Colorado, two men bleeding",
    "Colorado 酒吧门口有人打架",
    "smoke coming out of Kiasma Museum, visitors leaving",
    "man collapsed in Stockmann Helsinki, ground floor",
    "man down at Colorado Bar, not breathing",
])
def test_the_landmark_itself_or_with_a_kind_word_is_still_found(city, text):
    assert city.gazetteer.find_in_text(text), text
