"""A building evacuation from the chat (trial 18 H7): "Evacuate the building at Kaisaniemenkatu 5, roof gone, rain coming
in, about 390 residents need a shelter for the night" was planned over three districts with hazard 'unspecified' (538
people, 296 of them sent to Helsingin kaupungintalo, which the scenario marks unsuitable in severe weather); with the
incident's hazard it moved 6,329 people; "approve the evacuation plan" made a new district evacuation instead of
proposing the approval.  The building's occupants move (the number given, or the estimate the response plan computed),
with the hazard of the incident there, to shelters suitable for it."""

from __future__ import annotations

import pytest

ROOF = "Roof blown off the apartment block at Kaisaniemenkatu 5 in the storm, residents must leave, rain pouring into the flats"
HOAX = "Twitter: the whole Senate Square is under 2 metres of water #myrsky"


def _final(assistant, text, incident, session=()):
    return list(assistant.chat(text, incident, session_incidents=tuple(session)))[-1]


def _unsuitable(city, hazard: str) -> set[str]:
    return {s.id for s in city.scenario.shelters if hazard in s.unsuitable_for}


@pytest.mark.parametrize("order", [
    "Evacuate the building at Kaisaniemenkatu 5, roof gone, rain coming in, about 390 residents need a shelter for the night",
    "evacuate the apartment block at Kaisaniemenkatu 5 - 390 people need somewhere to sleep",
    "Evakuoi talo Kaisaniemenkatu 5, katto lähti myrskyssä, noin 390 asukasta tarvitsee yösijan",
    "疏散Kaisaniemenkatu 5这栋楼，屋顶被风刮走了，约390名居民需要过夜的避难所",
])
def test_the_buildings_occupants_move_with_the_incidents_hazard(make_assistant, city, order):
    assistant = make_assistant()
    roof = assistant.plan(ROOF, narrative=False)
    other = assistant.plan(HOAX, narrative=False).incident_id  # the session is on another incident, as in the trial
    reply = _final(assistant, order, other, (roof.incident_id, other))
    evacuation = reply.plan.tool_outputs["plan_evacuation"]
    assert evacuation["total_people"] == 390, reply.text
    hazard = evacuation["hazard"]["hazard_type"]
    assert hazard != "unspecified"
    used = {a["shelter_id"] for a in evacuation["assignments"]}
    assert used and not used & _unsuitable(city, hazard)
    assert "SH-KAISATALO" not in used  # the building itself is a shelter of the scenario: nobody is sent into it


def test_in_a_storm_the_city_hall_is_not_used(make_assistant, city):
    assistant = make_assistant()
    reply = _final(assistant, "Evacuate the building at Kaisaniemenkatu 5, the storm took the roof, 390 residents need a shelter",
                   None)
    evacuation = reply.plan.tool_outputs["plan_evacuation"]
    assert evacuation["hazard"]["hazard_type"] == "severe_weather" and evacuation["total_people"] == 390
    assert "SH-KAUPUNGINTALO" not in {a["shelter_id"] for a in evacuation["assignments"]}
    assert all("Kaisaniemenkatu 5" in g["name"] for g in evacuation["groups"])  # the building, not a district


def test_without_a_number_the_plans_building_estimate_moves(make_assistant):
    assistant = make_assistant()
    roof = assistant.plan(ROOF, narrative=False)
    protective = roof.tool_outputs.get("plan_protective_action") or {}
    if protective.get("primary") != "evacuate_building":
        pytest.skip("the quick triage model planned no building evacuation for the report")
    reply = _final(assistant, "evacuate the building at Kaisaniemenkatu 5", roof.incident_id, (roof.incident_id,))
    assert reply.plan.tool_outputs["plan_evacuation"]["total_people"] == protective["people_moved"]


def test_an_area_order_is_still_an_area(make_assistant):
    assistant = make_assistant()
    roof = assistant.plan(ROOF, narrative=False)
    reply = _final(assistant, "evacuate 300 m around Kaisaniemenkatu 5", roof.incident_id, (roof.incident_id,))
    assert reply.plan.tool_outputs["plan_evacuation"]["total_people"] > 390


@pytest.mark.parametrize("order", ["approve the evacuation plan", "hyväksy evakuointisuunnitelma", "godkänn evakueringsplanen",
                                   "批准疏散方案"])
def test_approve_the_evacuation_plan_of_the_response_plan_proposes_its_approval(make_assistant, order):
    assistant = make_assistant()
    roof = assistant.plan(ROOF, narrative=False)
    protective = roof.tool_outputs.get("plan_protective_action") or {}
    if protective.get("primary") not in ("evacuate_building", "evacuate_area"):
        pytest.skip("the quick triage model planned no evacuation for the report")
    plans_before = len(assistant._store.plans(roof.incident_id))
    reply = _final(assistant, order, roof.incident_id, (roof.incident_id,))
    [proposal] = reply.proposals
    assert proposal.action == "approve_plan" and proposal.args["plan_id"] == roof.plan_id
    assert len(assistant._store.plans(roof.incident_id)) == plans_before  # no new evacuation planned
