"""`eca ... --help` says what the arguments accept: hazard types, zones, the feed's fields (a new duty officer
read the help and had to guess them)."""

from __future__ import annotations

import re

import pytest

from core.vocabulary import INCIDENT_TYPES
from tools.scenario import load_scenario
from ui.cli import build_parser


def _help(command: str) -> str:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return " ".join(sub.choices[command].format_help().split())  # argparse wraps lines anywhere


@pytest.mark.parametrize("command", ["evacuate", "protect", "dispatch"])
def test_hazard_taking_commands_list_every_hazard_type(command):
    text = _help(command)
    for hazard in INCIDENT_TYPES:
        if hazard != "not_incident":
            assert re.search(rf"\b{hazard}\b", text), (command, hazard)
    assert "--scenario" in text and "scenario YAML" in text


def test_evacuate_help_lists_the_zones_of_the_scenario():
    text = _help("evacuate")
    for zone in load_scenario().zones:
        assert zone.id in text and zone.name in text


def test_monitor_help_lists_the_feed_fields():
    text = _help("monitor")
    for field in ("text", "timestamp", "source", "lat", "lon", "latitude", "longitude", "created_at", "label"):
        assert re.search(rf"\b{field}\b", text), field
    for source in ("call", "social", "sensor", "radio"):
        assert source in text
