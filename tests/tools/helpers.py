"""What the determinant and response-table tests ask of a report, in one place (imported, not a fixture: the tests
call them inside parametrized tables)."""

from __future__ import annotations

from tools.determinants import extract
from tools.response_table import unit_needs


def codes(text: str) -> set[str]:
    """The determinant codes read from a report."""
    return {d.code for d in extract(text)}


def needs(incident_type: str, priority: str, text: str) -> dict[str, int]:
    """The unit counts the response table sends for a report of that type and priority."""
    return unit_needs(incident_type, priority, extract(text)).counts
