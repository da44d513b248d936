"""The arguments of a routed request (hazard, unit types, priority, radius, status), read from traditional Chinese,
dictated transcripts and operator shorthand, not only from the textbook phrasing of the word lists."""

import pytest

from agent.hazards import hazard_from_words, words_name_hazard
from agent.normalise import normalised_chinese, repaired_homophones
from agent.slots import extract_priorities, extract_priority, extract_radius_m, extract_status, extract_unit_types
from core.text import joined_spaced_han, to_simplified


def test_traditional_characters_become_simplified_and_latin_text_is_untouched():
    assert to_simplified("請派一輛雲梯車") == "请派一辆云梯车"
    assert to_simplified("Send two engines to Mannerheimintie 5") == "Send two engines to Mannerheimintie 5"


def test_only_a_character_by_character_transcript_loses_its_spaces():
    assert joined_spaced_han("请 疏 散 Lönnrotinkatu 7 周 围 一 百 米") == "请疏散 Lönnrotinkatu 7 周围一百米"
    # two phrases separated by a space are not a dictated transcript: the space between them stays
    assert joined_spaced_han("市场那边 有一个摊位") == "市场那边 有一个摊位"


def test_a_homophone_of_a_unit_noun_is_repaired_and_other_words_are_not():
    assert repaired_homophones("派一台就护车去") == "派一台救护车去"  # jiu hu che
    assert repaired_homophones("他就回家了") == "他就回家了"


@pytest.mark.parametrize(
    ("text", "unit_types"),
    [
        ("請派一輛危險品處理車到 Rauhankatu 15", ["hazmat"]),  # traditional, and 危险品 is the other name of hazmat
        ("再加一台雲梯車", ["ladder"]),
        ("語音輸入：派一台 就 護 車 去 Mikonkatu 8", ["ambulance"]),  # dictated, with a homophone
    ],
)
def test_unit_types_in_traditional_and_dictated_chinese(text, unit_types):
    assert extract_unit_types(normalised_chinese(text)) == unit_types


@pytest.mark.parametrize(
    ("text", "hazard"),
    [
        ("我這邊語音：請 疏 散 Lönnrotinkatu 7 周 圍 一 百 米，樓 裡 有 人 在 燒 碳", "hazmat"),  # charcoal burnt indoors: CO
        ("smoke alarm is off and the CO detector is screaming in the flat", "hazmat"),
        ("示威現場有人投擲了不明氣體", "hazmat"),
        ("Kaisaniemen puisto 有人掉進冰窟窿了", "medical"),
        ("we've got a live cable down across the tram tracks", "utility_outage"),
        ("send the hazmat unit to Kaivokatu 8 for the powder letter", "hazmat"),
        ("the crowd is getting crushed against the stage barriers", "public_security"),
    ],
)
def test_hazard_words(text, hazard):
    assert hazard_from_words(text) == hazard


def test_a_crushed_limb_is_not_a_crowd_crush():
    assert hazard_from_words("his leg was crushed under a pallet, bleeding") == "medical"


def test_words_name_hazard_reads_traditional_chinese():
    assert words_name_hazard("hazmat", "煤氣洩漏")
    assert not words_name_hazard("fire", "a live cable down across the tram tracks")


@pytest.mark.parametrize(
    ("text", "priority"),
    [("ambulance to Forum, top priority", "P1"), ("最高優先。", "P1"), ("highest priority incidents?", "P1"),
     ("Police patrol, low priority, someone chained to the railings", "P3"), ("P2 please", "P2"), ("no priority given", None)],
)
def test_named_priority_levels(text, priority):
    assert extract_priority(text) == priority


def test_priorities_in_order_with_named_levels():
    assert extract_priorities("top priority first, then the P3 ones") == ["P1", "P3"]


@pytest.mark.parametrize(
    ("text", "metres"),
    [("the hazmat officer recommends a quarter-kilometre zone", 250.0), ("a quarter of a kilometre around it", 250.0),
     ("evac 300 around Pitkäsilta", 300.0), ("evacuate 300 from the hall", None)],
)
def test_radius_forms(text, metres):
    assert extract_radius_m(text) == metres


def test_chu_qin_is_dispatched():
    assert extract_status(normalised_chinese("KAM A2 改 成 出 勤")) == "dispatched"


@pytest.mark.parametrize(
    ("text", "hazard"),
    [("a wall of the old warehouse at Siltavuorenranta that has partly collapsed", "earthquake_collapse"),
     ("a ceiling panel fell in the waiting area, three people hurt", "earthquake_collapse"),
     ("the building is fine but a man collapsed on the floor", "medical"),
     ("Fredrikinkatu 40 那個樓頂的 吊車 倒了", "earthquake_collapse"),
     ("a delivery van lying on its roof on Bulevardi", "traffic_accident")],
)
def test_structural_and_vehicle_words(text, hazard):
    assert hazard_from_words(text) == hazard


def _outcome(kind, probs):
    from finetune.predict import TriageResult

    return TriageResult(text="", incident_type=kind, priority="P2", type_probs=probs, priority_probs={"P2": 1.0},
                        type_confidence=probs[kind], priority_confidence=1.0, secondary_types=[], language="zh",
                        model_version="test")


