"""Where evacuees are sent (tools/PROTECTIVE_ACTIONS.md section 2, "Where evacuees go"): an assembly point or a reception
shelter lies outside the isolation circle and the downwind sector and, for a release carried on the wind, upwind or
crosswind of the source, never at the release point itself (a new user's trial: a chlorine leak at Kasarmitori got
"Assembly point: Kasarmitori"). The wind direction in each way a report says it; a chlorine drum spilled outdoors is a
toxic gas release."""

from __future__ import annotations

import math
import re

import pytest

from tools.protective import ProtectiveActionPlan, extract_protective_cues, plan_protective_action
from tools.protective import geometry as geo
from tools.protective.decision import decide

WINDS = {"southerly wind": 180.0, "wind 6 m/s from the north": 0.0, "a westerly, 4 m/s": 270.0, "wind from the east 5 m/s": 90.0, "SW wind": 225.0}


def _where_people_go(plan: ProtectiveActionPlan) -> list[tuple[str, float, float]]:
    points = [(plan.assembly_point["name"], plan.assembly_point["lat"], plan.assembly_point["lon"])] if plan.assembly_point else []
    return points + [(s["name"], s["lat"], s["lon"]) for s in plan.shelters]


def _check_upwind(city, plan: ProtectiveActionPlan) -> None:
    assert plan.sector, plan.rule
    places = _where_people_go(plan)
    assert places, "the plan sends people nowhere"
    sx, sy = geo.xy(city, plan.lat, plan.lon)
    downwind = math.radians(plan.sector["bearing_deg"])
    for name, lat, lon in places:
        x, y = geo.xy(city, lat, lon)
        dist = math.hypot(x - sx, y - sy)
        assert dist > (plan.isolation_m or 0), f"{name} is inside the {plan.isolation_m} m circle"
        # Its component along the downwind direction: <= 0 is upwind or crosswind (outside the sector too).
        along = ((x - sx) * math.sin(downwind) + (y - sy) * math.cos(downwind))
        assert along <= 0.0, f"{name} lies {along:.0f} m downwind of the release ({plan.rule}, wind from {plan.wind_from_deg})"


@pytest.mark.parametrize("wind", list(WINDS))
@pytest.mark.parametrize(("hazard", "report"), [
    ("hazmat", "Chlorine leak at Kasarmitori, {wind}"),
    ("hazmat", "Chlorine drum spilled outdoors at Kasarmitori, {wind}"),
    ("hazmat", "Ammonia leaking from a cylinder valve on Rautatientori, {wind}"),
    ("hazmat", "Unknown white cloud from a van at Senaatintori, people coughing, {wind}"),
])
def test_evacuees_go_upwind_or_crosswind_of_an_airborne_release(city, hazard, report, wind):
    plan = plan_protective_action(city, report.format(wind=wind), hazard)
    assert isinstance(plan, ProtectiveActionPlan)
    assert plan.wind_from_deg == WINDS[wind] and plan.wind_source == "report"
    _check_upwind(city, plan)


def test_the_release_point_is_never_the_assembly_point(city):
    plan = plan_protective_action(city, "Chlorine leak at Kasarmitori, southerly wind", "hazmat")
    assert plan.rule == "H9" and plan.assembly_point
    assert "Kasarmitori" not in plan.assembly_point["name"]
    zh = plan_protective_action(city, "氯气泄漏，Kasarmitori广场，南风", "hazmat")
    assert zh.rule == "H9" and zh.wind_from_deg == 180.0 and "Kasarmitori" not in zh.assembly_point["name"]


def test_smoke_sector_of_a_fully_involved_building_keeps_people_upwind(city):
    plan = plan_protective_action(city, "Flames from several floors and through the roof of Fredrikinkatu 30, northerly wind", "fire")
    assert plan.rule == "F5"
    _check_upwind(city, plan)


@pytest.mark.parametrize(("text", "rule", "material"), [
    ("Chlorine drum spilled outdoors at the depot yard", "H9", "chlorine"),
    ("A canister of chlorine split open on the quay", "H9", "chlorine"),
    ("一桶氯气在广场上泄漏", "H9", "chlorine"),
    # A household product stays a corrosive liquid.
    ("A bottle of bleach spilled on the pavement", "H4", "corrosive"),
    ("Someone dropped a bottle of ammonia cleaner outside the shop, it spilled", "H4", "corrosive"),
    # Pool chlorine in a canister is a hypochlorite solution; a chlorine gas cylinder at the pool stays the gas.
    ("A 25 litre canister of pool chlorine split open behind the sports centre", "H4", "corrosive"),
    ("泳池用氯一桶洒在地上", "H4", "corrosive"),
    ("Chlorine gas cylinder leaking at the outdoor pool", "H9", "chlorine"),
])
def test_toxic_gas_container_outdoors_is_a_toxic_release(text, rule, material):
    cues = extract_protective_cues(text)
    assert cues.material == material
    assert decide("hazmat", cues).rule == rule


@pytest.mark.parametrize(("text", "frm"), [
    ("southerly wind", 180), ("wind 6 m/s from the south", 180), ("wind from the south 6 m/s", 180), ("南风", 180), ("风从南边吹来", 180),
    ("a westerly", 270), ("a strong northerly, 8 m/s", 0), ("NNE wind 4 m/s", 22.5), ("wind from the SW", 225), ("wind: WNW", 292.5),
    ("winds from the south-southwest", 202.5), ("wind direction south", 180), ("wind is south-westerly", 225), ("wind from 200°", 200),
    ("the wind is blowing towards the east", 270), ("南边吹来的风", 180),
])
def test_wind_direction_in_every_usual_phrasing(text, frm):
    assert extract_protective_cues(text).wind_from_deg == frm


