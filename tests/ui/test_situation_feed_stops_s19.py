"""s19 audit: the UI's followed feed (ECA_MONITOR_FEED) that cannot be read is said on the Situation tab and by
/monitor_snapshot.  Before, its reader thread died with a traceback in the server's log and the tab went on saying
"Monitor idle: no stream reports yet (push to /monitor_intake or set ECA_MONITOR_FEED)", with the feed set.

Seen on a real `eca serve` (random port) with ECA_MONITOR_FEED at a CSV without a text column.  Here the tab's own
object follows real files, and its intake API is served by a real Gradio app on loopback and called over HTTP."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import gradio as gr
import httpx
import pytest

from ui.situation_tab import Situation, register_intake_api

BAD_FEEDS = {
    "no_text_column.csv": b"when,who,what\n10:00,dispatcher,fire\n",
    "binary.jsonl": bytes(range(256)) * 12,
    "utf16.csv": "text\nSmoke at Kamppi\n".encode("utf-16"),
}


@pytest.fixture
def monitor(triage_model):
    """The monitor the tab builds when it starts following (the suite's real quick triage model, no map)."""
    from agent.monitor.pipeline import MonitorPipeline

    return lambda: MonitorPipeline(triage_model)


def _wait_for_error(tab: Situation) -> None:
    deadline = time.monotonic() + 5
    while tab.error is None and time.monotonic() < deadline:
        time.sleep(0.05)


@pytest.mark.parametrize("name", sorted(BAD_FEEDS))
def test_a_followed_feed_that_cannot_be_read_is_said_on_the_tab(tmp_path: Path, monkeypatch, monitor, name: str):
    crashed: list[BaseException] = []
    monkeypatch.setattr(threading, "excepthook", lambda args: crashed.append(args.exc_value))
    feed = tmp_path / name
    feed.write_bytes(BAD_FEEDS[name])
    tab = Situation(monitor)
    tab.follow(str(feed))
    _wait_for_error(tab)
    status = tab.views()[0]
    assert crashed == []  # no thread died with a traceback
    assert "stopped" in status and name in status and "Monitor idle" not in status, status


def test_monitor_snapshot_over_http_says_the_feed_stopped(tmp_path: Path, loopback_port: int, monitor):
    feed = tmp_path / "calls.csv"
    feed.write_bytes(BAD_FEEDS["no_text_column.csv"])
    tab = Situation(monitor)
    tab.follow(str(feed))
    _wait_for_error(tab)
    with gr.Blocks() as demo:
        register_intake_api(tab)
    demo.queue().launch(server_name="127.0.0.1", server_port=loopback_port, prevent_thread_lock=True, quiet=True)
    try:
        base = f"http://127.0.0.1:{loopback_port}/gradio_api/call/monitor_snapshot"
        with httpx.Client(timeout=30) as client:
            event = client.post(base, json={"data": []}).json()["event_id"]
            body = client.get(f"{base}/{event}").text
    finally:
        demo.close()
    data = json.loads(body.split("data:", 1)[1].strip().splitlines()[0])[0]
    assert "calls.csv" in data["error"] and "text column" in data["error"], data
