"""Two operators opening an incident from the same stored stream cluster at the same moment make ONE incident (review
s15-rv2): two processes (two `eca` UIs, or a UI and a terminal) on one incident log, each pressing "open incident from
this cluster".  The second gets the first's incident and is told that it was opened already, by whom."""

from __future__ import annotations

import multiprocessing
import threading
import time
from pathlib import Path

T0 = 1_764_511_200.0  # 2026-11-30 14:00 UTC
CLUSTERS = 12


def _stored_stream(path: Path) -> list[str]:
    """What `eca monitor` leaves in the log: CLUSTERS clusters of three reports each."""
    from agent.store import IncidentStore

    store = IncidentStore(path)
    rows = []
    for c in range(1, CLUSTERS + 1):
        for k in range(3):
            rows.append({"report_id": f"SR-{c:03d}{k}", "event_time": T0 + 60 * k, "source": "call",
                         "text": f"Basement flooding at Bulevardi {c}, water rising, report {k}", "cluster_id": f"C{c:05d}",
                         "triage": {"incident_type": "flood", "priority": "P2", "type_confidence": 0.9},
                         "detail": {"place": f"Bulevardi {c}", "reason": "same place and type"}})
    store.add_stream_reports(rows)
    store.close()
    return [f"C{c:05d}" for c in range(1, CLUSTERS + 1)]


def _operator(path: str, operator: str, clusters: list[str], start_at: float, out) -> None:
    """One operator's process: opens every cluster, at the same wall-clock moment as the other one."""
    from agent.monitor.cluster_incident import open_from_log
    from agent.store import IncidentStore

    store = IncidentStore(path)
    time.sleep(max(0.0, start_at - time.time()))
    out.put([(o.cluster_id, o.incident_id, o.opened_by, o.created) for o in (open_from_log(store, c, operator) for c in clusters)])


def _check_one_incident_each(path: Path, results: list[list[tuple]], clusters: list[str]) -> None:
    from agent.store import IncidentStore

    store = IncidentStore(path)
    incidents = store.list_incidents()
    assert len(incidents) == len(clusters), [i.title for i in incidents]         # one per cluster, never two
    by_cluster: dict[str, set[str]] = {}
    for outcome in results:
        for cid, incident_id, opened_by, created in outcome:
            by_cluster.setdefault(cid, set()).add(incident_id)
    assert all(len(ids) == 1 for ids in by_cluster.values()), by_cluster       # both were given the same one
    created = [(cid, who) for outcome in results for cid, _i, who, made in outcome if made]
    assert sorted(c for c, _ in created) == clusters                            # each opened once
    told = [(cid, who) for outcome in results for cid, _i, who, made in outcome if not made]
    assert len(told) == len(clusters)
    for cid, incident_id in ((c, next(iter(ids))) for c, ids in by_cluster.items()):
        assert len(store.stream_reports(incident_id=incident_id)) == 3
        assert len(store.report_texts(incident_id)) == 1                        # its first report once
        assert sum(1 for e in store.events(incident_id=incident_id, kind="cluster_linked")) == 1


def test_two_processes_opening_the_same_clusters_at_once_make_one_incident_each(tmp_path):
    path = tmp_path / "incidents.sqlite"
    clusters = _stored_stream(path)
    ctx = multiprocessing.get_context("spawn")
    out = ctx.Queue()
    start_at = time.time() + 8.0  # both processes have imported and opened the log by then
    procs = [ctx.Process(target=_operator, args=(str(path), who, clusters, start_at, out)) for who in ("deskA", "deskB")]
    for p in procs:
        p.start()
    results = [out.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=30)
    _check_one_incident_each(path, results, clusters)


def test_two_ui_sessions_in_one_process_are_told_the_incident_was_opened_already(tmp_path):
    """Two sessions of one UI (two threads, each with its own connection to the log, as two tabs would be served)."""
    from agent.store import IncidentStore
    from ui.situation_tab import Situation

    path = tmp_path / "incidents.sqlite"
    clusters = _stored_stream(path)
    tabs = {who: Situation(lambda: None, store=IncidentStore(path)) for who in ("deskA", "deskB")}
    for who, tab in tabs.items():
        tab.operator = who
    lines: dict[str, list[str]] = {"deskA": [], "deskB": []}
    gate = threading.Barrier(2)

    def press(who: str) -> None:
        gate.wait()
        lines[who] = [tabs[who].open_incident(cid) for cid in clusters]

    threads = [threading.Thread(target=press, args=(who,)) for who in tabs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    store = IncidentStore(path)
    assert len(store.list_incidents()) == len(clusters)
    for k, cid in enumerate(clusters):
        pair = [lines["deskA"][k], lines["deskB"][k]]
        opened = [x for x in pair if "already" not in x]
        told = [x for x in pair if "already opened from " + cid in x]
        assert len(opened) == 1 and len(told) == 1, pair
        incident_id = opened[0].split("Incident ", 1)[1].split()[0]
        assert incident_id in told[0] and ("by deskA" in told[0] or "by deskB" in told[0]), pair
