"""``agent.claims``: only a claim that something was done or will be done (dispatched, sent, evacuated, closed) on a
turn that proposed nothing is withheld from the LLM's answer.  True facts read from the tools stay: a unit's status on
the board ("ERO-E1 is available", "KAM-P1 is dispatched to INC-7"), the truth that nothing was done, and words that only
look like an order ("派出所", a police station; s16 final read: both were cut)."""

from __future__ import annotations

import pytest

from agent.claims import withhold_unproposed_claims

# the tool outputs of a turn: the board as the unit status tool reads it, and an off-map refusal
FACTS = ("- ERO-E1 (engine, Erottajan paloasema): available\n- KAM-P1 (police_patrol, Kampin poliisiasema): dispatched (INC-7)\n"
         "⚠ Nothing was dispatched: INC-9 has no place on the map.")


@pytest.mark.parametrize("claim", [
    "An ambulance will be dispatched to INC-9.",
    "ERO-E2 has been sent to Bulevardi 14.",
    "I have dispatched two engines to the pier.",
    "We are sending KAM-A1 now.",
    "The units are en route to INC-9.",
    "The block has been evacuated.",
    "救护车已派往INC-9。",
    "已出动两辆消防车。",
    "我们已经派出救护车前往现场。",
    "KAM-A1 will be committed to INC-9.",
])
def test_a_claim_of_a_change_nobody_proposed_is_withheld(claim):
    text, withheld = withhold_unproposed_claims(f"The incident is P1. {claim} Keep the caller on the line.", FACTS)
    assert withheld == 1, text
    assert claim not in text and "The incident is P1." in text and "Keep the caller on the line." in text


@pytest.mark.parametrize("fact", [
    "ERO-E1 is available.",
    "ERO-E1 is available and not committed to any incident.",
    "KAM-P1 is dispatched to INC-7.",
    "KAM-P1 has been dispatched to INC-7 and is not free.",
    "Nothing was dispatched: INC-9 has no place on the map.",
    "No unit has been sent yet.",
    "The nearest police station is the Kamppi 派出所.",
    "最近的派出所在Kamppi。",
    "ERO-E1目前可用。",
    "KAM-P1已派往INC-7。",
    "未派出任何单位。",
])
def test_a_true_fact_of_the_board_or_of_nothing_done_is_kept(fact):
    text, withheld = withhold_unproposed_claims(f"The incident is P1. {fact}", FACTS)
    assert withheld == 0 and fact in text, text


def test_a_unit_the_board_shows_free_is_no_support_for_a_claim_about_it():
    # ERO-E1 is in the facts, but available: "ERO-E1 has been dispatched" is a claim, not a read of the board
    text, withheld = withhold_unproposed_claims("ERO-E1 has been dispatched to INC-9.", FACTS)
    assert withheld == 1 and not text


def test_the_board_as_the_unit_status_tool_answers_it_one_json_line():
    import json

    facts = "[unit_status]\n" + json.dumps({"units": [
        {"unit_id": "ERO-E1", "unit_type": "engine", "station": "Erottaja", "status": "available"},
        {"unit_id": "KAM-P1", "unit_type": "police_patrol", "station": "Kamppi", "status": "dispatched"}]})
    kept, withheld = withhold_unproposed_claims("KAM-P1 has been dispatched. ERO-E1 is available.", facts)
    assert withheld == 0 and "KAM-P1 has been dispatched." in kept
    kept, withheld = withhold_unproposed_claims("ERO-E1 has been dispatched. KAM-P1 is dispatched.", facts)
    assert withheld == 1 and kept == "KAM-P1 is dispatched."
