"""One label per incident: the sitrep and the open-incidents list show its current priority and type, not the triage
it was opened with (kept in its title) beside them."""

from __future__ import annotations

import pytest

from agent.situation import OpenIncident, incidents_text


@pytest.mark.parametrize("title, words", [("P2 traffic_accident: two vans collided at the harbour gate", "two vans collided"),
                                          ("P3 hazmat: 地铁站台有刺鼻气味", "地铁站台有刺鼻气味")])
def test_an_unlocated_incident_shows_only_its_current_label(title, words):
    row = OpenIncident(incident_id="INC-1", title=title, priority="P1", incident_type="fire", age_min=3)
    text = incidents_text([row])
    assert "P1 fire" in text and words in text
    assert title.split(":")[0] not in text  # the opening label is gone


def test_a_title_without_the_label_is_shown_as_it_is():
    row = OpenIncident(incident_id="INC-2", title="chat", priority="P2", incident_type="flood", age_min=1)
    assert "chat" in incidents_text([row])
