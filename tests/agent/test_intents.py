import pytest

from agent.router_model import IntentRouter
from agent.slots import extract_priority, extract_radius_m, extract_unit_status


@pytest.fixture(scope="module")
def router():
    return IntentRouter.default()


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("evacuate Kaartinkaupunki now, where do the residents go", "evacuation"),
        ("what units should respond to the crash on Mannerheimintie", "dispatch"),
        ("what does annex B say about pumping basements", "plan_question"),
        ("compose a limerick about cats", "out_of_scope"),
        ("疏散 Kluuvi 的人员去哪里", "evacuation"),
    ],
)
def test_router_on_unseen_requests(router, city, text, intent):
    from agent.intents import route

    assert route(text, router, city)[0][0] == intent  # cue rules first, the classifier when none fires


def test_slots():
    assert extract_unit_status("take KAM-A2 out of service", ["KAM-A1", "KAM-A2"]) == ("KAM-A2", "out_of_service")
    assert extract_unit_status("ERO-E1 已出动", ["ERO-E1"]) == ("ERO-E1", "dispatched")
    assert extract_priority("this is a p1 call") == "P1"
    assert extract_radius_m("clear 300 m around it") == 300.0


@pytest.mark.parametrize(
    ("text", "metres"),
    [("两百米范围", 200.0), ("半径一百五十米", 150.0), ("half a kilometre around the package", 500.0),
     ("three hundred and fifty metres downwind", 350.0), ("Evacuate 200m.", 200.0), ("1.5 km", 1500.0), ("no radius here", None)],
)
def test_radius_in_words_and_chinese_numerals(text, metres):
    assert extract_radius_m(text) == metres


def test_units_named_by_station_type_and_number(city):
    from agent.unit_names import name_units

    assert name_units("Is engine 1 at Erottaja available?", city) == "Is ERO-E1 available?"
    assert "ERO-L2" in name_units("ladder two at Erottaja, is it still off the road?", city)
    assert "ERO-E2" in name_units("把 Erottaja 的二号消防车标记为出动中", city)
    assert name_units("the Erottaja ambulance is available again", city).startswith("ERO-A1")  # the only one there
    assert name_units("send the Kamppi ambulances", city) == "send the Kamppi ambulances"  # two there: not guessed


@pytest.mark.parametrize(
    ("text", "intents"),
    [
        ("what's the minimum evacuation radius for a suspected bomb?", ["plan_question"]),  # no place: a procedure question
        ("evacuate Metsätalo and get two engines over there", ["evacuation", "dispatch"]),
        ("派一辆救护车去 Kamppi 并疏散周边两百米", ["dispatch", "evacuation"]),
        ("KAM-P1 标记为出动，另外查一下 HAK-E1 现在什么状态", ["unit_status_change", "unit_query"]),
        ("how do I ask you to plan an evacuation?", ["help"]),
    ],
)
def test_routing_of_new_phrasings(router, city, text, intents):
    from agent.intents import route

    assert route(text, router, city)[0] == intents


def test_a_status_change_is_not_given_to_a_unit_only_asked_about(router, city):
    from agent.intents import plan_calls

    calls = plan_calls("把 KAM-P1 标记为出动，另外查一下 HAK-E1 现在什么状态", router, city)
    assert [(c["name"], c["args"].get("unit_id")) for c in calls] == [("set_unit_status", "KAM-P1"), ("unit_status", "HAK-E1")]


@pytest.mark.parametrize(
    ("text", "intents"),
    [
        # an evacuation by its structure (a verb that moves people, the people, out/away/back), not a listed phrase
        ("Get the shoppers away from Kamppi centre, a gas main is leaking.", ["evacuation"]),
        ("Usher the spectators outside the stadium and send two ambulances there.", ["evacuation", "dispatch"]),
        ("Vacate the building at Lönnrotinkatu 9, smoke in the stairwell.", ["evacuation"]),
        # units are not people: moving a unit is not an evacuation
        ("take ERO-E1 out of service, pump failure", ["unit_status_change"]),
        ("避难所还有空位吗？", ["shelter_occupancy"]),
    ],
)
def test_evacuation_and_occupancy_by_structure(router, city, text, intents):
    from agent.intents import route

    assert route(text, router, city)[0] == intents


def test_a_chinese_place_does_not_start_with_a_request_word(city):
    from agent.places import extract_place

    assert extract_place("请把火车站附近的人疏散，浓烟太大。", city.gazetteer) == "火车站"


