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


def test_untriaged_reports_from_before_a_restart_are_listed_and_an_operator_marks_one_read(tmp_path) -> None:
    """After a restart the tab lists the untriaged reports still unread in the incident log (not only this run's),
    and "Mark read / triaged" takes one off the list under the operator's name."""
    from types import SimpleNamespace

    from agent.monitor.feed import FeedRecord
    from agent.monitor.pipeline import MonitorPipeline
    from agent.store import IncidentStore
    from ui.situation_tab import Situation

    class Broken:
        def predict(self, texts):
            raise RuntimeError("onnx session died")

    path = tmp_path / "incidents.sqlite"
    with MonitorPipeline(Broken(), store=IncidentStore(path)) as before:
        before.process([FeedRecord("Smoke from a flat in Kallio", 1_764_511_200.0, "call"),
                        FeedRecord("Car on fire at Kamppi", 1_764_511_260.0, "social")])
    store = IncidentStore(path)
    situation = Situation(lambda: MonitorPipeline(Broken(), store=store))
    situation.pipeline = situation._factory()  # a restarted server: nothing pushed yet in this run
    views = situation.views()
    assert "2 report(s) not triaged, waiting for a human read" in views[0]
    assert "Not triaged: needs a human read (2)" in views[6]
    choices = [c if isinstance(c, str) else c[0] for c in views[7]["choices"]]
    assert len(choices) == 2 and "Car on fire at Kamppi" in choices[0]  # newest first
    done = situation.mark_read(choices[0], "fire", "P2", SimpleNamespace(username="alice"))
    assert "marked read as fire P2 by alice" in done
    views = situation.views()
    assert "Not triaged: needs a human read (1)" in views[6] and "Car on fire at Kamppi" not in views[6]
    assert "already read" in situation.mark_read(choices[0], None, None, SimpleNamespace(username="bob"))
    assert store.events(kind="stream_report_read")[-1].operator == "alice"
    situation.pipeline.close()
