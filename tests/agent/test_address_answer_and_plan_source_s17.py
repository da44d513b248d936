"""Session 17 (s17-addr), two router defects found by review:

1. The operator's answer to "LOCATION UNCONFIRMED ... confirm the address" (a bare address, "the address is X",
   "地址是 X") was answered with the help text or only a place lookup; the incident kept its unconfirmed place. It is
   now filed as the incident's follow-up and re-planned there. An address the map lacks says so and moves nothing; a
   bare address with no such question pending shows the place, never the help text.
2. A report or an order that names the plans as its authority ("according to the flood plan, the water at X is over
   the quay", "按预案派两辆消防车去 Kamppi") was only a plan search. A report is now filed with its plan, an order
   proposed (not applied); a question of the plans ("according to the plan, what is the isolation distance for
   chlorine?") stays a plan search.
"""

from __future__ import annotations

import pytest

HELP = "I can triage reports"
UNLOCATED = "house fire, smoke from the windows, a man trapped upstairs"


def _final(events):
    return [e for e in events if e.kind == "final"][-1]


@pytest.fixture
def assistant(make_assistant):
    return make_assistant()


def _unlocated_incident(assistant):
    first = _final(assistant.chat(UNLOCATED, None))
    assert "LOCATION UNCONFIRMED" in first.text and first.plan is not None
    return first.plan.incident_id


# --- 1. the address given in answer to "confirm the address" -------------------------------------------------------------

@pytest.mark.parametrize(("answer", "street"), [
    ("Bulevardi 14", "Bulevardi"),
    ("the address is Yrjönkatu 9, second floor", "Yrjönkatu"),
    ("it's at Annankatu 12, apartment 5", "Annankatu"),
    ("地址是 Bulevardi 14，三楼", "Bulevardi"),
])
def test_the_address_answer_places_and_replans_the_incident(assistant, answer, street):
    incident = _unlocated_incident(assistant)
    reply = _final(assistant.chat(answer, incident))
    assert HELP not in reply.text, reply.text
    assert reply.plan is not None and reply.plan.incident_id == incident, reply.text
    assert "LOCATION UNCONFIRMED" not in reply.text and street in (reply.plan.location or ""), reply.text
    place = assistant._filer.incident_place(incident)
    assert place is not None and place.lat is not None and street in place.name
    assert [i.incident_id for i in assistant.incidents()] == [incident]  # filed under it, no new incident


@pytest.mark.parametrize("answer", ["Xyzzykatu 12", "the address is Qwertyvägen 7", "地址是 Xyzzykatu 12"])
def test_an_address_the_map_lacks_says_so_and_moves_nothing(assistant, answer):
    incident = _unlocated_incident(assistant)
    before = assistant._filer.incident_place(incident)
    plans = len(assistant._store.plans(incident))
    reply = _final(assistant.chat(answer, incident))
    assert HELP not in reply.text, reply.text
    assert ("not on the map" in reply.text) or ("地图上找不到" in reply.text), reply.text
    assert "Xyzzykatu" in reply.text or "Qwertyvägen" in reply.text
    assert assistant._filer.incident_place(incident) == before
    assert len(assistant._store.plans(incident)) == plans and reply.plan is None
    assert [i.incident_id for i in assistant.incidents()] == [incident]


@pytest.mark.parametrize("answer", ["Annankatu 12", "Bulevardi 14, 3rd floor", "地址是 Annankatu 12"])
def test_a_bare_address_with_no_question_pending_shows_the_place(assistant, answer):
    reply = _final(assistant.chat(answer, None))
    assert HELP not in reply.text, reply.text
    assert "Annankatu" in reply.text or "Bulevardi" in reply.text, reply.text
    assert reply.plan is None and not assistant.incidents()  # nothing is filed on an address alone


def test_a_bare_address_in_a_located_incident_does_not_move_it(assistant):
    first = _final(assistant.chat("Fire in a flat at Bulevardi 14, heavy smoke on the stairs, a child trapped on the 3rd floor", None))
    incident = first.plan.incident_id
    before = assistant._filer.incident_place(incident)
    assert before is not None and before.lat is not None
    reply = _final(assistant.chat("Annankatu 12", incident))
    assert HELP not in reply.text and "Annankatu" in reply.text, reply.text
    assert assistant._filer.incident_place(incident) == before


# --- 2. "according to the plan" reports and orders -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def router():
    from agent.router_model import IntentRouter

    return IntentRouter.default()


