"""The Situation tab: the live picture from the report stream (``agent.monitor``).

Live counts as a plotly time series, a map of recent reports, emerging clusters with their reports, spike / sentiment
/ rumour alerts, and "open incident from this cluster".  The monitor runs in its own worker thread; reports come from
the HTTP intake endpoint (``/monitor_intake``, for programs that push reports) or a followed feed
(``ECA_MONITOR_FEED``); the tab only reads snapshots on a timer, so it never blocks the chat.
"""

from __future__ import annotations

import logging
import queue
import sqlite3
import threading
import time
from collections.abc import Callable
from datetime import datetime, timezone
from html import escape
from typing import Any

import gradio as gr
import plotly.graph_objects as go

from agent.monitor.feed import FeedError, FeedRecord, IntakeStats, record_from_mapping
from agent.monitor.cluster_incident import open_from_log
from agent.monitor.stored import StoredStream, report_from_row
from agent.schemas import UNTRIAGED
from agent.situation import STREAM_WINDOW_MIN
from agent.store import NEEDS_READ_PAGE, IncidentStore
from core.vocabulary import INCIDENT_TYPES, PRIORITIES
from ui.map import RoadLayer, padded_bounds

log = logging.getLogger(__name__)

MAX_PUSH = 5_000          # records in one intake call
REFRESH_S = 3.0
CLUSTER_COLUMNS = ["cluster", "type", "priority", "reports", "place", "emerging", "incident", "first report"]
# (trial s19 L23: the incident column was squeezed to one letter a line) an incident id ("INC-17288440") fits on a line
CLUSTER_COLUMN_WIDTHS = ["9%", "12%", "7%", "7%", "18%", "8%", "13%", "26%"]
# A refresh waits at most this long for the monitor to finish the batch it is grouping; then it shows the last picture
# (a refresh runs on a server thread the chat's requests share: it must never wait on the monitor's work).
REFRESH_WAIT_S = 0.25
TYPE_COLOURS = {"fire": "#d62728", "flood": "#1f77b4", "medical": "#2ca02c", "traffic_accident": "#ff7f0e",
                "hazmat": "#9467bd", "public_security": "#8c564b", "severe_weather": "#17becf",
                "utility_outage": "#bcbd22", "earthquake_collapse": "#7f7f7f", "missing_person": "#e377c2",
                "public_health": "#aec7e8", "not_incident": "#c7c7c7", UNTRIAGED: "#000000"}


