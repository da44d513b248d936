"""s13-rv2 review: regressions of this session's chat-session changes (agent/incident_scope.py motion targets)."""

from __future__ import annotations

import pytest

from agent.incident_scope import without_motion_targets


def _final(assistant, message, incident):
    return list(assistant.chat(message, incident))[-1]


@pytest.fixture
def assistant(make_assistant):
    return make_assistant()


@pytest.mark.parametrize("text, place", [
    ("Water is flowing into the basement of Bulevardi 14, residents carrying things upstairs", "Bulevardi 14"),
    ("A van rolled into the ditch at Mannerheimintie 5, the driver is trapped", "Mannerheimintie 5"),
    ("Smoke blowing into the stairwell of Bulevardi 14 from the burning car", "Bulevardi 14"),
])
def test_where_the_incident_is_after_a_verb_of_motion_stays_its_place(text, place):
    # f91e562's '<drift|blow|mov|head|roll|flow> into|to|over' takes the rest of the clause as a destination: the
    # incident's only address goes with it
    assert place in without_motion_targets(text)


def test_a_flood_elsewhere_named_after_flowing_into_opens_its_own_incident(assistant):
    session = assistant.open_incident("chat", "op").incident_id
    _final(assistant, "Flooding at Mannerheimintie 5, water in the basement", session)
    reply = _final(assistant, "Water is flowing into the basement of Bulevardi 14, residents carrying things upstairs",
                   session)
    # another address 1 km away: its own incident, planned there, not filed on the Mannerheimintie flood
    assert reply.text.startswith("Opened"), reply.text[:300]
    assert len(assistant.incidents()) == 2


def test_another_desks_incident_is_not_retyped_by_a_report_of_another_kind_filed_there(assistant):
    # desk A has a minor crash open outside Bulevardi 14; desk B's chat gets a cardiac arrest in a flat there an hour
    # later. 43da81c files it into A's incident (fire/hazmat/crash/collapse/medical are one 'scene group') and
    # IncidentStore.add_report raises A's incident to B's type and priority: A's crash becomes a P1 medical incident,
    # changed by another desk, without anyone confirming that the two are one event.
    crash = assistant.plan("Minor collision outside Bulevardi 14, two cars, no one hurt, drivers exchanging details",
                           operator="deskA", narrative=False).incident_id
    before = assistant.incident_view(crash).incident
    _final(assistant, "Elderly man collapsed in his flat at Bulevardi 14, not breathing, wife starting CPR", None)
    after = assistant.incident_view(crash).incident
    assert (after.incident_type, after.priority) == (before.incident_type, before.priority)