def test_a_triage_type_the_words_contradict_yields_to_them_and_asks_for_confirmation():
    from agent.hazards import reconciled_triage

    text = "Kaisaniemen puisto 有人掉進冰窟窿了，兩個路人在拉他"  # through the ice: nothing says anyone is missing
    out = reconciled_triage(_outcome("missing_person", {"missing_person": 0.7, "medical": 0.2}), text)
    assert (out.incident_type, out.type_confidence, out.secondary_types[0]) == ("medical", 0.2, "missing_person")


def test_a_triage_type_with_words_of_its_own_or_not_incident_is_kept():
    from agent.hazards import reconciled_triage

    fire = _outcome("fire", {"fire": 0.9, "hazmat": 0.1})
    assert reconciled_triage(fire, "smoke from the attic, a gas bottle inside") is fire
    quiet = _outcome("not_incident", {"not_incident": 0.9, "fire": 0.1})
    assert reconciled_triage(quiet, "the drill at the school went fine, all clear") is quiet
    crash = _outcome("traffic_accident", {"traffic_accident": 0.8, "hazmat": 0.2})
    assert reconciled_triage(crash, "car on its roof, fuel leaking").incident_type == "traffic_accident"


def test_a_not_incident_reading_of_a_named_hazard_becomes_that_hazard_needing_a_response():
    from agent.hazards import reconciled_triage

    nothing = _outcome("not_incident", {"not_incident": 0.8, "missing_person": 0.15, "fire": 0.05}).model_copy(update={"priority": "P4"})
    out = reconciled_triage(nothing, "Forum 里一个小孩走丢了，出个方案")
    assert (out.incident_type, out.priority, out.type_confidence) == ("missing_person", "P3", 0.15)
    assert out.type_source == "the report's words (model: not_incident)" and out.read_by == "encoder"
    assert "not_incident" not in out.secondary_types


def test_snatching_and_a_head_hitting_the_ground_are_not_a_traffic_accident():
    assert hazard_from_words("Esplanadi 有人抢了一个游客的相机，还把她推倒了") == "public_security"
    # a body striking something (head on the ground, a step, a knee on a table) is a fall, not a collision
    for fall in ("一个小伙子在 Kaivopiha 滑倒，头部撞地，流了不少血", "老人在 Kamppi 摔倒了，头撞到了台阶", "孩子的膝盖撞到桌角了"):
        assert hazard_from_words(fall) != "traffic_accident", fall
    for crash in ("两辆车在 Mannerheimintie 相撞", "一辆出租车撞到了路灯", "电车撞了一个骑车的人"):
        assert hazard_from_words(crash) == "traffic_accident", crash


@pytest.mark.parametrize(
    ("text", "hazard"),
    [("老人吃火锅噎住了，脸发紫", None),  # hotpot: a choking, no fire
     ("明天坐火车去图尔库", None),  # a train
     ("火速派两辆救护车过去", None),  # "at top speed"
     ("火车站旁边的仓库着火了", "fire"),
     ("楼道里有火，很多烟", "fire")],
)
def test_fire_is_not_read_in_everyday_compounds_of_huo(text, hazard):
    assert hazard_from_words(text) == hazard


def test_a_confident_medical_reading_is_not_replaced_by_a_hotpot():
    from agent.hazards import reconciled_triage

    choking = _outcome("medical", {"medical": 0.81, "fire": 0.15, "not_incident": 0.04})
    assert reconciled_triage(choking, "老人吃火锅噎住了，脸发紫，出个方案") is choking


def test_a_plan_whose_type_came_from_the_words_names_the_models_reading():
    from agent.chat_session import say_model_reading
    from agent.hazards import reconciled_triage
    from agent.response_plan import to_triage_summary
    from agent.schemas import ResponsePlan

    model = _outcome("not_incident", {"not_incident": 0.8, "missing_person": 0.15, "fire": 0.05}).model_copy(update={"priority": "P4"})
    text = "Forum 里一个小孩走丢了，出个方案"
    plan = ResponsePlan(plan_id="p", report=text, triage=to_triage_summary(reconciled_triage(model, text)))
    say_model_reading(plan, model)
    assert len(plan.warnings) == 1 and "not_incident (P4, 80%)" in plan.warnings[0] and "missing_person (P3)" in plan.warnings[0]
    same = ResponsePlan(plan_id="q", report=text, triage=to_triage_summary(model))
    say_model_reading(same, model)  # the model's own type: nothing to say
    assert same.warnings == []


def test_a_sure_model_is_not_overruled_by_a_hazard_word_it_gives_almost_no_chance():
    from agent.hazards import reconciled_triage

    sure = _outcome("medical", {"medical": 0.81, "fire": 0.04, "not_incident": 0.15})
    text = "an old man is choking at the table, the smoke alarm in the kitchen keeps beeping from the toast"
    assert reconciled_triage(sure, text).incident_type == "medical"
    # the same words against an unsure reading, or a word the model gives real probability, still decide
    unsure = _outcome("medical", {"medical": 0.45, "fire": 0.40, "not_incident": 0.15})
    assert reconciled_triage(unsure, "flames coming out of the kitchen window, an old man inside").incident_type == "fire"


@pytest.mark.parametrize("text", ["show open incidents, top priority first", "list everything, highest priority on top",
                                  "所有事件都列出来，最高优先的排在前面"])
def test_an_order_to_sort_by_priority_is_no_filter(text):
    assert extract_priorities(text) == []
