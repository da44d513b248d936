"""A question that names the emergency plans as the source of its answer asks what the plans say (review s16: "what
resources are available for flood response according to the plans" went to the live unit board): search_plans,
whatever it asks about. A question without that source ("which units are free for the flood?") stays the board; an
order stays an order; a question about a place of the map asks about the situation there."""

from __future__ import annotations

import pytest


def tools(text, routed_calls):
    return [c["name"] for c in routed_calls(text)]


@pytest.mark.parametrize("text", [
    "what resources are available for flood response according to the plans",
    "Per our plans, which units respond to a chemical spill?",
    "According to the flood annex, what resources do we have for a flood?",
    "what do the plans say about which vehicles are available for a storm?",
    "Which units are available for a mass-casualty incident under our emergency plans?",
    "根据预案，洪水应对有哪些可用资源？",
    "按照预案，化学品泄漏应该出动哪些单位？",
    "预案中洪水响应可用的力量有哪些？",
])
def test_a_question_asked_of_the_plans_searches_the_plans(routed_calls, text):
    assert tools(text, routed_calls) == ["search_plans"], text


@pytest.mark.parametrize(("text", "expected"), [
    ("which units are free for the flood?", ["unit_board"]),
    ("哪些单位现在空闲可以去处理洪水？", ["unit_board"]),
    # the source covers its own question, not a later one about the situation now
    ("According to the plans, who activates the EOC? And which units are free right now?", ["search_plans", "unit_board"]),
])
def test_a_question_about_the_units_now_stays_the_board(routed_calls, text, expected):
    assert tools(text, routed_calls) == expected, text


def test_an_order_under_the_plan_stays_an_order(routed_calls):
    assert "plan_dispatch" in tools("According to the plan, send two engines to Kamppi", routed_calls)


def test_the_search_reads_the_whole_question(routed_calls):
    calls = routed_calls("According to the flood annex, what resources do we have for a flood?")
    assert "resources" in calls[0]["args"]["query"]
