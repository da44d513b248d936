"""Trial 17 T38/T41: an evacuation order on the gas-alarm incident takes its hazard from the message or the incident
(it was planned 'unspecified', and 3,000 people went to the railway station the hazmat annex forbids), honours the
shelters the operator rules out ("not the railway station"), and a question about the plan is answered from the plan
there is, its approval proposed (a new default plan replaced it)."""

from __future__ import annotations

import pytest

ALERT = ("[SENSOR ALERT] HSY gas detector GD-9 at Kamppi metro station, platform level: H2S 52 ppm and rising. "
         "Ventilation fault. Auto-timestamp 19:05.")


@pytest.mark.parametrize(("text", "ruled_out"), [
    ("Evacuate 300 m around the Kamppi metro station, use shelters with room, not the railway station.", ["SH-RAUTATIEASEMA"]),
    ("Plan it again, 300 m around Kamppi, and do NOT use Helsingin päärautatieasema.", ["SH-RAUTATIEASEMA"]),
    ("Evacuate 200 m around Kluuvi, avoid Oodi and Kaisa-talo", ["SH-OODI", "SH-KAISATALO"]),
    ("疏散坎皮周围300米，不要用火车站", ["SH-RAUTATIEASEMA"]),
    ("Evacuate Kamppi now, not later", []),
    ("evacuate 300 m around Kamppi, not the hazard area, without delay", []),
])
def test_the_shelters_an_order_rules_out_are_read(city, text, ruled_out):
    from agent.shelter_exclusions import excluded_shelters

    assert excluded_shelters(text, city) == ruled_out


@pytest.fixture
def assistant(make_assistant):
    return make_assistant()


def _gas_incident(assistant):
    incident = assistant.open_incident("chat", "op").incident_id
    list(assistant.chat(ALERT, incident))
    return incident


def _evacuation(reply) -> dict:
    assert reply.plan is not None, reply.text
    return reply.plan.tool_outputs["plan_evacuation"]


@pytest.mark.parametrize(("order", "unused"), [
    ("H2S now 120 ppm and spreading up to street level per HSY. Evacuate 300 m around the Kamppi metro station, use "
     "shelters with room, not the railway station.", {"SH-RAUTATIEASEMA"}),
    ("Evacuate 300 m around the Kamppi metro station, avoid Oodi.", {"SH-OODI", "SH-RAUTATIEASEMA"}),
    ("疏散Kamppi地铁站周围300米，不要用火车站。", {"SH-RAUTATIEASEMA"}),
])
def test_an_evacuation_on_the_gas_incident_is_hazmat_and_keeps_out_the_shelters_ruled_out(assistant, restore_units, order, unused):
    incident = _gas_incident(assistant)
    plan = _evacuation(list(assistant.chat(order, incident))[-1])
    assert plan["hazard"]["hazard_type"] == "hazmat"
    used = {a["shelter_id"] for a in plan["assignments"]}
    assert used and not used & unused, used


def test_a_question_about_the_plan_is_answered_from_it_and_its_approval_proposed(assistant, restore_units):
    incident = _gas_incident(assistant)
    first = list(assistant.chat("Evacuate 300 m around the Kamppi metro station, not the railway station.", incident))[-1]
    plan_id = first.plan.plan_id
    reply = list(assistant.chat("Where do the vulnerable people from Kamppi go in that plan? Approve the evacuation plan.",
                                incident))[-1]
    assert reply.plan is None or reply.plan.plan_id == plan_id  # no new plan replaces it
    assert assistant._store.latest_plan(incident).plan_id == plan_id
    assert plan_id in reply.text and "vulnerable" in reply.text, reply.text
    assert [(p.action, p.args["plan_id"]) for p in reply.proposals] == [("approve_plan", plan_id)], reply.text
    assert assistant._store.plan_approval(plan_id) is None  # nothing approved before the confirmation
    assistant.confirm_proposal(reply.proposals[0].proposal_id)
    assert assistant._store.plan_approval(plan_id) is not None


@pytest.mark.parametrize("text", ["那个疏散方案里行动不便的人去哪里？批准这个疏散方案。", "approve the evacuation plan"])
def test_approving_the_existing_plan_is_proposed_in_other_words(assistant, restore_units, text):
    incident = _gas_incident(assistant)
    plan_id = list(assistant.chat("Evacuate 300 m around the Kamppi metro station.", incident))[-1].plan.plan_id
    reply = list(assistant.chat(text, incident))[-1]
    assert [(p.action, p.args["plan_id"]) for p in reply.proposals] == [("approve_plan", plan_id)], reply.text
    assert assistant._store.latest_plan(incident).plan_id == plan_id


@pytest.mark.parametrize(("text", "question", "approve"), [
    ("Where do the 300 vulnerable people from Kamppi go in that plan? Approve the evacuation plan.", True, True),
    ("那个疏散方案里行动不便的人去哪里？批准这个疏散方案。", True, True),
    ("How many people have no place in the plan?", True, False),
    ("approve the evacuation plan", False, True),
])
def test_a_message_about_the_existing_plan_is_read(text, question, approve):
    from agent.plan_reference import plan_reference

    ref = plan_reference(text)
    assert ref is not None and bool(ref.question) is question and ref.approve is approve


@pytest.mark.parametrize("text", ["Evacuate 500 m around Kamppi and approve the plan", "Which units are in that plan?",
                                  "Where is the fire?", "Evacuate 300 m around Kamppi, not the railway station."])
def test_an_order_or_another_question_is_not_read_as_about_the_plan(text):
    from agent.plan_reference import plan_reference

    assert plan_reference(text) is None
