"""Protective-action plans on the real Helsinki extract: geometry, building population, the anchor case."""

from __future__ import annotations

import math

import pytest
from shapely.geometry import Point, shape

from tools.evacuation import Hazard, plan_evacuation
from tools.protective import extract_protective_cues, plan_protective_action
from tools.protective.buildings import DENSITY, city_buildings, classify_use, people_in
from tools.protective.place import building_at_address
from tools.protective.geometry import sector

STAIRWELL = "Gas smell and two people dizzy in the stairwell at Yrjönkatu 21, what do we do?"


def test_the_stairwell_gas_report_moves_one_building_not_two_districts(city):
    plan = plan_protective_action(city, STAIRWELL, "hazmat")
    old = plan_evacuation(city, Hazard(hazard_type="hazmat", center=(plan.lat, plan.lon), radius_m=300))
    assert (plan.rule, plan.primary) == ("H2", "evacuate_building")
    assert plan.building is not None and plan.building.scope == "whole"
    # The OSM footprint that holds the shops at number 21 (the footprint itself carries no address).
    assert plan.building.source == "osm" and plan.building.footprint_m2 > 300
    assert 10 <= plan.people_moved <= 300 < old.total_people
    assert plan.shelters == [] and plan.assembly_point is not None
    # The assembly point lies outside the 30 m cordon around the building.
    cordon = shape(plan.geometries["isolation"])
    assert not cordon.contains(Point(plan.assembly_point["lon"], plan.assembly_point["lat"]))
    assert shape(plan.geometries["building"]).within(cordon)
    assert plan.clearance_routed_min is not None and plan.clearance_routed_min < 30
    assert "evacuate the building at Yrjönkatu 21" in plan.decision_text and "isolate 30 m" in plan.decision_text
    assert "stairs" in plan.warning_message and "naked flames" in plan.warning_message


def test_a_chlorine_leak_shelters_the_people_downwind_of_it(city):
    plan = plan_protective_action(city, "Chlorine cylinder leaking a little at the valve on Mannerheimintie, wind from the north at 4 m/s", "hazmat")
    assert plan.rule == "H9" and plan.wind_source == "report" and plan.sector["bearing_deg"] == 180.0
    wedge = shape(plan.geometries["sector"])
    assert wedge.centroid.y < plan.lat  # downwind of a north wind is south
    assert plan.people_sheltering > 0 and plan.people_moved > 0


def test_shelter_in_place_moves_nobody_and_opens_no_shelter(city):
    plan = plan_protective_action(city, "Storm warning for this evening near Senaatintori, gale-force winds expected", "severe_weather")
    assert (plan.rule, plan.primary, plan.people_moved) == ("SW1", "shelter_in_place", 0)
    assert plan.shelters == [] and plan.clearance_routed_min is None
    assert "stay indoors" in plan.warning_message


def test_an_unknown_place_still_gets_the_decision_with_a_warning(city):
    plan = plan_protective_action(city, "Gas smell and a man collapsed in the stairwell of a house somewhere", "hazmat")
    assert plan.primary == "evacuate_building" and plan.lat is None
    assert any("place not found" in w for w in plan.warnings)



def test_a_plan_without_a_place_says_nobody_is_moved_when_its_action_moves_nobody(city):
    """Sheltering in place moves no one wherever the storm is: the missing place makes nothing unknown. An area
    evacuation without a place is what cannot be counted."""
    plan = plan_protective_action(city, "Storm warning for this evening, gale-force winds expected", "severe_weather")
    assert (plan.primary, plan.people_moved, plan.lat) == ("shelter_in_place", 0, None)
    assert plan.people_basis == "nobody is moved: shelter in place"
    plan = plan_protective_action(city, "Chlorine cloud drifting from a tanker somewhere on the ring road", "hazmat")
    assert (plan.primary, plan.people_moved, plan.lat) == ("evacuate_area", 0, None)
    assert plan.people_basis == "unknown: place not found"

