"""Review s15-rv3 HIGH: agent/intents.py (7178ad8) makes any incident id written in the dispatch clause the
destination, even where the clause names the place the units go to and the id is the incident they leave or are
not for: "send KAI-A1 to Bulevardi 14 instead of INC-A" proposes KAI-A1 for INC-A (a crash on Mannerheimintie), not
for the fire open at Bulevardi 14. Sentences written for this review."""

from __future__ import annotations

import pytest


@pytest.fixture
def restore_units(city):
    before = dict(city.unit_status())
    yield city
    for unit_id, status in before.items():
        city.set_unit_status(unit_id, status)


def _open(assistant, report: str) -> str:
    return assistant.plan(report, narrative=False).incident_id


@pytest.mark.parametrize("order", ["send KAI-A1 to Bulevardi 14 instead of {crash}"])
def test_the_place_the_units_go_to_wins_over_an_incident_id_they_are_not_for(make_assistant, restore_units, order):
    assistant = make_assistant()
    crash = _open(assistant, "Car crash at Mannerheimintie 20, two cars, one driver injured")
    fire = _open(assistant, "Fire in a flat at Bulevardi 14, heavy smoke on the stairs")
    reply = list(assistant.chat(order.format(crash=crash), None))[-1]
    commits = [p for p in reply.proposals if p.action == "commit_dispatch"]
    assert all(c.args["incident_id"] != crash for c in commits), [c.args for c in commits]
    assert not commits or commits[0].args["incident_id"] == fire
