import json
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from agent.schemas import TriageSummary
from agent.store import IncidentStore


def _triage(kind="fire", priority="P2"):
    return TriageSummary(incident_type=kind, priority=priority, type_confidence=0.7, priority_confidence=0.6)


def test_audit_trail_and_corrections_export(tmp_path):
    store = IncidentStore(tmp_path / "log.sqlite")
    incident = store.create_incident("Gas smell", "alice")
    report = store.add_report(incident.incident_id, "Strong gas smell in a stairwell", _triage("fire", "P3"), "alice")
    store.record_triage_decision(report, accepted=False, incident_type="hazmat", priority="P2", operator="bob")
    other = store.add_report(incident.incident_id, "Smoke seen", _triage(), "alice")
    store.record_triage_decision(other, accepted=True, operator="bob")

    kinds = [e.kind for e in store.events(incident.incident_id)]
    assert kinds[0] == "incident_created" and kinds.count("triage") == 2 and kinds.count("triage_decision") == 2
    decision = store.events(incident.incident_id, kind="triage_decision")[0]
    assert decision.operator == "bob" and decision.payload["model_type"] == "fire" and decision.payload["incident_type"] == "hazmat"
    assert store.get_incident(incident.incident_id).incident_type == "fire"  # latest decision (accepted) wins

    out = tmp_path / "corrections.csv"
    assert store.export_corrections(out) == 1  # only the corrected report becomes training data
    assert out.read_text().splitlines()[1] == "Strong gas smell in a stairwell,hazmat,P2"


