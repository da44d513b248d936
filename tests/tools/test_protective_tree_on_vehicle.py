"""A tree down on a tram, a bus or a car is a scene with more to fall and people hurt in the road: a falling-object cordon
(SW2), never "shelter in place" (session 16's trial H9: a tree on a full tram got SW1 "go or stay indoors")."""

from __future__ import annotations

import pytest

from tools.protective import decide, extract_protective_cues


@pytest.mark.parametrize("text", [
    "tree came down on the tram at Mannerheimintie by the Opera house, tram 4 full of people, windows smashed, some people hurt.",
    "Storm brought a big tree down onto a bus on Hämeentie, passengers inside",
    "A tree fell across the road and onto two cars, one driver hurt",
    "大风把一棵树吹倒了，砸在电车上，车上很多人，有人受伤",
])
def test_a_tree_on_a_vehicle_gets_a_cordon_not_shelter(text):
    d = decide("severe_weather", extract_protective_cues(text))
    assert "shelter_in_place" not in d.actions, (text, d)
    assert "isolate_deny_entry" in d.actions, (text, d)
