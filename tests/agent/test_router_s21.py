"""Issue 12 (s21-router): router defects found on the s21 DEVELOPMENT group of dev sets (v8, v9, v10, v17, v19),
each tested in words other than the sets' own, checked against a CHECK group of whole sets (v11, v12, v14):

1. a shelter question's kind - which shelters (``list_shelters``) or how full they are (``shelter_occupancy``) - is
   the learned intent model's to decide once a cue has said "shelters": a cue that fires on the shelter noun alone
   (a heading line "避难所" over "还剩多少床位") read every such question as a list.
"""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def router():
    from agent.router_model import IntentRouter

    return IntentRouter.default()


@pytest.fixture(scope="module")
def town():
    from tools.city import CityModel

    return CityModel.load()


def _names(text, router, town):
    from agent.intents import plan_calls

    return [c["name"] for c in plan_calls(text, router, town)]


# ----------------------------------------------------------------------------- 1. shelter kind
@pytest.mark.parametrize("text", [
    "安置点\n现在还空着多少个位子",
    "各个避难所\n目前住进去多少人了",
    "Shelters:\nhow many cots are still unused?",
])
def test_a_question_of_how_full_the_shelters_are_is_their_occupancy(router, town, text):
    assert _names(text, router, town) == ["shelter_occupancy"]


@pytest.mark.parametrize("text", [
    "Which shelters are near Kamppi?",
    "Kamppi 附近有哪些避难所？",
    "We need somewhere to put 80 people near Hakaniemi, which shelter?",
])
def test_a_question_of_which_shelters_stays_a_list(router, town, text):
    assert _names(text, router, town) == ["list_shelters"]
