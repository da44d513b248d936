"""A condition said of a thing is no casualty: a cable lying on a roof, a pole that is down, a wire that broke are not
people lying, down or broken, and the people merely on board are not patients unless a condition is said of them.
Each test gives the thing and the person look-alike, in English and Chinese."""

from __future__ import annotations

import pytest

from tools.casualties import census

from tests.tools.helpers import needs


def _patients(text: str) -> int:
    c = census(text)
    return c.serious + c.minor + c.ill + c.exposed


@pytest.mark.parametrize("text", [
    "Trolley halted at the junction with maybe 25 commuters inside and a power line lying on the roof",
    "30 kids on the school bus, the pole is down on the bonnet",
    "ten people waiting at the stop, a lamp post is broken and on the ground",
    "电车上有二十来个人，高压线断了搭在车顶上",
    "公交车里大概十五名乘客，大树倒下来压在车顶上",
    "路口一辆有轨电车，车上十来个乘客，一根电线杆倒在地上",
])
def test_a_condition_said_of_a_thing_makes_no_patients(text):
    assert _patients(text) == 0, census(text)


@pytest.mark.parametrize("text, serious", [
    ("the overhead wire came down and a woman is lying on the pavement", 1),
    ("a falling branch crushed a pedestrian", 1),
    ("the tram driver is not moving", 1),
    ("forty on board, three slumped in their seats", 3),
    ("20 passengers, two lying on the floor unconscious", 2),
    ("树倒了砸到一个人，他躺在地上不动", 1),
    ("电线掉下来压在一个骑车的人身上", 1),
    ("车上三十多个乘客，其中两个倒在地上了", 2),
])
def test_a_condition_said_of_a_person_stays(text, serious):
    assert census(text).serious == serious, census(text)


def test_a_tram_under_a_fallen_wire_gets_no_ambulance_per_passenger():
    for text in ("Tram stuck on the bridge, around eighteen people aboard, the catenary is down on top of it",
                 "有轨电车停在桥上，车上十几个乘客，上面的电线断了掉在车顶上"):
        assert needs("traffic_accident", "P2", text).get("ambulance", 0) <= 1, text
    # the same scene with someone hurt still gets one for them
    assert needs("traffic_accident", "P2", "Tram stuck on the bridge, the catenary is down on top of it, "
                 "two passengers lying on the floor unconscious").get("ambulance", 0) >= 2


def test_a_vehicle_stuck_in_a_fire_still_cuts_off_the_people_in_it():
    # being stuck is said of the car, but it cuts off the two inside it: they stay smoke-exposed
    assert census("car burning in the ditch, two kids inside, the car is stuck").exposed == 2
