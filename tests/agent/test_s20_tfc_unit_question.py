"""Trial s20 X1 (lead): a multi-intent message "send a police car over there; also where is KAM-P1 now?" on a fresh
chat incident crashed with a raw UnknownIncidentError: the unit named in the QUESTION was read as a move order
(``units_moved``) and the reply described an incident the store did not hold.  A unit asked about is not moved,
describing an unknown incident never raises, and the question gets an answer."""

from __future__ import annotations

import pytest



def test_describe_of_an_unknown_incident_does_not_raise(make_assistant):
    assistant = make_assistant()
    said = assistant._filer.describe("INC-NOTHERE")
    assert isinstance(said, str) and said


@pytest.mark.parametrize("message", [
    "地铁调度：Kaisaniemen metroasema 站厅里有人打架，派一辆警车过去；另外 KAM-P1 现在在哪？",
    "Metro control: a fight in the Kaisaniemi metro station hall, send a police car over there; also where is KAM-P1 now?",
    "Fight at Kaisaniemen metroasema, send police there. Where is KAM-P1 at the moment?",
])
def test_a_unit_asked_about_is_answered_not_moved(make_assistant, restore_units, message):
    assistant = make_assistant()
    incident = assistant.open_incident("chat", "op").incident_id
    reply = list(assistant.chat(message, incident, "op-anna"))[-1]
    # the police car is planned for the fight (before: the order step proposed KAM-P1 alone, "Proposed for …")
    assert any(p.action == "commit_dispatch" and all(u.split("-")[1].startswith("P") for u in p.args["unit_ids"])
               and len(p.args["unit_ids"]) >= 1 for p in reply.proposals), reply.text[:400]
    assert not reply.text.startswith(("Proposed for", "已提议")), reply.text[:400]
    # the question is answered: where KAM-P1 is, by its status line
    assert any("KAM-P1" in line and ("available" in line or "可用" in line) for line in reply.text.splitlines()), reply.text[:600]
    assert "UnknownIncident" not in reply.text


@pytest.mark.parametrize("message", ["Fight at Kaisaniemen metroasema. Can you send KAM-P1 there?",
                                     "Kaisaniemen metroasema 有人打架，能把 KAM-P1 派过去吗？"])
def test_a_unit_in_a_polite_order_is_still_sent(make_assistant, restore_units, message):
    assistant = make_assistant()
    incident = assistant.open_incident("chat", "op").incident_id
    reply = list(assistant.chat(message, incident, "op-anna"))[-1]
    assert any("KAM-P1" in p.args.get("unit_ids", []) for p in reply.proposals), reply.text[:400]
