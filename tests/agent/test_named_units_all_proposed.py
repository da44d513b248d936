"""Trial 17 (H8): an order naming five units to the session's fire proposed four, the fifth (the ambulance) dropped
without a word: the agent ran at most ``agent_max_steps`` tool calls and cut the rest silently.  Every unit named
is proposed, or the reply says which were not."""

from __future__ import annotations

import pytest

FIRE = "HELP there is fire in the stairwell, Fredrikinkatu 45, 4th floor, smoke everywhere, the kids can't get out"
FIVE = ["ERO-E1", "ERO-E2", "ERO-L1", "ERO-R1", "ERO-A1"]


@pytest.fixture
def assistant(make_assistant):
    return make_assistant()


@pytest.mark.parametrize("order, units", [
    ("Send ERO-E1, ERO-E2, ERO-L1, ERO-R1 and ERO-A1 to that fire now.", FIVE),
    ("Mark ERO-E1, ERO-E2, ERO-L1, ERO-R1, ERO-A1 and KAM-A1 as dispatched.", FIVE + ["KAM-A1"]),
    ("把ERO-E1、ERO-E2、ERO-L1、ERO-R1和ERO-A1派到这个火场", FIVE),
])
def test_every_named_unit_is_proposed(assistant, restore_units, order, units):
    incident = assistant.open_incident("chat", "op").incident_id
    list(assistant.chat(FIRE, incident))
    reply = list(assistant.chat(order, incident))[-1]
    proposed = [u for p in reply.proposals for u in ([p.args["unit_id"]] if "unit_id" in p.args else p.args.get("unit_ids", []))]
    assert sorted(proposed) == sorted(units), reply.text
    assert all(p.incident_id == incident for p in reply.proposals)


def test_calls_beyond_the_step_limit_are_never_dropped_silently(make_assistant, restore_units):
    """With a step limit smaller than the order, the units past it are still proposed (a proposal changes nothing)."""
    assistant = make_assistant(agent_max_steps=2)
    incident = assistant.open_incident("chat", "op").incident_id
    list(assistant.chat(FIRE, incident))
    reply = list(assistant.chat("Set KAM-A1, KAM-A2, KAI-A1 and HAK-A1 to dispatched", incident))[-1]
    assert sorted(p.args["unit_id"] for p in reply.proposals) == ["HAK-A1", "KAI-A1", "KAM-A1", "KAM-A2"], reply.text
