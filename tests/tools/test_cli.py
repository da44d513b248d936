"""`eca city`, `eca evacuate`, `eca protect`, `eca dispatch`: output for people, one-line errors."""

from __future__ import annotations

import argparse
import json

import pytest

from core.errors import UserError
from tools import cli


def _run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="eca")
    cli.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.handler(args)


def test_city_evacuate_dispatch_print_plans(capsys, tmp_path):
    assert _run(["city"]) == 0
    assert "strongly connected" in capsys.readouterr().out
    out_file = tmp_path / "evac.geojson"
    assert _run(["evacuate", "--hazard", "fire", "--place", "Stockmann", "--radius", "150", "--geojson", str(out_file)]) == 0
    out = capsys.readouterr().out
    assert "Evacuation plan" in out and "Assembly point" in out
    assert json.loads(out_file.read_text(encoding="utf-8"))["type"] == "FeatureCollection"
    assert _run(["dispatch", "--incident", "fire:P1:Stockmann", "--incident", "medical:P2:Senaatintori"]) == 0
    assert "INC-1 (P1 fire at Stockmann)" in capsys.readouterr().out
    assert _run(["protect", "Gas smell and two people dizzy in the stairwell at Yrjönkatu 21", "--hazard", "hazmat"]) == 0
    out = capsys.readouterr().out
    assert "evacuate the building at Yrjönkatu 21" in out and "Assembly point" in out


@pytest.mark.parametrize("argv, fragment", [
    (["evacuate", "--hazard", "fire", "--place", "Atlantis Boulevard"], "no place called"),
    (["evacuate", "--hazard", "volcano", "--place", "Stockmann"], "unknown hazard type"),
    (["evacuate", "--hazard", "fire"], "--place"),
    (["evacuate", "--hazard", "fire", "--lat", "10", "--lon", "10"], "outside the map"),
    (["dispatch", "--incident", "fire-P1-Stockmann"], "TYPE:PRIORITY:PLACE"),
    (["dispatch", "--incident", "fire:P7:Stockmann"], "priority"),
    (["city", "--scenario", "/nonexistent/city.yaml"], "not found"),
    (["protect", "Gas leak at Yrjönkatu 21", "--hazard", "volcano"], "unknown hazard type"),
    (["protect", "Gas leak at Yrjönkatu 21", "--hour", "25"], "--hour"),
    (["protect", "Someone fell off a bike on Mannerheimintie", "--hazard", "medical"], "no protective action"),
    # bad text is the project's InputError, one line (it escaped as a traceback)
    (["protect", "Gas leak at Yrjönkatu 21. " * 50_000], "the limit is 20,000"),
    (["protect", "Gas leak\x00 at Yrjönkatu 21"], "binary data"),
    # a NUL or undecodable bytes in a place name were dropped silently and the place found anyway
    (["evacuate", "--hazard", "fire", "--place", "Stockmann\x00"], "binary or non-UTF-8"),
    (["dispatch", "--incident", "fire:P1:Stockmann\udcff"], "binary or non-UTF-8"),
    (["dispatch", "--incident", "fire:P1:Bulevardi 14\x00"], "binary or non-UTF-8"),
])
def test_bad_input_is_one_clear_user_error(argv, fragment):
    with pytest.raises(UserError, match=fragment):
        _run(argv)


def test_dispatch_says_a_house_number_the_map_lacks(capsys, tmp_path):
    """A new user's trial: "Mannerheimintie 60" was dispatched to the street's point near Stockmann with no word, while
    `eca plan` said UNCONFIRMED ± 452 m at number 24. The number is read, and its absence said with the uncertainty."""
    out_file = tmp_path / "d.geojson"
    assert _run(["dispatch", "--incident", "hazmat:P1:Mannerheimintie 60", "--incident", "fire:P1:Bulevardi 14", "--geojson", str(out_file)]) == 0
    out = capsys.readouterr().out
    warning = next(line for line in out.splitlines() if line.startswith("Warning: INC-1"))
    assert "Mannerheimintie 60 is not on the map" in warning and "Mannerheimintie 24" in warning and "UNCONFIRMED" in warning and "± " in warning
    assert "INC-1 (P1 hazmat at Mannerheimintie 60 (UNCONFIRMED ±" in out
    assert "INC-2 (P1 fire at Bulevardi 14)" in out and "Warning: INC-2" not in out  # a number on the map is its own point


def test_evacuate_says_a_house_number_the_map_lacks(capsys):
    assert _run(["evacuate", "--hazard", "fire", "--place", "Mannerheimintie 60", "--radius", "100"]) == 0
    out = capsys.readouterr().out
    assert "Warning: hazard centre Mannerheimintie 60 is not on the map" in out and "UNCONFIRMED" in out


def test_llm_dispatch_tool_says_a_house_number_the_map_lacks(city):
    """The chat's dispatch tool reads the place the same way (a warning on the plan, the point at the known number)."""
    from tools.llm_tools import DispatchArgs, dispatch

    plan = dispatch(city, DispatchArgs.model_validate({"incidents": [{"incident_type": "hazmat", "priority": "P1", "place": "Mannerheimintie 60"}]}))
    assert any("Mannerheimintie 60 is not on the map" in w and "UNCONFIRMED" in w for w in plan.warnings)