@pytest.mark.parametrize("text", ["it's windy at the square", "smoke at the westerly end of the park", "the northerly wing of the hospital", "fire in the west wing, wind 5 m/s"])
def test_no_wind_direction_where_none_is_said(text):
    assert extract_protective_cues(text).wind_from_deg is None


@pytest.mark.parametrize(("text", "frm"), [
    # A point after a verb of motion is where the air goes TO: the wind comes from the opposite side.
    ("wind blowing north", 180), ("the gas cloud is drifting towards the east", 270), ("the plume is moving in a westerly direction", 90),
    ("smoke heading south-west", 45), ("plume drifting northerly", 180), ("wind towards the north", 180), ("毒气向北飘", 180),
    # Said with "from" or as a noun it is where the wind comes from.
    ("wind blowing from the north", 0), ("a stiff southerly today", 180),
])
def test_where_the_air_goes_is_not_where_the_wind_comes_from(text, frm):
    assert extract_protective_cues(text).wind_from_deg == frm


@pytest.mark.parametrize("text", [
    "Strong winds, evacuate the people from the south side of the building",
    "the wind tore a sign from the west gate",
    "windy, fumes coming from the north door of the plant",
    "a leak near the Northerly Inn",
    "a leak in the Easterly tower",
])
def test_a_compass_word_that_names_a_place_is_no_wind(text):
    assert extract_protective_cues(text).wind_from_deg is None


@pytest.mark.parametrize(("report", "wind", "sheltered"), [
    ("Chlorine tank truck leaking at Kasarmitori, southerly wind", None, False),  # every shelter downwind or inside: none usable
    ("Chlorine tank truck leaking on Rautatientori", 270.0, True),  # the usable shelters hold only part of the people
])
def test_a_large_release_sends_people_without_a_shelter_place_upwind(city, report, wind, sheltered):
    """A large release whose shelters lie downwind still tells everyone moved where to go: an assembly point beyond the
    keep-out area, upwind or crosswind."""
    plan = plan_protective_action(city, report, "hazmat", wind_from_deg=wind)
    assert plan.rule == "H10" and plan.assembly_point, plan.warnings
    _check_upwind(city, plan)
    assert any("without a shelter place" in w or "no shelter outside the keep-out area" in w for w in plan.warnings)
    # Those people get a routed clearance to the assembly point too (CCRP, as the shelters'), and the public warning
    # tells them to go there.
    assert plan.clearance_routed_min is not None
    assert f"gather at {plan.assembly_point['name']}" in plan.warning_message
    # (said per case, so that a plan that lost its shelters fails here instead of skipping the check)
    assert bool(plan.shelters) == sheltered, plan.warnings
    if sheltered:
        assert plan.clearance_assembly_min is not None and plan.clearance_routed_min >= plan.clearance_assembly_min
        assert f"to the assembly point: {plan.clearance_assembly_min:.0f} min" in plan.summary()


def test_no_shelter_statement_says_why_each_shelter_is_out():
    from tools.evacuation.models import Hazard
    from tools.evacuation.report import unserved_statement
    status = {"a": "excluded: downwind of the release", "b": "excluded: downwind of the release", "c": "excluded: inside the hazard area"}
    text = unserved_statement(100, 100, [], [], status, {}, Hazard(hazard_type="hazmat", polygon=[(60.17, 24.94), (60.18, 24.94), (60.18, 24.95)]), "nearest")
    assert "2 downwind of the release" in text and "1 inside the hazard area" in text


def test_a_building_the_map_lacks_is_said_as_such_not_named_unknown_place(city):
    """A new user's trial: "evacuate the building at unknown place". What is known is said instead."""
    plan = plan_protective_action(city, "Fire on the 3rd floor at Qwertyuiopkatu 7", "fire")
    assert plan.lat is None
    assert "unknown place" not in plan.decision_text and "unknown place" not in plan.warning_message
    assert "the building (address not found)" in plan.decision_text
    assert plan.warning_message.startswith("Fire incident.")


def test_assembly_point_is_on_a_street_people_can_name(city):
    """A new user's trial: "Assembly point: footpath 47 m from Annankatu" for a fire at Bulevardi 14."""
    plan = plan_protective_action(city, "Fire on the 3rd floor of an apartment building at Bulevardi 14, smoke coming out of windows, "
                                        "one person trapped on the balcony", "fire")
    name = plan.assembly_point["name"]
    assert not name.startswith(("footpath", "junction at")), name


@pytest.mark.parametrize(("text", "rule"), [
    ("Suspicious backpack with wires left by a bench on Senaatintori", "PS2"),
    ("Unattended suitcase in the lobby of Stockmann, staff suspicious", "PS1"),
])
def test_suspicious_item_assembly_point_lies_beyond_the_preferred_distance(city, text, rule):
    """DHS: people outdoors clear the preferred-distance ring, so evacuees do not gather outdoors inside it."""
    plan = plan_protective_action(city, text, "public_security")
    assert plan.rule == rule and plan.assembly_point
    preferred = float(re.search(r"people outdoors clear to (\d+) m", plan.decision_text).group(1))
    sx, sy = geo.xy(city, plan.lat, plan.lon)
    x, y = geo.xy(city, plan.assembly_point["lat"], plan.assembly_point["lon"])
    assert math.hypot(x - sx, y - sy) > preferred