class Situation:
    """Owns the monitor pipeline (built lazily, on the first report) and the worker thread that feeds it."""

    def __init__(self, factory: Callable[[], Any], *, batch: int = 64, flush_s: float = 0.5,
                 store: IncidentStore | None = None, window_min: float = STREAM_WINDOW_MIN):
        self._factory = factory
        # The incident log the sitrep reads: what ``eca monitor`` stored from another process (or this one before a
        # restart) is shown from there, the same rows as the sitrep's stream candidates.
        self.store = store
        self.window_min = window_min
        self.pipeline = None
        self.batch, self.flush_s = batch, flush_s
        self.inbox: queue.Queue = queue.Queue(maxsize=50_000)
        self.stats = IntakeStats()
        self.error: str | None = None
        self._lock = threading.Lock()
        self._worker: threading.Thread | None = None
        self.operator: str | None = None  # who acts when no one is logged in (settings.operator)
        self._refreshing = threading.Lock()  # one refresh at a time: ticks of a busy monitor never pile up
        # the stored stream's picture, built again only when the log changed (a refresh every 3 s of a quiet log
        # costs one PRAGMA)
        self._stored = StoredStream(store, window_min) if store is not None else None
        self._last_views: tuple | None = None
        self.roads: RoadLayer | None = None  # the scenario's streets under the map (build_app gives the page's layer)

    @classmethod
    def from_settings(cls, settings) -> "Situation":
        def factory():
            from agent.monitor.cli import build_pipeline

            return build_pipeline(settings)

        situation = cls(factory, store=IncidentStore(settings.incident_db))
        situation.operator = getattr(settings, "operator", None)
        if getattr(settings, "monitor_feed", None):
            situation.follow(str(settings.monitor_feed))
        return situation

    # --- intake -------------------------------------------------------------------------------------
    def _ensure_worker(self) -> None:
        with self._lock:
            if self._worker is None:
                self._worker = threading.Thread(target=self._run, name="eca-monitor", daemon=True)
                self._worker.start()

    def _run(self) -> None:
        try:
            self.pipeline = self._factory()
        except Exception as exc:  # shown on the tab; the rest of the page keeps working
            log.exception("the monitor could not start")
            self.error = f"The monitor could not start: {exc}"
            return
        while True:
            batch = [self.inbox.get()]
            deadline = time.monotonic() + self.flush_s
            while len(batch) < self.batch:
                try:
                    batch.append(self.inbox.get(timeout=max(0.0, deadline - time.monotonic())))
                except queue.Empty:
                    break
            try:
                self.pipeline.process(batch)
            except Exception:
                log.exception("monitor batch failed; %d report(s) not processed", len(batch))

    def push(self, items: list[dict]) -> dict:
        """Validate and queue records (dicts as in a JSONL feed). Returns counts and the reasons for rejections."""
        if not isinstance(items, list):
            raise ValueError("send a JSON list of report objects, e.g. [{\"text\": \"...\", \"source\": \"call\"}]")
        if len(items) > MAX_PUSH:
            raise ValueError(f"{len(items):,} records in one call; send at most {MAX_PUSH:,}")
        accepted, rejected = 0, []
        for i, item in enumerate(items):
            rec = record_from_mapping(item, f"intake#{i}", self.stats) if isinstance(item, dict) else None
            if isinstance(rec, FeedRecord):
                if rec.timestamp is None:
                    rec.timestamp = time.time()
                self.inbox.put(rec)
                accepted += 1
                self.stats.accepted += 1
            else:
                reason = rec.reason if rec is not None else "not_an_object"
                self.stats.rejected[reason] += 1
                rejected.append({"index": i, "reason": reason, "detail": rec.detail if rec is not None else "not a JSON object"})
        if accepted:
            self._ensure_worker()
        return {"accepted": accepted, "rejected": rejected}

    def follow(self, feed: str) -> None:
        """Follow a file or folder in the background (``eca monitor --feed`` semantics)."""
        from agent.monitor.feed import follow

        def reader() -> None:
            # A feed that cannot be read (a binary file, a CSV without a text column) ended this thread with a
            # traceback in the server's log while the tab said "no stream reports yet (... set ECA_MONITOR_FEED)"
            # (s19): now the tab and /monitor_snapshot say that the feed stopped, and why.
            try:
                for item in follow(feed, follow=True, stats=self.stats):
                    if isinstance(item, FeedRecord):
                        self.inbox.put(item)
            except FeedError as exc:
                log.error("the monitor feed %s stopped: %s", feed, exc)
                self.error = f"The followed feed {feed} stopped: {exc}"
            except Exception as exc:  # noqa: BLE001 - any reader fault is said on the tab, not only in the log
                log.exception("the monitor feed %s stopped", feed)
                self.error = f"The followed feed {feed} stopped ({type(exc).__name__}: {exc})"

        self._ensure_worker()
        threading.Thread(target=reader, name="eca-monitor-feed", daemon=True).start()

    # --- views --------------------------------------------------------------------------------------
    def snapshot(self, wait_s: float | None = None) -> dict | None:
        """This process's monitor picture, with the clusters (and their alerts) that the incident log holds and this
        process does not: the stream an ``eca monitor`` in another process grouped.  None: no stream at all."""
        live = self.pipeline.snapshot(wait_s=wait_s) if self.pipeline is not None else None
        if self.store is None:
            return live
        try:
            stored = self._stored.picture() if self._stored is not None else None
        except (sqlite3.Error, OSError) as exc:  # the live picture is still shown
            log.error("the incident log could not be read for the stream picture (%s: %s)", type(exc).__name__, exc)
            return live
        if live is None or stored is None:
            return live or stored
        return _merged(live, stored)

    def views(self) -> tuple[str, go.Figure, go.Figure, list[list], str, Any, str, Any, Any]:
        """What the tab shows, for its refresh timer.  Never waits on the monitor: while another refresh is still
        being built, or the monitor holds its picture for longer than ``REFRESH_WAIT_S`` (a batch being grouped), the
        last picture is shown again with a line saying so (the refresh runs on a server thread the chat shares)."""
        if not self._refreshing.acquire(blocking=False):
            return self._busy_views()
        try:
            try:
                snap = self.snapshot(wait_s=REFRESH_WAIT_S)
            except TimeoutError:
                return self._busy_views()
            self._last_views = self._render(snap)
            return self._last_views
        finally:
            self._refreshing.release()

    def _busy_views(self) -> tuple:
        if self._last_views is None:
            return self._render(None, "Monitor busy with its first reports; the picture follows.")
        note = " (the monitor is busy with a batch: the picture above is from the last refresh)"
        status = self._last_views[0].replace("</div>", escape(note) + "</div>", 1)
        return (status, *self._last_views[1:])

    def _render(self, snap: dict | None, idle: str | None = None) -> tuple:
        if snap is None:
            msg = self.error or idle or "Monitor idle: no stream reports yet (push to /monitor_intake or set ECA_MONITOR_FEED)."
            return (_status_html(msg), _counts_figure(None), _map_figure([], self.roads), [], "", gr.update(choices=[], value=None),
                    _needs_read_html([], 0), gr.update(choices=[], value=None), gr.update(choices=[], value=None))
        clock = datetime.fromtimestamp(snap["clock"], tz=timezone.utc).strftime("%Y-%m-%d %H:%M UTC") if snap["clock"] else "-"
        if snap.get("stored"):  # no monitor in this process: the picture is the incident log's
            status = (f"From the incident log (eca monitor): {snap['processed']:,} stream reports in the last "
                      f"{self.window_min / 60:g} h, {snap['noise']:,} not incidents, {snap['open_clusters']} clusters; "
                      f"stream time {clock}")
        else:
            status = (f"{snap['processed']:,} reports processed, {snap['noise']:,} not incidents, "
                      f"{snap['open_clusters']} open clusters; stream time {clock}; "
                      f"intake: {self.stats.summary()}; waiting {self.inbox.qsize()}")
        if snap.get("from_log"):
            status += f"; {snap['from_log']} more cluster(s) from the incident log (eca monitor)"
        if self.error:
            status += f". {self.error}"
        err = self.pipeline.triage_error if self.pipeline is not None else None
        if err is not None:  # the reports were kept (untriaged); the operator must know they were not read
            status += (f". Triage failed ({type(err).__name__}: {err}): {self.pipeline.triage_failed:,} report(s) stored "
                       "untriaged, not grouped")
        if self.pipeline is not None and self.pipeline.store_error is not None:
            status += (f". The incident log could not be written ({type(self.pipeline.store_error).__name__}): "
                       f"{self.pipeline.unstored:,} report(s) NOT stored")
        if snap["needs_read_total"]:
            status += f". {snap['needs_read_total']:,} report(s) not triaged, waiting for a human read (list below)"
        rows = []
        for c in snap["clusters"]:
            rows.append([c["cluster_id"], c["incident_type"], c["priority"], c["size"], c.get("location") or c["place"] or "",
                         "yes" if c["emerging"] else "", c["incident_id"] or "", c["title"]])
        # (label, value) choices: the operator reads the label, the handlers get the id itself
        choices = [(f"{c['cluster_id']} · {c['incident_type']} · {c['priority']} · x{c['size']}", c["cluster_id"]) for c in snap["clusters"]]
        unread = [(f"{r.report_id} · {r.source} · {r.text[:60]}", r.report_id) for r in reversed(snap["needs_read"])]
        unconfirmed = [(f"{a.cluster_id} · {a.message[:80]}", a.cluster_id) for a in reversed(snap["unconfirmed"])]
        return (_status_html(status), _counts_figure(snap["counts"]), _map_figure(snap["recent"], self.roads), rows,
                _alerts_html(snap["alerts"]), gr.update(choices=choices),
                _needs_read_html(snap["needs_read"], snap["needs_read_total"]), gr.update(choices=unread),
                gr.update(choices=unconfirmed))

    def cluster_reports(self, cid: str | None) -> str:
        if not cid:
            return ""
        wanted = {r.report_id: r for r in self.pipeline.recent if r.cluster_id == cid} if self.pipeline is not None else {}
        if not wanted and self.store is not None:  # a cluster the incident log holds (eca monitor in another process)
            wanted = {r["report_id"]: report_from_row(r) for r in self.store.stream_reports(cluster_id=cid)[-50:]}
        items = "".join(f"<li><b>{escape(r.source)}</b> {escape(r.incident_type)} {escape(r.priority)} — "
                        f"{escape(r.text[:200])}<br><small>{escape(r.reason)}</small></li>" for r in wanted.values())
        return f'<ul data-testid="cluster-reports">{items or "<li>(reports older than the recent window)</li>"}</ul>'

    def open_incident(self, cid: str | None, request: gr.Request | None = None) -> str:
        return self.open_and_follow(cid, request)[0]

    def open_and_follow(self, cid: str | None, request: gr.Request | None = None) -> tuple[str, str, str | None]:
        """(status line, the notice under the button, the incident opened or None): the page says what happened where
        the operator clicked, and the command centre follows the incident (trial s19 L19: no notice, no switch)."""
        if not cid or (self.pipeline is None and self.store is None):
            return _status_html("Choose a cluster first."), _open_notice("Choose a cluster first.", ok=False), None
        operator = self._operator(request)
        try:
            if self.pipeline is not None:  # falls back on the incident log for a cluster it does not hold
                opening = self.pipeline.open_incident_from(cid, operator)
            else:
                opening = open_from_log(self.store, cid, operator)
        except (KeyError, RuntimeError) as exc:
            said = f"Could not open an incident: {exc}"
            return _status_html(said), _open_notice(said, ok=False), None
        said = opening.text()  # says so when another operator had opened it already
        return (_status_html(said), _open_notice(f"{said} The Command centre tab now shows {opening.incident_id}."),
                opening.incident_id)

    def dismiss_alert(self, cluster_id: str | None, reason: str | None,
                      request: gr.Request | None = None) -> tuple[str, str | None]:
        """Operator: an unconfirmed new-incident alert (one report's words) is not an incident; recorded with the
        reason under their name.  A later confirming burst still raises the cluster's "confirmed" alert.  Returns the
        status line and the reason box (cleared once recorded)."""
        if not cluster_id or self.pipeline is None:
            return _status_html("Choose an unconfirmed alert first."), reason
        operator = self._operator(request)
        try:
            self.pipeline.dismiss_alert(cluster_id, reason or "", operator)
        except (LookupError, ValueError, RuntimeError) as exc:
            return _status_html(f"Could not dismiss the alert on {cluster_id}: {exc}"), reason
        return _status_html(f"Unconfirmed alert on {cluster_id} dismissed by {operator}; recorded in the incident log."), ""

    def _operator(self, request: gr.Request | None) -> str:
        return (getattr(request, "username", None) or self.operator
                or (self.pipeline.config.operator if self.pipeline is not None else "operator"))

    def mark_read(self, report_id: str | None, incident_type: str | None, priority: str | None,
                  request: gr.Request | None = None) -> str:
        """Operator: an untriaged report has been read (and, optionally, triaged by hand); recorded under their name."""
        if not report_id or (self.pipeline is None and self.store is None):
            return _status_html("Choose an untriaged report first.")
        operator = self._operator(request)
        try:
            if self.pipeline is not None:
                self.pipeline.mark_read(report_id, operator, incident_type=incident_type or None, priority=priority or None)
            else:  # listed from the incident log (eca monitor in another process)
                self.store.mark_stream_report_read(report_id, operator, incident_type=incident_type or None,
                                                   priority=priority or None)
        except (LookupError, ValueError) as exc:
            return _status_html(f"Could not mark {report_id} as read: {exc}")
        given = " as " + " ".join(x for x in (incident_type, priority) if x) if incident_type or priority else ""
        return _status_html(f"Report {report_id} marked read{given} by {operator}; recorded in the incident log.")


