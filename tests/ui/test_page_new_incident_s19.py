"""Trial 19 H1: after "New incident" the next report opens a new incident, even at the place of an open one (the
reply to a report filed under an open incident at its place tells the operator to press New incident and send it again:
then it must open its own).  Checked through the page's own handlers (``CommandCentre.new_incident``, ``chat``)."""

from __future__ import annotations

import pytest


class _Request:  # what Gradio passes for an unauthenticated session
    username = None


def _page(ui_settings, triage_model, retriever, city, tmp_path):
    from agent.assistant import Assistant
    from agent.backends import build_backend
    from agent.store import IncidentStore
    from ui.page import CommandCentre

    assistant = Assistant(ui_settings, triage=triage_model, retriever=retriever, city=city,
                          backend=build_backend(ui_settings), store=IncidentStore(tmp_path / "incidents.sqlite"))
    return assistant, CommandCentre(assistant, settings=ui_settings, roads=None)


@pytest.mark.parametrize("report", [
    "Smoke pouring out of the stairwell at Bulevardi 14, residents shouting from the windows",
    "Bulevardi 14: flames from a 2nd floor window, a second fire in the building",
    "火灾：Bulevardi 14 二楼窗户冒火",
])
def test_after_new_incident_the_next_report_opens_a_new_one(ui_settings, triage_model, retriever, city, tmp_path,
                                                            report):
    assistant, centre = _page(ui_settings, triage_model, retriever, city, tmp_path)
    fire = assistant.plan("Fire on the 3rd floor of a flat at Bulevardi 14, one person trapped", operator="op-berit",
                          narrative=False).incident_id
    session = centre.new_incident({"incident_id": fire})[0]  # the operator presses "New incident"
    out = list(centre.chat(report, [], session, _Request()))[-1]
    history, session = out[0], out[2]
    assert session["incident_id"] and session["incident_id"] != fire, history[-1]["content"][:300]
    assert len(assistant.incidents()) == 2
    assert "Same place as" not in history[-1]["content"]
    # a question first keeps "New incident" for the report after it
    session = centre.new_incident(session)[0]
    session = list(centre.chat("How many shelters are still open right now?", [], session, _Request()))[-1][2]
    assert session["incident_id"] is None
    session = list(centre.chat(report, [], session, _Request()))[-1][2]
    assert session["incident_id"] not in (None, fire) and len(assistant.incidents()) == 3


def test_a_fresh_page_still_files_a_duplicate_report_under_the_open_incident(ui_settings, triage_model, retriever, city,
                                                                             tmp_path):
    # without the button a second caller of the same fire is the other desk's incident (no duplicate opened)
    from ui.page import new_session

    assistant, centre = _page(ui_settings, triage_model, retriever, city, tmp_path)
    fire = assistant.plan("Fire on the 3rd floor of a flat at Bulevardi 14, one person trapped", operator="op-berit",
                          narrative=False).incident_id
    out = list(centre.chat("Smoke pouring out of the stairwell at Bulevardi 14, residents shouting from the windows", [],
                           new_session(), _Request()))[-1]
    assert out[2]["incident_id"] == fire and len(assistant.incidents()) == 1
