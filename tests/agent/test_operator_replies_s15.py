"""Session 15 trial, operator replies that are neither attacks nor place names (finding #8, #9, #10 of the duty
officer's trial), each in the team's own wording."""

from __future__ import annotations

import pytest


def _run(assistant, message, incident):
    events = list(assistant.chat(message, incident))
    return [e for e in events if e.kind == "tool"], events[-1]


@pytest.fixture
def assistant(make_assistant):
    return make_assistant()


# --- a bare word of assent typed as a message answers no proposal and is no attack --------------------------------------

@pytest.mark.parametrize(("text", "verdict"), [
    ("confirm", "yes"), ("OK, go ahead", "yes"), ("yes please.", "yes"), ("同意", "yes"), ("确定！", "yes"), ("好的", "yes"),
    ("cancel", "no"), ("不同意", "no"), ("取消吧", "no"),
    ("yes, send two engines to Kamppi", None), ("maybe", None), ("confirm the address of the caller", None), ("确认一下地址", None),
])
def test_a_bare_assent_is_read_as_such_and_nothing_more(text, verdict):
    from agent.assent import bare_assent

    assert bare_assent(text) == verdict


@pytest.mark.parametrize("word", ["approve", "同意", "好的"])
def test_an_assent_with_nothing_pending_says_so_and_logs_no_security_event(assistant, word):
    incident = assistant.open_incident("chat", "op").incident_id
    tools, final = _run(assistant, word, incident)
    assert tools == [] and final.security is None
    assert ("Nothing is pending confirmation" in final.text) or ("没有等待确认的提议" in final.text)
    assert not [e for e in assistant._store.events(incident_id=incident, kind="security")]


def test_an_assent_with_a_proposal_pending_names_it_and_decides_nothing(assistant, restore_units):
    incident = assistant.open_incident("chat", "op").incident_id
    _, final = _run(assistant, "HAK-E1 is out of service", incident)
    [proposal] = final.proposals
    _, final = _run(assistant, "ok", incident)
    assert proposal.proposal_id in final.text and "nothing was changed" in final.text
    assert [p.proposal_id for p in assistant.pending_proposals(incident)] == [proposal.proposal_id]


# --- an order's words are never its place: Chinese and English orders with no place of the map go to the incident -------

@pytest.mark.parametrize(("text", "destination"), [
    ("调一辆云梯车和两辆消防车过去", None), ("派出救护车", None), ("增派两辆救护车到火场", "火场"), ("撤离那栋楼周围的住户", "那栋楼"),
    ("把附近的居民都疏散", None), ("send crews to the gas leak", "the gas leak"),
    ("get two ambulances over to the bus crash please", "the bus crash"), ("send two engines", None), ("send them there", None),
])
def test_an_orders_destination_is_what_it_names_never_its_verb(text, destination):
    from agent.intents import order_destination

    assert order_destination(text) == destination


@pytest.mark.parametrize("text", ["调一辆云梯车和两辆消防车过去", "派出救护车", "出动两辆警车"])
def test_a_chinese_order_with_no_place_reads_none(router, city, text):
    from agent.intents import plan_calls

    [call] = plan_calls(text, router, city)
    assert call["name"] == "plan_dispatch" and call["args"]["incidents"][0]["place"] is None


@pytest.fixture(scope="module")
def router():
    from agent.router_model import IntentRouter

    return IntentRouter.default()


def _open_fire(assistant):
    _, final = _run(assistant, "Smoke pouring out of a flat at Annankatu 12, two residents on the third floor balcony", None)
    assert final.plan is not None and final.plan.incident_id
    return final.plan.incident_id


@pytest.mark.parametrize("order", ["增派一辆救护车到火场", "send an ambulance to the smoke", "调一辆救护车过去"])
def test_an_order_that_describes_the_incident_dispatches_to_it(assistant, restore_units, order):
    incident = _open_fire(assistant)
    tools, final = _run(assistant, order, incident)
    assert [t.step.name for t in tools] == ["plan_dispatch"]
    assert "no place called" not in final.text
    assert final.proposals and all(p.incident_id == incident and p.action == "commit_dispatch" for p in final.proposals)


@pytest.mark.parametrize("order", ["疏散那栋楼周围的住户", "evacuate the neighbours"])
def test_an_evacuation_that_names_no_place_is_centred_on_the_incident(assistant, order):
    incident = _open_fire(assistant)
    tools, final = _run(assistant, order, incident)
    assert tools and tools[0].step.name == "plan_evacuation"
    assert "no place called" not in final.text and f"centred on {incident}" in final.text


def test_a_name_the_map_lacks_is_not_replaced_by_the_incidents_place(assistant):
    incident = _open_fire(assistant)
    _, final = _run(assistant, "evacuate Punavuori", incident)
    assert "no place called 'Punavuori'" in final.text and "centred on" not in final.text


# --- a caller's address correction is an operator message, answered with where the new address is ---------------------

@pytest.mark.parametrize(("text", "place"), [
    ("caller rang back, wrong house number: it is Annankatu 14 not 41", "Annankatu 14"),
    ("update the location to Fredrikinkatu 30", "Fredrikinkatu 30"),
    ("地址有误，是 Bulevardi 5", "Bulevardi 5"), ("门牌号错了，应该是 Liisankatu 9，不是19", "Liisankatu 9"),
    ("send an engine to Annankatu 12", None), ("the address is unclear", None), ("we corrected the ladder position", None),
])
def test_the_corrected_address_is_read(text, place):
    from agent.place_correction import corrected_place

    assert corrected_place(text) == place


@pytest.mark.parametrize(("text", "said"), [
    ("caller corrects herself, the address is Annankatu 20, not 12", "is on the map at"),
    ("地址更正：应该是 Porthaninkatu 3", "地图上找不到"),
])
def test_an_address_correction_is_answered_and_never_a_security_event(assistant, text, said):
    incident = _open_fire(assistant)
    tools, final = _run(assistant, text, incident)
    assert tools == [] and final.security is None and said in final.text
    assert not assistant._store.events(incident_id=incident, kind="security")
