"""Units asked for on top of those on scene ("another ambulance") are read as such, by unit type and count."""

from __future__ import annotations

import pytest

from tools.determinants import additional_units, extract


@pytest.mark.parametrize(("text", "wanted"), [
    ("could you send us two more fire engines, the fire has reached the roof", {"engine": 2}),
    ("requesting an additional police patrol at the east gate, the crowd is growing", {"police_patrol": 1}),
    ("还需要两辆消防车，火烧到隔壁了", {"engine": 2}),
    ("再派一辆救护车过来，又有一个人晕倒了", {"ambulance": 1}),
])
def test_an_ask_for_more_units_is_read_by_type_and_count(text, wanted):
    assert additional_units(extract(text)) == wanted


@pytest.mark.parametrize("text", [
    "we do not need another ambulance, he is fine now",
    "another ambulance has just arrived at the scene",
    "the second engine is already here",
    "send an ambulance to the library, a reader fainted",
])
def test_no_ask_for_more_is_read_where_none_is_made(text):
    assert additional_units(extract(text)) == {}
