"""People who cannot walk out on their own (bedridden, in wheelchairs, a care home) are taken from a burning building
to a shelter, indoors, never to an open square as the assembly point; everyone else still gathers outside."""

from __future__ import annotations

import pytest

from tools.protective import plan_protective_action


@pytest.mark.parametrize("text", [
    "Smoke in the nursing home at Fredrikinkatu 20, the residents are mostly bedridden, it is 2 am",
    "Fire on the 3rd floor of Annankatu 14, several residents use wheelchairs and cannot get down",
    "Fredrikinkatu 20 的养老院着火了，很多卧床的老人",
])
def test_people_who_cannot_self_evacuate_are_taken_indoors(city, text):
    plan = plan_protective_action(city, text, "fire")
    assert plan.primary == "evacuate_building", (text, plan.rule)
    names = {s.name for s in city.scenario.shelters}
    assert plan.shelters and all(s["name"] in names for s in plan.shelters), (text, plan.shelters, plan.assembly_point)
    assert plan.assembly_point is None
    assert "(indoors)" in plan.warning_message and "gather at" not in plan.warning_message


def test_an_office_fire_still_gathers_at_an_assembly_point(city):
    plan = plan_protective_action(city, "Fire in the office building at Fredrikinkatu 20, the staff are leaving", "fire")
    assert plan.primary == "evacuate_building" and plan.shelters == [] and plan.assembly_point is not None
