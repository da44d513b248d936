"""A pending proposal the board has overtaken is marked STALE wherever pending proposals are listed (the sitrep, the
open-incidents answer), and confirming it is refused with the reason, nothing applied (review s15-rv2):

- a dispatch to an incident that has been closed since it was proposed;
- a unit status change overtaken by a dispatch (the unit was committed after the change was proposed): confirming it
  would silently undo that commitment.

The proposals are made the way operators make them, by chat orders in English and Chinese."""

from __future__ import annotations

import pytest

from core.errors import InputError


@pytest.fixture
def assistant(make_assistant):
    return make_assistant()


def _open(assistant, report: str) -> str:
    return assistant.plan(report, narrative=False).incident_id


def _proposal(assistant, order: str, incident_id: str | None, action: str):
    reply = list(assistant.chat(order, incident_id))[-1]
    made = [p for p in reply.proposals if p.action == action]
    assert len(made) == 1, (order, reply.text, reply.proposals)
    return made[0]


def _pending_line(text: str, proposal_id: str) -> str:
    return next(line for line in text.splitlines() if proposal_id in line)


@pytest.mark.parametrize("order", ["send KAI-A1 to the scene", "派KAI-A1去现场"])
def test_a_dispatch_to_an_incident_closed_since_is_stale_and_not_applied(assistant, restore_units, order):
    crash = _open(assistant, "Two cars collided at Kamppi, one driver injured and trapped")
    dispatch = _proposal(assistant, order, crash, "set_unit_status")
    assert dispatch.args == {"unit_id": "KAI-A1", "status": "dispatched"} and dispatch.incident_id == crash
    close = assistant.propose("close_incident", {"incident_id": crash}, incident_id=crash, operator="deskB")
    assistant.confirm_proposal(close.proposal_id, operator="deskB")

    sitrep = assistant.sitrep().text
    line = _pending_line(sitrep, dispatch.proposal_id)
    assert "STALE" in line and f"{crash} is closed" in line, sitrep
    assert "STALE" in _pending_line("\n".join(_open_incidents_text(assistant)), dispatch.proposal_id)
    with pytest.raises(InputError, match=f"not applied.*{crash} is closed"):
        assistant.confirm_proposal(dispatch.proposal_id, operator="deskA")
    assert assistant.unit_statuses()["KAI-A1"] == "available"


@pytest.mark.parametrize("order", ["set KAM-A2 out of service", "KAM-A2 停用"])
def test_a_status_change_overtaken_by_a_dispatch_is_stale_and_not_applied(assistant, restore_units, order):
    fire = _open(assistant, "Fire in a flat at Bulevardi 14, heavy smoke on the stairs")
    change = _proposal(assistant, order, None, "set_unit_status")
    assert change.args == {"unit_id": "KAM-A2", "status": "out_of_service"}
    dispatch = assistant.propose("commit_dispatch", {"unit_ids": ["KAM-A2"], "incident_id": fire}, incident_id=fire,
                                 operator="deskB")
    assistant.confirm_proposal(dispatch.proposal_id, operator="deskB")

    for text in (assistant.sitrep().text, "\n".join(_open_incidents_text(assistant))):
        line = _pending_line(text, change.proposal_id)
        assert "STALE" in line and "KAM-A2" in line and f"dispatched to {fire}" in line, text
    with pytest.raises(InputError, match=f"not applied.*dispatched to {fire}"):
        assistant.confirm_proposal(change.proposal_id, operator="deskA")
    board = {row.unit_id: row for row in assistant.unit_board().units}
    assert board["KAM-A2"].status == "dispatched" and board["KAM-A2"].incident_id == fire


def test_a_change_the_board_still_allows_is_not_stale(assistant, restore_units):
    """Unrelated activity (another unit committed) does not make a pending change stale: it is confirmed as asked."""
    fire = _open(assistant, "Fire in a flat at Bulevardi 14, heavy smoke on the stairs")
    change = assistant.propose("set_unit_status", {"unit_id": "KAM-A2", "status": "out_of_service"}, operator="deskA")
    dispatch = assistant.propose("commit_dispatch", {"unit_ids": ["HAK-E1"], "incident_id": fire}, incident_id=fire)
    assistant.confirm_proposal(dispatch.proposal_id)
    assert "STALE" not in _pending_line(assistant.sitrep().text, change.proposal_id)
    assistant.confirm_proposal(change.proposal_id, operator="deskA")
    assert assistant.unit_statuses()["KAM-A2"] == "out_of_service"


def test_closing_an_incident_closed_since_is_stale(assistant, restore_units):
    crash = _open(assistant, "Two cars collided at Kamppi, one driver injured")
    first = assistant.propose("close_incident", {"incident_id": crash}, incident_id=crash, operator="deskA")
    second = assistant.propose("close_incident", {"incident_id": crash}, incident_id=crash, operator="deskB")
    assistant.confirm_proposal(second.proposal_id, operator="deskB")
    line = _pending_line(assistant.sitrep().text, first.proposal_id)
    assert "STALE" in line and f"{crash} is already closed" in line
    with pytest.raises(InputError, match="already closed"):
        assistant.confirm_proposal(first.proposal_id, operator="deskA")


def _open_incidents_text(assistant) -> list[str]:
    """The open-incidents answer an operator gets by asking for it in chat."""
    reply = list(assistant.chat("list the open incidents", None))[-1]
    return reply.text.splitlines()