def _merged(live: dict, stored: dict) -> dict:
    """This process's picture plus the clusters only the incident log holds (and their alerts)."""
    held = {c["cluster_id"] for c in live["clusters"]}
    extra = [c for c in stored["clusters"] if c["cluster_id"] not in held]
    if not extra:
        return live
    ids = {c["cluster_id"] for c in extra}
    return {**live, "clusters": live["clusters"] + extra, "open_clusters": live["open_clusters"] + len(extra),
            "from_log": len(extra), "alerts": live["alerts"] + [a for a in stored["alerts"] if a.cluster_id in ids]}


def _open_notice(text: str, *, ok: bool = True) -> str:
    return f'<div class="{"eca-meta" if ok else "eca-error"}" data-testid="situation-open-notice">{escape(text)}</div>'


def _status_html(text: str) -> str:
    return f'<div class="eca-meta" data-testid="situation-status">{escape(text)}</div>'


def _alerts_html(alerts: list) -> str:
    if not alerts:
        return '<div data-testid="situation-alerts">No alerts.</div>'
    css = {"emerging": "eca-warn", "confirmed": "eca-warn", "escalation": "eca-error", "warning": "eca-warn", "spike": "eca-warn", "sentiment": "eca-meta", "rumour": "eca-error"}
    items = "".join(
        f'<li class="{css.get(a.kind, "eca-meta")}"><b>{escape(a.kind)}</b> '
        f'{datetime.fromtimestamp(a.time, tz=timezone.utc).strftime("%H:%M")} {escape(a.message)}</li>'
        for a in reversed(alerts[-30:]))
    return f'<ul data-testid="situation-alerts">{items}</ul>'