@pytest.mark.parametrize("text", [
    "according to the flood plan, the water at Kauppatori is over the quay, people on the pier",
    "per the SOP: gas smell in the stairwell at Bulevardi 14, two residents feel dizzy",
    "根据预案，Kamppi 商场起火，浓烟很大，有人被困",
    "按照预案，Kauppatori 码头水已经漫过岸边，码头上还有人",
])
def test_a_report_that_names_the_plan_is_filed_with_its_plan(assistant, text):
    reply = _final(assistant.chat(text, None))
    assert reply.plan is not None and reply.plan.triage is not None, reply.text
    assert reply.plan.triage.incident_type != "not_incident"
    cited = [s for section in (reply.plan.immediate_actions, reply.plan.communications, reply.plan.evacuation)
             for item in section for s in item.sources if s.kind == "citation"]
    assert cited, reply.text  # the plan's steps cite the plan documents
    assert [i.incident_id for i in assistant.incidents()] == [reply.plan.incident_id]


@pytest.mark.parametrize("order", [
    "按预案派两辆消防车去 Kamppi",
    "as per plan send two engines to Kamppi",
    "according to the SOP, dispatch an ambulance to Kamppi",
    "根据预案，派一辆救护车去 Kamppi",
])
def test_an_order_that_names_the_plan_is_a_dispatch_proposal(assistant, restore_units, order):
    fire = assistant.plan("Fire in a shop at Kamppi, smoke inside, people coming out coughing", narrative=False).incident_id
    before = assistant.unit_statuses()
    reply = _final(assistant.chat(order, fire))
    commits = [p for p in reply.proposals if p.action == "commit_dispatch"]
    assert len(commits) == 1 and commits[0].args["incident_id"] == fire, reply.text
    assert commits[0].state == "pending"
    assert assistant.unit_statuses() == before  # proposed, nothing applied


@pytest.mark.parametrize("question", [
    "according to the plan, what is the isolation distance for chlorine?",
    "根据预案，氯气泄漏的隔离距离是多少？",
    "per the SOP, who decides on an evacuation?",
    "按预案，谁负责启动疏散？",
])
def test_a_question_of_the_plans_stays_a_plan_search(router, city, question):
    from agent.intents import route

    assert route(question, router, city)[0] == ["plan_question"]


@pytest.mark.parametrize(("text", "intent"), [
    ("according to the flood plan, the water at Kauppatori is over the quay, people on the pier", "incident_report"),
    ("根据预案，Kamppi 商场起火，浓烟很大，有人被困", "incident_report"),
    ("按预案派两辆消防车去 Kamppi", "dispatch"),
    ("as per plan send two engines to Kamppi", "dispatch"),
    ("per the evacuation plan, evacuate 300 m around Kamppi", "evacuation"),
])
def test_the_route_of_a_report_or_order_that_names_the_plan(router, city, triage_model, text, intent):
    from agent.intents import route
    from agent.response_plan import to_triage_summary  # noqa: F401 - the triage model's reading, as the chat reads it

    intents, _ = route(text, router, city, lambda t: triage_model.predict([t])[0])
    assert intent in intents and "plan_question" not in intents, intents


@pytest.mark.parametrize(("text", "address"), [
    ("Annankatu 12", "Annankatu 12"),
    ("Annankatu 12, 3rd floor", "Annankatu 12"),
    ("the address is Yrjönkatu 9 B, apartment 5", "Yrjönkatu 9 B"),
    ("it's at Kaivokatu 8", "Kaivokatu 8"),
    ("地址是 Annankatu 12", "Annankatu 12"),
    ("地址是 Bulevardi 14，三楼", "Bulevardi 14"),
    ("send 2", "send 2"),  # read as an address here; the session asks the cue rules first (an order is no address)
    ("KAM-A1", None), ("P1", None), ("INC 7", None),
    ("fire at Annankatu 12", None), ("Annankatu 12, smoke from the windows", None),
    ("the address is Bulevardi 41, not 14", None),  # a correction (agent.place_correction.corrected_place)
])
def test_address_answer_reads_an_address_and_nothing_else(text, address):
    from agent.place_correction import address_answer

    assert address_answer(text) == address


def test_an_order_or_a_unit_with_a_number_is_no_address(assistant):
    reply = _final(assistant.chat("Engine 2", None))
    assert "not on the map" not in reply.text, reply.text
