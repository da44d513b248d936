"""Typed JSON endpoints (``gradio_client``): the page's actions without the page.

Each endpoint calls the same ``ui.actions.Actions`` method as the page and acts in the
name of the logged-in user (``request.username``), like the page does.

A text route (triage, plan, chat) takes at most ``ui_max_input_chars`` (20,000) characters, as ``/monitor_intake`` does
per report: a longer text is refused at once, before anything is filed.  The page reads a longer paste in part
(``agent.long_message``); a program gets the limit said instead, since reading 200 KB that way took six minutes
behind one HTTP call (s22 trial) and a program can send the essential part, or the log in parts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import gradio as gr

from ui.actions import ACTION_ERRORS, Actions
from ui.inputs import INPUT_ERRORS, clean_text


def _answer(call: Callable[[], Any]) -> Any:
    """Run one action; its errors come back to the client as ``AppError`` with the page's message."""
    try:
        return call()
    except ACTION_ERRORS as exc:
        raise gr.Error(str(exc), print_exception=False) from None


class Endpoints:
    """One method per endpoint; the method's name is the endpoint's name."""

    def __init__(self, actions: Actions):
        self.actions = actions
        self.max_chars = int(actions.settings.ui_max_input_chars)

    def _within_limit(self, text: str, what: str) -> str:
        """The text of a text route, checked (empty, binary, over ``max_chars``: refused with the usual specific
        message) before it reaches the assistant, so that nothing is filed for a refused one."""
        try:
            return clean_text(text, what=what, max_chars=self.max_chars)
        except INPUT_ERRORS as exc:
            raise gr.Error(f"{exc} Nothing was filed.", print_exception=False) from None

    def triage(self, text: str, incident_id: str = "", request: gr.Request = None) -> dict:
        """Triage a report (opens an incident when incident_id is empty)."""
        text = self._within_limit(text, "report")
        _, record = _answer(lambda: self.actions.triage(text, incident_id or None, self.actions.operator(request)))
        return {"report_id": record.report_id, "incident_id": record.incident_id, "triage": record.triage.model_dump()}

    def correct_triage(self, report_id: str, accepted: bool, incident_type: str = "", priority: str = "",
                       request: gr.Request = None) -> dict:
        """Accept the model's triage, or correct its type and/or priority (stored as training data)."""
        _answer(lambda: self.actions.correct_triage(report_id, accepted, incident_type, priority, self.actions.operator(request)))
        return {"report_id": report_id, "accepted": accepted}

    def plan(self, report: str, incident_id: str = "", request: gr.Request = None) -> dict:
        """Build a cited response plan for a report."""
        report = self._within_limit(report, "report")
        _, result = _answer(lambda: self.actions.plan(report, incident_id or None, self.actions.operator(request)))
        return result.model_dump(mode="json")

    def approve_plan(self, plan_id: str, request: gr.Request = None) -> dict:
        """Mark a plan approved by the logged-in operator.  Approval dispatches nobody: as on the page, the plan's units
        still available are proposed as committed (confirm them with /confirm_proposal), and ``dispatch`` says so."""
        operator = self.actions.operator(request)
        approval = _answer(lambda: self.actions.approve(plan_id, operator))
        said = _answer(lambda: self.actions.propose_plan_dispatch(plan_id, operator))
        return {"plan_id": plan_id, "approved_by": approval[0] if approval else None, "dispatch": said}

    def chat(self, message: str, incident_id: str = "", request: gr.Request = None) -> dict:
        """One chat exchange, collected: the answer text, tool steps, citations, the turn's plan, the proposals it filed
        (awaiting confirmation: /confirm_proposal) and the incident it ended on.  With no incident_id it is the page's
        first message of a session: a report opens its incident (returned as incident_id), a question opens none."""
        operator = self.actions.operator(request)
        message = self._within_limit(message, "message")
        message, incident = _answer(lambda: self.actions.start_chat(message, incident_id or None, operator, open_incident=True))
        reply = _answer(lambda: self.actions.chat_collected(message, incident, operator))
        return {"text": reply.text, "steps": [s.model_dump(mode="json") for s in reply.steps],
                "citations": [c.model_dump(mode="json") for c in reply.citations],
                "plan_id": reply.plan.plan_id if reply.plan else None, "incident_id": reply.incident_id,
                "proposals": [p.model_dump(mode="json") for p in reply.proposals], "errors": reply.errors}

    def status(self) -> dict:
        """LLM backend and reachability, triage model version, knowledge-base size."""
        return self.actions.status().model_dump(mode="json")

    def incidents(self) -> list:
        """Open incidents, newest first."""
        return [i.model_dump(mode="json") for i in self.actions.incidents()]

    def incident_log(self, incident_id: str) -> list:
        """The audit trail of one incident, oldest first."""
        return [e.model_dump(mode="json") for e in _answer(lambda: self.actions.incident_log(incident_id))]


    def sitrep(self) -> dict:
        """Situation report: open incidents, unit board, shelter occupancy, alerts (read-only)."""
        return self.actions.sitrep().model_dump(mode="json")

    def proposals(self, incident_id: str = "") -> list:
        """State changes waiting for an operator's confirmation (all, or one incident's)."""
        return [p.model_dump(mode="json") for p in _answer(lambda: self.actions.pending_proposals(incident_id or None))]

    def confirm_proposal(self, proposal_id: str, request: gr.Request = None) -> dict:
        """Apply a proposed state change in the name of the logged-in operator (audited)."""
        return _answer(lambda: self.actions.confirm_proposal(proposal_id, self.actions.operator(request))).model_dump(mode="json")

    def reject_proposal(self, proposal_id: str, request: gr.Request = None) -> dict:
        """Reject a proposed state change; nothing changes (audited)."""
        return _answer(lambda: self.actions.reject_proposal(proposal_id, self.actions.operator(request))).model_dump(mode="json")


ENDPOINTS = ("triage", "correct_triage", "plan", "approve_plan", "chat", "status", "incidents", "incident_log",
             "sitrep", "proposals", "confirm_proposal", "reject_proposal")


def register_api(actions: Actions) -> None:
    """Register the named endpoints on the Blocks being built."""
    endpoints = Endpoints(actions)
    for name in ENDPOINTS:
        gr.api(getattr(endpoints, name), api_name=name)