def _needs_read_html(reports: list, total: int) -> str:
    """Reports the classifier did not read (triage failed or refused them) and no person has read yet: any one could be
    a P1, so a person reads them; newest first (the newest ``NEEDS_READ_PAGE`` of ``total``)."""
    if not reports and not total:
        return '<div data-testid="situation-needs-read"></div>'
    items = "".join(f"<li><b>{escape(r.source)}</b> {datetime.fromtimestamp(r.time, tz=timezone.utc).strftime('%H:%M')} "
                    f"{escape(r.text[:300])}<br><small>{escape(r.reason)}</small></li>" for r in reversed(reports[-NEEDS_READ_PAGE:]))
    return (f'<div class="eca-error" data-testid="situation-needs-read"><b>Not triaged: needs a human read '
            f'({total:,})</b><ul>{items}</ul>'
            + (f"<small>the newest {len(reports)} shown</small>" if total > len(reports) else "") + "</div>")


def _empty_figure(fig: go.Figure, message: str) -> go.Figure:
    """A plot with nothing to draw says so in words, not with bare axes that look like a stream of zeros."""
    fig.update_layout(xaxis={"visible": False}, yaxis={"visible": False},
                      annotations=[{"text": message, "xref": "paper", "yref": "paper", "x": 0.5, "y": 0.5,
                                    "showarrow": False, "font": {"size": 14}}])
    return fig


