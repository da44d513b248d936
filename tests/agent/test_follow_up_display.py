"""A follow-up's plan shows the incident's place and type as they are (trial s14 #15): the place label did not grow a
"(the incident's place)" suffix in the sitrep and the incident list, and a type or priority kept from the incident
showed the model's probability of it for the follow-up ("traffic_accident (0%), priority P1 (0%)")."""

from __future__ import annotations

import pytest

from agent.follow_up import kept_incident_triage
from agent.render import to_markdown
from agent.response_plan import to_triage_summary
from agent.schemas import ResponsePlan, TriageSummary


def _read(kind: str, priority: str) -> TriageSummary:
    return TriageSummary(incident_type=kind, priority=priority, type_confidence=0.81, priority_confidence=0.77,
                         type_probs={kind: 0.81, "flood": 0.0}, priority_probs={priority: 0.77, "P1": 0.02})


def test_a_type_and_priority_kept_from_the_incident_show_no_figure():
    kept = to_triage_summary(kept_incident_triage(_read("medical", "P3"), "flood", "P1"))
    assert (kept.incident_type, kept.priority) == ("flood", "P1")
    assert kept.confidence_figures() == ("", "")
    header = to_markdown(ResponsePlan(plan_id="PLAN-X", report="r", triage=kept)).splitlines()[1]
    assert "0%" not in header and "2%" not in header and "type and priority kept from the incident" in header
    only_type = to_triage_summary(kept_incident_triage(_read("medical", "P1"), "flood", "P2"))
    assert "(type kept from the incident; priority confidence 77%)" in to_markdown(ResponsePlan(plan_id="PLAN-Z", report="r", triage=only_type))


def test_the_follow_ups_own_reading_keeps_its_figures():
    own = to_triage_summary(kept_incident_triage(_read("flood", "P1"), "flood", "P2"))  # same type, a higher priority
    assert own.confidence_figures() == ("81%", "77%")
    assert "confidence 81% / 77%" in to_markdown(ResponsePlan(plan_id="PLAN-Y", report="r", triage=own))


@pytest.mark.parametrize("follow_ups", [["another casualty found under the second car", "one more driver is now unconscious"],
                                        ["第二辆车下面又发现一名伤者", "又有一名司机昏迷了"]])
def test_the_incidents_place_is_its_own_name_after_follow_ups(make_assistant, follow_ups):
    assistant = make_assistant()
    session = assistant.open_incident("chat", "op").incident_id
    first = list(assistant.chat("Two cars collided at Bulevardi 14, one driver trapped, fuel on the road", session))[-1]
    for text in follow_ups:
        reply = list(assistant.chat(text, session))[-1]
        assert reply.plan is not None and reply.plan.location == first.plan.location
        assert "(the incident's place)" in " ".join(i.text for i in reply.plan.situation)  # said where it comes from
        triage = reply.plan.triage
        if triage.type_source.startswith("the incident's"):  # kept: no figure of the follow-up's own reading
            assert f"Triage: {triage.incident_type}, priority" in " ".join(i.text for i in reply.plan.situation)
    [listed] = [i for i in assistant.open_incidents() if i.incident_id == session]
    assert "(the incident's place)" not in str(listed.model_dump())
