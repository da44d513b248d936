"""An approved evacuation holds its shelter places in the record: the shelter occupancy shows them, the next evacuation
plan fills only what is left (and says which shelter is full), and the approval notice says what was approved.  An
evacuation asked for in a chat with no incident is filed under a new incident when approved (trial s15 #1: such plans
were "approved" but held no place, and one 800-place shelter was handed out three times)."""

from __future__ import annotations

import pytest


def _evacuation_plan(assistant, order: str, expect_assignments: bool = True):
    """The plan a chat turn with no incident makes for ``order`` (an area evacuation)."""
    events = list(assistant.chat(order, None))
    plan = next(e.plan for e in events if e.kind == "final")
    assert plan is not None and plan.incident_id is None
    assert "plan_evacuation" in plan.tool_outputs, "the evacuation plan must carry its assignments"
    assert plan.tool_outputs["plan_evacuation"]["assignments"] or not expect_assignments
    return plan


def _loads(plan) -> dict[str, int]:
    out: dict[str, int] = {}
    for a in plan.tool_outputs["plan_evacuation"]["assignments"]:
        out[a["shelter_id"]] = out.get(a["shelter_id"], 0) + a["people"]
    return out


@pytest.mark.parametrize("order", ["We have to clear everyone out of Kamppi right now, fire spreading",
                                   "立即疏散坎皮（Kamppi）地区的所有人"])
def test_approving_a_chat_evacuation_reserves_its_shelter_places(make_assistant, restore_units, order):
    assistant = make_assistant()
    plan = _evacuation_plan(assistant, order)
    approval = assistant.approve_plan(plan.plan_id, "chief")
    assert approval is not None and approval[0] == "chief"
    incident_id = assistant.plan_incident(plan.plan_id)
    assert incident_id and incident_id in [i.incident_id for i in assistant.incidents()]
    held = {r.shelter_id: r.assigned for r in assistant.shelter_occupancy() if r.assigned}
    assert held == _loads(plan)
    said = assistant.propose_plan_dispatch(plan.plan_id, "chief")
    assert f"approved under {incident_id}" in said and "Shelter places reserved" in said
    assert "Plan approved." not in said


def test_the_next_evacuation_uses_what_is_left_and_names_a_full_shelter(make_assistant, restore_units, city):
    assistant = make_assistant()
    first = _evacuation_plan(assistant, "evacuate the whole of Kluuvi, a gas cloud is drifting over it")
    assistant.approve_plan(first.plan_id)
    second = _evacuation_plan(assistant, "Kluuvi must be evacuated as well, gas leak spreading", expect_assignments=False)
    capacity = {s.id: s.capacity for s in city.scenario.shelters}
    first_loads, second_loads = _loads(first), _loads(second)
    assert all(first_loads.get(s, 0) + second_loads.get(s, 0) <= capacity[s] for s in capacity), \
        f"a shelter was handed out beyond its capacity: {first_loads} + {second_loads}"
    full = [s.name for s in city.scenario.shelters if first_loads.get(s.id, 0) >= s.capacity]
    assert full
    warnings = " ".join(second.tool_outputs["plan_evacuation"]["warnings"])
    assert all(f"{name} (full" in warnings for name in full)


def test_closing_the_incident_frees_its_places_for_the_next_plan(make_assistant, restore_units):
    assistant = make_assistant()
    plan = _evacuation_plan(assistant, "get all the people out of Kaartinkaupunki, chemical smell everywhere")
    assistant.approve_plan(plan.plan_id)
    assert any(r.assigned for r in assistant.shelter_occupancy())
    assistant._store.close_incident(assistant.plan_incident(plan.plan_id), "op")
    assert not any(r.assigned for r in assistant.shelter_occupancy())
    again = _evacuation_plan(assistant, "get all the people out of Kaartinkaupunki, chemical smell everywhere")
    assert _loads(again) == _loads(plan)