def test_people_being_moved_out_by_others_is_a_report_not_an_evacuation_order(router, city):
    from agent.intents import route

    text = "Smoke alarm at the Finnish National Theatre, the ushers are already getting the audience out. Need a plan."
    assert "evacuation" not in route(text, router, city)[0]


@pytest.mark.parametrize(
    ("text", "intents"),
    [
        ("send ERO-E1 to Annankatu 20, smoke from the attic", ["dispatch"]),  # a named unit sent somewhere: a dispatch
        ("派 HAK-E1 过去 Kaisaniemi 的车库火灾", ["dispatch"]),
        ("Is ERO-E1 free to go to Kamppi?", ["unit_query"]),  # asked about, not sent
        ("先说一下 Kamppi 的救护车状态，再查还开着的事件", ["unit_query", "open_incidents"]),
    ],
)
def test_named_units_sent_somewhere_and_open_incidents(router, city, text, intents):
    from agent.intents import route

    assert route(text, router, city)[0] == intents


@pytest.mark.parametrize(
    ("text", "intents"),
    [
        ("KAM-P1 avail again", ["unit_status_change"]),  # abbreviated statuses
        ("Could you please mark KAI-A1 as out of service? Its stretcher is broken.", ["unit_status_change"]),  # a polite order
        ("roll us the rescue unit to Kalevankatu 4, wall came down", ["dispatch"]),
        ("We could use another ambulance at Kamppi if one is free.", ["dispatch"]),
        ("and a patrol too", ["dispatch"]),  # a follow-up that adds a unit
        ("KAM-A1 to Bulevardi 7 for a fall", ["dispatch"]),  # a unit sent, written as "<unit> to <place>"
        ("Please summarise the current situation for the night shift.", ["sitrep"]),
        ("哪些车辆在执行任务？", ["unit_board"]),
        ("any P1s?", ["open_incidents"]),
        ("is any shelter over 80 % now?", ["shelter_occupancy"]),
        ("给我态势报告，也查一下 Kamppi 基地还有几辆救护车", ["sitrep", "unit_query"]),
    ],
)
def test_abbreviations_polite_orders_follow_ups_and_situation(router, city, text, intents):
    from agent.intents import route

    assert route(text, router, city)[0] == intents


# --- router_dev_v4 round (issue 12): general mechanisms, each with sentences of our own -----------------------------
@pytest.mark.parametrize(
    ("text", "hazard"),
    [
        ("the fire officer says a man fell into the river below the bridge", "medical"),  # a person in the water
        ("dog walker went through the ice at the bay", "medical"),
        ("有个孩子落水了，在码头边", "medical"),
        ("suspicious van left at the main entrance", "public_security"),
        ("可疑背包放在长椅下", "public_security"),
        ("the drum in the yard is leaking, white powder on the floor", "hazmat"),
        ("heating plant failed, the flats have no heating", "utility_outage"),
        ("downed power lines sparking on the road", "utility_outage"),
        ("a child alone at the playground, unaccompanied for an hour", "missing_person"),
        ("the load-bearing wall is cracking", "earthquake_collapse"),
    ],
)
def test_hazard_words_read_the_situation_not_a_role_or_a_river(text, hazard):
    from agent.hazards import hazard_from_words

    assert hazard_from_words(text) == hazard


@pytest.mark.parametrize(
    ("text", "hazard"),
    [("INC-1 | Bulevardi 3 | HAZ=FLOOD | REQ: ENGINE", "flood"), ("it's a medical thing, one stabbed", "medical"),
     ("Hazard: suspected chemical. Radius 100 m", "hazmat"), ("send two engines to Kamppi", None)],
)
def test_a_stated_hazard_outranks_the_words(text, hazard):
    from agent.hazards import stated_hazard

    assert stated_hazard(text) == hazard


@pytest.mark.parametrize(
    ("text", "metres"),
    [("radius three zero zero", 300.0), ("widen the cordon to 450", 450.0), ("half a klick around it", 500.0),
     ("increase to 40 people", None)],
)
def test_dictated_and_unit_less_radii(text, metres):
    assert extract_radius_m(text) == metres


