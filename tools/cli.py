"""`eca` subcommands of the tools package: city, evacuate, protect, dispatch."""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from core.vocabulary import INCIDENT_TYPES, PRIORITIES

# What --hazard accepts: the triage taxonomy (tools.scenario.HAZARD_TYPES is the same tuple; importing it here would
# load pydantic and yaml for every `eca` command).
HAZARD_HELP = ", ".join(t for t in INCIDENT_TYPES if t != "not_incident")
SCENARIO_HELP = ("scenario YAML: zones, shelters, stations and units (default: the packaged Helsinki scenario, "
                 "tools/scenarios/helsinki.yaml, or ECA_SCENARIO)")
TYPE_PRIORITY_HELP = f"TYPE is a hazard type ({HAZARD_HELP}); PRIORITY is one of " + ", ".join(PRIORITIES) + " (P1 = immediate threat to life)"


def default_zones() -> str:
    """The zones of the default scenario as "Name (ID)", read from its YAML without loading the map; a pointer
    to `eca city` when the file cannot be read (the help must never fail)."""
    try:
        import yaml

        from core.settings import get_settings

        data = yaml.safe_load(Path(get_settings().scenario).read_text(encoding="utf-8"))
        zones = [f"{z['name']} ({z['id']})" for z in data.get("zones") or []]
    except Exception:  # noqa: BLE001 - a broken scenario file is reported when a command loads it, not in --help
        zones = []
    return ", ".join(zones) if zones else "run `eca city` to list them"


def register(sub: argparse._SubParsersAction) -> None:
    """Add this package's subcommands to the `eca` parser."""
    p = sub.add_parser("city", help="load the city scenario (builds the road-graph cache) and describe it, zones included")
    p.add_argument("--scenario", type=Path, default=None, help=SCENARIO_HELP)
    p.set_defaults(handler=_city)

    p = sub.add_parser("evacuate", help="plan an evacuation around a hazard",
                       epilog=f"Hazard types: {HAZARD_HELP}. Zones of the default scenario: {default_zones()} "
                              "(`eca city --scenario FILE` lists another scenario's zones).")
    p.add_argument("--scenario", type=Path, default=None, help=SCENARIO_HELP)
    p.add_argument("--hazard", required=True, help=f"hazard type, one of: {HAZARD_HELP}")
    p.add_argument("--place", help="centre of the hazard by name")
    p.add_argument("--lat", type=float)
    p.add_argument("--lon", type=float)
    p.add_argument("--radius", type=float, default=200.0, help="hazard radius in metres")
    p.add_argument("--closed-road", action="append", default=[], help="street closed to evacuees (repeatable)")
    p.add_argument("--zone", action="append", default=None,
                   help="zone to evacuate whole, by name or id (repeatable); the zones are listed below and by `eca city`")
    p.add_argument("--mode", choices=["walk", "drive"], default="walk")
    p.add_argument("--population", choices=["daytime", "resident"], default="daytime")
    p.add_argument("--geojson", type=Path, help="write the plan's GeoJSON here")
    p.set_defaults(handler=_evacuate)

    p = sub.add_parser("protect", help="decide the proportionate protective action for a report (building, cordon, shelter in place, area)",
                       epilog=f"Hazard types: {HAZARD_HELP}. The decision table is tools/PROTECTIVE_ACTIONS.md.")
    p.add_argument("report", help="the incident report, in quotes (English or Chinese)")
    p.add_argument("--scenario", type=Path, default=None, help=SCENARIO_HELP)
    p.add_argument("--hazard", default=None, help=f"hazard type, one of: {HAZARD_HELP} (default: guessed from the report)")
    p.add_argument("--place", help="address or landmark, if the report does not name it")
    p.add_argument("--hour", type=int, default=None, help="local hour 0-23 (default: the report's, else day)")
    p.add_argument("--wind-from", type=float, default=None, help="wind direction (from), degrees (default: the report's, else 225)")
    p.add_argument("--wind-speed", type=float, default=None, help="wind speed m/s (default: the report's, else 5)")
    p.add_argument("--geojson", type=Path, help="write the plan's GeoJSON here")
    p.set_defaults(handler=_protect)

    p = sub.add_parser("dispatch", help="recommend units for one or several incidents",
                       epilog="PLACE is an address, street, landmark or zone of the scenario (`eca city` lists the zones).")
    p.add_argument("--scenario", type=Path, default=None, help=SCENARIO_HELP)
    p.add_argument("--incident", action="append", required=True, metavar="TYPE:PRIORITY:PLACE",
                   help=f"e.g. 'fire:P1:Aleksanterinkatu' (repeatable for simultaneous incidents); {TYPE_PRIORITY_HELP}")
    p.add_argument("--geojson", type=Path, help="write the plan's GeoJSON here")
    p.set_defaults(handler=_dispatch)


