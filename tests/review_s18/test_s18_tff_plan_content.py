"""Trial s18 (storm night), plan content: a car in flood water, a care home on a failing generator.

- M1: someone trapped in a car in a flooded underpass got the building-fire determinants ("people inside a burning
  building": "still inside", "people at a window": "banging on the windows") and units sent for a building fire, and
  no water rescue. The building-fire rules are now gated by their hazard, and a person in or on a vehicle in flood
  water is a water rescue (stranded in flood water: the rescue unit and an ambulance) and P1.
- M2: a care home on generator power with about two hours of fuel and twelve residents on oxygen concentrators was P2
  (the Finnish "Sähkökatko" read as no power cut, the two hours read as a covering backup) and counted 40 (or 40 + 12)
  dependent persons. It is P1 with the time-critical reason said, and the twelve are counted once.
"""

from __future__ import annotations

import pytest

from agent.hazards import reconciled_triage
from agent.life_risk import life_at_risk
from agent.schemas import TriageSummary
from tools.determinants import extract
from tools.protective.cues import read_protective_cues

_BUILDING_FIRE = {"people_inside", "at_window", "upper_floor", "smoke_exposed"}

CAR_IN_FLOOD_WATER = [
    "Flooded underpass at Siltasaarenkatu, car with a man inside, water rising",
    "car stuck in the flooded underpass, driver on the roof, banging on the windows",
    "Caller on 112, crying: \"the underpass is full of water, there's a car down there with a woman still inside, "
    "water is up to the windows, she's banging on the glass!\"",
    "Tulvinut alikulku Siltasaarenkadulla, vesi nousee, mies on vielä autossa sisällä",
    "Översvämmad undergång vid Broholmsgatan, en man kvar inne i bilen, vattnet stiger",
    "地下通道里又有一辆车被水淹了，司机爬到车顶上了，水还在涨",
]


def summary(kind: str = "flood", priority: str = "P2") -> TriageSummary:
    return TriageSummary(incident_type=kind, priority=priority, type_confidence=0.6, priority_confidence=0.6,
                         type_probs={kind: 0.6, "fire": 0.2}, priority_probs={priority: 0.6, "P1": 0.3})


@pytest.mark.parametrize("text", CAR_IN_FLOOD_WATER)
def test_a_person_in_a_car_in_flood_water_is_a_water_rescue_not_a_building_fire(text):
    codes = {d.code for d in extract(text)}
    assert "stranded_in_water" in codes, codes
    assert not codes & _BUILDING_FIRE, codes
    assert reconciled_triage(summary(), text).priority == "P1"


@pytest.mark.parametrize("text", [
    "Smoke pouring from the 3rd floor flat, a woman at the window, her husband still inside",
    "Fire in the basement car park, the sprinklers flooded the floor, a man still inside his car",
])
def test_a_fire_keeps_its_people_inside_and_at_the_window(text):
    codes = {d.code for d in extract(text)}
    assert "people_inside" in codes and "stranded_in_water" not in codes, codes


@pytest.mark.parametrize("text", [
    "Underpass on Sörnäisten rantatie flooded, about 30 cm of water, no cars in it",
    "car parked by the flooded underpass, nobody inside",
])
def test_flood_water_without_anyone_in_a_vehicle_is_no_water_rescue(text):
    codes = {d.code for d in extract(text)}
    assert "stranded_in_water" not in codes, codes
    assert reconciled_triage(summary(), text).priority == "P2"


def test_the_underpass_car_plan_sends_a_water_rescue_and_no_fire_reasons(make_assistant):
    plan = make_assistant().plan(CAR_IN_FLOOD_WATER[0], narrative=False)
    assert plan.triage.priority == "P1"
    resources = [i.text for i in plan.resources]
    assert any("(rescue," in t and "stranded in flood water" in t for t in resources), resources
    everything = " ".join(i.text for s in plan.SECTIONS for i in getattr(plan, s))
    assert "burning building" not in everything and "at a window" not in everything, everything


CARE_HOME = ("Palvelutalo Kruununhaka, Maneesikatu 4: generator running, fuel for about 2 hours, 40 residents, "
             "12 on oxygen concentrators. Sähkökatko since 22:10.")
FAILING_GENERATOR = [
    CARE_HOME,
    "Power cut at the care home on Liisankatu, on the backup generator with fuel for about 90 minutes, 8 residents on home oxygen",
    "Strömavbrott på vårdhemmet sedan kl 22. Generator running, fuel for 2 hours, 5 residents on ventilators.",
]


@pytest.mark.parametrize("text", FAILING_GENERATOR)
def test_life_support_on_a_generator_running_out_is_p1_with_its_time(text):
    why = life_at_risk(text)
    assert why and "runs out in about" in why, why
    assert reconciled_triage(summary("utility_outage"), text).priority == "P1"


