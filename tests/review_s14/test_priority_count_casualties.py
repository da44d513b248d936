"""Review s14-rv1: the priority-list cue (ecbf660) reads a count of casualties of a triage level at one scene
("现场目前有多少 P1 伤员") as a request for the list of open incidents. Before s14 no cue read these."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", [
    "这起事故现在有几个 P2 伤员？",
    "现场目前有多少 P1 伤员需要转运？",
])
def test_casualties_of_a_level_are_not_the_incident_list(text):
    from agent.cue_rules import clause_intent

    assert clause_intent(text, []) != "open_incidents", text
