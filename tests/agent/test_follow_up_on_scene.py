"""A follow-up's plan counts the units already committed to the same incident as on scene: it plans only the
additional need, and never asks mutual aid for a unit type that this very incident has (trial s14 #8)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("follow_up", ["two more people hurt now, one is bleeding badly",
                                       "又有两个人受伤，其中一个流血很严重"])
def test_units_committed_to_the_incident_are_on_scene_in_its_follow_up(make_assistant, restore_units, follow_up):
    assistant = make_assistant()
    first = assistant.plan("A van hit a tram stop shelter at Bulevardi 14, the driver is trapped in the cab", narrative=False)
    incident = first.incident_id
    assistant.confirm_proposal(assistant.propose("commit_dispatch", {"unit_ids": ["ERO-R1"]}, incident_id=incident).proposal_id)
    reply = list(assistant.chat(follow_up, incident))[-1]
    plan = assistant.latest_plan(incident)
    lines = [item.text for item in plan.resources]
    assert any(line.startswith(f"On scene at {incident}") and "ERO-R1 (rescue)" in line for line in lines), lines
    assert not any(line.startswith("Shortfall") and "rescue" in line for line in lines), lines
    assert "mutual aid for 1 × rescue" not in reply.text
