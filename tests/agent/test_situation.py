"""The situation views read the real incident log and the real scenario; they never change state."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from agent.schemas import ResponsePlan, TriageSummary
from agent.situation import Situation
from agent.store import IncidentStore


def _plan(incident_id: str, shelter_id: str, people: int) -> ResponsePlan:
    return ResponsePlan(plan_id=f"PLAN-{incident_id}", incident_id=incident_id, report="r", location="Kamppi",
                        tool_outputs={"plan_evacuation": {"assignments": [{"shelter_id": shelter_id, "people": people}]}})


def _triage(priority: str) -> TriageSummary:
    return TriageSummary(incident_type="fire", priority=priority, type_confidence=0.9, priority_confidence=0.9)


def test_sitrep_alerts_plan_states_and_occupancy(tmp_path, city, restore_units):
    store = IncidentStore(tmp_path / "log.sqlite")
    p1 = store.create_incident("fire in Kamppi", "op").incident_id
    store.add_report(p1, "fire", _triage("P1"), "op")
    p2 = store.create_incident("flood", "op").incident_id
    store.add_report(p2, "flood", _triage("P2"), "op")
    p3 = store.create_incident("old one", "op").incident_id
    shelter = city.scenario.shelters[0]
    store.save_plan(_plan(p2, shelter.id, int(shelter.capacity * 0.95)), "op")
    store.approve_plan(f"PLAN-{p2}", "chief")
    store.save_plan(_plan(p1, shelter.id, 10), "op")  # a draft: not counted in the occupancy
    unit = next(u for _, u in city.units() if u.status == "available")
    city.set_unit_status(unit.id, "dispatched")
    store.log_event(p1, "unit_status", {"unit_id": unit.id, "status": "dispatched"}, "op")
    before = (dict(city.unit_status()), [(i.incident_id, i.status) for i in store.list_incidents(None)], len(store.events()))

    later = datetime.now(timezone.utc) + timedelta(minutes=45)
    situation = Situation(store, city, clock=lambda: later)
    states = {i.incident_id: i.plan_state for i in situation.open_incidents()}
    assert states == {p1: "draft", p2: "approved", p3: "none"}
    assert [i.incident_id for i in situation.open_incidents("P1")] == [p1]
    board = situation.unit_board()
    assert board.committed[p1] == [unit.id]
    assert next(u for u in board.units if u.unit_id == unit.id).incident_id == p1
    occupancy = {r.shelter_id: r for r in situation.shelter_occupancy()}
    assert occupancy[shelter.id].assigned == int(shelter.capacity * 0.95)
    report = situation.sitrep()
    kinds = {(a.kind, a.incident_id) for a in report.alerts}
    assert ("p1_without_approved_plan", p1) in kinds
    assert ("open_without_plan", p3) in kinds
    assert any(a.kind == "shelter_nearly_full" for a in report.alerts)
    assert "[S1]" in report.text and "[S2]" in report.text and "[S3]" in report.text
    after = (dict(city.unit_status()), [(i.incident_id, i.status) for i in store.list_incidents(None)], len(store.events()))
    assert after == before  # read-only


def test_closed_incidents_release_their_shelter_places(tmp_path, city):
    store = IncidentStore(tmp_path / "log.sqlite")
    incident = store.create_incident("flood", "op").incident_id
    shelter = city.scenario.shelters[0]
    store.save_plan(_plan(incident, shelter.id, 100), "op")
    store.approve_plan(f"PLAN-{incident}", "chief")
    situation = Situation(store, city)
    assert {r.shelter_id: r.assigned for r in situation.shelter_occupancy()}[shelter.id] == 100
    store.close_incident(incident, "op")
    assert {r.shelter_id: r.assigned for r in situation.shelter_occupancy()}[shelter.id] == 0


def test_sitrep_says_how_many_stream_reports_wait_for_a_human_read(tmp_path, city):
    store = IncidentStore(tmp_path / "log.sqlite")
    assert "Stream reports: none waiting for a human read [S1]" in Situation(store, city).sitrep().text
    store.add_stream_reports([{"report_id": f"SR-{i}", "event_time": float(i), "source": "call", "text": "smoke",
                               "triage": {"state": "untriaged", "incident_type": None, "priority": None}} for i in range(3)])
    report = Situation(store, city).sitrep()
    assert report.untriaged_unread == 3
    assert "Stream reports: 3 not triaged, waiting for a human read [S1]" in report.text
    assert report.alerts[0].kind == "untriaged_stream_reports" and "3 stream report(s)" in report.text.split("Alerts:")[1]
    store.mark_stream_report_read("SR-0", "alice")
    assert Situation(store, city).sitrep().untriaged_unread == 2
