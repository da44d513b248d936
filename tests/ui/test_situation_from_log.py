"""The Situation tab and the sitrep read the same stored stream: clusters that `eca monitor` grouped in another
process are listed on the tab (not "Monitor idle"), and "open incident from this cluster" works on them (session 14's
trial, finding 11)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

T0 = 1_764_511_200.0  # 2026-11-30 14:00 UTC


@dataclass
class _Triaged:
    incident_type: str = "flood"
    priority: str = "P1"
    type_confidence: float = 0.9
    language: str = "en"
    model_version: str = "stand-in"


class _StandIn:
    def predict(self, texts):
        return [_Triaged() for _ in texts]


def _another_process_monitored(store) -> None:
    """What `eca monitor --feed FILE --once` leaves in the incident log: its own pipeline, then gone."""
    from agent.monitor.feed import FeedRecord
    from agent.monitor.pipeline import MonitorPipeline

    with MonitorPipeline(_StandIn(), store=store) as pipeline:
        pipeline.process([FeedRecord("Basement flooding fast at the Hakaniemi market hall, water knee deep", T0, "call"),
                          FeedRecord("Hakaniemi market hall basement under water, people carrying stock out", T0 + 60, "call"),
                          FeedRecord("Water rising in the market hall cellar at Hakaniemi, pumps needed", T0 + 120, "radio")])


def test_the_tab_lists_what_the_monitor_stored_from_another_process_and_opens_an_incident_from_it(tmp_path) -> None:
    from agent.situation import Situation as Sitrep
    from agent.store import IncidentStore
    from ui.situation_tab import Situation

    store = IncidentStore(tmp_path / "incidents.sqlite")
    _another_process_monitored(store)
    candidates = Sitrep(store, None).stream_candidates()
    assert len(candidates) == 1 and candidates[0].reports == 3          # what the sitrep lists
    cid = candidates[0].cluster_id

    def no_monitor_here():  # this process never builds a monitor: nothing was pushed to it
        raise AssertionError("the tab must not need a monitor of its own to show the stored stream")

    tab = Situation(no_monitor_here, store=store)
    status, _counts, _map, rows, alerts, choices, *_ = tab.views()
    assert "idle" not in status and "3 stream reports" in status, status
    assert [r[0] for r in rows] == [cid] and rows[0][2] == "P1" and rows[0][3] == 3
    assert cid in str(choices)
    assert "Hakaniemi" in tab.cluster_reports(cid)
    opened = tab.open_incident(cid)
    assert "opened from " + cid in opened, opened
    incident_id = opened.split("Incident ", 1)[1].split()[0]
    assert len(store.stream_reports(incident_id=incident_id)) == 3
    assert Sitrep(store, None).stream_candidates() == []              # the sitrep no longer calls it unconfirmed
    assert tab.views()[3][0][6] == incident_id                        # the tab shows the incident it went to


def test_a_live_monitor_in_the_ui_still_shows_the_clusters_another_process_stored(tmp_path) -> None:
    from agent.monitor.feed import FeedRecord
    from agent.monitor.pipeline import MonitorPipeline
    from agent.store import IncidentStore
    from ui.situation_tab import Situation

    store = IncidentStore(tmp_path / "incidents.sqlite")
    _another_process_monitored(store)
    tab = Situation(lambda: MonitorPipeline(_StandIn(), store=store), store=store)
    tab.pipeline = tab._factory()
    try:
        tab.pipeline.process([FeedRecord("Water main burst on Bulevardi 30, street flooding", T0 + 600, "call")])
        rows = tab.views()[3]
        assert len(rows) == 2, rows                                    # its own cluster and the stored one
        stored_cid = next(r[0] for r in rows if r[3] == 3)
        assert "opened from " + stored_cid in tab.open_incident(stored_cid)  # one this pipeline never held
    finally:
        tab.pipeline.close()
