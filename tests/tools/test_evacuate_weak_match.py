"""No evacuation is planned around a name the map does not have that only resembles one of its names (the pub "Ølhus
Stockholm" for Stockholm, "Verkosto" for New York): the tool says what it matched and asks (real OSM extract)."""

from __future__ import annotations

import pytest

from tools import llm_tools as ops
from tools.city import PlanningError


@pytest.mark.parametrize("place", ["Stockholm", "New York", "Vegas"])
def test_a_weak_match_plans_no_evacuation_and_names_the_match(city, place):
    assert city.gazetteer.resolve(place).score < 0.9  # the gazetteer's own fuzzy answer, weak
    with pytest.raises(PlanningError, match=r"not a name on the map; the closest is .*No evacuation planned"):
        ops.evacuate(city, ops.EvacuationArgs(place=place, hazard_type="fire"))


@pytest.mark.parametrize("place", ["Senaatintori", "Rautatientorri"])  # a name, and a slip of a letter in one
def test_a_name_of_the_map_or_a_slip_in_it_is_still_evacuated(city, place):
    where, plan = ops.evacuate(city, ops.EvacuationArgs(place=place, hazard_type="fire", radius_m=100))
    assert where.name in ("Senaatintori", "Rautatientori") and plan.total_people > 0
