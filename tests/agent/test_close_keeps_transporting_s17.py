"""A unit the operator said is transporting a patient is not freed when its incident closes (s17 trial M9: "close
INC-n" released every committed unit as available, the ambulance on its way to Meilahti with the casualty too).
The statement is a status change like any other (proposed, confirmed, logged); the close proposal says which units it
keeps busy and which it releases, and the unit stays busy in every process following the log and after a restart."""

from __future__ import annotations

import pytest

from agent.proposals import follow_unit_statuses, restore_unit_statuses
from agent.slots import extract_status
from core.errors import InputError


@pytest.mark.parametrize("said", ["{u} is transporting the casualty to Meilahti",
                                  "{u} taking the patient to hospital now",
                                  "{u} 正在送伤员去医院"])
def test_close_keeps_a_transporting_unit_busy_and_says_so(make_assistant, restore_units, commit_units, other_process_city, said):
    assistant = make_assistant()
    incident = assistant.open_incident("chat", "op").incident_id
    free = [u for u, s in assistant.unit_statuses().items() if s == "available"]
    on_scene = free[0]
    carrying = next(u for u in free if "-A" in u and u != on_scene)  # an ambulance
    commit_units(assistant, incident, [on_scene, carrying])

    reply = list(assistant.chat(said.format(u=carrying), incident))[-1]
    [status] = [p for p in reply.proposals if p.action == "set_unit_status"]
    assert status.args == {"unit_id": carrying, "status": "transporting"}
    assistant.confirm_proposal(status.proposal_id, "op")
    assert assistant.unit_statuses()[carrying] == "transporting"
    seen = assistant._store.last_event_id()
    other = other_process_city(assistant.unit_statuses())

    reply = list(assistant.chat(f"close {incident}", incident))[-1]
    [close] = [p for p in reply.proposals if p.action == "close_incident"]
    assert f"releases {on_scene}" in close.summary and carrying not in close.summary.split("releases")[1].split(";")[0]
    assert f"KEEPS {carrying} transporting" in close.summary
    done = assistant.confirm_proposal(close.proposal_id, "op")
    assert f"KEEPS {carrying} transporting" in done.summary

    statuses = assistant.unit_statuses()
    assert statuses[on_scene] == "available" and statuses[carrying] == "transporting"
    _, changed = follow_unit_statuses(assistant._store, other, seen)  # another process frees only the released one
    assert changed == {on_scene: "available"} and other.statuses[carrying] == "transporting"
    restarted = other_process_city({u: "available" for u in statuses})  # a new process restores from the log
    restore_unit_statuses(assistant._store, restarted)
    assert restarted.statuses[carrying] == "transporting" and restarted.statuses[on_scene] == "available"
    sitrep = assistant.sitrep().text
    assert "1 transporting" in sitrep


@pytest.mark.parametrize("text,status", [
    ("KAM-A2 is transporting the casualty to Meilahti", "transporting"),
    ("KAM-A2 en route to hospital with the driver", "transporting"),
    ("KAM-A2 转运病人到医院", "transporting"),
    ("KAM-A2 en route", "dispatched"),
    ("KAM-A2 back from hospital, available", "available"),
    ("KAM-A2 broke down while transporting", "out_of_service"),
])
def test_a_transport_is_read_as_its_own_status(text, status):
    assert extract_status(text) == status


def test_a_transport_needs_an_incident(make_assistant, restore_units):
    assistant = make_assistant()
    unit = next(u for u, s in assistant.unit_statuses().items() if s == "available" and "-A" in u)
    with pytest.raises(InputError, match="needs an incident"):
        assistant.propose("set_unit_status", {"unit_id": unit, "status": "transporting"}, incident_id=None)
