"""Review s14-rv3: the decisive hazard words (crowd crush, person in the water) and the P1 raise for water words.

Each test fails on s14 HEAD (3077a04) for the reason its docstring names.
"""

from __future__ import annotations

import pytest

from agent.hazards import reconciled_triage
from agent.schemas import TriageSummary


def summary(kind: str, confidence: float, priority: str = "P3") -> TriageSummary:
    return TriageSummary(incident_type=kind, priority=priority, type_confidence=confidence, priority_confidence=0.7,
                         type_probs={kind: confidence, "public_security": 0.03, "medical": 0.03},
                         priority_probs={priority: 0.7, "P1": 0.05})


@pytest.mark.parametrize("text", [
    "A worker has a crush injury to his hand from a hydraulic press, bleeding heavily",
    "Forklift pinned a man's leg against a racking upright, suspected crush injury, conscious",
    "he stepped on broken glass at the beach and is bleeding a lot from the foot",
    "a horse trampled its rider at the riding school, she is not breathing",
])
def test_a_single_casualty_medical_call_is_not_turned_into_a_crowd_crush(text):
    """F1: CROWD_CRUSH (core/hazard_words.py:56) has bare \\bcrush\\b, trampl\\w* and '(he|she|...) stepped on'; as a
    decisive word that overrules 'medical' it turns a sure medical reading of one injured person into a public-order
    mass-casualty incident (police for the crowd) — before s14 the sure model kept medical."""
    out = reconciled_triage(summary("medical", 0.9), text)
    assert out.incident_type == "medical", (text, out.incident_type)


@pytest.mark.parametrize("kind,text", [
    ("hazmat", "diesel slick in the water at the marina, about 50 m long, nobody hurt"),
    ("flood", "basement flooded, boxes and furniture floating in the water, no one hurt"),
    ("flood", "地下室进水，水中漂着杂物，没有人员受伤"),
    ("hazmat", "港口水中有大量油污，范围约五十米"),
])
def test_things_in_the_water_are_no_person_in_the_water_p1(kind, text):
    """F2: _p1_for_someone_in_the_water (agent/hazards.py:96) raises any incident to P1 when the person_in_water
    determinant fires, and that determinant matches a bare 'in the water' / 水中 whatever is in it (oil, boxes).
    A spill or a flooded basement with nobody hurt is over-triaged to P1."""
    out = reconciled_triage(summary(kind, 0.9, "P3"), text)
    assert out.priority == "P3", (text, out.priority)


def test_people_swimming_in_a_noise_complaint_are_not_p1():
    """F2: 'swimming in the lake' is person_in_water for the unit picker; as a P1 trigger it turns a P4 noise
    complaint into P1."""
    text = "Noise complaint: teenagers swimming in the lake at the park at 2 am, shouting and playing music"
    assert reconciled_triage(summary("public_security", 0.9, "P4"), text).priority == "P4"


def test_a_bus_through_the_ice_stays_a_traffic_accident():
    """F3: a vehicle through the ice: THROUGH_THE_ICE is decisive for 'medical' and the traffic words only know
    'into the water/river/...', so a sure traffic_accident reading of a bus through the lake ice is overruled (the
    commit says 'a car that went into the harbour' stays; through the ice it does not)."""
    text = "the bus broke through the ice on the winter road across the lake, passengers climbing onto the roof"
    assert reconciled_triage(summary("traffic_accident", 0.9), text).incident_type == "traffic_accident"
