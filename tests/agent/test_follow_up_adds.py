"""A follow-up adds to its incident (agent.follow_up): the plan is rebuilt from all the incident's reports, the
incident keeps its type and a priority that only rises, and the units it already had stay on the plan."""

from __future__ import annotations

import re

import pytest

from agent.follow_up import accumulated_report, kept_incident_triage
from agent.schemas import TriageSummary
from core.vocabulary import priority_rank

_UNIT = re.compile(r"^([A-Z]{3}-[A-Z]+\d+) \(")


def _units(plan) -> set[str]:
    return {m.group(1) for item in plan.resources if (m := _UNIT.match(item.text))}


def _final(assistant, message, incident):
    return list(assistant.chat(message, incident))[-1]


def _triage(kind: str, priority: str) -> TriageSummary:
    return TriageSummary(incident_type=kind, priority=priority, type_confidence=0.9, priority_confidence=0.8,
                         type_probs={kind: 0.9, "hazmat": 0.05}, priority_probs={priority: 0.8, "P1": 0.1})


def test_the_incident_keeps_its_type_and_the_higher_priority():
    kept = kept_incident_triage(_triage("medical", "P1"), "hazmat", "P2")
    assert (kept.incident_type, kept.priority) == ("hazmat", "P1") and "medical" in kept.secondary_types
    kept = kept_incident_triage(_triage("medical", "P3"), "fire", "P1")
    assert (kept.incident_type, kept.priority) == ("fire", "P1")
    first = kept_incident_triage(_triage("flood", "P2"), None, None)  # an incident with no type yet takes the report's
    assert (first.incident_type, first.priority) == ("flood", "P2")


def test_the_incident_is_read_in_the_order_it_was_reported_each_report_once():
    text = accumulated_report("现在又有人晕倒了", ["second update", "first report", "first report"])
    assert text.splitlines() == ["first report", "second update", "现在又有人晕倒了"]


@pytest.fixture
def assistant(make_assistant):
    return make_assistant()


@pytest.mark.parametrize("first, follow_up", [
    ("Smoke pouring out of a 5-storey block of flats at Bulevardi 14, a man waving from a 4th floor window",
     "flames have reached the roof now and a neighbour has burns on both hands"),
    ("Smoke pouring out of a 5-storey block of flats at Bulevardi 14, a man waving from a 4th floor window",
     "火已经烧到楼顶了，又有一个邻居手被烧伤"),
    ("Strong chemical smell from a leaking tanker truck at Bulevardi 14, people on the pavement coughing",
     "two people have collapsed by the truck now"),
    ("Strong smell of chemicals from a drum leaking at Bulevardi 14, several people coughing",
     "又有两个人吸入气体后晕倒了，呼吸困难"),
    ("Two cars collided at Bulevardi 14, one driver trapped behind the wheel",
     "a passenger of the other car is unconscious now"),
    ("Water pouring into the basement flats of Bulevardi 14, rising fast, an old man lives down there",
     "地下室的水已经齐腰深了，老人上不了楼梯"),
])
def test_a_follow_up_adds_to_the_plan_it_never_replaces_it(assistant, first, follow_up):
    session = assistant.open_incident("chat", "op").incident_id
    before = _final(assistant, first, session).plan
    after = _final(assistant, follow_up, session).plan
    assert after.incident_id == before.incident_id == session and len(assistant.incidents()) == 1
    assert after.triage.incident_type == before.triage.incident_type  # a fire stays a fire, a leak a leak
    assert priority_rank(after.triage.priority) <= priority_rank(before.triage.priority)
    assert assistant.incident(session).incident_type == before.triage.incident_type
    assert _units(before) and _units(before) <= _units(after)  # the ladder, the hazmat unit, the rescue unit stay
    assert "Bulevardi 14" in (after.location or "")
    assert len(after.evacuation) >= len(before.evacuation) or not before.evacuation
