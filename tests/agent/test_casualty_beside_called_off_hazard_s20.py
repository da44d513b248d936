"""Session 20 (MED): "False alarm on the fire but the caretaker fell off the ladder" was filed as a P4 fire: the model
read the whole message, framed by the fire called off.  The casualty told beside a retracted hazard (a false alarm, a
drill, an all-clear) is an emergency of its own: filed as medical at its own priority (at least P3: P4 is "no response
needed"), on every path (``Assistant.report_triage``: the chat and ``eca plan``).  Real quick triage model."""

from __future__ import annotations

import pytest

from agent.chat_session import ChatSessionConfig
from agent.report_filing import called_off_out

CASUALTIES = [
    "False alarm on the fire but the caretaker fell off the ladder and hurt his back",
    "Annankatu 12: the fire alarm was a false alarm, reset by the caretaker. He fell off the ladder resetting it, bleeding from the head",
    "Annankatu 12 误报，但是保安从梯子上摔下来了，头部流血",
    "Annankatu 12: virhehälytys, mutta talonmies putosi tikkailta ja loukkaantui",
    "Annankatu 12: falsklarm, men vaktmästaren föll från stegen och är skadad",
]


@pytest.mark.parametrize("text", CASUALTIES)
def test_the_casualty_is_filed_as_medical_at_its_own_priority(make_assistant, text):
    assistant = make_assistant()
    plan = assistant.plan(text, narrative=False)
    assert (plan.triage.incident_type, plan.triage.priority in ("P1", "P2", "P3")) == ("medical", True), plan.triage
    incident = assistant._store.get_incident(plan.incident_id)
    assert (incident.incident_type, incident.priority) == ("medical", plan.triage.priority)


@pytest.mark.parametrize("text", CASUALTIES[:3])
def test_the_chat_files_it_as_medical_too(make_assistant, text):
    assistant = make_assistant()
    chat = assistant.chat_session(operator="op-anna", config=ChatSessionConfig(follow_reports=True))
    reply = list(chat.run(text))[-1]
    assert chat.state.current is not None, reply.text
    incident = assistant._store.get_incident(chat.state.current)
    assert incident.incident_type == "medical" and incident.priority != "P4", reply.text


@pytest.mark.parametrize("text", ["False alarm at Annankatu 12, reset by the caretaker",  # nothing else told: no report
                                  "This is not a drill, fire at Annankatu 12",  # nothing called off
                                  "Fire at Annankatu 12, smoke on the 3rd floor, two people inside"])
def test_nothing_called_off_or_nothing_else_told_reads_as_before(text):
    assert called_off_out(text) is None


def test_a_real_fire_beside_a_drill_is_the_fire():
    """The clause called off is left out, whatever the hazard left is."""
    assert called_off_out("Fire drill at the school, but a real fire broke out in the kitchen") == "but a real fire broke out in the kitchen"


@pytest.mark.parametrize("text", ["False alarm on the fire, but the caretaker fell off the ladder and hurt his back",
                                  "误报，但是保安从梯子上摔下来了，头部流血"])
def test_in_a_session_on_the_fire_the_casualty_corrects_its_type(make_assistant, text):
    """A follow-up of the fire: the fire never was, the casualty is.  The plan is made for medical and the incident's
    retype to medical is proposed (it was proposed as a P1 fire)."""
    assistant = make_assistant()
    fire = assistant.plan("Fire alarm going off at Annankatu 12, smoke seen on the 3rd floor", narrative=False).incident_id
    chat = assistant.chat_session(fire, operator="op-anna", incidents=[fire], config=ChatSessionConfig(follow_reports=True))
    reply = list(chat.run(text))[-1]
    retypes = [p.args for p in reply.proposals if p.action == "retype_incident"]
    assert [r["incident_type"] for r in retypes] == ["medical"], reply.text
    assert assistant._store.get_incident(fire).incident_type == "fire"  # unchanged until confirmed


def test_a_fire_put_out_was_real_its_casualty_stays_the_fires():
    """"The fire is out, but ..." takes no hazard back: no type correction of the fire."""
    from agent.type_correction import corrected_type

    assert corrected_type("The fire is out, but two firefighters were injured", "fire") is None
    assert corrected_type("Fire drill at the school, but a student fainted in the yard", "fire") == "medical"


@pytest.mark.parametrize("text", ["This is not a fire drill, there is a chlorine leak", "Tämä ei ole harjoitus, mies kaatui portaissa",
                                  "不是演习，有人晕倒了"])
def test_a_denied_drill_calls_nothing_off(text):
    assert called_off_out(text) is None
