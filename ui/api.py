"""Typed JSON endpoints (``gradio_client``): the page's actions without the page.

Each endpoint calls the same ``ui.actions.Actions`` method as the page and acts in the
name of the logged-in user (``request.username``), like the page does.
"""

from __future__ import annotations

import gradio as gr

from ui.actions import ACTION_ERRORS, Actions


def _api_error(exc: Exception) -> gr.Error:
    return gr.Error(str(exc), print_exception=False)


def register_api(actions: Actions) -> None:
    """Register the named endpoints on the Blocks being built."""

    def triage(text: str, incident_id: str = "", request: gr.Request = None) -> dict:
        """Triage a report (opens an incident when incident_id is empty)."""
        try:
            _, record = actions.triage(text, incident_id or None, actions.operator(request))
        except ACTION_ERRORS as exc:
            raise _api_error(exc) from None
        return {"report_id": record.report_id, "incident_id": record.incident_id, "triage": record.triage.model_dump()}

    def correct_triage(report_id: str, accepted: bool, incident_type: str = "", priority: str = "",
                       request: gr.Request = None) -> dict:
        """Accept the model's triage, or correct its type and/or priority (stored as training data)."""
        try:
            actions.correct_triage(report_id, accepted, incident_type, priority, actions.operator(request))
        except ACTION_ERRORS as exc:
            raise _api_error(exc) from None
        return {"report_id": report_id, "accepted": accepted}

    def plan(report: str, incident_id: str = "", request: gr.Request = None) -> dict:
        """Build a cited response plan for a report."""
        try:
            _, result = actions.plan(report, incident_id or None, actions.operator(request))
        except ACTION_ERRORS as exc:
            raise _api_error(exc) from None
        return result.model_dump(mode="json")

    def approve_plan(plan_id: str, request: gr.Request = None) -> dict:
        """Mark a plan approved by the logged-in operator."""
        try:
            approval = actions.approve(plan_id, actions.operator(request))
        except ACTION_ERRORS as exc:
            raise _api_error(exc) from None
        return {"plan_id": plan_id, "approved_by": approval[0] if approval else None}

    def chat(message: str, incident_id: str, request: gr.Request = None) -> dict:
        """One chat exchange, collected: the answer text, tool steps and citations."""
        operator = actions.operator(request)
        try:
            message, incident_id = actions.start_chat(message, incident_id, operator, open_incident=False)
        except ACTION_ERRORS as exc:
            raise _api_error(exc) from None
        try:
            reply = actions.chat_collected(message, incident_id, operator)
        except ACTION_ERRORS as exc:
            raise _api_error(exc) from None
        return {"text": reply.text, "steps": [s.model_dump(mode="json") for s in reply.steps],
                "citations": [c.model_dump(mode="json") for c in reply.citations],
                "plan_id": reply.plan.plan_id if reply.plan else None, "errors": reply.errors}

    def status() -> dict:
        """LLM backend and reachability, triage model version, knowledge-base size."""
        return actions.status().model_dump(mode="json")

    def incidents() -> list:
        """Open incidents, newest first."""
        return [i.model_dump(mode="json") for i in actions.incidents()]

    def incident_log(incident_id: str) -> list:
        """The audit trail of one incident, oldest first."""
        try:
            return [e.model_dump(mode="json") for e in actions.incident_log(incident_id)]
        except ACTION_ERRORS as exc:
            raise _api_error(exc) from None

    for fn in (triage, correct_triage, plan, approve_plan, chat, status, incidents, incident_log):
        gr.api(fn, api_name=fn.__name__)
