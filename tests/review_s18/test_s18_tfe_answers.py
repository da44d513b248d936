"""Trial 18 (storm night) answer defects, through ``Assistant.chat`` with the real components:

* M7: "which shelters still have room?" is answered with the places still free (capacity minus the places approved
  evacuations hold), and each shelter's hazard restriction is said, marked where an open incident has that hazard.
* M8: a question that filters the incident list ("P1 incidents with no unit") is answered exactly from the log, never
  with every P1 and never with a dispatch to a "place" made of the question's words.
* M16: a question for live data the system does not hold (a forecast, logistics tracking) says so first; plan passages
  after it are labelled as plan text.
* M12: "close the Snellmaninkatu tree incident" (an incident described by place or kind, no id) proposes closing that
  incident, asks which when several fit, says so when none does; it is never filed as a report.
"""

from __future__ import annotations

import pytest

OP = "op-anna"


def _incident(assistant, title: str, kind: str, priority: str) -> str:
    """An open incident of the log, typed as a confirmed re-triage would type it."""
    incident = assistant._store.create_incident(title, OP)
    assistant._store.retype_incident(incident.incident_id, kind, priority, OP, {"reason": "test"})
    return incident.incident_id


def _commit(assistant, incident_id: str, units: list[str]) -> None:
    proposal = assistant.propose("commit_dispatch", {"unit_ids": units, "incident_id": incident_id},
                                 incident_id=incident_id, operator=OP, origin="test")
    assistant.confirm_proposal(proposal.proposal_id, OP)


def _tools(events) -> list[str]:
    return [e.step.name for e in events if e.kind == "tool" and e.step]


# --- M8: the incident list filtered by its units -------------------------------------------------------------------
@pytest.mark.parametrize("question", [
    "how many P1 incidents have no unit assigned?",
    "montako P1-tehtävää on ilman yksikköä?",
    "现在有几个P1事件还没有派出单位？",
    "Which P1 incidents still have no units dispatched?",
])
def test_p1_incidents_without_units_are_counted_from_the_log(make_assistant, restore_units, question):
    a = make_assistant()
    covered = _incident(a, "P1 fire: flat fire at Annankatu 12", "fire", "P1")
    bare = _incident(a, "P1 flood: car in the flooded underpass at Siltasaarenkatu", "flood", "P1")
    lower = _incident(a, "P3 medical: elderly man fell at Bulevardi 14", "medical", "P3")
    _commit(a, covered, ["ERO-E1"])
    events = list(a.chat(question, None, OP))
    final = events[-1]
    assert "plan_dispatch" not in _tools(events), _tools(events)
    assert not final.proposals
    assert bare in final.text and covered not in final.text and lower not in final.text, final.text
    assert "1 open P1 incident(s) with no unit" in final.text, final.text


def test_incidents_without_units_any_priority(make_assistant, restore_units):
    a = make_assistant()
    covered = _incident(a, "P1 fire: flat fire at Annankatu 12", "fire", "P1")
    bare = _incident(a, "P1 flood: car in the flooded underpass", "flood", "P1")
    lower = _incident(a, "P3 medical: elderly man fell at Bulevardi 14", "medical", "P3")
    _commit(a, covered, ["ERO-E1"])
    final = list(a.chat("which incidents have no units on them?", None, OP))[-1]
    assert bare in final.text and lower in final.text and covered not in final.text, final.text
    assert "2 open incident(s) with no unit" in final.text, final.text


# --- M7: free shelter places and restrictions --------------------------------------------------------------------------
@pytest.mark.parametrize("question", ["which shelters still have room tonight?", "do the shelters have space left?",
                                      "哪些避难所还有空位？"])
def test_shelters_with_room_say_free_places_and_restrictions(make_assistant, restore_units, question):
    a = make_assistant()
    plan = next(e.plan for e in a.chat("evacuate the whole of Kluuvi, a gas cloud is drifting over it", None, OP)
                if e.kind == "final")
    a.approve_plan(plan.plan_id, OP)
    storm = _incident(a, "P1 severe_weather: roof blown off at Kaisaniemenkatu 5", "severe_weather", "P1")
    rows = {r.name: r for r in a.shelter_occupancy()}
    used = [r for r in rows.values() if r.assigned]
    assert used, "the approved evacuation must hold places"
    final = list(a.chat(question, None, OP))[-1]
    lines = final.text.splitlines()

    def line_of(name: str) -> str:
        found = [line for line in lines if name in line]
        assert found, f"{name} missing from:\n{final.text}"
        return found[0]

    for row in used:
        assert f"{row.capacity - row.assigned} free" in line_of(row.name), final.text
    city_hall = line_of("Helsingin kaupungintalo")
    assert "severe weather" in city_hall and storm in city_hall, city_hall


