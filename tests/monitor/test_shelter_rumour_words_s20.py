"""s20 (lead's stream run): the stream's shelter check (``RumourChecker.check``, called on every citizen post) reads a
shelter claim only where the post speaks of a shelter, as the chat does: "the metro at Central Station is closed" was
flagged a rumour about the Helsingin päärautatieasema shelter.  A shelter said closed in Finnish or Swedish
("suljettu", "kiinni", "ei ole auki", "stängt") is read as in English.  The real city scenario."""

from __future__ import annotations

import pytest

from agent.rumours import RumourChecker

NO_SHELTER_CLAIM = [
    "the metro at Central Station is closed, take the tram",
    "Päärautatieaseman metro on suljettu, ottakaa ratikka",
    "Tunnelbanan vid Centralstationen är stängd",
]
SHELTER_SAID_CLOSED = [
    "Don't go to Oodi, the shelter is closed!!",
    "Oodin väestönsuoja on suljettu, älkää menkö sinne",
    "Skyddsrummet i Oodi är stängt, gå inte dit",
    "Oodin evakuointikeskus ei ole enää auki",
]


@pytest.mark.parametrize("post", NO_SHELTER_CLAIM)
def test_a_place_with_a_shelter_said_closed_is_no_shelter_rumour(city, post):
    assert RumourChecker.from_scenario(city.scenario).check(post) is None


@pytest.mark.parametrize("post", SHELTER_SAID_CLOSED)
def test_a_shelter_said_closed_in_any_language_is_flagged(city, post):
    flag = RumourChecker.from_scenario(city.scenario).check(post)
    assert flag and "Oodi is closed" in flag and "scenario says open" in flag, flag
