"""The Situation tab says so when triage fails: the reports are kept (untriaged) and the status line names the error."""

from __future__ import annotations

import time


def test_status_names_a_triage_failure_and_the_reports_are_kept() -> None:
    from agent.monitor.pipeline import MonitorPipeline
    from ui.situation_tab import Situation

    class Broken:
        def predict(self, texts):
            raise RuntimeError("onnx session died")

    situation = Situation(lambda: MonitorPipeline(Broken()))
    answer = situation.push([{"text": "Smoke from a flat in Kallio", "source": "call", "timestamp": 1_764_511_200.0},
                             {"text": "Car on fire at Kamppi", "source": "social", "timestamp": 1_764_511_260.0}])
    assert answer["accepted"] == 2
    deadline = time.monotonic() + 30
    while (situation.snapshot() or {}).get("processed", 0) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    status = situation.views()[0]
    assert "2 reports processed" in status
    assert "Triage failed (RuntimeError: onnx session died): 2 report(s) stored untriaged" in status
    needs_read = situation.views()[6]
    assert "Not triaged: needs a human read (2)" in needs_read
    assert "Smoke from a flat in Kallio" in needs_read and "Car on fire at Kamppi" in needs_read
    assert "0 not incidents" in status and "2 report(s) not triaged" in status
