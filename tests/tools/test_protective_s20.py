"""Session 20, issue 16 (protective actions and the people they move): the open defects session 19 left.

1. A care home is occupied day and night: its residents are in by day as at night, so it counts the flats' night
   density (3.0 / 100 m2) by day too, where a block of flats counts 1.0 by day.
2. A self-intersecting OSM outline gets the area of the polygon made valid (shapely ``make_valid``: the union of the
   lobes it encloses), not the signed shoelace area, where the lobes cancel (Eerikinkatu 10: 17 m2 for 69 m2).
3. A plan never sends people into another open incident's protective area: no shelter, and no assembly point of an
   area evacuation, inside it.
4. The suspicious-object cordon says which rule set its radius: the city plan's Annex H minimum or the DHS table.
Each is said in several wordings (English, Chinese, Finnish, Swedish) that are not the dev items' words.
"""

from __future__ import annotations

import pytest
import shapely

from tools.evacuation import Hazard, plan_evacuation
from tools.protective import extract_protective_cues, plan_protective_action
from tools.protective.buildings import city_buildings
from tools.protective.geometry import xy


# --- 1. a care home is occupied day and night -----------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Smoke in the corridor of the care home, staff are closing doors",
    "The nursing home's kitchen is on fire",
    "Gas smell in the stairwell of the retirement home",
    "养老院的储藏室着火了",
    "Hoivakodissa haisee kaasu",
    "Palvelutalon keittiössä palaa",
    "Det brinner på äldreboendet",
    "Gaslukt på ålderdomshemmet",
])
def test_a_care_home_is_read_in_four_languages(text):
    cues = extract_protective_cues(text)
    assert cues.care_home, text
    assert cues.building_use == "residential", cues  # a care home's fire still follows the residential rows (F2/F3)


@pytest.mark.parametrize("text", [
    "Smoke in the block of flats, the residents are leaving",
    "The home care nurse smells gas in a client's flat",  # home care is a service, not a care home
    "住宅楼的楼道里有烟",
])
def test_flats_and_home_care_are_no_care_home(text):
    assert not extract_protective_cues(text).care_home, text


@pytest.mark.parametrize(("text", "low", "high"), [
    # Snellmaninkatu 10: untagged, about 645 m2, no building:levels -> 6 floors. A care home by day: 6 x 645 x 3.0 / 100
    # = 116 (the flats' day density gave 39).
    ("Strong gas smell in the stairwell of the care home at Snellmaninkatu 10, 10 am, a resident is dizzy", 100, 130),
    # Korkeavuorenkatu 24: untagged, about 821 m2 x 6 floors -> 148 by day (was 49).
    ("Korkeavuorenkatu 24的养老院，上午十点，楼道里煤气味很重，一位老人头晕。", 130, 165),
    ("Ålderdomshemmet på Korkeavuorenkatu 24, klockan 11: stark gaslukt i trapphuset och två boende är yra.", 130, 165),
])
def test_a_care_home_by_day_counts_its_residents_as_at_night(city, text, low, high):
    plan = plan_protective_action(city, text, "hazmat", routing=False)
    assert plan.rule == "H2", plan.rule
    assert not plan.night
    assert plan.building is not None and plan.building.use == "care_home", plan.building
    assert low <= plan.people_moved <= high, plan.people_moved


def test_a_care_home_fire_by_day_follows_f3_at_the_care_home_density(city):
    # Bulevardi 16b: building=apartments, about 1,400 m2 x 6 floors: 6 x 1400 x 3.0 / 100 = about 250.
    plan = plan_protective_action(city, "Bulevardi 16 B, the care home: smoke filling the stairwell from the cellar, 14:00", "fire", routing=False)
    assert plan.rule == "F3"
    assert 220 <= plan.people_moved <= 280, plan.people_moved


def test_a_block_of_flats_by_day_keeps_the_day_density(city):
    # The same building said to be flats: 6 x 645 x 1.0 / 100 = 39 by day.
    plan = plan_protective_action(city, "Strong gas smell in the stairwell of the block of flats at Snellmaninkatu 10, 10 am, a resident is dizzy",
                                  "hazmat", routing=False)
    assert plan.building is not None and plan.building.use == "residential"
    assert 30 <= plan.people_moved <= 48, plan.people_moved


# --- 2. a self-intersecting outline: the area of the polygon made valid -------------------------------------------

def test_every_footprint_counts_at_least_its_valid_geometrys_area(city):
    b = city_buildings(city)
    short = [(b.label(i), round(b.footprint_m2(i)), round(b.geoms[i].area)) for i in range(len(b)) if b.footprint_m2(i) < b.geoms[i].area - 0.5]
    assert short == [], short


