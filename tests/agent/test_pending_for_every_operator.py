"""Proposals awaiting confirmation are in the shared incident log: any operator who asks what is waiting for a
decision sees them all, each marked with the operator whose session proposed it (session 14's trial, finding 13: the
second operator's question went to the open-incidents view, which did not list them)."""

from __future__ import annotations

import pytest

from agent.cue_rules import clause_intent


@pytest.mark.parametrize("text", [
    "is there anything waiting on my approval?",
    "which status changes still need a confirmation",
    "list the outstanding proposals",
    "any unconfirmed unit changes?",
    "还有没有等着批准的变更？",
    "列出尚未确认的操作",
    "待审批的提议有哪些",
])
def test_a_question_about_what_awaits_a_decision_reads_the_open_items(text):
    assert clause_intent(text, []) == "open_incidents"


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


@pytest.mark.parametrize("question", ["anything still waiting for a yes or no?", "现在有哪些还没批准的提议？"])
def test_another_operator_sees_a_pending_proposal_with_its_proposer(assistant, restore_units, question):
    proposal = assistant.propose("set_unit_status", {"unit_id": "HAK-E1", "status": "out_of_service"}, operator="deskA")
    reply = list(assistant.chat(question, None, operator="deskB"))[-1]
    assert proposal.proposal_id in reply.text and "proposed by deskA" in reply.text, reply.text
    assert proposal.proposal_id in assistant.sitrep().text
    assistant.confirm_proposal(proposal.proposal_id, operator="deskB")  # any operator may decide it
    again = list(assistant.chat(question, None, operator="deskA"))[-1]
    assert proposal.proposal_id not in again.text and "Awaiting" not in again.text


def test_a_pending_change_the_board_has_overtaken_is_listed_as_stale(assistant, restore_units):
    first = assistant.propose("set_unit_status", {"unit_id": "KAM-A2", "status": "out_of_service"}, operator="deskA")
    second = assistant.propose("set_unit_status", {"unit_id": "KAM-A2", "status": "out_of_service"}, operator="deskB")
    assistant.confirm_proposal(second.proposal_id, operator="deskB")
    reply = list(assistant.chat("are there any pending proposals?", None, operator="deskB"))[-1]
    line = next(x for x in reply.text.splitlines() if first.proposal_id in x)
    assert "proposed by deskA" in line and "STALE: KAM-A2 is already out of service" in line, reply.text