def test_a_shelter_list_says_free_places_and_restrictions(make_assistant, restore_units):
    """The plain shelter list (list_shelters) gives free places and the restriction too, not the capacity alone."""
    a = make_assistant()
    final = list(a.chat("list the shelters", None, OP))[-1]
    assert "free" in final.text and "severe_weather" in final.text.replace(" ", "_"), final.text


# --- M16: live data the system does not hold -------------------------------------------------------------------------
@pytest.mark.parametrize("question, gap", [
    ("what is the water level forecast for Hakaniemi for the next 3 hours?", "forecast"),
    ("mikä on vedenkorkeusennuste Hakaniemessä seuraaville tunneille?", "forecast"),
    ("哈卡涅米未来三小时的水位预报是多少？", "预报"),
    ("is the fuel truck for the care home generator on its way? when does it arrive?", "logistics"),
    ("när kommer bränslebilen till äldreboendets generator?", "logistics"),
    ("how is the traffic on Mannerheimintie right now?", "traffic"),
])
def test_a_question_for_data_the_system_lacks_says_so(make_assistant, question, gap):
    a = make_assistant()
    final = list(a.chat(question, None, OP))[-1]
    first = final.text.strip().splitlines()[0]
    assert ("I have no" in first or "没有" in first) and gap in first, final.text
    assert not final.proposals
    if "[C1]" in final.text:  # plan passages, if any, come after the gap and are labelled as plan text
        assert final.text.index("[C1]") > final.text.index(first)
        assert "plan" in final.text.lower() or "预案" in final.text


def test_a_report_of_rising_water_is_still_a_report(make_assistant):
    """The gap answer is for questions: a report naming the water level is planned as ever."""
    a = make_assistant()
    events = list(a.chat("Water level rising fast in the Hakaniemi underpass, a car is stuck with the driver inside",
                         None, OP))
    assert "plan_response" in _tools(events)


# --- M12: close an incident described by place or kind ---------------------------------------------------------------
@pytest.mark.parametrize("order", ["close the Snellmaninkatu tree incident, road cleared",
                                   "Close out the fallen tree job on Snellmaninkatu, the road is clear",
                                   "关闭Snellmaninkatu的倒树事件，道路已清理"])
def test_close_by_description_proposes_that_incident(make_assistant, restore_units, order):
    a = make_assistant()
    tree = _incident(a, "P3 medical: Kaatunut puu Snellmaninkatu 10, raitiovaunu pysähtynyt", "medical", "P3")
    other = _incident(a, "P2 severe_weather: Träd har fallit över Mariegatan, en bil under trädet", "severe_weather", "P2")
    events = list(a.chat(order, other, OP))
    final = events[-1]
    assert "plan_response" not in _tools(events), final.text
    closes = [p for p in final.proposals if p.action == "close_incident"]
    assert [p.args.get("incident_id") for p in closes] == [tree], final.text
    assert a._store.report_texts(other) == []  # nothing filed as a follow-up report


def test_close_by_description_asks_which_when_several_fit(make_assistant, restore_units):
    a = make_assistant()
    first = _incident(a, "P3 severe_weather: tree down on Snellmaninkatu", "severe_weather", "P3")
    second = _incident(a, "P3 severe_weather: tree down on Mariankatu", "severe_weather", "P3")
    final = list(a.chat("close the fallen tree incident", None, OP))[-1]
    assert not final.proposals
    assert first in final.text and second in final.text, final.text


def test_close_by_description_says_when_none_fits(make_assistant, restore_units):
    a = make_assistant()
    _incident(a, "P3 severe_weather: tree down on Snellmaninkatu", "severe_weather", "P3")
    events = list(a.chat("close the Bulevardi fire incident", None, OP))
    final = events[-1]
    assert not final.proposals and "plan_response" not in _tools(events)
    assert "No open incident" in final.text, final.text
