"""Typed boundary between the assistant (agent/) and its callers (CLI, UI).

Every item of a response plan carries its source: a tool output, a plan passage
(citation) or the triage model.  The UI and the JSON export use these models as is.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Literal

from pydantic import BaseModel, Field, model_validator

from core.triage_reading import ModelReading

# The state of a report the triage classifier did not read (its triage failed or refused the text): never a label of the
# taxonomy (an unread report could be a P1); the monitor stores it so and a person reads it (agent.monitor.pipeline).
UNTRIAGED = "untriaged"
# What an older log wrote into ``read_by`` when the report's words, not the model, gave the type (now ``type_source``).
_OLD_TYPE_NOTE = "; type from "


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Citation(BaseModel):
    """A passage of an emergency plan that an item rests on."""

    ref: str = Field(description="Short marker used in the text, e.g. 'C1'.")
    source: str
    title: str
    section: str | None = None
    page: str | None = None
    text: str = ""
    score: float = 0.0

    def label(self) -> str:
        parts = [self.title]
        if self.section:
            parts.append(self.section)
        if self.page:
            parts.append(f"p. {self.page}" if self.page.isdigit() else self.page)
        return ", ".join(parts)


class Source(BaseModel):
    """Where a plan item comes from."""

    kind: Literal["tool", "citation", "triage", "scenario", "operator"]
    ref: str = Field(description="Tool name, citation marker, or scenario object id.")


class PlanItem(BaseModel):
    text: str
    sources: list[Source] = Field(default_factory=list)


KEPT_FROM_INCIDENT = "the incident's"  # how type_source / priority_source begin for a value a follow-up kept


class TriageSummary(BaseModel):
    incident_type: str
    priority: str
    type_confidence: float
    priority_confidence: float
    secondary_types: list[str] = Field(default_factory=list)
    language: str = "en"
    model_version: str = ""
    type_probs: dict[str, float] = Field(default_factory=dict)
    priority_probs: dict[str, float] = Field(default_factory=dict)
    corrected_by_operator: bool = Field(default=False, description="Type/priority were set by the operator, not the model.")
    read_by: str = Field(default="encoder", description="Which reader typed the report: encoder (English), zh_head "
                         "(Chinese) or multilingual fallback (another language, named in ``language``).")
    type_source: str = Field(default="model", description="Where the type comes from: the model, or the report's "
                             "words when they overrode it (agent.hazards.reconciled_triage), with the model's own type.")
    model_reading: ModelReading | None = Field(default=None, description="The model's own type, priority and "
                                               "confidence where the report's words overrode its type; None otherwise.")
    priority_source: str = Field(default="model", description="Where the priority comes from: the model, or the "
                                 "incident a follow-up is filed under when its priority is the higher (agent.follow_up).")

    @model_validator(mode="before")
    @classmethod
    def _split_old_read_by(cls, data: Any) -> Any:
        """A triage stored before ``type_source`` existed kept the words-over-model note in ``read_by``
        ("encoder; type from the report's words (model: fire)"): read it into its own field."""
        if isinstance(data, dict) and isinstance(data.get("read_by"), str) and _OLD_TYPE_NOTE in data["read_by"]:
            reader, note = data["read_by"].split(_OLD_TYPE_NOTE, 1)
            data = {**data, "read_by": reader, "type_source": data.get("type_source") or note}
        return data

    @property
    def type_from_words(self) -> bool:
        return self.type_source != "model"

    def confidence_figures(self) -> tuple[str, str]:
        """The type's and the priority's confidence as shown ("96%"), or "" where the value is the incident's, kept
        for a follow-up (agent.follow_up): the model's probability of a value it did not read is no confidence in it
        (a follow-up plan showed "traffic_accident (0%), priority P1 (0%)")."""
        kept_type = self.type_source.startswith(KEPT_FROM_INCIDENT)
        kept_priority = self.priority_source.startswith(KEPT_FROM_INCIDENT)
        return ("" if kept_type else f"{self.type_confidence:.0%}", "" if kept_priority else f"{self.priority_confidence:.0%}")


class ResponsePlan(BaseModel):
    """The structured response plan.  Sections are fixed; each is a list of sourced items."""

    plan_id: str
    incident_id: str | None = None
    created_at: datetime = Field(default_factory=utcnow)
    report: str
    location: str | None = None
    triage: TriageSummary | None = None
    situation: list[PlanItem] = Field(default_factory=list)
    immediate_actions: list[PlanItem] = Field(default_factory=list)
    evacuation: list[PlanItem] = Field(default_factory=list)
    resources: list[PlanItem] = Field(default_factory=list)
    communications: list[PlanItem] = Field(default_factory=list)
    open_questions: list[PlanItem] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)
    summary: str = Field(default="", description="Narrative written by the LLM from the items above (may be empty).")
    warnings: list[str] = Field(default_factory=list, description="Degradations and flags: LLM unreachable, unknown names, ...")
    geojson: dict[str, Any] = Field(default_factory=lambda: {"type": "FeatureCollection", "features": []})
    tool_outputs: dict[str, Any] = Field(default_factory=dict)

    SECTIONS: tuple[str, ...] = ("situation", "immediate_actions", "evacuation", "resources", "communications", "open_questions")


class ToolStep(BaseModel):
    """One tool call made while answering (shown as a collapsible step)."""

    name: str
    arguments: dict[str, Any] = Field(default_factory=dict)
    title: str = ""
    output: str = ""
    ok: bool = True


class Proposal(BaseModel):
    """A state change waiting for the operator's confirmation (agent/proposals.py)."""

    proposal_id: str
    action: Literal["set_unit_status", "commit_dispatch", "close_incident", "retype_incident", "merge_incidents",
                    "relocate_incident", "approve_plan", "reassign_units"]
    args: dict[str, Any] = Field(default_factory=dict)
    summary: str
    incident_id: str | None = None
    origin: str = Field(default="router", description="who proposed it: router, llm, operator")
    state: Literal["pending", "confirmed", "rejected", "failed", "superseded"] = "pending"
    board: dict[str, str] = Field(default_factory=dict, description="the status of each unit it concerns when it was "
                                  "proposed: a unit whose status has changed since (committed elsewhere meanwhile) makes "
                                  "it stale (agent.proposals.ProposalBook.stale)")


