"""``plan_protective_action``: from a report to a proportionate protective action on the map.

Steps: cues from the text (``cues``) -> the table row (``decision``) -> where, and which
building (``place``) -> the geometry that fits the action (``action_geometry``) -> people in it,
from the buildings and from the zones (``people``) -> an assembly point or the reception
shelters, and the clearance time from the routing model beside the simple bound (``movement``)
-> the decision sentence and the warning text for the affected blocks (``words``).
"""

from __future__ import annotations

from typing import Any

import shapely

from core.text import check_text
from tools.city import CityModel, PlanningError
from tools.gazetteer import PlaceMatch
from tools.protective import geometry as geo
from tools.protective.buildings import ASSUMED_FOOTPRINT_M2, DEFAULT_LEVELS, care_home_use, city_buildings
from tools.protective.cues import ProtectiveCues, read_open_place_cues, read_protective_cues
from tools.protective.decision import ProtectiveDecision, decide
from tools.protective.models import BuildingInfo, NotApplicable, ProtectiveActionPlan
from tools.protective.movement import route_people
from tools.protective.people import building_occupants, nobody_moved, people_figures, people_sheltering, round2, vulnerable_share
from tools.protective.place import BuildingNotFound, ReportReading, building_named_in_capitals, find_building, locate_in_report, place_building, place_label
from tools.protective.words import UNLOCATED, decision_text, warning_message
from tools.scenario import HAZARD_TYPES


def action_geometry(city: CityModel, d: ProtectiveDecision, reading: ReportReading, match: PlaceMatch, footprint, src) -> tuple[dict[str, Any], Any]:
    """Metric shapes by kind (building, isolation, sector, outdoor ring, flood extent, evacuation zone) and the evacuated area.

    ``reading``: the report's places, as the planner read them."""
    geoms: dict[str, Any] = {}
    if d.building_scope:
        geoms["building"] = footprint
    if d.isolation_m:
        geoms["isolation"] = (footprint if d.building_scope else src).buffer(d.isolation_m)
    if d.sector:
        geoms["sector"] = geo.sector((src.x, src.y), d.sector.bearing_deg, d.sector.angle_deg, d.sector.length_m)
    if d.preferred_m:
        geoms["preferred_ring"] = src.buffer(d.preferred_m)
    if d.rule == "FL1":
        geoms["flood_extent"] = geo.flooded_section(city, match.name if match.kind == "street" else None, (src.x, src.y))
    if d.waterfront_band_m:
        band = geo.waterfront_band(city, d.waterfront_band_m, [m.name for m in reading.named if m.kind == "street"])
        if band is not None:
            geoms["flood_extent"] = band
    evac_area = None
    if "evacuate_area" in d.actions:
        parts = [geoms.get("isolation") or geoms.get("flood_extent") or src.buffer(d.isolation_m or 100)]
        if d.sector and d.sector.action == "evacuate":
            parts.append(geoms["sector"])
        if d.waterfront_band_m and "flood_extent" in geoms:
            parts = [geoms["flood_extent"]]
        evac_area = shapely.union_all(parts)
        geoms["evacuation_zone"] = evac_area
    return geoms, evac_area


# Uses of an OSM building that change a fire row (F2/F3 are for flats; F4 for everything else).
_NON_RESIDENTIAL = ("office", "retail", "school", "hotel", "public")


def _use_from_map(d: ProtectiveDecision, cues: ProtectiveCues, info: BuildingInfo, landmark: bool) -> bool:
    """Whether the OSM building's use should decide a fire row the report leaves open (indoors, use not said).

    A named landmark's use also beats a report's loose residential word ("the Old Student House"), and any mapped
    use beats a residential word that names only a shared part ("smoke down the main staircase" of a hotel).
    """
    open_use = cues.building_use is None or cues.use_is_tenant or (cues.building_use == "residential" and (landmark or cues.use_from_common_area))
    return d.rule in ("F2", "F3") and open_use and cues.setting != "outdoor" and info.source in ("osm", "cut") and info.use in _NON_RESIDENTIAL


def _in_the_street(hazard: str | None, cues: ProtectiveCues, match: PlaceMatch, number: str | None) -> bool:
    """Whether a hazmat report that says neither indoors nor outdoors happened in the street: it is placed on a
    street with no house number and names no building ("a sack of pool chemicals burst while unloading on
    Yliopistonkatu"). The material's usual indoor use (pool chemicals, a laboratory's) does not put it indoors.

    Only hazmat: a fire or a security report on a street may still be in one of its buildings ("smoke from a window
    on Fredrikinkatu").
    """
    return hazard == "hazmat" and cues.setting is None and cues.building_use is None and match.kind == "street" and number is None


