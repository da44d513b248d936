"""A stream candidate (``eca monitor``) at the precise place of an open incident, with a hazard that meets it, is named
in the sitrep as likely the same event as that incident, not listed beside it as unrelated; nothing is linked without
an operator (session 14's trial, finding 7: a monitor cluster stayed a separate "candidate" beside two incidents at the
same square)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from agent.schemas import TriageSummary
from agent.situation import Situation
from tests.agent.test_situation_stream import T0, _monitor, monitor_env  # noqa: F401 (fixture)

FEED = [
    (0, "call", "Kitchen on fire in a flat at Bulevardi 14, black smoke filling the stairwell"),
    (1, "call", "Bulevardi 14 third floor burning, a woman waving from the balcony"),
    (2, "social", "flames out of a window at Bulevardi 14 right now, fire crews not there yet"),
]


def _incident(store, text: str, incident_type: str) -> str:
    incident = store.create_incident(text[:60], "desk-1")
    store.add_report(incident.incident_id, text, TriageSummary(incident_type=incident_type, priority="P1",
                                                               type_confidence=0.9, priority_confidence=0.9), "desk-1")
    return incident.incident_id


@pytest.fixture
def stream_at_bulevardi(monitor_env):  # noqa: F811
    return _monitor(monitor_env, FEED, "bulevardi")


def test_a_candidate_at_an_open_incidents_place_is_named_as_likely_the_same(stream_at_bulevardi, city):
    store = stream_at_bulevardi
    elsewhere = _incident(store, "Car on fire in the car park at Mannerheimintie 5", "fire")
    same = _incident(store, "Smoke from a third-floor flat at Bulevardi 14, residents leaving", "fire")
    situation = Situation(store, city)
    (cand,) = situation.stream_candidates()
    assert cand.likely_incident == same != elsewhere
    sitrep = situation.sitrep().text
    assert f"{cand.cluster_id}" in sitrep and f"likely the same as {same}" in sitrep, sitrep
    assert cand.incident_id is None and store.stream_reports(incident_id=same) == []  # flagged, not linked


@pytest.mark.parametrize("text, incident_type", [
    ("An elderly man with dementia missing from his home at Bulevardi 14", "missing_person"),  # a hazard that does not meet fire
    ("Burst pipe flooding the basement at Fredrikinkatu 20", "flood"),                         # another place
])
def test_a_candidate_is_not_tied_to_an_incident_of_another_place_or_hazard(stream_at_bulevardi, city, text, incident_type):
    store = stream_at_bulevardi
    _incident(store, text, incident_type)
    (cand,) = Situation(store, city).stream_candidates()
    assert cand.likely_incident is None
    assert "likely the same as" not in Situation(store, city).sitrep().text
