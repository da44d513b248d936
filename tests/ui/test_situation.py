"""The Situation tab in a real browser, fed through the real HTTP intake endpoint (gradio_client), on the session's
quick triage model and the real Helsinki gazetteer; the chat tab stays usable while the monitor works."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from tests.ui.conftest import free_port

T0 = 1_764_511_200.0  # 2026-11-30 14:00 UTC
FOREST = [
    {"text": "Fire in a restaurant kitchen at Forum shopping centre, smoke in the mall", "source": "call", "timestamp": T0},
    {"text": "Smoke everywhere inside Forum, shops are being evacuated", "source": "social", "timestamp": T0 + 60},
    {"text": "Forum shopping centre on fire, people coming out coughing", "source": "call", "timestamp": T0 + 120},
    {"text": "Flames seen from the Forum roof, fire alarm ringing", "source": "social", "timestamp": T0 + 150},
    {"text": "", "source": "call", "timestamp": T0 + 160},
]


@contextmanager
def _situation_page(browser, url: str) -> Iterator:
    """A fresh browser page on the Situation tab."""
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    try:
        page = context.new_page()
        page.set_default_timeout(60_000)
        page.goto(url, wait_until="load")
        page.get_by_role("tab", name="Situation").click()
        yield page
    finally:
        context.close()


@pytest.fixture(scope="module")
def situation_server(ui_settings, ui_assistant, triage_model, city, tmp_path_factory) -> Iterator:
    from agent.monitor.pipeline import MonitorPipeline
    from agent.monitor.places import PlaceResolver
    from agent.store import IncidentStore
    from ui.app import launch
    from ui.situation_tab import Situation

    store = IncidentStore(tmp_path_factory.mktemp("situation") / "incidents.sqlite")
    situation = Situation(lambda: MonitorPipeline(triage_model, places=PlaceResolver.from_city(city), store=store))
    running = launch(ui_settings, ui_assistant, host="127.0.0.1", port=free_port(), block=False, situation=situation)
    yield running, situation, store
    running.close()


def test_pushed_reports_become_an_emerging_cluster_and_an_incident(situation_server, browser, artifacts_dir) -> None:
    from gradio_client import Client

    running, situation, store = situation_server
    answer = Client(running.url, verbose=False).predict(FOREST, api_name="/monitor_intake")
    assert answer["accepted"] == 4 and answer["rejected"][0]["reason"] == "empty_text"
    deadline = time.monotonic() + 120
    while (situation.snapshot() or {}).get("processed", 0) < 4 and time.monotonic() < deadline:
        time.sleep(0.5)
    with _situation_page(browser, running.url) as page:
        page.wait_for_function("document.querySelector('#situation-clusters') && "
                               "document.querySelector('#situation-clusters').innerText.includes('Forum')")
        assert "New incident" in page.locator("#situation-alerts").inner_text()
        assert "4 reports processed" in page.locator("[data-testid=situation-status]").inner_text()
        box = page.locator("#situation-choice input")
        box.click()
        page.locator(f"#{box.get_attribute('aria-controls')} li[role=option]").first.click()
        page.wait_for_selector("[data-testid=cluster-reports]")
        assert "same place" in page.locator("[data-testid=cluster-reports]").inner_text()
        page.click("#situation-open")
        page.wait_for_function("document.querySelector('[data-testid=situation-status]').innerText.includes('opened from')")
        page.screenshot(path=str(artifacts_dir / "ui-situation.png"), full_page=True)
        incident_id = page.locator("[data-testid=situation-status]").inner_text().split()[1]
        assert len(store.stream_reports(incident_id=incident_id)) == 4
        # the command-centre tab is still there and answers while the monitor runs
        page.get_by_role("tab", name="Command centre").click()
        page.fill("#report textarea", "Car crashed into a tram stop on Mannerheimintie, two injured")
        page.click("#triage-btn")
        page.wait_for_selector("[data-testid=triage-result]")


def test_an_untriaged_report_in_the_log_is_listed_and_marked_read_in_the_browser(situation_server, browser) -> None:
    """An untriaged report already in the incident log (say, from before a restart) is listed on the tab; the operator
    picks it, gives it a type and priority, and "Mark read / triaged" records it and takes it off the list."""
    from gradio_client import Client

    running, situation, store = situation_server
    if situation.pipeline is None:  # this test alone: start the monitor with one report
        Client(running.url, verbose=False).predict(FOREST[:1], api_name="/monitor_intake")
        deadline = time.monotonic() + 120
        while situation.pipeline is None and time.monotonic() < deadline:
            time.sleep(0.5)
    store.add_stream_reports([{"report_id": "SR-BEFORE-RESTART", "event_time": T0 - 600, "source": "call",
                               "text": "Caller screaming about a man in the water at Kauppatori",
                               "triage": {"state": "untriaged", "incident_type": None, "priority": None},
                               "detail": {"reason": "not triaged: triage failed (see the log); needs a human read"}}])
    with _situation_page(browser, running.url) as page:
        page.wait_for_function("document.querySelector('[data-testid=situation-needs-read]') && document.querySelector("
                               "'[data-testid=situation-needs-read]').innerText.includes('man in the water')")
        box = page.locator("#situation-read-choice input")
        box.click()
        page.locator(f"#{box.get_attribute('aria-controls')} li[role=option]").filter(has_text="SR-BEFORE-RESTART").click()
        page.click("#situation-read")
        page.wait_for_function("document.querySelector('[data-testid=situation-status]').innerText.includes('marked read')")
        page.wait_for_function("!document.querySelector('[data-testid=situation-needs-read]').innerText.includes('man in the water')")
    event = store.events(kind="stream_report_read")[-1]
    assert event.payload["report_id"] == "SR-BEFORE-RESTART" and event.operator


TWO_PLACES = [
    {"text": "Water main burst, the street is flooding outside Hakaniemi market hall", "source": "call", "timestamp": T0 + 3600},
    {"text": "Hakaniemi market hall: water pouring across the square, cars stuck", "source": "social", "timestamp": T0 + 3630},
    {"text": "Tram derailed at Senate Square, passengers hurt", "source": "call", "timestamp": T0 + 3640},
    {"text": "Tram off the rails on Senate Square, people injured inside", "source": "social", "timestamp": T0 + 3660},
]


def _pick(page, selector: str, text: str) -> None:
    box = page.locator(f"{selector} input")
    box.click()
    page.locator(f"#{box.get_attribute('aria-controls')} li[role=option]").filter(has_text=text).first.click()


@pytest.fixture()
def one_log_server(ui_settings, triage_model, retriever, city, tmp_path) -> Iterator:
    """A Situation tab and a command centre on one incident log, as ``eca serve`` builds them (the monitor's log is
    the settings' incident log, the assistant's too)."""
    from agent.assistant import Assistant
    from agent.backends import build_backend
    from agent.monitor.pipeline import MonitorPipeline
    from agent.monitor.places import PlaceResolver
    from agent.store import IncidentStore
    from ui.app import launch
    from ui.situation_tab import Situation

    store = IncidentStore(tmp_path / "incidents.sqlite")
    assistant = Assistant(ui_settings, triage=triage_model, retriever=retriever, city=city,
                          backend=build_backend(ui_settings), store=store)
    situation = Situation(lambda: MonitorPipeline(triage_model, places=PlaceResolver.from_city(city), store=store),
                          store=store)
    running = launch(ui_settings, assistant, host="127.0.0.1", port=free_port(), block=False, situation=situation)
    yield running, situation, store
    running.close()


def test_open_from_a_cluster_says_so_there_and_the_command_centre_follows(one_log_server, browser) -> None:
    """trial s19 L19: "Open incident from this cluster" gave no notice where the operator clicked and left the command
    centre on its old incident; the members panel showed the cluster chosen before."""
    from gradio_client import Client

    running, situation, store = one_log_server
    processed = (situation.snapshot() or {}).get("processed", 0)
    Client(running.url, verbose=False).predict(TWO_PLACES, api_name="/monitor_intake")
    deadline = time.monotonic() + 120
    while (situation.snapshot() or {}).get("processed", 0) < processed + 4 and time.monotonic() < deadline:
        time.sleep(0.5)
    clusters = {c["cluster_id"]: c for c in situation.snapshot()["clusters"]}
    water = next(cid for cid, c in clusters.items() if "Hakaniemi" in c["title"])
    tram = next(cid for cid, c in clusters.items() if "Tram" in c["title"])
    with _situation_page(browser, running.url) as page:
        page.wait_for_function(f"document.querySelector('#situation-clusters').innerText.includes('{tram}')")
        for first, second, words in ((water, tram, "Tram"), (tram, water, "Hakaniemi")):  # the panel follows each pick
            _pick(page, "#situation-choice", first)
            _pick(page, "#situation-choice", second)
            page.wait_for_function("document.querySelector('[data-testid=cluster-reports]') && document.querySelector("
                                   f"'[data-testid=cluster-reports]').innerText.includes('{words}')")
        page.click("#situation-open")
        page.wait_for_selector("[data-testid=situation-open-notice]:has-text('opened from')")
        notice = page.locator("[data-testid=situation-open-notice]").inner_text()
        assert water in notice and "Command centre" in notice
        incident_id = notice.split()[1]
        page.screenshot(path="/tmp/s19-tfe/after_open_cluster.png", full_page=True)
        page.get_by_role("tab", name="Command centre").click()
        page.wait_for_function(f"document.querySelector('#incidents input').value.includes('{incident_id}')")
        page.screenshot(path="/tmp/s19-tfe/centre_follows_opened.png", full_page=True)


HEADLINE = "HUGE EXPLOSION at the grain terminal by the harbour - reports of casualties"
BURST = ["Explosion at the grain terminal by the harbour, smoke everywhere",
         "Grain terminal explosion at the harbour, windows blown out",
         "Another explosion at the harbour grain terminal, people hurt"]


@pytest.fixture()
def headline_server(ui_settings, ui_assistant, tmp_path) -> Iterator:
    """A Situation tab on the social profile whose classifier reads the headline as no incident and the posts after it
    as hazmat (a stand-in: what is tested is the alert's handling, not the model), so the headline raises an
    unconfirmed new-incident alert."""
    from agent.monitor.grouping import GroupingConfig
    from agent.monitor.pipeline import MonitorConfig, MonitorPipeline
    from agent.store import IncidentStore
    from tests.monitor.test_names_and_evidence import Triaged
    from ui.app import launch
    from ui.situation_tab import Situation

    class StandIn:
        def predict(self, texts):
            return [Triaged("not_incident", "P3", 0.7) if t == HEADLINE else Triaged("hazmat", "P2") for t in texts]

    store = IncidentStore(tmp_path / "incidents.sqlite")
    config = MonitorConfig(grouping=GroupingConfig.profile("social"))
    situation = Situation(lambda: MonitorPipeline(StandIn(), store=store, config=config), flush_s=0.1)
    situation.operator = ui_settings.operator  # as Situation.from_settings sets it
    running = launch(ui_settings, ui_assistant, host="127.0.0.1", port=free_port(), block=False, situation=situation)
    yield running, situation, store
    running.close()


def _push_and_wait(running, situation, records: list[dict]) -> None:
    from gradio_client import Client

    before = (situation.snapshot() or {}).get("processed", 0)
    assert Client(running.url, verbose=False).predict(records, api_name="/monitor_intake")["accepted"] == len(records)
    deadline = time.monotonic() + 60
    while (situation.snapshot() or {}).get("processed", 0) < before + len(records) and time.monotonic() < deadline:
        time.sleep(0.2)


def test_an_unconfirmed_alert_is_dismissed_with_a_reason_and_a_later_burst_still_confirms(headline_server, browser,
                                                                                         artifacts_dir) -> None:
    running, situation, store = headline_server
    _push_and_wait(running, situation, [{"text": HEADLINE, "source": "social", "timestamp": T0}])
    with _situation_page(browser, running.url) as page:
        page.wait_for_function("document.querySelector('[data-testid=situation-alerts]') && document.querySelector("
                               "'[data-testid=situation-alerts]').innerText.includes('unconfirmed')")
        page.click("#situation-dismiss")  # nothing chosen: said so, nothing dismissed
        page.wait_for_function("document.querySelector('[data-testid=situation-status]').innerText.includes('Choose an unconfirmed alert')")
        box = page.locator("#situation-dismiss-choice input")
        box.click()
        page.locator(f"#{box.get_attribute('aria-controls')} li[role=option]").filter(has_text="unconfirmed").click()
        page.click("#situation-dismiss")  # no reason: refused
        page.wait_for_function("document.querySelector('[data-testid=situation-status]').innerText.includes('reason is required')")
        assert store.events(kind="alert_dismissed") == []
        page.fill("#situation-dismiss-reason textarea", "an old story: the blast was last year")
        page.click("#situation-dismiss")
        page.wait_for_function("document.querySelector('[data-testid=situation-status]').innerText.includes('dismissed by')")
        page.wait_for_function("!document.querySelector('[data-testid=situation-alerts]').innerText.includes('unconfirmed')")
        assert page.locator("#situation-dismiss-reason textarea").input_value() == ""  # recorded: the box is cleared
        page.screenshot(path=str(artifacts_dir / "ui-situation-dismissed.png"), full_page=True)
        (event,) = store.events(kind="alert_dismissed")
        assert event.operator == "ui-test" and event.created_at
        assert event.payload["reason"] == "an old story: the blast was last year"
        # three posts on the same blast within minutes: the incident is confirmed, and the operator is told
        _push_and_wait(running, situation, [{"text": t, "source": "social", "timestamp": T0 + 60 * (i + 1)}
                                            for i, t in enumerate(BURST)])
        page.wait_for_function("document.querySelector('[data-testid=situation-alerts]').innerText.includes('Incident confirmed "
                               f"{event.payload['cluster_id']}')")
        page.screenshot(path=str(artifacts_dir / "ui-situation-confirmed-after-dismiss.png"), full_page=True)


def test_the_snapshot_api_tells_an_unconfirmed_alert_and_the_tab_says_why_a_dismissal_failed(headline_server) -> None:
    """Programs reading /monitor_snapshot get the 'unconfirmed' flag; a dismissal the incident log cannot record is
    refused with the reason on the status line, and the alert stays (nothing is lost)."""
    import sqlite3

    from gradio_client import Client

    running, situation, store = headline_server
    _push_and_wait(running, situation, [{"text": HEADLINE, "source": "social", "timestamp": T0}])
    snap = Client(running.url, verbose=False).predict(api_name="/monitor_snapshot")
    (alert,) = [a for a in snap["alerts"] if a["kind"] == "emerging"]
    assert alert["unconfirmed"] is True and alert["cluster_id"]

    def full(*_args, **_kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    store.log_event = full
    status, reason = situation.dismiss_alert(alert["cluster_id"], "an old story")
    assert "not recorded" in status and reason == "an old story"
    assert [a.cluster_id for a in situation.pipeline.unconfirmed_alerts()] == [alert["cluster_id"]]
