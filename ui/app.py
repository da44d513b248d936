"""The Gradio command-centre UI: report intake and triage, chat, plan, map, incidents.

``build_app(assistant)`` returns the ``gr.Blocks``; ``launch(settings)`` serves it
(loopback by default; any other address only with credentials).  Everything the
page needs is served by this process: no tiles, no web fonts, no analytics.
"""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr

from agent.assistant import Assistant
from core.vocabulary import INCIDENT_TYPES, PRIORITIES
from core.settings import Settings
from agent.schemas import ChatEvent, ResponsePlan, TriageSummary
from agent.store import UnknownIncidentError
from ui.export import export_plan
from ui.inputs import INPUT_ERRORS, UPLOAD_SUFFIXES, clean_text, read_upload
from ui.map import MapRenderer, RoadLayer
from ui.views import (
    CSS,
    LOG_COLUMNS,
    STATUS_PENDING,
    citations_block,
    incident_choices,
    log_rows,
    plan_html,
    status_html,
    triage_html,
)

log = logging.getLogger(__name__)


LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}
TOOL_OUTPUT_CHARS = 1500


class UIConfigError(ValueError):
    """The UI cannot start with these settings (message says what to set)."""


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_bind(host: str, username: str | None, password: str | None) -> tuple[str, str] | None:
    """Credentials to require, or None on loopback; refuses a non-loopback bind without them."""
    if username and password:
        return (username, password)
    if is_loopback(host):
        return None
    raise UIConfigError(
        f"refusing to serve the UI on {host}: a non-loopback address requires credentials; "
        "set ECA_UI_USERNAME and ECA_UI_PASSWORD (or bind to 127.0.0.1)"
    )


def new_session() -> dict[str, Any]:
    """What one browser session remembers (held in ``gr.State``, so sessions never share it)."""
    return {"incident_id": None, "report_id": None, "plan_id": None, "report_text": ""}


def _notice(message: str = "", *, level: str = "error") -> str:
    if not message:
        return ""
    from html import escape

    css = "eca-error" if level == "error" else "eca-warn" if level == "warn" else "eca-meta"
    return f'<div class="{css}" data-testid="notice">{escape(message)}</div>'


def _history_messages(history: list[dict[str, str]]) -> list[dict[str, Any]]:
    """Stored chat rows as Chatbot messages (roles other than user/assistant shown as collapsed steps)."""
    messages: list[dict[str, Any]] = []
    for row in history:
        role, content = row.get("role", "assistant"), row.get("content", "")
        if role in ("user", "assistant"):
            messages.append({"role": role, "content": content})
        else:
            messages.append({"role": "assistant", "content": content[:TOOL_OUTPUT_CHARS],
                             "metadata": {"title": f"{role}", "status": "done"}})
    return messages


