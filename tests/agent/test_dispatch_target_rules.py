"""agent.dispatch_target and agent.tool_registry._dispatch_commits at unit level (fake store and places): which
incident a chat dispatch binds to, and which of the planned units are proposed."""

from __future__ import annotations

import pytest

from agent.dispatch_target import bind_dispatch
from agent.incident_scope import ReportPlace
from tests.agent.dispatch_fakes import FakeIncident, FakeStore, commits, place_at, planned
from tools.llm_tools import DispatchArgs, IncidentArgs

ON = "INC-77C0FFEE"


def _store() -> FakeStore:
    return FakeStore(FakeIncident(ON))


_here = place_at(60.1670, 24.9560, "Satamakatu 3")


class _Store(FakeStore):
    """The log with one open incident and one closed one (INC-C105ED), as ``get_incident`` reads them."""

    def __init__(self) -> None:
        super().__init__(FakeIncident(ON))

    def get_incident(self, incident_id: str) -> FakeIncident:
        if incident_id == "INC-C105ED":
            return FakeIncident(incident_id, status="closed")
        raise LookupError(incident_id)


def test_an_unknown_id_in_the_place_field_yields_to_the_selected_incident_and_says_so():
    args = DispatchArgs(incidents=[IncidentArgs(incident_type="fire", place="INC-2", unit_ids=["ERO-L1"])])
    binding = bind_dispatch(args, ON, _store(), _here, _here)
    assert binding.bound == {0: ON}
    assert any("INC-2 is not an open incident" in n for n in binding.notes)


@pytest.mark.parametrize("spec, said", [({"incident_id": "INC-4"}, "no open incident INC-4."),
                                        ({"place": "inc-c105ed"}, "no open incident INC-C105ED (it is closed).")])
def test_an_unknown_id_with_nothing_selected_is_still_refused(spec, said):
    """Refused as no open incident, with the open ones named: the id is never looked up as a place (trial s14 #14:
    "no place called 'INC-…'; closest: UniCafe, …")."""
    args = DispatchArgs(incidents=[IncidentArgs(incident_type="fire", unit_types=["ladder"], **spec)])
    with pytest.raises(ValueError) as refused:
        bind_dispatch(args, None, _Store(), _here, _here)
    assert said in str(refused.value) and ON in str(refused.value)


def _plan(*units: tuple[str, str]):
    return planned(ON, *units)


def _commits(plan, **asked):
    return commits(plan, IncidentArgs(incident_type="hazmat", incident_id=ON, **asked))


def test_a_type_asked_beside_a_call_sign_is_proposed_and_the_rest_suggested():
    """'KAI-A1 and a police patrol please': the ambulance named and the patrol asked for by type; the table's engine
    and hazmat unit are only suggested."""
    plan = _plan(("KAI-A1", "ambulance"), ("PAS-P1", "police_patrol"), ("ERO-E1", "engine"), ("ERO-H1", "hazmat"))
    assert _commits(plan, unit_ids=["KAI-A1"], unit_types=["police_patrol"]) == {ON: ["KAI-A1", "PAS-P1"]}
    assert "ERO-E1 (engine), ERO-H1 (hazmat)" in plan.warnings[0]


def test_call_signs_that_say_their_own_type_add_no_unit_of_it():
    plan = _plan(("ERO-E1", "engine"), ("HAK-E1", "engine"), ("ERO-H1", "hazmat"))
    assert _commits(plan, unit_ids=["HAK-E1"], unit_types=["engine"]) == {ON: ["HAK-E1"]}


def test_an_order_by_type_only_proposes_that_type_and_an_order_naming_nothing_every_unit():
    plan = _plan(("ERO-H1", "hazmat"), ("ERO-E1", "engine"), ("KAI-A1", "ambulance"))
    assert _commits(plan, unit_types=["hazmat"]) == {ON: ["ERO-H1"]}
    assert _commits(_plan(("ERO-H1", "hazmat"), ("ERO-E1", "engine")), ) == {ON: ["ERO-H1", "ERO-E1"]}


def _nowhere(_: str) -> ReportPlace | None:
    return None


def _street() -> FakeStore:
    return FakeStore(FakeIncident("INC-0A", title="Gas smell in a stairwell at Fredrikinkatu 40", incident_type="hazmat"),
                     FakeIncident("INC-0B", title="Kitchen fire at Fredrikinkatu 12"),
                     FakeIncident("INC-0C", title="Man fallen on the ice at Lönnrotinkatu 5", incident_type="medical"))


def test_nothing_selected_an_order_for_the_one_incident_on_a_named_street_binds_to_it():
    order = IncidentArgs(incident_type="medical", place="corner of Lönnrotinkatu and Yrjönkatu", unit_ids=["KAI-A1"])
    assert bind_dispatch(DispatchArgs(incidents=[order]), None, _street(), _nowhere, _nowhere).bound == {0: "INC-0C"}
    # two open incidents on the street: the order's hazard picks one; none of that hazard there: it asks
    fire = IncidentArgs(incident_type="fire", place="the Fredrikinkatu fire", unit_types=["engine"])
    assert bind_dispatch(DispatchArgs(incidents=[fire]), None, _street(), _nowhere, _nowhere).bound == {0: "INC-0B"}
    flood = IncidentArgs(incident_type="flood", place="Fredrikinkatu", unit_types=["rescue"])
    binding = bind_dispatch(DispatchArgs(incidents=[flood]), None, _street(), _nowhere, _nowhere)
    assert binding.bound == {} and "which incident" in binding.asks[0]


def test_an_order_to_another_house_on_the_street_is_not_bound_by_the_street_name():
    order = IncidentArgs(incident_type="medical", place="Lönnrotinkatu 29", unit_ids=["KAI-A1"])
    binding = bind_dispatch(DispatchArgs(incidents=[order]), None, _street(), _nowhere, _nowhere)
    assert binding.bound == {}
