"""Trial s18 (storm night, `eca monitor`): an unknown place is said to be unknown, never silently replaced by a
guessed feature; a capsized boat with people in the water is a water rescue; a drill or an all-clear opens no
candidate; reports join only where their places agree (or, without a place, where their words do); an unverified
social claim of mass casualties is flagged, never merged into a real incident."""

from __future__ import annotations

import pytest

from agent.hazards import decisive_hazard


# --- the locator: a description qualified by a name the map lacks ----------------------------------------------------
@pytest.mark.parametrize("text, name", [
    ("Sailing boat upside down in the bay by Tervasaari, I can see two people holding on", "Tervasaari"),
    ("Small motorboat sinking in the bay near Lonna, one man in the water", "Lonna"),
    ("Kayak flipped at the pier by Pihlajasaari, a girl can't get back up", "Pihlajasaari"),
])
def test_a_place_the_map_lacks_is_not_replaced_by_a_guessed_feature(city, text, name):
    res = city.locator.locate(text)
    assert not res.found and res.outside_map, res.sentence()
    assert name in res.note and "not on the map" in res.note


@pytest.mark.parametrize("text", [
    "Sailing boat upside down in the bay, I can see two people holding on to it",
    "Our dinghy capsized off the island, two of us in the water",
    "Vene kaatui lahdella, kaksi ihmistä vedessä",
    "帆船翻了，有两个人在水里抓着船",
])
def test_a_capsized_boat_with_people_is_a_water_rescue_not_a_flood(text):
    assert decisive_hazard(text, "flood", 0.6) == "medical"
