"""The command centre's chat (without a browser): a question opens no incident; a report opens one and the page's
session and incident selector follow it; a report of another place opens its own and the page follows that one."""

from __future__ import annotations


class _Request:  # what Gradio passes for an unauthenticated session
    username = None


def _send(centre, text, history, session):
    outs = list(centre.chat(text, history, session, _Request()))
    last = outs[-1]
    return last[0], last[2], last[7]  # history, session, the incident selector's update


def test_the_page_opens_an_incident_only_for_a_report_and_follows_a_new_one(ui_settings, triage_model, retriever, city, tmp_path):
    from agent.assistant import Assistant
    from agent.backends import build_backend
    from agent.store import IncidentStore
    from ui.page import CommandCentre, new_session

    assistant = Assistant(ui_settings, triage=triage_model, retriever=retriever, city=city,
                          backend=build_backend(ui_settings), store=IncidentStore(tmp_path / "incidents.sqlite"))
    centre = CommandCentre(assistant, settings=ui_settings, roads=None)
    history, session, selector = _send(centre, "How many shelters are still open right now?", [], new_session())
    assert assistant.incidents() == [] and session["incident_id"] is None  # a question: nothing opened
    assert selector["value"] is None

    history, session, selector = _send(centre, "Smoke from a 4th floor window at Albertinkatu 40, a woman shouting for help",
                                       history, session)
    [first] = assistant.incidents()
    assert session["incident_id"] == first.incident_id and selector["value"] == first.incident_id

    history, session, selector = _send(centre, "另一起火灾：Kaisaniemi metro station 入口起火，隧道里有烟", history, session)
    second = session["incident_id"]
    assert second != first.incident_id and selector["value"] == second
    assert {i.incident_id for i in assistant.incidents()} == {first.incident_id, second}
