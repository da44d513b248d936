"""'Top floor' marks the fire's own floor only (s13-rv1 finding 5): said of the fire it is read, said of the smoke or of
the residents it is not."""

from __future__ import annotations

import pytest

from tools.protective.cues import read_protective_cues


@pytest.mark.parametrize("text", [
    "a top-floor kitchen fire in Kallio, the tenant got out",
    "The top floor is on fire and the roof is smoking",
    "起火的是顶层一户人家",
])
def test_the_fire_on_the_top_floor_is_read(text: str) -> None:
    assert read_protective_cues(text).top_floor


@pytest.mark.parametrize("text", [
    "smoke is rising up to the top floor from the kitchen fire",
    "顶层的住户说楼下着火了",
])
def test_top_floor_said_of_smoke_or_residents_is_not_the_fire_floor(text: str) -> None:
    assert not read_protective_cues(text).top_floor


# s13-rv1 finding 6: the "flats above" keep-out lists the quiet words; any other word for smoke above is spread.
@pytest.mark.parametrize(("text", "row"), [
    ("fire in a 2nd floor flat, the apartments above are getting soot on the walls", "F3"),
    ("Fire in a flat on floor 2, the flats above are all fine, no smell", "F2"),
])
def test_the_flats_above_are_spread_unless_said_quiet(text: str, row: str) -> None:
    from tests.tools.helpers import protective_row
    assert protective_row("fire", text) == row


# s13-rv1 finding 2: the change verb needs the wind as its subject; a relative clause about the wind is still the wind's.
@pytest.mark.parametrize(("text", "from_deg"), [
    ("the wind, which had been easterly, shifted to the west", 270.0),
    ("ammonia smell, wind from the north, the fumes have swung round to the south", 0.0),
])
def test_only_the_wind_changes_the_wind(text: str, from_deg: float) -> None:
    assert read_protective_cues(text).wind_from_deg == from_deg


@pytest.mark.parametrize(("text", "top"), [
    ("我住在顶楼。刚才我家厨房的油锅着火了", True),
    ("I live on the top floor and my kitchen is on fire", True),
    ("I live on the top floor; smoke is coming from a flat below", False),
])
def test_the_callers_own_top_floor_home_burning_is_the_fire_floor(text: str, top: bool) -> None:
    assert read_protective_cues(text).top_floor is top