class CommandCentre:
    """The UI's behaviour, independent of layout: each method is one operator action."""

    def __init__(self, assistant: Assistant, *, settings: Settings | None = None, roads: RoadLayer | None = None):
        self.assistant = assistant
        self.settings = settings or assistant.settings
        self.max_chars = int(getattr(self.settings, "ui_max_input_chars", 20_000))
        self.export_dir = Path(self.settings.cache_dir) / "exports"
        self.map = MapRenderer(roads if roads is not None else self._load_roads())

    # --- helpers ---------------------------------------------------------
    def _load_roads(self) -> RoadLayer | None:
        city = getattr(self.assistant, "city", None)
        try:
            if city is None:
                from tools.city import CityModel  # the scenario's own road network

                city = CityModel.load(settings=self.settings)
            layer = RoadLayer.from_city(city)
            log.info("map: %d street segments", layer.segments)
            return layer
        except Exception as exc:  # the map is still useful without streets: plan features only
            log.warning("map: no street layer (%s)", exc)
            return None

    def operator(self, request: gr.Request | None) -> str:
        username = getattr(request, "username", None) if request is not None else None
        return username or self.settings.operator

    def map_figure(self, plan: ResponsePlan | None) -> Any:
        return self.map.figure(plan.geojson if plan else None)

    def exports(self, plan: ResponsePlan | None) -> tuple[Any, Any]:
        if plan is None:
            return gr.update(value=None, interactive=False), gr.update(value=None, interactive=False)
        md, js = export_plan(plan, self.export_dir, approval=self.assistant.store.plan_approval(plan.plan_id))
        return gr.update(value=str(md), interactive=True), gr.update(value=str(js), interactive=True)

    def incidents_update(self, selected: str | None) -> Any:
        choices = incident_choices(self.assistant.store.list_incidents())
        ids = {value for _, value in choices}
        return gr.update(choices=choices, value=selected if selected in ids else None)

    def log_table(self, incident_id: str | None) -> list[list[str]]:
        if not incident_id:
            return []
        return log_rows(self.assistant.store.events(incident_id))

    def _last_triage(self, incident_id: str) -> tuple[str | None, str, dict[str, Any]]:
        """The incident's latest report id, its text, and the ``triage_html`` arguments that show it."""
        report_id, text = None, ""
        view: dict[str, Any] = {"triage": None}
        for event in self.assistant.store.events(incident_id):
            if event.kind == "report":
                report_id, text = event.payload.get("report_id"), event.payload.get("text", "")
                view = {"triage": None, "report_id": report_id}
            elif event.kind == "triage" and event.payload.get("report_id") == report_id:
                view["triage"] = TriageSummary.model_validate({k: v for k, v in event.payload.items() if k != "report_id"})
            elif event.kind == "triage_decision" and event.payload.get("report_id") == report_id:
                view["decision"] = _decision_text(event.payload, event.operator)
                view["final"] = (event.payload.get("incident_type"), event.payload.get("priority"))
        return report_id, text, view

    # --- actions -----------------------------------------------------------
    def status(self) -> str:
        try:
            return status_html(self.assistant.status())
        except Exception as exc:
            log.exception("status failed")
            return status_html(None, error=str(exc))

    def incidents(self, session: dict[str, Any]) -> Any:
        return self.incidents_update(session.get("incident_id"))

    def upload(self, path: str | None) -> tuple[Any, str]:
        try:
            text = read_upload(path)
            return text, _notice(f"Loaded {Path(path).name} ({len(text):,} characters). Press Triage.", level="info")
        except INPUT_ERRORS as exc:
            return gr.skip(), _notice(str(exc))

    def triage(self, text: str, session: dict[str, Any], request: gr.Request) -> tuple[Any, ...]:
        session = dict(session)
        try:
            text = clean_text(text, what="report", max_chars=self.max_chars)
            record = self.assistant.triage(text, session.get("incident_id"), self.operator(request))
        except INPUT_ERRORS as exc:
            return (gr.skip(), gr.skip(), gr.skip(), session, gr.skip(), gr.skip(), _notice(str(exc)))
        except Exception as exc:
            log.exception("triage failed")
            return (gr.skip(), gr.skip(), gr.skip(), session, gr.skip(), gr.skip(), _notice(f"Triage failed: {exc}"))
        session.update(incident_id=record.incident_id, report_id=record.report_id, report_text=text)
        t = record.triage
        return (
            triage_html(t, report_id=record.report_id),
            gr.update(value=t.incident_type if t.incident_type in INCIDENT_TYPES else None),
            gr.update(value=t.priority if t.priority in PRIORITIES else None),
            session,
            self.incidents_update(record.incident_id),
            self.log_table(record.incident_id),
            _notice(),
        )

    def decide(self, accepted: bool, incident_type: str | None, priority: str | None,
               session: dict[str, Any], request: gr.Request) -> tuple[Any, ...]:
        report_id, incident_id = session.get("report_id"), session.get("incident_id")
        if not report_id:
            return gr.skip(), gr.skip(), gr.skip(), _notice("Triage a report first, then accept or correct it.")
        if not accepted and not (incident_type or priority):
            return gr.skip(), gr.skip(), gr.skip(), _notice("Choose the correct type and/or priority, then press Save correction.")
        operator = self.operator(request)
        try:
            self.assistant.correct_triage(report_id, accepted=accepted, incident_type=None if accepted else incident_type,
                                          priority=None if accepted else priority, operator=operator)
        except (*INPUT_ERRORS, UnknownIncidentError, ValueError) as exc:
            return gr.skip(), gr.skip(), gr.skip(), _notice(str(exc))
        _, _, view = self._last_triage(incident_id)
        return (triage_html(**view), self.incidents_update(incident_id),
                self.log_table(incident_id), _notice())

    def accept(self, session: dict[str, Any], request: gr.Request) -> tuple[Any, ...]:
        return self.decide(True, None, None, session, request)

    def correct(self, incident_type: str | None, priority: str | None, session: dict[str, Any],
                request: gr.Request) -> tuple[Any, ...]:
        return self.decide(False, incident_type, priority, session, request)

    def plan(self, text: str, session: dict[str, Any], request: gr.Request) -> tuple[Any, ...]:
        session = dict(session)
        try:
            text = clean_text(text or session.get("report_text", ""), what="report", max_chars=self.max_chars)
            plan = self.assistant.plan(text, session.get("incident_id"), self.operator(request))
        except INPUT_ERRORS as exc:
            return (gr.skip(),) * 4 + (session, gr.skip(), gr.skip(), _notice(str(exc)))
        except Exception as exc:
            log.exception("plan failed")
            return (gr.skip(),) * 4 + (session, gr.skip(), gr.skip(), _notice(f"Planning failed: {exc}"))
        session.update(plan_id=plan.plan_id, incident_id=plan.incident_id or session.get("incident_id"), report_text=text)
        md, js = self.exports(plan)
        return (plan_html(plan), self.map_figure(plan), md, js, session,
                self.incidents_update(session["incident_id"]), self.log_table(session["incident_id"]), _notice())

    def approve(self, session: dict[str, Any], request: gr.Request) -> tuple[Any, ...]:
        plan_id, incident_id = session.get("plan_id"), session.get("incident_id")
        if not plan_id:
            return gr.skip(), gr.skip(), gr.skip(), gr.skip(), _notice("There is no plan to approve yet.")
        try:
            self.assistant.approve_plan(plan_id, self.operator(request))
        except (UnknownIncidentError, ValueError) as exc:
            return gr.skip(), gr.skip(), gr.skip(), gr.skip(), _notice(str(exc))
        plan = self.assistant.store.latest_plan(incident_id) if incident_id else None
        if plan is None or plan.plan_id != plan_id:
            return gr.skip(), gr.skip(), gr.skip(), self.log_table(incident_id), _notice("Plan approved.", level="info")
        md, js = self.exports(plan)
        return (plan_html(plan, approval=self.assistant.store.plan_approval(plan_id)), md, js,
                self.log_table(incident_id), _notice())

    def new_incident(self, session: dict[str, Any]) -> tuple[Any, ...]:
        """Start afresh: the next report opens a new incident."""
        md, js = self.exports(None)
        return (new_session(), gr.update(value=None), [], triage_html(None), plan_html(None), self.map_figure(None),
                md, js, [], "", _notice("New incident: paste the first report and press Triage.", level="info"))

    def switch(self, incident_id: str | None, session: dict[str, Any]) -> tuple[Any, ...]:
        """Restore an incident's chat, latest triage and plan into this session."""
        if not incident_id:
            return self.new_incident(session)
        store = self.assistant.store
        try:
            store.get_incident(incident_id)
        except UnknownIncidentError as exc:
            return (session, self.incidents_update(None)) + (gr.skip(),) * 8 + (_notice(str(exc)),)
        report_id, text, view = self._last_triage(incident_id)
        plan = store.latest_plan(incident_id)
        md, js = self.exports(plan)
        session = {"incident_id": incident_id, "report_id": report_id, "plan_id": plan.plan_id if plan else None,
                   "report_text": text}
        return (session, gr.update(value=incident_id), _history_messages(store.chat_history(incident_id)),
                triage_html(**view),
                plan_html(plan, approval=store.plan_approval(plan.plan_id) if plan else None),
                self.map_figure(plan), md, js, self.log_table(incident_id), text, _notice())

    def chat(self, message: str, history: list[dict[str, Any]], session: dict[str, Any],
             request: gr.Request) -> Iterator[tuple[Any, ...]]:
        """Stream one exchange: tool steps as collapsed messages, then the answer with its citations."""
        session = dict(session)
        history = list(history or [])
        skip6 = (gr.skip(),) * 6
        try:
            message = clean_text(message, what="message", max_chars=self.max_chars)
        except INPUT_ERRORS as exc:
            yield (gr.skip(), gr.skip(), session) + skip6[:5] + (_notice(str(exc)),)
            return
        operator = self.operator(request)
        if not session.get("incident_id"):
            incident = self.assistant.store.create_incident(message, operator)
            session["incident_id"] = incident.incident_id
        history.append({"role": "user", "content": message})
        yield (history, "", session) + skip6[:5] + (_notice(),)

        answer: dict[str, Any] | None = None
        plan: ResponsePlan | None = None
        failure = ""
        try:
            for event in self.assistant.chat(message, session["incident_id"], operator):
                answer = self._apply_event(event, history, answer)
                if event.kind == "final" and event.plan is not None:
                    plan = event.plan
                yield (history, gr.skip(), session) + skip6[:5] + (gr.skip(),)
        except INPUT_ERRORS as exc:
            failure = str(exc)
        except Exception as exc:  # e.g. the LLM server went away mid-stream: keep what we have
            log.exception("chat stream broke")
            failure = f"The assistant stopped answering ({type(exc).__name__}: {exc}). The conversation is kept; try again."
        if failure:
            history.append({"role": "assistant", "content": f"⚠ {failure}"})
        if plan is not None:
            session["plan_id"] = plan.plan_id
            md, js = self.exports(plan)
            yield (history, gr.skip(), session, plan_html(plan), self.map_figure(plan), md, js,
                   self.incidents_update(session["incident_id"]), _notice(failure) if failure else _notice())
        else:
            yield (history, gr.skip(), session, gr.skip(), gr.skip(), gr.skip(), gr.skip(),
                   self.incidents_update(session["incident_id"]), _notice(failure) if failure else gr.skip())

    @staticmethod
    def _apply_event(event: ChatEvent, history: list[dict[str, Any]], answer: dict[str, Any] | None) -> dict[str, Any] | None:
        if event.kind == "tool" and event.step is not None:
            step = event.step
            title = step.title or f"Tool: {step.name}"
            output = step.output if len(step.output) <= TOOL_OUTPUT_CHARS else step.output[:TOOL_OUTPUT_CHARS] + " …"
            history.append({"role": "assistant", "content": output or "(no output)",
                            "metadata": {"title": title if step.ok else f"{title} (failed)", "status": "done"}})
            return None  # the next text starts a new bubble below the step
        if event.kind == "error":
            history.append({"role": "assistant", "content": f"⚠ {event.text}"})
            return None
        if event.kind == "token":
            if answer is None:
                answer = {"role": "assistant", "content": ""}
                history.append(answer)
            answer["content"] += event.text
            return answer
        if event.kind == "final":
            if answer is None:
                answer = {"role": "assistant", "content": event.text}
                history.append(answer)
            elif event.text:
                # The final text is the checked answer: sentences the tools do not support were withheld,
                # so it replaces the raw tokens streamed so far.
                answer["content"] = event.text
            if event.citations:
                answer["content"] += citations_block(event.citations)
            return answer
        return answer


