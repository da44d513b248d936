"""Operator: "open incident from this cluster" on a cluster the incident log holds: one ``eca monitor`` grouped in
another process, or one this process no longer holds open (``MonitorPipeline.open_incident`` falls back on it)."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from agent.store import IncidentStore
from core.text import shown

log = logging.getLogger(__name__)

CLUSTER_REPORT_TEXTS = 12     # the reports an incident opened from a cluster quotes (the newest kept beyond that)
CLUSTER_REPORT_CHARS = 4000   # and at most this many characters of them, so that the plan reads it whole


@dataclass(frozen=True)
class ClusterOpening:
    """What "open incident from this cluster" did: opened ``incident_id``, or found it opened already (``created``
    false: another operator, or another process on the same log, opened it first)."""
    cluster_id: str
    incident_id: str
    opened_by: str
    created: bool

    def text(self) -> str:
        """The operator's line: which incident, and whether it is theirs or was there already."""
        if self.created:
            return f"Incident {self.incident_id} opened from {self.cluster_id}; it is in the Open incidents list."
        return (f"Incident {self.incident_id} was already opened from {self.cluster_id} by {self.opened_by}; no second "
                "incident was made: work on that one (it is in the Open incidents list).")


def open_from_log(store: IncidentStore, cluster_id: str, operator: str) -> ClusterOpening:
    """Operator: "open incident from this cluster" on a cluster the incident log holds (one that ``eca monitor``
    grouped in another process, or one this process no longer holds open).  Its reports are attached to the new
    incident; a cluster already opened, by anyone, gives its incident (``IncidentStore.open_cluster_incident``: two
    operators at once make one).  ``KeyError`` when the log has no such cluster."""
    rows = store.stream_reports(cluster_id=cluster_id) if cluster_id else []
    if not rows:
        raise KeyError(f"no stream cluster {shown(cluster_id)} in the incident log")
    incident_type = _most_common((r.get("triage") or {}).get("incident_type") for r in rows)
    place = _most_common((r.get("detail") or {}).get("place") for r in rows)
    title = (incident_type or "incident").replace("_", " ") + (f" at {place}" if place else "") + f" ({cluster_id})"
    incident, opener, created = store.open_cluster_incident(cluster_id, title, operator)
    if created:
        _first_report(store, incident.incident_id, cluster_id, incident_type or "incident", place or "", rows, operator)
        log.info("incident %s opened from stored cluster %s by %s", incident.incident_id, cluster_id, operator)
    return ClusterOpening(cluster_id, incident.incident_id, opener, created)


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
