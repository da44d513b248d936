"""Review s16-rvA HIGH findings on the held shelter places of s15-tfa (6bbe7de) and the indoor refuge of s15-tfb (12a8189).

1. Approval did not look at the places again: two evacuation plans drafted before either was approved (two desks, or
   one desk asking twice) each offered the same free places, and approving both put every shelter at 200 %.
2. The places an incident holds were those of its latest approved plan, whatever that plan was: approving an update
   that moves nobody (a dispatch, a building evacuation to an assembly point) released every place of its earlier
   evacuation while the evacuees are still in the shelters, and the next incident was handed them again.
3. A building evacuation that takes its people indoors (bedridden residents, s15-tfb) held no place, and routed them to
   a shelter that approved evacuations already fill.
Reports and orders written for this review."""

from __future__ import annotations

import pytest

from agent.schemas import ResponsePlan
from core.errors import InputError
from tests.agent.conftest import restore_units  # noqa: F401 - the fixture that puts every unit back after a test


def _held(assistant) -> dict[str, int]:
    return {r.shelter_id: r.assigned for r in assistant.shelter_occupancy() if r.assigned}


def _capacity(city) -> dict[str, int]:
    return {s.id: s.capacity for s in city.scenario.shelters}


def _chat_evacuation(assistant, order: str) -> ResponsePlan:
    events = list(assistant.chat(order, None))
    plan = next(e.plan for e in events if e.kind == "final")
    assert plan is not None and plan.tool_outputs["plan_evacuation"]["assignments"], order
    return plan


def test_a_plan_whose_places_were_taken_after_it_was_drafted_is_not_approved(make_assistant, restore_units, city):
    assistant = make_assistant()
    first = _chat_evacuation(assistant, "Chlorine leak at the Kluuvi pool, clear all of Kluuvi")
    second = _chat_evacuation(assistant, "我们这边也要把Kluuvi整个区的人疏散出去，有毒气体在扩散")
    assistant.approve_plan(first.plan_id, "desk 1")
    incidents_before = {i.incident_id for i in assistant.incidents()}
    with pytest.raises(InputError) as refused:
        assistant.approve_plan(second.plan_id, "desk 2")
    said = str(refused.value).lower()
    assert "not approved" in said and "re-plan" in said, said
    assert assistant.plan_approval(second.plan_id) is None
    assert {i.incident_id for i in assistant.incidents()} == incidents_before  # no incident opened for a refused plan
    capacity = _capacity(city)
    assert all(n <= capacity[s] for s, n in _held(assistant).items()), _held(assistant)


def _saved(store, plan_id: str, incident_id: str, tool_outputs: dict) -> str:
    store.save_plan(ResponsePlan(plan_id=plan_id, incident_id=incident_id, report="r", tool_outputs=tool_outputs), "op")
    return plan_id


def test_an_approved_update_that_moves_nobody_keeps_the_incidents_places(make_assistant, restore_units, city):
    assistant = make_assistant()
    store = assistant._store
    incident = store.create_incident("gas cloud over Kluuvi", "op").incident_id
    shelter = city.scenario.shelters[0].id
    evacuation = {"plan_evacuation": {"assignments": [{"shelter_id": shelter, "people": 300}]}}
    assistant.approve_plan(_saved(store, "PLAN-RVA-EVAC", incident, evacuation), "op")
    assert _held(assistant) == {shelter: 300}
    # the next report's plan: units and a cordon, nobody moved
    assistant.approve_plan(_saved(store, "PLAN-RVA-UPDATE", incident, {"plan_dispatch": {"assignments": []}}), "op")
    assert _held(assistant) == {shelter: 300}, "the evacuees are still in the shelter"
    # a re-plan of the evacuation itself replaces the places held
    replan = {"plan_evacuation": {"assignments": [{"shelter_id": shelter, "people": 120}]}}
    assistant.approve_plan(_saved(store, "PLAN-RVA-REPLAN", incident, replan), "op")
    assert _held(assistant) == {shelter: 120}


def test_a_building_evacuation_taken_indoors_holds_its_places(make_assistant, restore_units, city):
    assistant = make_assistant()
    store = assistant._store
    incident = store.create_incident("care home fire", "op").incident_id
    shelter = city.scenario.shelters[1].id
    indoors = {"plan_protective_action": {"primary": "evacuate_building", "shelters": [{"shelter_id": shelter, "name": "x", "people": 40}]}}
    assistant.approve_plan(_saved(store, "PLAN-RVA-CARE", incident, indoors), "op")
    assert _held(assistant) == {shelter: 40}


@pytest.mark.parametrize("report", ["Smoke in the nursing home at Fredrikinkatu 20, the residents are mostly bedridden, it is 2 am",
                                    "Fredrikinkatu 20 的养老院着火了，很多卧床的老人"])
def test_the_indoor_refuge_takes_only_the_places_left(city, report):
    from tools.protective import plan_protective_action

    free = plan_protective_action(city, report, "fire")
    used = {s["shelter_id"] for s in free.shelters}
    assert used, free.shelters
    city.set_shelter_loads({"INC-ELSEWHERE": {s.id: s.capacity for s in city.scenario.shelters if s.id in used}})
    again = plan_protective_action(city, report, "fire")
    assert not {s["shelter_id"] for s in again.shelters} & used, again.shelters
    # the incident's own places are its own: a re-plan of it may use them
    city.set_shelter_loads({"INC-SELF": {s.id: s.capacity for s in city.scenario.shelters if s.id in used}})
    replanned = plan_protective_action(city, report, "fire", for_incident="INC-SELF")
    assert {s["shelter_id"] for s in replanned.shelters} == used


def _chat_in(assistant, order: str, incident_id: str) -> ResponsePlan:
    events = list(assistant.chat(order, incident_id))
    plan = next(e.plan for e in events if e.kind == "final")
    assert plan is not None and plan.incident_id == incident_id and "plan_evacuation" in plan.tool_outputs, order
    return plan


def test_a_chat_replan_of_an_incident_counts_its_own_places_as_free(make_assistant, restore_units):
    """(engineers' own doubt in s15-tfa) The chat's evacuation tool planned with no incident: re-planning an incident's
    evacuation counted the places it holds as taken, and said its own shelters were full."""
    assistant = make_assistant()
    incident = assistant.open_incident("gas cloud over Kluuvi", "op").incident_id
    first = _chat_in(assistant, "evacuate the whole of Kluuvi, the gas cloud is drifting over it", incident)
    assistant.approve_plan(first.plan_id, "op")
    again = _chat_in(assistant, "Kluuvi evacuation again please, the cloud is still growing", incident)
    said = " ".join(again.tool_outputs["plan_evacuation"]["warnings"])
    assert "full (approved evacuations" not in said, said
    assert again.tool_outputs["plan_evacuation"]["unserved_people"] <= first.tool_outputs["plan_evacuation"]["unserved_people"]