def _load(args: argparse.Namespace):
    from core.errors import UserError
    from tools.city import CityModel
    from tools.scenario import ScenarioError

    try:
        city = CityModel.load(args.scenario)
    except ScenarioError as exc:
        raise UserError(str(exc)) from None
    # The city starts from the scenario's unit statuses; a higher layer that keeps the confirmed changes (the incident
    # log) registers this hook, so a unit set out of service or committed earlier is not recommended again.
    restore = getattr(args, "restore_unit_statuses", None)
    if restore is not None:
        restore(city)
    return city


def _place(city, name: str | None, lat: float | None, lon: float | None):
    """The place and the operator's warning about it (``locate_named``); a bad name is a UserError."""
    from core.errors import UserError
    from tools.city import PlanningError
    from tools.gazetteer import AmbiguousPlaceError
    from tools.locate.named import locate_named

    if not name and (lat is None or lon is None):
        raise UserError("give --place NAME or both --lat and --lon")
    try:
        return locate_named(city, name, lat, lon)
    except AmbiguousPlaceError as exc:
        raise UserError(f"{exc}. Be more specific.") from None
    except LookupError as exc:
        raise UserError(str(exc)) from None
    except PlanningError as exc:
        raise UserError(str(exc)) from None


def _write_geojson(path: Path | None, data: dict) -> None:
    if path is not None:
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        print(f"GeoJSON written to {path}")


def _city(args: argparse.Namespace) -> int:
    t0 = time.perf_counter()
    city = _load(args)
    info = city.describe()
    print(f"{info['scenario']}: loaded in {time.perf_counter() - t0:.2f} s ({'cache' if city.from_cache else 'parsed OSM'})")
    for line in info["graphs"]:
        print(f"  {line}")
    print(f"  {info['zones']} zones, {info['shelters']} shelters, {info['units']} units, {info['gazetteer_entries']} gazetteer entries")
    print("  zones (for `eca evacuate --zone`): " + ", ".join(f"{z.name} ({z.id})" for z in city.scenario.zones))
    return 0


def _evacuate(args: argparse.Namespace) -> int:
    from pydantic import ValidationError

    from core.errors import UserError
    from tools.city import PlanningError
    from tools.evacuation import Hazard, plan_evacuation

    city = _load(args)
    where, warning = _place(city, args.place, args.lat, args.lon)
    if warning:
        print(f"Warning: hazard centre {warning}")
    try:
        hazard = Hazard(hazard_type=args.hazard, center=(where.lat, where.lon), radius_m=args.radius, closed_roads=args.closed_road)
        plan = plan_evacuation(city, hazard, zones=args.zone, mode=args.mode, population=args.population)
    except ValidationError as exc:
        raise UserError("; ".join(e["msg"] for e in exc.errors())) from None
    except PlanningError as exc:
        raise UserError(str(exc)) from None
    print(f"Hazard centre: {where.name} ({where.kind})")
    print(plan.summary())
    _write_geojson(args.geojson, plan.geojson())
    return 0


def _protect(args: argparse.Namespace) -> int:
    from core.errors import InputError, UserError
    from tools.city import PlanningError
    from tools.protective import NotApplicable, plan_protective_action

    city = _load(args)
    if args.hour is not None and not 0 <= args.hour <= 23:
        raise UserError("--hour must be 0..23")
    try:
        plan = plan_protective_action(city, args.report, args.hazard, place=args.place, hour=args.hour,
                                      wind_from_deg=args.wind_from, wind_speed_ms=args.wind_speed)
    except (PlanningError, LookupError, InputError) as exc:
        raise UserError(str(exc)) from None
    if isinstance(plan, NotApplicable):  # no table row for the hazard: the operator asked for the wrong type
        raise UserError(plan.summary())
    print(plan.summary())
    _write_geojson(args.geojson, plan.geojson())
    return 0


def _dispatch(args: argparse.Namespace) -> int:
    from pydantic import ValidationError

    from core.errors import UserError
    from tools.city import PlanningError
    from tools.dispatch import IncidentRequest, plan_dispatch

    city = _load(args)
    requests, notes = [], []
    for n, spec in enumerate(args.incident, start=1):
        parts = spec.split(":", 2)
        if len(parts) != 3:
            raise UserError(f"--incident {spec!r}: expected TYPE:PRIORITY:PLACE, e.g. fire:P1:Aleksanterinkatu")
        kind, prio, name = (p.strip() for p in parts)
        where, warning = _place(city, name, None, None)
        if warning:
            notes.append(f"INC-{n} location: {warning}")
        try:
            requests.append(IncidentRequest(incident_id=f"INC-{n}", incident_type=kind, priority=prio, lat=where.lat, lon=where.lon, location_name=where.name))
        except ValidationError as exc:
            raise UserError(f"--incident {spec!r}: " + "; ".join(e["msg"] for e in exc.errors())) from None
    try:
        plan = plan_dispatch(city, requests)
    except PlanningError as exc:
        raise UserError(str(exc)) from None
    for note in notes:
        print(f"Warning: {note}")
    print(plan.summary())
    for line in plan.explanation:
        print(f"  - {line}")
    _write_geojson(args.geojson, plan.geojson())
    return 0
