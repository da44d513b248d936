"""Who did it: every event in the incident log names the logged-in operator, whichever door the action used.

The real app on loopback with a login (ECA_UI_USERNAME / ECA_UI_PASSWORD), its own incident log,
driven through the JSON API (``gradio_client`` logged in) and through the page (Chromium logged in).
"""

from __future__ import annotations

import os

import pytest

pytestmark = pytest.mark.slow
os.environ.setdefault("HF_HUB_OFFLINE", "1")

USER, PASSWORD = "dispatcher-ann", "correct horse battery"


@pytest.fixture()
def logged_in_app(base_settings, triage_model, retriever, city, tmp_path, loopback_port):
    from agent.assistant import Assistant
    from agent.backends import build_backend
    from agent.store import IncidentStore
    from core.settings import Settings
    from ui.app import launch

    with pytest.MonkeyPatch.context() as env:  # configured the way an operator configures it
        env.setenv("ECA_UI_USERNAME", USER)
        env.setenv("ECA_UI_PASSWORD", PASSWORD)
        env.setenv("ECA_LLM_BACKEND", "none")
        env.setenv("ECA_OPERATOR", "operator")
        settings = Settings(data_dir=base_settings.data_dir)
    assert settings.ui_username == USER
    store = IncidentStore(tmp_path / "incidents.sqlite")
    assistant = Assistant(settings, triage=triage_model, retriever=retriever, city=city,
                          backend=build_backend(settings), store=store)
    running = launch(settings, assistant, host="127.0.0.1", port=loopback_port, block=False)
    yield running, assistant, store
    running.close()


def test_api_and_page_actions_are_logged_under_the_logged_in_name(logged_in_app, browser) -> None:
    from gradio_client import Client

    running, assistant, store = logged_in_app
    client = Client(running.url, auth=(USER, PASSWORD), verbose=False)
    triaged = client.predict("Fire in a residential building at Kamppi, residents need evacuation", "", api_name="/triage")
    incident_id = triaged["incident_id"]
    client.predict(triaged["report_id"], False, "fire", "P1", api_name="/correct_triage")
    plan = client.predict("Fire in a residential building at Kamppi, residents need evacuation", incident_id, api_name="/plan")
    client.predict(plan["plan_id"], api_name="/approve_plan")
    reply = client.predict("evacuate Kamppi, where do people go?", incident_id, api_name="/chat")
    assert reply["plan_id"] and not reply["errors"]

    _page_triage(browser, running.url)

    events = store.events()
    kinds = {e.kind for e in events}
    assert {"incident_created", "report", "triage", "triage_decision", "plan", "plan_approved", "tool_call"} <= kinds
    assert len({e.incident_id for e in events}) >= 2  # the API's incident and the page's
    generic = [(e.kind, e.operator) for e in events if e.operator != USER]
    assert generic == [], f"events logged under a generic operator: {generic}"


def _page_triage(browser, url: str) -> None:
    """Log in on the page like an operator, triage a report there and accept the triage."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_default_timeout(60_000)
        page.goto(url, wait_until="load")
        page.get_by_label("username").fill(USER)
        page.get_by_label("password").fill(PASSWORD)
        page.get_by_role("button", name="Login").click()
        page.wait_for_selector("[data-testid=status]")
        page.fill("#report textarea", "Car crash on Mannerheimintie, two injured")
        page.click("#triage-btn")
        page.wait_for_selector("[data-testid=triage-result]")
        page.click("#accept-btn")
        page.wait_for_selector(".eca-decision")
    finally:
        context.close()
