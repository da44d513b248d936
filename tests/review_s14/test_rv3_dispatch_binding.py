"""Review s14-rv3: the chat dispatch binding (agent/dispatch_target.py, agent/tool_registry.py _dispatch_commits)."""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

from agent.dispatch_target import bind_dispatch
from agent.incident_scope import ReportPlace
from agent.tool_registry import _dispatch_commits  # noqa: PLC2701 - the one place the commit list is decided
from tools.llm_tools import DispatchArgs, IncidentArgs

SELECTED = "INC-3F2A91BC"


@dataclass
class _Incident:
    incident_id: str
    title: str = "Fire in a flat at Bulevardi 14"
    priority: str = "P1"
    incident_type: str = "fire"
    status: str = "open"


class _Store:
    def list_incidents(self, status: str | None = "open"):
        return [_Incident(SELECTED)]


def _place(_: str) -> ReportPlace:
    return ReportPlace(lat=60.1640, lon=24.9380, radius_m=20.0, name="Bulevardi 14")


def test_a_placeholder_incident_id_does_not_override_the_selected_incident():
    """F5: `_named_id` reads the LLM's `incident_id` field before the selected incident, and that field's own
    description tells the LLM 'default INC-1, INC-2, ...'. An order with the incident selected ('send two engines
    here') whose tool call carries incident_id='INC-1' is refused ('There is no open incident INC-1') and nothing is
    proposed, although the operator named no id and an incident is selected."""
    args = DispatchArgs(incidents=[IncidentArgs(incident_type="fire", incident_id="INC-1", unit_types=["engine"])])
    binding = bind_dispatch(args, SELECTED, _Store(), _place, _place)
    assert binding.bound == {0: SELECTED}, binding.asks


def test_a_unit_type_asked_for_beside_a_named_unit_is_proposed_too():
    """F6: 'send HAK-E1 and a ladder to Bulevardi 14': the order names one unit AND asks for a ladder by type. With
    any unit named, `_dispatch_commits` proposes only the named ids; the ladder the operator asked for is demoted to
    'Also suggested …, not proposed. Ask for them by name' — a unit the operator asked for is not proposed."""
    spec = IncidentArgs(incident_type="fire", incident_id=SELECTED, unit_ids=["HAK-E1"], unit_types=["ladder"])
    binding = SimpleNamespace(bound={0: SELECTED}, args=DispatchArgs(incidents=[spec]), asks=[])
    assignment = lambda uid, kind: SimpleNamespace(incident_id=SELECTED, unit_id=uid, unit_type=kind)  # noqa: E731
    plan = SimpleNamespace(assignments=[assignment("HAK-E1", "engine"), assignment("ERO-L1", "ladder"),
                                        assignment("KAI-A1", "ambulance")], warnings=[])
    commits = _dispatch_commits(plan, binding)
    assert "ERO-L1" in commits.get(SELECTED, []), (commits, plan.warnings)
    assert "KAI-A1" not in commits.get(SELECTED, [])  # the table's own extra stays a suggestion (that part is right)


def test_an_order_for_a_unit_type_commits_that_type_only():
    """F10: 'send an ambulance to Bulevardi 14' (no call sign): with no unit named `_dispatch_commits` commits every
    unit the requirement table picked — probed in chat: 'Commit ERO-E1, ERO-E2, ERO-L1, ERO-A1' for one ambulance
    asked. The 'exactly what was asked, extras suggested' rule of 8e19bb1 holds for call signs only."""
    spec = IncidentArgs(incident_type="fire", incident_id=SELECTED, unit_types=["ambulance"])
    binding = SimpleNamespace(bound={0: SELECTED}, args=DispatchArgs(incidents=[spec]), asks=[])
    assignment = lambda uid, kind: SimpleNamespace(incident_id=SELECTED, unit_id=uid, unit_type=kind)  # noqa: E731
    plan = SimpleNamespace(assignments=[assignment("ERO-E1", "engine"), assignment("ERO-L1", "ladder"),
                                        assignment("ERO-A1", "ambulance")], warnings=[])
    assert _dispatch_commits(plan, binding) == {SELECTED: ["ERO-A1"]}
