"""A question the router would plan as a report, in which the triage model reads no incident, is searched in the plans
and never planned: a not_incident plan written onto an open P1 fire replaced its plan."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from agent.chat_session import _question_calls
from agent.follow_up import is_question


def _reads(kind):
    return lambda text: SimpleNamespace(incident_type=kind)


REPORT = SimpleNamespace(intent="incident_report")


@pytest.mark.parametrize("text", ["who is in charge of triage when there are dozens hurt", "what's the cordon for a gas leak",
                                  "谁负责疏散指挥？", "化学品泄漏要隔离多远呢", "evacuation order wording for a flood?"])
def test_a_question_with_no_incident_in_it_is_searched_not_planned(text):
    assert is_question(text)
    assert _question_calls(text, REPORT, _reads("not_incident")) == [{"name": "search_plans", "args": {"query": text}}]


@pytest.mark.parametrize("text, kind", [
    ("who can help, my neighbour collapsed at Bulevardi 14?", "medical"),  # a report asked as a question: planned
    ("三楼着火了，有人被困吗？", "fire"),
    ("smoke from the roof of Bulevardi 14", "not_incident"),  # no question form
])
def test_a_report_stays_a_report(text, kind):
    assert _question_calls(text, REPORT, _reads(kind)) is None


def test_only_what_would_be_planned_is_rerouted():
    assert _question_calls("who leads at a major incident", SimpleNamespace(intent="plan_question"), _reads("not_incident")) is None
