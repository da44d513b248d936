"""What one chat turn has done so far (``Turn``), and what the turn's steps use of the session (``Session``).

A step that changes what later steps see (the address a message gave, a correction answered with the rest of the
turn, the screened text, the turn's one triage) writes it here, never into a local of the walker.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from agent.incident_request import IncidentRequest
from agent.report_filing import OpenElsewhere
from agent.safety import CheckedText
from agent.schemas import ChatEvent, Proposal, ResponsePlan


@dataclass
class Turn:
    """What one turn has done so far."""
    incident_id: str | None  # the session's incident when the turn began
    # the operator's message as screened: the reply's own words are in its language (agent.answer_language), an
    # evacuation's shelter exclusions are read from it
    asked: str = ""
    opened: list[ResponsePlan] = field(default_factory=list)  # plans of reports filed under an incident of their own
    moved: list[ResponsePlan] = field(default_factory=list)  # plans of reports filed under another incident of the session
    filed: list[ResponsePlan] = field(default_factory=list)  # every report's plan this turn, in order
    # filed under another desk's incident, with what the reply says where the report reads otherwise than the incident
    joined: list[tuple[ResponsePlan, OpenElsewhere, str]] = field(default_factory=list)
    said: list[tuple[str, str]] = field(default_factory=list)  # messages waiting for an incident to be filed under
    proposed: list[Proposal] = field(default_factory=list)  # proposals the turn's reports filed (a type correction)
    # a message that only gives an address ("Annankatu 12, 3rd floor"): (the address, whether it answers the session's
    # incident's "confirm the address", i.e. the incident has no confirmed place yet), else None
    address: tuple[str, bool] | None = None
    crew_incident: str | None = None  # the incident a crew reports from, when not the session's (its orders are for it)
    crew_update: tuple[str, str] | None = None  # (unit, incident) of a crew's update from its scene (``crew_on_scene``)
    closed: list[str] = field(default_factory=list)  # closed incidents a report was about: it opened its own instead
    named: list[str] = field(default_factory=list)  # open incidents a report was filed under because it named them
    # --- carried from step to step (agent.turn_steps) ---
    # the message as screened; the safety screen replaces it with its own reading (``Assistant._screen``)
    checked: CheckedText | None = None
    history: list[Any] = field(default_factory=list)  # the incident's chat before this turn (the tool turn reads it)
    # a place correction or an incident request answered with the rest of the turn: what the reply says first, and
    # the proposals it filed (a relocation or priority change, the units of a plan asked beside it)
    correction: str = ""
    relocation: Proposal | None = None
    also: Proposal | None = None
    new_place: Any = None  # the place a correction of the session's incident gives (a request is then not read)
    request: IncidentRequest | None = None  # a change request for an incident ("raise the gas alarm to P1")
    # one triage per text in this turn, shared by the safety screen, the router and the response plan
    triage: Callable[[str], Any] | None = None


def current_incident(turn: Turn) -> str | None:
    """Orders after a report in the same turn are about its incident."""
    return turn.filed[-1].incident_id if turn.filed else turn.incident_id


class Session(Protocol):
    """What the turn's steps use of ``agent.chat_session.ChatSession`` (not imported: it imports the steps)."""
    assistant: Any
    operator: str
    config: Any
    state: Any

    def _reply(self, turn: Turn, text: str, security: dict[str, Any] | None = None) -> Iterator[ChatEvent]: ...

    def _proposed_reply(self, turn: Turn, said: str, proposal: Proposal | None, zh: bool | None = None,
                        also: Proposal | None = None) -> Iterator[ChatEvent]: ...

    def _proposals_reply(self, turn: Turn, said: str, proposals: list[Proposal]) -> Iterator[ChatEvent]: ...

    def _propose_here(self, turn: Turn, action: str, args: dict[str, Any], incident_id: str | None = None) -> Proposal: ...

    def _propose(self, turn: Turn, action: str, args: dict[str, Any]) -> Proposal: ...

    def _say(self, turn: Turn, role: str, text: str) -> None: ...

    def _end(self, turn: Turn) -> None: ...

    def _still_pending(self, turn: Turn) -> list[Proposal]: ...


# A step of the turn: its reply (the turn ends with it), or None: not its kind of message, the next step reads it.
Step = Callable[[Session, Turn], "Iterator[ChatEvent] | None"]
