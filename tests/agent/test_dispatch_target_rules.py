"""agent.dispatch_target and agent.tool_registry._dispatch_commits at unit level (fake store and places): which
incident a chat dispatch binds to, and which of the planned units are proposed."""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

from agent.dispatch_target import bind_dispatch
from agent.incident_scope import ReportPlace
from tools.llm_tools import DispatchArgs, IncidentArgs

ON = "INC-77C0FFEE"


@dataclass
class _Incident:
    incident_id: str
    title: str = "Smoke from a warehouse roof at Satamakatu 3"
    priority: str = "P2"
    incident_type: str = "fire"
    status: str = "open"


class _Store:
    def __init__(self, *ids: str) -> None:
        self.ids = ids or (ON,)

    def list_incidents(self, status: str | None = "open"):
        return [_Incident(i) for i in self.ids]


def _here(_: str) -> ReportPlace:
    return ReportPlace(lat=60.1670, lon=24.9560, radius_m=20.0, name="Satamakatu 3")


def test_an_unknown_id_in_the_place_field_yields_to_the_selected_incident_and_says_so():
    args = DispatchArgs(incidents=[IncidentArgs(incident_type="fire", place="INC-2", unit_ids=["ERO-L1"])])
    binding = bind_dispatch(args, ON, _Store(), _here, _here)
    assert binding.bound == {0: ON}
    assert any("INC-2 is not an open incident" in n for n in binding.notes)


def test_an_unknown_id_with_nothing_selected_is_still_refused():
    args = DispatchArgs(incidents=[IncidentArgs(incident_type="fire", incident_id="INC-4", unit_types=["ladder"])])
    binding = bind_dispatch(args, None, _Store(), _here, _here)
    assert binding.bound == {} and "INC-4" in binding.asks[0]