def _decision_text(payload: dict[str, Any], operator: str) -> str:
    if payload.get("accepted"):
        return f"Accepted by {operator}: {payload.get('incident_type')} / {payload.get('priority')}"
    return (f"Corrected by {operator}: {payload.get('model_type')} / {payload.get('model_priority')} → "
            f"{payload.get('incident_type')} / {payload.get('priority')} (saved as training data)")


def build_app(assistant: Assistant, *, settings: Settings | None = None, roads: RoadLayer | None = None) -> gr.Blocks:
    """The command-centre page and its API endpoints, bound to one assistant."""
    centre = CommandCentre(assistant, settings=settings, roads=roads)
    with gr.Blocks(title="Emergency command centre", analytics_enabled=False, fill_width=True) as demo:
        session = gr.State(new_session())
        with gr.Row():
            gr.HTML('<h2 style="margin:0">Emergency command centre</h2>', scale=2)
            status = gr.HTML(STATUS_PENDING, scale=7, elem_id="status")
            with gr.Column(scale=1, min_width=90):
                refresh = gr.Button("Refresh", size="sm", elem_id="refresh-btn")
        with gr.Row():
            incidents = gr.Dropdown(label="Open incidents", choices=[], value=None, interactive=True, scale=6,
                                    elem_id="incidents")
            new_btn = gr.Button("New incident", scale=1, min_width=120)
        notice = gr.HTML("", elem_id="notice")
        with gr.Row():
            with gr.Column(scale=4, min_width=360):
                report = gr.Textbox(label="Incoming report", lines=5, max_lines=12, elem_id="report",
                                    placeholder="Paste or type the report: what, where, how many people, hazards…")
                with gr.Row():
                    upload = gr.UploadButton("Upload report (.txt/.md)", file_types=list(UPLOAD_SUFFIXES), size="sm")
                    triage_btn = gr.Button("Triage", variant="primary", elem_id="triage-btn")
                    plan_btn = gr.Button("Plan response", variant="secondary", elem_id="plan-btn")
                triage_view = gr.HTML(triage_html(None), elem_id="triage")
                with gr.Row():
                    type_dd = gr.Dropdown(label="Correct type", choices=list(INCIDENT_TYPES), value=None,
                                          interactive=True, elem_id="type-dd")
                    prio_dd = gr.Dropdown(label="Correct priority", choices=list(PRIORITIES), value=None,
                                          interactive=True, elem_id="prio-dd")
                with gr.Row():
                    accept_btn = gr.Button("Accept triage", size="sm", elem_id="accept-btn")
                    correct_btn = gr.Button("Save correction", size="sm", variant="stop", elem_id="correct-btn")
            with gr.Column(scale=5, min_width=420):
                map_plot = gr.Plot(value=centre.map_figure(None), label="Map", elem_id="map")
                with gr.Row():
                    approve_btn = gr.Button("Approve plan", variant="primary", elem_id="approve-btn")
                    dl_md = gr.DownloadButton("Export Markdown", interactive=False, elem_id="export-md")
                    dl_json = gr.DownloadButton("Export JSON", interactive=False, elem_id="export-json")
                plan_view = gr.HTML(plan_html(None), elem_id="plan", padding=True)
            # Three columns on the wall screen: intake and triage | map and plan | conversation.
            with gr.Column(scale=4, min_width=360):
                chatbot = gr.Chatbot(label="Assistant", height=640, elem_id="chat", buttons=["copy"],
                                     feedback_options=None, sanitize_html=True)
                chat_in = gr.Textbox(placeholder="Ask the assistant, e.g. 'Plan the evacuation of Kamppi'",
                                     show_label=False, elem_id="chat-in", lines=1, max_lines=4)
                with gr.Row():
                    send_btn = gr.Button("Send", variant="primary", scale=3, elem_id="send-btn")
                    stop_btn = gr.Button("Stop", scale=1, min_width=60)
        with gr.Accordion("Incident log", open=False, elem_id="log-accordion"):
            log_table = gr.Dataframe(headers=LOG_COLUMNS, value=[], interactive=False, wrap=True, elem_id="log")

        _register_api(centre)  # first, so the public endpoints get the plain names
        private = {"api_visibility": "private"}
        # Two load events: the incident list is instant, the status may wait on the LLM (a local one loads first).
        demo.load(centre.incidents, [session], [incidents], **private)
        demo.load(centre.status, None, [status], **private)
        refresh.click(centre.incidents, [session], [incidents], **private)
        refresh.click(centre.status, None, [status], **private)
        upload.upload(centre.upload, [upload], [report, notice], **private)
        triage_btn.click(centre.triage, [report, session],
                         [triage_view, type_dd, prio_dd, session, incidents, log_table, notice], **private)
        report.submit(centre.triage, [report, session],
                      [triage_view, type_dd, prio_dd, session, incidents, log_table, notice], **private)
        accept_btn.click(centre.accept, [session], [triage_view, incidents, log_table, notice], **private)
        correct_btn.click(centre.correct, [type_dd, prio_dd, session], [triage_view, incidents, log_table, notice],
                          **private)
        plan_outputs = [plan_view, map_plot, dl_md, dl_json, session, incidents, log_table, notice]
        plan_btn.click(centre.plan, [report, session], plan_outputs, **private)
        approve_btn.click(centre.approve, [session], [plan_view, dl_md, dl_json, log_table, notice], **private)
        restore_outputs = [session, incidents, chatbot, triage_view, plan_view, map_plot, dl_md, dl_json, log_table,
                           report, notice]
        new_btn.click(centre.new_incident, [session], restore_outputs, **private)
        incidents.input(centre.switch, [incidents, session], restore_outputs, **private)
        chat_outputs = [chatbot, chat_in, session, plan_view, map_plot, dl_md, dl_json, incidents, notice]
        send_evt = send_btn.click(centre.chat, [chat_in, chatbot, session], chat_outputs, **private)
        submit_evt = chat_in.submit(centre.chat, [chat_in, chatbot, session], chat_outputs, **private)
        stop_btn.click(None, cancels=[send_evt, submit_evt])
    demo.queue(default_concurrency_limit=int(getattr(centre.settings, "ui_concurrency", 4)))
    demo.eca_centre = centre  # type: ignore[attr-defined]  # tests and benches reach the behaviour object
    return demo