def test_building_population_follows_the_density_table(city):
    b = city_buildings(city)
    i = building_at_address(b, "Yrjönkatu", "26")  # Hotelli Torni, 13 levels in OSM
    assert i is not None and b.use[i] == "hotel" and b.floors(i) == 13
    area = b.geoms[i].area
    assert people_in("hotel", area, 13, night=True) == pytest.approx(area * 13 * DENSITY["hotel"][1] / 100)
    # A mixed central block: the ground floor is a shop, the floors above are flats.
    assert people_in("mixed", 100.0, 6, night=False) == pytest.approx(8.0 + 5 * 1.0)
    assert classify_use("yes", "", "department_store", "", "") == "retail" and classify_use("roof", "", "", "", "") == "empty"
    # The footprint's own tourism tag (pyrosm keeps it in its JSON tags): Marski by Scandic is building=yes, tourism=hotel.
    assert classify_use("yes", "", "", "", "Marski by Scandic", tourism="hotel") == "hotel"
    assert [b.use[k] for k in range(len(b)) if b.name[k] == "Marski by Scandic"] == ["hotel"]


def test_the_downwind_sector_is_a_wedge_of_the_given_angle():
    w = sector((0.0, 0.0), bearing_deg=90.0, angle_deg=60.0, length_m=1000.0)
    assert w.contains(Point(500, 0)) and not w.contains(Point(-500, 0)) and not w.contains(Point(500, 400))
    assert w.area == pytest.approx(math.pi * 1000**2 * 60 / 360, rel=0.01)


def test_cues_respect_negation_and_read_time_and_wind():
    c = extract_protective_cues("Faint smell of gas in the flat at 23:30, nobody is ill, wind blowing towards the east")
    assert not c.symptoms and c.night and c.hour == 23 and c.wind_from_deg == 270.0
    z = extract_protective_cues("凌晨两点楼道里煤气味很浓，有人头晕，东北风")
    assert z.symptoms and z.strong_odour and z.setting == "indoor" and z.wind_from_deg == 45.0


def test_a_large_spill_evacuates_the_area_and_downwind_to_suitable_shelters(city):
    plan = plan_protective_action(city, "A tanker truck has spilled thousands of litres of petrol on Kaivokatu", "hazmat")
    assert (plan.rule, plan.primary) == ("H6", "evacuate_area") and plan.sector["action"] == "evacuate"
    zone = shape(plan.geometries["evacuation_zone"])
    assert zone.contains(shape(plan.geometries["sector"]).centroid)  # the downwind sector is evacuated too
    unsuitable = {s.id for s in city.scenario.shelters if "hazmat" in s.unsuitable_for}
    assert plan.shelters and not ({s["shelter_id"] for s in plan.shelters} & unsuitable)
    assert all(s["people"] <= s["capacity"] for s in plan.shelters)
    assert plan.clearance_routed_min and plan.clearance_bound_min and plan.route_lines
    # Both population figures are shown; the headline follows the spec (zones) for an area.
    assert plan.people_moved_buildings and plan.people_moved_zones and plan.people_moved == pytest.approx(plan.people_moved_zones, rel=0.05)


def test_an_address_only_shops_carry_finds_its_building_and_a_time_is_no_house_number(city):
    from tools.protective.place import locate_in_report

    b = city_buildings(city)
    assert building_at_address(b, "Yrjönkatu", "30") is None  # the footprint has no address tags
    plan = plan_protective_action(city, "Strong gas smell in the stairwell of Yrjönkatu 30, a resident has a headache", "hazmat")
    assert plan.building.source == "osm" and plan.building.label == "Yrjönkatu 30" and plan.building.footprint_m2 > 300
    _, number = locate_in_report(city, "Annankatu, 21:15: smoke from a window", None, None, None)
    assert number is None
    _, number = locate_in_report(city, "Bulevardi 16b, kitchen fire", None, None, None)
    assert number == "16b"


def test_the_osm_use_of_the_building_decides_the_fire_row_and_a_flat_fire_counts_flats(city):
    # Kalevankatu 8 is a school in OSM; the report does not say so.
    plan = plan_protective_action(city, "Fire on the 2nd floor of Kalevankatu 8, smoke in the corridor", "fire")
    assert plan.rule == "F4" and plan.building.use == "school" and "building_use_from_map" in plan.cues["found"]
    # A flat fire high up in a mixed block: the fire floor and the one above are flats, not the shop floor.
    flat = plan_protective_action(city, "Kitchen fire in a flat on the 5th floor of Yrjönkatu 30 at 10:00, door shut, the rest of the stairwell is clear", "fire")
    assert flat.rule == "F2" and flat.building.use == "mixed"
    assert flat.people_moved == round(people_in("residential", flat.building.footprint_m2, 2, night=False))


