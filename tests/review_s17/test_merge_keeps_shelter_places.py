"""Review s17 (HIGH): merging an incident whose approved evacuation holds shelter places freed them all (3,571 Kamppi
evacuees' places went to 0 on the Confirm of "merge INC-B into INC-A"), although the evacuees are still in the shelters
and the event goes on under the incident kept.  A merge moves the reports and units to the incident kept; the places
its approved evacuation holds are held by the incident kept too (until that one closes), and the merge proposal says so."""

from __future__ import annotations

import pytest


@pytest.fixture
def assistant(make_assistant, restore_units):
    return make_assistant()


def _turn(assistant, text, incident):
    return list(assistant.chat(text, incident, "op-anna"))[-1]


def _evacuated(assistant, order: str) -> tuple[str, int]:
    plan = next(e.plan for e in assistant.chat(order, None) if e.kind == "final")
    assert plan is not None and plan.tool_outputs["plan_evacuation"]["assignments"]
    assistant.approve_plan(plan.plan_id, "op-anna")
    return assistant.plan_incident(plan.plan_id), sum(r.assigned for r in assistant.shelter_occupancy())


@pytest.mark.parametrize(("order", "report", "merge"), [
    ("Storm surge rising. Evacuate Kamppi.", "Flooding in the basement of Bulevardi 14, water rising",
     "merge {b} into {a}"),
    ("Storm surge rising. Evacuate Kamppi.", "Bulevardi 14 地下室进水了，水位在上涨", "把{b}合并到{a}"),
    ("Evacuate Kamppi, the water is coming over the quay", "Water pouring into the metro entrance at Kamppi", "combine {b} into {a}, one flood"),
])
def test_a_merge_keeps_the_merged_incidents_shelter_places(assistant, order, report, merge):
    merged, held = _evacuated(assistant, order)
    assert held > 0
    kept = assistant.plan(report, narrative=False).incident_id
    reply = _turn(assistant, merge.format(b=merged, a=kept), merged)
    [proposal] = reply.proposals
    assert proposal.action == "merge_incidents"
    assert (proposal.args["merged"], proposal.args["into"]) == (merged, kept)
    assert f"{held:,} shelter place" in proposal.summary, proposal.summary  # the operator sees what moves
    assistant.confirm_proposal(proposal.proposal_id, "op-anna")
    occupancy = assistant.shelter_occupancy()
    assert sum(r.assigned for r in occupancy) == held  # the evacuees still have their places
    loads = assistant._store.approved_evacuation_loads()
    assert loads and {incident for incident, _s, _p in loads} == {kept}
    # the incident kept now holds them: its close says it frees them, and the close frees them
    close = assistant.propose("close_incident", {"incident_id": kept}, incident_id=kept, operator="op-anna")
    assert f"{held:,} shelter place" in close.summary, close.summary
    assistant.confirm_proposal(close.proposal_id, "op-anna")
    assert sum(r.assigned for r in assistant.shelter_occupancy()) == 0
