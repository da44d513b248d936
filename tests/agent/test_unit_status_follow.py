"""A unit status confirmed in another running process on the same incident log (a second `eca chat`, the web UI) holds
in this one before its next turn that reads units: the board, a plan's dispatch, a chat turn; no restart needed."""

from __future__ import annotations

import pytest

from agent.store import IncidentStore


def _confirmed_elsewhere(path, unit_id: str, status: str, incident_id: str | None = None) -> None:
    """What another process's confirmation writes (agent.proposals.ProposalBook._apply), through its own connection."""
    other = IncidentStore(path)
    other.log_event(incident_id, "unit_status", {"unit_id": unit_id, "status": status, "proposal_id": "PRO-ELSEWHERE"}, "op-b")
    other.close()


def _assigned(plan) -> set[str]:
    return {a["unit_id"] for a in plan.tool_outputs["plan_dispatch"]["assignments"]}


def test_the_board_and_a_plan_see_a_status_confirmed_in_another_process(make_assistant, restore_units, tmp_path):
    assistant = make_assistant()
    first = assistant.plan("Kitchen fire in a flat at Bulevardi 20, smoke in the hallway", narrative=False)
    assert "ERO-E1" in _assigned(first)  # the nearest engine, until another desk takes it out of service

    _confirmed_elsewhere(tmp_path / "incidents.sqlite", "ERO-E1", "out_of_service")
    rows = {row.unit_id: row.status for row in assistant.unit_board().units}
    assert rows["ERO-E1"] == "out_of_service"
    again = assistant.plan("Smoke from a flat window at Bulevardi 18, residents on the stairs", narrative=False)
    assert "ERO-E1" not in _assigned(again)


@pytest.mark.parametrize("order", ["mark ERO-A1 as available again", "把 ERO-A1 设为可用"])
def test_a_chat_turn_sees_a_unit_set_available_elsewhere(make_assistant, restore_units, tmp_path, order):
    restore_units.set_unit_status("ERO-A1", "dispatched")  # busy here when this process started
    assistant = make_assistant()
    _confirmed_elsewhere(tmp_path / "incidents.sqlite", "ERO-A1", "available")
    incident = assistant.open_incident("chat", "op").incident_id
    reply = list(assistant.chat(order, incident))[-1]  # nothing to change any more: no proposal
    assert reply.proposals == [] and "already available" in reply.text


def test_only_newer_rows_are_read(tmp_path):
    store = IncidentStore(tmp_path / "log.sqlite")
    store.log_event(None, "unit_status", {"unit_id": "U1", "status": "dispatched"}, "op")
    seen = store.last_event_id()
    store.log_event(None, "note", {}, "op")
    store.log_event(None, "unit_status", {"unit_id": "U2", "status": "out_of_service"}, "op")
    assert [(unit, status) for _, unit, status in store.unit_status_events_since(seen)] == [("U2", "out_of_service")]
