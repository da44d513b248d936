"""Operator: "open incident from this cluster" on a cluster the incident log holds: one ``eca monitor`` grouped in
another process, or one this process no longer holds open (``MonitorPipeline.open_incident`` falls back on it)."""

from __future__ import annotations

import logging
from collections import Counter

from agent.store import IncidentStore
from core.text import shown

log = logging.getLogger(__name__)


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
    log.info("incident %s opened from stored cluster %s by %s", incident.incident_id, cluster_id, operator)
    return incident.incident_id


def _most_common(values) -> str | None:
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else None
