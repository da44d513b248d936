import pytest

from agent.intents import IntentRouter, extract_priority, extract_radius_m, extract_unit_status


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
    from agent.intents import name_units

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
    from agent.intents import extract_place

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
