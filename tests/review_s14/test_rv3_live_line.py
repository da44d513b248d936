"""Review s14-rv3 F8: the live-line entrapment rule (tools/response_table.py, 857488d) fires on any people_inside
determinant next to a live line, whoever is inside what: the owner inside a shop beside a downed line across an
empty parked car gets a rescue unit, an engine and an ambulance (on the base: utility crew and police)."""

from __future__ import annotations

import pytest

from tools.determinants import extract
from tools.response_table import unit_needs


@pytest.mark.parametrize("text", [
    "Downed power line across a parked car, nobody in the car, the owner is inside the shop",
    "a cable is down and sparking on an empty van on Fredrikinkatu, the driver is inside the bakery having coffee, no one hurt",
])
def test_nobody_held_by_the_line_gets_no_extrication_team(text):
    needs = unit_needs("utility_outage", "P2", extract(text)).counts
    assert "rescue" not in needs and "ambulance" not in needs, (text, dict(needs))
