"""Review s16 (rvB) of c1b0f13: a follow-up that tells where the incident is ("the address is Mannerheimintie 20",
"it's in the Forum shopping centre") stays with its incident; only a report of a hazard of its own at another named
place ("Flames at Kiasma museum") opens another.  Any place named in a follow-up of an incident whose reports named
another place (a shop chain, a district) opened a new incident, and the incident stayed without its address."""

from __future__ import annotations

import pytest

from agent.chat_session import ChatSessionConfig


def _incident(make_assistant, first):
    assistant = make_assistant()
    chat = assistant.chat_session(operator="op", config=ChatSessionConfig(follow_reports=True))
    plan = list(chat.run(first))[-1].plan
    assert plan is not None
    return assistant, plan.incident_id


@pytest.mark.parametrize(("first", "follow_up"), [
    ("Smoke from the Alko shop, people coughing outside", "the address is Mannerheimintie 20"),
    ("Smoke and flames in Kamppi, a shop on fire, people running out", "it's in the Forum shopping centre, 2nd floor"),
    ("Fire in a flat on Mannerheimintie, smoke from the 5th floor windows", "it's right next to Kiasma, the building beside the museum"),
    ("Smoke in the care home on Kaisaniemenkatu, 40 residents, upper floors", "residents gathering at the Kaisaniemi park across the street"),
])
def test_a_follow_up_that_says_where_the_incident_is_stays(make_assistant, first, follow_up):
    assistant, incident = _incident(make_assistant, first)
    assert assistant._filer.incident_for_report(follow_up, incident, assistant._triage_only, [incident]) == incident


def test_a_new_hazard_at_another_named_building_still_opens_its_own(make_assistant):
    assistant, incident = _incident(make_assistant, "Smoke from the Alko shop, people coughing outside")
    assert assistant._filer.incident_for_report("Flames at Kiasma museum, 2nd floor, visitors inside", incident,
                                                assistant._triage_only, [incident]) is None