def test_a_long_outage_relocates_only_the_dependent_persons(city):
    plan = plan_protective_action(city, "Power cut on Liisankatu expected to last 20 hours, -18 °C. Four residents there rely on oxygen concentrators.", "utility_outage")
    assert (plan.rule, plan.primary, plan.people_moved) == ("U2", "shelter_in_place", 4)


def test_landmarks_by_description_by_whole_word_and_by_their_own_footprint(city):
    # Named only by a description the locator knows, in English or Chinese.
    theatre = plan_protective_action(city, "Fire backstage at the National Theatre, smoke in the wings", "fire", routing=False)
    assert theatre.building.source == "osm" and "Kansallisteatteri" in theatre.building.label and theatre.rule == "F4"
    station = plan_protective_action(city, "中央火车站候车大厅起火，有浓烟", "fire", routing=False)
    assert station.building.source == "osm" and station.building.use == "public"
    # "Kitchen" does not name the restaurant "Kitch"; Esplanadi stands as a word of its own.
    assert plan_protective_action(city, "Kitchen fire in the pavilion restaurant on Esplanadi", "fire", routing=False).location == "Esplanadi"
    # Of overlapping footprints, the landmark's own (the cathedral, not a part of it); a hotel tag on an untagged block.
    church = plan_protective_action(city, "Smoke inside Helsingin tuomiokirkko", "fire", routing=False)
    assert church.building.label == "Helsingin tuomiokirkko" and church.building.footprint_m2 > 1000
    assert plan_protective_action(city, "Fire in a room of Hotel Kämp", "fire", routing=False).building.use == "hotel"


def test_a_facility_on_a_street_is_the_facility_not_the_middle_of_the_street(city):
    plan = plan_protective_action(city, "Smoke in the plant room of the swimming hall on Yrjönkatu", "fire", routing=False)
    assert plan.location == "Yrjönkadun uimahalli" and plan.building.source == "osm" and plan.building.use == "public"


def test_an_area_around_an_address_is_centred_on_that_address_not_the_middle_of_its_street(city):
    # The zone around "Yrjönkatu 8" starts at number 8 (about 330 m from the street's middle point).
    plan = plan_protective_action(city, "Suspicious van parked outside Yrjönkatu 8, a threat was phoned in", "public_security")
    assert plan.primary == "evacuate_area" and plan.location == "Yrjönkatu 8"
    at = city.locator.locate("Yrjönkatu 8")
    assert at.method == "address"
    dy = (plan.lat - at.lat) * 110_574.0
    dx = (plan.lon - at.lon) * 111_320.0 * math.cos(math.radians(at.lat))
    assert math.hypot(dx, dy) < 40
    zone = shape(plan.geometries["evacuation_zone"])
    assert zone.contains(Point(at.lon, at.lat))


def test_the_zone_figure_counts_land_inside_the_map_only(city):
    # Spec section 5: people "inside the map only"; a circle wholly off the map moves nobody by the zone figure.
    from tools.evacuation.geometry import map_box
    from tools.protective.people import zone_people

    box = map_box(city)
    outside = Point(box.bounds[2] + 400.0, box.bounds[3] + 400.0).buffer(300.0)
    assert zone_people(city, outside, night=False) == 0.0
    corner = Point(box.bounds[2], box.bounds[3]).buffer(200.0)
    assert zone_people(city, corner, night=False) == pytest.approx(zone_people(city, corner.intersection(box), night=False))


def test_a_hazard_without_a_table_row_is_an_explicit_answer_not_an_error(city):
    from tools.city import PlanningError
    from tools.protective import NotApplicable

    none = plan_protective_action(city, "A man broke his leg at Senaatintori", "medical")
    assert isinstance(none, NotApplicable) and none.hazard_type == "medical" and "no row" in none.reason
    with pytest.raises(PlanningError, match="empty"):  # a real failure stays an error
        plan_protective_action(city, "   ", "hazmat")


