"""Review s17 (MED): an incident opened from a stream cluster (`eca monitor`, "open incident from this cluster") and then
merged into another kept its stream reports: they stayed on the closed, merged incident, the cluster's next reports
were attached to it too (``add_stream_reports`` follows the cluster's incident), and "open incident from this
cluster" answered with the merged incident as the one to work on.  A merge moves the stream reports with the reports."""

from __future__ import annotations

T0 = 1_764_511_200.0  # 2026-11-30 14:00 UTC


def _rows(cluster_id: str, start: int, n: int, text: str) -> list[dict]:
    return [{"report_id": f"SR-{cluster_id}-{k}", "event_time": T0 + 60 * k, "source": "call", "text": f"{text} ({k})",
             "cluster_id": cluster_id, "triage": {"incident_type": "fire", "priority": "P1", "type_confidence": 0.9},
             "detail": {"place": "Bulevardi 14", "reason": "same place and type"}} for k in range(start, start + n)]


def test_a_merge_moves_the_stream_reports_and_the_cluster_follows(tmp_path):
    from agent.monitor.cluster_incident import open_from_log
    from agent.store import IncidentStore

    store = IncidentStore(tmp_path / "log.sqlite")
    store.add_stream_reports(_rows("C00042", 0, 3, "Smoke from the stairwell at Bulevardi 14"))
    merged = open_from_log(store, "C00042", "op-ville").incident_id
    kept = store.create_incident("P1 fire: Bulevardi 14 stairwell", "op-anna").incident_id
    store.merge_incidents(merged, kept, [], "op-anna", {"proposal_id": "PRO-TEST"})
    assert len(store.stream_reports(incident_id=kept)) == 3 and store.stream_reports(incident_id=merged) == []
    # the monitor goes on feeding the cluster: its new reports belong to the incident kept, not the closed one
    store.add_stream_reports(_rows("C00042", 3, 2, "Flames now at the third floor windows, Bulevardi 14"))
    assert len(store.stream_reports(incident_id=kept)) == 5
    # "open incident from this cluster" points to the incident kept, the one in the Open incidents list
    again = open_from_log(store, "C00042", "op-ville")
    assert again.incident_id == kept and not again.created
