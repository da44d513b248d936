"""What the determinant and response-table tests ask of a report, in one place (imported, not a fixture: the tests
call them inside parametrized tables)."""

from __future__ import annotations

from tools.determinants import Determinant, extract
from tools.protective import decide, extract_protective_cues
from tools.response_table import unit_needs


def codes(text: str) -> set[str]:
    """The determinant codes read from a report."""
    return {d.code for d in extract(text)}


def needs(incident_type: str, priority: str, text: str) -> dict[str, int]:
    """The unit counts the response table sends for a report of that type and priority."""
    return unit_needs(incident_type, priority, extract(text)).counts


def read(text: str, code: str) -> Determinant:
    """The determinant ``code`` read from a report, checked to quote the report's own words at its span."""
    found = {d.code: d for d in extract(text)}
    assert code in found, (text, sorted(found))
    det = found[code]
    assert det.evidence and text[det.span[0]: det.span[1]] == det.evidence, det
    return det


def protective_row(hazard: str, text: str) -> str:
    """The protective-action table row (F2, H1, PS5, ...) a report of that hazard reads as."""
    decision = decide(hazard, extract_protective_cues(text))
    assert decision is not None, (hazard, text)
    return decision.rule
