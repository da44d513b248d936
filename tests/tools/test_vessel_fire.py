"""A fire aboard a ship or ferry is a large fire with everyone aboard at risk, never a small outdoor fire (s15 trial #2)."""

import pytest

from tools.determinants import extract
from tools.response_table import unit_needs

SHIP_FIRES = [
    "Smoke pouring from the vehicle deck of the ferry that just docked at West Harbour, 300 people on board",
    "Flames on deck 6 of the cruise ship at the Hernesaari quay, passengers mustering at the stern",
    "停靠在南港的客轮车辆甲板起火了，船上有一百多名旅客",
    "游船的机舱冒出浓烟，船上还有四十个游客和两名船员",
]


@pytest.mark.parametrize("report", SHIP_FIRES)
def test_a_ship_fire_is_read_as_one_and_not_as_a_small_outdoor_fire(report: str) -> None:
    codes = {d.code for d in extract(report)}
    assert "vessel_fire" in codes
    assert "outdoor_fire" not in codes


@pytest.mark.parametrize("report", SHIP_FIRES)
def test_a_ship_fire_gets_several_engines_the_rescue_unit_and_ambulances(report: str) -> None:
    counts = unit_needs("fire", "P1", extract(report)).counts
    assert counts.get("engine", 0) >= 3
    assert counts.get("rescue", 0) >= 1
    assert counts.get("ambulance", 0) >= 2


@pytest.mark.parametrize("report", [
    "A parked van is burning on Fredrikinkatu, nobody inside",
    "小区门口的垃圾桶着火了",
    "The fireboat is heading to the warehouse on the quay, the roof is smoking",
    "There is a boat show at the fair this weekend, any fire safety advice?",
])
def test_ordinary_fires_and_boats_without_a_ship_fire_are_not_ship_fires(report: str) -> None:
    assert "vessel_fire" not in {d.code for d in extract(report)}


def test_a_single_burning_car_stays_a_small_outdoor_fire() -> None:
    assert unit_needs("fire", "P2", extract("A car is on fire in the car park behind the shop")).counts.get("engine") == 1