def _sector_dict(d: ProtectiveDecision) -> dict[str, Any] | None:
    s = d.sector
    return {"length_m": s.length_m, "angle_deg": s.angle_deg, "action": s.action, "bearing_deg": s.bearing_deg} if s else None


def _nearest_warm_shelter(city: CityModel, plan: ProtectiveActionPlan, src: Any, people: int, for_incident: str | None) -> None:
    """People stranded outdoors in the cold go to the nearest scenario shelter with room for all of them (the places
    approved evacuations hold are taken), named with its distance; none with room: said, never a silent "stay home"."""
    taken = city.shelter_taken(for_incident) if hasattr(city, "shelter_taken") else {}
    best = None
    for s in city.scenario.shelters:
        if s.capacity - taken.get(s.id, 0) < people or plan.hazard_type in s.unsuitable_for:
            continue
        dist = shapely.Point(*geo.xy(city, s.lat, s.lon)).distance(src)
        if best is None or dist < best[0]:
            best = (dist, s)
    if best is None:
        plan.warnings.append(f"no shelter has room for the {people:,} people outdoors: find them a warm place indoors nearby")
        return
    dist, s = best
    plan.shelters.append({"shelter_id": s.id, "name": s.name, "lat": s.lat, "lon": s.lon, "capacity": s.capacity, "people": people,
                          "distance_m": round(dist)})


