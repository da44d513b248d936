"""Review s18 of s17-tfc (2985c48, address and priority changes from chat).

- MED: a floor said in a report ("the fire is now on the 4th floor", "火灾位置在4楼") was read as the incident's new
  address: the reply opened with an "address correction" the operator never asked for, and the Chinese report itself
  was then looked up as a place instead of being filed.
- MED: a fire that spread ("it is now at Mannerheimintie 7 as well") was proposed as a move of the incident away from
  its first place.
- HIGH: a priority change for an incident described by a kind that no open incident has ("raise the tram crash to
  P1" with no tram crash open) was proposed for the session's incident, another incident altogether.
"""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", [
    "The fire is now on the 4th floor, two people trapped",
    "the patient is actually on the 3rd floor, not in the street",
    "Smoke has reached the top floor, the blaze is now on floor 6",
    "火灾位置在4楼，有两人被困",
])
def test_a_floor_is_no_new_address(text):
    from agent.incident_request import incident_request

    request = incident_request(text)
    assert request is None or request.place is None, request


@pytest.mark.parametrize("text", [
    "the fire has spread, it is now at Mannerheimintie 7 as well",
    "the blaze is now at Annankatu 14 too",
    "It's spreading: the fire is now on Bulevardi 5 also",
])
def test_a_spread_is_no_move(text):
    from agent.incident_request import incident_request

    request = incident_request(text)
    assert request is None or request.place is None, request


@pytest.mark.parametrize("text", ["the address of the fire is actually Mannerheimintie 7",
                                  "The fire is actually at Mannerheimintie 7, not 5"])
def test_a_real_address_change_is_still_read(text):
    from agent.incident_request import incident_request

    assert incident_request(text).place == "Mannerheimintie 7"


def _turn(assistant, text, incident):
    events = list(assistant.chat(text, incident, "op-review"))
    final = [e for e in events if e.kind == "final"][-1]
    return final, [p for e in events for p in (e.proposals or [])]


@pytest.fixture
def car_fire(make_assistant, restore_units):
    assistant = make_assistant()
    return assistant, assistant.plan("Car on fire in the courtyard of Mannerheimintie 5", narrative=False).incident_id


def test_a_spread_in_chat_proposes_no_move(car_fire):
    assistant, car = car_fire
    final, proposals = _turn(assistant, "the fire has spread, it is now at Mannerheimintie 7 as well", car)
    assert not [p for p in proposals if p.action == "relocate_incident"], final.text[:300]


@pytest.fixture
def pipe_burst(make_assistant, restore_units):
    assistant = make_assistant()
    incident = assistant.plan("Water pipe burst in a basement at Annankatu 12, water on the floor, nobody hurt",
                              narrative=False).incident_id
    assert assistant._store.get_incident(incident).priority != "P1"
    return assistant, incident


@pytest.mark.parametrize("text", ["raise the tram crash to P1", "upgrade the bomb threat to priority 1", "把电车事故升为P1"])
def test_a_priority_change_for_a_kind_not_open_changes_nothing(pipe_burst, text):
    assistant, incident = pipe_burst
    final, proposals = _turn(assistant, text, incident)
    assert not [p for p in proposals if p.action == "retype_incident"], final.text[:300]


def test_a_priority_change_without_a_kind_is_still_the_sessions(pipe_burst):
    assistant, incident = pipe_burst
    final, proposals = _turn(assistant, "raise the priority to P1", incident)
    assert [(p.args.get("incident_id"), p.args.get("priority")) for p in proposals if p.action == "retype_incident"] == \
        [(incident, "P1")], final.text[:300]


@pytest.mark.parametrize("text", ["the tram crash is actually at Bulevardi 5", "电车事故的地址改为Bulevardi 5"])
def test_an_address_change_for_a_kind_not_open_moves_nothing(pipe_burst, text):
    assistant, incident = pipe_burst
    final, proposals = _turn(assistant, text, incident)
    assert not [p for p in proposals if p.action == "relocate_incident"], final.text[:300]
