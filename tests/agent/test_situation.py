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


def test_the_sitreps_p1_count_and_p1_list_are_the_same_incidents(tmp_path, city):
    """The trial's sitrep said "P1: 4" and named 3: the count and the list must be of the same rows."""
    import re

    store = IncidentStore(tmp_path / "log.sqlite")
    for n in range(4):
        store.add_report(store.create_incident(f"fire {n}", "op").incident_id, "fire", _triage("P1"), "op")
    store.add_report(store.create_incident("flood", "op").incident_id, "flood", _triage("P2"), "op")
    report = Situation(store, city).sitrep()
    counted = int(re.search(r"P1: (\d+)", report.text).group(1))
    p1_line = next(line for line in report.text.splitlines() if line.startswith("P1 ("))
    named = set(re.findall(r"INC-[0-9A-F]+", p1_line))
    assert counted == 4 and p1_line.startswith("P1 (4):")
    assert named == {i.incident_id for i in report.incidents if i.priority == "P1"}
    for n in range(8):  # past what the line names: the rest are counted, not dropped
        store.add_report(store.create_incident(f"more {n}", "op").incident_id, "fire", _triage("P1"), "op")
    text = Situation(store, city).sitrep().text
    p1_line = next(line for line in text.splitlines() if line.startswith("P1 ("))
    assert "P1: 12" in text and p1_line.startswith("P1 (12):")
    assert len(set(re.findall(r"INC-[0-9A-F]+", p1_line))) + int(re.search(r"and (\d+) more", p1_line).group(1)) == 12


def _incident(store: IncidentStore, title: str, priority: str) -> str:
    incident_id = store.create_incident(title, "op").incident_id
    store.add_report(incident_id, title, _triage(priority), "op")
    return incident_id


def _dispatch_plan(incident_id: str, units: list[str]) -> ResponsePlan:
    return ResponsePlan(plan_id=f"PLAN-{incident_id}", incident_id=incident_id, report="r", location="Kamppi",
                        tool_outputs={"plan_dispatch": {"assignments": [{"incident_id": incident_id, "unit_id": u} for u in units]}})


def test_a_unit_proposed_to_two_open_incidents_is_flagged_in_the_plan_and_the_sitrep(tmp_path, city, restore_units):
    store = IncidentStore(tmp_path / "log.sqlite")
    first, second = _incident(store, "fire", "P1"), _incident(store, "smoke", "P2")
    engine, ambulance, other = [u.id for _, u in city.units() if u.status == "available"][:3]
    store.save_plan(_dispatch_plan(first, [engine, ambulance]), "op")
    situation = Situation(store, city)
    assert not any(a.kind == "unit_proposed_twice" for a in situation.sitrep().alerts)
    plan = _dispatch_plan(second, [engine, other])
    warnings = situation.plan_proposal_warnings(plan)
    assert warnings == [f"{engine} is also proposed for {first} (P1) (not committed there): confirm which incident it goes to."]
    store.save_plan(plan, "op")
    alert = next(a for a in situation.sitrep().alerts if a.kind == "unit_proposed_twice")
    assert f"{engine} proposed for {first} (P1), {second} (P2)" in alert.text and ambulance not in alert.text
    # committed units are not proposals any more (the dispatcher already leaves them out): no warning
    city.set_unit_status(engine, "dispatched")
    store.log_event(first, "unit_status", {"unit_id": engine, "status": "dispatched"}, "op")
    assert situation.plan_proposal_warnings(plan) == []
    assert not any(a.kind == "unit_proposed_twice" for a in situation.sitrep().alerts)
    # a closed incident's plan proposes nothing
    city.set_unit_status(engine, "available")
    store.close_incident(first, "op")
    assert situation.plan_proposal_warnings(plan) == []


def test_eca_plan_warns_of_a_unit_another_open_incidents_plan_counts_on(make_assistant, restore_units):
    assistant = make_assistant()
    first = assistant.plan("Fire in an apartment at Fredrikinkatu 20, smoke from the third floor", narrative=False)
    second = assistant.plan("Fire in a flat at Fredrikinkatu 22, smoke in the stairwell", narrative=False)
    first_units = {a["unit_id"] for a in first.tool_outputs["plan_dispatch"]["assignments"]}
    shared = [a["unit_id"] for a in second.tool_outputs["plan_dispatch"]["assignments"] if a["unit_id"] in first_units]
    assert shared  # two fires next door: the nearest units are proposed to both
    for unit in shared:
        assert any(w.startswith(f"{unit} is also proposed for {first.incident_id} (") for w in second.warnings)
    assert not any("also proposed" in w for w in first.warnings)


