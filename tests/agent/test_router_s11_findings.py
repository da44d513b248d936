"""The session-11 review's router findings, each in the team's own phrasing (no dev item's sentence)."""

from __future__ import annotations

import pytest


# --- 1. the typo reading never rewrites a word English knows -------------------------------------------------------------

@pytest.fixture(scope="module")
def known():
    from agent.typos import known_words

    return known_words(["kamppi", "annankatu"])


def test_no_common_english_word_is_corrected(known):
    """Every word of wordfreq's 60k most frequent English words (4+ letters) stays as typed: "deranged" is no
    "derailed", "bloodied" no "flooded", "imbalance" no "ambulance"."""
    from wordfreq import top_n_list

    from agent.typos import corrected

    words = [w for w in top_n_list("en", 60000) if len(w) >= 4 and w.isalpha() and w.isascii()]
    rewritten = {w: c for w in words if (c := corrected(w, known)) != w}
    assert not rewritten, dict(list(rewritten.items())[:20])


@pytest.mark.parametrize(("typed", "read"), [
    ("a deranged man outside the metro", "a deranged man outside the metro"),
    ("the driver is uninjured", "the driver is uninjured"),
    ("thick smke on the stairs", "thick smoke on the stairs"),
    ("send two emgines", "send two engines"),
    ("ambulnce to the square", "ambulance to the square"),
])
def test_common_words_stay_and_typos_are_still_read(known, typed, read):
    from agent.typos import corrected

    assert corrected(typed, known) == read


# --- 2. a withdrawn unit type gives way to a later order for it ------------------------------------------------------------

@pytest.mark.parametrize(("text", "dropped"), [
    ("Cancel the engine. On second thoughts we do need an engine, send an engine and a ladder to Kallio", []),
    ("No ladder needed at Kallio; send a ladder to Töölö", []),
    ("不用救护车了。算了还是派一辆救护车去 Kallio", []),
    ("Send two engines to Kallio, no ladder needed after all", ["ladder"]),
    ("Send a ladder and two engines to Kallio. Actually scratch the ladder.", ["ladder"]),
])
def test_a_later_order_for_a_withdrawn_type_wins(text, dropped):
    from agent.negation import withdrawn_unit_types

    assert withdrawn_unit_types(text)[0] == dropped


# --- 3. "<unit>不要<verb>" tells the unit how to go, it withdraws nothing ---------------------------------------------------

@pytest.mark.parametrize("text", ["消防车不要走 Kaivokatu，从 Kallio 那边绕过去，派两辆", "救护车不要停在路口", "警车不要鸣笛",
                                  "云梯车不用开到最里面"])
def test_a_unit_told_how_to_go_is_not_withdrawn(text):
    from agent.negation import withdrawn_unit_types

    assert withdrawn_unit_types(text) == ([], [])


@pytest.mark.parametrize(("text", "dropped"), [("救护车不要了", ["ambulance"]), ("云梯车不用派了", ["ladder"]),
                                               ("消防车不需要，派两辆警车", ["engine"]), ("警车就不用了吧", ["police_patrol"])])
def test_a_chinese_withdrawal_ends_its_clause(text, dropped):
    from agent.negation import withdrawn_unit_types

    assert withdrawn_unit_types(text)[0] == dropped


# --- 4. a role abbreviation is a whole word ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("before", "claim"), [
    ('An ICU nurse says: ', False), ('The ICE agent said: ', False), ('Our EOCS liaison wrote: ', False),
    ('IC says: ', True), ('hq says: ', True), ('Order from the EOC: ', True), ('The ICP relayed: ', True),
])
def test_a_role_abbreviation_claims_the_chain_of_command_only_as_a_whole_word(before, claim):
    from agent.intents import _CHAIN_OF_COMMAND

    assert bool(_CHAIN_OF_COMMAND.search(before)) is claim


# --- 5. held orders: the hold after the order, the rest of the message kept, the LoRA bridge -------------------------------

@pytest.fixture(scope="module")
def router():
    from agent.router_model import IntentRouter

    return IntentRouter.default()


@pytest.mark.parametrize("text", ["疏散 Kallio 先暂缓，等结构工程师到了再说", "撤离 Kallio 的事推迟一下", "Kallio 那边派车先暂停"])
def test_a_chinese_hold_after_the_order_plans_nothing(router, city, text):
    from agent.intents import plan_calls

    names = [c["name"] for c in plan_calls(text, router, city)]
    assert "plan_evacuation" not in names and "plan_dispatch" not in names, names


def test_an_order_finished_before_a_pause_is_no_hold():
    from agent.negation import negated_order

    assert not negated_order("疏散完成后暂停供电")


def test_a_held_evacuation_keeps_the_shelter_request(router, city):
    from agent.intents import plan_calls

    names = [c["name"] for c in plan_calls("Put the Kallio evacuation on hold, meanwhile list shelters near Kallio", router, city)]
    assert names == ["list_shelters"]


@pytest.mark.parametrize("text", ["Send two engines to Kallio, no ladder needed after all", "疏散 Kallio 先暂缓",
                                  "Hold the evacuation of Kallio"])
def test_the_lora_bridge_leaves_withdrawn_types_and_held_orders_to_the_router(text):
    from agent.lora.bridge import decision_for
    from agent.lora.confidence import ChoiceConfidence
    from agent.lora.decode import ToolProposal
    from agent.lora.schema import parse_answer

    answer = parse_answer('{"tool": "plan_evacuation", "args": {"place": "Kallio"}}')
    proposal = ToolProposal(answer, "", 0.99, 0.99, 0.1, None, choice=ChoiceConfidence(0.99, 0.99, 3))
    assert decision_for(proposal, text, {"plan_evacuation", "plan_dispatch"}).decided_by == "router"


# --- 2b. a withdrawal that names another place leaves this incident's units alone ------------------------------------------

@pytest.mark.parametrize(("text", "excluded"), [
    ("Send an ambulance to Kallio; no ambulance needed at Kamppi", []),
    ("Send an ambulance and an engine to Annankatu 12. No ambulance needed at Kamppi, the patient walked off.", []),
    ("Send an ambulance and an engine to Annankatu 12, no ambulance needed after all", ["ambulance"]),
    ("Send an ambulance and an engine to Annankatu 12. No ambulance needed at Annankatu 12 after all.", ["ambulance"]),
])
def test_a_withdrawal_at_another_place_does_not_reach_this_dispatch(router, city, text, excluded):
    from agent.intents import plan_calls

    calls = [c for c in plan_calls(text, router, city) if c["name"] == "plan_dispatch"]
    assert calls and calls[0]["args"].get("exclude_unit_types", []) == excluded, calls