def _counts_figure(counts: dict | None) -> go.Figure:
    fig = go.Figure()
    for key, points in ((counts or {}).get("type=") or {}).items():
        fig.add_trace(go.Scatter(x=[datetime.fromtimestamp(t, tz=timezone.utc) for t, _ in points], y=[n for _, n in points],
                                 mode="lines+markers", name=key.split("=", 1)[1], line={"color": TYPE_COLOURS.get(key.split("=", 1)[1])}))
    fig.update_layout(height=260, margin={"l": 30, "r": 10, "t": 30, "b": 30}, title="Reports per 5 min by type",
                      legend={"orientation": "h"})
    return fig if fig.data else _empty_figure(fig, "No stream reports yet")


def _map_figure(recent: list, roads: RoadLayer | None = None) -> go.Figure:
    """Recent located reports over the scenario's streets (trial s19 L23: bare axes gave the operator no bearings),
    framed on the reports."""
    fig = go.Figure()
    if roads is not None and roads.segments:
        fig.add_trace(roads.trace())
    located = [r for r in recent if r.lat is not None]
    for type_ in sorted({r.incident_type for r in located}):
        pts = [r for r in located if r.incident_type == type_]
        fig.add_trace(go.Scatter(x=[r.lon for r in pts], y=[r.lat for r in pts], mode="markers", name=type_,
                                 marker={"size": 9, "color": TYPE_COLOURS.get(type_)},
                                 text=[f"{r.priority} {r.cluster_id or ''}: {r.text[:80]}" for r in pts], hoverinfo="text"))
    fig.update_layout(height=320, margin={"l": 30, "r": 10, "t": 30, "b": 30}, title="Recent located reports",
                      yaxis={"scaleanchor": "x", "scaleratio": 2.0})  # ~equal ground scale at 60° N
    if located:
        bounds = padded_bounds((min(r.lon for r in located), min(r.lat for r in located),
                          max(r.lon for r in located), max(r.lat for r in located)), share=0.25, min_span=0.01)
        fig.update_xaxes(range=[bounds[0], bounds[2]])
        fig.update_yaxes(range=[bounds[1], bounds[3]])
        return fig
    if roads is not None and roads.segments:
        fig.update_layout(annotations=[{"text": f"None of the {len(recent):,} recent reports gives a place on the map"
                                        if recent else "No stream reports yet", "xref": "paper", "yref": "paper",
                                        "x": 0.5, "y": 0.95, "showarrow": False, "font": {"size": 14}}])
        return fig
    return _empty_figure(fig, f"None of the {len(recent):,} recent reports gives a place on the map" if recent
                         else "No stream reports yet")


