"""s16 trial H5: closing the ice-rescue incident freed the 3,571 Kamppi flood evacuees' shelter places (the district
evacuation had been approved under it), and the close proposal named only the units it released.  A close proposal
of an incident that holds approved shelter places says how many, where, and that the evacuees must be housed first."""

from __future__ import annotations


def test_the_close_proposal_names_the_shelter_places_it_frees(make_assistant, restore_units):
    assistant = make_assistant()
    plan = next(e.plan for e in assistant.chat("Storm surge rising. Evacuate Kamppi.", None) if e.kind == "final")
    assert plan is not None and plan.tool_outputs["plan_evacuation"]["assignments"]
    assistant.approve_plan(plan.plan_id, "aho")
    incident_id = assistant.plan_incident(plan.plan_id)
    held = sum(r.assigned for r in assistant.shelter_occupancy())
    assert held > 0
    proposal = assistant.propose("close_incident", {"incident_id": incident_id}, incident_id=incident_id, operator="aho")
    assert f"{held:,} shelter place" in proposal.summary
    assert "evacuee" in proposal.summary


def test_a_close_with_no_evacuation_says_nothing_of_shelters(make_assistant, restore_units):
    assistant = make_assistant()
    plan = assistant.plan("Car fire at Bulevardi 14, nobody inside", operator="aho", narrative=False)
    proposal = assistant.propose("close_incident", {"incident_id": plan.incident_id}, incident_id=plan.incident_id,
                                 operator="aho")
    assert "shelter" not in proposal.summary
