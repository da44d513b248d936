"""A route, line or room number before or after its noun names a thing, not a head count (session 16's trial: "tram 4
full of people" gave "people affected (4)"). A count said as such still counts."""

from __future__ import annotations

import pytest

from tools.determinants import extract


def counts(text: str) -> dict[str, int | None]:
    return {d.code: d.count for d in extract(text)}


@pytest.mark.parametrize("text", [
    "tree came down on the tram at Mannerheimintie, tram 4 full of people, windows smashed, some people hurt",
    "Bus 55 with 20 passengers... no wait, bus 7 full of people, several people injured",
    "Line 3 tram derailed, carriage full of people, people hurt",
])
def test_a_route_number_is_no_count(text):
    c = counts(text)
    assert c.get("affected") not in (4, 7, 3), (text, c)


def test_a_count_said_as_such_still_counts():
    c = counts("tram 4 crashed, 12 people hurt and bleeding")
    assert c.get("affected") == 12 or c.get("injured") == 12 or c.get("minor_patients") == 12, c
