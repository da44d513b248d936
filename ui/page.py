"""The command-centre page's event handlers: each calls one action (``ui.actions``) and renders the result
as the page's components expect it (HTML views, map figure, downloads, notices)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from html import escape
from pathlib import Path
from typing import Any

import gradio as gr

from agent.answer_language import asks_in_chinese, decision_line
from agent.assistant import Assistant
from agent.render import tool_output_text
from agent.schemas import ChatEvent, IncidentView, ResponsePlan, TriageDecision
from core.settings import Settings
from core.vocabulary import INCIDENT_TYPES, PRIORITIES
from ui.actions import ACTION_ERRORS, Actions
from ui.export import export_plan
from ui.inputs import INPUT_ERRORS, read_upload
from ui.map import MapRenderer, RoadLayer, moved_geojson
from ui.views import (board_html, citations_block, incident_choices, log_rows, plan_html, proposal_choices, shelters_html,
                      sitrep_html, status_html, triage_html)

log = logging.getLogger(__name__)

TOOL_OUTPUT_CHARS = 1500


def new_session() -> dict[str, Any]:
    """What one browser session remembers (held in ``gr.State``, so sessions never share it)."""
    return {"incident_id": None, "report_id": None, "plan_id": None, "report_text": ""}


def _notice(message: str = "", *, level: str = "error") -> str:
    if not message:
        return ""
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


def decision_text(decision: TriageDecision) -> str:
    if decision.accepted:
        return f"Accepted by {decision.operator}: {decision.incident_type} / {decision.priority}"
    return (f"Corrected by {decision.operator}: {decision.model_type} / {decision.model_priority} → "
            f"{decision.incident_type} / {decision.priority} (saved as training data)")


def triage_view_html(view: IncidentView) -> str:
    """The latest report's triage: the model's bars, the operator's decision and the resulting type/priority."""
    if view.model_triage is None:
        return triage_html(None)
    final = (view.triage.incident_type, view.triage.priority) if view.decision and view.triage else None
    return triage_html(view.model_triage, report_id=view.report_id,
                       decision=decision_text(view.decision) if view.decision else None, final=final)


