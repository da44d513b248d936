"""After Confirm (and Reject) on the command centre, the chat says the outcome (it ended with "Awaiting your
confirmation"), not only the notice line."""

from __future__ import annotations

import pytest


class _Request:  # what Gradio passes for an unauthenticated session
    username = None


@pytest.fixture
def desk(ui_settings, triage_model, retriever, city, tmp_path):
    """(assistant, command centre) on a fresh incident log; the city's unit statuses are put back afterwards."""
    from agent.assistant import Assistant
    from agent.backends import build_backend
    from agent.store import IncidentStore
    from ui.page import CommandCentre

    before = dict(city.unit_status())
    assistant = Assistant(ui_settings, triage=triage_model, retriever=retriever, city=city,
                          backend=build_backend(ui_settings), store=IncidentStore(tmp_path / "incidents.sqlite"))
    try:
        yield assistant, CommandCentre(assistant, settings=ui_settings, roads=None)
    finally:
        for unit_id, status in before.items():
            city.set_unit_status(unit_id, status)


def test_confirm_is_said_in_the_chat(desk):
    from ui.page import new_session

    assistant, centre = desk
    session = new_session()
    history = list(centre.chat("KAI-A1 is out of service, its pump failed", [], session, _Request()))[-1][0]
    assert "Awaiting your confirmation" in history[-1]["content"]
    [proposal] = assistant.pending_proposals()
    out = centre.confirm(proposal.proposal_id, session, history, _Request())
    assert out[-1][-1]["role"] == "assistant" and out[-1][-1]["content"].startswith("✓ Confirmed: Set KAI-A1")
    assert assistant.unit_statuses()["KAI-A1"] == "out_of_service"


def test_a_stale_proposal_is_said_not_applied_in_the_chat(desk):
    """Two proposals for the same change; the second, confirmed after the first, no longer changes anything: the chat
    says it was not applied and why, instead of an empty reply."""
    from ui.page import new_session

    assistant, centre = desk
    session = new_session()
    first = assistant.propose("set_unit_status", {"unit_id": "HAK-P1", "status": "out_of_service"})
    second = assistant.propose("set_unit_status", {"unit_id": "HAK-P1", "status": "out_of_service"})
    history = [{"role": "assistant", "content": "Awaiting your confirmation"}]
    centre.confirm(first.proposal_id, session, history, _Request())
    out = centre.confirm(second.proposal_id, session, history, _Request())
    said = out[-1][-1]["content"]
    assert said.startswith("✗ Not applied") and "already out of service" in said


def _incident_points(fig) -> list[tuple[float, float, str]]:
    return [(x, y, label) for trace in fig.data if trace.name == "Incident"
            for x, y, label in zip(trace.x, trace.y, trace.text or [""] * len(trace.x))]


@pytest.mark.parametrize(("report", "correction"), [
    # trial s19 M12: after a confirmed move the plan panel and the map still showed the old place
    ("Firework went off in a man's hand on Mannerheimintie 5, he is bleeding",
     "correction: the address is Eteläesplanadi 2, not Mannerheimintie 5"),
    ("Car on fire in the courtyard of Mannerheimintie 5", "sorry, the caller got it wrong: not Mannerheimintie 5, it's Annankatu 20"),
    ("Car on fire in the courtyard of Mannerheimintie 5", "地址说错了，应该是 Fredrikinkatu 30"),
])
def test_a_confirmed_move_redraws_the_incident_and_marks_the_plan_old(desk, report, correction):
    from ui.page import new_session

    assistant, centre = desk
    plan = assistant.plan(report, narrative=False)
    session = {**new_session(), "incident_id": plan.incident_id, "plan_id": plan.plan_id}
    [old] = {(x, y) for x, y, _ in _incident_points(centre.map_figure(plan))}
    history = list(centre.chat(correction, [], session, _Request()))[-1][0]
    [proposal] = [p for p in assistant.pending_proposals() if p.action == "relocate_incident"]
    out = centre.confirm(proposal.proposal_id, session, history, _Request())
    plan_view, fig = out[-3], out[-2]
    moved = assistant._filer.incident_place(plan.incident_id)
    # the plan panel says its plan was made for the old place, and to re-plan
    assert "moved" in plan_view and "Re-plan" in plan_view and moved.name in plan_view
    # the map draws the incident where it is now, not where the plan was made
    points = _incident_points(fig)
    assert any(abs(x - moved.lon) < 1e-6 and abs(y - moved.lat) < 1e-6 for x, y, _ in points)
    assert old not in {(x, y) for x, y, _ in points}
    # a switch back to the incident (another session, a reload) shows the same
    assert "Re-plan" in centre.switch(plan.incident_id, session)[4]
