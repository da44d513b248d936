"""Incidents of one priority asked for by the level in the plural or counted (agent.cue_rules open_incidents): "read me
the P2s", "only the P4s", "P1 的事件目前有多少", "还有几起 P2". Phrasings of our own, in other voices than any DEV item."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def router():
    from agent.router_model import IntentRouter

    return IntentRouter.default()


@pytest.mark.parametrize("text", ["Read me the P2s, I'm briefing the mayor's office.", "only the P4s this time", "how many P3s have we got",
                                  "P1 的事件目前有多少", "还有几起 P2？", "P2 级的案件还剩几个"])
def test_a_priority_level_asked_for_lists_the_open_incidents(router, city, text):
    from agent.intents import route

    assert route(text, router, city)[0] == ["open_incidents"], text


@pytest.mark.parametrize("text, intent", [("Send two engines to Bulevardi 5, P1.", "dispatch"),
                                          ("派两辆救护车去 Kamppi，P2", "dispatch")])
def test_a_priority_given_with_an_order_is_no_list(router, city, text, intent):
    from agent.intents import route

    assert route(text, router, city)[0] == [intent], text
