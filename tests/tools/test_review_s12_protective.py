"""Review of session 12 (branch s12-rv): protective-action readings round 7 (s12-protect) must not break.

Each passes on main (6c89b28) and FAILS on s12-protect at ed7a39f: look-alike reports (no dev item's wording) that
show bugs found in review. A mend makes them pass on the merged tree.
"""

from __future__ import annotations

import pytest

from tests.tools.helpers import protective_row


@pytest.mark.parametrize("text", [
    # the window is where the caller watches an outdoor fire from, or where it is reflected: nobody is moved (F1)
    "Grass fire in the park, I can see it from a window of the office at Annankatu 5.",
    "A car is burning in the car park, flames reflected in the shop window.",
    "Car fire on Annankatu, you can see the smoke from the windows of our office.",
])
def test_an_outdoor_fire_seen_from_or_in_a_window_moves_nobody(text):
    assert protective_row("fire", text) == "F1"


@pytest.mark.parametrize("text", [
    # a vehicle burning INSIDE a building is a fire in that building, not an outdoor vehicle fire
    "A lorry caught fire in the loading bay inside the warehouse at Annankatu 5.",
    "A truck is on fire inside the factory hall at Annankatu 5.",
])
def test_a_vehicle_burning_inside_a_building_is_a_building_fire(text):
    assert protective_row("fire", text) != "F1"


@pytest.mark.parametrize("text", [
    # "nobody else" bounded by a floor, a flat or said after an injury count: not everyone in the building
    "Fire in the office block at Annankatu 5, 12 of us here, nobody else on this floor.",
    "安娜街5号的公寓楼着火了，三个人受伤，没有其他人。",
])
def test_a_count_with_nobody_else_in_a_part_or_of_the_hurt_is_not_the_buildings(city, text):
    from tools.protective import plan_protective_action

    plan = plan_protective_action(city, text, "fire", routing=False)
    assert plan.people_moved > 5 and plan.people_basis != "stated in the report", (plan.people_moved, plan.people_basis)


# --- mend (s12-pfix): the same mechanisms on the review's other wordings, and what they must keep ---------------

@pytest.mark.parametrize("text, row", [
    ("Bin fire in the courtyard, I can see it through the kitchen window.", "F1"),
    ("A van is on fire on the road, the driver is still inside.", "F1"),      # a bare "inside" is the van's
    ("Bus on fire on the road, passengers still inside the bus.", "F1"),      # the inside of a vehicle is no building's
    ("公园里草地着火了，我从办公室窗户看到冒烟。", "F1"),                        # seen from the office window
    ("停车场里一辆车着火，窗户上映着火光。", "F1"),                              # reflected in a window
])
def test_outdoor_fires_stay_outdoor(text, row):
    assert protective_row("fire", text) == row


@pytest.mark.parametrize("text", [
    "I can see smoke coming out of a window of the flat upstairs.",  # seen, but coming out of the window
    "Flames in a window on the third floor of the block.",
])
def test_fire_coming_out_of_a_window_is_still_a_building_fire(text):
    assert protective_row("fire", text) != "F1"


@pytest.mark.parametrize("text", [
    "Gas smell on the street, hardly any smell getting into the shop.",
    "Gas smell on the street, we stopped the smell coming into the cafe.",
])
def test_gas_said_hardly_or_no_longer_to_get_in_does_not_enter(text):
    from tools.protective import extract_protective_cues

    assert not extract_protective_cues(text).gas_enters
    assert extract_protective_cues("Gas smell on the street, the smell is getting into the cafe.").gas_enters


@pytest.mark.parametrize("text", [
    "Fire in the flat at Annankatu 5, 2 of us here and nobody else in our flat.",
    "安娜街5号的公寓楼着火了，我们家4个人，没有别人在家。",
    "Fire in the hall, 3 injured, nobody else.",
])
def test_nobody_else_of_a_part_or_of_the_hurt_is_no_occupant_count(text):
    from tools.protective import extract_protective_cues

    assert extract_protective_cues(text).occupants is None


def test_nobody_else_in_the_building_is_still_all_who_are_there():
    from tools.protective import extract_protective_cues

    assert extract_protective_cues("Fire in the office block, 12 of us here, nobody else in the building.").occupants == 12
    assert extract_protective_cues("八个队员和我，没有其他人").occupants == 9
