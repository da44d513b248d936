"""The stream benchmark's test events and the events the noise filter is never fitted on are one list (s22): a
change to either moves both, so the benchmark never measures a filter fitted on its own events."""

from __future__ import annotations

from bench_monitor import EVENT_SETS

from finetune.noise_filter import HELD_OUT_EVENTS, STREAM_TEST_EVENTS


def test_the_filter_never_fits_on_the_benchmarks_test_events():
    assert EVENT_SETS["test"] == list(STREAM_TEST_EVENTS) and set(EVENT_SETS["test"]) == HELD_OUT_EVENTS
    # the other sets are for choosing parameters: none of their events is held out from the filter
    assert not {e for name, events in EVENT_SETS.items() if name != "test" for e in events} & HELD_OUT_EVENTS
