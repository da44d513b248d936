"""Review s14-rv1: agent.taken_back must never swallow a new report or order that stands next to a withdrawal.
A person trapped, a fire spreading, a suspicious package said beside "cancel the ladder" is a new report: before s14
the router planned it (dispatch / incident_report); 75081c4 answered help and nothing was planned; it was reverted (the route-level checks stay)."""

from __future__ import annotations

import pytest

REPORT_BESIDE_A_WITHDRAWAL = [
    "Forget the hazmat unit for Annankatu 12, it was a fridge leak. But there's a man trapped under the shelving.",
    "Cancel the ladder for Bulevardi 5, the fire has spread to the third floor and smoke is everywhere.",
    "Call off the police patrol at Kasarmitori, but a woman is trapped in the lift at Erottaja 2.",
    "We don't need the ambulance any more. Gas leak reported at Annankatu 12, strong smell.",
    "Ignore what I said about ERO-L1, a child is trapped in a car at Annankatu 12.",
    "救护车不要了，但是三楼还有一个老人被困。",
    "不用云梯车了，火势蔓延到隔壁楼了，浓烟很大。",
    "警车不用派了，现场发现可疑包裹。",
    "Kasarmitori 的撤离先暂停，但是有人被困在地下室。",
    "忽略我刚才说的，Bulevardi 5 三楼有人被困。",
]


@pytest.fixture(scope="module")
def router():
    from agent.router_model import IntentRouter

    return IntentRouter.default()


@pytest.mark.parametrize("text", [REPORT_BESIDE_A_WITHDRAWAL[0], REPORT_BESIDE_A_WITHDRAWAL[6]])
def test_the_router_does_not_answer_a_new_report_with_help(router, city, text):
    from agent.intents import route

    assert route(text, router, city)[0] != ["help"], text
