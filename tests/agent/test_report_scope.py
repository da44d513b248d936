"""A new report in a chat session opens its own incident when it is about another place (or, where only it has a
place, another hazard); a follow-up stays on the session's incident; nothing of the first incident is overwritten."""

from __future__ import annotations

import pytest

from agent.incident_scope import ReportPlace, report_belongs_to

# the note that a report opened an incident of its own, in the asker's language (s17-zh: a Chinese desk gets Chinese)
OPENED = ("Opened ", "已新开事件")


def _final(assistant, message, incident):
    return list(assistant.chat(message, incident))[-1]


@pytest.fixture
def assistant(make_assistant):
    return make_assistant()


def test_the_rule_place_first_then_hazard():
    bulevardi = ReportPlace(60.1640, 24.9380, 15.0)
    next_door = ReportPlace(60.1645, 24.9385, 15.0)     # ~60 m: the next entrance, one incident
    kaisaniemi = ReportPlace(60.1700, 24.9470, 30.0)    # ~800 m: another incident
    assert report_belongs_to(None, bulevardi, "medical", "fire")  # no place: a follow-up, whatever it adds
    assert report_belongs_to(next_door, bulevardi, "hazmat", "fire")
    assert not report_belongs_to(kaisaniemi, bulevardi, "fire", "fire")
    assert not report_belongs_to(ReportPlace(outside_map="Hämeentie 200"), bulevardi, "traffic_accident", "hazmat")
    assert report_belongs_to(bulevardi, None, "fire", "fire")  # the address of an unplaced first report
    assert not report_belongs_to(bulevardi, None, "traffic_accident", "fire")
    assert report_belongs_to(bulevardi, None, "fire", None)


@pytest.mark.parametrize("first, other, follow_up", [
    ("Fire in a flat at Bulevardi 14, smoke on the stairs, one person on the balcony",
     "Fire at Kaisaniemi metro station entrance, smoke in the tunnel",
     "Two more residents are now on the balcony, the smoke is getting thicker"),
    ("Bulevardi 14 三楼公寓着火，楼梯间有烟，一人在阳台",
     "火灾：Mannerheimintie 5 三楼冒烟",  # an address the map reads with confidence (a doubtful match is no place)
     "阳台上又多了两个人，烟越来越大"),
])
def test_a_report_elsewhere_opens_its_own_incident_and_a_follow_up_stays(assistant, first, other, follow_up):
    session = assistant.open_incident("chat", "op").incident_id
    _final(assistant, first, session)
    before = assistant.incident_view(session)
    assert before.report_text == first

    reply = _final(assistant, other, session)
    opened = reply.plan.incident_id
    assert opened != session and (reply.text.startswith(f"Opened {opened} for ") and f"{session} stays open" in reply.text
                                 or reply.text.startswith(f"已新开事件 {opened}") and f"{session} 仍未结" in reply.text)
    assert "continues on" not in reply.text  # a caller that does not follow the session's incidents (the web page) stays
    kept = assistant.incident_view(session)  # the first incident untouched: report, triage, title
    assert (kept.report_text, kept.incident.title, kept.triage) == (first, before.incident.title, before.triage)
    assert assistant.incident_view(opened).report_text == other
    assert {session, opened} <= {i.incident_id for i in assistant.incidents()}

    reply = _final(assistant, follow_up, session)  # no place of its own: the session's incident
    assert not reply.text.startswith(OPENED)
    assert assistant.incident_view(session).report_text == follow_up
    assert len(assistant.incidents()) == 2


def test_a_report_at_the_same_place_stays_on_the_session_incident(assistant):
    session = assistant.open_incident("chat", "op").incident_id
    _final(assistant, "Fire in a flat at Bulevardi 14, smoke on the stairs", session)
    reply = _final(assistant, "Gas smell now in the stairwell of Bulevardi 14, residents dizzy", session)
    assert not reply.text.startswith(OPENED) and len(assistant.incidents()) == 1
    assert assistant.incident_view(session).report_text.startswith("Gas smell")


def test_a_session_without_an_incident_opens_one_only_for_a_report(assistant):
    reply = _final(assistant, "sitrep", None)
    assert reply.kind == "final" and assistant.incidents() == []
    assert [e.payload["role"] for e in assistant._store.events(kind="chat_message")] == ["user", "assistant"]
    reply = _final(assistant, "Fire in a flat at Bulevardi 14, smoke on the stairs", None)
    [incident] = assistant.incidents()
    assert reply.plan.incident_id == incident.incident_id and not reply.text.startswith(OPENED)
    assert [m["role"] for m in assistant.chat_history(incident.incident_id)] == ["user", "assistant"]


def test_a_status_the_unit_already_has_is_not_proposed(assistant, restore_units):
    session = assistant.open_incident("chat", "op").incident_id
    reply = _final(assistant, "set ERO-A1 to available", session)
    assert reply.proposals == [] and "ERO-A1 is already available" in reply.text
    with pytest.raises(Exception, match="already available"):
        assistant.propose("set_unit_status", {"unit_id": "ERO-A1", "status": "available"})