class CommandCentre:
    """The page's behaviour, independent of layout: each method is one operator action on the page."""

    def __init__(self, assistant: Assistant, *, settings: Settings | None = None, roads: RoadLayer | None = None):
        self.actions = Actions(assistant, settings)
        self.settings = self.actions.settings
        self.max_chars = self.actions.max_chars
        self.export_dir = Path(self.settings.cache_dir) / "exports"
        self.map = MapRenderer(roads if roads is not None else self._load_roads())

    # --- helpers ---------------------------------------------------------
    def _load_roads(self) -> RoadLayer | None:
        try:
            layer = RoadLayer.from_segments(list(zip(lons, lats)) for lons, lats in self.actions.road_segments())
            log.info("map: %d street segments", layer.segments)
            return layer
        except Exception as exc:  # the map is still useful without streets: plan features only
            log.warning("map: no street layer (%s)", exc)
            return None

    def operator(self, request: gr.Request | None) -> str:
        return self.actions.operator(request)

    def map_figure(self, plan: ResponsePlan | None) -> Any:
        if plan is None:
            return self.map.figure(None)
        moved = self.actions.relocation_since(plan)  # the incident moved after its plan: drawn where it is now
        return self.map.figure(moved_geojson(plan.geojson, moved) if moved else plan.geojson)

    def plan_views(self, incident_id: str | None) -> tuple[Any, Any]:
        """(plan panel, map) of the incident's latest plan as it stands now: after a confirmed change (a move of the
        incident) they must not go on showing the plan as it was drawn."""
        if not incident_id:
            return gr.skip(), gr.skip()
        try:
            view = self.actions.incident_view(incident_id)
        except ACTION_ERRORS:
            return gr.skip(), gr.skip()
        if view.plan is None:
            return gr.skip(), gr.skip()
        return plan_html(view.plan, approval=view.plan_approval), self.map_figure(view.plan)

    def exports(self, plan: ResponsePlan | None, approval: tuple[str, str] | None = None) -> tuple[Any, Any]:
        if plan is None:
            return gr.update(value=None, interactive=False), gr.update(value=None, interactive=False)
        md, js = export_plan(plan, self.export_dir, approval=approval or self.actions.plan_approval(plan.plan_id))
        return gr.update(value=str(md), interactive=True), gr.update(value=str(js), interactive=True)

    def incidents_update(self, selected: str | None) -> Any:
        choices = incident_choices(self.actions.incidents())
        ids = {value for _, value in choices}
        return gr.update(choices=choices, value=selected if selected in ids else None)

    def log_table_for(self, session: dict[str, Any]) -> list[list[str]]:
        return self.log_table(session.get("incident_id"))

    def log_table(self, incident_id: str | None) -> list[list[str]]:
        if not incident_id:  # a chat with no incident (a unit status change) still shows what it did
            return log_rows(self.actions.recent_log())
        return log_rows(self.actions.incident_log(incident_id))

    # --- actions -----------------------------------------------------------
    def status(self) -> str:
        try:
            return status_html(self.actions.status())
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
            text, record = self.actions.triage(text, session.get("incident_id"), self.operator(request))
        except ACTION_ERRORS as exc:
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
            _notice(record.note, level="warn") if record.note else _notice(),
        )

    def decide(self, accepted: bool, incident_type: str | None, priority: str | None,
               session: dict[str, Any], request: gr.Request) -> tuple[Any, ...]:
        report_id, incident_id = session.get("report_id"), session.get("incident_id")
        if not report_id:
            return gr.skip(), gr.skip(), gr.skip(), _notice("Triage a report first, then accept or correct it.")
        if not accepted and not (incident_type or priority):
            return gr.skip(), gr.skip(), gr.skip(), _notice("Choose the correct type and/or priority, then press Save correction.")
        try:
            self.actions.correct_triage(report_id, accepted, None if accepted else incident_type,
                                        None if accepted else priority, self.operator(request))
        except ACTION_ERRORS as exc:
            return gr.skip(), gr.skip(), gr.skip(), _notice(str(exc))
        view = self.actions.incident_view(incident_id)
        return (triage_view_html(view), self.incidents_update(incident_id), self.log_table(incident_id), _notice())

    def accept(self, session: dict[str, Any], request: gr.Request) -> tuple[Any, ...]:
        return self.decide(True, None, None, session, request)

    def correct(self, incident_type: str | None, priority: str | None, session: dict[str, Any],
                request: gr.Request) -> tuple[Any, ...]:
        return self.decide(False, incident_type, priority, session, request)

    def relocate(self, lat: float | None, lon: float | None, text: str, session: dict[str, Any],
                 request: gr.Request) -> tuple[Any, ...]:
        """Re-plan the current report at the point the operator set (a click on the map fills lat/lon)."""
        if lat is None or lon is None:
            return (gr.skip(),) * 7 + (_notice("Click the map (or type latitude and longitude) to set the location first."),)
        return self.plan(text, session, request, location=(float(lat), float(lon)))

    def plan(self, text: str, session: dict[str, Any], request: gr.Request,
             location: tuple[float, float] | None = None) -> tuple[Any, ...]:
        session = dict(session)
        try:
            text, plan = self.actions.plan(text or session.get("report_text", ""), session.get("incident_id"),
                                           self.operator(request), location=location)
        except ACTION_ERRORS as exc:
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
            approval = self.actions.approve(plan_id, self.operator(request))
            # approval dispatches nobody: its units are proposed (confirmed separately), or the notice says none is sent
            said = self.actions.propose_plan_dispatch(plan_id, self.operator(request))
        except ACTION_ERRORS as exc:
            return gr.skip(), gr.skip(), gr.skip(), gr.skip(), _notice(str(exc))
        if approval is None:  # never "approved" for a plan the record does not hold as approved
            return gr.skip(), gr.skip(), gr.skip(), gr.skip(), _notice(f"Plan {plan_id} was not approved.")
        incident_id = self.actions.plan_incident(plan_id) or incident_id  # a plan of no incident is filed under a new one
        plan = self.actions.latest_plan(incident_id) if incident_id else None
        if plan is None or plan.plan_id != plan_id:
            return gr.skip(), gr.skip(), gr.skip(), self.log_table(incident_id), _notice(said, level="info")
        md, js = self.exports(plan, approval)
        return (plan_html(plan, approval=approval), md, js, self.log_table(incident_id), _notice(said, level="info"))

    # --- the situation panel and proposals ------------------------------------------------
    def situation(self, session: dict[str, Any], select_newest: bool = True) -> tuple[Any, ...]:
        """(sitrep, unit board, shelter occupancy, pending proposals): refreshed after anything that may change them.
        ``select_newest``: the newest pending proposal is selected (a chat turn just filed it); after a Confirm or Reject
        none is (trial s20 M6: the next one was selected, and a second click confirmed a change never read)."""
        try:
            sitrep = self.actions.sitrep()
            pending = self.actions.pending_proposals(None)
        except Exception:  # the panel must never break the page
            log.exception("situation panel failed")
            return gr.skip(), gr.skip(), gr.skip(), gr.skip()
        choices = proposal_choices(pending)
        return (sitrep_html(sitrep), board_html(sitrep.board), shelters_html(sitrep.shelters),
                gr.update(choices=choices, value=choices[-1][1] if choices and select_newest else None))

    def decide_proposal(self, confirm: bool, proposal_id: str | None, session: dict[str, Any],
                        request: gr.Request, history: list[dict[str, Any]] | None = None) -> tuple[Any, ...]:
        """Confirm or reject the selected proposal; then the situation panel, the log and the chat show the result
        (the chat ended with "Awaiting your confirmation": the outcome is said there too, not only in a grey line)."""
        unchanged = (gr.skip(), gr.skip())  # plan panel and map
        if not proposal_id:
            return (_notice("Select a proposal first."), gr.skip()) + self.situation(session, select_newest=False) + unchanged + (gr.skip(),)
        try:
            decide = self.actions.confirm_proposal if confirm else self.actions.reject_proposal
            proposal = decide(proposal_id, self.operator(request))
        except ACTION_ERRORS as exc:  # a stale proposal (the facts changed since): the chat says so, never nothing
            said = f"✗ Not applied: {exc}" if confirm else f"✗ Not rejected: {exc}"
            chat = [*(history or []), {"role": "assistant", "content": said}]
            return (_notice(str(exc)), gr.skip()) + self.situation(session, select_newest=False) + unchanged + (chat,)
        done = "Confirmed" if confirm else "Rejected"
        log_table = self.log_table(session.get("incident_id") or proposal.incident_id)
        # said in the chat's language: the operator's last message (trial s20 L2: "Confirmed: ..." in a Chinese chat)
        asked = next((str(m.get("content") or "") for m in reversed(history or []) if m.get("role") == "user"), "")
        said = decision_line(proposal.summary, proposal.proposal_id, confirm, asks_in_chinese(asked))
        chat = [*(history or []), {"role": "assistant", "content": said}]
        shown = self.plan_views(session.get("incident_id")) if confirm else unchanged
        return ((_notice(f"{done}: {escape(proposal.summary)}", level="info"), log_table) + self.situation(session, select_newest=False)
                + shown + (chat,))

    def confirm(self, proposal_id: str | None, session: dict[str, Any], history: list[dict[str, Any]] | None,
                request: gr.Request) -> tuple[Any, ...]:
        return self.decide_proposal(True, proposal_id, session, request, history)

    def reject(self, proposal_id: str | None, session: dict[str, Any], history: list[dict[str, Any]] | None,
               request: gr.Request) -> tuple[Any, ...]:
        return self.decide_proposal(False, proposal_id, session, request, history)

    def new_incident(self, session: dict[str, Any]) -> tuple[Any, ...]:
        """Start afresh: the next report opens a new incident, even at the place of an open one (the reply to a report
        filed under an open incident says to press New incident and send it again); a question first keeps that."""
        md, js = self.exports(None)
        return ({**new_session(), "new_incident": True}, gr.update(value=None), [], triage_html(None), plan_html(None), self.map_figure(None),
                md, js, [], "", _notice("New incident: paste the first report and press Triage.", level="info"))

    def switch(self, incident_id: str | None, session: dict[str, Any]) -> tuple[Any, ...]:
        """Restore an incident's chat, latest triage and plan into this session."""
        if not incident_id:
            return self.new_incident(session)
        try:
            view = self.actions.incident_view(incident_id)
        except ACTION_ERRORS as exc:
            return (session, self.incidents_update(None)) + (gr.skip(),) * 8 + (_notice(str(exc)),)
        plan = view.plan
        md, js = self.exports(plan, view.plan_approval)
        session = {"incident_id": incident_id, "report_id": view.report_id, "plan_id": plan.plan_id if plan else None,
                   "report_text": view.report_text}
        return (session, gr.update(value=incident_id), _history_messages(view.chat_history),
                triage_view_html(view), plan_html(plan, approval=view.plan_approval),
                self.map_figure(plan), md, js, self.log_table(incident_id), view.report_text, _notice())

    def follow(self, incident_id: str | None, session: dict[str, Any]) -> tuple[Any, ...]:
        """The page goes to an incident opened elsewhere on it (from a Situation cluster): as a switch to it, with the
        selector's list drawn again so that it holds the new incident; nothing changes when none was opened."""
        if not incident_id:
            return (gr.skip(),) * 11
        restored = self.switch(incident_id, session)
        return (restored[0], self.incidents_update(incident_id), *restored[2:])

    def chat(self, message: str, history: list[dict[str, Any]], session: dict[str, Any],
             request: gr.Request) -> Iterator[tuple[Any, ...]]:
        """Stream one exchange: tool steps as collapsed messages, then the answer with its citations."""
        session = dict(session)
        history = list(history or [])
        skip6 = (gr.skip(),) * 6
        operator = self.operator(request)
        try:
            message, session["incident_id"] = self.actions.start_chat(message, session.get("incident_id"), operator,
                                                                      open_incident=True)
        except ACTION_ERRORS as exc:
            yield (gr.skip(), gr.skip(), session) + skip6[:5] + (_notice(str(exc)),)
            return
        history.append({"role": "user", "content": message})
        yield (history, "", session) + skip6[:5] + (_notice(),)

        # the incidents this page has been on: a report at one of their places goes back to it, and the page follows a
        # report that opened (or went to) another incident, as the reply says
        followed = list(session.get("incidents") or ([session["incident_id"]] if session["incident_id"] else []))
        answer: dict[str, Any] | None = None
        plan: ResponsePlan | None = None
        failure = ""
        try:
            for event in self.actions.chat(message, session["incident_id"], operator, followed,
                                           new_incident=bool(session.get("new_incident"))):
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
        if plan is not None and plan.incident_id and plan.incident_id != session["incident_id"]:
            session.update(incident_id=plan.incident_id, report_id=None, report_text="")  # the selector follows it
            session.pop("new_incident", None)  # the report opened it: the next one is a follow-up again
            session["incidents"] = [i for i in followed if i != plan.incident_id] + [plan.incident_id]
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
            text = tool_output_text(step.output)  # written out as text: no raw JSON in front of the operator
            output = text if len(text) <= TOOL_OUTPUT_CHARS else text[:TOOL_OUTPUT_CHARS] + " …"
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
