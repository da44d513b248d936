"""Trial s20 H2: carbon monoxide from a generator run indoors, the family ill, a child who cannot be woken, was filed
medical at P2 with one ambulance and "no evacuation, shelter in place".

The report's words decide what the model may miss: carbon monoxide named or told by its source (a generator, a charcoal
grill, a brazier burning indoors, beside people with symptoms) is a hazmat incident; someone who cannot be woken is P1
whatever the model's priority (the P1 label: an immediate threat to life); the building is evacuated and ventilated;
the unconscious person has an ambulance of their own and the rest of the household another. English, Chinese and
Finnish, a generator and a charcoal grill or brazier."""

from __future__ import annotations

import pytest

from agent.hazards import reconciled_triage

CO_REPORTS = [
    "我们家停电了，在厨房里开着汽油发电机取暖，现在全家都头疼恶心，孩子叫不醒，地址 Vuorikatu 8",
    "Power's out so we ran the petrol generator in the kitchen to keep warm, now we all have headaches and feel sick and my son won't wake up, Vuorikatu 8",
    "We lit a charcoal grill in the living room to keep warm, my wife is dizzy and vomiting and the baby is unresponsive, Annankatu 12",
    "屋里点了炭盆取暖，老人头晕呕吐，现在叫不醒了，Annankatu 12",
    "Sähköt poikki, aggregaatti käy sisällä keittiössä, kaikilla päänsärkyä ja pahoinvointia, lapsi ei herää, Vuorikatu 8",
]


def _read_as(triage_model, text: str, incident_type: str, priority: str):
    """The real model's outcome for ``text``, set to the reading the trial's model gave (medical or an outage, P2)."""
    outcome = triage_model.predict([text])[0]
    return outcome.model_copy(update={"incident_type": incident_type, "priority": priority})


@pytest.mark.parametrize("text", CO_REPORTS)
@pytest.mark.parametrize("model_type", ["medical", "utility_outage"])
def test_carbon_monoxide_with_someone_unrousable_is_p1_hazmat_whatever_the_model_says(triage_model, text, model_type):
    out = reconciled_triage(_read_as(triage_model, text, model_type, "P2"), text)
    assert (out.incident_type, out.priority) == ("hazmat", "P1")


@pytest.mark.parametrize("text", [
    "He fainted in the shop but he has come round and is talking now, Mannerheimintie 5",
    "停电了，发电机坏了，爷爷的制氧机停了，他现在胸闷，Annankatu 12",   # the generator broken, not burning: no gas
    "Grandma is dizzy, the generator failed an hour ago and the flat is cold, Annankatu 12",
])
def test_no_one_unrousable_and_no_burning_source_keeps_the_models_reading(triage_model, text):
    out = reconciled_triage(_read_as(triage_model, text, "medical", "P2"), text)
    assert out.incident_type != "hazmat"  # the outage's words may retype it; no gas is read
    if "come round" in text:
        assert out.priority == "P2"


def test_a_fire_with_headaches_stays_a_fire(triage_model):
    text = "Fire in the kitchen at Annankatu 12, smoke everywhere, we all have headaches"
    out = reconciled_triage(_read_as(triage_model, text, "fire", "P2"), text)
    assert out.incident_type == "fire"


@pytest.mark.parametrize("text", CO_REPORTS[:4])
def test_the_plan_evacuates_and_ventilates_and_sends_an_ambulance_per_patient(make_assistant, text):
    """Several people ill (a family, "we all", a wife and a baby): the unrousable one has an ambulance of their own, the
    others another; the brazier's one old man has one."""
    plan = make_assistant().plan(text, narrative=False)
    assert (plan.triage.incident_type, plan.triage.priority) == ("hazmat", "P1")
    evacuation = " ".join(item.text for item in plan.evacuation)
    assert "rule H2" in evacuation and "ventilate" in evacuation and "carbon monoxide" in evacuation
    assert "No evacuation" not in evacuation and "shelter in place" not in evacuation.lower()
    dispatch = plan.tool_outputs["plan_dispatch"]
    ambulances = sum(1 for a in dispatch["assignments"] if a["unit_type"] == "ambulance") \
        + sum(s["missing"] for s in dispatch["shortfalls"] if s["unit_type"] == "ambulance")
    assert ambulances >= (1 if "老人" in text else 2), [(a["unit_id"], a["reason"]) for a in dispatch["assignments"]]


def test_the_chat_files_the_trial_report_as_p1_hazmat_with_an_evacuation(make_assistant, chat_turn):
    """The trial's own turn, through the chat (router, filing, plan) as the operator typed it in a fresh session."""
    reply = chat_turn(make_assistant(), CO_REPORTS[0], None)
    plan = reply.plan
    assert plan is not None and (plan.triage.incident_type, plan.triage.priority) == ("hazmat", "P1")
    evacuation = " ".join(item.text for item in plan.evacuation)
    assert "rule H2" in evacuation and "ventilate" in evacuation
