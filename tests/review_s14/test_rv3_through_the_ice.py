"""Review s14-rv3 F12: THROUGH_THE_ICE (core/hazard_words.py:63-66) takes 'ice' anywhere within 80 characters of
'went/fell/broke … through', whatever went through what. In a Helsinki winter 'ice' is in half the road and roof
reports: a van on black ice that 'went through the barrier', a worker who 'fell through' a roof under ice and snow
load become a person in the water (decisive medical, P1, the person_in_water determinant's water-rescue units)."""

from __future__ import annotations

import pytest

from agent.hazards import reconciled_triage
from agent.schemas import TriageSummary
from tools.determinants import extract

CASES = [
    ("traffic_accident", "P3", "Black ice on Mannerheimintie, a van skidded and went through the barrier into the bus shelter, driver has a cut on his head"),
    ("earthquake_collapse", "P2", "ice and snow load on the warehouse roof, part of it broke and a worker fell through to the floor below"),
]


def _summary(kind: str, priority: str) -> TriageSummary:
    return TriageSummary(incident_type=kind, priority=priority, type_confidence=0.9, priority_confidence=0.7,
                         type_probs={kind: 0.9}, priority_probs={priority: 0.7, "P1": 0.05})


@pytest.mark.parametrize("kind,priority,text", CASES)
def test_ice_nearby_and_something_going_through_is_no_person_through_the_ice(kind, priority, text):
    out = reconciled_triage(_summary(kind, priority), text)
    assert (out.incident_type, out.priority) == (kind, priority), text


@pytest.mark.parametrize("kind,priority,text", CASES)
def test_no_water_rescue_units_for_it(kind, priority, text):
    assert "person_in_water" not in {d.code for d in extract(text)}, text
