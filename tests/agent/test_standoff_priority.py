"""A suspicious object in a public place is at least P2, so that the protective table's stand-off (PS rows) is
planned: at P3 the plan moved nobody while its own actions said "evacuate at least 100 m around it"."""

from __future__ import annotations

import pytest

from agent.hazards import reconciled_triage
from agent.schemas import TriageSummary


def summary(kind: str, priority: str) -> TriageSummary:
    return TriageSummary(incident_type=kind, priority=priority, type_confidence=0.6, priority_confidence=0.5,
                         type_probs={kind: 0.6, "public_security": 0.3}, priority_probs={priority: 0.5, "P2": 0.3})


@pytest.mark.parametrize("text", [
    "unattended suitcase next to the tram stop shelter, nobody around it",
    "候车室有个可疑的箱子，没人认领",
    "there's a suspicious backpack under a bench in the square",
])
@pytest.mark.parametrize("kind,priority", [("public_security", "P3"), ("not_incident", "P4")])
def test_a_suspicious_object_is_at_least_p2(text, kind, priority):
    out = reconciled_triage(summary(kind, priority), text)
    assert out.incident_type == "public_security" and out.priority == "P2", (text, out)


@pytest.mark.parametrize("text,kind,priority", [
    ("two men fighting outside the bar, no weapons", "public_security", "P3"),
    ("有人在广场上大喊大叫", "public_security", "P3"),
    ("unattended suitcase next to the tram stop shelter", "public_security", "P1"),  # higher stays higher
])
def test_other_reports_keep_their_priority(text, kind, priority):
    assert reconciled_triage(summary(kind, priority), text).priority == priority


@pytest.mark.parametrize("text", ["unattended suitcase next to the tram stop shelter, nobody around it", "候车室有个可疑的箱子，没人认领"])
def test_the_protective_table_cordons_it(city, text):
    from tools.protective import plan_protective_action

    plan = plan_protective_action(city, text, "public_security", place="Rautatientori", routing=False)
    assert plan.rule.startswith("PS"), plan
