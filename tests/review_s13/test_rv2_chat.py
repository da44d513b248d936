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