def test_chinese_status_words_spoken_ids_and_self_corrections(city):
    from agent.slots import after_correction, extract_status
    from agent.unit_names import name_units

    assert extract_unit_status("ERO-E2 已经出车了", ["ERO-E2"]) == ("ERO-E2", "dispatched")
    assert extract_unit_status("HAK-E1 的水泵坏了，暂时不能用了", ["HAK-E1"]) == ("HAK-E1", "out_of_service")
    assert extract_status(after_correction("mark KAM-A1 dispatched, wait, no, it never left. Keep it available.")) == "available"
    assert extract_status(after_correction("mark KAM-A1 dispatched")) == "dispatched"  # nothing corrected
    assert "KAM-A1" in name_units("kam a one is free now", city)  # dictated id, only when the fleet has it
    assert name_units("and a two for the road", city) == "and a two for the road"


@pytest.mark.parametrize(
    ("text", "intents"),
    [
        ("Checklist item 2: list the shelters near Kamppi", ["shelter_list"]),  # a numbered item is no checklist question
        ("Handover: KAM-A1 available again", ["unit_status_change"]),  # a label, not a request for a briefing
        ("Widen it to 600.", ["evacuation"]),  # the evacuation re-planned
        ("范围扩大到八百米", ["evacuation"]),
        ("I also need to know if KAI-U1 is free", ["unit_query"]),  # an indirect question is no status change
        ("where's the nearest shelter from Kamppi?", ["shelter_list"]),  # the nearest of a kind, not a named place
        ("look up the plan for a chemical release in a school", ["plan_question"]),
        ("The old annex at Bulevardi 12 partly collapsed, nobody inside. Plan the response.", ["incident_report"]),
        ("(a) the sitrep and (b) shelters close to Kamppi", ["sitrep", "shelter_list"]),
        ("把所有单位的状态调出来", ["unit_board"]),
        ("KAM-P2 到了现场，标记为已派出", ["unit_status_change"]),  # 已派出 reports a unit out; no new dispatch
        ("skicka en ambulans till Bulevardi 10", ["dispatch"]),  # Swedish, as Helsinki's operators may write
        ("don't send anyone yet, just list the shelters near Kamppi", ["shelter_list"]),  # a negated order is no order
        ("先别派车，查一下 Kamppi 附近的避难所", ["shelter_list"]),
        ("bomb threat at the station: evacuate 200 m, two patrols to the north door", ["evacuation", "dispatch"]),
    ],
)
def test_routing_round_v4(router, city, text, intents):
    from agent.intents import route

    assert route(text, router, city)[0] == intents


def test_descriptions_of_an_evacuation_already_done_are_no_order(router, city):
    from agent.intents import route

    assert "evacuation" not in route("Smoke in the bin store at Bulevardi 10, tenants evacuating themselves. Plan the response.",
                                     router, city)[0]
    assert "evacuation" not in route("住户已疏散到街上，Bulevardi 10 垃圾间冒烟，请出个方案", router, city)[0]


def test_slots_round_v4(router, city):
    from agent.intents import plan_calls

    calls = plan_calls("Smoke from the Kiasma fire is drifting over Arkadiankatu 7, the residents there must be moved out",
                       router, city)
    evacuation = next(c for c in calls if c["name"] == "plan_evacuation")
    assert "Arkadiankatu" in evacuation["args"]["place"]  # "there": the place named last, not the first
    dispatch = next(c for c in plan_calls("Send KAI-P1 to Bulevardi 10", router, city) if c["name"] == "plan_dispatch")
    assert dispatch["args"]["incidents"][0]["unit_types"] == ["police_patrol"]  # the unit sent, by its type
    reads = [c for c in plan_calls("check ERO-E1 and ERO-E2 for me", router, city) if c["name"] == "unit_status"]
    assert [c["args"]["unit_id"] for c in reads] == ["ERO-E1", "ERO-E2"]
    lookup = plan_calls("高层住宅着火时，老人怎么疏散？", router, city)
    assert all(len(str(v)) <= 24 for c in lookup for v in c["args"].values() if c["name"] != "search_plans")  # never the sentence


