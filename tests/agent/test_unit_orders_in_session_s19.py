"""Trial 19 M11: in a session on an incident, "Send ERO-A1 to this patient now" looked "this patient" up as a place
(no proposal), and "Release KAI-A1, the crush patients have been transported" was appended to the session's incident
as a report and re-planned.  A unit sent to the incident's casualty is a dispatch proposal for the session's incident;
a unit released is a status proposal (available), never a report of the session's incident."""

from __future__ import annotations

import pytest


def _session_incident(assistant) -> str:
    incident = assistant.open_incident("chat", "op").incident_id
    list(assistant.chat("Firework went off in a man's hand outside Kappeli on Pohjoisesplanadi, bleeding from the hand",
                        incident))
    return incident


@pytest.mark.parametrize("order", ["Send ERO-A1 to this patient now", "Dispatch ERO-A1 to the casualty",
                                   "send ERO-A1 over to the injured man", "派ERO-A1去这位伤者那里"])
def test_a_unit_sent_to_the_incidents_casualty_is_proposed_for_the_incident(make_assistant, restore_units, order):
    assistant = make_assistant()
    incident = _session_incident(assistant)
    reply = list(assistant.chat(order, incident))[-1]
    assert [(p.action, p.args["unit_id"], p.args["status"]) for p in reply.proposals] == [
        ("set_unit_status", "ERO-A1", "dispatched")], reply.text[:400]
    assert all(p.incident_id == incident for p in reply.proposals)
    assert "no place called" not in reply.text


@pytest.mark.parametrize("order", ["Release KAI-A1, the crush patients have been transported",
                                   "KAI-A1 can be released, the patients were handed over at the hospital",
                                   "Vapauta KAI-A1, potilaat on kuljetettu",
                                   "Frigör KAI-A1, patienterna är transporterade"])
def test_a_unit_released_is_a_status_proposal_not_a_report(make_assistant, restore_units, order):
    assistant = make_assistant()
    incident = _session_incident(assistant)
    restore_units.set_unit_status("KAI-A1", "dispatched")  # committed to another incident (the crowd crush)
    before = assistant.incident_view(incident).report_text
    plans = len(assistant._store.plans(incident))
    reply = list(assistant.chat(order, incident))[-1]
    assert [(p.action, p.args["unit_id"], p.args["status"]) for p in reply.proposals] == [
        ("set_unit_status", "KAI-A1", "available")], reply.text[:400]
    assert assistant.incident_view(incident).report_text == before, reply.text[:300]
    assert len(assistant._store.plans(incident)) == plans and reply.plan is None
