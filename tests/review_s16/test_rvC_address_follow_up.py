"""Review s16 (rvC), found while probing the unreadable-input check: in a session on a P1 report whose plan says
"LOCATION UNCONFIRMED ... confirm the address", the operator's answer, the address alone ("Annankatu 12",
"Annankatu 12, 3rd floor"), gets the general help text, and "the address is Annankatu 12" only a place lookup; the
incident keeps its unconfirmed location. Mended in session 17 (s17-addr: agent.place_correction.address_answer, ChatSession._address_only), so no longer
xfail."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("answer", ["Annankatu 12", "Annankatu 12, 3rd floor", "地址是 Annankatu 12"])
def test_the_address_given_after_an_unconfirmed_location_goes_to_the_incident(make_assistant, answer):
    assistant = make_assistant()
    first = [e for e in assistant.chat("house fire, smoke from the windows, a man trapped upstairs", None) if e.kind == "final"][-1]
    assert "LOCATION UNCONFIRMED" in first.text and first.plan is not None
    final = [e for e in assistant.chat(answer, first.plan.incident_id) if e.kind == "final"][-1]
    assert "I can triage reports" not in final.text, final.text
    assert final.plan is not None and final.plan.incident_id == first.plan.incident_id, final.text
    assert "Annankatu" in final.text and "LOCATION UNCONFIRMED" not in final.text, final.text
