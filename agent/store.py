"""The incident log: a SQLite (WAL) audit trail of incidents, reports, triage
results, plans, tool calls, chat messages and operator decisions.

Every write is its own committed transaction, so a crash mid-write loses at most
the write in flight, never anything committed before it.
"""

from __future__ import annotations

import csv
import json
import sqlite3
import threading
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from agent.schemas import UNTRIAGED, AuditEvent, IncidentSummary, ResponsePlan, StoredReport, TriageDecision, TriageSummary
from agent.shelter_places import held_places
from core.text import shown, undecodable
from core.vocabulary import INCIDENT_TYPES, PRIORITIES, priority_rank

__all__ = ["AuditEvent", "IncidentStore", "StoredReport", "UnknownIncidentError", "check_stream_review"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS incidents (
    incident_id TEXT PRIMARY KEY, title TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'open',
    created_at TEXT NOT NULL, operator TEXT NOT NULL, incident_type TEXT, priority TEXT
);
CREATE TABLE IF NOT EXISTS reports (
    report_id TEXT PRIMARY KEY, incident_id TEXT NOT NULL REFERENCES incidents(incident_id),
    text TEXT NOT NULL, created_at TEXT NOT NULL, operator TEXT NOT NULL,
    triage_json TEXT, final_type TEXT, final_priority TEXT
);
CREATE TABLE IF NOT EXISTS plans (
    plan_id TEXT PRIMARY KEY, incident_id TEXT, created_at TEXT NOT NULL, operator TEXT NOT NULL,
    plan_json TEXT NOT NULL, approved_by TEXT, approved_at TEXT
);
CREATE TABLE IF NOT EXISTS messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT, incident_id TEXT NOT NULL, role TEXT NOT NULL,
    content TEXT NOT NULL, created_at TEXT NOT NULL, operator TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY AUTOINCREMENT, incident_id TEXT, kind TEXT NOT NULL,
    payload_json TEXT NOT NULL, created_at TEXT NOT NULL, operator TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS stream_reports (
    report_id TEXT PRIMARY KEY, received_at TEXT NOT NULL, event_time REAL, source TEXT NOT NULL,
    text TEXT NOT NULL, lat REAL, lon REAL, external_id TEXT, triage_json TEXT,
    cluster_id TEXT, incident_id TEXT, detail_json TEXT
);
CREATE INDEX IF NOT EXISTS idx_events_incident ON events(incident_id);
CREATE INDEX IF NOT EXISTS idx_stream_cluster ON stream_reports(cluster_id);
CREATE INDEX IF NOT EXISTS idx_messages_incident ON messages(incident_id);
CREATE INDEX IF NOT EXISTS idx_plans_incident ON plans(incident_id);
CREATE INDEX IF NOT EXISTS idx_events_kind ON events(kind);
"""


# A stream report the classifier did not read (``state``: UNTRIAGED) that no person has reviewed yet.  The partial
# index keeps the "needs a human read" list and count fast on a log of a whole day's stream.
UNREAD_UNTRIAGED = (f"json_extract(triage_json, '$.state') = '{UNTRIAGED}'"
                    " AND json_extract(triage_json, '$.reviewed_by') IS NULL")
# How many of those the "needs a human read" list shows at a time (the newest; the count says how many there are).
NEEDS_READ_PAGE = 50
# Schema versions (PRAGMA user_version): 1 = an operator's read of an untriaged stream report is ``reviewed_by`` /
# ``reviewed_at``; before, it was ``read_by`` / ``read_at``, the key a triage result uses for which reader typed it.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (f"""UPDATE stream_reports SET triage_json = json_remove(json_set(triage_json,
            '$.reviewed_by', json_extract(triage_json, '$.read_by'), '$.reviewed_at', json_extract(triage_json, '$.read_at')),
            '$.read_by', '$.read_at')
         WHERE json_extract(triage_json, '$.state') = '{UNTRIAGED}' AND json_extract(triage_json, '$.read_by') IS NOT NULL""",
     "DROP INDEX IF EXISTS idx_stream_unread"),
)
INDEXES = (f"CREATE INDEX IF NOT EXISTS idx_stream_unreviewed ON stream_reports(event_time) WHERE {UNREAD_UNTRIAGED};"
           # the Situation tab and the sitrep read the stream's last hours on every refresh (every 3 s)
           "CREATE INDEX IF NOT EXISTS idx_stream_received ON stream_reports(received_at);")


def check_stream_review(report_id: str, state: str | None, reviewed_by: str | None, reviewed_at: str | None = None, *,
                        incident_type: str | None = None, priority: str | None = None) -> None:
    """Whether an operator may mark a stream report read (with the type and priority they gave it): it must be
    untriaged, not yet reviewed, and any type or priority one of the taxonomy's.  Every path that records such a read
    (the incident log, the monitor for a report the log could not store, the UI) checks it here; ValueError says why."""
    if state != UNTRIAGED:
        raise ValueError(f"stream report {shown(report_id)} was triaged by the classifier; nothing to mark as read")
    if reviewed_by:
        raise ValueError(f"stream report {shown(report_id)} was already read by {reviewed_by} at {reviewed_at}")
    if incident_type and incident_type not in INCIDENT_TYPES:
        raise ValueError(f"unknown incident type {shown(incident_type)}; one of {', '.join(INCIDENT_TYPES)}")
    if priority and priority not in PRIORITIES:
        raise ValueError(f"unknown priority {shown(priority)}; one of {', '.join(PRIORITIES)}")


def _id_like(value: object) -> bool:
    """Could be an id of this log: short text SQLite can encode (a pasted page or undecodable bytes never is; asking
    SQLite would fail with an encoding error instead of "no such id")."""
    return isinstance(value, str) and len(value) <= 64 and not undecodable(value)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


class UnknownIncidentError(LookupError):
    pass


class IncidentStore:
    """Thread-safe access to the incident log (Gradio serves requests from a thread pool)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=10)
        # ``held_places`` as last read, with the change mark it was read at (it reads every approved plan's JSON and
        # runs on every chat turn; kept while nothing in the log changes)
        self._held_cache: tuple[tuple[int, int], list[tuple[str, str, str, str, int]]] | None = None
        self._conn.row_factory = sqlite3.Row
        self._conn.execute("PRAGMA journal_mode=WAL")
        # FULL, on purpose: in WAL mode NORMAL survives a process crash (kill -9) but a power cut or OS crash may
        # roll back the last commits; FULL syncs the WAL at every commit, so an acknowledged audit event survives
        # a power cut too. Measured here: 0.24 ms per commit (FULL) vs 0.01 ms (NORMAL); the log is written at
        # human pace (reports, corrections, approvals), so durability costs nothing the operator can notice.
        self._conn.execute("PRAGMA synchronous=FULL")
        self._conn.execute("PRAGMA foreign_keys=ON")
        self._conn.executescript(SCHEMA)
        self._migrate()

    def _migrate(self) -> None:
        """Bring a log written by an older version up to this one's schema (each step once, in its own transaction)."""
        def version() -> int:
            return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

        for number, statements in enumerate(MIGRATIONS, start=1):
            if version() >= number:
                continue
            with self._tx() as conn:
                if version() < number:  # another process may have opened the same log and migrated it meanwhile
                    for statement in statements:
                        conn.execute(statement)
                    conn.execute(f"PRAGMA user_version = {number}")
        self._conn.executescript(INDEXES)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def _read(self, sql: str, args: tuple | list = ()) -> list[sqlite3.Row]:
        """Reads share the one connection with writes, so they take the same lock."""
        with self._lock:
            return self._conn.execute(sql, args).fetchall()

    def _read_one(self, sql: str, args: tuple | list = ()) -> sqlite3.Row | None:
        rows = self._read(sql, args)
        return rows[0] if rows else None

    def _log(self, conn: sqlite3.Connection, incident_id: str | None, kind: str, payload: dict[str, Any], operator: str) -> None:
        conn.execute(
            "INSERT INTO events (incident_id, kind, payload_json, created_at, operator) VALUES (?,?,?,?,?)",
            (incident_id, kind, json.dumps(payload, ensure_ascii=False, default=str), _now(), operator),
        )

    # --- incidents -----------------------------------------------------
    def create_incident(self, title: str, operator: str) -> IncidentSummary:
        with self._tx() as conn:
            incident_id = self._insert_incident(conn, title, operator)
        return self.get_incident(incident_id)

    def _insert_incident(self, conn: sqlite3.Connection, title: str, operator: str) -> str:
        incident_id = "INC-" + uuid.uuid4().hex[:8].upper()
        conn.execute(
            "INSERT INTO incidents (incident_id, title, created_at, operator) VALUES (?,?,?,?)",
            (incident_id, title.strip()[:120] or "Untitled incident", _now(), operator),
        )
        self._log(conn, incident_id, "incident_created", {"title": title[:120]}, operator)
        return incident_id

    def get_incident(self, incident_id: str) -> IncidentSummary:
        row = self._read_one("SELECT * FROM incidents WHERE incident_id=?", (incident_id,)) if _id_like(incident_id) else None
        if row is None:
            raise UnknownIncidentError(f"no incident with id {shown(incident_id)}")
        return IncidentSummary(
            incident_id=row["incident_id"], title=row["title"], status=row["status"],
            created_at=datetime.fromisoformat(row["created_at"]),
            incident_type=row["incident_type"], priority=row["priority"],
        )

    def list_incidents(self, status: str | None = "open") -> list[IncidentSummary]:
        query, args = "SELECT incident_id FROM incidents", ()
        if status:
            query, args = query + " WHERE status=?", (status,)
        rows = self._read(query + " ORDER BY created_at DESC", args)
        return [self.get_incident(r["incident_id"]) for r in rows]

    def close_incident(self, incident_id: str, operator: str) -> None:
        self.get_incident(incident_id)
        with self._tx() as conn:
            conn.execute("UPDATE incidents SET status='closed' WHERE incident_id=?", (incident_id,))
            self._log(conn, incident_id, "incident_closed", {}, operator)

    # --- incident changes an operator confirmed (agent.proposals) ----------------------
    def retype_incident(self, incident_id: str, incident_type: str, priority: str, operator: str,
                        note: dict[str, Any]) -> None:
        """Set the incident's type and priority (a confirmed re-triage: the caller corrected the hazard); the event keeps
        what they were.  The reports keep their own triage: this is no correction of the model (no training data)."""
        was = self.get_incident(incident_id)
        title = was.title
        said = f"{was.priority} {was.incident_type}: "  # the title a report gave it (``assistant._title``) names the old type
        if title.startswith(said):
            title = f"{priority} {incident_type}: {title[len(said):]}"
        with self._tx() as conn:
            conn.execute("UPDATE incidents SET incident_type=?, priority=?, title=? WHERE incident_id=?",
                         (incident_type, priority, title, incident_id))
            self._log(conn, incident_id, "incident_retyped", {"was_type": was.incident_type, "was_priority": was.priority,
                                                              "incident_type": incident_type, "priority": priority, **note}, operator)

    def relocate_incident(self, incident_id: str, place: dict[str, Any], operator: str) -> None:
        """Move the incident's place (a confirmed address correction): ``place`` holds name, lat, lon, radius_m."""
        self.get_incident(incident_id)
        self.log_event(incident_id, "incident_relocated", place, operator)

    def latest_relocation(self, incident_id: str) -> tuple[datetime, dict[str, Any]] | None:
        """(when, the place) of the incident's latest confirmed move, or None when it was never moved."""
        row = self._read_one("SELECT payload_json, created_at FROM events WHERE incident_id=? AND kind='incident_relocated'"
                             " ORDER BY id DESC LIMIT 1", (incident_id,)) if _id_like(incident_id) else None
        return (datetime.fromisoformat(row["created_at"]), json.loads(row["payload_json"])) if row else None

    def merge_incidents(self, source: str, target: str, units: list[str], operator: str, note: dict[str, Any], *,
                        transporting: Sequence[str] = ()) -> list[str]:
        """Merge ``source`` into ``target`` in one transaction: its reports (and stream reports) move to ``target``, the units committed to it
        (``units``) are logged as dispatched to ``target`` (they never fall back to available, as a closed incident's
        units would), ``target``'s priority rises to ``source``'s where that is higher, and ``source`` is closed as merged.
        A unit ``transporting`` a patient of ``source`` follows ``target`` too, still transporting (never set dispatched,
        and never left tied to a closed incident). Returns the ids of the reports moved."""
        merged, kept = self.get_incident(source), self.get_incident(target)
        with self._tx() as conn:
            moved = [r["report_id"] for r in conn.execute("SELECT report_id FROM reports WHERE incident_id=? ORDER BY created_at, rowid", (source,))]
            conn.execute("UPDATE reports SET incident_id=? WHERE incident_id=?", (target, source))
            # a cluster opened as ``source`` goes on with the incident kept: its stored reports, and (``add_stream_reports``
            # follows the cluster's incident) the reports the monitor adds to it later
            conn.execute("UPDATE stream_reports SET incident_id=? WHERE incident_id=?", (target, source))
            for unit in units:
                self._log(conn, target, "unit_status", {"unit_id": unit, "status": "dispatched", "reason": f"merged from {source}", **note}, operator)
            for unit in transporting:
                self._log(conn, target, "unit_status", {"unit_id": unit, "status": "transporting", "reason": f"merged from {source}", **note}, operator)
            if merged.priority and (kept.priority is None or priority_rank(merged.priority) < priority_rank(kept.priority)):
                conn.execute("UPDATE incidents SET priority=?, incident_type=COALESCE(incident_type, ?) WHERE incident_id=?",
                             (merged.priority, merged.incident_type, target))
            conn.execute("UPDATE incidents SET status='closed' WHERE incident_id=?", (source,))
            self._log(conn, target, "incident_merged", {"merged": source, "reports": moved, "units": [*units, *transporting], **note}, operator)
            self._log(conn, source, "incident_closed", {"merged_into": target, **note}, operator)
        return moved

    def merged_into(self, incident_id: str) -> str | None:
        """The open incident a merged incident now lives on (following merges of merges), or None when it was not merged."""
        seen: set[str] = set()
        while incident_id not in seen:
            seen.add(incident_id)
            row = self._read_one("SELECT json_extract(payload_json, '$.merged_into') AS target FROM events WHERE incident_id=?"
                                 " AND kind='incident_closed' ORDER BY id DESC LIMIT 1", (incident_id,)) if _id_like(incident_id) else None
            if row is None or not row["target"]:
                break
            incident_id = row["target"]
        return incident_id if len(seen) > 1 else None

    # --- reports and triage ----------------------------------------------
    def add_report(self, incident_id: str, text: str, triage: TriageSummary | None, operator: str, *,
                   raise_incident: bool = True, source: str | None = None) -> str:
        """File a report with its triage.  ``raise_incident=False``: the incident keeps its type and priority (a report
        filed under another desk's incident must not change it unconfirmed, ``ReportFiler.file_under_other_desk``; a
        caller's correction of the hazard changes it only by a confirmed proposal, ``agent.type_correction``)."""
        self.get_incident(incident_id)
        report_id = "REP-" + uuid.uuid4().hex[:10].upper()
        with self._tx() as conn:
            conn.execute(
                "INSERT INTO reports (report_id, incident_id, text, created_at, operator, triage_json, final_type, final_priority)"
                " VALUES (?,?,?,?,?,?,?,?)",
                (report_id, incident_id, text, _now(), operator, triage.model_dump_json() if triage else None,
                 triage.incident_type if triage else None, triage.priority if triage else None),
            )
            current = conn.execute("SELECT incident_type, priority FROM incidents WHERE incident_id=?", (incident_id,)).fetchone()
            # A follow-up is filed as it was triaged, but the incident's type and priority only rise: a report of the
            # dizzy neighbours (P2) must not turn a P1 fire into a P2 medical call.  An operator's correction
            # (record_triage_decision) still sets them as given.
            if raise_incident and triage and (current["priority"] is None or priority_rank(triage.priority) < priority_rank(current["priority"])):
                conn.execute(
                    "UPDATE incidents SET incident_type=?, priority=? WHERE incident_id=?",
                    (triage.incident_type, triage.priority, incident_id),
                )
            # ``source``: who said it when not the operator's caller (a crew's radio update: its unit id)
            self._log(conn, incident_id, "report", {"report_id": report_id, "text": text[:2000], **({"source": source} if source else {})}, operator)
            if triage:
                self._log(conn, incident_id, "triage", {"report_id": report_id, **triage.model_dump()}, operator)
        return report_id

    def latest_report(self, incident_id: str) -> StoredReport | None:
        row = self._read_one("SELECT * FROM reports WHERE incident_id=? ORDER BY created_at DESC, rowid DESC LIMIT 1", (incident_id,))
        if row is None:
            return None
        decided = self._read_one(
            "SELECT payload_json, operator FROM events WHERE kind='triage_decision' AND incident_id=?"
            " AND json_extract(payload_json,'$.report_id')=? ORDER BY id DESC LIMIT 1", (incident_id, row["report_id"]))
        decision = None
        if decided is not None:
            payload = json.loads(decided["payload_json"])
            decision = TriageDecision(
                accepted=bool(payload.get("accepted")), operator=decided["operator"],
                model_type=payload.get("model_type"), model_priority=payload.get("model_priority"),
                incident_type=payload.get("incident_type"), priority=payload.get("priority"))
        return StoredReport(
            report_id=row["report_id"], incident_id=row["incident_id"], text=row["text"],
            triage=TriageSummary.model_validate_json(row["triage_json"]) if row["triage_json"] else None,
            final_type=row["final_type"], final_priority=row["final_priority"], decision=decision,
        )

    def record_triage_decision(
        self, report_id: str, *, accepted: bool, operator: str,
        incident_type: str | None = None, priority: str | None = None,
    ) -> None:
        """The operator accepts the model's triage, or corrects it (which becomes training data)."""
        row = self._read_one("SELECT * FROM reports WHERE report_id=?", (report_id,)) if _id_like(report_id) else None
        if row is None:
            raise UnknownIncidentError(f"no report with id {shown(report_id)}")
        final_type = row["final_type"] if accepted or not incident_type else incident_type
        final_priority = row["final_priority"] if accepted or not priority else priority
        with self._tx() as conn:
            conn.execute(
                "UPDATE reports SET final_type=?, final_priority=? WHERE report_id=?",
                (final_type, final_priority, report_id),
            )
            conn.execute(
                "UPDATE incidents SET incident_type=?, priority=? WHERE incident_id=?",
                (final_type, final_priority, row["incident_id"]),
            )
            self._log(conn, row["incident_id"], "triage_decision", {
                "report_id": report_id, "accepted": accepted,
                "model_type": json.loads(row["triage_json"] or "{}").get("incident_type"),
                "model_priority": json.loads(row["triage_json"] or "{}").get("priority"),
                "incident_type": final_type, "priority": final_priority,
            }, operator)

    def export_corrections(self, path: str | Path) -> int:
        """Write operator-corrected reports as a CSV that ``eca train`` accepts (text, incident_type, priority)."""
        rows = self._read(
            "SELECT DISTINCT r.report_id, r.text, r.final_type, r.final_priority FROM reports r "
            "JOIN events e ON e.kind='triage_decision' AND json_extract(e.payload_json,'$.report_id')=r.report_id "
            "WHERE json_extract(e.payload_json,'$.accepted')=0 ORDER BY r.created_at"
        )
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["text", "incident_type", "priority"])
            for row in rows:
                writer.writerow([row["text"], row["final_type"], row["final_priority"]])
        return len(rows)

    # --- reports from a monitored stream (eca monitor) ------------------------
    def add_stream_reports(self, rows: list[dict[str, Any]]) -> None:
        """Store a micro-batch of stream reports in one transaction (a stream is too fast for one per report).

        Keys: report_id, event_time, source, text, lat, lon, external_id, triage (dict), cluster_id, detail (dict).
        """
        now = _now()
        with self._tx() as conn:
            conn.executemany(
                # a report id already stored is kept as it was (its cluster, its incident, a person's read): the same
                # report fed again is not taken in twice (``MonitorPipeline`` skips it before grouping)
                "INSERT OR IGNORE INTO stream_reports (report_id, received_at, event_time, source, text, lat, lon,"
                " external_id, triage_json, cluster_id, detail_json) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [(r["report_id"], now, r.get("event_time"), r.get("source", "other"), r["text"], r.get("lat"),
                  r.get("lon"), r.get("external_id"), json.dumps(r.get("triage"), ensure_ascii=False) if r.get("triage") else None,
                  r.get("cluster_id"), json.dumps(r.get("detail") or {}, ensure_ascii=False, default=str)) for r in rows],
            )
            # the monitor keeps feeding a cluster after an operator opened an incident from it: its new reports
            # belong to that incident while it is open, or the cluster would come back as an unconfirmed candidate;
            # once it is closed they are a candidate again (a fire come back), not lost on the closed one (review s17)
            conn.executemany(
                "UPDATE stream_reports SET incident_id=(SELECT s.incident_id FROM stream_reports s JOIN incidents i"
                " ON i.incident_id=s.incident_id AND i.status='open'"
                " WHERE s.cluster_id=stream_reports.cluster_id ORDER BY s.rowid DESC LIMIT 1)"
                " WHERE report_id=? AND cluster_id IS NOT NULL AND incident_id IS NULL",
                [(r["report_id"],) for r in rows if r.get("cluster_id")],
            )

    def stream_report_ids_present(self, report_ids: list[str]) -> set[str]:
        """Which of these stream report ids the log holds already (the same report fed again)."""
        present: set[str] = set()
        for start in range(0, len(report_ids), 500):
            chunk = report_ids[start:start + 500]
            rows = self._read(f"SELECT report_id FROM stream_reports WHERE report_id IN ({','.join('?' * len(chunk))})", chunk)
            present.update(r["report_id"] for r in rows)
        return present

    def move_stream_reports(self, report_ids: list[str], cluster_id: str) -> None:
        """Record an operator's merge, split or detach: the reports now belong to ``cluster_id``."""
        with self._tx() as conn:
            conn.executemany("UPDATE stream_reports SET cluster_id=? WHERE report_id=?",
                             [(cluster_id, rid) for rid in report_ids])

    def open_cluster_incident(self, cluster_id: str, title: str, operator: str) -> tuple[IncidentSummary, str, bool]:
        """Operator: "open incident from this cluster", once whoever asks: the incident already opened from the
        cluster when there is one, else a new incident with every report of the cluster attached.  One write
        transaction (BEGIN IMMEDIATE), so that two operators (two processes or two UI sessions on one log) asking at
        the same moment make one incident: the second waits for the first and gets its incident.  Returns (the
        incident, who opened it, whether this call opened it)."""
        with self._tx() as conn:
            # an incident closed since is no answer: the cluster's reports since its close make a new one
            row = conn.execute("SELECT i.incident_id, i.operator FROM stream_reports s JOIN incidents i"
                               " ON i.incident_id=s.incident_id AND i.status='open' WHERE s.cluster_id=? LIMIT 1",
                               (cluster_id,)).fetchone()
            if row is not None:
                incident_id, opener, created = row["incident_id"], row["operator"], False
            else:
                incident_id, opener, created = self._insert_incident(conn, title, operator), operator, True
                # the reports a closed incident holds stay its history
                n = conn.execute("UPDATE stream_reports SET incident_id=? WHERE cluster_id=? AND incident_id IS NULL",
                                 (incident_id, cluster_id)).rowcount
                self._log(conn, incident_id, "cluster_linked", {"cluster_id": cluster_id, "reports": n}, operator)
        return self.get_incident(incident_id), opener, created

    def link_cluster(self, cluster_id: str, incident_id: str, operator: str) -> int:
        """Attach every stream report of a cluster to an incident (operator: "open incident from this cluster")."""
        self.get_incident(incident_id)
        with self._tx() as conn:
            n = conn.execute("UPDATE stream_reports SET incident_id=? WHERE cluster_id=?", (incident_id, cluster_id)).rowcount
            self._log(conn, incident_id, "cluster_linked", {"cluster_id": cluster_id, "reports": n}, operator)
        return n

    def stream_reports(self, *, cluster_id: str | None = None, incident_id: str | None = None,
                       limit: int = 500) -> list[dict[str, Any]]:
        clauses, args = [], []
        if cluster_id:
            clauses.append("cluster_id=?")
            args.append(cluster_id)
        if incident_id:
            clauses.append("incident_id=?")
            args.append(incident_id)
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        rows = self._read(f"SELECT * FROM stream_reports{where} ORDER BY event_time, rowid LIMIT ?", [*args, limit])
        return [self._stream_row(r) for r in rows]

    @staticmethod
    def _stream_row(row: sqlite3.Row) -> dict[str, Any]:
        item = dict(row)
        item.pop("n_unread", None)
        item["triage"] = json.loads(item.pop("triage_json")) if row["triage_json"] else None
        item["detail"] = json.loads(item.pop("detail_json") or "{}")
        return item

    def count_stream_reports(self) -> int:
        return int(self._read_one("SELECT COUNT(*) AS n FROM stream_reports")["n"])

    def unread_untriaged_stream_reports(self, limit: int = NEEDS_READ_PAGE) -> tuple[list[dict[str, Any]], int]:
        """Stream reports the classifier did not read and no person has read yet, newest first (at most ``limit``),
        and how many there are in all: the Situation tab's "needs a human read" list, read from the log (so it
        survives a restart) in one query per screen refresh."""
        if limit <= 0:
            return [], self.count_unread_untriaged_stream_reports()
        rows = self._read(f"SELECT *, COUNT(*) OVER () AS n_unread FROM stream_reports WHERE {UNREAD_UNTRIAGED}"
                          " ORDER BY event_time DESC, rowid DESC LIMIT ?", (limit,))
        total = int(rows[0]["n_unread"]) if rows else 0
        return [self._stream_row(r) for r in rows], total

    def count_unread_untriaged_stream_reports(self) -> int:
        return int(self._read_one(f"SELECT COUNT(*) AS n FROM stream_reports WHERE {UNREAD_UNTRIAGED}")["n"])

    def mark_stream_report_read(self, report_id: str, operator: str, *, incident_type: str | None = None,
                                priority: str | None = None) -> dict[str, Any]:
        """An operator has read an untriaged stream report, optionally triaging it by hand (type, priority).  Who and
        when go into the report's triage (``reviewed_by``, ``reviewed_at``) and into the audit trail
        (``stream_report_read``); the model's verdict (``state``: untriaged) is kept as it was.  Returns the updated
        report."""
        row = (self._read_one("SELECT * FROM stream_reports WHERE report_id=?", (report_id,))
               if _id_like(report_id) else None)
        if row is None:
            raise UnknownIncidentError(f"no stream report with id {shown(report_id)}")
        triage = json.loads(row["triage_json"]) if row["triage_json"] else {}
        check_stream_review(report_id, triage.get("state"), triage.get("reviewed_by"), triage.get("reviewed_at"),
                            incident_type=incident_type, priority=priority)
        read_at = _now()
        triage.update(reviewed_by=operator, reviewed_at=read_at, incident_type=incident_type or None,
                      priority=priority or None)
        with self._tx() as conn:
            conn.execute("UPDATE stream_reports SET triage_json=? WHERE report_id=?",
                         (json.dumps(triage, ensure_ascii=False), report_id))
            self._log(conn, row["incident_id"], "stream_report_read",
                      {"report_id": report_id, "incident_type": incident_type or None, "priority": priority or None,
                       "read_at": read_at}, operator)
        return self._stream_row(self._read_one("SELECT * FROM stream_reports WHERE report_id=?", (report_id,)))

    # --- plans -----------------------------------------------------------
    def save_plan(self, plan: ResponsePlan, operator: str) -> None:
        with self._tx() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO plans (plan_id, incident_id, created_at, operator, plan_json) VALUES (?,?,?,?,?)",
                (plan.plan_id, plan.incident_id, _now(), operator, plan.model_dump_json()),
            )
            self._log(conn, plan.incident_id, "plan", {"plan_id": plan.plan_id, "warnings": plan.warnings}, operator)

    def approve_plan(self, plan_id: str, operator: str) -> None:
        row = self._read_one("SELECT incident_id FROM plans WHERE plan_id=?", (plan_id,)) if _id_like(plan_id) else None
        if row is None:
            raise UnknownIncidentError(f"no plan with id {shown(plan_id)}")
        with self._tx() as conn:
            conn.execute("UPDATE plans SET approved_by=?, approved_at=? WHERE plan_id=?", (operator, _now(), plan_id))
            self._log(conn, row["incident_id"], "plan_approved", {"plan_id": plan_id}, operator)

    def file_plan(self, plan_id: str, incident_id: str, operator: str) -> None:
        """File a plan made with no incident (a chat turn before any report) under ``incident_id``: what it commits (its
        shelter places) is then held by that incident and freed when it closes."""
        plan = self.get_plan(plan_id)
        self.get_incident(incident_id)
        filed = plan.model_copy(update={"incident_id": incident_id})
        with self._tx() as conn:
            conn.execute("UPDATE plans SET incident_id=?, plan_json=? WHERE plan_id=?", (incident_id, filed.model_dump_json(), plan_id))
            self._log(conn, incident_id, "plan_filed", {"plan_id": plan_id}, operator)

    def get_plan(self, plan_id: str) -> ResponsePlan:
        row = self._read_one("SELECT plan_json FROM plans WHERE plan_id=?", (plan_id,)) if _id_like(plan_id) else None
        if row is None:
            raise UnknownIncidentError(f"no plan with id {shown(plan_id)}")
        return ResponsePlan.model_validate_json(row["plan_json"])

    def latest_plan(self, incident_id: str) -> ResponsePlan | None:
        row = self._read_one(
            "SELECT plan_json FROM plans WHERE incident_id=? ORDER BY created_at DESC LIMIT 1", (incident_id,)
        )
        return ResponsePlan.model_validate_json(row["plan_json"]) if row else None

    def plans(self, incident_id: str) -> list[ResponsePlan]:
        """Every plan of an incident, the newest first."""
        rows = self._read("SELECT plan_json FROM plans WHERE incident_id=? ORDER BY created_at DESC, rowid DESC", (incident_id,))
        return [ResponsePlan.model_validate_json(row["plan_json"]) for row in rows]

    def report_rows(self, incident_id: str) -> list[tuple[str, str]]:
        """(text, when filed) of an incident's reports, the newest first."""
        rows = self._read("SELECT text, created_at FROM reports WHERE incident_id=? ORDER BY created_at DESC, rowid DESC", (incident_id,))
        return [(row["text"], row["created_at"]) for row in rows]

    def report_texts(self, incident_id: str) -> list[str]:
        """The texts of an incident's reports, the newest first."""
        rows = self._read("SELECT text FROM reports WHERE incident_id=? ORDER BY created_at DESC, rowid DESC", (incident_id,))
        return [row["text"] for row in rows]

    def plan_approval(self, plan_id: str) -> tuple[str, str] | None:
        row = self._read_one("SELECT approved_by, approved_at FROM plans WHERE plan_id=?", (plan_id,))
        return (row["approved_by"], row["approved_at"]) if row and row["approved_by"] else None

    # --- chat and tool calls ----------------------------------------------
    def add_message(self, incident_id: str, role: str, content: str, operator: str) -> None:
        with self._tx() as conn:
            conn.execute(
                "INSERT INTO messages (incident_id, role, content, created_at, operator) VALUES (?,?,?,?,?)",
                (incident_id, role, content, _now(), operator),
            )

    def chat_history(self, incident_id: str) -> list[dict[str, str]]:
        rows = self._read(
            "SELECT role, content FROM messages WHERE incident_id=? ORDER BY id", (incident_id,)
        )
        return [{"role": r["role"], "content": r["content"]} for r in rows]

    def log_event(self, incident_id: str | None, kind: str, payload: dict[str, Any], operator: str) -> None:
        with self._tx() as conn:
            self._log(conn, incident_id, kind, payload, operator)

    def events(self, incident_id: str | None = None, kind: str | None = None, since: str | None = None) -> list[AuditEvent]:
        """The log's events, oldest first; of one incident, of one kind, logged at or after ``since`` (ISO time)."""
        if incident_id and not _id_like(incident_id):  # no incident has that id: none of its events
            return []
        clauses, args = [], []
        if since:
            clauses.append("created_at >= ?")
            args.append(since)
        if incident_id:
            clauses.append("incident_id=?")
            args.append(incident_id)
        if kind:
            clauses.append("kind=?")
            args.append(kind)
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        rows = self._read(f"SELECT * FROM events{where} ORDER BY id", args)
        return [
            AuditEvent(incident_id=r["incident_id"], kind=r["kind"], payload=json.loads(r["payload_json"]),
                       created_at=r["created_at"], operator=r["operator"])
            for r in rows
        ]

    def open_incidents_active_since(self, since: str) -> list[dict[str, Any]]:
        """Open incidents with a report or their opening at or after ``since`` (ISO time), the most recently active
        first: incident id, type, priority, who opened it, when, and its last activity.  One query, for a chat report
        that may be about an incident another desk (or ``eca monitor``) already has open."""
        rows = self._read(
            "SELECT i.incident_id, i.incident_type, i.priority, i.operator, i.created_at,"
            " MAX(i.created_at, COALESCE((SELECT MAX(r.created_at) FROM reports r WHERE r.incident_id=i.incident_id), ''))"
            " AS last_active FROM incidents i WHERE i.status='open' AND last_active >= ? ORDER BY last_active DESC",
            (since,))
        return [dict(r) for r in rows]

    def opened_for_report(self, text: str, operator: str, since: str) -> str | None:
        """The newest open incident ``operator`` opened at or after ``since`` (ISO time) whose one report is ``text``:
        the incident a request that broke off after filing the report made (``Assistant.plan`` completes it)."""
        row = self._read_one(
            "SELECT i.incident_id FROM incidents i WHERE i.status='open' AND i.operator=? AND i.created_at >= ?"
            " AND (SELECT COUNT(*) FROM reports r WHERE r.incident_id=i.incident_id)=1"
            " AND (SELECT r.text FROM reports r WHERE r.incident_id=i.incident_id)=?"
            " ORDER BY i.created_at DESC LIMIT 1", (operator, since, text))
        return row["incident_id"] if row else None

    # --- read-only views for the situation picture (agent/situation.py) ---------------------
    def open_incident_rows(self) -> list[dict[str, Any]]:
        """Open incidents with their plan state, in one query (the sitrep must stay fast at hundreds of incidents)."""
        rows = self._read(
            "SELECT i.incident_id, i.title, i.created_at, i.incident_type, i.priority,"
            " (SELECT COUNT(*) FROM plans p WHERE p.incident_id=i.incident_id) AS n_plans,"
            " (SELECT COUNT(*) FROM plans p WHERE p.incident_id=i.incident_id AND p.approved_by IS NOT NULL) AS n_approved,"
            " (SELECT json_extract(p.plan_json, '$.location') FROM plans p WHERE p.incident_id=i.incident_id"
            "  ORDER BY p.created_at DESC LIMIT 1) AS location"
            " FROM incidents i WHERE i.status='open' ORDER BY i.created_at"
        )
        return [dict(r) for r in rows]

    def open_incident_areas(self) -> list[tuple[str, float, float, float]]:
        """(incident id, lat, lon, radius m): the protective circle (cordon or evacuation radius) of each open incident's
        latest plan, else the circle its evacuation was ordered as ("evacuate 300 m around Kamppi": plan_evacuation's
        hazard), in one query; incidents whose plan draws none are left out."""
        cordon = "json_extract(p.plan_json, '$.tool_outputs.plan_protective_action.isolation_m') IS NOT NULL"
        rows = self._read(
            "SELECT i.incident_id,"
            f" CASE WHEN {cordon} THEN json_extract(p.plan_json, '$.tool_outputs.plan_protective_action.lat')"
            "  ELSE json_extract(p.plan_json, '$.tool_outputs.plan_evacuation.hazard.center[0]') END AS lat,"
            f" CASE WHEN {cordon} THEN json_extract(p.plan_json, '$.tool_outputs.plan_protective_action.lon')"
            "  ELSE json_extract(p.plan_json, '$.tool_outputs.plan_evacuation.hazard.center[1]') END AS lon,"
            f" CASE WHEN {cordon} THEN json_extract(p.plan_json, '$.tool_outputs.plan_protective_action.isolation_m')"
            "  ELSE json_extract(p.plan_json, '$.tool_outputs.plan_evacuation.hazard.radius_m') END AS radius"
            " FROM incidents i JOIN plans p ON p.plan_id = (SELECT p2.plan_id FROM plans p2 WHERE p2.incident_id=i.incident_id"
            "  ORDER BY p2.created_at DESC, p2.rowid DESC LIMIT 1)"
            " WHERE i.status='open'"
        )
        return [(r["incident_id"], float(r["lat"]), float(r["lon"]), float(r["radius"])) for r in rows
                if r["lat"] is not None and r["lon"] is not None and r["radius"]]

    def approved_evacuation_loads(self) -> list[tuple[str, str, int]]:
        """(incident id, shelter id, people) that every open incident's approved plans hold (``held_places``); the places
        of an incident merged into an open one are held by the incident kept (its close frees them)."""
        return [(holder, shelter_id, people) for _incident, holder, _kind, shelter_id, people in self._held()]

    def approved_unsheltered(self) -> list[tuple[str, str | None, int]]:
        """(incident id, location, people) for every open incident whose latest approved area evacuation leaves people
        without a shelter place (``plan_evacuation.unserved_people``): the sitrep alerts them while the incident is
        open (s17 trial M4: 1,768 people of an approved evacuation had no place and no alert said so)."""
        # An incident merged into an open one counts under the incident kept, as its held places do (``_held``): a merge
        # moves the event, its evacuees are still without a place (review s18: the alert vanished with the merge).
        rows = self._read(
            "SELECT p.incident_id, i.status, json_extract(p.plan_json, '$.location') AS location,"
            " json_extract(p.plan_json, '$.tool_outputs.plan_evacuation.unserved_people') AS unserved"
            " FROM plans p JOIN incidents i ON i.incident_id=p.incident_id"
            " WHERE p.approved_by IS NOT NULL AND json_type(p.plan_json, '$.tool_outputs.plan_evacuation') IS NOT NULL"
            " AND (i.status='open' OR EXISTS (SELECT 1 FROM events e WHERE e.incident_id=i.incident_id AND e.kind='incident_closed'"
            "  AND json_extract(e.payload_json, '$.merged_into') IS NOT NULL))"
            " ORDER BY p.approved_at, p.rowid"
        )
        latest: dict[str, tuple[str | None, int]] = {}
        holders: dict[str, str | None] = {}
        for r in rows:  # oldest first: the latest approved evacuation of an incident replaces an earlier one
            incident_id = r["incident_id"]
            if incident_id not in holders:
                holders[incident_id] = incident_id if r["status"] == "open" else self._open_holder(incident_id)
            if holders[incident_id] is not None:
                latest[incident_id] = (r["location"], int(r["unserved"] or 0))
        return [(holders[incident] or incident, where, people) for incident, (where, people) in latest.items() if people > 0]

    def held_places(self) -> list[tuple[str, str, str, int]]:
        """(incident id, kind, shelter id, people) of every open incident: for each kind of move (an area evacuation,
        a building taken indoors; ``agent.shelter_places``), the places of its latest approved plan of that kind.  A
        later approved plan that moves nobody (the next report's dispatch) leaves them held: the evacuees are still
        in the shelters until the incident closes or its evacuation is re-planned.  An incident merged into an open one
        keeps its places under its own id (a re-plan of the incident kept replaces only that one's own places)."""
        return [(incident_id, kind, shelter_id, people) for incident_id, _holder, kind, shelter_id, people in self._held()]

    def _held(self) -> list[tuple[str, str, str, str, int]]:
        """(incident whose plan holds them, open incident holding them, kind, shelter id, people).  A merge moves an
        incident's reports and units to the one kept; its evacuees stay in the shelters, so its approved places stay
        held, by the incident kept, until that one closes (review s17: a merge had freed them all).  Kept while
        ``change_mark`` stays (the mark is taken before the read: a change during it moves the mark, and the next call
        reads again)."""
        mark = self.change_mark()
        cached = self._held_cache
        if cached is not None and cached[0] == mark:
            return list(cached[1])
        rows = self._read(
            "SELECT p.incident_id, i.status, json_type(p.plan_json, '$.tool_outputs.plan_evacuation') AS evacuation,"
            " json_extract(p.plan_json, '$.tool_outputs.plan_evacuation.assignments') AS assignments,"
            " json_extract(p.plan_json, '$.tool_outputs.plan_protective_action.primary') AS primary_action,"
            " json_extract(p.plan_json, '$.tool_outputs.plan_protective_action.shelters') AS shelters"
            " FROM plans p JOIN incidents i ON i.incident_id=p.incident_id"
            " WHERE p.approved_by IS NOT NULL AND (i.status='open' OR EXISTS (SELECT 1 FROM events e WHERE"
            "  e.incident_id=i.incident_id AND e.kind='incident_closed' AND json_extract(e.payload_json, '$.merged_into') IS NOT NULL))"
            " ORDER BY p.approved_at, p.rowid"
        )
        holders: dict[str, str | None] = {}
        latest: dict[tuple[str, str], dict[str, int]] = {}
        for r in rows:  # oldest first: a later approved plan of the same kind replaces the earlier one's places
            incident_id = r["incident_id"]
            if incident_id not in holders:
                holders[incident_id] = incident_id if r["status"] == "open" else self._open_holder(incident_id)
            if holders[incident_id] is None:
                continue
            outputs: dict[str, Any] = {}
            if r["evacuation"] is not None:
                outputs["plan_evacuation"] = {"assignments": json.loads(r["assignments"] or "[]")}
            if r["primary_action"] is not None:
                outputs["plan_protective_action"] = {"primary": r["primary_action"], "shelters": json.loads(r["shelters"] or "[]")}
            kind, loads = held_places(outputs)
            if kind is not None:
                latest[(incident_id, kind)] = loads
        held = [(incident_id, holders[incident_id] or incident_id, kind, shelter_id, people)
                for (incident_id, kind), loads in latest.items() for shelter_id, people in loads.items()]
        self._held_cache = (mark, held)
        return list(held)

    def _open_holder(self, incident_id: str) -> str | None:
        """The open incident a merged incident lives on (``merged_into``), or None when that one is closed too."""
        holder = self.merged_into(incident_id)
        return holder if holder is not None and self.get_incident(holder).status == "open" else None

    def latest_unit_statuses(self) -> dict[str, str]:
        """Unit id -> its latest confirmed status (events ``unit_status``): the record a restarted process restores
        into the city model, so a unit set out of service or committed stays so after the session that confirmed it."""
        rows = self._read(
            "SELECT json_extract(payload_json, '$.unit_id') AS unit_id, json_extract(payload_json, '$.status') AS status,"
            " MAX(id) FROM events WHERE kind='unit_status' GROUP BY json_extract(payload_json, '$.unit_id')"
        )
        return {r["unit_id"]: r["status"] for r in rows if r["unit_id"] and r["status"]}

    def unit_status_events_since(self, after_id: int) -> list[tuple[int, str, str]]:
        """(event id, unit id, status) of every confirmed status change logged after event ``after_id``, oldest first:
        what another process (a second `eca chat`, the web UI) confirmed since this one last looked.  One query on the
        events' primary key, so it stays cheap on a long log."""
        rows = self._read(
            "SELECT id, json_extract(payload_json, '$.unit_id') AS unit_id, json_extract(payload_json, '$.status') AS status"
            " FROM events WHERE id > ? AND kind='unit_status' ORDER BY id", (int(after_id),))
        return [(int(r["id"]), r["unit_id"], r["status"]) for r in rows if r["unit_id"] and r["status"]]

    def last_event_id(self) -> int:
        """The id of the newest event in the log (0 when empty)."""
        row = self._read_one("SELECT MAX(id) AS n FROM events")
        return int(row["n"] or 0) if row else 0

    def unit_commitments(self) -> dict[str, str | None]:
        """Unit id -> the incident of its latest confirmed status change (None when not tied to an incident)."""
        rows = self._read(
            "SELECT json_extract(payload_json, '$.unit_id') AS unit_id, incident_id, MAX(id) FROM events"
            " WHERE kind='unit_status' GROUP BY json_extract(payload_json, '$.unit_id')"
        )
        return {r["unit_id"]: r["incident_id"] for r in rows if r["unit_id"]}

    def change_mark(self) -> tuple[int, int]:
        """Changes whenever anything in the log changes, by this process or another one (SQLite's data version, which
        another connection's commit moves, and this connection's own change count): a reader may keep what it built
        from the log while the mark stays the same."""
        with self._lock:
            return int(self._conn.execute("PRAGMA data_version").fetchone()[0]), self._conn.total_changes

    def stream_cluster_report_rows(self, since: str, *, include_linked: bool = False) -> list[dict[str, Any]]:
        """The stream reports received since ``since`` (ISO time) that the monitor grouped into a candidate incident
        no operator has opened an incident from yet (their cluster, type, priority, place, incident, the start of their
        text; oldest first): what the situation picture lists as the stream's candidates.  ``include_linked``: also the
        clusters an incident was opened from (the Situation tab lists those too, with their incident)."""
        rows = self._read(
            "SELECT cluster_id, incident_id, received_at, event_time, substr(text, 1, 120) AS text,"
            " json_extract(triage_json, '$.incident_type') AS incident_type,"
            " json_extract(triage_json, '$.priority') AS priority, json_extract(detail_json, '$.place') AS place,"
            " json_extract(detail_json, '$.zone') AS zone FROM stream_reports"
            " WHERE cluster_id IS NOT NULL" + ("" if include_linked else " AND incident_id IS NULL")
            + " AND received_at >= ? ORDER BY received_at, rowid",
            (since,))
        return [dict(r) for r in rows]

    def recent_stream_reports(self, since: str, limit: int = 500) -> tuple[list[dict[str, Any]], int]:
        """The newest ``limit`` stream reports received since ``since`` (ISO time), oldest first, and how many were
        received since then in all: the Situation tab's counts and map when another process (``eca monitor``) wrote
        them."""
        # the count apart, on the reception index: a window function over the whole window read every row of it
        total = int(self._read_one("SELECT COUNT(*) AS n FROM stream_reports WHERE received_at >= ?", (since,))["n"])
        rows = self._read("SELECT * FROM stream_reports WHERE received_at >= ? ORDER BY received_at DESC, rowid DESC LIMIT ?",
                          (since, limit)) if total else []
        return [self._stream_row(r) for r in reversed(rows)], total

    def proposed_unit_rows(self) -> list[dict[str, Any]]:
        """(incident id, its priority, unit id) for every unit the latest plan of an open incident proposes to dispatch
        (committed or not: the board says which are)."""
        rows = self._read(
            "SELECT p.incident_id, i.priority, json_extract(a.value, '$.unit_id') AS unit_id"
            " FROM plans p JOIN incidents i ON i.incident_id=p.incident_id AND i.status='open',"
            " json_each(p.plan_json, '$.tool_outputs.plan_dispatch.assignments') a"
            " WHERE p.plan_id = (SELECT q.plan_id FROM plans q WHERE q.incident_id=p.incident_id"
            "  ORDER BY q.created_at DESC, q.rowid DESC LIMIT 1)"
        )
        return [dict(r) for r in rows if r["unit_id"]]

    def last_stream_cluster_number(self) -> int:
        """The highest number of a monitor cluster id (C00042 -> 42) in the log; 0 when none."""
        row = self._read_one("SELECT MAX(CAST(substr(cluster_id, 2) AS INTEGER)) AS n FROM stream_reports"
                             " WHERE cluster_id GLOB 'C[0-9]*'")
        return int(row["n"] or 0) if row else 0
