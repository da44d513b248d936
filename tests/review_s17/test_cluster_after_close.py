"""Review s17 (HIGH): a stream cluster whose incident was closed kept attaching the monitor's new reports to the closed
incident ("fire back, flames at Bulevardi 14" went onto the closed incident, never listed as a candidate), and "open
incident from this cluster" answered "work on that one (it is in the Open incidents list)" with the closed incident.
New reports of such a cluster are the stream's candidate again, and opening it makes a new incident."""

from __future__ import annotations

T0 = 1_764_511_200.0  # 2026-11-30 14:00 UTC


def _rows(start: int, texts: list[str]) -> list[dict]:
    return [{"report_id": f"SR-C7-{start + k}", "event_time": T0 + 60 * (start + k), "source": "call", "text": text,
             "cluster_id": "C00007", "triage": {"incident_type": "fire", "priority": "P1", "type_confidence": 0.9},
             "detail": {"place": "Bulevardi 14", "reason": "same place and type"}} for k, text in enumerate(texts)]


def test_a_closed_clusters_new_reports_are_a_candidate_and_open_a_new_incident(tmp_path):
    from agent.monitor.cluster_incident import open_from_log
    from agent.store import IncidentStore

    store = IncidentStore(tmp_path / "log.sqlite")
    store.add_stream_reports(_rows(0, ["Smoke from the stairwell at Bulevardi 14", "Bulevardi 14 楼道里冒烟",
                                       "Smell of smoke, Bulevardi 14 entrance B"]))
    first = open_from_log(store, "C00007", "op-ville").incident_id
    store.close_incident(first, "op-ville")
    store.add_stream_reports(_rows(3, ["Fire is back at Bulevardi 14, flames from the roof", "Bulevardi 14 又着火了，屋顶冒火"]))
    assert len(store.stream_reports(incident_id=first)) == 3  # the closed incident's history stays as it was
    candidates = [r for r in store.stream_cluster_report_rows("1970-01-01") if r["cluster_id"] == "C00007"]
    assert len(candidates) == 2  # the new reports wait for an operator again
    again = open_from_log(store, "C00007", "op-anna")
    assert again.created and again.incident_id != first
    assert store.get_incident(again.incident_id).status == "open"
    assert len(store.stream_reports(incident_id=again.incident_id)) == 2
