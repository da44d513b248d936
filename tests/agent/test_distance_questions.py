"""An isolation-distance question gets the distance with its source (trial s16: "how far do we keep people back from
an ammonia leak?" and 氨气泄漏要隔离多远 were planned as incident reports, with no distance in the answer). A
question for a kind of hazard, asked in general, searches the plans and the decision table (search_plans gives the
table's rows, cited); a report that asks it before its place is known gets the table's distances in its plan, cited
by row; 液氯钢瓶 (a liquefied-chlorine steel cylinder) is chlorine, not a household bottle."""

from __future__ import annotations

import pytest


def tools(text, routed_calls):
    return [c["name"] for c in routed_calls(text)]


@pytest.mark.parametrize("text", [
    "how far do we keep people back from an ammonia leak?",
    "For a chlorine cylinder leak, how far back should bystanders stand?",
    "What radius do we clear around a propane tank fire?",
    "氨气泄漏要隔离多远",
    "如果发生液氨泄漏，一般要把人疏散到多远？",
])
def test_a_general_distance_question_searches_the_plans(routed_calls, text):
    assert tools(text, routed_calls) == ["search_plans"], text


@pytest.mark.parametrize(("text", "tool"), [
    # a report that asks it describes an incident: its response plan
    ("ammonia leaking from a truck, people coughing, how far do we keep people back?", "plan_response"),
    # a place of the map named: this incident's plan
    ("ammonia leak at the Kamppi ice rink, how far do we keep people back?", "plan_response"),
    # a unit's distance is no protective distance
    ("how far is ERO-E1 from Kamppi?", "unit_status"),
])
def test_a_report_or_a_unit_question_is_not_turned(routed_calls, text, tool):
    assert tools(text, routed_calls)[0] == tool, text


@pytest.mark.parametrize(("text", "metres"), [
    ("how far do we keep people back from an ammonia leak?", "30 m"),
    ("氨气泄漏要隔离多远", "30 m"),
])
def test_the_answer_gives_the_distance_with_its_source(make_assistant, text, metres):
    assistant = make_assistant()
    events = list(assistant.chat(text, None))
    final = events[-1]
    assert metres in final.text and "[C1]" in final.text, final.text[:600]
    assert any(c.source == "PROTECTIVE_ACTIONS.md" and metres in c.text for c in final.citations)
    assert not assistant.incidents(), "a question opens no incident"


def test_a_report_asking_how_far_before_its_place_is_known_gets_the_table_distance(triage_model, retriever, city):
    from agent.response_plan import ResponsePlanner
    from agent.safety import screen_text

    plan = ResponsePlanner(triage_model, retriever, city).plan(
        screen_text("ammonia leaking from a truck, people coughing, how far do we keep people back?"))
    table = {c.ref: c for c in plan.citations if c.source == "PROTECTIVE_ACTIONS.md"}
    lines = [i for i in plan.evacuation if any(s.ref in table for s in i.sources)]
    assert lines and "30 m" in lines[0].text, [i.text for i in plan.evacuation]


def test_liquefied_chlorine_in_a_steel_cylinder_is_chlorine():
    from tools.protective.cues import read_protective_cues
    from tools.protective.reference import table_rows

    assert read_protective_cues("液氯钢瓶泄漏").material == "chlorine"
    assert read_protective_cues("一瓶漂白水打翻了").material == "corrosive"  # a bottle of bleach stays a household product
    assert "60 m" in table_rows("液氯钢瓶泄漏，警戒范围要多大？", "hazmat")[0].text


@pytest.mark.parametrize("text", [
    # review s16b: the hazard and its place in one clause, the question in the next: the question is about that place
    "gas leak at Fredrikinkatu 30, how far do we evacuate?",
    "Chlorine smell at the swimming hall on Yrjönkatu, people coughing. How far do we evacuate?",
    "Fredrikinkatu 30 煤气泄漏，要疏散多远？",
])
def test_an_evacuation_question_after_a_place_named_is_not_a_plan_search_only(routed_calls, text):
    assert tools(text, routed_calls) != ["search_plans"], text
