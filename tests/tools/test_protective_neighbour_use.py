"""A kind of building named only to say where the burning one is ("the flats near the museum", "学校旁边的居民楼") is
a neighbour: the building's use is the report's own word for it (residential), not the neighbour's."""

from __future__ import annotations

import pytest

from tools.protective.cues import extract_protective_cues


@pytest.mark.parametrize("text", [
    "fire in a block of flats next to the school, smoke from the 2nd floor",
    "学校旁边的居民楼着火了，三楼冒烟",
    "smoke from an apartment building opposite the Grand hotel, 3rd floor",
])
def test_a_neighbour_named_to_place_the_building_is_not_its_use(text):
    assert extract_protective_cues(text).building_use == "residential", text


@pytest.mark.parametrize("text,use", [("fire in the school on Bulevardi, smoke in the corridor", "school"), ("酒店着火了，客人在五楼", "hotel")])
def test_the_building_itself_keeps_its_use(text, use):
    assert extract_protective_cues(text).building_use == use, text
