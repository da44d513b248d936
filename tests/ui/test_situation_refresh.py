"""The Situation tab's refresh never waits on the monitor (it runs on a server thread the chat shares), and a stream
with nothing to draw says so rather than showing bare axes."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

T0 = 1_764_511_200.0


@dataclass
class _Triaged:
    incident_type: str = "fire"
    priority: str = "P2"
    type_confidence: float = 0.9
    language: str = "en"
    model_version: str = "stand-in"


class _StandIn:
    def predict(self, texts):
        return [_Triaged() for _ in texts]


def _annotations(fig) -> list[str]:
    return [a.text for a in fig.layout.annotations]


def test_a_refresh_while_the_monitor_holds_its_picture_shows_the_last_one_at_once() -> None:
    from agent.monitor.feed import FeedRecord
    from agent.monitor.pipeline import MonitorPipeline
    from ui.situation_tab import REFRESH_WAIT_S, Situation

    situation = Situation(lambda: MonitorPipeline(_StandIn()))
    situation.pipeline = situation._factory()
    situation.pipeline.process([FeedRecord("Fire in a flat in Kallio, smoke in the stairwell", T0, "call"),
                                FeedRecord("Kallio flat fire, people on the balcony", T0 + 60, "call")])
    fresh = situation.views()
    assert "2 reports processed" in fresh[0] and "busy" not in fresh[0]
    held, release = threading.Event(), threading.Event()

    def grouping_a_long_batch() -> None:  # the feed thread holds the pipeline while it groups a batch
        with situation.pipeline.lock:
            held.set()
            release.wait(30)

    worker = threading.Thread(target=grouping_a_long_batch)
    worker.start()
    held.wait(5)
    try:
        started = time.monotonic()
        busy = situation.views()
        assert time.monotonic() - started < REFRESH_WAIT_S + 1.0      # not the 30 s the batch holds it
        assert "2 reports processed" in busy[0] and "busy with a batch" in busy[0]
        assert busy[1] is fresh[1] and busy[3] == fresh[3]          # the last picture, not an empty one
        with situation._refreshing:                                  # a refresh still being built: no second one waits
            started = time.monotonic()
            assert "2 reports processed" in situation.views()[0]
            assert time.monotonic() - started < 0.2
    finally:
        release.set()
        worker.join()
    assert "busy" not in situation.views()[0]                         # the monitor free again: a fresh picture
    situation.pipeline.close()


def test_an_empty_stream_says_so_instead_of_drawing_empty_plots() -> None:
    from agent.monitor.feed import FeedRecord
    from agent.monitor.pipeline import MonitorPipeline
    from ui.situation_tab import Situation

    situation = Situation(lambda: MonitorPipeline(_StandIn()))
    status, counts, rmap, *_ = situation.views()                     # nothing pushed yet
    assert "no stream reports yet" in status
    assert not counts.data and _annotations(counts) == ["No stream reports yet"]
    assert not rmap.data and _annotations(rmap) == ["No stream reports yet"]
    situation.pipeline = situation._factory()
    situation.pipeline.process([FeedRecord("Fire in a flat, smoke in the stairwell", T0, "call"),
                                FeedRecord("Smoke from a window, a flat on fire", T0 + 60, "social")])
    _, counts, rmap, *_ = situation.views()
    assert counts.data and not _annotations(counts)                  # counts drawn
    assert not rmap.data and _annotations(rmap) == ["None of the 2 recent reports gives a place on the map"]
    situation.pipeline.close()
