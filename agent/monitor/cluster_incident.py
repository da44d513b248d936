"""Operator: "open incident from this cluster" on a cluster the incident log holds: one ``eca monitor`` grouped in
another process, or one this process no longer holds open (``MonitorPipeline.open_incident`` falls back on it)."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence

from agent.store import IncidentStore
from core.text import shown

log = logging.getLogger(__name__)

CLUSTER_REPORT_TEXTS = 12     # the reports an incident opened from a cluster quotes (the newest kept beyond that)
CLUSTER_REPORT_CHARS = 4000   # and at most this many characters of them, so that the plan reads it whole


def open_stored_cluster(store: IncidentStore, cluster_id: str, operator: str) -> str:
    """Operator: "open incident from this cluster" on a cluster the incident log holds (one that ``eca monitor``
    grouped in another process, or one this process no longer holds open).  Its reports are attached to the new
    incident; a cluster already opened returns its incident.  ``KeyError`` when the log has no such cluster."""
    rows = store.stream_reports(cluster_id=cluster_id) if cluster_id else []
    if not rows:
        raise KeyError(f"no stream cluster {shown(cluster_id)} in the incident log")
    linked = next((r["incident_id"] for r in rows if r["incident_id"]), None)
    if linked:
        return linked
    incident_type = _most_common((r.get("triage") or {}).get("incident_type") for r in rows)
    place = _most_common((r.get("detail") or {}).get("place") for r in rows)
    title = (incident_type or "incident").replace("_", " ") + (f" at {place}" if place else "") + f" ({cluster_id})"
    incident = store.create_incident(title, operator)
    store.link_cluster(cluster_id, incident.incident_id, operator)
    _first_report(store, incident.incident_id, cluster_id, incident_type or "incident", place or "", rows, operator)
    log.info("incident %s opened from stored cluster %s by %s", incident.incident_id, cluster_id, operator)
    return incident.incident_id


def _first_report(store: IncidentStore, incident_id: str, cluster_id: str, kind: str, place: str, rows: list[dict],
                  operator: str) -> None:
    """The incident carries the cluster's type, highest priority, place and reports' words as its first report, as
    ``MonitorPipeline.open_incident`` does for a cluster it holds (trial s15 #5: an incident with no report had no
    priority and "Plan response" answered "the report is empty")."""
    from agent.schemas import TriageSummary

    texts = [r["text"] for r in rows if (r.get("text") or "").strip()]
    priorities = sorted(p for p in ((r.get("triage") or {}).get("priority") for r in rows) if isinstance(p, str) and p.startswith("P"))
    if not texts or not priorities:
        return
    of_kind = sum(1 for r in rows if (r.get("triage") or {}).get("incident_type") == kind)
    triage = TriageSummary(incident_type=kind, priority=priorities[0], type_confidence=round(of_kind / len(rows), 3),
                           priority_confidence=1.0, read_by="stream cluster",
                           type_source=f"the stream cluster {cluster_id} ({len(texts)} reports)")
    store.add_report(incident_id, cluster_report_text(cluster_id, kind, priorities[0], place, texts), triage, operator)



def cluster_report_text(cluster_id: str, incident_type: str, priority: str, place: str, texts: Sequence[str]) -> str:
    """The first report of an incident opened from a stream cluster: one line naming the cluster, its type, priority
    and place (the same place label the cluster table shows), then its reports' words, each once, the newest last."""
    kind = incident_type.replace("_", " ")
    head = f"Stream cluster {cluster_id}: {priority} {kind}" + (f" at {place}" if place else "") + f", {len(texts)} report(s)."
    distinct = list(dict.fromkeys(" ".join(t.split()) for t in texts))[-CLUSTER_REPORT_TEXTS:]
    lines: list[str] = []
    room = CLUSTER_REPORT_CHARS - len(head)
    for text in reversed(distinct):  # keep the newest when the words do not all fit
        line = f"- {text}"
        if len(line) + 1 > room:
            break
        lines.insert(0, line)
        room -= len(line) + 1
    return "\n".join([head, *lines])


def _most_common(values) -> str | None:
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else None
