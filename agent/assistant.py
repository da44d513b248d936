"""The assistant facade: one object the CLI and the UI talk to.

It owns the triage classifier, the retriever, the city model, the LLM backend and
the incident log, and exposes triage, plan, chat and status.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from agent.config import Settings
from agent.schemas import ChatEvent, ResponsePlan, SystemStatus, TriageSummary
from agent.store import IncidentStore


class InputError(ValueError):
    """Bad operator input (empty, huge, binary): the message is shown to the operator as is."""


@dataclass
class TriageRecord:
    report_id: str
    incident_id: str
    triage: TriageSummary


class Assistant:
    """Contract used by the UI and CLI (implementation in progress)."""

    settings: Settings
    store: IncidentStore

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> "Assistant":
        """Load everything: trains the default triage model / ingests the default plans on first run."""
        raise NotImplementedError

    def triage(self, text: str, incident_id: str | None = None, operator: str | None = None) -> TriageRecord:
        """Triage a report, store it (creating an incident if none given) and return the result. Raises InputError."""
        raise NotImplementedError

    def correct_triage(self, report_id: str, *, accepted: bool, incident_type: str | None = None,
                       priority: str | None = None, operator: str | None = None) -> None:
        raise NotImplementedError

    def plan(self, report: str, incident_id: str | None = None, operator: str | None = None) -> ResponsePlan:
        """Deterministic response-plan pipeline (+ LLM narrative when reachable). Raises InputError."""
        raise NotImplementedError

    def approve_plan(self, plan_id: str, operator: str | None = None) -> None:
        raise NotImplementedError

    def chat(self, message: str, incident_id: str, operator: str | None = None) -> Iterator[ChatEvent]:
        """Stream tool steps, text deltas and a final event; history comes from the incident log."""
        raise NotImplementedError

    def status(self) -> SystemStatus:
        raise NotImplementedError
