"""s16 trial H3: with the tram crash selected, the operator triaged and planned a report of another place (Kirkkokatu 8,
as the chat itself advised for a wrongly joined report); the plan was filed under the tram crash, and from then on
both desks saw the tram crash "at Kirkkokatu 8".  A report of another place triaged or planned with an incident
selected opens its own incident and says so; the selected incident keeps its place.  The chat's advice names what
works (New incident)."""

from __future__ import annotations

import pytest

from agent.chat_session import _joined_note
from agent.report_filing import OpenElsewhere

TRAM = "Tree came down on the tram at Mannerheimintie by Lasipalatsi, tram full of people, windows smashed, some hurt."
ELDERLY = [
    "Kirkkokatu 8 三楼，一位92岁独居老奶奶家里停电，没有暖气，室内只有10度，她有心脏病，门打不开。",
    "Elderly woman alone without heating at Kirkkokatu 8, 3rd floor, door locked, slurred speech.",
]


@pytest.fixture
def tram(make_assistant):
    assistant = make_assistant()
    plan = assistant.plan(TRAM, operator="aho", narrative=False)
    place = assistant._filer.incident_place(plan.incident_id)
    assert place is not None and "Lasipalatsi" in place.name
    return assistant, plan.incident_id, place


@pytest.mark.parametrize("report", ELDERLY)
def test_triage_then_plan_of_another_place_opens_its_own_incident(tram, report):
    assistant, tram_id, place = tram
    record = assistant.triage(report, tram_id, operator="lin")
    assert record.incident_id != tram_id
    assert tram_id in record.note and "Kirkkokatu" in record.note
    plan = assistant.plan(report, record.incident_id, operator="lin", narrative=False)
    assert plan.incident_id == record.incident_id
    assert assistant._filer.incident_place(tram_id) == place  # the tram crash has not moved
    assert [r for r in assistant._store.report_texts(tram_id)] == [TRAM]


@pytest.mark.parametrize("report", ELDERLY)
def test_plan_alone_of_another_place_opens_its_own_incident_and_says_so(tram, report):
    assistant, tram_id, place = tram
    plan = assistant.plan(report, tram_id, operator="lin", narrative=False)
    assert plan.incident_id != tram_id
    assert any(tram_id in w and "own incident" in w for w in plan.warnings)
    assert assistant._filer.incident_place(tram_id) == place


def test_a_follow_up_of_the_selected_incident_stays(tram):
    assistant, tram_id, place = tram
    record = assistant.triage("two more passengers hurt, one child trapped under a seat", tram_id, operator="lin")
    assert record.incident_id == tram_id and record.note == ""


def test_the_advice_for_a_wrongly_joined_report_names_new_incident():
    note = _joined_note([(None, OpenElsewhere("INC-1", "aho", "2026-12-02T22:06:00", "severe_weather"), "")])
    assert "New incident" in note
    assert "Triage button" not in note
