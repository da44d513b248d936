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
