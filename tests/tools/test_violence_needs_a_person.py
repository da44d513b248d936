"""'Violence still going on' needs a person acting on a person (session 16's trial M2: "still inside" of people in a gas
leak, "砸" of a tree on a tram and "keeps breaking" of the ice each gave "attacker on scene")."""

from __future__ import annotations

import pytest

from tools.determinants import extract


def codes(text: str) -> set[str]:
    return {d.code for d in extract(text)}


@pytest.mark.parametrize("text", [
    "Strong smell of gas at Kalevankatu 12, the residents are still inside",
    "大风把树刮倒了，砸在电车上，车窗都碎了",
    "一棵大树砸在公交车顶上",
    "He went through the ice, he keeps trying to climb out but the ice keeps breaking",
    "The shelf keeps breaking under the weight, water everywhere",
    "Apartment block burning, a woman is screaming for help from the third floor",
])
def test_no_violence_without_a_person_acting_on_a_person(text):
    assert "violence_ongoing" not in codes(text), text


@pytest.mark.parametrize("text", [
    "A man is hitting people with a bottle outside the bar, he is still there",
    "The attacker is still inside the shop",
    "他拿石头砸人，还在打",
    "Two guys are still going at him, kicking him on the ground",
    "He keeps smashing things and threatening the staff",
])
def test_violence_still_read(text):
    assert "violence_ongoing" in codes(text), text
