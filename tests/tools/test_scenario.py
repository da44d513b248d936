"""The scenario file: validation with line-precise errors, and real OSM places."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from core.settings import get_settings
from tools.city import load_city_data
from tools.gazetteer import normalize
from tools.scenario import ScenarioError, load_scenario, parse_scenario

DEFAULT = Path(__file__).resolve().parents[2] / "tools" / "scenarios" / "helsinki.yaml"


def test_default_scenario_loads_with_everything_the_plans_name():
    sc = load_scenario(DEFAULT)
    assert {z.name for z in sc.zones} >= {"Kluuvi", "Kaartinkaupunki", "Kaisaniemi"}
    assert any(s.name == "Erottajan paloasema" and s.real_base for s in sc.stations)
    assert {a.name for a in sc.staging_areas} >= {"Rautatientori", "Senaatintori", "Kansalaistori"}
    assert sc.demonstration is True
    assert len({u.id for _, u in sc.units()}) == len(sc.units())
    assert sc.pbf_path().is_file()


def test_every_named_facility_is_a_real_osm_feature_near_its_coordinates():
    """Shelters, stations (real ones), hospitals and staging areas exist in the extract within 60 m."""
    sc = load_scenario(DEFAULT)
    data, _ = load_city_data(sc.pbf_path(), get_settings().cache_dir)
    by_name = {}
    for lm in data.landmarks:
        by_name.setdefault(normalize(lm.name), []).append(lm)
    facilities = [*sc.shelters, *sc.hospitals, *sc.staging_areas, *(s for s in sc.stations if s.real_base)]
    for f in facilities:
        matches = by_name.get(normalize(f.name), [])
        assert matches, f"{f.name} is not a named feature of the OSM extract"
        dist = min(math.hypot((m.lat - f.lat) * 110_574, (m.lon - f.lon) * 55_300) for m in matches)
        assert dist < 60, f"{f.name} is {dist:.0f} m from its OSM feature"


def _broken(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new, 1)


def test_errors_name_file_line_and_field():
    text = DEFAULT.read_text(encoding="utf-8")
    bad = _broken(text, "capacity: 800", "capacity: -5")
    line = bad.splitlines().index("    capacity: -5") + 1
    with pytest.raises(ScenarioError) as err:
        parse_scenario(bad, source="city.yaml")
    msg = str(err.value)
    assert "city.yaml" in msg and f"line {line}" in msg and "shelters[2].capacity" in msg


def test_swapped_coordinates_unknown_hazard_and_duplicate_ids_are_explained():
    text = DEFAULT.read_text(encoding="utf-8")
    with pytest.raises(ScenarioError, match="out of range"):
        parse_scenario(_broken(text, "[60.170229, 24.948394]", "[160.170229, 24.948394]"))
    with pytest.raises(ScenarioError, match="unknown hazard type"):
        parse_scenario(_broken(text, "unsuitable_for: [hazmat]", "unsuitable_for: [volcano]"))
    with pytest.raises(ScenarioError, match="duplicate id 'SH-OODI'"):
        parse_scenario(_broken(text, "id: SH-PORTHANIA", "id: SH-OODI"))
    with pytest.raises(ScenarioError, match="needs either 'polygon' or both"):
        parse_scenario(_broken(text, "    radius_m: 260\n", ""))


@pytest.mark.parametrize("content, expected", [
    (b"", "must be a mapping"),
    (b"zones: [1, 2\n", "invalid YAML"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "not"),
    (b"- just\n- a list\n", "must be a mapping"),
])
def test_bad_files_get_one_clear_error(tmp_path, content, expected):
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    with pytest.raises(ScenarioError, match=expected) as err:
        load_scenario(path)
    assert str(path) in str(err.value)


def test_missing_file_and_missing_road_network(tmp_path):
    with pytest.raises(ScenarioError, match="not found"):
        load_scenario(tmp_path / "nope.yaml")
    path = tmp_path / "city.yaml"
    path.write_text("name: X\nroad_network: roads/missing.osm.pbf\n", encoding="utf-8")
    with pytest.raises(ScenarioError, match="missing.osm.pbf does not exist"):
        load_scenario(path)
