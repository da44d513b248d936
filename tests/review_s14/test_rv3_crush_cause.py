"""Review s14-rv3 F14: a crush caused by another hazard. `decisive_hazard` keeps the model's type only when the
hazard words of that type are in the report (`words_name_hazard`); where the cause is said in words the list lacks
(a grandstand that collapsed, a gas explosion, a ceiling set alight), a sure reading of the cause (0.9) is
overruled to public_security — the collapse loses its rescue/USAR need, the explosion its hazmat zone."""

from __future__ import annotations

import pytest

from agent.hazards import reconciled_triage
from agent.schemas import TriageSummary


@pytest.mark.parametrize("kind,text", [
    ("earthquake_collapse", "The grandstand collapsed during the match, spectators crushed under it, many hurt"),
    ("hazmat", "A gas explosion in the market hall, people trampled at the exits, many injured"),
    ("fire", "Pyrotechnics set the ceiling alight in the club, stampede at the door"),
])
def test_a_sure_reading_of_what_caused_the_crush_stays(kind, text):
    summary = TriageSummary(incident_type=kind, priority="P1", type_confidence=0.9, priority_confidence=0.7,
                            type_probs={kind: 0.9, "public_security": 0.04}, priority_probs={"P1": 0.7})
    assert reconciled_triage(summary, text).incident_type == kind, text
