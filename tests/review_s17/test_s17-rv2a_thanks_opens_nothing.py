"""Review s17-rv2a (HIGH, not fixed): a bare Finnish "kiitos" (thank you) opens a utility_outage P2 incident on main;
at d22069d it got the out-of-scope reply. The router reads it out_of_scope (agent.intents.route without triage), yet
the chat's fallback (agent.intents.plan_calls) routes it with the triage model: the classifier is unsure (out_of_scope
0.29 < 0.5) and the triage model reads "kiitos" as an incident, so it is filed. The triage reading likely moved with
6cc352d (finetune _lead_window by label name); not confirmed in the time of the review.
Fixed in session 18: thanks, drills, tests and all-clears are kept out at the chat's filing decision and the router's
(agent.hazards.no_new_emergency; tests/agent/test_non_incidents_every_path_s18.py)."""

from __future__ import annotations

import pytest


def test_a_bare_thank_you_in_finnish_opens_no_incident(make_assistant, restore_units):
    assistant = make_assistant()
    final = [e for e in assistant.chat("kiitos", None) if e.kind == "final"][-1]
    assert not assistant.incidents(), final.text[:300]


@pytest.mark.parametrize("message", ["kiitos paljon", "thanks", "danke"])
def test_other_thanks_open_no_incident(make_assistant, restore_units, message):
    assistant = make_assistant()
    final = [e for e in assistant.chat(message, None) if e.kind == "final"][-1]
    assert not assistant.incidents(), final.text[:300]