def build_situation_tab(situation: Situation) -> tuple[Any, Any]:
    """The tab's components and events (call inside the Blocks context).  Returns (the "open incident" event, the state
    holding the incident it opened): the page chains the command centre's switch to it."""
    with gr.Tab("Situation", elem_id="situation-tab"):
        status = gr.HTML(_status_html("Monitor idle."), elem_id="situation-status")
        with gr.Row():
            counts = gr.Plot(label="Counts", elem_id="situation-counts")
            rmap = gr.Plot(label="Map", elem_id="situation-map")
        with gr.Row():
            with gr.Column(scale=3):
                clusters = gr.Dataframe(headers=CLUSTER_COLUMNS, value=[], interactive=False, wrap=True,
                                        column_widths=CLUSTER_COLUMN_WIDTHS, elem_id="situation-clusters")
                with gr.Row():
                    choice = gr.Dropdown(label="Cluster", choices=[], value=None, interactive=True, elem_id="situation-choice")
                    open_btn = gr.Button("Open incident from this cluster", variant="primary", elem_id="situation-open")
                open_notice = gr.HTML("", elem_id="situation-open-notice")
                members = gr.HTML("", elem_id="situation-members")
                opened = gr.State(None)
            with gr.Column(scale=2):
                needs_read = gr.HTML("", elem_id="situation-needs-read")
                with gr.Row():
                    read_choice = gr.Dropdown(label="Untriaged report", choices=[], value=None, interactive=True,
                                              elem_id="situation-read-choice")
                    read_type = gr.Dropdown(label="Type (optional)", choices=list(INCIDENT_TYPES), value=None,
                                            interactive=True, elem_id="situation-read-type")
                    read_priority = gr.Dropdown(label="Priority (optional)", choices=list(PRIORITIES), value=None,
                                                interactive=True, elem_id="situation-read-priority")
                read_btn = gr.Button("Mark read / triaged", elem_id="situation-read")
                alerts = gr.HTML("", elem_id="situation-alerts")
                with gr.Row():  # a new incident alerted on one report's words: the operator confirms it or sets it aside
                    dismiss_choice = gr.Dropdown(label="Unconfirmed alert", choices=[], value=None, interactive=True,
                                                 elem_id="situation-dismiss-choice")
                    dismiss_reason = gr.Textbox(label="Why dismiss it", placeholder="e.g. an old story, another country",
                                                elem_id="situation-dismiss-reason")
                dismiss_btn = gr.Button("Dismiss unconfirmed alert", elem_id="situation-dismiss")
    timer = gr.Timer(REFRESH_S)
    private = {"api_visibility": "private"}
    outputs = [status, counts, rmap, clusters, alerts, choice, needs_read, read_choice, dismiss_choice]
    timer.tick(situation.views, None, outputs, queue=False, **private)
    # .change, not .input: the members follow the value the dropdown holds, never the one before (trial s19 L19: the
    # panel lagged a cluster behind); a refresh sets the choices only, not the value
    choice.change(situation.cluster_reports, [choice], [members], **private)
    open_evt = open_btn.click(situation.open_and_follow, [choice], [status, open_notice, opened], **private)
    read_btn.click(situation.mark_read, [read_choice, read_type, read_priority], [status], **private)
    dismiss_btn.click(situation.dismiss_alert, [dismiss_choice, dismiss_reason], [status, dismiss_reason], **private)
    return open_evt, opened


def register_intake_api(situation: Situation) -> None:
    """``/monitor_intake(reports)``: programs push a list of report objects (text, timestamp, source, lat, lon, id)."""

    def monitor_intake(reports: list) -> dict:
        """Push stream reports to the monitor; returns how many were accepted and why others were rejected."""
        try:
            return situation.push(reports)
        except ValueError as exc:
            raise gr.Error(str(exc), print_exception=False) from None

    def monitor_snapshot() -> dict:
        """The situation picture: counts, open clusters, recent alerts."""
        snap = situation.snapshot()
        if snap is None:
            return {"processed": 0, "clusters": [], "alerts": [], "untriaged": 0, "needs_read": [], "needs_read_total": 0,
                    "error": situation.error}
        return {"processed": snap["processed"], "open_clusters": snap["open_clusters"], "clusters": snap["clusters"],
                "untriaged": snap["untriaged"],  # not read by the classifier: a person must read them
                "needs_read": [{"report_id": r.report_id, "time": r.time, "source": r.source, "text": r.text,
                                "reason": r.reason} for r in snap["needs_read"]],
                "needs_read_total": snap["needs_read_total"],  # in the incident log, not only this run's
                "alerts": [a.public_record() for a in snap["alerts"]],
                "error": situation.error}  # the monitor could not start, or its followed feed stopped

    gr.api(monitor_intake, api_name="monitor_intake")
    gr.api(monitor_snapshot, api_name="monitor_snapshot")
