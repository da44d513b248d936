"""Mechanisms of the response determinants and table found general in the fresh dev set unit_needs_dev13: the scope of
a denial, who is up high in a fire, what a casualty count is bounded by. Each test says the fact and its look-alike."""

from __future__ import annotations

from tools.determinants import extract
from tools.response_table import unit_needs


def codes(text: str) -> set[str]:
    return {d.code for d in extract(text)}


def needs(incident_type: str, priority: str, text: str) -> dict[str, int]:
    return unit_needs(incident_type, priority, extract(text)).counts


def test_dont_think_anyone_is_hurt_is_a_denial():
    assert "injured" not in codes("a man smashing windows with a bar, don't think anyone's hurt yet")
    assert "injured" in codes("a man smashing windows with a bar, I think someone's hurt")


def test_a_no_after_a_comma_denies_the_next_clause_not_the_fact_before_it():
    assert "lift_stuck" in codes("power is off, the lift in this office is stuck with my colleague inside, he is ok, no injury")
    assert "injured" not in codes("injured: none")


def test_the_fires_floor_alone_is_no_ladder_people_up_there_are():
    flat = "Smoke coming from under the door of a fourth floor flat, the alarm is ringing, neighbours in the stairwell are fine"
    assert "ladder" not in needs("fire", "P1", flat)
    for up_high in ("Fire in a fourth floor flat, a woman is waving from the balcony",
                    "Smoke in our building, we're on the 6th floor and can't get down",
                    "四楼阳台着火了，烟飘进了楼上的房子",
                    "五楼冒出浓烟，阳台上有个老奶奶在挥手"):
        assert needs("fire", "P1", up_high).get("ladder") == 1, up_high