@pytest.mark.parametrize(
    ("text", "intents"),
    [
        ("ladder + rescue to Bulevardi 10", ["dispatch"]),  # a unit list opening the order, then where
        ("utility crew to annankatu 20, cable down", ["dispatch"]),
        ("engine. Bulevardi 10.", ["dispatch"]),  # a bare unit noun as a whole clause is an order for it
        ("could an engine come to Bulevardi 10? bins burning", ["dispatch"]),
        ("叫一台engine过来 Bulevardi 10", ["dispatch"]),
        ("give me the board", ["unit_board"]),
        ("any P2?", ["open_incidents"]),
        ("which P3s are still open", ["open_incidents"]),
        ("anything new since my last check?", ["sitrep"]),
        ("tell me the overall situation", ["sitrep"]),
        ("KAM-A2 back. available.", ["unit_status_change"]),  # a status-only clause joins the unit named before it
        ("KAM-A2 is at the hospital. Could you set it available?", ["unit_status_change"]),
        ("这个系统能干啥？", ["help"]),
        ("where on the map is Bulevardi 10?", ["place_lookup"]),
    ],
)
def test_routing_round_v5(router, city, text, intents):
    from agent.intents import route

    assert route(text, router, city)[0] == intents


def test_slots_round_v5(router, city):
    from agent.intents import plan_calls
    from agent.slots import extract_priorities

    assert extract_priorities("P1 and P2 incidents") == ["P1", "P2"]
    assert extract_priorities("一级、二级事件") == ["P1", "P2"]
    lists = [c["args"] for c in plan_calls("how many P1 and P3 incidents are open?", router, city) if c["name"] == "open_incidents"]
    assert lists == [{"priority": "P1"}, {"priority": "P3"}]  # each priority asked about gets its own list
    assert [c["name"] for c in plan_calls("现在还有几辆车能用？", router, city)] == ["unit_board"]  # nothing narrows it: the board
    read = next(c for c in plan_calls("what's left at kamppi", router, city) if c["name"] == "unit_status")
    assert read["args"]["station"].startswith("Kamppi")  # the district named in a unit question is its station
    dispatch = next(c for c in plan_calls("rescue + amb to Bulevardi 10", router, city) if c["name"] == "plan_dispatch")
    assert set(dispatch["args"]["incidents"][0]["unit_types"]) == {"rescue", "ambulance"}  # '+' joins a unit list
    evac = next(c for c in plan_calls("Smoke on the platform at Rautatientori station. Plan an evacuation of the station.", router, city)
                if c["name"] == "plan_evacuation")
    assert evac["args"]["place"] != "the station"  # a bare description refers back to the place named
    assert [c["name"] for c in plan_calls("HAK-E1 at base. 二、调派救护车两台前往 Bulevardi 10 待命", router, city)].count("plan_dispatch") == 1


def test_structural_precursors_are_collapse_hazards():
    from agent.hazards import hazard_from_words

    assert hazard_from_words("the gable wall is bulging outwards") == "earthquake_collapse"
    assert hazard_from_words("仓库屋顶被压得变形了") == "earthquake_collapse"


@pytest.mark.parametrize(
    ("text", "intents"),
    [
        ("lightning near the stage at Kansalaistori, get the crowd off the square", ["evacuation"]),
        ("Bulevardi 10 有可疑包裹，整栋楼清空", ["evacuation"]),
        ("Bulevardi 10 附近二百米撤人", ["evacuation"]),
        ("按正常流程把 KAM-A1 改为可用", ["unit_status_change"]),  # an order to set a status, not a procedure question
        ("ERO-L1 规定是什么时候检修？", ["plan_question"]),
    ],
)
def test_routing_round_v5_chinese_orders(router, city, text, intents):
    from agent.intents import route

    assert route(text, router, city)[0] == intents


def test_english_words_inside_chinese_are_words(router, city):
    from agent.intents import plan_calls
    from agent.normalise import spaced_scripts

    assert spaced_scripts("派rescue和ambulance去Kamppi") == "派 rescue 和 ambulance 去 Kamppi"
    dispatch = next(c for c in plan_calls("Bulevardi 10 有人落水，快派rescue和ambulance", router, city) if c["name"] == "plan_dispatch")
    assert set(dispatch["args"]["incidents"][0]["unit_types"]) == {"rescue", "ambulance"}


def test_water_named_is_not_a_flood_when_the_words_say_otherwise():
    from agent.hazards import hazard_from_words

    assert hazard_from_words("a van went into the harbour off Pohjoisranta") == "traffic_accident"
    assert hazard_from_words("diesel on the water by the ferry quay") == "hazmat"
    assert hazard_from_words("a leaking propane cylinder on a balcony") == "hazmat"
    assert hazard_from_words("the diesel generator is burning") == "fire"  # a fuel named is no spill


