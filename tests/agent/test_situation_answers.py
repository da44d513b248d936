"""Situation questions in a commander's words, in English and Chinese (trial s14 #14): the incidents asked for by
the state of their plans are the incident list (not a plan search), "which units are free?" names the free units by
type, and the shelter board says plainly when nobody is assigned or when there is no shelter data."""

from __future__ import annotations

import re

import pytest

from agent.cue_rules import clause_intent
from agent.situation import ShelterRow, UnitBoard, UnitRow, board_text, shelters_text

UNITS = ["ERO-E1", "KAI-A1"]


@pytest.mark.parametrize("text", ["which incidents have no approved plan?", "any calls still without an approved plan?",
                                  "show incidents whose plan is still a draft", "how many incidents have plans awaiting approval",
                                  "哪些事件还没有批准的方案？", "还有哪些警情的方案没批准"])
def test_incidents_asked_for_by_their_plan_state_are_the_incident_list(text):
    assert clause_intent(text, UNITS) == "open_incidents"


@pytest.mark.parametrize("text", ["which units are free?", "what crews are idle right now?", "what vehicles are still available",
                                  "哪些单位空闲？", "哪些车辆还可用", "空闲的单位有哪些"])
def test_which_units_are_free_is_the_unit_board(text):
    assert clause_intent(text, UNITS) == "unit_board"


@pytest.mark.parametrize("text", ["no plan to evacuate yet, fire at Bulevardi 5", "which units are free at Kamppi?",
                                  "what is the plan for a chlorine release?", "the incident has no approved evacuation route"])
def test_other_messages_keep_their_reading(text):
    assert clause_intent(text, UNITS) not in ("open_incidents", "unit_board")


def _board() -> UnitBoard:
    rows = [UnitRow(unit_id="ERO-E2", unit_type="engine", station="S", status="available"),
            UnitRow(unit_id="ERO-E1", unit_type="engine", station="S", status="available"),
            UnitRow(unit_id="KAI-A1", unit_type="ambulance", station="K", status="available"),
            UnitRow(unit_id="KAI-A2", unit_type="ambulance", station="K", status="dispatched", incident_id="INC-9"),
            UnitRow(unit_id="ERO-L2", unit_type="ladder", station="S", status="out_of_service")]
    return UnitBoard(units=rows, counts={"available": 3, "dispatched": 1, "out_of_service": 1},
                     by_station={"S": {"available": 2, "out_of_service": 1}, "K": {"available": 1, "dispatched": 1}},
                     by_type={}, committed={"INC-9": ["KAI-A2"]})


def test_the_board_names_the_free_units_by_type():
    text = board_text(_board())
    assert "Free units: ambulance: KAI-A1; engine: ERO-E1, ERO-E2 [S2]" in text
    free_line = [line for line in text.splitlines() if line.startswith("Free units")][0]
    assert "KAI-A2" not in free_line and "ERO-L2" not in free_line


def test_the_shelter_board_says_when_there_is_no_data_or_nobody_assigned():
    assert shelters_text([]) == "No shelter data: the scenario lists no shelters. [S3]"
    empty = [ShelterRow(shelter_id="s1", name="Hall", capacity=300, assigned=0, percent=0.0),
             ShelterRow(shelter_id="s2", name="School", capacity=200, assigned=0, percent=0.0)]
    text = shelters_text(empty)
    assert "nobody is assigned" in text and "500 places free in 2 shelters" in text and "- Hall: 0/300 (0%)" in text
    used = [empty[0].model_copy(update={"assigned": 150, "percent": 50.0}), empty[1]]
    assert shelters_text(used).splitlines()[0].startswith("Shelter occupancy (approved evacuation plans")


@pytest.mark.parametrize("question, tool", [("any incidents without an approved plan?", "open_incidents"),
                                            ("which calls are still waiting for plan approval?", "open_incidents"),
                                            ("哪些事件的方案还没批准？", "open_incidents"),
                                            ("what units are free right now?", "unit_board"), ("哪些单位现在空闲？", "unit_board")])
def test_the_chat_answers_them_from_the_situation(make_assistant, question, tool):
    events = list(make_assistant().chat(question, None))
    assert [e.step.name for e in events if e.kind == "tool"] == [tool]
    if tool == "unit_board":  # the free units by name, not only counts; a Chinese asker reads the label in Chinese (s18)
        label = "空闲单位：" if any("\u4e00" <= c <= "\u9fff" for c in question) else "Free units: "
        free_line = next(line for line in events[-1].text.splitlines() if line.startswith(label))
        assert re.search(r"\b[A-Z]{3}-[A-Z]\d\b", free_line), free_line
