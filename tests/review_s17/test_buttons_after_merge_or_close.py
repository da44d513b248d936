"""Review s17 (HIGH): the page's Triage and Plan buttons (``Assistant.triage`` / ``Assistant.plan`` with the selected
incident) filed a new report under an incident closed meanwhile: after a Confirm of "merge INC-B into INC-A" the page's
session is still on INC-B, and the next report pressed through Plan was filed under the closed INC-B (its plan, its
dispatch proposal), lost to the incident everyone works on.  The chat already continues on the incident kept; the
buttons now do too, and a report selected onto an incident closed otherwise opens its own incident; the note says so."""

from __future__ import annotations

import pytest


@pytest.fixture
def assistant(make_assistant, restore_units):
    return make_assistant()


def _merged(assistant) -> tuple[str, str]:
    kept = assistant.plan("Fire in the stairwell of Bulevardi 14, smoke on all floors", narrative=False).incident_id
    merged = assistant.plan("Smoke pouring out of the windows at Bulevardi 14, courtyard side", narrative=False).incident_id
    if merged == kept:  # filed as one already: open the second on its own
        merged = assistant.plan("Smoke pouring out of the windows at Annankatu 16", narrative=False).incident_id
    proposal = assistant.propose("merge_incidents", {"merged": merged, "into": kept}, incident_id=merged, operator="op-anna")
    assistant.confirm_proposal(proposal.proposal_id, "op-anna")
    return merged, kept


@pytest.mark.parametrize("report", ["Flames now through the roof, two people on the fourth floor balcony",
                                    "现在屋顶着火了，四楼阳台上有两个人"])
def test_plan_on_a_merged_incident_files_under_the_one_kept(assistant, report):
    merged, kept = _merged(assistant)
    plan = assistant.plan(report, merged, "op-anna", narrative=False)
    assert plan.incident_id == kept
    assert any(f"{merged} was merged into {kept}" in w for w in plan.warnings), plan.warnings
    assert assistant._store.report_texts(merged) == []


def test_triage_on_a_merged_incident_files_under_the_one_kept(assistant):
    merged, kept = _merged(assistant)
    record = assistant.triage("Third floor now, a child at the window", merged, "op-anna")
    assert record.incident_id == kept and f"{merged} was merged into {kept}" in record.note


@pytest.mark.parametrize("report", ["Car on fire again in the courtyard of Mannerheimintie 5, flames under the bonnet",
                                    "Mannerheimintie 5 院子里的车又着火了"])
def test_a_report_on_a_closed_incident_opens_its_own(assistant, report):
    closed = assistant.plan("Car on fire in the courtyard of Mannerheimintie 5", narrative=False).incident_id
    close = assistant.propose("close_incident", {"incident_id": closed}, incident_id=closed, operator="op-anna")
    assistant.confirm_proposal(close.proposal_id, "op-anna")
    plan = assistant.plan(report, closed, "op-anna", narrative=False)
    assert plan.incident_id not in (None, closed)
    assert any(f"{closed} is closed" in w for w in plan.warnings), plan.warnings
    assert len(assistant._store.report_texts(closed)) == 1
