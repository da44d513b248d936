"""The command centre's actions, one method each, shared by the page (``ui.page``) and the JSON API
(``ui.api``): both call these and only render what they return.

Input is checked here (``clean_text``); failures are raised as ``ACTION_ERRORS`` whose
messages are shown to the operator as they are.  Every action is done in the name of the
operator who is logged in (``operator_name``), whichever door it came through.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from agent.schemas import Proposal
from agent.situation import Sitrep
from agent.assistant import Assistant, TriageRecord, UnknownIncidentError
from agent.long_message import MAX_PASTE_CHARS
from agent.schemas import ChatEvent, Citation, IncidentSummary, IncidentView, ResponsePlan, SystemStatus, ToolStep
from agent.store import AuditEvent
from core.settings import Settings
from ui.inputs import INPUT_ERRORS, clean_text

log = logging.getLogger(__name__)

ACTION_ERRORS: tuple[type[Exception], ...] = (*INPUT_ERRORS, UnknownIncidentError, ValueError)


def operator_name(request: Any, settings: Settings) -> str:
    """Who is acting: the logged-in user (Gradio's ``request.username``), else the configured operator."""
    username = getattr(request, "username", None) if request is not None else None
    return username or settings.operator


@dataclass
class ChatReply:
    """One chat exchange, collected (what the API returns)."""

    text: str = ""
    steps: list[ToolStep] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    plan: ResponsePlan | None = None
    errors: list[str] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)  # filed this turn, awaiting an operator's confirmation
    incident_id: str | None = None  # the incident the turn ended on: the one a report opened or went to, as the page follows it


class Actions:
    def __init__(self, assistant: Assistant, settings: Settings | None = None):
        self.assistant = assistant
        self.settings = settings or assistant.settings
        # the longest text the page takes in; the assistant reads a longer one than ui_max_input_chars in part and says
        # what it kept (agent.long_message): a pasted call log with an emergency inside is never refused for its length
        self.max_chars = max(int(self.settings.ui_max_input_chars), MAX_PASTE_CHARS)

    def operator(self, request: Any) -> str:
        return operator_name(request, self.settings)

    # --- reports, triage and plans ---------------------------------------
    def triage(self, text: str, incident_id: str | None, operator: str) -> tuple[str, TriageRecord]:
        """(the cleaned report text, its triage record); opens an incident when ``incident_id`` is empty."""
        text = clean_text(text, what="report", max_chars=self.max_chars)
        return text, self.assistant.triage(text, incident_id or None, operator)

    def correct_triage(self, report_id: str, accepted: bool, incident_type: str | None, priority: str | None,
                       operator: str) -> None:
        self.assistant.correct_triage(report_id, accepted=accepted, incident_type=incident_type or None,
                                      priority=priority or None, operator=operator)

    def plan(self, text: str, incident_id: str | None, operator: str,
             location: tuple[float, float] | None = None) -> tuple[str, ResponsePlan]:
        """(the cleaned report text, its response plan); ``location`` (lat, lon) set on the map overrides the report's."""
        text = clean_text(text, what="report", max_chars=self.max_chars)
        return text, self.assistant.plan(text, incident_id or None, operator, location=location)

    def approve(self, plan_id: str, operator: str) -> tuple[str, str] | None:
        return self.assistant.approve_plan(plan_id, operator)

    def plan_incident(self, plan_id: str) -> str | None:
        """The incident a plan is filed under (None for none)."""
        return self.assistant.plan_incident(plan_id)

    def propose_plan_dispatch(self, plan_id: str, operator: str) -> str:
        return self.assistant.propose_plan_dispatch(plan_id, operator)

    # --- chat --------------------------------------------------------------
    def start_chat(self, message: str, incident_id: str | None, operator: str, *,
                   open_incident: bool) -> tuple[str, str | None]:
        """(cleaned message, incident id): checks the message and the incident.  With ``open_incident`` a session with
        no incident yet goes on with None: the assistant opens one only for a report (a question opens none)."""
        message = clean_text(message, what="message", max_chars=self.max_chars)
        if incident_id:
            self.assistant.incident(incident_id)
        elif not open_incident:
            raise UnknownIncidentError("no incident id given")
        return message, incident_id or None

    def chat(self, message: str, incident_id: str | None, operator: str,
             session_incidents: Sequence[str] = (), *, new_incident: bool = False) -> Iterator[ChatEvent]:
        return self.assistant.chat(message, incident_id, operator, session_incidents=tuple(session_incidents),
                                   new_incident=new_incident)

    def chat_collected(self, message: str, incident_id: str | None, operator: str) -> ChatReply:
        """One exchange, collected: the checked answer, tool steps, citations, the turn's plan, its proposals, the
        incident it ended on and any errors.  ``incident_id`` None: a session with no incident yet, as the page's
        first message (a report opens one, named by the turn's plan; a question opens none)."""
        reply = ChatReply(incident_id=incident_id)
        try:
            for event in self.chat(message, incident_id, operator):
                if event.kind == "token":
                    reply.text += event.text
                elif event.kind == "tool" and event.step:
                    reply.steps.append(event.step)
                elif event.kind == "error":
                    reply.errors.append(event.text)
                elif event.kind == "final":
                    reply.text = event.text or reply.text  # the checked answer replaces raw streamed tokens
                    reply.citations = event.citations
                    reply.plan = event.plan
                    reply.proposals = event.proposals
                    if event.plan is not None and event.plan.incident_id:
                        reply.incident_id = event.plan.incident_id  # what the page's selector follows (ui.page.chat)
        except INPUT_ERRORS + (UnknownIncidentError,):
            raise
        except Exception as exc:  # the stream broke: return what arrived, and say why
            log.exception("chat stream broke")
            reply.errors.append(f"The assistant stopped answering ({type(exc).__name__}: {exc}).")
        return reply

    # --- what the screens show -------------------------------------------
    def status(self) -> SystemStatus:
        return self.assistant.status()

    def incidents(self) -> list[IncidentSummary]:
        return self.assistant.incidents()

    def incident_view(self, incident_id: str) -> IncidentView:
        return self.assistant.incident_view(incident_id)

    def incident_log(self, incident_id: str) -> list[AuditEvent]:
        return self.assistant.incident_log(incident_id)

    def recent_log(self) -> list[AuditEvent]:
        return self.assistant.recent_log()

    def latest_plan(self, incident_id: str) -> ResponsePlan | None:
        return self.assistant.latest_plan(incident_id)

    def plan_approval(self, plan_id: str) -> tuple[str, str] | None:
        return self.assistant.plan_approval(plan_id)

    def relocation_since(self, plan: ResponsePlan) -> dict[str, Any] | None:
        return self.assistant.relocation_since(plan)

    def road_segments(self) -> list[tuple[list[float], list[float]]]:
        return self.assistant.road_segments()

    # --- the situation (read-only) and proposals (confirm / reject) ------------------
    def sitrep(self) -> Sitrep:
        return self.assistant.sitrep()

    def pending_proposals(self, incident_id: str | None = None) -> list[Proposal]:
        return self.assistant.pending_proposals(incident_id)

    def confirm_proposal(self, proposal_id: str, operator: str) -> Proposal:
        return self.assistant.confirm_proposal(proposal_id, operator)

    def reject_proposal(self, proposal_id: str, operator: str) -> Proposal:
        return self.assistant.reject_proposal(proposal_id, operator)