def _api_error(exc: Exception) -> gr.Error:
    return gr.Error(str(exc), print_exception=False)


def _register_api(centre: CommandCentre) -> None:
    """Typed JSON endpoints (``gradio_client``): the same actions without the page."""
    assistant, operator = centre.assistant, f"{centre.settings.operator}-api"

    def triage(text: str, incident_id: str = "") -> dict:
        """Triage a report (opens an incident when incident_id is empty)."""
        try:
            text = clean_text(text, what="report", max_chars=centre.max_chars)
            record = assistant.triage(text, incident_id or None, operator)
        except (*INPUT_ERRORS, UnknownIncidentError) as exc:
            raise _api_error(exc) from None
        return {"report_id": record.report_id, "incident_id": record.incident_id, "triage": record.triage.model_dump()}

    def correct_triage(report_id: str, accepted: bool, incident_type: str = "", priority: str = "") -> dict:
        """Accept the model's triage, or correct its type and/or priority (stored as training data)."""
        try:
            assistant.correct_triage(report_id, accepted=accepted, incident_type=incident_type or None,
                                     priority=priority or None, operator=operator)
        except (*INPUT_ERRORS, UnknownIncidentError, ValueError) as exc:
            raise _api_error(exc) from None
        return {"report_id": report_id, "accepted": accepted}

    def plan(report: str, incident_id: str = "") -> dict:
        """Build a cited response plan for a report."""
        try:
            text = clean_text(report, what="report", max_chars=centre.max_chars)
            result = assistant.plan(text, incident_id or None, operator)
        except (*INPUT_ERRORS, UnknownIncidentError) as exc:
            raise _api_error(exc) from None
        return result.model_dump(mode="json")

    def approve_plan(plan_id: str) -> dict:
        """Mark a plan approved by the API operator."""
        try:
            assistant.approve_plan(plan_id, operator)
        except (UnknownIncidentError, ValueError) as exc:
            raise _api_error(exc) from None
        approval = assistant.store.plan_approval(plan_id)
        return {"plan_id": plan_id, "approved_by": approval[0] if approval else None}

    def chat(message: str, incident_id: str) -> dict:
        """One chat exchange, collected: the answer text, tool steps and citations."""
        try:
            text, steps, citations, plan_id, errors = "", [], [], None, []
            message = clean_text(message, what="message", max_chars=centre.max_chars)
            assistant.store.get_incident(incident_id)
            for event in assistant.chat(message, incident_id, operator):
                if event.kind == "token":
                    text += event.text
                elif event.kind == "tool" and event.step:
                    steps.append(event.step.model_dump(mode="json"))
                elif event.kind == "error":
                    errors.append(event.text)
                elif event.kind == "final":
                    text = event.text or text  # the checked answer replaces raw streamed tokens
                    citations = [c.model_dump(mode="json") for c in event.citations]
                    plan_id = event.plan.plan_id if event.plan else None
        except (*INPUT_ERRORS, UnknownIncidentError) as exc:
            raise _api_error(exc) from None
        except Exception as exc:  # the stream broke: return what arrived, and say why
            log.exception("api chat stream broke")
            errors.append(f"The assistant stopped answering ({type(exc).__name__}: {exc}).")
        return {"text": text, "steps": steps, "citations": citations, "plan_id": plan_id, "errors": errors}

    def status() -> dict:
        """LLM backend and reachability, triage model version, knowledge-base size."""
        return assistant.status().model_dump(mode="json")

    def incidents() -> list:
        """Open incidents, newest first."""
        return [i.model_dump(mode="json") for i in assistant.store.list_incidents()]

    def incident_log(incident_id: str) -> list:
        """The audit trail of one incident, oldest first."""
        try:
            assistant.store.get_incident(incident_id)
        except UnknownIncidentError as exc:
            raise _api_error(exc) from None
        return [e.model_dump(mode="json") for e in assistant.store.events(incident_id)]

    for fn in (triage, correct_triage, plan, approve_plan, chat, status, incidents, incident_log):
        gr.api(fn, api_name=fn.__name__)


