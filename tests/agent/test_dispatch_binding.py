"""A dispatch asked for in chat commits units to a real, open incident, and to exactly the units named: the selected
incident, the incident the order names (by id, or the place of an open incident), else the assistant asks which one.
Units are never committed to no incident ("unassigned"), and the proposal names the incident with its real priority."""

from __future__ import annotations

import pytest

from agent.proposals import ProposalBook, ProposalError
from core.errors import InputError


@pytest.fixture
def assistant(make_assistant):
    return make_assistant()


def _open(assistant, report: str) -> str:
    return assistant.plan(report, narrative=False).incident_id


@pytest.mark.parametrize("order", ["dispatch KAI-A1 and HAK-A1 to Kamppi", "please send HAK-A1, KAI-A1 over to Kamppi", "把KAI-A1和HAK-A1派到Kamppi"])
def test_no_incident_selected_and_none_there_asks_which_and_proposes_nothing(assistant, restore_units, order):
    reply = list(assistant.chat(order, None))[-1]
    assert not reply.proposals
    assert "which incident" in reply.text.lower()
    assert "INC-1 " not in reply.text and "this incident" not in reply.text
    assert assistant.unit_statuses()["KAI-A1"] == "available"


@pytest.mark.parametrize("order", ["dispatch KAI-A1 and HAK-A1 to Bulevardi 14", "send HAK-A1 and KAI-A1 to Bulevardi 14 please",
                                   "派HAK-A1和KAI-A1去Bulevardi 14"])
def test_no_incident_selected_binds_to_the_open_incident_at_that_place(assistant, restore_units, order):
    fire = _open(assistant, "Fire in a flat at Bulevardi 14, heavy smoke on the stairs, a child trapped on the 3rd floor")
    priority = assistant.incident(fire).priority
    reply = list(assistant.chat(order, None))[-1]
    commits = [p for p in reply.proposals if p.action == "commit_dispatch"]
    assert len(commits) == 1 and commits[0].args["incident_id"] == fire
    assert sorted(commits[0].args["unit_ids"]) == ["HAK-A1", "KAI-A1"]
    assert f"{fire} ({priority}" in commits[0].summary
    assert "INC-1 (" not in reply.text
    assistant.confirm_proposal(commits[0].proposal_id)
    board = {row.unit_id: row for row in assistant.unit_board().units}
    assert board["KAI-A1"].incident_id == fire and board["HAK-A1"].incident_id == fire


def test_an_incident_named_by_id_is_the_target(assistant, restore_units):
    fire = _open(assistant, "Fire in a flat at Bulevardi 14, heavy smoke on the stairs")
    reply = list(assistant.chat(f"dispatch KAI-A1 to {fire}", None))[-1]
    commits = [p for p in reply.proposals if p.action == "commit_dispatch"]
    assert commits and commits[0].args["incident_id"] == fire and commits[0].args["unit_ids"] == ["KAI-A1"]
    assert "no place called" not in reply.text


@pytest.mark.parametrize("order", ["send ERO-E2 and HAK-E1 to Bulevardi 14", "dispatch HAK-E1, ERO-E2 to Bulevardi 14 now"])
def test_exactly_the_named_units_are_committed_extras_only_suggested(assistant, restore_units, order):
    fire = _open(assistant, "Fire in a flat at Bulevardi 14, heavy smoke on the stairs, people trapped on the 5th floor")
    reply = list(assistant.chat(order, fire))[-1]
    commits = [p for p in reply.proposals if p.action == "commit_dispatch"]
    assert len(commits) == 1 and sorted(commits[0].args["unit_ids"]) == ["ERO-E2", "HAK-E1"]
    assert commits[0].args["incident_id"] == fire
    assert "not proposed" in reply.text  # the table's other picks (ladder, rescue, ...) are suggested, not committed


def test_the_book_never_commits_to_no_incident(assistant, restore_units):
    book: ProposalBook = assistant._proposals
    with pytest.raises(ProposalError, match="needs an incident"):
        book.propose("commit_dispatch", {"unit_ids": ["KAI-A1"]}, incident_id=None, origin="t", operator="op")
    with pytest.raises(ProposalError, match="needs an incident"):
        book.propose("set_unit_status", {"unit_id": "KAI-A1", "status": "dispatched"}, incident_id=None, origin="t", operator="op")
    with pytest.raises(ProposalError, match="no incident"):
        book.propose("commit_dispatch", {"unit_ids": ["KAI-A1"], "incident_id": "INC-NOPE42"}, incident_id=None, origin="t", operator="op")


def test_a_stale_dispatch_says_why_it_was_not_applied(assistant, restore_units):
    fire = _open(assistant, "Fire in a flat at Bulevardi 14, heavy smoke on the stairs")
    crash = _open(assistant, "Two cars collided at Kamppi, one driver injured")
    first = assistant.propose("commit_dispatch", {"unit_ids": ["KAI-P1", "HAK-P1"]}, incident_id=fire)
    second = assistant.propose("commit_dispatch", {"unit_ids": ["KAI-P1"]}, incident_id=crash)
    assistant.confirm_proposal(second.proposal_id)
    with pytest.raises(InputError) as err:
        assistant.confirm_proposal(first.proposal_id)
    assert "not applied" in str(err.value) and f"KAI-P1 (dispatched to {crash})" in str(err.value)
    assert assistant.unit_statuses()["HAK-P1"] == "available"  # nothing of it applied
    assert assistant._proposals.get(first.proposal_id).state == "failed"


@pytest.mark.parametrize("order", ["send HAK-A1 over to INC-0FF1CE", "把HAK-A1派到inc-0ff1ce"])
def test_an_unknown_incident_id_is_said_to_be_no_open_incident_not_looked_up_as_a_place(assistant, restore_units, order):
    """Trial s14 #14: "dispatch ERO-R1 to INC-…" with no incident selected answered "no place called 'INC-…'"."""
    fire = _open(assistant, "Fire in a flat at Bulevardi 14, heavy smoke on the stairs")
    reply = list(assistant.chat(order, None))[-1]
    assert not reply.proposals
    assert "no open incident INC-0FF1CE" in reply.text and fire in reply.text
    assert "no place called" not in reply.text


@pytest.mark.parametrize("order", ["could you send HAK-A1 to inc-{low} please", "派HAK-A1去{upper}"])
def test_an_incident_id_written_in_any_case_binds_the_named_unit_to_it(assistant, restore_units, order):
    fire = _open(assistant, "Fire in a flat at Bulevardi 14, heavy smoke on the stairs")
    reply = list(assistant.chat(order.format(low=fire[4:].lower(), upper=fire), None))[-1]
    commits = [p for p in reply.proposals if p.action == "commit_dispatch"]
    assert commits and commits[0].args == {"unit_ids": ["HAK-A1"], "incident_id": fire}
    assert "no place called" not in reply.text
