"""A landmark the report measures from ("the guesthouse behind Kiasma", "斯托克曼对面的旅馆") is not the building on fire:
the plan does not evacuate the landmark, and says the building named is not on the map: confirm it. A fire in the
landmark itself still evacuates the landmark."""

from __future__ import annotations

import pytest

from tools.protective import plan_protective_action


@pytest.mark.parametrize("text, landmark", [
    ("The small guesthouse behind Kiasma is on fire, people shouting from the windows", "Kiasma"),
    ("Smoke pouring from the apartment block opposite Ateneum, third floor", "Ateneum"),
    ("Ateneum对面的那栋公寓楼着火了，三楼冒浓烟", "Ateneum"),
])
def test_the_reference_landmark_is_not_evacuated(city, text, landmark):
    plan = plan_protective_action(city, text, "fire")
    assert plan.primary == "evacuate_building", (text, plan.rule)
    assert landmark not in plan.decision_text and landmark not in plan.warning_message, (text, plan.decision_text)
    assert any("reference point only" in w and "confirm the building" in w for w in plan.warnings), (text, plan.warnings)


def test_a_fire_in_the_landmark_itself_still_evacuates_it(city):
    plan = plan_protective_action(city, "Fire alarm and smoke inside Kiasma, visitors are leaving the galleries", "fire")
    assert "Kiasma" in plan.decision_text, plan.decision_text


@pytest.mark.parametrize("text", ["Smoke in the ticket hall of the main railway station, fire alarm sounding",
                                  "Oodi图书馆二楼起火，读者正在撤离"])
def test_evacuating_a_building_that_is_a_shelter_says_so_first(city, text):
    plan = plan_protective_action(city, text, "fire")
    assert plan.primary == "evacuate_building", (text, plan.rule)
    assert plan.warnings and "is a shelter of the scenario" in plan.warnings[0], (text, plan.decision_text, plan.warnings)


def test_an_ordinary_building_gets_no_shelter_warning(city):
    plan = plan_protective_action(city, "Kitchen fire in the restaurant at Fredrikinkatu 20, smoke in the dining room", "fire")
    assert not any("is a shelter of the scenario" in w for w in plan.warnings), plan.warnings
