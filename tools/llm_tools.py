"""LangChain tools over the gazetteer and the planners, written for a language model.

Every tool returns a JSON string. Nothing raises: bad arguments, unknown places and
planner refusals come back as ``{"error": ..., "hint"/"suggestions": ...}`` so the model
can correct itself.
"""

from __future__ import annotations

import json
import logging
from typing import Any, Callable, Literal

from langchain_core.tools import BaseTool, StructuredTool
from pydantic import BaseModel, Field, ValidationError

from tools.city import CityModel
from tools.dispatch import REQUIREMENTS, IncidentRequest, plan_dispatch
from tools.evacuation import Hazard, plan_evacuation
from tools.gazetteer import AmbiguousPlaceError
from tools.protective import plan_protective_action

log = logging.getLogger(__name__)

# Literal copies of the triage taxonomy so the JSON schema shown to the model lists the values
# (tests/tools/test_llm_tools.py checks they match tools.scenario.HAZARD_TYPES).
HazardType = Literal["fire", "flood", "earthquake_collapse", "traffic_accident", "hazmat", "medical", "public_health",
                     "public_security", "utility_outage", "severe_weather", "missing_person", "not_incident"]
Priority = Literal["P1", "P2", "P3", "P4"]


def _dump(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, default=str)


def _error(message: str, **extra: Any) -> str:
    return _dump({"error": message, **extra})


