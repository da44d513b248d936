"""A named unit sent to an incident described by its kind ("send KAI-A1 to the fire", "KAI-A1 → gas leak",
"派 KAI-A1 去火灾现场"): with one open incident of that kind the order is a dispatch proposal for it (awaiting the
commander's confirmation), never a status answer; with two of that kind open the reply asks which, naming both."""

from __future__ import annotations

import pytest


@pytest.fixture
def assistant(make_assistant):
    return make_assistant()


def _open(assistant, report: str) -> str:
    return assistant.plan(report, narrative=False).incident_id


def _commits(reply) -> list:
    return [p for p in reply.proposals if p.action == "commit_dispatch"]


@pytest.mark.parametrize("order", ["send KAI-A1 to the fire", "dispatch ERO-E2 to the Kamppi fire", "派 KAI-A1 去火灾现场",
                                   "KAI-A1 to the fire please"])
def test_a_named_unit_to_the_one_open_fire_is_proposed_for_it(assistant, restore_units, order):
    fire = _open(assistant, "Fire in a flat at Annankatu 25, heavy smoke on the stairs")
    _open(assistant, "Two cars collided at Mannerheimintie 20, one driver injured")
    reply = list(assistant.chat(order, None))[-1]
    commits = _commits(reply)
    assert len(commits) == 1, reply.text
    assert commits[0].args["incident_id"] == fire
    unit = "ERO-E2" if "ERO-E2" in order else "KAI-A1"
    assert commits[0].args["unit_ids"] == [unit]
    assert assistant.unit_statuses()[unit] == "available"  # proposed, awaiting confirmation


@pytest.mark.parametrize("order", ["KAI-A1 → gas leak", "send KAI-A1 to the gas leak"])
def test_a_named_unit_to_the_one_open_gas_leak_is_proposed_for_it(assistant, restore_units, order):
    _open(assistant, "Fire in a flat at Annankatu 25, heavy smoke on the stairs")
    leak = _open(assistant, "Strong smell of gas in the stairwell at Bulevardi 14, residents dizzy")
    reply = list(assistant.chat(order, None))[-1]
    commits = _commits(reply)
    assert len(commits) == 1, reply.text
    assert commits[0].args["incident_id"] == leak and commits[0].args["unit_ids"] == ["KAI-A1"]


@pytest.mark.parametrize("order", ["send KAI-A1 to the fire", "派 KAI-A1 去火灾现场"])
def test_two_open_fires_ask_which_and_list_them(assistant, restore_units, order):
    first = _open(assistant, "Fire in a flat at Annankatu 25, heavy smoke on the stairs")
    second = _open(assistant, "Fire in a restaurant kitchen at Aleksanterinkatu 52, flames through the roof")
    reply = list(assistant.chat(order, None))[-1]
    assert not _commits(reply)
    assert first in reply.text and second in reply.text
    assert assistant.unit_statuses()["KAI-A1"] == "available"


@pytest.mark.parametrize("order", ["send KAI-A1 to the fire", "KAI-A1 -> the fire"])
def test_on_another_incident_the_described_fire_is_asked_about_not_planned_for_the_selected_one(assistant, restore_units, order):
    """Selected: the crash.  The order describes the fire: never committed to the crash (review s16 rule, kept)."""
    fire = _open(assistant, "Fire in a flat at Annankatu 25, heavy smoke on the stairs")
    crash = _open(assistant, "Two cars collided at Aleksanterinkatu 52, one driver injured")
    reply = list(assistant.chat(order, crash))[-1]
    assert all(p.args["incident_id"] != crash for p in _commits(reply))
    assert fire in reply.text