@pytest.mark.parametrize(("text", "hazard", "low", "high"), [
    # Eerikinkatu 10: the outline crosses itself; its shoelace area is 17 m2, the two lobes together 69 m2 (EPSG:3067).
    ("Eerikinkatu 10, 23.30: thick smoke filling the stairwell from the cellar, a man trapped on the top floor", "fire", 60, 75),
    ("Eerikinkatu 10号楼道里煤气味很重，两个住户头晕，下午两点", "hazmat", 60, 75),
    # Fredrikinkatu 30: drawn self-intersecting (three lobes); 542 m2 shoelace, about 950 m2 made valid.
    ("Strong gas smell and hissing in the stairwell at Fredrikinkatu 30, 11 am", "hazmat", 900, 1000),
    ("Fredrikinkatu 30:n kellarissa palaa ja rappukäytävä on täynnä savua", "fire", 900, 1000),
])
def test_a_self_intersecting_footprint_counts_the_area_it_encloses(city, text, hazard, low, high):
    plan = plan_protective_action(city, text, hazard, routing=False)
    assert plan.building is not None and plan.building.source == "osm", plan.building
    assert low <= plan.building.footprint_m2 <= high, plan.building


# --- 3. no shelter and no assembly point inside another open incident's area ------------------------------------------

KAISA_TALO = (60.171298, 24.948185)
OODI = (60.173724, 24.938058)
EUROPEAN_SCHOOL = (60.164493, 24.938624)


def _shelter_ids(plan) -> set[str]:
    return {s["shelter_id"] for s in plan.shelters}


def test_an_area_evacuation_sends_nobody_to_a_shelter_in_another_incidents_cordon(city):
    hazard = Hazard(hazard_type="fire", center=(60.1712, 24.9441), radius_m=150)
    before = plan_evacuation(city, hazard)
    assert any(s.shelter_id == "SH-KAISATALO" and s.load > 0 for s in before.shelters)  # the shelter the plan would use
    city.set_incident_areas([("INC-OTHER", *KAISA_TALO, 60.0)])
    after = plan_evacuation(city, hazard)
    assert not any(s.shelter_id == "SH-KAISATALO" and s.load > 0 for s in after.shelters), after.shelters
    status = next(s.status for s in after.shelters if s.shelter_id == "SH-KAISATALO")
    assert "INC-OTHER" in status, status
    # the incident planned itself: its own area is no other incident's
    own = plan_evacuation(city, hazard, for_incident="INC-OTHER")
    assert any(s.shelter_id == "SH-KAISATALO" and s.load > 0 for s in own.shelters)


def test_an_area_evacuations_assembly_points_avoid_another_incidents_area(city):
    hazard = Hazard(hazard_type="fire", center=(60.1712, 24.9441), radius_m=150)
    before = plan_evacuation(city, hazard)
    assert before.assembly_points
    points = [(a.lat, a.lon) for a in before.assembly_points]
    city.set_incident_areas([(f"INC-{k}", lat, lon, 60.0) for k, (lat, lon) in enumerate(points)])
    after = plan_evacuation(city, hazard)
    assert after.assembly_points
    circles = [shapely.Point(*xy(city, lat, lon)).buffer(60.0) for lat, lon in points]
    for a in after.assembly_points:
        p = shapely.Point(*xy(city, a.lat, a.lon))
        assert not any(c.contains(p) for c in circles), (a, points)


@pytest.mark.parametrize("text", [
    "A white van has been parked on Senaatintori with wires visible and a caller says it will go off. 14:00",
    "Senaatintori上停着一辆白色面包车，车里能看到电线，有人打电话说要爆炸。下午两点",
])
def test_a_protective_area_evacuation_skips_a_shelter_in_another_incidents_cordon(city, text):
    before = plan_protective_action(city, text, "public_security")
    assert before.rule == "PS3" and "SH-OODI" in _shelter_ids(before)
    city.set_incident_areas([("INC-OODI", *OODI, 100.0)])
    after = plan_protective_action(city, text, "public_security")
    assert "SH-OODI" not in _shelter_ids(after), after.shelters
    assert after.shelters  # others still take people


def test_people_who_cannot_walk_are_not_taken_indoors_into_another_incidents_cordon(city):
    text = "Night staff at the care home on Korkeavuorenkatu 24, 2 a.m., smoke down the stairs from the attic, most residents cannot walk"
    before = plan_protective_action(city, text, "fire")
    assert "SH-EUROOPPALAINEN-KOULU" in _shelter_ids(before)
    city.set_incident_areas([("INC-SCHOOL", *EUROPEAN_SCHOOL, 80.0)])
    after = plan_protective_action(city, text, "fire")
    assert "SH-EUROOPPALAINEN-KOULU" not in _shelter_ids(after), after.shelters


# --- 4. which rule set the suspicious-object radius -------------------------------------------------------------------

