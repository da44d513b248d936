"""Session 20 (HIGH): a request-first report ("Send an ambulance to Annankatu 12, a man collapsed") while the chat is
on ANOTHER open incident (a fire at the Ateneum) committed the ambulance to the fire and filed nothing.  The message is
a report too: it is filed the way any report is (``ReportFiler.incident_for_report``): under a new incident at its own
place, or under the open incident already there; and the units are proposed for that incident, never for the fire.
Real components: the quick triage model, the real router, the real city."""

from __future__ import annotations

import pytest

from agent.chat_session import ChatSessionConfig

FIRE = "Fire in the Ateneum, smoke coming from the roof"

REQUESTS = [
    "Send an ambulance to Annankatu 12, a man collapsed",
    "Send an ambulance to Kamppi shopping centre, a man collapsed",  # a place the map does not pin: was committed to the fire
    "Please send an ambulance to Annankatu 12, a woman fainted on the stairs and is not responding",
    "派一辆救护车到 Annankatu 12，有个男的晕倒了",
    "Lähettäkää ambulanssi Annankatu 12:een, mies kaatui eikä hengitä",
]


def _session_on_the_fire(assistant, follow: bool):
    fire = assistant.plan(FIRE, narrative=False).incident_id
    return fire, assistant.chat_session(fire, operator="op-anna", incidents=[fire],
                                        config=ChatSessionConfig(follow_reports=follow))


def _dispatch_targets(reply) -> list[str]:
    return [p.incident_id or p.args.get("incident_id") for p in reply.proposals if p.action == "commit_dispatch"]


@pytest.mark.parametrize("follow", [True, False], ids=["eca-chat", "web-chat"])
@pytest.mark.parametrize("text", REQUESTS)
def test_a_request_first_report_elsewhere_opens_its_own_incident(make_assistant, restore_units, text, follow):
    assistant = make_assistant()
    fire, chat = _session_on_the_fire(assistant, follow)
    reply = list(chat.run(text))[-1]
    others = [i for i in assistant._store.list_incidents() if i.incident_id != fire]
    assert len(others) == 1, reply.text  # the report opened its own incident
    new = others[0].incident_id
    assert text in assistant._store.report_texts(new)
    assert assistant._store.report_texts(fire) == [FIRE]  # nothing filed under the fire
    assert _dispatch_targets(reply) == [new], reply.text  # the ambulance proposed for the new incident only
    assert fire not in _dispatch_targets(reply)


def test_a_request_first_report_at_an_open_incident_of_the_session_goes_to_it(make_assistant, restore_units):
    """X is where another incident of the session is open: the report is filed under it and the units go to it."""
    assistant = make_assistant()
    chat = assistant.chat_session(operator="op-anna", config=ChatSessionConfig(follow_reports=True))
    list(chat.run("An elderly woman fell down the stairs at Annankatu 12 and hurt her leg"))
    fall = chat.state.current
    assert fall is not None
    list(chat.run(FIRE))
    fire = chat.state.current
    assert fire not in (None, fall)
    reply = list(chat.run("Send another ambulance to Annankatu 12, a second person collapsed on the stairs"))[-1]
    assert {i.incident_id for i in assistant._store.list_incidents()} == {fall, fire}, reply.text
    assert "Send another ambulance to Annankatu 12, a second person collapsed on the stairs" in assistant._store.report_texts(fall)
    assert _dispatch_targets(reply) == [fall], reply.text


@pytest.mark.parametrize("text", ["Send an ambulance to the Ateneum, a visitor collapsed from the smoke",
                                  "Send another engine, the fire has reached the second floor"])
def test_a_request_about_the_session_incident_stays_with_it(make_assistant, restore_units, text):
    """The casualty of the fire at its own building, or more of the fire: the fire's, as before."""
    assistant = make_assistant()
    fire, chat = _session_on_the_fire(assistant, True)
    reply = list(chat.run(text))[-1]
    assert [i.incident_id for i in assistant._store.list_incidents()] == [fire], reply.text
    assert set(_dispatch_targets(reply)) <= {fire}, reply.text
