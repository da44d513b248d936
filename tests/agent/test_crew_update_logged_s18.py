"""A crew's radio update from its scene ("ERO-E1 on scene, fire in 2nd floor kitchen, one casualty") is logged as report
text under the incident its unit is committed to, with the unit as its source: the incident's log shows what the crew
said, whichever incident the desk has selected."""

from __future__ import annotations

import pytest


@pytest.fixture
def assistant(make_assistant):
    return make_assistant()


def _committed_fire(assistant) -> str:
    fire = assistant.plan("Fire in a flat at Annankatu 25, heavy smoke on the stairs", narrative=False).incident_id
    proposal = assistant.propose("commit_dispatch", {"unit_ids": ["ERO-E1"]}, incident_id=fire)
    assistant.confirm_proposal(proposal.proposal_id)
    return fire


@pytest.mark.parametrize("update", ["ERO-E1 on scene, fire in 2nd floor kitchen, one casualty",
                                    "ERO-E1 arrived: kitchen fire on the second floor, one person burnt",
                                    "ERO-E1 paikalla, keittiöpalo toisessa kerroksessa, yksi loukkaantunut"])
@pytest.mark.parametrize("selected", ["fire", "other", None])
def test_a_crews_update_is_logged_under_its_incident_with_its_source(assistant, restore_units, update, selected):
    fire = _committed_fire(assistant)
    other = assistant.plan("Two cars collided at Aleksanterinkatu 52, one driver injured", narrative=False).incident_id
    session = {"fire": fire, "other": other, None: None}[selected]
    list(assistant.chat(update, session))
    assert update in assistant._store.report_texts(fire)
    assert update not in assistant._store.report_texts(other)
    logged = [e for e in assistant._store.events(fire, kind="report") if e.payload.get("text") == update]
    assert logged and logged[-1].payload.get("source") == "ERO-E1"
