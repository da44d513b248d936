"""The stream's picture as the incident log holds it (``agent.monitor.cluster_incident`` opens an incident from it).

``eca monitor`` usually runs in its own process: its clusters, reports and alerts reach the UI only through the
incident log.  The sitrep reads its candidates from there (``agent.situation.Situation.stream_candidates``); the
Situation tab reads the same rows here, so the two screens never disagree about what the stream found (session 14's
trial: the sitrep sent the commander to a Situation tab that said "no stream reports yet").
"""

from __future__ import annotations

import logging
import threading
from collections import defaultdict

from agent.monitor.grouping import NOISE_TYPE
from agent.monitor.pipeline import MonitorAlert, ProcessedReport
from agent.situation import Situation as StoredSituation
from agent.situation import StreamCandidate
from agent.store import NEEDS_READ_PAGE, IncidentStore

log = logging.getLogger(__name__)
__all__ = ["StoredStream", "report_from_row", "stored_alerts", "stored_clusters", "stored_picture"]

COUNT_BIN_S = 300.0  # as the monitor's own counts (MonitorConfig.count_bin_s)


def stored_clusters(store: IncidentStore, window_min: float) -> list[StreamCandidate]:
    """The clusters the monitor stored in the last ``window_min`` minutes, linked to an incident or not."""
    return StoredSituation(store, None, stream_window_min=window_min).stream_candidates(include_linked=True)


def cluster_summary(cand: StreamCandidate, emerging: bool = False) -> dict:
    """A stored cluster in the shape of ``Cluster.summary()`` (what the Situation tab's table shows)."""
    return {"cluster_id": cand.cluster_id, "incident_type": cand.incident_type or "", "priority": cand.priority or "",
            "size": cand.reports, "place": cand.place, "emerging": emerging, "incident_id": cand.incident_id,
            "title": cand.first_report or "", "stored": True}


def stored_alerts(store: IncidentStore, since: str, limit: int = 50) -> list[MonitorAlert]:
    """The monitor's alerts the incident log holds since ``since`` (ISO time), oldest first."""
    out = []
    for event in store.events(kind="monitor_alert", since=since):
        p = event.payload
        out.append(MonitorAlert(str(p.get("kind") or "alert"), float(p.get("stream_time") or 0.0),
                                str(p.get("message") or ""), cluster_id=p.get("cluster_id"), key=p.get("key"),
                                detail={"corroborated": not p.get("unconfirmed")}))
    return out[-limit:]


def report_from_row(row: dict) -> ProcessedReport:
    """A stream report as the incident log holds it (``IncidentStore`` stream rows), triaged or not."""
    triage, detail = row.get("triage") or {}, row.get("detail") or {}
    return ProcessedReport(row["report_id"], row.get("event_time") or 0.0, row["text"], row["source"],
                           triage.get("incident_type") or triage.get("state") or "", triage.get("priority") or "",
                           triage.get("language") or "und", row.get("cluster_id"), detail.get("reason") or "",
                           detail.get("zone"), detail.get("place"), row.get("lat"), row.get("lon"), None,
                           detail.get("signals") or {}, row.get("external_id"))


def _counts(reports: list[ProcessedReport]) -> dict:
    """Reports per 5-minute bin by type, in ``CountSeries.series`` shape ({"type=fire": [(t, n), ...]})."""
    bins: dict[str, dict[float, int]] = defaultdict(lambda: defaultdict(int))
    for r in reports:
        if r.time and r.incident_type:
            bins[f"type={r.incident_type}"][r.time - r.time % COUNT_BIN_S] += 1
    return {"type=": {key: sorted(series.items()) for key, series in bins.items()}}


def stored_picture(store: IncidentStore, window_min: float, max_clusters: int = 20) -> dict | None:
    """The Situation tab's picture (``MonitorPipeline.snapshot`` shape) from the incident log alone; None when the log
    holds no stream report of the window and none waiting for a human read."""
    return StoredStream(store, window_min).picture(max_clusters)


class StoredStream:
    """The stored stream's picture for a screen that refreshes it every few seconds (the Situation tab): built again
    only when the log has changed (``IncidentStore.change_mark``: a write by this process or another one) or the
    window has moved on by a minute; otherwise the last one is given again.  A quiet log costs one PRAGMA per refresh
    (review s15-rv2: every refresh read the whole 6-hour window, 0.4–0.6 s at 10,000 reports)."""

    def __init__(self, store: IncidentStore, window_min: float):
        self.store = store
        self.window_min = window_min
        self._key: tuple | None = None
        self._picture: dict | None = None
        self._lock = threading.Lock()

    def picture(self, max_clusters: int = 20) -> dict | None:
        situation = StoredSituation(self.store, None, stream_window_min=self.window_min)
        since = situation.stream_since()
        key = (self.store.change_mark(), since[:16], max_clusters)  # since to the minute: the window's edge
        with self._lock:
            if key == self._key:
                return self._picture
        picture = _picture(self.store, situation, since, max_clusters)
        with self._lock:
            self._key, self._picture = key, picture
        return picture


def _picture(store: IncidentStore, situation: StoredSituation, since: str, max_clusters: int) -> dict | None:
    rows, received = store.recent_stream_reports(since)
    unread_rows, unread = store.unread_untriaged_stream_reports(NEEDS_READ_PAGE)
    if not received and not unread:
        return None
    reports = [report_from_row(r) for r in rows]
    alerts = stored_alerts(store, since)
    emerging = {a.cluster_id for a in alerts if a.kind in ("emerging", "confirmed")}
    clusters = situation.stream_candidates(include_linked=True)
    return {"clock": max((r.time for r in reports), default=0.0), "processed": received,
            "noise": sum(1 for r in reports if r.incident_type == NOISE_TYPE), "untriaged": unread,
            "needs_read": [report_from_row(r) for r in reversed(unread_rows)], "needs_read_total": unread,
            "open_clusters": len(clusters),
            "clusters": [cluster_summary(c, c.cluster_id in emerging) for c in clusters[:max_clusters]],
            "alerts": alerts, "recent": reports, "unconfirmed": [], "counts": _counts(reports), "stored": True}
