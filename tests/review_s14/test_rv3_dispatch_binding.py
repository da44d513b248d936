"""Review s14-rv3: the chat dispatch binding (agent/dispatch_target.py, agent/tool_registry.py _dispatch_commits)."""

from __future__ import annotations

from agent.dispatch_target import bind_dispatch
from tests.agent.dispatch_fakes import FakeIncident, FakeStore, commits, place_at, planned
from tools.llm_tools import DispatchArgs, IncidentArgs

SELECTED = "INC-3F2A91BC"


def _store() -> FakeStore:
    return FakeStore(FakeIncident(SELECTED, title="Fire in a flat at Bulevardi 14", priority="P1"))


_place = place_at(60.1640, 24.9380, "Bulevardi 14")


def test_a_placeholder_incident_id_does_not_override_the_selected_incident():
    """F5: `_named_id` reads the LLM's `incident_id` field before the selected incident, and that field's own
    description tells the LLM 'default INC-1, INC-2, ...'. An order with the incident selected ('send two engines
    here') whose tool call carries incident_id='INC-1' is refused ('There is no open incident INC-1') and nothing is
    proposed, although the operator named no id and an incident is selected."""
    args = DispatchArgs(incidents=[IncidentArgs(incident_type="fire", incident_id="INC-1", unit_types=["engine"])])
    binding = bind_dispatch(args, SELECTED, _store(), _place, _place)
    assert binding.bound == {0: SELECTED}, binding.asks


def test_a_unit_type_asked_for_beside_a_named_unit_is_proposed_too():
    """F6: 'send HAK-E1 and a ladder to Bulevardi 14': the order names one unit AND asks for a ladder by type. With
    any unit named, `_dispatch_commits` proposes only the named ids; the ladder the operator asked for is demoted to
    'Also suggested …, not proposed. Ask for them by name' — a unit the operator asked for is not proposed."""
    spec = IncidentArgs(incident_type="fire", incident_id=SELECTED, unit_ids=["HAK-E1"], unit_types=["ladder"])
    plan = planned(SELECTED, ("HAK-E1", "engine"), ("ERO-L1", "ladder"), ("KAI-A1", "ambulance"))
    proposed = commits(plan, spec)
    assert "ERO-L1" in proposed.get(SELECTED, []), (proposed, plan.warnings)
    assert "KAI-A1" not in proposed.get(SELECTED, [])  # the table's own extra stays a suggestion (that part is right)


def test_an_order_for_a_unit_type_commits_that_type_only():
    """F10: 'send an ambulance to Bulevardi 14' (no call sign): with no unit named `_dispatch_commits` commits every
    unit the requirement table picked — probed in chat: 'Commit ERO-E1, ERO-E2, ERO-L1, ERO-A1' for one ambulance
    asked. The 'exactly what was asked, extras suggested' rule of 8e19bb1 holds for call signs only."""
    spec = IncidentArgs(incident_type="fire", incident_id=SELECTED, unit_types=["ambulance"])
    plan = planned(SELECTED, ("ERO-E1", "engine"), ("ERO-L1", "ladder"), ("ERO-A1", "ambulance"))
    assert commits(plan, spec) == {SELECTED: ["ERO-A1"]}