def test_a_footprint_tagged_with_a_number_range_carries_every_number_in_it(city):
    b = city_buildings(city)
    city_hall = building_at_address(b, "Pohjoisesplanadi", "11")  # addr:housenumber "11-13"
    assert city_hall is not None and b.name[city_hall] == "Helsingin kaupungintalo"
    assert building_at_address(b, "Pohjoisesplanadi", "13") == city_hall
    assert building_at_address(b, "Pohjoisesplanadi", "12") != city_hall  # the other side of the street
    music = building_at_address(b, "Mannerheimintie", "13 a")  # "13A"
    assert music is not None and b.name[music] == "Musiikkitalo"
    assert building_at_address(b, "Mannerheimintie", "13") != music  # a letter must agree


def test_an_address_without_a_letter_is_not_the_footprint_tagged_with_one(city):
    # Keskuskatu 1 (the bookshop's address point) lies in Kirjatalo; the footprint next door is tagged 1B.
    plan = plan_protective_action(city, "Strong chemical smell and two staff coughing on the 2nd floor of Keskuskatu 1", "hazmat", routing=False)
    assert plan.building is not None and plan.building.label == "Kirjatalo"


def test_a_hotel_the_report_names_at_its_address_makes_the_block_a_hotel(city):
    # Vuorikatu 19 is building=commercial (office) in OSM; the tourism=hotel point the report names lies inside it.
    plan = plan_protective_action(city, "Hotel Arthur, Vuorikatu 19, at 01:00: smoke from the basement laundry", "fire", routing=False)
    assert plan.rule == "F4" and plan.building.use == "hotel" and plan.night
    plain = plan_protective_action(city, "Vuorikatu 19, at 01:00: smoke from the basement laundry of the office building", "fire", routing=False)
    assert plain.building.use == "office"
    # A bank the report names at its address is a business inside the block (spec 5a): its amenity=bank point does not
    # make the mixed block an office building.
    bank = plan_protective_action(city, "Ålandsbanken, Bulevardi 3, 14:00: smoke from the basement storage", "fire", routing=False)
    assert bank.building.label == "Bulevardi 3" and bank.building.use == "mixed"


def test_a_circle_outside_a_named_building_starts_on_the_street_at_its_frontage(city):
    import shapely

    from tools.protective import geometry as geo
    from tools.protective.buildings import building_at, city_buildings

    b = city_buildings(city)
    text = "Chlorine cylinder leaking at the valve on Unioninkatu outside Metsätalo, two people coughing"
    plan = plan_protective_action(city, text, "hazmat", routing=False)
    # The dispatcher reads the street and the building: the street alone is 1 km long.
    assert plan.rule == "H9" and plan.location == "Unioninkatu outside Metsätalo"
    assert "Unioninkatu outside Metsätalo" in plan.decision_text and "Unioninkatu outside Metsätalo" in plan.warning_message
    x, y = geo.xy(city, plan.lat, plan.lon)
    street = next(e for e in city.gazetteer.entries_for("Unioninkatu") if e.kind == "street")
    metsatalo = next(e for e in city.gazetteer.entries_for("Metsätalo") if e.geometry is not None and e.geometry.geom_type == "Polygon")
    # On Unioninkatu (not its middle 500 m away, not the building's middle), beside Metsätalo's facade.
    assert street.geometry.distance(shapely.Point(x, y)) < 1.0 and metsatalo.geometry.distance(shapely.Point(x, y)) < 25.0
    # No street named: the building's front, the street of its own address (Lasipalatsi: Mannerheimintie 22-24), not the
    # side street that touches the block as closely.
    bare = plan_protective_action(city, "Suspicious package outside Lasipalatsi, nobody near it", "public_security", routing=False)
    assert bare.location == "Mannerheimintie outside Lasipalatsi"
    assert building_at(b, *geo.xy(city, bare.lat, bare.lon), max_m=30.0) is not None
    # A building's own action keeps the street: the building outside which something happens is not that building.
    flat = plan_protective_action(city, "Gas smell and a resident dizzy in a stairwell on Unioninkatu outside Metsätalo", "hazmat", routing=False)
    assert flat.primary == "evacuate_building" and flat.location == "Unioninkatu"
    # Inside the building it is the building.
    inside = plan_protective_action(city, "Suspicious package inside Stockmann, the store is being cleared", "public_security", routing=False)
    assert inside.location == "Stockmann"


