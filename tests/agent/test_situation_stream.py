"""What `eca monitor` finds in a report stream reaches the situation picture (the chat's sitrep and open-incidents
answers), marked as from the stream and not confirmed by an operator, until an operator opens an incident from it."""

from __future__ import annotations

import collections
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from agent.situation import Situation
from agent.store import IncidentStore
from agent.tool_registry import situation_tools

T0 = datetime(2026, 3, 14, 21, 0, tzinfo=timezone.utc)
# (minute, source, text): a house fire with people trapped, told four ways, and one unrelated small call elsewhere
FEED = [
    (0, "call", "Flames coming out of the roof at Fredrikinkatu 20, two people trapped on the top floor"),
    (1, "call", "Fredrikinkatu 20 is on fire, heavy black smoke, residents calling for help from a window"),
    (1, "radio", "Unit reports fully involved attic fire Fredrikinkatu 20, persons trapped, request more ladders"),
    (2, "social", "massive fire on Fredrikinkatu right now, people screaming from the top floor"),
    (3, "call", "A cat is stuck up a tree in the park at Sinebrychoffin puisto"),
]


def _monitor(tmp_path: Path, feed_rows: list[tuple[int, str, str]], name: str) -> IncidentStore:
    """`eca monitor --feed FILE --replay 0` (store on, the real city map) on ``feed_rows``; its incident log."""
    from ui.cli import main

    feed = tmp_path / f"{name}.jsonl"
    feed.write_text("\n".join(json.dumps({"id": f"{name}{i}", "timestamp": (T0 + timedelta(minutes=m)).isoformat(),
                                          "source": source, "text": text})
                              for i, (m, source, text) in enumerate(feed_rows)) + "\n", encoding="utf-8")
    assert main(["monitor", "--feed", str(feed), "--replay", "0", "--no-dense"]) == 0
    return IncidentStore(tmp_path / "data" / "incidents.sqlite")


@pytest.fixture
def monitor_env(tmp_path: Path, quick_model_dir: Path, monkeypatch, capsys):
    from core.settings import get_settings

    monkeypatch.setenv("ECA_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ECA_TRIAGE_MODEL_DIR", str(quick_model_dir))
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()
    capsys.readouterr()


@pytest.fixture
def monitored_log(monitor_env: Path) -> IncidentStore:
    return _monitor(monitor_env, FEED, "feed")


def _clusters(store: IncidentStore) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = collections.defaultdict(list)
    for row in store.stream_reports():
        if row["cluster_id"] and not row["incident_id"]:
            out[row["cluster_id"]].append(row)
    return out


def test_the_monitors_candidates_are_in_the_sitrep_and_the_open_incidents_answer(monitored_log, city):
    store = monitored_log
    clusters = _clusters(store)
    fire = next(cid for cid, rows in clusters.items() if any("Fredrikinkatu" in r["text"] for r in rows))
    assert len(clusters[fire]) >= 3  # the monitor grouped the fire's reports (its own tests cover how)
    fire_priority = min(r["triage"]["priority"] for r in clusters[fire])
    tools = {t.name: t for t in situation_tools(Situation(store, city))}

    sitrep = tools["sitrep"].invoke({})
    text = sitrep.text
    assert "not confirmed by an operator" in text and "eca monitor" in text
    line = next(x for x in text.splitlines() if x.startswith(f"- {fire} "))
    assert f"{fire_priority} fire" in line and "Fredrikinkatu" in line and f"{len(clusters[fire])} report(s)" in line
    listed = {c["cluster_id"]: c for c in sitrep.data["stream_candidates"]}
    assert set(listed) == set(clusters)  # every open candidate, not only the urgent ones
    assert listed[fire]["reports"] == len(clusters[fire]) and listed[fire]["priority"] == fire_priority
    if fire_priority == "P1":
        assert any(a["kind"] == "p1_stream_candidate" and fire in a["text"] for a in sitrep.data["alerts"])

    answer = tools["open_incidents"].invoke({})
    assert answer.text.startswith("No open incidents. [S1]")  # nobody opened one: the stream's are candidates
    assert f"- {fire} {fire_priority} fire" in answer.text and "not confirmed by an operator" in answer.text
    only = tools["open_incidents"].invoke({"priority": fire_priority}).data["stream_candidates"]
    assert fire in {c["cluster_id"] for c in only} and all(c["priority"] == fire_priority for c in only)

    # an operator opens an incident from the cluster: it is an incident now, no longer an unconfirmed candidate
    incident = store.create_incident("fire at Fredrikinkatu 20", "op").incident_id
    store.link_cluster(fire, incident, "op")
    after = tools["sitrep"].invoke({})
    assert fire not in {c["cluster_id"] for c in after.data["stream_candidates"]}
    assert incident in {i["incident_id"] for i in after.data["incidents"]}


def test_a_candidate_leaves_the_picture_after_the_monitors_window(monitored_log, city):
    later = datetime.now(timezone.utc) + timedelta(minutes=361)
    assert Situation(monitored_log, city, stream_window_min=360, clock=lambda: later).stream_candidates() == []
    assert Situation(monitored_log, city, stream_window_min=360).stream_candidates()


def test_a_second_monitor_run_on_the_same_log_gets_its_own_cluster_ids(monitor_env, city):
    """Each run numbered its clusters from C00001: a later run's C00001 was the earlier run's in the log (its
    reports counted together in the picture, and opening an incident from one took the other's reports too)."""
    first = _clusters(_monitor(monitor_env, FEED, "feed"))
    store = _monitor(monitor_env, [(0, "call", "Water pouring from a burst main on Hämeentie 40, street flooding"),
                                   (1, "call", "Hämeentie 40 flooded, water in the basement of the building")], "second")
    second = {cid: rows for cid, rows in _clusters(store).items() if cid not in first}
    assert second and all(rows[0]["report_id"] not in {r["report_id"] for r in first.get(cid, [])} for cid, rows in second.items())
    assert {cid: len(rows) for cid, rows in _clusters(store).items() if cid in first} == {cid: len(rows) for cid, rows in first.items()}
    listed = {c.cluster_id: c.reports for c in Situation(store, city).stream_candidates()}
    assert listed == {cid: len(rows) for cid, rows in _clusters(store).items()}