@pytest.mark.parametrize(("text", "radius", "said"), [
    ("A backpack has been left by the statue on Rautatientori for twenty minutes, nobody around", 100, "city plan Annex H minimum"),
    ("Kasarmitori上有一个没人看管的旅行包，周围没人", 100, "city plan Annex H minimum"),
    ("A car parked at the ministry entrance with wires under it, a threat was phoned in", 300, "city plan Annex H minimum"),
    ("A semi-trailer abandoned on Narinkkatori, a note on the cab says it is full of explosives", 479, "DHS"),
])
def test_the_plan_says_which_rule_set_the_cordon(city, text, radius, said):
    plan = plan_protective_action(city, text, "public_security", routing=False)
    assert plan.isolation_m == radius
    assert plan.radius_rule.startswith(said), plan.radius_rule
    assert said in plan.decision_text and said in plan.summary(), plan.decision_text
    if said == "DHS":
        assert "Annex H minimum" not in plan.radius_rule


# --- 1b. the building rows read in Finnish and Swedish (dev15: a Swedish care home's gas leak read as H11) -------------

@pytest.mark.parametrize("text", [
    "Kellarissa palaa ja rappukäytävässä on paksua savua",
    "Porraskäytävä on täynnä savua, asukkaat eivät pääse ulos",
    "Ullakolla palaa, savua tulee porraskäytävään",
    "Det brinner i källaren och trapphuset är fullt av rök",
    "Rök i trapphuset, en kvinna är instängd på femte våningen",
])
def test_a_nordic_cellar_fire_or_smoke_in_the_stairwell_is_f3(text):
    from tests.tools.helpers import protective_row

    assert protective_row("fire", text) == "F3", text


@pytest.mark.parametrize("text", [
    "Asunnossa palaa, rappukäytävässä ei ole savua",
    "Keittiössä palaa, ovi on kiinni ja porraskäytävä on vapaa",
    "Det brinner i en lägenhet, trapphuset är fritt",
    "Det brinner i köket, röken går ut genom fönstret men trapphuset är fritt",
    "Det finns ingen rök i trapphuset, bara i lägenheten",
])
def test_a_nordic_flat_fire_with_a_clear_stairwell_stays_f2(text):
    from tests.tools.helpers import protective_row

    assert protective_row("fire", text) == "F2", text


@pytest.mark.parametrize("text", [
    "Voimakas kaasun haju porraskäytävässä, kaksi asukasta valittaa huimausta",
    "Rappukäytävässä haisee kaasu ja naapuri pyörtyi",
    "Det luktar gas i trapphuset och en granne har svimmat",
    "Stark gaslukt i källaren, två personer känner sig yra",
])
def test_nordic_gas_in_a_common_area_with_symptoms_is_h2(text):
    from tests.tools.helpers import protective_row

    assert protective_row("hazmat", text) == "H2", text


@pytest.mark.parametrize("text", [
    "En övergiven väska står vid trappan på Senatstorget, ingen har hämtat den",
    "Hylätty reppu kirkon rappusilla, kukaan ei ole hakenut sitä",
    "En obevakad ryggsäck står på trappan utanför kyrkan",
])
def test_a_bag_on_the_steps_outside_is_no_building_in_finnish_or_swedish(text):
    # "trappan" / "rappuset" are the steps outside as well as inside: they do not put the item in a building (PS2, not PS1).
    from tests.tools.helpers import protective_row

    assert protective_row("public_security", text) == "PS2", text


# --- dev15 misses of a general kind: a pit in a named street (zh), a count placed "up there" ---------------------------

@pytest.mark.parametrize("text", [
    "Aleksanterinkatu上突然塌了一个大坑，旁边的楼没有裂缝",
    "Bulevardi上出现了一个大坑，车过不去",
    "Kasarmitori上塌出一个深洞，周围的房子没事",
])
def test_a_pit_opening_in_a_named_street_is_e4_in_chinese(text):
    from tests.tools.helpers import protective_row

    assert protective_row("earthquake_collapse", text) == "E4", text


@pytest.mark.parametrize("text", ["楼里的墙塌了个洞", "楼顶塌了个洞"])
def test_a_hole_in_a_wall_or_roof_is_no_ground_collapse(text):
    assert extract_protective_cues(text).structure != "ground", text


@pytest.mark.parametrize("text", [
    "There is smoke coming down the stairs from the attic and we have eleven residents in beds up there",
    "Smoke in the stairwell, twelve residents are still upstairs",
    "Smoke in the stairwell and about 15 people on the upper floors",
])
def test_a_count_placed_up_there_or_upstairs_is_a_part(text):
    # Spec 5a: a count placed on one floor is a part of the building (its lower bound), not its occupants.
    cues = extract_protective_cues(text)
    assert cues.occupants is None and cues.occupants_part, (cues.occupants, cues.occupants_part)
