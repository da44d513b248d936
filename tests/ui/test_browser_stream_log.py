"""Finding 11 of session 14's trial in a real browser: after a monitor in another process stored its clusters, the
Command centre's sitrep and the Situation tab name the same candidate, and the tab opens an incident from it.
Screenshot: test-artifacts/ui-stream-log.png."""

from __future__ import annotations

import pytest

from tests.ui.conftest import free_port
from tests.ui.test_situation_from_log import _another_process_monitored

pytestmark = pytest.mark.slow


def test_the_sitrep_and_the_situation_tab_show_the_stored_stream_alike(ui_settings, triage_model, retriever, city,
                                                                         browser, artifacts_dir, tmp_path) -> None:
    from agent.assistant import Assistant
    from agent.backends import build_backend
    from agent.situation import Situation as Sitrep
    from agent.store import IncidentStore
    from ui.app import launch
    from ui.situation_tab import Situation

    store = IncidentStore(tmp_path / "incidents.sqlite")
    _another_process_monitored(store)
    cid = Sitrep(store, None).stream_candidates()[0].cluster_id
    assistant = Assistant(ui_settings, triage=triage_model, retriever=retriever, city=city,
                          backend=build_backend(ui_settings), store=store, restore_units=False)
    tab = Situation(lambda: (_ for _ in ()).throw(AssertionError("no monitor in the UI process")), store=store)
    running = launch(ui_settings, assistant, host="127.0.0.1", port=free_port(), block=False, situation=tab)
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    try:
        page = context.new_page()
        page.set_default_timeout(60_000)
        page.goto(running.url, wait_until="load")
        page.wait_for_function(f"() => (document.querySelector('#sitrep')||{{}}).innerText?.includes('Stream candidate {cid}')")
        page.get_by_role("tab", name="Situation").click()
        page.wait_for_function(f"() => (document.querySelector('#situation-clusters')||{{}}).innerText?.includes('{cid}')")
        assert "idle" not in page.locator("[data-testid=situation-status]").inner_text()
        box = page.locator("#situation-choice input")
        box.click()
        page.locator(f"#{box.get_attribute('aria-controls')} li[role=option]").first.click()
        page.click("#situation-open")
        page.wait_for_function("document.querySelector('[data-testid=situation-status]').innerText.includes('opened from')")
        page.screenshot(path=str(artifacts_dir / "ui-stream-log.png"), full_page=True)
        incident_id = page.locator("[data-testid=situation-status]").inner_text().split()[1]
        assert len(store.stream_reports(incident_id=incident_id)) == 3
        assert Sitrep(store, None).stream_candidates() == []
    finally:
        context.close()
        running.close()
