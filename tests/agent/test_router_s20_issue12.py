"""Issue 12 (router defects found on the s20 dev sets), each tested in words other than the issue's own:

1. every clause of a multi-intent message that asks for a tool runs, in order (a Finnish status change joined by "ja"
   to a list request lost the status change; an English dispatch with "also where is <unit> now?" left the unit
   question unanswered);
2. "people evacuating" / "人们正在撤离" tells of an evacuation going on, a report (filed), not an evacuation order alone;
3. "close this one, <why>" is a close proposal, not a response plan of a not_incident report;
4. a sign-off ("cheers, nothing else for now") runs no tool;
5. a report beside a shelter question is filed too; a casualty during a drill's evacuation is a report, not an order."""

from __future__ import annotations

import pytest

from agent.chat_session import ChatSessionConfig


@pytest.fixture(scope="module")
def router():
    from agent.router_model import IntentRouter

    return IntentRouter.default()


@pytest.fixture(scope="module")
def town():
    from tools.city import CityModel

    return CityModel.load()


def _calls(text, router, town):
    from agent.intents import plan_calls

    return plan_calls(text, router, town)


def _names(calls):
    return [c["name"] for c in calls]


# ----------------------------------------------------------------------------- 1. multi-intent
@pytest.mark.parametrize("text, unit", [
    ("Merkitse HAK-E1 vapaaksi ja näytä avoimet tehtävät", "HAK-E1"),
    ("Aseta KAM-A1 vapaaksi ja listaa avoimet tapahtumat", "KAM-A1"),
    ("Merkitse KAM-A2 vapaaksi, sitten näytä avoimet tehtävät", "KAM-A2"),
])
def test_a_finnish_status_change_beside_a_list_request_runs_both_in_order(router, town, text, unit):
    calls = _calls(text, router, town)
    assert _names(calls) == ["set_unit_status", "open_incidents"], calls
    assert calls[0]["args"] == {"unit_id": unit, "status": "available"}


@pytest.mark.parametrize("text, unit", [
    ("Send a patrol to Narinkkatori, fight on the platform; also where is KAM-A1 now?", "KAM-A1"),
    ("Send an ambulance to Annankatu 12, a man collapsed in the stairwell; and where is ERO-E1 at the moment?", "ERO-E1"),
    ("派一辆警车去 Narinkkatori，站台上有人打架；另外 KAM-A1 现在在哪？", "KAM-A1"),
])
def test_a_unit_question_beside_a_dispatch_is_answered(make_assistant, restore_units, text, unit):
    assistant = make_assistant()
    reply = list(assistant.chat(text, None, operator="op-anna"))[-1]
    assert reply.proposals, reply.text[:600]  # the dispatch is proposed
    # the unit asked about is answered: its id and its status (or where it is) in the reply
    assert unit in reply.text, reply.text[:1200]  # no unit of the dispatch: KAM-A1 / ERO-E1 are not what it sends


# ----------------------------------------------------------------------------- 2. an evacuation under way
@pytest.mark.parametrize("text", [
    "Gas leak at Kamppi, strong smell in the mall, people evacuating",
    "Smoke in the stairwell at Bulevardi 14, residents evacuating on their own",
    "Annankatu 12 燃气泄漏，人们正在撤离",
])
def test_people_evacuating_is_a_report_that_is_filed(router, town, text):
    names = _names(_calls(text, router, town))
    assert names and names[0] == "plan_response", names


def test_an_evacuation_order_is_still_an_order(router, town):
    names = _names(_calls("Evacuate 300 m around Bulevardi 14, people still inside", router, town))
    assert "plan_evacuation" in names, names


@pytest.mark.parametrize("text", [
    "Is anyone hurt? Gas leak at Kamppi, strong smell in the mall, people evacuating",
    "Anyone injured? Smoke from the kitchen at Annankatu 12, guests evacuating",
])
def test_a_report_opening_with_a_question_with_people_evacuating_opens_its_incident(make_assistant, text):
    assistant = make_assistant()
    chat = assistant.chat_session(operator="op-anna", config=ChatSessionConfig(follow_reports=True))
    reply = list(chat.run(text))[-1]
    assert chat.state.current is not None, reply.text
    assert assistant._store.report_texts(chat.state.current) == [text]
    assert reply.plan is not None and reply.plan.incident_id == chat.state.current


# ----------------------------------------------------------------------------- 3. close this one
@pytest.mark.parametrize("order", [
    "Close this one, the caretaker confirms it was just burnt toast",
    "ok close that one out, the janitor says the detector was faulty",
    "关闭这个，物业确认只是烤面包烤焦了",
])
def test_close_this_one_with_a_reason_is_a_close_proposal(make_assistant, order):
    assistant = make_assistant()
    incident = assistant.open_incident("chat", "op").incident_id
    list(assistant.chat("Smoke alarm ringing in a flat at Bulevardi 14", incident))
    open_before = len(assistant.incidents())
    reply = list(assistant.chat(order, incident))[-1]
    assert [p.action for p in reply.proposals] == ["close_incident"], reply.text[:600]
    assert reply.plan is None, reply.text[:600]
    assert len(assistant.incidents()) == open_before


@pytest.mark.parametrize("text", ["close this one door on the left", "which one do we close first?"])
def test_this_one_names_no_incident_to_close_elsewhere(text):
    from agent.close_request import close_request

    assert close_request(text) is None


# ----------------------------------------------------------------------------- 4. sign-off
@pytest.mark.parametrize("text", [
    "cheers, nothing else for now",
    "that's all for now, thanks",
    "ok thanks, nothing more for the moment",
    "kiitos, ei muuta tällä erää",
    "谢谢，暂时没别的了",
])
def test_a_sign_off_runs_no_tool(router, town, text):
    assert _calls(text, router, town) == []


@pytest.mark.parametrize("text", ["thanks, and show the open incidents", "nothing else for now, but send an engine to Annankatu 12"])
def test_a_request_beside_a_thank_you_still_runs(router, town, text):
    assert _calls(text, router, town) != []


# ----------------------------------------------------------------------------- 5. report beside a shelter question; drill casualty
@pytest.mark.parametrize("text", [
    "Which shelters are open? Smoke on the 3rd floor at Annankatu 12",
    "Where is the nearest shelter? Gas smell in the basement of Bulevardi 14",
])
def test_a_report_beside_a_shelter_question_is_filed_too(router, town, text):
    names = _names(_calls(text, router, town))
    assert "plan_response" in names and "list_shelters" in names, names


@pytest.mark.parametrize("text", [
    "Fire drill at Annankatu 12, a student fainted during the evacuation",
    "Evacuation exercise at Bulevardi 14, an elderly man fell on the stairs during the evacuation and hurt his hip",
])
def test_a_casualty_during_a_drills_evacuation_is_a_report(router, town, text):
    names = _names(_calls(text, router, town))
    assert "plan_evacuation" not in names and names[:1] == ["plan_response"], names
