"""A chat report at the place of an incident another desk already has open (another session, the web UI, `eca plan`,
`eca monitor`) is filed there and the reply says so, rather than opening a duplicate incident."""

from __future__ import annotations

import pytest

from agent.incident_scope import ReportPlace, hazards_compatible, same_precise_place


@pytest.fixture
def assistant(make_assistant):
    return make_assistant()


def test_the_rule_precise_place_and_hazards_that_meet_at_a_scene():
    door = ReportPlace(60.1640, 24.9380, 15.0)
    next_door = ReportPlace(60.1643, 24.9383, 20.0)
    street = ReportPlace(60.1641, 24.9381, 900.0)  # a whole street: no evidence of one incident
    assert same_precise_place(next_door, door) and not same_precise_place(street, door)
    assert hazards_compatible("traffic_accident", "fire") and hazards_compatible("medical", "hazmat")
    assert hazards_compatible(None, "flood") and hazards_compatible("utility_outage", "severe_weather")
    assert not hazards_compatible("missing_person", "fire") and not hazards_compatible("flood", "fire")


@pytest.mark.parametrize("desk, report", [
    ("Fire on the 3rd floor of a flat at Bulevardi 14, one person trapped",
     "Smoke pouring out of the stairwell at Bulevardi 14, residents shouting from the windows"),
    ("Fire on the 3rd floor at Mannerheimintie 5, smoke in the stairwell",
     "火灾：Mannerheimintie 5 三楼冒出浓烟，有人被困"),
])
def test_a_report_where_another_desk_has_an_incident_open_is_filed_there(assistant, desk, report):
    other = assistant.plan(desk, operator="op-berit", narrative=False).incident_id  # opened by another desk
    reply = list(assistant.chat(report, None, operator="op-anna"))[-1]  # a fresh session, no incident yet
    assert reply.plan is not None and reply.plan.incident_id == other
    assert reply.text.startswith(f"Same place as {other} (") and "opened by op-berit" in reply.text
    assert [i.incident_id for i in assistant.incidents()] == [other]
    assert assistant.incident_view(other).report_text == report
    assert [m["role"] for m in assistant.chat_history(other)] == ["user", "assistant"]  # the turn is kept there


def test_a_session_on_its_own_incident_files_a_report_at_another_desks_place_there(assistant):
    other = assistant.plan("Car crash at Bulevardi 14, two cars, one driver trapped", operator="op-berit",
                           narrative=False).incident_id
    session = assistant.open_incident("chat", "op-anna").incident_id
    list(assistant.chat("Gas leak at Yrjönkatu 8, strong smell in the stairwell", session, operator="op-anna"))
    reply = list(assistant.chat("A car is burning outside Bulevardi 14, the driver still inside", session,
                                operator="op-anna"))[-1]
    assert reply.plan.incident_id == other and reply.text.startswith(f"Same place as {other}")
    assert len(assistant.incidents()) == 2  # the gas leak and the crash; no third
    assert assistant.incident_view(session).report_text.startswith("Gas leak")


def test_with_the_window_off_a_new_incident_opens(assistant):
    from agent.chat_session import ChatSessionConfig

    other = assistant.plan("Fire on the 3rd floor of a flat at Bulevardi 14, one person trapped", narrative=False).incident_id
    session = assistant.chat_session(config=ChatSessionConfig(join_open_within_h=0))
    reply = list(session.run("Smoke pouring out of the stairwell at Bulevardi 14, residents shouting"))[-1]
    assert reply.plan.incident_id != other and len(assistant.incidents()) == 2
    assert session.state.current == reply.plan.incident_id and session.state.incidents == [reply.plan.incident_id]


def test_a_report_filed_under_another_desks_incident_leaves_its_type_and_priority_as_they_were(tmp_path):
    # which incident two callers describe is a guess from place and hazard: the report is filed there, the reply says
    # how it reads, and the incident's type and priority are that desk's to change
    from agent.report_filing import OpenElsewhere, ReportFiler
    from agent.schemas import TriageSummary
    from agent.store import IncidentStore

    store = IncidentStore(tmp_path / "log.sqlite")
    filer = ReportFiler(store, city=None)
    fire = store.create_incident("Smouldering bin in the yard of Fredrikinkatu 30", "op-berit").incident_id
    store.add_report(fire, "Smouldering bin in the yard of Fredrikinkatu 30", TriageSummary(
        incident_type="fire", priority="P3", type_confidence=0.9, priority_confidence=0.9), "op-berit")
    other = OpenElsewhere(fire, "op-berit", "2026-01-01T10:00:00", "fire", "P3")
    burned = TriageSummary(incident_type="medical", priority="P1", type_confidence=0.8, priority_confidence=0.8)
    told = filer.file_under_other_desk(other, "A caretaker at Fredrikinkatu 30 has burns on both arms", burned, "op-anna")
    after = store.get_incident(fire)
    assert (after.incident_type, after.priority) == ("fire", "P3")
    assert store.latest_report(fire).text.startswith("A caretaker")  # filed there, as a report
    assert "P1 medical" in told and "P3 fire" in told and "op-berit" in told
    # a report that reads as the incident already is: nothing to confirm, nothing said
    same = TriageSummary(incident_type="fire", priority="P3", type_confidence=0.9, priority_confidence=0.9)
    assert filer.file_under_other_desk(other, "The bin at Fredrikinkatu 30 is still smoking", same, "op-anna") == ""
    # a same-type report of a higher priority is not applied either
    worse = TriageSummary(incident_type="fire", priority="P2", type_confidence=0.9, priority_confidence=0.9)
    assert "P2 fire" in filer.file_under_other_desk(other, "Flames now at the shed door, Fredrikinkatu 30", worse, "op-anna")
    assert store.get_incident(fire).priority == "P3"
