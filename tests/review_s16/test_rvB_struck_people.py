"""Review s16 (rvB) of ab4d27c: a thing that strikes people ("a tram hit three pedestrians waiting at the stop") is said
of the people it strikes, however long the words after them run.  The object of the condition was looked for only
when a joint word or the clause's end came within 30 characters of it: past that, the people were no patients."""

from __future__ import annotations

import pytest

from tools.casualties import census

from tests.tools.helpers import needs


@pytest.mark.parametrize(("text", "people"), [
    ("a tram hit three pedestrians waiting at the Senate Square stop", 3),
    ("the van ran over two cyclists on the bike lane by the market hall", 2),
    ("Caller reports tram derailed and hit people at the stop at the Cathedral steps.", 2),
    ("Scaffolding collapsed on workers at Aleksanterinkatu 8, the caller will wait at the door", 2),
    ("the bus knocked down an elderly woman crossing at the lights on Mannerheimintie", 1),
])
def test_people_struck_by_a_thing_are_patients_whatever_follows_them(text, people):
    c = census(text)
    assert c.serious + c.minor >= people, c


def test_three_pedestrians_hit_by_a_tram_get_two_ambulances():
    assert needs("traffic_accident", "P2", "a tram hit three pedestrians waiting at the Senate Square stop").get("ambulance", 0) >= 2


@pytest.mark.parametrize("text", [
    "Trolley halted at the junction with maybe 25 commuters inside and a power line lying on the roof of the tram car",
    "the overhead cable is down on the roof of the tram, about twenty passengers sitting inside waiting",
])
def test_a_thing_lying_on_a_vehicle_with_people_aboard_is_still_no_casualty(text):
    c = census(text)
    assert c.serious + c.minor + c.ill + c.exposed == 0, c
