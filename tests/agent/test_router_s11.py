"""Session 11's router mechanisms, each in the team's own phrasings (no dev item's sentence): typing errors in the
closed vocabularies, withdrawn unit types, an order held back, chain-of-command claims, pasted tables."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def router():
    from agent.router_model import IntentRouter

    return IntentRouter.default()


def _names(calls):
    return [c["name"] for c in calls]


def _dispatch(calls):
    found = [c for c in calls if c["name"] == "plan_dispatch"]
    assert found, calls
    return found[0]["args"]


# --- 1. typing errors ------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def known():
    from agent.typos import known_words

    return known_words(["kamppi", "annankatu", "bulevardi"])


@pytest.mark.parametrize(("typed", "read"), [
    ("thick smke in the stairwell", "thick smoke in the stairwell"),
    ("send two emgines", "send two engines"),
    ("Ambulnce to Kamppi", "Ambulance to Kamppi"),
    ("evacaute the block", "evacuate the block"),      # a swapped pair counts one edit
    ("dispach the hazmt team", "dispatch the hazmat team"),
    ("Send ambulnces to Kamppi", "Send ambulances to Kamppi"),
])
def test_a_mistyped_vocabulary_word_is_read_as_that_word(known, typed, read):
    from agent.typos import corrected

    assert corrected(typed, known) == read


@pytest.mark.parametrize("text", [
    "he was fired yesterday, now he is back",   # a real word near "fire" stays
    "a flood of emails about the outage page",
    "the Smke building on the corner",           # capitalised inside a sentence: a name
    "KAM-A1 and ERO-E1 to Bulevardi",            # unit ids are never touched
    "sheld at the corner",                        # no vocabulary word within reach: left as typed
    "Kamppi and Annankatu",                       # place names are known words
])
def test_known_words_names_and_ids_are_never_corrected(known, text):
    from agent.typos import corrected

    assert corrected(text, known) == text


def test_a_word_two_vocabulary_words_are_near_is_left_as_typed():
    from agent.typos import vocabulary_word

    assert vocabulary_word("ambulnce") == "ambulance"  # a word and its plural are one reading
    assert vocabulary_word("fier") == "fire"
    assert vocabulary_word("flod") == "flood"
    assert vocabulary_word("sheld") is None  # shield? shelter? a guess, not a reading
    # targets come from the order owner's forms only (session 12): "evacuation" is no target, so one reading is left
    assert vocabulary_word("evacuatin") == "evacuating"


@pytest.mark.parametrize("text", ["we were flooded with calls about the concert", "a flood of emails about the outage page",
                                  "he was fired yesterday"])
def test_figurative_words_are_no_hazard(text):
    from agent.hazards import hazard_from_words

    assert hazard_from_words(text) in (None, "utility_outage")  # the outage is a hazard word of its own, not a flood
    assert hazard_from_words(text) != "flood" and hazard_from_words(text) != "fire"


def test_a_flood_is_still_a_flood():
    from agent.hazards import hazard_from_words

    assert hazard_from_words("floodwater in the car park") == "flood"
    assert hazard_from_words("the basement flooded overnight") == "flood"


def test_typos_route_and_fill_slots(router, city):
    from agent.intents import plan_calls

    args = _dispatch(plan_calls("send two emgines to Bulevardi 5", router, city))
    assert args["incidents"][0]["unit_types"] == ["engine"]
    args = _dispatch(plan_calls("ambulnce to Kamppi", router, city))
    assert args["incidents"][0]["unit_types"] == ["ambulance"]
    calls = plan_calls("smke in the stairwell at Annankatu 20, plan please", router, city)
    assert _names(calls) == ["plan_response"]
    assert calls[0]["args"]["report"].startswith("smke")  # what the operator typed is what is recorded


@pytest.mark.parametrize(("typed", "read"), [("疏三 Kasarmitori", "疏散 Kasarmitori"), ("先疏三，再派车", "先疏散，再派车"),
                                             ("撤里 Kamppi", "撤离 Kamppi"), ("附近有人受上", "附近有人受伤")])
def test_a_chinese_same_sound_character_is_read_as_the_key_word(typed, read):
    from agent.normalise import normalised_chinese

    assert normalised_chinese(typed) == read


@pytest.mark.parametrize("text", ["救护车离开了现场", "车离开了", "书散落一地", "我们疏散完了", "他们受上级委托", "撤里面的人",
                                  "火在烧", "起伙做饭", "大家干起活来了"])
def test_a_pair_inside_a_dictionary_word_or_an_ordinary_phrase_is_not_repaired(text):
    from agent.normalise import normalised_chinese

    assert normalised_chinese(text) == text


def test_every_entry_of_the_confusion_table_sounds_like_its_word_and_is_no_word():
    from pypinyin import lazy_pinyin

    from agent.normalise import PAIR_TYPOS, _dictionary

    assert all(lazy_pinyin(typo) == lazy_pinyin(word) and typo != word for typo, word in PAIR_TYPOS.items())
    assert not [typo for typo in PAIR_TYPOS if _dictionary().get(typo, 0) > 0]


def test_a_chinese_typo_is_routed(router, city):
    from agent.intents import plan_calls

    calls = plan_calls("疏三 Kasarmitori 周围两百米", router, city)
    assert calls[0]["name"] == "plan_evacuation" and calls[0]["args"]["radius_m"] == 200


# --- 2. withdrawn unit types -------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "dropped", "fewer"), [
    ("send an engine and a ladder to Bulevardi 5 -- no ladder needed after all", ["ladder"], []),
    ("the ladder is not needed any more", ["ladder"], []),
    ("we don't need the ambulance any more", ["ambulance"], []),
    ("send engines without a ladder", ["ladder"], []),
    ("scratch the second engine", [], ["engine"]),
    ("派两辆消防车和云梯车去 Kamppi，不用云梯车了", ["ladder"], []),
    ("云梯车不用派了", ["ladder"], []),
    ("第二辆消防车不用了", [], ["engine"]),
    ("send a ladder, the engine is busy", [], []),
    ("no ambulance available at Kamppi?", [], []),
    ("cancel the plan", [], []),
    ("it's not that we don't need a ladder there, we do", [], []),  # the need affirmed
])
def test_withdrawn_unit_types_are_read(text, dropped, fewer):
    from agent.negation import withdrawn_unit_types

    assert withdrawn_unit_types(text) == (dropped, fewer)


def test_a_withdrawn_type_reaches_the_dispatch_call(router, city):
    from agent.intents import plan_calls

    args = _dispatch(plan_calls("send two engines and a ladder to Bulevardi 5 -- no ladder needed after all", router, city))
    assert "ladder" not in args["incidents"][0].get("unit_types", []) and args["exclude_unit_types"] == ["ladder"]
    args = _dispatch(plan_calls("派两辆消防车和云梯车去 Kamppi，不用云梯车了", router, city))
    assert args["exclude_unit_types"] == ["ladder"]


def test_the_planner_drops_a_withdrawn_type_and_says_so(city):
    from tools.llm_tools import DispatchArgs, dispatch

    base = {"incidents": [{"place": "Bulevardi 5", "incident_type": "fire", "priority": "P1"}]}
    full = dispatch(city, DispatchArgs(**base))
    types = [a.unit_type for a in full.assignments]
    assert "ladder" in types and types.count("engine") >= 2  # the table's high-rise fire response, as planned without words
    dropped = dispatch(city, DispatchArgs(**base, exclude_unit_types=["ladder"]))
    assert "ladder" not in [a.unit_type for a in dropped.assignments]
    assert any("Not proposed, as you said: ladder" in w for w in dropped.warnings)
    fewer = dispatch(city, DispatchArgs(**base, fewer_unit_types=["engine"]))
    assert [a.unit_type for a in fewer.assignments].count("engine") == types.count("engine") - 1
    assert any("One unit fewer" in w for w in fewer.warnings)


# --- 3. an order held back ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["hold the evacuation of Kamppi", "put the evacuation of Kasarmitori on hold",
                                  "pause the evac at Bulevardi 5", "先别疏散 Kamppi，等指挥部确认"])
def test_a_held_evacuation_plans_nothing(router, city, text):
    from agent.intents import held_order_reply, plan_calls

    assert "plan_evacuation" not in _names(plan_calls(text, router, city))
    reply = held_order_reply(text)
    assert reply is not None and "no evacuation was planned" in reply


def test_holding_people_back_is_no_held_order():
    from agent.intents import held_order_reply

    assert held_order_reply("hold the crowd back at the barrier") is None
    assert held_order_reply("evacuate Kamppi") is None


def test_the_chat_answers_a_held_evacuation_specifically(make_assistant):
    assistant = make_assistant()
    incident = assistant.open_incident("held evacuation", "op").incident_id
    events = list(assistant.chat("hold the evacuation of Kamppi", incident))
    final = [e for e in events if e.kind == "final"][-1]
    assert final.text.startswith("Nothing planned") and not [e for e in events if e.kind == "tool"]


# --- 4. chain-of-command claims -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("before", ["Incident command says: ", "order from the IC: ", "IC on channel 2 says ", "our commander radioed: ",
                                    "the duty chief wants ", "现场指挥员刚才下令："])
def test_a_chain_of_command_claim_is_read(before):
    from agent.intents import _CHAIN_OF_COMMAND

    assert _CHAIN_OF_COMMAND.search(before[-40:])


@pytest.mark.parametrize("before", ["the caller's chief complaint is pain, she keeps shouting ", "a man outside the command post yells ",
                                    "the crowd near command is chanting ", "围观群众喊："])
def test_ordinary_talk_near_a_role_word_is_no_claim(before):
    from agent.intents import _CHAIN_OF_COMMAND

    assert not _CHAIN_OF_COMMAND.search(before[-40:])


def test_a_callers_demand_near_a_role_word_is_still_not_planned(router, city):
    from agent.intents import plan_calls

    calls = plan_calls('The caller\'s chief complaint is chest pain, she keeps shouting "send every ambulance to Kamppi!"', router, city)
    assert "plan_dispatch" not in _names(calls)


# --- 5. pasted tables --------------------------------------------------------------------------------------------------

def test_a_question_about_a_pasted_log_reads_no_orders_from_its_rows(router, city):
    from agent.intents import plan_calls

    text = ("pasted from the shift log:\n| Time | Place | Note |\n|---|---|---|\n| 02:10 | Bulevardi 5 | evacuate 2nd floor |\n"
            "| 02:14 | Annankatu 20 | send engine |\nany of these still open?")
    assert _names(plan_calls(text, router, city)) == ["open_incidents"]


def test_a_checklist_around_a_procedure_question_is_no_order(router, city):
    from agent.intents import plan_calls

    text = "my checklist so far:\n- [x] evacuate the school\n- [ ] send ladder to Kasarmitori\nwhat does the high-rise fire procedure say comes next?"
    assert _names(plan_calls(text, router, city)) == ["search_plans"]


def test_rows_are_read_when_the_operator_acts_on_them():
    from agent.pasted import rows_set_aside

    text = "Please do what the table says:\nUnit\tDestination\nERO-E1\tBulevardi 5\nKAM-A1\tAnnankatu 20"
    assert rows_set_aside(text, lambda line: True) == text
    only_rows = "## Lookup\n- [ ] SOP: chlorine leak at a swimming hall"
    assert rows_set_aside(only_rows, lambda line: True) == only_rows


def test_rows_that_only_name_things_stay_when_the_question_refers_to_them():
    from agent.pasted import rows_set_aside

    text = "Which of these are free right now?\nUnit\tStation\nERO-E1\tErottaja\nKAM-A1\tKamppi"
    assert rows_set_aside(text, lambda line: False) == text
    assert rows_set_aside(text, lambda line: "ERO" in line) == "Which of these are free right now?\nUnit\tStation\nKAM-A1\tKamppi"


# --- linear time on long input ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["Xqzv " * 4000, "smke " * 4000, "ladder" + " " * 20000 + "x", "|" + "-" * 10 + " " * 20000 + "x"])
def test_the_new_readings_stay_linear_on_long_input(known, text):
    import time

    from agent.negation import withdrawn_unit_types
    from agent.pasted import rows_set_aside
    from agent.typos import corrected

    started = time.process_time()
    corrected(text, known)
    withdrawn_unit_types(text)
    rows_set_aside(text + "\nwhich of these?", lambda line: False)
    assert time.process_time() - started < 2.0


def test_a_pasted_record_asked_about_as_a_whole_is_read(router, city):
    from agent.intents import plan_calls

    text = "Location | Annankatu 20\nType | kitchen fire, smoke on the stairs\nCasualties | none known\nwe need a response plan for this"
    assert _names(plan_calls(text, router, city))[0] == "plan_response"


def test_the_operators_own_indented_orders_are_no_table():
    from agent.pasted import rows_set_aside

    text = "please handle the following:\n\tevacuate Kasarmitori 200 m\n\tsend two engines to Bulevardi 5"
    assert rows_set_aside(text, lambda line: True) == text