def test_eca_chat_opens_no_incident_before_a_report(assistant, monkeypatch, capsys):
    import io
    import sys

    import agent.commands
    from ui.cli import main

    monkeypatch.setattr(agent.commands, "build_assistant", lambda args: assistant)
    monkeypatch.setattr(sys, "stdin", io.StringIO("which engines are free at Erottaja?\n"))
    assert main(["chat"]) == 0
    assert assistant.incidents() == [] and "No incident yet" in capsys.readouterr().out
    monkeypatch.setattr(sys, "stdin", io.StringIO("Fire in a flat at Bulevardi 14, smoke on the stairs\n"))
    assert main(["chat"]) == 0
    [incident] = assistant.incidents()
    assert f"Incident {incident.incident_id} opened" in capsys.readouterr().out


def test_a_follow_up_raises_the_incidents_type_and_priority_but_never_lowers_them(tmp_path):
    from agent.schemas import TriageSummary
    from agent.store import IncidentStore

    def read(kind, priority):
        return TriageSummary(incident_type=kind, priority=priority, type_confidence=0.9, priority_confidence=0.9)

    store = IncidentStore(tmp_path / "log.sqlite")
    incident = store.create_incident("fire", "op").incident_id
    store.add_report(incident, "Fire on the 3rd floor, one person trapped", read("fire", "P1"), "op")
    store.add_report(incident, "Neighbours feel dizzy", read("hazmat", "P2"), "op")  # filed, but the fire stays P1
    shown = store.get_incident(incident)
    assert (shown.incident_type, shown.priority) == ("fire", "P1")
    assert store.latest_report(incident).text == "Neighbours feel dizzy"
    other = store.create_incident("smell", "op").incident_id
    store.add_report(other, "A faint smell of smoke", read("fire", "P3"), "op")
    store.add_report(other, "The roof has collapsed, people inside", read("earthquake_collapse", "P1"), "op")
    shown = store.get_incident(other)
    assert (shown.incident_type, shown.priority) == ("earthquake_collapse", "P1")  # an escalation is taken


def test_eca_chat_follows_the_incident_a_report_opened_and_files_by_place_across_the_session(assistant, monkeypatch, capsys):
    import io
    import sys

    import agent.commands
    from ui.cli import main

    fire = "Fire on the 3rd floor of a flat at Bulevardi 14, one person trapped on the balcony"
    gas = "Gas leak at Yrjönkatu 8, strong smell in the stairwell"
    dizzy = "Two residents of that building feel dizzy and are vomiting"
    roof = "The fire at Bulevardi 14 is now on the roof"
    monkeypatch.setattr(agent.commands, "build_assistant", lambda args: assistant)
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join([fire, gas, dizzy, roof]) + "\n"))
    assert main(["chat"]) == 0
    out = capsys.readouterr().out
    by_report = {}
    for incident in assistant.incidents():
        texts = [e.payload["text"] for e in assistant._store.events(incident.incident_id, kind="report")]
        by_report[texts[0]] = (incident.incident_id, texts)
    assert set(by_report) == {fire, gas}  # the roof report is not a third incident
    first, fire_texts = by_report[fire]
    second, gas_texts = by_report[gas]
    assert gas_texts == [gas, dizzy]  # the follow-up after the gas report is about the gas leak
    assert fire_texts == [fire, roof]  # a report at the first incident's place goes back to it
    assert f"This session now continues on {second}." in out and f"Filed under {first}" in out


def test_a_follow_up_without_a_place_does_not_erase_where_the_incident_is(assistant):
    session = assistant.open_incident("chat", "op").incident_id
    _final(assistant, "Fire on the 3rd floor of a flat at Bulevardi 14, one person trapped on the balcony", session)
    _final(assistant, "Two more people trapped on the 4th floor", session)  # no place of its own
    reply = _final(assistant, "The fire at Bulevardi 14 is now on the roof", session)
    assert not reply.text.startswith(OPENED) and len(assistant.incidents()) == 1
    assert assistant.incident_view(session).report_text == "The fire at Bulevardi 14 is now on the roof"


def test_where_smoke_drifts_to_and_a_doubtful_match_are_no_new_place(assistant):
    from agent.incident_scope import without_motion_targets

    assert "Stockmann" not in without_motion_targets("Smoke is drifting towards Stockmann, people coughing")
    assert "Bulevardi 14" in without_motion_targets("Fire at Bulevardi 14, the plume heading for the harbour")
    session = assistant.open_incident("chat", "op").incident_id
    _final(assistant, "Fire on the 3rd floor of a flat at Bulevardi 14, one person trapped on the balcony", session)
    for follow_up in ("Smoke is drifting towards Stockmann, people coughing",
                      "布莱瓦迪14号的火势蔓延到四楼"):  # the address in Chinese: the map does not read it with confidence
        reply = _final(assistant, follow_up, session)
        assert not reply.text.startswith(OPENED), follow_up
    assert len(assistant.incidents()) == 1
