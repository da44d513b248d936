"""``IncidentStore.held_places`` reads every approved plan's JSON; it ran on every chat turn (s16 final read).  It is
kept while the log's change mark (``change_mark``) stays, and read again once anything changes, in this process or in
another one (a second store on the same file).  Real SQLite log; the reads are counted with SQLite's own trace."""

from __future__ import annotations

from agent.schemas import ResponsePlan
from agent.store import IncidentStore


def _approved_evacuation(store: IncidentStore, incident_id: str, plan_id: str, shelter: str, people: int) -> None:
    outputs = {"plan_evacuation": {"assignments": [{"shelter_id": shelter, "people": people}]}}
    store.save_plan(ResponsePlan(plan_id=plan_id, incident_id=incident_id, report="flood", tool_outputs=outputs), "op")
    store.approve_plan(plan_id, "op")


def _plan_reads(store: IncidentStore) -> list[str]:
    reads: list[str] = []
    store._conn.set_trace_callback(lambda sql: reads.append(sql) if "plan_evacuation" in sql else None)
    return reads


def test_held_places_are_read_once_while_the_log_is_unchanged(tmp_path):
    store = IncidentStore(tmp_path / "log.sqlite")
    flood = store.create_incident("flood at Kamppi", "op").incident_id
    _approved_evacuation(store, flood, "PLAN-A1", "SH-1", 120)
    reads = _plan_reads(store)
    first = store.held_places()
    assert first == [(flood, "area", "SH-1", 120)]
    assert store.held_places() == first and store.approved_evacuation_loads() == [(flood, "SH-1", 120)]
    assert len(reads) == 1  # the second and third reads came from the cache


def test_a_change_in_this_process_or_another_is_read(tmp_path):
    store = IncidentStore(tmp_path / "log.sqlite")
    flood = store.create_incident("flood at Kamppi", "op").incident_id
    _approved_evacuation(store, flood, "PLAN-A1", "SH-1", 120)
    assert store.held_places() == [(flood, "area", "SH-1", 120)]
    _approved_evacuation(store, flood, "PLAN-A2", "SH-2", 40)  # re-planned here: the later plan's places
    assert store.held_places() == [(flood, "area", "SH-2", 40)]
    other = IncidentStore(tmp_path / "log.sqlite")  # another desk's process on the same log
    other.close_incident(flood, "op2")
    assert store.held_places() == []
