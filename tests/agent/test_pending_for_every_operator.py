"""Proposals awaiting confirmation are in the shared incident log: any operator who asks what is waiting for a
decision sees them all, each marked with the operator whose session proposed it (session 14's trial, finding 13: the
second operator's question went to the open-incidents view, which did not list them)."""

from __future__ import annotations

import pytest

from agent.cue_rules import clause_intent


# The routing of "what is pending confirmation?" to this view was taken out (review s15-rv2 HIGH: the cue swallowed
# reports and orders that mention an unconfirmed fact); the listing itself is read through the sitrep below.


@pytest.mark.parametrize("text", [
    "the caller is waiting on confirmation that the ambulance has left",
    "Smoke at Bulevardi 14, crew waiting for approval to enter",
    "what do the plans say about awaiting police approval before entering a scene",
    "病人家属还在等待确认病床",
    "unconfirmed reports of a gas smell in Kallio",
    "confirm it",
])
def test_reports_and_plan_questions_that_mention_a_confirmation_are_not_that_question(text):
    assert clause_intent(text, []) != "open_incidents"


@pytest.fixture
def assistant(make_assistant):
    return make_assistant()


def test_another_operator_sees_a_pending_proposal_with_its_proposer(assistant, restore_units):
    proposal = assistant.propose("set_unit_status", {"unit_id": "HAK-E1", "status": "out_of_service"}, operator="deskA")
    said = assistant.sitrep().text
    assert proposal.proposal_id in said and "proposed by deskA" in said, said
    assistant.confirm_proposal(proposal.proposal_id, operator="deskB")  # any operator may decide it
    assert proposal.proposal_id not in assistant.sitrep().text


def test_a_pending_change_the_board_has_overtaken_is_listed_as_stale(assistant, restore_units):
    first = assistant.propose("set_unit_status", {"unit_id": "KAM-A2", "status": "out_of_service"}, operator="deskA")
    second = assistant.propose("set_unit_status", {"unit_id": "KAM-A2", "status": "out_of_service"}, operator="deskB")
    assistant.confirm_proposal(second.proposal_id, operator="deskB")
    said = assistant.sitrep().text
    line = next(x for x in said.splitlines() if first.proposal_id in x)
    assert "proposed by deskA" in line and "STALE: KAM-A2 is already out of service" in line, said
