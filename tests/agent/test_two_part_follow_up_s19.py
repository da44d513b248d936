"""Trial 19 L20: "孩子找到了吗？现在还有哪些警察巡逻车可以用？" answered only the unit list; whether the child was found was
dropped.  Both parts are answered: the open missing-person incidents from the log, and the units."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("question", ["孩子找到了吗？现在还有哪些警察巡逻车可以用？",
                                      "Has the boy been found yet? Which police patrols are still available?",
                                      "Any news of the missing boy? Which police patrols are free now?"])
def test_both_parts_of_a_two_part_follow_up_are_answered(make_assistant, restore_units, question):
    assistant = make_assistant()
    child = assistant.plan("Lost child: our son, 5, missing near the Cathedral steps at Senate Square, red coat",
                           operator="op-berit", narrative=False).incident_id
    assert assistant.incident(child).incident_type == "missing_person"
    other = assistant.plan("Fire on the 3rd floor of a flat at Bulevardi 14, one person trapped", narrative=False).incident_id
    reply = list(assistant.chat(question, other, operator="op-anna"))[-1]
    assert child in reply.text, reply.text[:600]  # the missing-person incident, still open in the log
    assert "HAK-P1" in reply.text, reply.text[:600]  # the police patrols
    assert len(assistant.incidents()) == 2 and reply.plan is None
