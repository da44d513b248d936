"""A caller's address correction ("sorry, not Mannerheimintie 5, it's Annankatu 20", "地址说错了，应该是 Fredrikinkatu 30")
proposes moving the incident: once the operator confirms it, the incident's place moves (audited) and the next plan is
made there; an address the map does not have is said so and nothing moves (agent.place_correction,
agent.incident_changes)."""

from __future__ import annotations

import pytest

from agent.place_correction import corrected_place


@pytest.mark.parametrize(("text", "place"), [
    ("sorry, not Bulevardi 14, it's Bulevardi 41", "Bulevardi 41"),
    ("sorry, the caller got it wrong: not Mannerheimintie 5, it's Annankatu 20", "Annankatu 20"),
    ("地址说错了，是 Bulevardi 41", "Bulevardi 41"),
    ("地址说错了，应该是 Fredrikinkatu 30", "Fredrikinkatu 30"),
    ("不是 Bulevardi 14，是 Bulevardi 41", "Bulevardi 41"),
    ("Do not send ERO-E1 to Annankatu 12, it is needed at Bulevardi 14", None),
    ("fire is not at the front, it's at the back", None),
])
def test_the_corrected_address_is_read(text, place):
    assert corrected_place(text) == place


@pytest.fixture
def assistant(make_assistant, restore_units):
    return make_assistant()


def _turn(assistant, text, incident):
    return list(assistant.chat(text, incident, "op-anna"))[-1]


@pytest.mark.parametrize(("correction", "new_place", "follow_up"), [
    ("sorry, the caller got it wrong: not Mannerheimintie 5, it's Annankatu 20", "Annankatu 20",
     "flames now reaching the second car"),
    ("地址说错了，应该是 Fredrikinkatu 30", "Fredrikinkatu 30", "Now the fire has spread to a second car, one person burned"),
])
def test_a_confirmed_relocation_moves_the_incident_and_the_next_plan(assistant, correction, new_place, follow_up):
    incident = assistant.plan("Car on fire in the courtyard of Mannerheimintie 5", narrative=False).incident_id
    reply = _turn(assistant, correction, incident)
    [proposal] = reply.proposals
    assert proposal.action == "relocate_incident" and new_place in proposal.summary and "Mannerheimintie 5" in proposal.summary
    assert assistant._filer.incident_place(incident).name.startswith("Mannerheimintie 5")  # not moved before confirmation
    assistant.confirm_proposal(proposal.proposal_id, "op-anna")
    assert assistant._filer.incident_place(incident).name == new_place
    [moved] = assistant.incident_log(incident, kind="incident_relocated")
    assert moved.operator == "op-anna" and moved.payload["name"] == new_place
    plan = _turn(assistant, follow_up, incident).plan
    assert plan.incident_id == incident and plan.location == new_place


def test_an_address_the_map_lacks_moves_nothing(assistant):
    incident = assistant.plan("Car on fire in the courtyard of Mannerheimintie 5", narrative=False).incident_id
    reply = _turn(assistant, "address correction: it is Hämeentie 200, not Mannerheimintie 5", incident)
    assert not reply.proposals and "cannot be found on the map" in reply.text and "nothing was changed" in reply.text
    reply = _turn(assistant, "地址说错了，是布莱瓦迪41号", incident)
    assert not reply.proposals and "地图上找不到" in reply.text
    assert not assistant.pending_proposals(incident)
    assert assistant._filer.incident_place(incident).name.startswith("Mannerheimintie 5")
    assert not assistant.incident_log(incident, kind="incident_relocated")


@pytest.mark.parametrize(("correction", "street", "chinese"), [
    # trial s19 L24: the street is on the map, that house number is not -> said so, and the street offered as a proposal
    ("correction: the address is Eteläesplanadi 2, not Pohjoisesplanadi", "Eteläesplanadi", False),
    ("sorry, the caller got it wrong: not Mannerheimintie 5, it's Bulevardi 240", "Bulevardi", False),
    ("地址说错了，应该是 Fredrikinkatu 290", "Fredrikinkatu", True),
])
def test_a_house_number_the_map_lacks_offers_its_street(assistant, correction, street, chinese):
    incident = assistant.plan("Car on fire in the courtyard of Mannerheimintie 5", narrative=False).incident_id
    reply = _turn(assistant, correction, incident)
    assert len(reply.proposals) == 1, reply.text  # a proposal the operator confirms, never a move without one
    [proposal] = reply.proposals
    assert proposal.action == "relocate_incident" and street in proposal.args["name"]
    assert proposal.args["radius_m"] > 0  # a street is no point: the uncertainty travels with the move
    assert ("门牌号" in reply.text) if chinese else ("not that house number" in reply.text and street in reply.text)
    assert assistant._filer.incident_place(incident).name.startswith("Mannerheimintie 5")  # nothing moved yet
    assistant.confirm_proposal(proposal.proposal_id, "op-anna")
    assert street in assistant._filer.incident_place(incident).name
