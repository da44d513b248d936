"""Stand-ins for the chat dispatch binding's unit tests (``agent.dispatch_target.bind_dispatch``,
``agent.tool_registry._dispatch_commits``): open incidents, a log that lists them, a place reader, a planned dispatch
and its binding. Shared by tests/agent/test_dispatch_target_rules.py and tests/review_s14/test_rv3_dispatch_binding.py."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace

from agent.incident_scope import ReportPlace
from tools.llm_tools import DispatchArgs, IncidentArgs


@dataclass
class FakeIncident:
    """An open incident as the binding reads it from the log's list."""

    incident_id: str
    title: str = "Smoke from a warehouse roof at Satamakatu 3"
    priority: str = "P2"
    incident_type: str = "fire"
    status: str = "open"


class FakeStore:
    """The incident log, holding only these open incidents."""

    def __init__(self, *incidents: FakeIncident) -> None:
        self.incidents = incidents

    def list_incidents(self, status: str | None = "open") -> list[FakeIncident]:
        return list(self.incidents)


def place_at(lat: float, lon: float, name: str) -> Callable[[str], ReportPlace]:
    """A place reader that puts every text at this point (20 m)."""
    return lambda _text: ReportPlace(lat=lat, lon=lon, radius_m=20.0, name=name)


def planned(incident_id: str, *units: tuple[str, str]) -> SimpleNamespace:
    """A dispatch plan assigning (unit id, unit type) pairs to one incident, with no warnings yet."""
    return SimpleNamespace(assignments=[SimpleNamespace(incident_id=incident_id, unit_id=u, unit_type=t) for u, t in units],
                           warnings=[])


def commits(plan: SimpleNamespace, spec: IncidentArgs) -> dict[str, list[str]]:
    """The units ``_dispatch_commits`` proposes for ``plan`` when the order ``spec`` is bound to its own incident."""
    from agent.tool_registry import _dispatch_commits  # noqa: PLC2701 - the one place the commit list is decided

    binding = SimpleNamespace(bound={0: spec.incident_id}, args=DispatchArgs(incidents=[spec]), asks=[])
    return _dispatch_commits(plan, binding)
