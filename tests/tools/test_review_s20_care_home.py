"""Review s20 (MED): a care home named only as a neighbour ("the block of flats ... next door to the care home", "across
the street from a nursing home", "养老院旁边的居民楼") made the building on fire or leaking a care home: counted at the
care home's day density (Snellmaninkatu 10 by day: 120 people, not the flats' 39).  The building use already skips
a neighbour (``cues._a_neighbour``); the care-home cue did not.  Real city and buildings."""

from __future__ import annotations

import pytest

from tools.protective import extract_protective_cues, plan_protective_action

NEIGHBOURS = [
    "Strong gas smell in the stairwell of the block of flats at Snellmaninkatu 10, next door to the care home, 10 am, a resident is dizzy",
    "Strong gas smell in the stairwell of the flats at Snellmaninkatu 10, across the street from a nursing home, 10 am, a resident is dizzy",
    "Snellmaninkatu 10，养老院旁边的居民楼，上午十点，楼道里煤气味很重，一位住户头晕。",
]


@pytest.mark.parametrize("text", NEIGHBOURS)
def test_a_care_home_next_door_is_no_care_home(text):
    assert not extract_protective_cues(text).care_home


@pytest.mark.parametrize("text", NEIGHBOURS[:2])
def test_the_flats_next_to_a_care_home_count_as_flats(city, text):
    plan = plan_protective_action(city, text, "hazmat", routing=False)
    assert plan.building is not None and plan.building.use != "care_home", plan.building
    assert plan.people_moved < 60, plan.people_moved


@pytest.mark.parametrize("text", ["Strong gas smell in the stairwell of the care home at Snellmaninkatu 10, 10 am, a resident is dizzy",
                                  "The care home staff next to the kitchen smell gas, Snellmaninkatu 10",
                                  "Snellmaninkatu 10的养老院，楼道里煤气味很重"])
def test_the_care_home_itself_is_still_one(text):
    assert extract_protective_cues(text).care_home