class ToolResult(BaseModel):
    """What one LLM tool returns: text for the model, and the structured result for the operator."""

    text: str = Field(description="What the model reads (JSON for the city tools).")
    data: dict[str, Any] | None = Field(default=None, description="The structured payload behind the text.")
    citations: list[Citation] = Field(default_factory=list)
    plan: ResponsePlan | None = Field(default=None, description="A full response plan (plan_response).")
    plan_part: ResponsePlan | None = Field(default=None, description="Sections and map features from one planner.")
    proposals: list[Proposal] = Field(default_factory=list, description="State changes proposed, awaiting confirmation.")

    def __str__(self) -> str:
        return self.text


class ChatEvent(BaseModel):
    """Streamed from ``Assistant.chat``: tool steps (with their results), text deltas, then one final event
    (with the turn's citations and its response plan, if any tool planned something)."""

    kind: Literal["tool", "token", "final", "error"]
    text: str = ""
    step: ToolStep | None = None
    result: ToolResult | None = None
    citations: list[Citation] = Field(default_factory=list)
    plan: ResponsePlan | None = None
    proposals: list[Proposal] = Field(default_factory=list, description="(final) state changes proposed this turn, to confirm or reject")
    security: dict[str, Any] | None = Field(default=None, description="(final) injection handling: outcome, families")


class SystemStatus(BaseModel):
    llm_backend: str
    llm_model: str
    llm_reachable: bool
    triage_model_version: str | None
    kb_documents: int
    kb_chunks: int = 0
    scenario: str = ""


class IncidentSummary(BaseModel):
    incident_id: str
    title: str
    status: Literal["open", "closed"] = "open"
    created_at: datetime
    incident_type: str | None = None
    priority: str | None = None


class TriageDecision(BaseModel):
    """The operator's answer to a report's triage: accepted as is, or corrected."""

    accepted: bool
    operator: str
    model_type: str | None = None
    model_priority: str | None = None
    incident_type: str | None = None
    priority: str | None = None


class AuditEvent(BaseModel):
    incident_id: str | None
    kind: str  # report | triage | triage_decision | plan | plan_approved | tool_call | unit_status
    payload: dict[str, Any]
    created_at: str
    operator: str


class StoredReport(BaseModel):
    report_id: str
    incident_id: str
    text: str
    triage: TriageSummary | None
    final_type: str | None
    final_priority: str | None
    decision: TriageDecision | None = None  # the operator's latest decision on this report

    @property
    def corrected(self) -> bool:
        return self.triage is not None and (self.final_type, self.final_priority) != (self.triage.incident_type, self.triage.priority)

    def effective_triage(self) -> TriageSummary | None:
        """The model's triage with the operator's decision applied (what plans must use)."""
        if self.triage is None:
            return None
        return self.triage.model_copy(update={"incident_type": self.final_type or self.triage.incident_type,
                                              "priority": self.final_priority or self.triage.priority,
                                              "corrected_by_operator": self.corrected})


class IncidentView(BaseModel):
    """Everything an operator's screen shows of one incident."""

    incident: IncidentSummary
    report_id: str | None = None
    report_text: str = ""
    model_triage: TriageSummary | None = Field(default=None, description="What the triage model said about the latest report.")
    triage: TriageSummary | None = Field(default=None, description="The same with the operator's decision applied.")
    decision: TriageDecision | None = None
    plan: ResponsePlan | None = None
    plan_approval: tuple[str, str] | None = None
    chat_history: list[dict[str, str]] = Field(default_factory=list)