def test_wal_mode(tmp_path):
    IncidentStore(tmp_path / "log.sqlite")
    mode = sqlite3.connect(tmp_path / "log.sqlite").execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_crash_mid_write_loses_nothing_committed(tmp_path):
    path = tmp_path / "log.sqlite"
    store = IncidentStore(path)
    incident = store.create_incident("Before the crash", "alice")
    store.close()
    # A real process dies (os._exit) in the middle of a write transaction.
    script = textwrap.dedent(f"""
        import os
        from agent.store import IncidentStore
        store = IncidentStore({str(path)!r})
        store._conn.execute("BEGIN IMMEDIATE")
        store._conn.execute("INSERT INTO incidents (incident_id, title, created_at, operator) VALUES ('INC-HALF', 'half', 'x', 'x')")
        os._exit(9)
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True)
    assert result.returncode == 9
    reopened = IncidentStore(path)
    assert [i.incident_id for i in reopened.list_incidents()] == [incident.incident_id]
    assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_export_corrections_cli_writes_trainable_csv(tmp_path, monkeypatch):
    import csv

    from ui.cli import main
    from core.settings import get_settings

    monkeypatch.setenv("ECA_DATA_DIR", str(tmp_path))
    get_settings.cache_clear()
    try:
        store = IncidentStore(get_settings().incident_db)
        incident = store.create_incident("x", "op")
        report = store.add_report(incident.incident_id, "Smoke from a basement on Mikonkatu", _triage("flood", "P3"), "op")
        store.record_triage_decision(report, accepted=False, incident_type="fire", priority="P2", operator="op")
        out = tmp_path / "corr.csv"
        assert main(["export-corrections", str(out), "--include-shipped"]) == 0
        rows = list(csv.DictReader(out.open(encoding="utf-8")))
        assert rows[0] == {"text": "Smoke from a basement on Mikonkatu", "incident_type": "fire", "priority": "P2"}
        assert len(rows) > 3000  # the shipped set follows
    finally:
        get_settings.cache_clear()


def test_an_id_that_cannot_exist_is_no_such_id_not_an_encoding_error_nor_echoed_whole(tmp_path):
    import pytest

    from agent.store import UnknownIncidentError

    store = IncidentStore(tmp_path / "log.sqlite")
    for bad in ("INC-\udcff", "I" * 1_000_000):
        with pytest.raises(UnknownIncidentError, match="no incident with id") as caught:
            store.get_incident(bad)
        assert len(str(caught.value)) < 100
        with pytest.raises(UnknownIncidentError, match="no plan with id"):
            store.approve_plan(bad, "alice")
        with pytest.raises(UnknownIncidentError, match="no report with id"):
            store.record_triage_decision(bad, accepted=True, operator="alice")
        assert store.events(bad) == []


def test_untriaged_stream_reports_wait_for_a_read_that_is_recorded_with_who_and_when(tmp_path):
    import pytest

    from agent.store import UnknownIncidentError

    store = IncidentStore(tmp_path / "log.sqlite")
    store.add_stream_reports([
        {"report_id": "SR-A", "event_time": 1.0, "source": "call", "text": "smoke", "triage": {"state": "untriaged"}},
        {"report_id": "SR-B", "event_time": 2.0, "source": "social", "text": "water", "triage": {"state": "untriaged"}},
        {"report_id": "SR-C", "event_time": 3.0, "source": "call", "text": "fire", "triage": {"incident_type": "fire"}}])
    assert store.count_unread_untriaged_stream_reports() == 2
    rows, total = store.unread_untriaged_stream_reports()
    assert [r["report_id"] for r in rows] == ["SR-B", "SR-A"] and total == 2  # newest first
    rows, total = store.unread_untriaged_stream_reports(limit=1)
    assert [r["report_id"] for r in rows] == ["SR-B"] and total == 2  # the count is all of them, past the limit
    assert "n_unread" not in rows[0]
    with pytest.raises(ValueError, match="unknown priority"):
        store.mark_stream_report_read("SR-A", "alice", priority="urgent")
    with pytest.raises(ValueError, match="triaged by the classifier"):
        store.mark_stream_report_read("SR-C", "alice")
    with pytest.raises(UnknownIncidentError, match="no stream report"):
        store.mark_stream_report_read("SR-NONE", "alice")
    read = store.mark_stream_report_read("SR-A", "alice", incident_type="fire", priority="P2")
    assert read["triage"]["reviewed_by"] == "alice" and read["triage"]["priority"] == "P2"
    assert "read_by" not in read["triage"]  # the key a triage result uses for which reader typed it
    assert [r["report_id"] for r in store.unread_untriaged_stream_reports()[0]] == ["SR-B"]
    assert store.count_unread_untriaged_stream_reports() == 1
    [event] = store.events(kind="stream_report_read")
    assert event.operator == "alice" and event.payload == {"report_id": "SR-A", "incident_type": "fire", "priority": "P2",
                                                           "read_at": read["triage"]["reviewed_at"]}


def test_a_log_written_with_the_old_read_by_key_reads_as_reviewed_after_opening(tmp_path):
    """Before ``reviewed_by``, an operator's read of an untriaged stream report was written as ``read_by``: a log of that
    version, opened now, still counts the read report as read and says who read it; a classifier's ``read_by`` (which
    reader typed a triaged report) is left as it is."""
    import sqlite3

    path = tmp_path / "old.sqlite"
    old = sqlite3.connect(path)
    old.executescript("""
        CREATE TABLE stream_reports (report_id TEXT PRIMARY KEY, received_at TEXT NOT NULL, event_time REAL,
            source TEXT NOT NULL, text TEXT NOT NULL, lat REAL, lon REAL, external_id TEXT, triage_json TEXT,
            cluster_id TEXT, incident_id TEXT, detail_json TEXT);
        CREATE INDEX idx_stream_unread ON stream_reports(event_time) WHERE json_extract(triage_json, '$.state') =
            'untriaged' AND json_extract(triage_json, '$.read_by') IS NULL;""")
    rows = [("SR-READ", {"state": "untriaged", "read_by": "alice", "read_at": "2026-11-30T10:00:00", "priority": "P2"}),
            ("SR-WAIT", {"state": "untriaged"}),
            ("SR-MODEL", {"incident_type": "fire", "priority": "P2", "read_by": "multilingual fallback"})]
    old.executemany("INSERT INTO stream_reports (report_id, received_at, event_time, source, text, triage_json)"
                    " VALUES (?, 'x', 1.0, 'call', 'smoke', ?)", [(rid, json.dumps(t)) for rid, t in rows])
    old.commit()
    old.close()

    store = IncidentStore(path)
    rows, total = store.unread_untriaged_stream_reports()
    assert [r["report_id"] for r in rows] == ["SR-WAIT"] and total == 1 == store.count_unread_untriaged_stream_reports()
    by_id = {r["report_id"]: r["triage"] for r in store.stream_reports()}
    assert by_id["SR-READ"] == {"state": "untriaged", "reviewed_by": "alice", "reviewed_at": "2026-11-30T10:00:00",
                                "priority": "P2"}
    assert by_id["SR-MODEL"]["read_by"] == "multilingual fallback" and "reviewed_by" not in by_id["SR-MODEL"]
    with pytest.raises(ValueError, match="already read by alice"):
        store.mark_stream_report_read("SR-READ", "bob")
    store.close()
    assert IncidentStore(path).count_unread_untriaged_stream_reports() == 1  # a second opening changes nothing


def test_a_stored_triage_with_the_words_note_in_read_by_reads_into_its_own_field(tmp_path):
    """A report's triage stored before ``type_source`` kept the words-over-model note in ``read_by``: read back, the
    reader and the note are two fields again."""
    store = IncidentStore(tmp_path / "log.sqlite")
    incident = store.create_incident("t", "alice")
    triage = TriageSummary(incident_type="missing_person", priority="P3", type_confidence=0.4, priority_confidence=0.5)
    report_id = store.add_report(incident.incident_id, "a child is lost", triage, "alice")
    old = triage.model_dump()
    del old["type_source"]
    old["read_by"] = "encoder; type from the report's words (model: not_incident)"
    store._conn.execute("UPDATE reports SET triage_json=? WHERE report_id=?", (json.dumps(old), report_id))
    read = store.latest_report(incident.incident_id).triage
    assert read.read_by == "encoder" and read.type_source == "the report's words (model: not_incident)"
    assert read.type_from_words and not triage.type_from_words