def _validation_message(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        parts = [f"{'.'.join(str(p) for p in e['loc']) or 'input'}: {e['msg']}" for e in exc.errors()[:4]]
        return _error("invalid arguments: " + "; ".join(parts))
    return _error(f"invalid arguments: {exc}")


def _place_error(exc: LookupError) -> str:
    if isinstance(exc, AmbiguousPlaceError):
        return _error(str(exc), candidates=[c.name for c in exc.candidates], hint="call again with one of the candidate names")
    suggestions = getattr(exc, "suggestions", [])
    return _error(str(exc), suggestions=suggestions, hint="call again with one of the suggested names" if suggestions else "ask the operator for a street or landmark")


def _guard(fn: Callable[..., str]) -> Callable[..., str]:
    def wrapper(**kwargs: Any) -> str:
        try:
            return fn(**kwargs)
        except LookupError as exc:
            return _place_error(exc)
        except (ValueError, ValidationError) as exc:
            return _validation_message(exc) if isinstance(exc, ValidationError) else _error(str(exc))
        except Exception as exc:  # noqa: BLE001 - a tool must answer the model, never crash the agent
            log.exception("tool %s failed", fn.__name__)
            return _error(f"internal error in {fn.__name__}: {type(exc).__name__}: {exc}")

    wrapper.__name__ = fn.__name__
    wrapper.__doc__ = fn.__doc__
    return wrapper


# --- argument schemas ----------------------------------------------------------------------
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


class ProtectiveActionArgs(BaseModel):
    report: str = Field(min_length=3, max_length=4000, description="The incident report in the caller's words (English or Chinese).")
    hazard_type: HazardType | None = Field(default=None, description="Triage hazard type; default: guessed from the report.")
    place: str | None = Field(default=None, max_length=200, description="Address or landmark, if the report does not name it.")
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    hour: int | None = Field(default=None, ge=0, le=23, description="Local hour of the incident (day 07-18); default: the report's, else day.")
    wind_from_deg: float | None = Field(default=None, ge=0, lt=360, description="Wind direction (from), degrees; default: the report's, else 225 (SW).")
    wind_speed_ms: float | None = Field(default=None, ge=0, le=60, description="Wind speed m/s; default: the report's, else 5.")


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


# --- the tools ------------------------------------------------------------------------------
def _protective_action_tool(city: CityModel, sink: list[Any] | None) -> Callable[..., str]:
    """The ``plan_protective_action`` tool function (kept out of ``make_tools`` to keep that readable)."""

    @_guard
    def protective_action(report: str, hazard_type: str | None = None, place: str | None = None, lat: float | None = None, lon: float | None = None,
                          hour: int | None = None, wind_from_deg: float | None = None, wind_speed_ms: float | None = None) -> str:
        """Decide the proportionate protective action for a report (evacuate the building, isolate, shelter in place
        or evacuate an area) by the documented decision table, with the people moved, the geometry, the assembly
        point or shelters, the clearance time and the public warning text. Use before plan_evacuation."""
        plan = plan_protective_action(city, report, hazard_type, place=place, lat=lat, lon=lon, hour=hour, wind_from_deg=wind_from_deg, wind_speed_ms=wind_speed_ms)
        if sink is not None:
            sink.append(plan)
        return _dump({
            "summary": plan.summary(),
            "rule": plan.rule, "primary": plan.primary, "actions": plan.actions, "decision": plan.decision_text, "reason": plan.reason,
            "location": plan.location, "people_moved": plan.people_moved, "people_moved_buildings": plan.people_moved_buildings,
            "people_moved_zones": plan.people_moved_zones, "isolation_m": plan.isolation_m, "sector": plan.sector,
            "assembly_point": plan.assembly_point, "shelters": plan.shelters, "clearance_routed_min": plan.clearance_routed_min,
            "clearance_bound_min": plan.clearance_bound_min, "warning_message": plan.warning_message, "warnings": plan.warnings,
        })


    return protective_action


def make_tools(city: CityModel, sink: list[Any] | None = None) -> list[BaseTool]:
    """The tools for an agent; each plan produced is also appended to ``sink`` (for a map)."""

    locate = city.locate

    @_guard
    def resolve_place(name: str) -> str:
        """Find a named place of the city (street, square, building, zone, shelter, station) and its coordinates.
        Returns the match, or closest suggestions when the name is unknown or ambiguous."""
        return _dump({"match": city.gazetteer.resolve(name).model_dump()})

    @_guard
    def list_shelters(hazard_type: str | None = None) -> str:
        """List the scenario's shelters with capacity, accessibility and, if hazard_type is given, suitability."""
        rows = []
        for s in city.scenario.shelters:
            row = {"id": s.id, "name": s.name, "capacity": s.capacity, "accessible": s.accessible, "lat": s.lat, "lon": s.lon}
            if hazard_type:
                row["suitable"] = hazard_type not in s.unsuitable_for and s.capacity > 0
            rows.append(row)
        return _dump({"shelters": rows})

    @_guard
    def evacuation(hazard_type: str, place: str | None = None, lat: float | None = None, lon: float | None = None, radius_m: float = 200.0,
                   closed_roads: list[str] | None = None, zones: list[str] | None = None, mode: str = "walk") -> str:
        """Plan an evacuation around a hazard: assigns people of affected zones to shelters within capacity,
        with routes avoiding the hazard area, assembly points, clearance time and unserved people."""
        where = locate(place, lat, lon)
        hazard = Hazard(hazard_type=hazard_type, center=(where.lat, where.lon), radius_m=radius_m, closed_roads=closed_roads or [])
        plan = plan_evacuation(city, hazard, zones=zones, mode=mode)
        if sink is not None:
            sink.append(plan)
        return _dump({
            "hazard_centre": where.name,
            "summary": plan.summary(),
            "assignments": [a.model_dump() for a in plan.assignments],
            "assembly_points": [{"zone_id": a.zone_id, "name": a.name} for a in plan.assembly_points],
            "clearance_time_min": plan.clearance_time_min,
            "clearance_time_routed_min": plan.clearance_time_routed_min,
            "total_people": plan.total_people,
            "unserved_people": plan.unserved_people,
            "unserved_statement": plan.unserved_statement,
            "warnings": plan.warnings,
        })

    @_guard
    def dispatch(incidents: list[Any]) -> str:
        """Recommend units for one or several simultaneous incidents by road ETA, P1 first, meeting the
        requirement table per incident type; reports shortfalls with mutual-aid advice. Changes no unit status."""
        requests = []
        for n, raw in enumerate(incidents, start=1):
            spec = raw if isinstance(raw, IncidentArgs) else IncidentArgs.model_validate(raw)
            where = locate(spec.place, spec.lat, spec.lon)
            requests.append(IncidentRequest(incident_id=spec.incident_id or f"INC-{n}", incident_type=spec.incident_type, priority=spec.priority,
                                            lat=where.lat, lon=where.lon, location_name=where.name))
        plan = plan_dispatch(city, requests)
        if sink is not None:
            sink.append(plan)
        return _dump({
            "summary": plan.summary(),
            "assignments": [a.model_dump(exclude={"route", "unit_lat", "unit_lon"}) for a in plan.assignments],
            "shortfalls": [s.model_dump() for s in plan.shortfalls],
            "explanation": plan.explanation,
            "warnings": plan.warnings,
        })

    @_guard
    def unit_status(unit_id: str | None = None) -> str:
        """Current status of one unit or of all units (available, dispatched, out_of_service), with type and station."""
        rows = [{"unit_id": u.id, "unit_type": u.type, "station": st.name, "status": u.status} for st, u in city.units() if unit_id in (None, u.id)]
        if unit_id and not rows:
            return _error(f"unknown unit {unit_id!r}", known_units=[u.id for _, u in city.units()])
        return _dump({"units": rows})

    @_guard
    def set_unit_status(unit_id: str, status: str) -> str:
        """Change a unit's status (available, dispatched, out_of_service) after the operator confirms it."""
        city.set_unit_status(unit_id, status)
        return _dump({"ok": True, "unit_id": unit_id, "status": status})

    def tool(fn: Callable[..., str], name: str, schema: type[BaseModel]) -> BaseTool:
        return StructuredTool.from_function(func=fn, name=name, description=(fn.__doc__ or "").strip(), args_schema=schema,
                                            handle_validation_error=lambda exc: _validation_message(exc), handle_tool_error=True)

    requirements = "; ".join(f"{k}: " + ", ".join(f"{n} {t}" for t, n in v.items()) for k, v in REQUIREMENTS.items() if v)
    tools = [
        tool(resolve_place, "resolve_place", ResolvePlaceArgs),
        tool(list_shelters, "list_shelters", ListSheltersArgs),
        tool(evacuation, "plan_evacuation", EvacuationArgs),
        tool(dispatch, "plan_dispatch", DispatchArgs),
        tool(unit_status, "unit_status", UnitStatusArgs),
        tool(set_unit_status, "set_unit_status", SetUnitStatusArgs),
        tool(_protective_action_tool(city, sink), "plan_protective_action", ProtectiveActionArgs),
    ]
    tools[3].description += f" Requirement table: {requirements}."
    return tools