def _cluster_rows(ids: list[str], cluster_id: str) -> list[dict]:
    triage = {"incident_type": "fire", "priority": "P1"}
    return [{"report_id": rid, "text": "fire at Liisankatu 12, people trapped", "triage": triage, "cluster_id": cluster_id,
             "detail": {"place": "Liisankatu 12"}} for rid in ids]


def test_reports_joining_a_cluster_an_incident_was_opened_from_go_to_that_incident(tmp_path, city):
    """Once an operator opened an incident from a monitor cluster, the monitor's later reports of that cluster belong to
    it: the cluster must not come back as an unconfirmed P1 candidate."""
    store = IncidentStore(tmp_path / "log.sqlite")
    store.add_stream_reports(_cluster_rows(["a1", "a2"], "C00007"))
    incident = store.create_incident("fire at Liisankatu 12", "op").incident_id
    assert store.link_cluster("C00007", incident, "op") == 2
    store.add_stream_reports(_cluster_rows(["a3"], "C00007") + _cluster_rows(["b1"], "C00008"))
    assert {r["report_id"] for r in store.stream_reports(incident_id=incident)} == {"a1", "a2", "a3"}
    report = Situation(store, city).sitrep()
    assert [c.cluster_id for c in report.stream_candidates] == ["C00008"]
    assert all("C00007" not in a.text for a in report.alerts)


def test_the_chat_reply_says_a_unit_is_also_proposed_for_another_incident(make_assistant, restore_units):
    """The operator reads the chat's text, not the plan object: the double proposal must be in it, once."""
    assistant = make_assistant()
    first = assistant.open_incident("first", "op").incident_id
    list(assistant.chat("Fire in a flat at Bulevardi 14, smoke on the stairs, one person hurt", first))
    second = assistant.open_incident("second", "op").incident_id
    final = [e for e in assistant.chat("Fire in a flat at Bulevardi 16, heavy smoke, two people hurt", second) if e.kind == "final"][-1]
    assert final.plan is not None
    shared = [w for w in final.plan.warnings if "is also proposed for" in w]
    assert shared and all(f"is also proposed for {first} (" in w for w in shared)
    assert len(shared) == len(set(shared))  # added once, not by both the planner and the chat
    for warning in shared:
        assert warning in final.text


def test_a_dismissed_stream_alert_stops_raising_the_p1_alert_until_the_monitor_alerts_again(tmp_path, city):
    """An operator dismissed the candidate's one-headline alert as no incident: the sitrep stops shouting about it (it
    stays listed, marked dismissed); a later alert of the monitor on it (its reports confirm it) brings the alert back."""
    import time

    store = IncidentStore(tmp_path / "log.sqlite")
    store.add_stream_reports(_cluster_rows(["a1"], "C00003"))

    def alert(message: str) -> None:
        time.sleep(0.01)  # the log's times are in milliseconds: each event its own instant
        store.log_event(None, "monitor_alert", {"cluster_id": "C00003", "message": message, "unconfirmed": True}, "monitor")

    def p1_alerts() -> list[str]:
        return [a.text for a in Situation(store, city).sitrep().alerts if a.kind == "p1_stream_candidate"]

    alert("new incident: fire at Liisankatu 12")
    assert len(p1_alerts()) == 1
    time.sleep(0.01)
    store.log_event(None, "alert_dismissed", {"cluster_id": "C00003", "message": "new incident: fire at Liisankatu 12",
                                              "reason": "an old news story"}, "op")
    assert p1_alerts() == []
    (candidate,) = Situation(store, city).stream_candidates()
    assert candidate.cluster_id == "C00003" and candidate.dismissed == "an old news story"
    assert "dismissed" in Situation(store, city).sitrep().text
    alert("confirmed: fire at Liisankatu 12, 3 reports")
    assert len(p1_alerts()) == 1 and Situation(store, city).stream_candidates()[0].dismissed is None
