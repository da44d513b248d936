"""A message that only takes something back (agent.taken_back): a unit type withdrawn from an earlier order, an
evacuation on hold, the operator's own earlier words withdrawn. No cancel tool, so help; a need denied in a report, or a
withdrawal beside a request of its own, is routed as before. Phrasings of our own, in other voices than any DEV item."""

from __future__ import annotations

import pytest

TAKEN_BACK = [
    "Scratch the ladder for Annankatu 12, the resident got the window open himself.",
    "We don't need the ambulance any more, she's refusing transport and walked home.",
    "Call off the police patrol at Kasarmitori, the two lads have made up.",
    "救护车不要了，病人家属自己开车送医院了。",
    "刚才叫的警车唔使喇，啲人已经散咗。",                       # Cantonese
    "Kasarmitori 的撤离先暂停，等燃气公司测完再说。",
    "Hold off on the evacuation of the Bulevardi block, the gas reading is back to normal.",
    "Ignore what I wrote about ERO-L1 earlier, I had the wrong station in front of me.",
    "忽略我刚才说的，看错了。",
]
@pytest.fixture(scope="module")
def router():
    from agent.router_model import IntentRouter

    return IntentRouter.default()


ROUTED_AS_BEFORE = [
    # a need denied in a report: no taking back
    "Car into a lamp post on Mannerheimintie 5, driver shaken, nobody hurt, no ambulance needed.",
    # a withdrawal beside a request of its own
    "Cancel the ladder for Bulevardi 5 and send two engines instead.",
    "No longer need the ambulance at Fredrikinkatu. Which engines are free at Erottaja?",
]


@pytest.mark.parametrize("text", TAKEN_BACK)
def test_only_taking_back_is_recognised(city, text):
    from agent.normalise import spaced_scripts
    from agent.taken_back import only_takes_back

    assert only_takes_back(spaced_scripts(text), [u.id for _, u in city.units()]), text


@pytest.mark.parametrize("text", ROUTED_AS_BEFORE)
def test_a_report_or_a_request_beside_it_is_no_taking_back(city, text):
    from agent.normalise import spaced_scripts
    from agent.taken_back import only_takes_back

    assert not only_takes_back(spaced_scripts(text), [u.id for _, u in city.units()]), text


@pytest.mark.parametrize("text", [TAKEN_BACK[0], TAKEN_BACK[3], TAKEN_BACK[5], TAKEN_BACK[7]])
def test_the_router_answers_taking_back_with_help(router, city, text):
    from agent.intents import route

    assert route(text, router, city)[0] == ["help"], text


def test_a_withdrawal_beside_a_dispatch_still_dispatches(router, city):
    from agent.intents import route

    assert "dispatch" in route(ROUTED_AS_BEFORE[1], router, city)[0]
