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
    labels, ids = zip(*views[7]["choices"])  # (label, value): the operator reads the label, the handler gets the id
    assert len(labels) == 2 and "Car on fire at Kamppi" in labels[0]  # newest first
    assert all(label.startswith(f"{report_id} · ") for label, report_id in zip(labels, ids))
    assert ids[0] in {r.report_id for r in situation.snapshot()["needs_read"]}
    done = situation.mark_read(ids[0], "fire", "P2", SimpleNamespace(username="alice"))
    assert "marked read as fire P2 by alice" in done
    views = situation.views()
    assert "Not triaged: needs a human read (1)" in views[6] and "Car on fire at Kamppi" not in views[6]
    assert "already read" in situation.mark_read(ids[0], None, None, SimpleNamespace(username="bob"))
    assert store.events(kind="stream_report_read")[-1].operator == "alice"
    situation.pipeline.close()


def test_a_report_counted_processed_is_already_in_the_log_the_screen_reads(tmp_path) -> None:
    """The status line and the human-read list come from one snapshot: while a batch is still being written to the
    incident log it is not yet counted as processed (CI once showed "2 reports processed" beside an empty list).
    The write is held open on an event: the only way to stop the clock inside that window."""
    import threading

    from agent.monitor.feed import FeedRecord
    from agent.monitor.pipeline import MonitorPipeline
    from agent.store import IncidentStore

    class Broken:
        def predict(self, texts):
            raise RuntimeError("onnx session died")

    writing, release = threading.Event(), threading.Event()

    class SlowStore(IncidentStore):
        def add_stream_reports(self, rows):
            writing.set()
            release.wait(10)
            super().add_stream_reports(rows)

    pipeline = MonitorPipeline(Broken(), store=SlowStore(tmp_path / "incidents.sqlite"))
    worker = threading.Thread(target=pipeline.process, args=([FeedRecord("Smoke from a flat in Kallio", 1_764_511_200.0,
                                                                         "call")],))
    worker.start()
    assert writing.wait(10)
    during = pipeline.snapshot()
    release.set()
    worker.join(10)
    after = pipeline.snapshot()
    assert during["processed"] == 0 and during["needs_read_total"] == 0
    assert after["processed"] == 1 and after["needs_read_total"] == 1
    pipeline.close()
