"""A confirmed unit status change outlives the process that confirmed it: the incident log is the record, and every
new Assistant (or `eca dispatch`) restores each unit's latest confirmed status into the city before it plans."""

from __future__ import annotations

import pytest


def _assigned_units(plan) -> set[str]:
    return {a["unit_id"] for a in plan.tool_outputs["plan_dispatch"]["assignments"]}


def _new_process(city, unit_id: str) -> None:
    """What a fresh process sees before any restore: the scenario's status (the shared test city kept ours)."""
    city.set_unit_status(unit_id, "available")


def test_out_of_service_and_committed_units_stay_so_in_a_new_assistant(make_assistant, restore_units):
    first = make_assistant()
    fire = first.plan("Fire in a flat at Bulevardi 14, smoke on the stairs", narrative=False)
    assert "ERO-E1" in _assigned_units(fire)  # the nearest engine: the one this test takes out of service
    for proposal in (first.propose("set_unit_status", {"unit_id": "ERO-E1", "status": "out_of_service"}),
                     first.propose("commit_dispatch", {"unit_ids": ["ERO-A1"]}, incident_id=fire.incident_id)):
        first.confirm_proposal(proposal.proposal_id)
    for unit in ("ERO-E1", "ERO-A1"):
        _new_process(restore_units, unit)

    second = make_assistant()  # the same data dir, as the next `eca chat` / `eca serve` / `eca plan` would open it
    rows = {row.unit_id: row for row in second.unit_board().units}
    assert rows["ERO-E1"].status == "out_of_service"
    assert rows["ERO-A1"].status == "dispatched" and rows["ERO-A1"].incident_id == fire.incident_id
    again = second.plan("Fire in a flat at Bulevardi 14, smoke on the stairs, one person hurt", narrative=False)
    assert not {"ERO-E1", "ERO-A1"} & _assigned_units(again)


def test_eca_dispatch_recommends_no_unit_the_log_has_out_of_service(tmp_path, monkeypatch, capsys, base_settings):
    import core.settings
    from agent.store import IncidentStore
    from ui.cli import main

    monkeypatch.setattr(core.settings, "get_settings", lambda: base_settings.model_copy(update={"data_dir": tmp_path}))
    spec = ["dispatch", "--incident", "fire:P1:Bulevardi 14"]
    assert main(spec) == 0
    assert "ERO-E1" in capsys.readouterr().out  # nothing logged: the scenario's roster

    store = IncidentStore(tmp_path / "incidents.sqlite")
    store.log_event(None, "unit_status", {"unit_id": "ERO-E1", "status": "out_of_service"}, "tester")
    store.log_event(None, "unit_status", {"unit_id": "NO-SUCH-UNIT", "status": "dispatched"}, "tester")  # an older scenario's
    store.close()
    assert main(spec) == 0
    out = capsys.readouterr().out
    assert "Unit statuses from the incident log: ERO-E1 out of service" in out
    assert "- ERO-E1 (engine" not in out and "ERO-E1 (out_of_service)" in out  # listed as not available, not sent


def test_a_unit_dispatched_to_an_incident_since_closed_is_available_in_a_new_assistant(make_assistant, restore_units, caplog):
    import logging

    first = make_assistant()
    incident = first.open_incident("fire at Bulevardi 14", "op").incident_id
    first.confirm_proposal(first.propose("commit_dispatch", {"unit_ids": ["ERO-A1"]}, incident_id=incident).proposal_id)
    # a log written before a close released its units (a confirmed close now logs the release itself)
    first._store.close_incident(incident, "op")
    _new_process(restore_units, "ERO-A1")
    restore_units.set_unit_status("ERO-A1", "dispatched")  # even a city that starts with it busy frees it

    with caplog.at_level(logging.WARNING, logger="agent.proposals"):
        second = make_assistant()
    rows = {row.unit_id: row for row in second.unit_board().units}
    assert rows["ERO-A1"].status == "available"
    assert any("ERO-A1" in r.getMessage() and incident in r.getMessage() and "closed" in r.getMessage() for r in caplog.records)
