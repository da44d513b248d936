"""Follow-ups in a chat session: a report that names no place of its own is about the session's incident, and is
planned at that incident's place; where a plume or a vehicle is going is not where the incident is."""

from __future__ import annotations

import pytest

from agent.incident_scope import without_motion_targets

# the note that a report opened an incident of its own, in the asker's language (s17-zh: a Chinese desk gets Chinese)
OPENED = ("Opened ", "已新开事件")

CRASH = "Two cars collided at Bulevardi 14, one driver trapped, fuel on the road"
FIRE = "Fire on the 2nd floor of a flat at Bulevardi 14, a child at the window"


def _final(assistant, message, incident):
    return list(assistant.chat(message, incident))[-1]


@pytest.fixture
def assistant(make_assistant):
    return make_assistant()


@pytest.mark.parametrize("follow_up", ["the van has just caught fire as well", "现在车着火了，司机还在里面"])
def test_a_follow_up_without_a_place_is_filed_and_planned_at_the_incident(assistant, follow_up):
    session = assistant.open_incident("chat", "op").incident_id
    _final(assistant, CRASH, session)
    reply = _final(assistant, follow_up, session)
    assert len(assistant.incidents()) == 1 and not reply.text.startswith(OPENED)
    assert reply.plan is not None and reply.plan.incident_id == session
    assert assistant.incident_view(session).report_text == follow_up  # filed on the crash
    assert "Bulevardi 14" in (reply.plan.location or "")  # at the crash, not unlocated
    assert reply.plan.tool_outputs["locate"]["method"] == "incident"


@pytest.mark.parametrize("text, gone, kept", [
    ("smoke drifting into Kaisaniemi metro station now", "Kaisaniemi", "smoke"),
    ("the plume is blowing over the railway station, people coughing", "railway station", "people coughing"),
    ("浓烟正飘向Kaisaniemi地铁站，有人咳嗽", "Kaisaniemi", "有人咳嗽"),
    ("烟往Kaisaniemi地铁站方向飘，行人咳嗽", "Kaisaniemi", "行人咳嗽"),
    ("Fire at Bulevardi 14, the fire spread to Bulevardi 16", "", "Bulevardi 16"),  # where the fire is now: kept
    ("火势蔓延到Bulevardi 16", "", "Bulevardi 16"),
    # only a plume's destination goes, and only the noun phrase after the preposition: where a thing flows or rolls
    # is where the incident is, and an "of / at / outside <address>" phrase says where the destination is
    ("Sewage has been flowing onto the pavement outside Hämeentie 20 since noon", "", "Hämeentie 20"),
    ("a bus rolled into the canal by Kauppatori, passengers in the water", "", "Kauppatori"),
    ("fumes blowing into the courtyard of Fredrikinkatu 30, tenants are dizzy", "courtyard", "Fredrikinkatu 30"),
    ("the gas cloud drifts over Kallio, people coughing", "Kallio", "people coughing"),
])
def test_the_target_of_a_movement_is_left_out(text, gone, kept):
    left = without_motion_targets(text)
    assert kept in left and (not gone or gone not in left)


@pytest.mark.parametrize("drift", ["Smoke drifting into Kaisaniemi metro station now, people coughing",
                                   "浓烟正飘向Kaisaniemi地铁站，有人咳嗽"])
def test_smoke_drifting_to_another_place_opens_no_incident_and_does_not_move_this_one(assistant, drift):
    session = assistant.open_incident("chat", "op").incident_id
    _final(assistant, FIRE, session)
    reply = _final(assistant, drift, session)
    assert not reply.text.startswith(OPENED) and len(assistant.incidents()) == 1
    assert "Kaisaniemi" not in (reply.plan.location or "")
    reply = _final(assistant, "The fire at Bulevardi 14 has reached the roof", session)  # the source, named again
    assert not reply.text.startswith(OPENED) and len(assistant.incidents()) == 1
