"""The monitor bench's reading of which event an alert is about, and its table of why an event was alerted late
(``bench_monitor.attribute_alerts``, ``late_events``: issue 14, session 12).  Small made-up streams, no model."""

from __future__ import annotations

from dataclasses import dataclass

from bench_monitor import INFORMATIVE, UNRELATED, attribute_alerts, late_events

T0 = 1_000_000.0
OTHER = "Related - but not informative"


@dataclass
class Rep:
    external_id: str
    time: float
    cluster_id: str | None
    text: str = "post"
    incident_type: str = "fire"
    priority: str = "P3"
    reason: str = "similar text"


@dataclass
class Alert:
    kind: str
    cluster_id: str | None
    time: float
    message: str = "alert"


def _stream(rows):
    """rows: (id, minute, cluster, event, informativeness) -> reports, meta"""
    reports = [Rep(i, T0 + 60 * m, c) for i, m, c, _, _ in rows]
    meta = {i: {"event": e, "info": info, "time": T0 + 60 * m} for i, m, _, e, info in rows}
    return reports, meta


def _fire_and_flood():
    # the fire's first informative post is a ban (a warning, not grouped); the fire itself is posted 30 min on and
    # alerted at once; the flood is alerted 5 min after its first post; C9 holds one flood post and two unrelated ones
    return _stream([
        ("f0", 0, None, "fire", INFORMATIVE),
        ("f1", 30, "C1", "fire", INFORMATIVE),
        ("f2", 31, "C1", "fire", OTHER),
        ("f3", 32, "C1", "fire", INFORMATIVE),
        ("w0", 0, "C2", "flood", INFORMATIVE),
        ("w1", 5, "C2", "flood", INFORMATIVE),
        ("w2", 6, "C2", "flood", OTHER),
        ("x0", 40, "C9", "flood", INFORMATIVE),
        ("x1", 41, "C9", "flood", UNRELATED),
        ("x2", 42, "C9", "flood", UNRELATED),
    ])


def test_an_alert_belongs_to_the_event_of_most_of_its_clusters_related_posts_when_it_holds_three():
    reports, meta = _fire_and_flood()
    alerts = [(Alert("warning", "C1", T0), None), (Alert("emerging", "C1", T0 + 60 * 30), None),
              (Alert("emerging", "C2", T0 + 60 * 5), None), (Alert("emerging", "C9", T0 + 60 * 40), None),
              (Alert("spike", None, T0 + 60 * 41), None)]
    att = attribute_alerts(reports, alerts, meta)
    assert att.first_info == {"fire": T0, "flood": T0}
    assert att.first_alert["fire"].time == T0 + 1800 and att.first_any["fire"].kind == "warning"
    assert att.first_alert["flood"].cluster_id == "C2"
    # C9 never holds 3 related posts of one event (its other two are unrelated): its alert is stray, not the flood's
    assert att.stray == 1 and att.stray_warnings == 0
    assert att.votes["C9"] == {"flood": 1}


def test_the_late_table_lists_only_events_outside_the_window_with_their_first_informative_posts():
    reports, meta = _fire_and_flood()
    alerts = [(Alert("warning", "C1", T0), None), (Alert("emerging", "C1", T0 + 60 * 30), None),
              (Alert("emerging", "C2", T0 + 60 * 5), None)]
    late = late_events(reports, alerts, meta, limit=5)
    assert [e["event"] for e in late] == ["fire"]               # the flood was alerted within 15 min
    fire = late[0]
    assert fire["delay"] == 30.0 and fire["warning"].kind == "warning"
    # its informative posts up to the first incident alert; the not-informative one is left out
    assert [(p["minute"], p["cluster"]) for p in fire["posts"]] == [(0.0, None), (30.0, "C1")]
    assert fire["posts"][1]["cluster_event"] == "fire" and fire["posts"][1]["cluster_alerts"] == ["warning", "emerging"]
    assert len(late_events(reports, alerts, meta, limit=1)[0]["posts"]) == 1


def test_an_event_never_alerted_is_listed_with_no_delay():
    reports, meta = _fire_and_flood()
    late = late_events(reports, [(Alert("emerging", "C2", T0 + 60), None)], meta)
    assert [(e["event"], e["delay"], e["alert"]) for e in late] == [("fire", None, None)]