def plan_protective_action(city: CityModel, text: str, hazard_type: str | None = None, *, place: str | None = None, lat: float | None = None, lon: float | None = None,
                           hour: int | None = None, night: bool | None = None, wind_from_deg: float | None = None, wind_speed_ms: float | None = None,
                           routing: bool = True, for_incident: str | None = None) -> ProtectiveActionPlan | NotApplicable:
    """The proportionate protective action for a report: what, where, for how many people, how long.

    ``hazard_type``: the triage type (default: guessed from the report's words). Time of day and
    wind: operator input > the report > the spec's defaults (day; wind from 225° at 5 m/s).
    Returns ``NotApplicable`` when the table has no row for the hazard (a medical call); raises
    ``PlanningError`` only for a report that cannot be planned (empty, an unknown hazard type). Shelters are offered with
    the places approved evacuations leave (``city.shelter_taken``); ``for_incident``: the incident planned, whose own
    places count as free (a re-plan replaces them).
    """
    if hazard_type is not None and hazard_type not in HAZARD_TYPES:
        raise PlanningError(f"unknown hazard type {hazard_type!r}; use one of {', '.join(HAZARD_TYPES)}")
    if not text or (isinstance(text, str) and not text.strip()):
        raise PlanningError("the report is empty: describe what is happening and where")
    text = check_text(text, what="report")  # bytes, binary data, over-long text: the project's InputError, not a traceback
    cues = read_protective_cues(text)
    d = decide(hazard_type, cues, hour=hour, night=night, wind_from_deg=wind_from_deg, wind_speed_ms=wind_speed_ms)
    if d is None:
        hazard = hazard_type or cues.hazard_hint or "unknown"
        return NotApplicable(hazard_type=hazard, reason=f"the decision table has no row for hazard type {hazard!r}; no protective action is planned")
    warnings_: list[str] = []
    reading = ReportReading(city, text)  # the gazetteer and the locator read the report once, however often it is placed
    building_known = True
    try:
        match, number = locate_in_report(city, text, place, lat, lon, building=d.building_scope is not None, reading=reading)
    except (LookupError, PlanningError) as exc:  # the decision still stands; the map needs the place
        shore = _waterfront_place(city, d)
        coarser = exc.coarser if isinstance(exc, BuildingNotFound) else None
        if shore is None and coarser is not None:
            # The building is not on the map but the district it is in is: the plan gets that district's position
            # (a cordon, routes) around an assumed building at its middle, and says so -- no map building stands in.
            warnings_.append(f"{exc}; placed at the middle of {coarser.name}, the district the report names, with an assumed "
                             f"{ASSUMED_FOOTPRINT_M2:.0f} m² footprint of {cues.storeys or DEFAULT_LEVELS} floors: give the address")
            match, number, building_known = coarser, None, False
        elif shore is None:
            if isinstance(exc, BuildingNotFound):  # the documented rule for an unknown building: the assumed one
                warnings_.append(f"{_assumed_building(exc.why, cues.storeys)}: give the address")
            else:
                warnings_.append(f"place not found ({exc}); the action is planned without a map position: give the address")
            return _unlocated_plan(d, cues, hazard_type, warnings_, building_found=not isinstance(exc, BuildingNotFound))
        else:  # A sea-level warning for "the waterfront" names no place: its geometry is the whole waterfront band (FL3/FL4).
            match, number = shore, None
    b = city_buildings(city)
    if _in_the_street(hazard_type or cues.hazard_hint, cues, match, number) and building_named_in_capitals(city, b, match.name, text) is None:
        # (a building the report names by its initials on that street, "at EY on Alvar Aallon katu", is where it is)
        cues.setting = "outdoor"
        cues.found.append("setting_from_map")
        was_building = d.building_scope is not None
        d = decide(hazard_type, cues, hour=hour, night=night, wind_from_deg=wind_from_deg, wind_speed_ms=wind_speed_ms) or d
        if was_building and d.building_scope is None:  # a street place is read as one, not as the building the report is not in
            match, number = locate_in_report(city, text, place, lat, lon, building=False, reading=reading)
    # (A street has its own rule above: a hazmat report on it with no building named is outdoors; a business the
    # report names on it is its building, assumed where the map lacks it.)
    open_place = building_known and d.building_scope is not None and match.kind != "street" and not place_building(city, b, match)[1]
    if open_place:
        # A station, entrance, square or district is no building: unless the report puts the hazard inside, it is read
        # again outdoors (the place's own words -- station, entrance, its stairs -- name no building). A row that still
        # evacuates a building evacuates the one the report names, which the map does not identify there: never the
        # footprint the place's point lies under or beside.
        outdoor = read_open_place_cues(text)
        if outdoor.setting != "indoor":
            if cues.setting == "outdoor" and not cues.indoors_too:
                # the report itself is out in the open: a building named beside the place ("the cathedral steps",
                # 大教堂台阶) is a landmark, not where the hazard is
                outdoor.building_use, outdoor.building_type = None, None
            cues = outdoor
            d = decide(hazard_type, cues, hour=hour, night=night, wind_from_deg=wind_from_deg, wind_speed_ms=wind_speed_ms) or d
        if d.building_scope is not None:
            warnings_.append(f"{place_label(match)} is no building of the map ({match.category or match.kind}): the building the report "
                             f"puts the hazard in is not identified there; assumed a {ASSUMED_FOOTPRINT_M2:.0f} m² footprint of "
                             f"{cues.storeys or DEFAULT_LEVELS} floors at it: give the address")
    footprint, info, (cx, cy) = find_building(city, b, match, number, cues, text, known=building_known and not (open_place and d.building_scope))
    if open_place and d.building_scope is not None:
        info.label = f"the building the report names, at {place_label(match)}"
    if _use_from_map(d, cues, info, landmark=match.kind != "street"):  # a fire in a school the report does not call a school is still F4
        cues.building_use, cues.use_is_tenant = info.use, False
        cues.found.append("building_use_from_map")
        d = decide(hazard_type, cues, hour=hour, night=night, wind_from_deg=wind_from_deg, wind_speed_ms=wind_speed_ms) or d
    if info.source == "assumed" and d.building_scope and building_known:
        warnings_.append(_assumed_building(f"no OSM building at {info.label}", cues.storeys))
    if info.source == "cut" and d.building_scope:
        warnings_.append(f"the map holds only a sliver of {info.label}'s outline (the extract's boundary cut it): assumed a "
                         f"{ASSUMED_FOOTPRINT_M2:.0f} m² footprint of its {info.floors:g} floors")
    # Source of the hazard: the building for indoor rows and for an address (a circle or sector around
    # "Fredrikinkatu 30" starts at number 30, not at the middle of Fredrikinkatu), else the place itself.
    addressed = match.kind == "street" and number is not None
    src = shapely.Point(cx, cy) if d.building_scope or addressed else shapely.Point(*geo.xy(city, match.lat, match.lon))
    lat, lon = geo.latlon(city, src.x, src.y) if addressed else (match.lat, match.lon)
    geoms, evac_area = action_geometry(city, d, reading, match, footprint, src)
    people = people_figures(city, b, d, cues, info, footprint, evac_area)
    plan = ProtectiveActionPlan(
        hazard_type=hazard_type or cues.hazard_hint or "", rule=d.rule, primary=d.primary, actions=d.actions, reason=d.reason,
        decision_text="", location=place_label(match, number) if building_known else f"{match.name} (district; {BuildingNotFound.PREFIX})", lat=lat, lon=lon,
        building=info if d.building_scope else None, isolation_m=d.isolation_m, radius_rule=d.radius_rule, sector=_sector_dict(d),
        night=d.night, wind_from_deg=d.wind_from_deg, wind_speed_ms=d.wind_speed_ms, wind_source=d.wind_source,
        people_moved=round2(people.moved) if people.moved >= 100 else int(people.moved), people_moved_buildings=people.buildings,
        people_moved_zones=people.zones, people_basis=people.basis, people_sheltering=people_sheltering(b, d, geoms.get("sector"), evac_area),
        vulnerable_share=vulnerable_share(city, evac_area if evac_area is not None else footprint.buffer(50)),
        cues=cues.as_dict(), warnings=warnings_,
    )
    if d.primary == "evacuate_building" and building_known and (shelter := _shelter_in(city, footprint)) is not None:
        # Evacuating a building that is itself a shelter moves its sheltered people too: said first, never silently.
        plan.warnings.insert(0, f"{shelter.name} is a shelter of the scenario ({shelter.capacity:,} places): evacuating it empties "
                                f"a shelter that may be in use; send no evacuees there and confirm the building")
    if d.moves_people() and routing:
        route_people(city, plan, d, b, footprint, evac_area, src, for_incident=for_incident)
    elif d.indoor_refuge and d.shelters:
        _nearest_warm_shelter(city, plan, src, cues.occupants or 1, for_incident)
    plan.decision_text = decision_text(plan, d)
    plan.warning_message = warning_message(plan, d)
    plan.geometries = {k: g for k, v in geoms.items() if (g := geo.to_geojson(v, city)) is not None}
    return plan