def test_a_use_word_inside_a_business_name_is_not_the_use_of_the_building_around_it(city):
    # The name says what the business is; the block it trades from keeps its own use (spec 5a).
    for report in ("Burning smell from the freezers of the K-Supermarket at Kaisaniemenkatu 5, the shop is being emptied",
                   "Smoke in the back room of the Lidl supermarket, Kaisaniemenkatu 5",
                   "Alepa超市后面冒烟，Kaisaniemenkatu 5"):
        cues = extract_protective_cues(report)
        assert cues.building_use == "retail" and cues.use_is_tenant, report
        plan = plan_protective_action(city, report, "fire", routing=False)
        assert plan.rule == "F4" and plan.building.use == "mixed", report
    # The report's own word for the place, not part of a name, still calls the building a shop ...
    plain = plan_protective_action(city, "Smoke in the back room of the supermarket, Kaisaniemenkatu 5", "fire", routing=False)
    assert plain.building.use == "retail" and plain.people_moved > 2 * plan.people_moved
    # ... and a name whose kind is a building of its own keeps it: a named hotel, an office building with a name.
    assert extract_protective_cues("Smoke on the third floor of Hotel Helka, Pohjoinen Rautatiekatu 23").building_use == "hotel"
    assert extract_protective_cues("Smoke in the Sanoma office building").use_is_tenant is False
    # A capital that opens a sentence is no name; the school building around a named bank is still a school.
    assert extract_protective_cues("Supermarket on fire, Kaisaniemenkatu 5").use_is_tenant is False
    assert extract_protective_cues("Smoke from the Nordea Bank branch in the school building on Kalevankatu").building_use == "school"


def test_a_sea_level_warning_naming_no_place_evacuates_the_land_band_along_the_coastline(city):
    from tools.protective.geometry import coastline, waterfront_band

    assert coastline(city)  # the extract's natural=coastline ways
    band = waterfront_band(city, 100)
    assert 15e4 < band.area < 30e4  # land only (about 21 ha in the map), not both sides of the quay streets
    plan = plan_protective_action(city, "Sea level forecast +1.8 m above mean at the gauge this afternoon. Advice for the centre?", "flood", routing=False)
    assert (plan.rule, plan.primary, plan.location) == ("FL4", "evacuate_area", "the waterfront")
    assert "flood_extent" in plan.geometries and 300 < plan.people_moved < 1500  # a third of the band's day figure


def test_a_landmark_said_by_its_short_name_beats_a_square_named_after_it(city):
    # "Oodi" is a whole word of the report though the library's full name is longer: it is the building, not
    # Kansalaistori (the square the report names after it), whose assumed 600 m2 block moved a tenth of the people.
    plan = plan_protective_action(city, "Oodi staff: water is coming up through the floor of the ground-floor lobby on the Kansalaistori side",
                                  "flood", routing=False)
    assert plan.rule == "FL2" and "Oodi" in plan.building.label and plan.building.source == "osm" and plan.building.use == "public"


def test_a_church_on_its_street_with_smoke_inside_is_evacuated_by_its_plan(city):
    # "<church> on <street>" is the church's address, not a street fire; the map says it is a church (F4).
    plan = plan_protective_action(city, "The organist at Vanha kirkko on Lönnrotinkatu: smoke from behind the organ pipes, a few people in the pews",
                                  "fire", routing=False)
    assert plan.rule == "F4" and plan.primary == "evacuate_building" and plan.building.use == "public"


def test_a_pub_on_its_own_footprint_is_an_assembly_building_and_a_theatres_house_no_dwelling(city):
    # OSM amenity=pub on the building polygon itself: the whole building is the pub (public / assembly), so a
    # confirmed fire there is F4, not a flat fire in a mixed block.
    pub = plan_protective_action(city, "Grease fire in the kitchen at Pitkänsillanranta 2, flames up the extractor", "fire", routing=False)
    assert pub.building.use == "public" and pub.rule == "F4"
    # A full house at a theatre located by its address is the audience, not a block of flats.
    theatre = plan_protective_action(city, "Pohjoisesplanadi 2, 20:10: smoke over the stage, the house is full, about 480", "fire", routing=False)
    assert theatre.rule == "F4" and theatre.people_moved == 480
