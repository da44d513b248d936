"""Review s17 rv2b (HIGH): the crew's word that a patient transport is over ("finished transporting, back in service",
"done transporting the patient, available again", "已把伤员送到医院，现在空闲") was read as the new 'transporting'
status (read before 'available'), so the ambulance that reported itself free was proposed busy again -- or, already
transporting, "nothing to change": the usual end-of-transport message could not free it.  Before s17 these read
available.  A transport said to be over is no transport; a transport going on still is."""

from __future__ import annotations

import pytest

from agent.slots import extract_status


@pytest.mark.parametrize("text", [
    "KAM-A2 finished transporting, back in service",
    "KAM-A2 done transporting the patient, available again",
    "KAM-A2 no longer transporting, free",
    "KAM-A2 has finished the transport to Meilahti, ready for calls",
    "KAM-A2 已把伤员送到医院，现在空闲",
    "KAM-A2 伤员已送达医院，可用",
])
def test_a_transport_said_over_reads_available(text):
    assert extract_status(text) == "available"


@pytest.mark.parametrize("text", [
    "KAM-A2 is transporting the casualty to Meilahti",
    "KAM-A2 transporting, will be available in 20 minutes",
    "KAM-A2 正在送伤员去医院",
])
def test_a_transport_going_on_stays_transporting(text):
    assert extract_status(text) == "transporting"


def test_the_crew_frees_a_transporting_ambulance_in_its_own_words(make_assistant, restore_units):
    assistant = make_assistant()
    incident = assistant.open_incident("chat", "op").incident_id
    unit = next(u for u, s in assistant.unit_statuses().items() if s == "available" and "-A" in u)
    proposal = assistant.propose("set_unit_status", {"unit_id": unit, "status": "transporting"}, incident_id=incident)
    assistant.confirm_proposal(proposal.proposal_id, "op")
    assert assistant.unit_statuses()[unit] == "transporting"

    reply = list(assistant.chat(f"{unit} finished transporting, back in service", incident))[-1]
    [status] = [p for p in reply.proposals if p.action == "set_unit_status"]
    assert status.args == {"unit_id": unit, "status": "available"}
    assistant.confirm_proposal(status.proposal_id, "op")
    assert assistant.unit_statuses()[unit] == "available"
