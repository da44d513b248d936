"""Review s15-rv3 HIGH: Annex J (water and ice rescue, ef6473b) is tagged for every ``medical`` and
``missing_person`` report and its text is full of "ice", "quay", "harbour", "shore": an ordinary medical call on a
quay or a fall on an icy pavement now retrieves Annex J as its top checklist passages, ahead of Annex E (medical).
Probe (/tmp/s15-rv3/p_annex.py, retriever.search(checklist_query(...), k=5, filters={"hazard": "medical"})):
"A woman slipped on the ice on Esplanadi and broke her hip" -> 4 of 5 passages Annex J; "An elderly man collapsed on
the quay at Kauppatori, not breathing" -> the top 3 Annex J. Sentences written for this review."""

from __future__ import annotations

import pytest

from agent.plan_items import checklist_query


@pytest.mark.parametrize("report", [
    "An old lady slipped on the icy pavement outside Stockmann and cannot stand up, probably a broken hip",
    "Man in his fifties collapsed at the ferry terminal quay, chest pain, conscious and talking",
])
def test_a_medical_call_with_nobody_in_the_water_does_not_get_the_water_rescue_checklist_first(retriever, report):
    passages = retriever.search(checklist_query("medical", report), k=5, filters={"hazard": "medical"})
    assert passages, "no passage at all"
    assert "Annex J" not in passages[0].title, [p.title for p in passages]


@pytest.mark.parametrize("report", [
    "An old lady slipped on the icy pavement outside Stockmann and cannot stand up, probably a broken hip",
])
def test_the_checklist_steps_of_a_fall_on_ice_are_not_water_rescue_steps(retriever, report):
    """The steps agent.response_plan._retrieve would list: every fitting step of the passages, in order."""
    from agent.plan_items import checklist_steps
    from agent.step_fit import incident_facts, step_fits

    facts = incident_facts(report, "medical", [])
    passages = retriever.search(checklist_query("medical", report), k=5, filters={"hazard": "medical"})
    steps = [s for p in passages for s in checklist_steps(p.text) if step_fits(s, facts)][:8]
    water = [s for s in steps if "ice-rescue" in s or "off the ice" in s or "divers" in s]
    assert not water, water