def test_back_to_base_and_shelter_room(router, city):
    from agent.intents import route
    from agent.slots import extract_status

    assert extract_status("KAM-A1 done, back to base") == "available"
    assert route("Oodi 的安置点还能容纳多少人？", router, city)[0] == ["shelter_occupancy"]


def test_lines_of_a_pasted_chat_are_clauses():
    from agent.clauses import split_clauses

    assert split_clauses("Mia: KAM-A1 back to base\nLeo: thanks") == ["Mia: KAM-A1 back to base", "Leo: thanks"]


def test_a_request_corrected_by_the_next_clause_is_withdrawn(router, city):
    from agent.intents import route

    assert route("check KAM-A2 - sorry, I meant list the shelters near Kamppi", router, city)[0] == ["shelter_list"]
    assert "evacuation" in route("evacuate 200 m round Bulevardi 10 - correction, 300 m", router, city)[0]  # no request of its own: kept


def test_long_runs_of_blanks_split_in_linear_time():
    # A pasted page's blank runs once made every split pattern rescan the run (8,000 spaces: 4.6 s of CPU).
    import time

    from agent.clauses import split_clauses

    started = time.process_time()
    assert split_clauses("send an ambulance" + " " * 19_000 + "to Kamppi") == ["send an ambulance to Kamppi"]
    assert split_clauses("evacuate Kamppi" + " \n" * 5_000 + "then send two patrols") == ["evacuate Kamppi", "then send two patrols"]
    assert time.process_time() - started < 1.0


@pytest.mark.parametrize(
    ("text", "intents"),
    [
        # what the assistant's own output holds is a question about the assistant, not a request for that output
        ("what would go into a dispatch plan from you? just curious", ["help"]),
        ("what does a shelter list you give include?", ["help"]),
        ("你出的态势报告一般包括哪些内容？", ["help"]),
        # the overall state of operations is a situation read
        ("how are ops overall this morning?", ["sitrep"]),
        ("need the overall operations picture for the 1400 handover", ["sitrep"]),
    ],
)
def test_routing_keyed_families(router, city, text, intents):
    from agent.intents import route

    assert route(text, router, city)[0] == intents


@pytest.mark.parametrize(
    "text",
    ["你出的处置方案包括哪些单位？", "what would go into the response plan you give for Bulevardi 10?", "how are ops overall at Kamppi station?"],
)
def test_questions_about_one_place_or_plan_are_not_meta(router, city, text):
    # the content of a plan for a named place, or one station's state, is an operational question, not help / sitrep
    from agent.intents import route

    assert route(text, router, city)[0][0] not in ("help", "sitrep")


def test_plan_query_names_foreign_nationals_and_consular_notice():
    from agent.slots import plan_query

    query = plan_query("有外籍人员死亡的话，领事那边由谁来通知？")
    assert "foreign national" in query and "consulate" in query
    assert "foreign national" in plan_query("持外国护照的伤员怎么登记？")


def test_a_response_plan_is_made_from_the_operators_own_words(router, city):
    """Routing reads traditional characters as simplified and joins dictated characters; the report the plan is made
    from (and the incident log records) is the message as the operator wrote it."""
    from agent.intents import plan_calls

    message = "Kamppi 有個倉庫著火了，濃煙很大，請給出處置方案"
    plans = [c for c in plan_calls(message, router, city) if c["name"] == "plan_response"]
    assert plans and plans[0]["args"]["report"] == message


def test_chinese_text_is_normalised_once_however_often_it_is_read(monkeypatch):
    """A chat turn reads one text with several word lists: OpenCC + pypinyin run once for it, not on every call, and
    the answers are those of a fresh normalisation."""
    import agent.normalise as normalise
    from agent.hazards import hazard_from_words, type_checked_by_words, words_name_hazard

    calls = []
    real = normalise.repaired_homophones
    monkeypatch.setattr(normalise, "repaired_homophones", lambda text: calls.append(text) or real(text))
    text = "參議院廣場 附近 有 人 落 水，急需就胡车"  # traditional, dictated, a homophone of 救护车; read by no other test
    assert hazard_from_words(text) == "medical"
    assert words_name_hazard("medical", text)
    assert type_checked_by_words("fire", text) == "medical"
    assert "救护车" in normalise.spaced_scripts(text)
    assert len(calls) == 1
    assert hazard_from_words("the harbour is calm today") is None and len(calls) == 1  # no Han: not cached