def _shelter_in(city: CityModel, footprint):
    """The scenario's shelter whose point lies in (or within 15 m of) the building's footprint, else None."""
    near = footprint.buffer(15.0)
    return next((s for s in city.scenario.shelters if near.contains(shapely.Point(*geo.xy(city, s.lat, s.lon)))), None)


def _assumed_building(why: str, storeys: int | None = None) -> str:
    """The flag of a plan whose building the map lacks: why, and the building assumed in its place (of the storeys
    the report gives, else the default)."""
    floors = f"{storeys} floors (as reported)" if storeys else f"{DEFAULT_LEVELS} floors"
    return f"{BuildingNotFound.PREFIX}: {why}; assumed a {ASSUMED_FOOTPRINT_M2:.0f} m² footprint of {floors}"


def _waterfront_place(city: CityModel, d: ProtectiveDecision) -> PlaceMatch | None:
    """The waterfront band's own middle as the place of a sea-level row whose report names none (else None)."""
    if not d.waterfront_band_m:
        return None
    band = geo.waterfront_band(city, d.waterfront_band_m)
    if band is None or band.is_empty:
        return None
    p = band.representative_point()
    lat, lon = geo.latlon(city, p.x, p.y)
    return PlaceMatch(id="waterfront", name="the waterfront", kind="waterfront", lat=lat, lon=lon, score=1.0, category="", radius_m=0.0)


def _unlocated_plan(d: ProtectiveDecision, cues: ProtectiveCues, hazard_type: str | None, warnings_: list[str],
                    building_found: bool = True) -> ProtectiveActionPlan:
    """The decision without a place: people from an assumed building, no geometry, no routing.

    ``building_found`` False: the report names a building the map lacks (not merely no place at all)."""
    info = BuildingInfo(label="the building named in the report", footprint_m2=ASSUMED_FOOTPRINT_M2, floors=float(cues.storeys or DEFAULT_LEVELS),
                        use=care_home_use((None if cues.use_is_tenant else cues.building_use) or "mixed", cues.care_home), source="assumed", occupants=0,
                        scope=d.building_scope)
    moved = building_occupants(info, d, cues) if d.building_scope else 0
    info.occupants = moved
    plan = ProtectiveActionPlan(
        hazard_type=hazard_type or cues.hazard_hint or "", rule=d.rule, primary=d.primary, actions=d.actions, reason=d.reason, decision_text="",
        location=UNLOCATED, building=info if d.building_scope else None, isolation_m=d.isolation_m, radius_rule=d.radius_rule, sector=_sector_dict(d),
        night=d.night, wind_from_deg=d.wind_from_deg, wind_speed_ms=d.wind_speed_ms, wind_source=d.wind_source,
        people_moved=moved, people_basis=_unlocated_basis(d, moved, building_found),
        cues=cues.as_dict(), warnings=warnings_,
    )
    plan.decision_text = decision_text(plan, d)
    plan.warning_message = warning_message(plan, d)
    return plan


def _unlocated_basis(d: ProtectiveDecision, moved: int, building_found: bool) -> str:
    """What the people figure of a plan without a place rests on: an assumed building, nobody (the action moves no
    one, wherever it is), or nothing known (an area is evacuated, but where is not)."""
    if moved:
        return f"assumed building ({'place' if building_found else 'building'} not found)"
    return "unknown: place not found" if d.moves_people() else nobody_moved(d)
