"""One real assistant and one served UI for the whole session; one headless Debian Chromium.

The app is served in a background thread of the test process on a free loopback
port, so tests can also look at the incident log the UI wrote.
"""

from __future__ import annotations

import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
# Headless flags for a closed network: nothing may try to reach Google's services.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture()
def loopback_port() -> int:
    """A free port on 127.0.0.1 for one more served app."""
    return free_port()


@pytest.fixture(scope="session")
def ui_settings(base_settings, tmp_path_factory):
    # No LLM: the deterministic pipeline answers, so the browser tests are fast and repeatable
    # (test_llm_failure.py points a second assistant at a real, failing server instead).
    return base_settings.model_copy(update={"llm_backend": "none", "operator": "ui-test"})


@pytest.fixture(scope="session")
def ui_assistant(ui_settings, triage_model, retriever, city, tmp_path_factory):
    """The real Assistant on the session's shared components, with its own incident log."""
    from agent.assistant import Assistant
    from agent.backends import build_backend
    from agent.store import IncidentStore

    log_dir = tmp_path_factory.mktemp("ui-incidents")
    return Assistant(ui_settings, triage=triage_model, retriever=retriever, city=city,
                     backend=build_backend(ui_settings), store=IncidentStore(log_dir / "incidents.sqlite"))


@pytest.fixture(scope="session")
def ui_server(ui_settings, ui_assistant) -> Iterator:
    from ui.app import launch

    running = launch(ui_settings, ui_assistant, host="127.0.0.1", port=free_port(), block=False)
    yield running
    running.close()


@pytest.fixture(scope="session")
def browser() -> Iterator:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip("Debian's Chromium is not installed (make browser)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def outside_requests() -> list[str]:
    """Every request a page made to anything but this machine (must stay empty)."""
    return []


@pytest.fixture()
def open_page(browser, ui_server, outside_requests):
    """A fresh browser context (= a separate operator session) on the command centre, fully loaded."""
    contexts = []

    def _open(width: int = 1600, height: int = 1000):
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(60_000)
        page.on("request", lambda r: None if r.url.startswith(("http://127.0.0.1", "data:", "blob:"))
                else outside_requests.append(r.url))
        page.goto(ui_server.url, wait_until="load")
        page.wait_for_selector("[data-testid=status]")  # the status line is filled by the load event
        return page

    yield _open
    for context in contexts:
        context.close()
