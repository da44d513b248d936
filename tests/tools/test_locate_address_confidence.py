"""A house number the map lacks is approximate: placed at another number it is never "confirmed by the text"
(real OSM extract)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", [
    "burst pipe, cellar filling with water at Fredrikinkatu 27, the caretaker is there",
    "弗雷德里克街25号的地下室进水了",
    "Mannerheimintie 60:n kellarissa vettä",
])
def test_a_number_the_map_lacks_is_placed_but_not_confirmed(city, text):
    res = city.locator.locate(text)
    assert res.found and res.method == "address_interpolated", (text, res)
    assert not res.confident, (text, res)
    assert "UNCONFIRMED" in res.sentence() and "confirmed by the text" not in res.sentence()


@pytest.mark.parametrize("text", ["smoke from a window at Bulevardi 16", "Annankatu 20 二楼有烟"])
def test_a_number_on_the_map_stays_confirmed(city, text):
    res = city.locator.locate(text)
    assert res.found and res.method == "address" and res.confident, (text, res)
