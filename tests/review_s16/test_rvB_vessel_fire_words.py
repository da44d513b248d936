"""Review s16 (rvB) of 24fe3a6: a vessel fire is a fire aboard a ship, not any fire whose report names a ferry, a
deck or a liner.  A bin burning at the ferry terminal, a car in the queue for the ferry, a car on the upper deck of a car
park, a bin liner, the fire brigade boarding a ferry for a patient: each got three engines, the rescue unit and two
ambulances."""

from __future__ import annotations

import pytest

from tools.determinants import extract

from tests.tools.helpers import needs


@pytest.mark.parametrize("text", [
    "Small fire in a rubbish bin at the ferry terminal, nobody hurt",
    "Car on fire in the queue for the ferry at West Harbour, driver got out",
    "Car burning on the upper deck of the Forum car park, nobody inside",
    "the bin liner is on fire in the stairwell bin",
    "Police cruiser on fire after the riot on Mannerheimintie, nobody inside",
    "The fire brigade is on the ferry to help a passenger who fainted",
    "垃圾桶着火了，就在渡轮码头旁边",
    "Flames on the sun deck of the restaurant terrace at Kauppatori, the awning is burning",
])
def test_a_fire_near_a_ship_or_on_a_deck_that_is_no_ships_is_no_vessel_fire(text):
    assert "vessel_fire" not in {d.code for d in extract(text)}


@pytest.mark.parametrize("text", ["Small fire in a rubbish bin at the ferry terminal, nobody hurt",
                                  "Car on fire in the queue for the ferry at West Harbour, driver got out",
                                  "垃圾桶着火了，就在渡轮码头旁边"])
def test_a_small_fire_by_the_ferry_gets_one_engine(text):
    assert needs("fire", "P3", text) == {"engine": 1}


@pytest.mark.parametrize("text", [
    "Smoke from the engine room of the ferry, 400 passengers on board",
    "Fire on the car deck of the Viking Line ship, passengers gathering on the upper deck",
    "the ship's upper deck is on fire, crew fighting it",
    "cruise liner on fire at the quay, smoke from deck 9",
    "渡轮的机舱冒烟，船上两百多名乘客",
])
def test_a_fire_aboard_a_ship_is_still_one(text):
    assert "vessel_fire" in {d.code for d in extract(text)}
