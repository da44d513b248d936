"""Trial s17 (H7, H9, M1, M3): an operator's request to change an incident's record through chat: its address
("the address of INC-… is X", "the tram crash is actually at A and B", "move INC-… to X", "电车事故的地址改为A和B路口")
or its priority ("raise INC-… to P1", "change the priority of the gas incident to P1", "把…升为P1"), for the incident
named by id, by its kind, or the session's own, is proposed (relocate_incident / retype_incident), applied only on
confirmation; an address the map lacks is said so and nothing changes.  A dispatch to an incident counts the units
already committed to it (M1); "commit the recommended units for the bus accident" proposes that incident's plan units
(M3)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("text", "place", "priority", "named"), [
    ("The address of INC-3E1EDD59 is Bulevardi 40.", "Bulevardi 40", None, "INC-3E1EDD59"),
    ("Tram crash update: it is at Bulevardi / Hietalahdenkatu corner, not the market.", "Bulevardi / Hietalahdenkatu", None, None),
    ("Move INC-C39C7847 to Narinkkatori, the metro entrance is there.", "Narinkkatori", None, "INC-C39C7847"),
    ("correct the location of the gas alarm to Annankatu 20", "Annankatu 20", None, None),
    ("电车事故的地址改为Fredrikinkatu和Bulevardi路口", "Fredrikinkatu和Bulevardi路口", None, None),
    ("Raise INC-C39C7847 to P1, H2S is at dangerous levels", None, "P1", "INC-C39C7847"),
    ("lower the flood to priority 3", None, "P3", None),
    ("把INC-3E1EDD59升为P1", None, "P1", "INC-3E1EDD59"),
    ("优先级改为二级", None, "P2", None),
])
def test_the_request_is_read(text, place, priority, named):
    from agent.incident_request import incident_request

    request = incident_request(text)
    assert (request.place, request.priority, request.incident_id) == (place, priority, named)


@pytest.mark.parametrize("text", [
    "move the people to the Ressu shelter", "the location is unclear", "Send 2 ambulances to Bulevardi 14",
    "Dispatch ERO-A1 to Fredrikinkatu 45.", "地址在哪里？", "evacuate Kamppi, the priority is P1 for the fire",
    "A suspicious object in a public place is at least P2", "其实在现场没有人受伤", "Fire at Annankatu 12, smoke on 3rd floor",
    "Location is Annankatu 12, car on fire, driver out", "位置在Annankatu 12，车辆起火",
])
def test_other_messages_are_no_change_request(text):
    from agent.incident_request import incident_request

    assert incident_request(text) is None


@pytest.fixture
def assistant(make_assistant, restore_units):
    return make_assistant()


def _turn(assistant, text, incident):
    return list(assistant.chat(text, incident, "op-anna"))[-1]


def _scene(assistant):
    """Three open incidents: a tram crash placed nowhere exact, a gas alarm at Kamppi, and a car fire (the session's)."""
    tram = assistant.plan("Tram 6 derailed and tipped over at Hietalahdentori, many passengers trapped, 15 injured",
                          narrative=False).incident_id
    gas = assistant.plan("Gas alarm at Kamppi metro station, strong smell of gas, two people feel dizzy",
                         narrative=False).incident_id
    fire = assistant.plan("Car on fire in the courtyard of Mannerheimintie 5", narrative=False).incident_id
    return tram, gas, fire


def _only_relocation(reply, incident, place_words):
    [proposal] = reply.proposals
    assert proposal.action == "relocate_incident" and proposal.args["incident_id"] == incident, proposal
    assert all(w in proposal.summary for w in place_words), proposal.summary
    assert reply.security is None or reply.security.get("outcome") != "refused"
    return proposal


@pytest.mark.parametrize(("text", "target", "place_words"), [
    ("The address of {tram} is Annankatu 20.", "tram", ["Annankatu 20"]),
    ("The tram crash is actually at Fredrikinkatu and Bulevardi.", "tram", ["Fredrikinkatu", "Bulevardi"]),
    ("Move {gas} to Narinkkatori, the metro entrance is there.", "gas", ["Narinkkatori"]),
    ("The address for the Kamppi gas alarm is Annankatu 20, the metro station entrance.", "gas", ["Annankatu 20"]),
    ("correct the address: Bulevardi / Fredrikinkatu", "fire", ["Bulevardi", "Fredrikinkatu"]),
    ("电车事故的地址改为Fredrikinkatu和Bulevardi路口", "tram", ["Fredrikinkatu", "Bulevardi"]),
])
def test_an_address_change_is_proposed_for_the_named_incident(assistant, text, target, place_words):
    tram, gas, fire = _scene(assistant)
    ids = {"tram": tram, "gas": gas, "fire": fire}
    reply = _turn(assistant, text.format(**ids), fire)
    proposal = _only_relocation(reply, ids[target], place_words)
    before = assistant._filer.incident_place(ids[target])
    assert before is None or not all(w in (before.name or "") for w in place_words)  # nothing moves before confirmation
    assistant.confirm_proposal(proposal.proposal_id, "op-anna")
    assert all(w in assistant._filer.incident_place(ids[target]).name for w in place_words)
    [moved] = assistant.incident_log(ids[target], kind="incident_relocated")
    assert moved.operator == "op-anna"


@pytest.mark.parametrize("text", [
    "Tram crash update: it is at Bulevardi / Hietalahdenkatu corner, not the market. Correct the address for the tram incident {tram}.",
    "correct the address of the tram crash: Bulevardi / Xyzzykatu",
    "电车事故的地址改为Bulevardi和Hietalahdenkatu路口",
])
def test_an_address_the_map_lacks_is_said_and_changes_nothing(assistant, text):
    tram, gas, fire = _scene(assistant)
    reply = _turn(assistant, text.format(tram=tram), fire)
    assert not reply.proposals and reply.security is None
    assert ("not on the map" in reply.text or "cannot be found on the map" in reply.text or "地图上找不到" in reply.text), reply.text
    assert tram in reply.text
    assert not assistant.pending_proposals(tram)
    assert not assistant.incident_log(tram, kind="incident_relocated")


def test_a_house_number_the_map_lacks_is_said_and_its_street_proposed(assistant):
    """The street is on the map, the number is not: said so, and the street offered as a move to confirm (s19 L24)."""
    tram, gas, fire = _scene(assistant)
    reply = _turn(assistant, f"The address of {tram} is Bulevardi 40.", fire)
    assert "the map has the street Bulevardi but not that house number" in reply.text and tram in reply.text
    [proposal] = reply.proposals
    assert proposal.action == "relocate_incident" and proposal.args["incident_id"] == tram and proposal.args["name"] == "Bulevardi"
    assert not assistant.incident_log(tram, kind="incident_relocated")  # nothing moves before the operator confirms


@pytest.mark.parametrize(("text", "target"), [
    ("Raise {gas} to P1, H2S is at dangerous levels with people on the platform.", "gas"),
    ("Change the priority of the Kamppi gas incident to P1.", "gas"),
    ("upgrade to P1", "fire"),
    ("把{gas}升为P1", "gas"),
    ("把燃气事件的优先级改为一级", "gas"),
])
def test_a_priority_change_is_proposed_and_applied_on_confirmation(assistant, text, target):
    tram, gas, fire = _scene(assistant)
    ids = {"tram": tram, "gas": gas, "fire": fire}
    before = assistant._store.get_incident(ids[target])
    if before.priority == "P1":  # the change must be one: start from P2
        assistant._store.retype_incident(ids[target], before.incident_type, "P2", "op-test", {})
        before = assistant._store.get_incident(ids[target])
    reply = _turn(assistant, text.format(**ids), fire)
    [proposal] = reply.proposals
    assert proposal.action == "retype_incident" and proposal.args["incident_id"] == ids[target]
    assert proposal.args["priority"] == "P1" and proposal.args["incident_type"] == before.incident_type
    assert assistant._store.get_incident(ids[target]).priority == "P2"  # only proposed
    assistant.confirm_proposal(proposal.proposal_id, "op-anna")
    after = assistant._store.get_incident(ids[target])
    assert after.priority == "P1" and after.incident_type == before.incident_type
    [event] = [e for e in assistant.incident_log(ids[target], kind="incident_retyped") if e.operator == "op-anna"]
    assert event.payload["was_priority"] == "P2"


@pytest.mark.parametrize("text", [
    "ok commit the recommended units for the gas alarm",
    "send the plan's units for the Kamppi gas incident",
    "派出燃气事件的推荐单位",
])
def test_the_recommended_units_of_an_incident_named_by_kind_are_proposed(assistant, text):
    tram, gas, fire = _scene(assistant)
    reply = _turn(assistant, text, fire)
    [proposal] = reply.proposals
    assert proposal.action == "commit_dispatch" and proposal.args["incident_id"] == gas, proposal


def test_a_dispatch_counts_the_units_already_committed_to_the_incident(assistant):
    from agent.dispatch_target import bind_dispatch
    from tools.llm_tools import DispatchArgs, dispatch

    plan = assistant.plan("Fire in the stairwell at Fredrikinkatu 45, 4th floor, kids trapped in the flat", narrative=False)
    incident = plan.incident_id
    proposal = assistant.plan_units_proposal(plan.plan_id, "op-anna")
    assistant.confirm_proposal(proposal.proposal_id, "op-anna")
    committed = set(proposal.args["unit_ids"])
    assert committed
    for wording in ({"place": "Fredrikinkatu 45"}, {"incident_id": incident}):
        args = DispatchArgs.model_validate({"incidents": [{"incident_type": "medical", "unit_types": ["ambulance"],
                                                           "unit_ids": ["KAI-A1"], **wording}]})
        binding = bind_dispatch(args, incident, assistant._store, assistant._filer.report_place,
                                assistant._filer.incident_place, assistant._on_scene)
        planned = dispatch(assistant._city, binding.args)
        assert not planned.shortfalls, [s.model_dump() for s in planned.shortfalls]
        assert not committed & {a.unit_id for a in planned.assignments}


@pytest.mark.parametrize("order", ["Dispatch KAI-A1 to Fredrikinkatu 45.", "Dispatch KAI-A1 to {incident}."])
def test_a_chat_dispatch_to_an_incident_with_units_committed_plans_no_shortfall(assistant, order):
    plan = assistant.plan("Fire in the stairwell at Fredrikinkatu 45, 4th floor, kids trapped in the flat", narrative=False)
    proposal = assistant.plan_units_proposal(plan.plan_id, "op-anna")
    assistant.confirm_proposal(proposal.proposal_id, "op-anna")
    reply = _turn(assistant, order.format(incident=plan.incident_id), plan.incident_id)
    assert "SHORTFALL" not in reply.text and "mutual aid" not in reply.text, reply.text
    [dispatch] = reply.proposals
    assert dispatch.args["unit_ids"] == ["KAI-A1"] and dispatch.args["incident_id"] == plan.incident_id
