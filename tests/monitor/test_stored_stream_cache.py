"""The Situation tab's 3-second refresh of the stored stream re-reads the incident log only when it has changed (review
s15-rv2: every refresh read the whole 6-hour window, 0.4-0.6 s at 10,000 reports); a write by another process, or by
this one, shows at the next refresh.  Timings: bench/bench_situation_refresh.py."""

from __future__ import annotations

from datetime import datetime, timezone

from agent.monitor.stored import StoredStream, stored_picture
from agent.store import IncidentStore


def _report(k: int, cluster: str = "C00001") -> dict:
    return {"report_id": f"SR-T{k:05d}", "event_time": datetime.now(timezone.utc).timestamp(), "source": "call",
            "text": f"Basement flooding at the Hakaniemi market hall, report {k}", "cluster_id": cluster,
            "triage": {"incident_type": "flood", "priority": "P2", "type_confidence": 0.9},
            "detail": {"place": "Hakaniemen kauppahalli", "zone": "Hakaniemi"}}


def test_a_quiet_log_is_not_read_again_and_any_write_is_seen_at_the_next_refresh(tmp_path):
    path = tmp_path / "incidents.sqlite"
    tab_store, monitor = IncidentStore(path), IncidentStore(path)  # the UI's connection and `eca monitor`'s
    monitor.add_stream_reports([_report(k) for k in range(3)])
    stream = StoredStream(tab_store, 360)
    first = stream.picture()
    assert first["processed"] == 3 and first["clusters"][0]["size"] == 3
    assert stream.picture() is first                                   # nothing changed: not built again

    monitor.add_stream_reports([_report(3), _report(4, "C00002")])    # another process wrote
    second = stream.picture()
    assert second is not first and second["processed"] == 5
    assert sorted(c["size"] for c in second["clusters"]) == [1, 4]
    assert second == stored_picture(tab_store, 360)                   # the same as a fresh read

    incident = tab_store.create_incident("flood at Hakaniemi", "op")  # this process wrote
    tab_store.link_cluster("C00001", incident.incident_id, "op")
    third = stream.picture()
    assert next(c for c in third["clusters"] if c["cluster_id"] == "C00001")["incident_id"] == incident.incident_id