def test_a_generator_with_fuel_for_days_still_covers():
    text = "Power cut, the care home is on its backup generator with fuel for 48 hours, 10 residents on oxygen concentrators"
    assert life_at_risk(text) is None


@pytest.mark.parametrize("text, dependents", [
    (CARE_HOME, 12),
    # the same twelve said again in an update appended to the report are not twelve more
    (CARE_HOME + " Correction: the care home is P1, generator fuel runs out in under 2 hours and 12 residents depend on oxygen", 12),
    ("Power cut at the care home: 3 residents on ventilators. 2 more residents on home dialysis.", 5),
    ("停电了，养老院有30位老人，其中6名依赖呼吸机", 6),
])
def test_dependent_persons_are_counted_once_and_not_as_their_whole_home(text, dependents):
    assert read_protective_cues(text).dependents == dependents


def test_the_care_home_plan_is_p1_and_says_when_the_fuel_runs_out(make_assistant):
    plan = make_assistant().plan(CARE_HOME, narrative=False)
    assert plan.triage.priority == "P1"
    lines = [i.text for i in plan.situation if i.text.startswith("Life at risk")]
    assert lines and "oxygen concentrators" in lines[0] and "2 hours" in lines[0], [i.text for i in plan.situation]


# M14: "Flooded underpass at Siltasaarenkatu" was "not on the map" (the map centre, ± 968 m): the participle that opens
# the sentence, capitalised, was read as an unknown name qualifying "underpass".
@pytest.mark.parametrize("text", [
    "Flooded underpass at Siltasaarenkatu, car with a man inside, water rising",
    "Flooded tunnel at Mannerheimintie, a bus stuck in the water",
    "Collapsed bridge railing on Unioninkatu, one man hurt",
])
def test_a_participle_opening_the_report_is_no_unknown_place(city, text):
    from tools.locate.locator import locate

    res = locate(city, text)
    assert res.found and not res.outside_map, res
    assert res.method != "not_found"


def test_an_unknown_town_opening_the_report_is_still_off_the_map(city):
    from tools.locate.locator import locate

    assert locate(city, "Tampere railway station, a man collapsed on the platform").outside_map


# LOW: a roof collapse in a storm got the flood annex's steps (pumps, closed underpasses), the flood annex being tagged
# for storms too. Its water steps fit an incident with water, not every storm.
_FLOOD_STEPS = [
    "Confirm the forecast or the report with the duty meteorologist and record the sea level trend.",
    "Alert the units at Erottajan paloasema and the Hakaniemi demonstration base; pre-position pumps.",
    "Close streets and underpasses with standing water deeper than 20 cm; never send people or vehicles through moving water.",
    "Ask the utilities to cut power to flooded basements before anyone enters them.",
    "Check care homes and ground-floor residents with reduced mobility in the flood area first.",
]


@pytest.mark.parametrize("report", [
    "Roof blown off at Kaisaniemenkatu 5, two people under debris at the bus stop",
    "Storm: a tree fell on a car on Unioninkatu",
    "暴风把屋顶掀翻了，两个人被压在下面",
])
def test_a_storm_without_water_gets_no_flood_steps(report):
    from agent.step_fit import incident_facts, step_fits

    facts = incident_facts(report, "severe_weather")
    assert not [s for s in _FLOOD_STEPS if step_fits(s, facts)]
    assert step_fits("Check on vulnerable people: care homes and people living alone.", facts)


@pytest.mark.parametrize("report, kind", [
    ("Storm: the basement at Kaisaniemenkatu 5 is flooded, water rising", "severe_weather"),
    ("Flooded underpass at Siltasaarenkatu, car with a man inside", "flood"),
])
def test_water_keeps_the_flood_steps(report, kind):
    from agent.step_fit import incident_facts, step_fits

    facts = incident_facts(report, kind)
    assert all(step_fits(s, facts) for s in _FLOOD_STEPS)


# LOW: "tree down across Unioninkatu by Kaisaniemi park" was the whole park (± 317 m): the park's centre is too far from
# the street for "by", though its edge runs along it. The street by the park's edge is the place.
@pytest.mark.parametrize("text", [
    "tree down across Unioninkatu by Kaisaniemi park, blocking both lanes, nobody hurt",
    "tree fell on a car on Unioninkatu by Kaisaniemen puisto",
])
def test_a_street_by_a_park_is_the_street_along_the_park(city, text):
    from tools.locate.locator import locate

    res = locate(city, text)
    assert res.method == "street" and res.feature == "Unioninkatu" and res.radius_m <= 100, res