@dataclass
class RunningUI:
    """A UI served in the background (tests, benchmarks)."""

    demo: gr.Blocks
    url: str

    def close(self) -> None:
        self.demo.close()


def launch(settings: Settings, assistant: Assistant | None = None, *, host: str | None = None,
           port: int | None = None, block: bool = True) -> RunningUI:
    """Serve the UI. Loopback by default; another address requires ECA_UI_USERNAME/ECA_UI_PASSWORD."""
    host = host or settings.ui_host
    port = settings.ui_port if port is None else port
    auth = check_bind(host, settings.ui_username, settings.ui_password)  # before any slow loading
    if assistant is None:
        assistant = Assistant.from_settings(settings)
    demo = build_app(assistant, settings=settings)
    centre: CommandCentre = demo.eca_centre  # type: ignore[attr-defined]
    _, local_url, _ = demo.launch(
        server_name=host, server_port=port, auth=auth, share=False, inbrowser=False, quiet=True,
        prevent_thread_lock=True, show_error=False, ssr_mode=False, mcp_server=False, pwa=False,
        enable_monitoring=False, allowed_paths=[str(centre.export_dir)], css=CSS,
        footer_links=["api"],
    )
    running = RunningUI(demo=demo, url=local_url)
    if block:
        try:
            demo.block_thread()
        finally:
            demo.close()
    return running
