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

from tools.city import CityModel, PlanningError
from tools.dispatch import REQUIREMENTS, DispatchPlan, IncidentRequest, plan_dispatch
from tools.evacuation import EvacuationPlan, Hazard, plan_evacuation
from tools.gazetteer import PlaceMatch

# Literal copies of the triage taxonomy so the JSON schema shown to the model lists the values
# (tests/agent/test_tool_registry.py checks they match tools.scenario.HAZARD_TYPES).
HazardType = Literal["fire", "flood", "earthquake_collapse", "traffic_accident", "hazmat", "medical", "public_health",
                     "public_security", "utility_outage", "severe_weather", "missing_person", "not_incident"]
Priority = Literal["P1", "P2", "P3", "P4"]


# --- argument models ---------------------------------------------------------------------
class ResolvePlaceArgs(BaseModel):
    name: str = Field(description="A place name as the caller wrote it: street, square, building, zone, shelter, station.", max_length=200)


class ListSheltersArgs(BaseModel):
    hazard_type: HazardType | None = Field(default=None, description="If given, mark which shelters are suitable for this hazard.")


class EvacuationArgs(BaseModel):
    hazard_type: HazardType = Field(description="Hazard type from the triage taxonomy.")
    place: str | None = Field(default=None, description="Centre of the hazard by name (street, building, square...). Give this or lat/lon.", max_length=200)
    lat: float | None = Field(default=None, ge=-90, le=90, description="Centre latitude, if no place name.")
    lon: float | None = Field(default=None, ge=-180, le=180, description="Centre longitude, if no place name.")
    radius_m: float = Field(default=200.0, gt=0, le=5000, description="Hazard radius in metres (1..5000).")
    closed_roads: list[str] = Field(default_factory=list, description="Street names closed to evacuees.", max_length=50)
    zones: list[str] | None = Field(default=None, description="Zones to evacuate whole (names or ids); default: zones the hazard touches.")
    mode: Literal["walk", "drive"] = Field(default="walk", description="walk (default) or drive.")


class IncidentArgs(BaseModel):
    incident_type: HazardType
    priority: Priority = Field(description="P1 = immediate threat to life ... P4 = no urgency.")
    place: str | None = Field(default=None, description="Where, by name. Give this or lat/lon.", max_length=200)
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    incident_id: str | None = Field(default=None, max_length=80, description="Optional id; default INC-1, INC-2, ...")


class DispatchArgs(BaseModel):
    incidents: list[IncidentArgs] = Field(min_length=1, max_length=20, description="One or several simultaneous incidents.")


class UnitStatusArgs(BaseModel):
    unit_id: str | None = Field(default=None, description="One unit id, or omit for all units.", max_length=40)


class SetUnitStatusArgs(BaseModel):
    unit_id: str = Field(max_length=40)
    status: Literal["available", "dispatched", "out_of_service"]


class UnknownUnitError(LookupError):
    """A unit id the scenario does not have (``known_units`` lists the ones it has)."""

    def __init__(self, unit_id: str, known_units: list[str]):
        super().__init__(f"unknown unit {unit_id!r}")
        self.known_units = known_units


# --- the operations ------------------------------------------------------------------------
def resolve_place(city: CityModel, args: ResolvePlaceArgs) -> PlaceMatch:
    return city.gazetteer.resolve(args.name)


def list_shelters(city: CityModel, args: ListSheltersArgs) -> list[dict[str, Any]]:
    rows = []
    for s in city.scenario.shelters:
        row: dict[str, Any] = {"id": s.id, "name": s.name, "capacity": s.capacity, "accessible": s.accessible, "lat": s.lat, "lon": s.lon}
        if args.hazard_type:
            row["suitable"] = args.hazard_type not in s.unsuitable_for and s.capacity > 0
        rows.append(row)
    return rows


def evacuate(city: CityModel, args: EvacuationArgs) -> tuple[PlaceMatch, EvacuationPlan]:
    """The hazard centre as resolved, and the evacuation plan around it."""
    where = city.locate(args.place, args.lat, args.lon)
    hazard = Hazard(hazard_type=args.hazard_type, center=(where.lat, where.lon), radius_m=args.radius_m,
                    closed_roads=args.closed_roads or [])
    return where, plan_evacuation(city, hazard, zones=args.zones, mode=args.mode)


def dispatch(city: CityModel, args: DispatchArgs) -> DispatchPlan:
    requests = []
    for n, spec in enumerate(args.incidents, start=1):
        where = city.locate(spec.place, spec.lat, spec.lon)
        requests.append(IncidentRequest(incident_id=spec.incident_id or f"INC-{n}", incident_type=spec.incident_type,
                                        priority=spec.priority, lat=where.lat, lon=where.lon, location_name=where.name))
    return plan_dispatch(city, requests)


def unit_statuses(city: CityModel, args: UnitStatusArgs) -> list[dict[str, Any]]:
    rows = [{"unit_id": u.id, "unit_type": u.type, "station": st.name, "status": u.status}
            for st, u in city.units() if args.unit_id in (None, u.id)]
    if args.unit_id and not rows:
        raise UnknownUnitError(args.unit_id, [u.id for _, u in city.units()])
    return rows


def set_unit_status(city: CityModel, args: SetUnitStatusArgs) -> None:
    city.set_unit_status(args.unit_id, args.status)


def requirements_text() -> str:
    """The dispatch requirement table in one line (for the dispatch tool's description)."""
    return "; ".join(f"{k}: " + ", ".join(f"{n} {t}" for t, n in v.items()) for k, v in REQUIREMENTS.items() if v)


__all__ = [
    "DispatchArgs", "EvacuationArgs", "HazardType", "IncidentArgs", "ListSheltersArgs", "PlanningError", "Priority",
    "ResolvePlaceArgs", "SetUnitStatusArgs", "UnitStatusArgs", "UnknownUnitError", "dispatch", "evacuate",
    "list_shelters", "requirements_text", "resolve_place", "set_unit_status", "unit_statuses",
]
