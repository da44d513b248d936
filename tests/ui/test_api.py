"""The app's named API endpoints through ``gradio_client`` (the same served app as the browser tests)."""

from __future__ import annotations

import os

import pytest

from core.vocabulary import INCIDENT_TYPES, PRIORITIES

pytestmark = pytest.mark.slow
os.environ.setdefault("HF_HUB_OFFLINE", "1")  # gradio_client must not phone a hub either

ENDPOINTS = {"/triage", "/correct_triage", "/plan", "/approve_plan", "/chat", "/status", "/incidents", "/incident_log",
             "/monitor_intake", "/monitor_snapshot", "/sitrep", "/proposals", "/confirm_proposal", "/reject_proposal"}


@pytest.fixture(scope="module")
def client(ui_server):
    from gradio_client import Client

    return Client(ui_server.url, verbose=False)


def test_endpoints_are_named_and_ui_handlers_are_private(client) -> None:
    named = set(client.view_api(print_info=False, return_format="dict")["named_endpoints"])
    assert named == ENDPOINTS


def test_status(client) -> None:
    status = client.predict(api_name="/status")
    assert {"llm_backend", "llm_reachable", "triage_model_version", "kb_documents"} <= set(status)
    assert status["kb_documents"] > 0 and status["triage_model_version"]


def test_triage_correct_and_log_round_trip(client, ui_assistant) -> None:
    result = client.predict("Man collapsed at the Kluuvikatu bus stop, not breathing", "", api_name="/triage")
    assert result["triage"]["incident_type"] in INCIDENT_TYPES and result["triage"]["priority"] in PRIORITIES
    incident_id, report_id = result["incident_id"], result["report_id"]
    assert any(i["incident_id"] == incident_id for i in client.predict(api_name="/incidents"))

    client.predict(report_id, False, "medical", "P1", api_name="/correct_triage")
    log = client.predict(incident_id, api_name="/incident_log")
    decision = [e for e in log if e["kind"] == "triage_decision"][-1]
    assert decision["payload"]["incident_type"] == "medical" and decision["payload"]["priority"] == "P1"
    assert decision["payload"]["accepted"] is False


def test_plan_then_approve(client, ui_assistant) -> None:
    plan = client.predict("Fire in a residential building at Kamppi, residents need evacuation", "", api_name="/plan")
    assert plan["plan_id"] and plan["geojson"]["type"] == "FeatureCollection"
    assert plan["citations"], "a plan must cite plan passages"
    approved = client.predict(plan["plan_id"], api_name="/approve_plan")
    assert approved["approved_by"]
    # approval dispatches nobody: the API says what became of the plan's units, as the page's notice does
    assert approved["dispatch"].startswith(f"Plan {plan['plan_id']} approved under INC-") and ("No unit is dispatched" in approved["dispatch"]
                                                                  or "not dispatched yet: confirm PRO-" in approved["dispatch"])
    assert ui_assistant.plan_approval(plan["plan_id"]) is not None


def test_bad_input_is_a_clear_error(client) -> None:
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match="empty"):
        client.predict("   ", "", api_name="/triage")
    with pytest.raises(AppError, match="limit"):
        client.predict("y" * 300_000, "", api_name="/triage")  # past the 250,000 a paste may be (agent.long_message)
    with pytest.raises(AppError, match="no incident"):
        client.predict("INC-NOPE", api_name="/incident_log")


def test_chat_returns_the_answer_with_its_tool_steps_and_plan(client, ui_assistant) -> None:
    incident_id = client.predict("Fire at Kamppi, smoke in the stairwell", "", api_name="/triage")["incident_id"]
    reply = client.predict("evacuate Kamppi, where do people go?", incident_id, api_name="/chat")
    assert reply["text"].strip() and not reply["errors"]
    assert any(step["name"] == "plan_evacuation" for step in reply["steps"])
    assert reply["plan_id"] and ui_assistant.latest_plan(incident_id).plan_id == reply["plan_id"]
    history = ui_assistant.chat_history(incident_id)
    assert [m["role"] for m in history[-2:]] == ["user", "assistant"]


def test_proposal_round_trip_changes_state_only_when_confirmed(client, ui_assistant) -> None:
    before = ui_assistant.unit_statuses()["HAK-P1"]
    incident = ui_assistant.open_incident("api proposals", "op").incident_id
    try:
        reply = client.predict("HAK-P1 is out of service, radio broken", incident, api_name="/chat")
        assert [s["name"] for s in reply["steps"]] == ["set_unit_status"]
        assert ui_assistant.unit_statuses()["HAK-P1"] == before
        [pending] = client.predict(incident, api_name="/proposals")
        rejected = client.predict(pending["proposal_id"], api_name="/reject_proposal")
        assert rejected["state"] == "rejected" and ui_assistant.unit_statuses()["HAK-P1"] == before
        reply = client.predict("HAK-P1 is out of service, radio broken", incident, api_name="/chat")
        [pending] = client.predict(incident, api_name="/proposals")
        assert client.predict(pending["proposal_id"], api_name="/confirm_proposal")["state"] == "confirmed"
        assert ui_assistant.unit_statuses()["HAK-P1"] == "out_of_service"
        sitrep = client.predict(api_name="/sitrep")
        assert any(u["unit_id"] == "HAK-P1" and u["status"] == "out_of_service" for u in sitrep["board"]["units"])
    finally:
        ui_assistant._city.set_unit_status("HAK-P1", before)
