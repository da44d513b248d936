"""The city's operations as thin typed functions, with the argument models a language model fills in.

Each function takes the city model and typed arguments and returns a typed result (a place,
a planner's plan, rows of plain data); errors are raised as the planners raise them
(``LookupError`` for unknown or ambiguous places, ``ValueError``/``PlanningError`` for bad
requests).  Turning them into tools an LLM can call, with model-readable errors, is the job
of ``agent.tool_registry``: there is one place that defines what the LLM can call.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field
from pydantic.json_schema import SkipJsonSchema

from core.geo import haversine_m
from tools.city import CityModel, PlanningError
from tools.dispatch import REQUIREMENTS, DispatchPlan, IncidentRequest, plan_dispatch
from tools.evacuation import EvacuationPlan, Hazard, plan_evacuation
from tools.evacuation.models import UNSPECIFIED_HAZARD
from tools.gazetteer import PlaceMatch
from tools.locate.named import locate_named
from tools.protective import NotApplicable, ProtectiveActionPlan, plan_protective_action

# Literal copies of the triage taxonomy so the JSON schema shown to the model lists the values
# (tests/agent/test_tool_registry.py checks they match tools.scenario.HAZARD_TYPES).
HazardType = Literal["fire", "flood", "earthquake_collapse", "traffic_accident", "hazmat", "medical", "public_health",
                     "public_security", "utility_outage", "severe_weather", "missing_person", "not_incident"]
Priority = Literal["P1", "P2", "P3", "P4"]
UnitType = Literal["engine", "ladder", "rescue", "hazmat", "ambulance", "police_patrol", "utility_crew"]


# --- argument models ---------------------------------------------------------------------
class ResolvePlaceArgs(BaseModel):
    name: str = Field(description="A place name as the caller wrote it: street, square, building, zone, shelter, station.", max_length=200)


class ListSheltersArgs(BaseModel):
    hazard_type: HazardType | None = Field(default=None, description="If given, mark which shelters are suitable for this hazard.")
    place: str | None = Field(default=None, max_length=200, description="If given, nearest shelters to this place first, with distances.")
    away: bool = Field(default=False, description="Shelters away from the place: the farthest first (needs place).")
    min_free: int | None = Field(default=None, ge=1, le=100000, description="Only shelters with at least this many free places.")
    assembly_points: bool = Field(default=False, description="Also the assembly points (staging areas) nearest the place.")


class EvacuationArgs(BaseModel):
    hazard_type: HazardType | Literal["unspecified"] = Field(description="Hazard type from the triage taxonomy; 'unspecified' when the order names none.")
    place: str | None = Field(default=None, description="Centre of the hazard by name (street, building, square...). Give this or lat/lon.", max_length=200)
    lat: float | None = Field(default=None, ge=-90, le=90, description="Centre latitude, if no place name.")
    lon: float | None = Field(default=None, ge=-180, le=180, description="Centre longitude, if no place name.")
    radius_m: float = Field(default=200.0, gt=0, le=5000, description="Hazard radius in metres (1..5000).")
    closed_roads: list[str] = Field(default_factory=list, description="Street names closed to evacuees.", max_length=50)
    zones: list[str] | None = Field(default=None, description="Zones to evacuate whole (names or ids); default: zones the hazard touches.")
    mode: Literal["walk", "drive"] = Field(default="walk", description="walk (default) or drive.")
    population: Literal["daytime", "resident"] = Field(default="daytime", description="The zones' population figures: daytime, or resident (night).")
    exclude_shelters: list[str] = Field(default_factory=list, max_length=20,
                                        description="Shelters the operator ruled out ('not the railway station'), by id or name; never used.")
    # Set by the chat from the order's words (never by the model: not in the tool's schema): one building is evacuated,
    # and these are its occupants (the number the order gave, or the building's estimate); ``occupants_basis`` says which.
    occupants: SkipJsonSchema[int | None] = Field(default=None, ge=1, le=100000)
    occupants_basis: SkipJsonSchema[str] = ""
    building: SkipJsonSchema[str] = ""  # its name or address, where the centre is given as a point


class IncidentArgs(BaseModel):
    incident_type: HazardType
    priority: Priority = Field(default="P2", description="P1 = immediate threat to life ... P4 = no urgency (default P2).")
    place: str | None = Field(default=None, description="Where, by name. Give this or lat/lon.", max_length=200)
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    incident_id: str | None = Field(default=None, max_length=80, description="The incident's id only where the operator wrote one (e.g. INC-3F2A91BC); otherwise leave it empty, never make one up.")
    unit_types: list[UnitType] | None = Field(default=None, max_length=7, description="Unit types the operator asked for (checked against the plan).")
    unit_ids: list[str] | None = Field(default=None, max_length=10, description="Units the operator named for this incident ('send KAM-A1 to X'); assigned first when available.")
    # Set by the chat's binder from the incident log (never by the model: not in the tool's schema): the units already
    # committed to this incident count against its need, so only what is still missing is planned.
    on_scene: SkipJsonSchema[list[str]] = Field(default_factory=list, max_length=40)


class DispatchArgs(BaseModel):
    incidents: list[IncidentArgs] = Field(min_length=1, max_length=20, description="One or several simultaneous incidents.")
    exclude_unit_ids: list[str] | None = Field(default=None, max_length=20,
                                               description="Units the operator said not to send ('do not send KAM-A1'); never planned.")
    exclude_unit_types: list[UnitType] | None = Field(default=None, max_length=7,
                                                      description="Unit types the operator took back ('no ladder needed after all'); none proposed.")
    fewer_unit_types: list[UnitType] | None = Field(default=None, max_length=7,
                                                    description="One unit of each of these types fewer per incident ('scratch the second engine').")
    # Set by the deterministic router (never by the model: not in the tool's schema): the operator's words when they tell
    # an incident besides the order ("Can you send an ambulance to Annankatu 12, a man is unconscious").  A chat dispatch
    # bound to no incident files them as that incident's report and proposes the units for it (s19).
    report: SkipJsonSchema[str] = Field(default="", max_length=4000)


class UnitStatusArgs(BaseModel):
    unit_id: str | None = Field(default=None, description="One unit id, or omit for all units.", max_length=40)
    station: str | None = Field(default=None, description="Only units of this station (name as written).", max_length=80)
    unit_type: UnitType | None = Field(default=None, description="Only units of this type.")
    available_only: bool = Field(default=False, description="Only the units that are available now (a 'which are free?' question).")
    eta_to: str | None = Field(default=None, max_length=120,
                               description="A place: each unit's road ETA to it, nearest first (a 'how long until ... gets to X?' question).")


class SetUnitStatusArgs(BaseModel):
    unit_id: str = Field(max_length=40)
    status: Literal["available", "dispatched", "transporting", "out_of_service"]


class ProtectiveActionArgs(BaseModel):
    report: str = Field(min_length=3, max_length=4000, description="The incident report in the caller's words (English or Chinese).")
    hazard_type: HazardType | None = Field(default=None, description="Triage hazard type; default: guessed from the report.")
    place: str | None = Field(default=None, max_length=200, description="Address or landmark, if the report does not name it.")
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    hour: int | None = Field(default=None, ge=0, le=23, description="Local hour of the incident (day 07-18); default: the report's, else day.")
    wind_from_deg: float | None = Field(default=None, ge=0, lt=360, description="Wind direction (from), degrees; default: the report's, else 225 (SW).")
    wind_speed_ms: float | None = Field(default=None, ge=0, le=60, description="Wind speed m/s; default: the report's, else 5.")


class UnknownUnitError(LookupError):
    """A unit id the scenario does not have (``known_units`` lists the ones it has)."""

    def __init__(self, unit_id: str, known_units: list[str]):
        super().__init__(f"unknown unit {unit_id!r}")
        self.known_units = known_units


# --- the operations ------------------------------------------------------------------------
def resolve_place(city: CityModel, args: ResolvePlaceArgs) -> PlaceMatch:
    match = city.gazetteer.resolve(args.name)
    if match.score < 1.0:  # never a fuzzy match for a real street off the map ("Mariankatu" is no "Arkadiankatu")
        city.check_not_a_street_off_the_map(args.name)
    return match


def list_shelters(city: CityModel, args: ListSheltersArgs) -> list[dict[str, Any]]:
    near = city.locate(args.place) if args.place else None
    # the places approved evacuations hold (the assistant follows them into the city): a list of capacities alone
    # read as free places (trial 18 M7); each shelter's restriction is said whether or not a hazard was asked about
    taken = city.shelter_taken() if hasattr(city, "shelter_taken") else {}
    rows = []
    for s in city.scenario.shelters:
        row: dict[str, Any] = {"id": s.id, "name": s.name, "capacity": s.capacity, "free": max(0, s.capacity - taken.get(s.id, 0)),
                               "accessible": s.accessible, "unsuitable_for": list(s.unsuitable_for) or "none",
                               "lat": s.lat, "lon": s.lon}
        if args.hazard_type:
            row["suitable"] = args.hazard_type not in s.unsuitable_for and s.capacity > 0
        if near is not None:
            row["distance_m"] = round(haversine_m(near.lat, near.lon, s.lat, s.lon))
            row["from"] = near.name
        rows.append(row)
    if args.min_free:
        rows = [r for r in rows if r["free"] >= args.min_free]
    if near is not None:
        rows.sort(key=lambda r: r["distance_m"], reverse=args.away)
    return rows


# A staging area this close to the place asked about is that place itself ("the nearest assembly point to Senate
# Square" is another square, not Senate Square).
SAME_PLACE_M = 150.0


def assembly_points_near(city: CityModel, place: str) -> list[dict[str, Any]]:
    """The scenario's staging areas (where people gather and units stage), nearest to ``place`` first, without the
    place itself."""
    near = city.locate(place)
    rows = [{"id": sa.id, "name": sa.name, "distance_m": round(haversine_m(near.lat, near.lon, sa.lat, sa.lon)), "from": near.name}
            for sa in city.scenario.staging_areas]
    return sorted((r for r in rows if r["distance_m"] > SAME_PLACE_M), key=lambda r: r["distance_m"])


# The least a place name must match a name of the map (gazetteer score) for an evacuation to be planned around it:
# a slip of a letter ("Kiasmaa") passes; a word of a longer name ("Stockholm" in the pub "Ølhus Stockholm", 0.88) does not.
EVACUATION_MIN_MATCH = 0.9


def evacuate(city: CityModel, args: EvacuationArgs, for_incident: str | None = None) -> tuple[PlaceMatch, EvacuationPlan]:
    """The hazard centre as resolved, and the evacuation plan around it; ``for_incident``: the incident it is planned
    for, whose own approved places count as free (a re-plan replaces them; ``plan_evacuation``)."""
    where, warning = locate_named(city, args.place, args.lat, args.lon)
    if args.place and where.score < EVACUATION_MIN_MATCH:
        # moving thousands of people off a name the map does not have: say what it was matched to, and ask
        raise PlanningError(f"{args.place!r} is not a name on the map; the closest is {where.name!r} ({where.kind}, "
                            f"match {where.score:.0%}). No evacuation planned: confirm the place (its exact name or an "
                            "address); it may be outside the scenario area.")
    hazard = Hazard(hazard_type=args.hazard_type, center=(where.lat, where.lon), radius_m=args.radius_m,
                    closed_roads=args.closed_roads or [])
    plan = plan_evacuation(city, hazard, zones=args.zones, mode=args.mode, population=args.population, for_incident=for_incident,
                           excluded_shelters=_shelter_ids(city, args.exclude_shelters), occupants=args.occupants,
                           building=f"the building at {args.building or where.name}")
    if args.occupants and not args.zones:
        plan.warnings.insert(0, f"Building evacuation: {args.occupants:,} occupants of the building at {args.building or where.name}"
                                f"{f' ({args.occupants_basis})' if args.occupants_basis else ''}, not the population of its district.")
    if warning:
        plan.warnings.append(f"Hazard centre: {warning}")
    if args.hazard_type == UNSPECIFIED_HAZARD:  # a wrong guess would pick the wrong shelters: say that none was named
        plan.warnings.append("Hazard not stated: shelters were not checked for suitability against a hazard. Confirm the "
                             "hazard (fire, gas, flood ...) before approving.")
    return where, plan


def _shelter_ids(city: CityModel, said: list[str]) -> list[str]:
    """The scenario's shelter ids for shelters given by id or name (exactly, or one of its aliases); PlanningError
    naming the shelters for one that is none of them (a shelter ruled out must never be dropped silently)."""
    ids = []
    for name in said:
        key = name.strip().casefold()
        found = next((s.id for s in city.scenario.shelters
                      if key in {s.id.casefold(), s.name.casefold(), *(a.casefold() for a in getattr(s, "aliases", []) or [])}), None)
        if found is None:
            raise PlanningError(f"{name!r} is no shelter of the scenario; shelters: {', '.join(s.name for s in city.scenario.shelters)}")
        ids.append(found)
    return ids


def protective_action(city: CityModel, args: ProtectiveActionArgs) -> ProtectiveActionPlan | NotApplicable:
    """The proportionate protective action for a report (tools/PROTECTIVE_ACTIONS.md); ``NotApplicable`` without a table row."""
    return plan_protective_action(city, args.report, args.hazard_type, place=args.place, lat=args.lat, lon=args.lon, hour=args.hour,
                                  wind_from_deg=args.wind_from_deg, wind_speed_ms=args.wind_speed_ms)


def dispatch(city: CityModel, args: DispatchArgs) -> DispatchPlan:
    requests, notes = [], []
    for n, spec in enumerate(args.incidents, start=1):
        where, warning = locate_named(city, spec.place, spec.lat, spec.lon)
        if warning:
            notes.append(f"{spec.incident_id or f'INC-{n}'} location: {warning}")
        requests.append(IncidentRequest(incident_id=spec.incident_id or f"INC-{n}", incident_type=spec.incident_type,
                                        priority=spec.priority, lat=where.lat, lon=where.lon, location_name=where.name,
                                        requested_units=spec.unit_ids or [], on_scene=list(spec.on_scene)))
    plan = plan_dispatch(city, requests, excluded=args.exclude_unit_ids or (), excluded_types=args.exclude_unit_types or (),
                         fewer_types=args.fewer_unit_types or ())
    plan.warnings.extend(notes)
    for spec in args.incidents:  # the operator asked for types the requirement table does not give: say so
        assigned = {a.unit_type for a in plan.assignments}
        missing = [t for t in (spec.unit_types or []) if t not in assigned and t not in (args.exclude_unit_types or [])]
        if missing:
            plan.warnings.append(f"Requested {', '.join(missing)} not in this plan (none available or not in the requirement "
                                 f"table for {spec.incident_type}); add by hand if needed.")
    return plan


def unit_statuses(city: CityModel, args: UnitStatusArgs) -> list[dict[str, Any]]:
    rows = [{"unit_id": u.id, "unit_type": u.type, "station": st.name, "status": u.status}
            for st, u in city.units() if args.unit_id in (None, u.id) and args.unit_type in (None, u.type)
            and (not args.station or _station_matches(args.station, st)) and (not args.available_only or u.status == "available")]
    if args.unit_id and not rows:
        raise UnknownUnitError(args.unit_id, [u.id for _, u in city.units()])
    if args.eta_to:
        rows = with_road_etas(city, rows, args.eta_to)
    return rows


def with_road_etas(city: CityModel, rows: list[dict[str, Any]], place: str) -> list[dict[str, Any]]:
    """``rows`` with each unit's road ETA to ``place`` (minutes: road time from where the unit is, plus turnout for one
    in quarters, as a dispatch plan counts it), the nearest first: an ETA question is answered with a route time, not a
    status (trial s19 L21).  A place off the map raises as ``locate_named`` does; a unit off the road network has none."""
    from tools.dispatch import TURNOUT_S
    from tools.dispatch.steps import RoadTimes

    where, _ = locate_named(city, place, None, None)
    target, _ = city.snap(where.lat, where.lon, "drive")
    by_id = {u.id: (st, u) for st, u in city.units()}
    nodes: dict[str, int] = {}
    for row in rows:
        station, unit = by_id[row["unit_id"]]
        try:
            nodes[unit.id] = city.snap(*city.unit_position(station, unit), "drive")[0]
        except PlanningError:
            continue
    roads = RoadTimes(city.index("drive"), list(nodes.values()) or [target], [target])
    out = []
    for row in rows:
        unit = by_id[row["unit_id"]][1]
        node = nodes.get(unit.id)
        seconds = roads.time(node, target) + (TURNOUT_S if unit.location is None else 0.0) if node is not None else float("inf")
        eta = round(seconds / 60.0, 1) if seconds != float("inf") else None
        out.append({**row, "eta_to": where.name, "eta_min": eta})
    return sorted(out, key=lambda r: (r["eta_min"] is None, r["eta_min"] or 0.0))


def _station_matches(name: str, station: Any) -> bool:
    from tools.gazetteer import normalize

    wanted = normalize(name).split()
    names = [normalize(n) for n in [station.name, station.id, *getattr(station, "aliases", [])]]
    return bool(wanted) and any(wanted[0][:5] in n for n in names)


def set_unit_status(city: CityModel, args: SetUnitStatusArgs) -> None:
    city.set_unit_status(args.unit_id, args.status)


def requirements_text() -> str:
    """The dispatch requirement table in one line (for the dispatch tool's description)."""
    return "; ".join(f"{k}: " + ", ".join(f"{n} {t}" for t, n in v.items()) for k, v in REQUIREMENTS.items() if v)


__all__ = [
    "DispatchArgs", "EvacuationArgs", "HazardType", "IncidentArgs", "ListSheltersArgs", "PlanningError", "Priority",
    "ProtectiveActionArgs", "ResolvePlaceArgs", "SetUnitStatusArgs", "UnitStatusArgs", "UnknownUnitError", "dispatch", "evacuate",
    "list_shelters", "protective_action", "requirements_text", "resolve_place", "set_unit_status", "unit_statuses",
]
