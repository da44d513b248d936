"""Review of session 20's merges (s20-rv).  Real components: the quick triage model, the real router, the real city.

1. HIGH: "This is no drill, fire at Annankatu 12, ..." (and "No drill this time: ...", "This ain't a drill, ...") was
   answered "Noted: a drill or test - nothing was filed": a real emergency said as "no drill" was dropped.  Only "not a
   drill" was read as the denial it is.
2. HIGH: "a firefighter collapsed" was read by the hazard words as a fight (public_security).  Since the filer decides
   by the words-checked type (s20-filer), "Send an ambulance to the Ateneum main entrance, a firefighter collapsed" in a
   session on the Ateneum fire opened a second, P1 public-security incident at the fire's own building (police proposed).
3. MED: a question whether it was a false alarm or a drill ("Was it a false alarm? A man is bleeding on the stairs")
   was read as calling the incident's hazard off: a fire session got a retype to medical proposed.  A question calls
   nothing off."""

from __future__ import annotations

import pytest

from agent.chat_session import ChatSessionConfig
from agent.hazards import hazard_from_words, no_new_emergency
from agent.report_filing import called_off
from agent.type_correction import corrected_type

NO_DRILL = [
    "This is no drill, fire at Annankatu 12, smoke from the 3rd floor",
    "No drill this time: gas leak at Annankatu 12, people feeling dizzy",
    "This ain't a drill, fire at Annankatu 12",
    "This is no fire drill - the kitchen at Annankatu 12 is burning",
]


@pytest.mark.parametrize("text", NO_DRILL)
def test_a_drill_denied_with_no_is_no_drill(text):
    assert no_new_emergency(text) is None
    assert called_off(text) is None  # nothing called off: triaged whole, no type correction
    assert corrected_type(text, "hazmat" if "fire" in text else "fire") is None


@pytest.mark.parametrize("text", NO_DRILL[:2])
def test_a_drill_denied_with_no_is_filed(make_assistant, text):
    assistant = make_assistant()
    chat = assistant.chat_session(operator="op-anna", config=ChatSessionConfig(follow_reports=True))
    reply = list(chat.run(text))[-1]
    assert chat.state.current is not None, reply.text


@pytest.mark.parametrize("text", ["a firefighter collapsed", "a fire-fighter is injured", "the firefighters are exhausted and one fainted",
                                  "firefighting crew member fell from the ladder"])
def test_a_firefighter_is_no_fight(text):
    assert hazard_from_words(text) != "public_security"


@pytest.mark.parametrize("text", ["two men in a fist fight outside the bar", "a fight broke out at the station", "a gunfight in the yard"])
def test_a_fight_is_still_a_fight(text):
    assert hazard_from_words(text) == "public_security"


def test_a_firefighter_collapsing_at_the_fire_stays_with_it(make_assistant, restore_units):
    assistant = make_assistant()
    fire = assistant.plan("Fire in the Ateneum, smoke coming from the roof", narrative=False).incident_id
    chat = assistant.chat_session(fire, operator="op-anna", incidents=[fire], config=ChatSessionConfig(follow_reports=True))
    reply = list(chat.run("Send an ambulance to the Ateneum main entrance, a firefighter collapsed"))[-1]
    assert [i.incident_id for i in assistant._store.list_incidents()] == [fire], reply.text


@pytest.mark.parametrize("text", ["Was it a false alarm? A man is bleeding on the stairs",
                                  "Is this a drill? Someone collapsed in the lobby",
                                  "是误报吗？有人从楼梯上摔下来了，头部流血"])
def test_a_question_calls_nothing_off(text):
    assert called_off(text) is None
    assert corrected_type(text, "fire") is None


def test_a_question_about_a_false_alarm_proposes_no_retype(make_assistant, restore_units):
    assistant = make_assistant()
    fire = assistant.plan("Fire in the Ateneum, smoke coming from the roof", narrative=False).incident_id
    chat = assistant.chat_session(fire, operator="op-anna", incidents=[fire], config=ChatSessionConfig(follow_reports=True))
    reply = list(chat.run("Was it a false alarm? A man is bleeding on the stairs"))[-1]
    assert not [p for p in reply.proposals if p.action == "retype_incident"], reply.text


# 4. MED: the hazard denied beside its false alarm ("False alarm, not a real fire, but ...", "- no fire -", "误报，没有着火，
#    但是...") stayed in the words the casualty was triaged from, so they read as a fire again (P3 fire, no retype).
DENIED_BESIDE = ["False alarm, not a real fire, but the caretaker fell off the ladder and is bleeding",
                 "The fire alarm was a false alarm - no fire - but the caretaker fell off the ladder",
                 "误报，没有着火，但是保安从梯子上摔下来了，头部流血"]


@pytest.mark.parametrize("text", DENIED_BESIDE)
def test_a_hazard_denied_beside_its_false_alarm_is_called_off_too(text):
    found = called_off(text)
    assert found is not None and hazard_from_words(found[1]) == "medical", found
    assert corrected_type(text, "fire") == "medical"


@pytest.mark.parametrize("text", DENIED_BESIDE[:1])
def test_a_hazard_denied_beside_its_false_alarm_is_filed_as_the_casualty(make_assistant, text):
    assistant = make_assistant()
    plan = assistant.plan("Annankatu 12: " + text, narrative=False)
    assert plan.triage.incident_type == "medical", plan.triage


@pytest.mark.parametrize("text", ["Fire drill at the school, but a pupil collapsed and is not breathing",
                                  "False alarm on the fire, but the caretaker fell, no pulse"])
def test_a_casualty_told_with_a_negation_is_kept(text):
    found = called_off(text)
    assert found is not None and hazard_from_words(found[1]) == "medical", found
