"""Trial 17 (H3): a burst water pipe filed beside a bomb threat read "pipe" as a pipe bomb (PS2, a 21 m cordon in
place of the threat's building evacuation).  A utility pipe (water, heating, gas, sewer) burst or leaking is never the
pipe-sized suspicious item; a length of pipe found, with wires or left behind, still is."""

from __future__ import annotations

import pytest

from tools.protective.cues import extract_protective_cues
from tools.protective.decision import decide


@pytest.mark.parametrize("text", [
    "Water pipe burst on Aleksanterinkatu 52, street flooding ankle deep.",
    "A pipe has burst under the pavement outside the store, water everywhere",
    "the sewer pipe is leaking into the basement car park",
    "burst pipe in the stairwell of the department store, water coming down the stairs",
    "阿莱克桑特林街52号水管爆裂，街上积水到脚踝",
])
def test_a_burst_utility_pipe_is_no_item(text):
    assert extract_protective_cues(text).item_size is None


@pytest.mark.parametrize("threat, flood", [
    ("yo theres like a bomb at Stockmann lol, everybody gonna die, just kidding", "Water pipe burst on Aleksanterinkatu 52, street flooding ankle deep."),
    ("a man on the phone laughing about a bomb in the department store", "Also a burst pipe is flooding the street outside."),
    ("有人打电话说斯托克曼有炸弹，哈哈开玩笑的", "Aleksanterinkatu 52 水管爆裂，街上积水到脚踝。"),
])
def test_a_burst_pipe_beside_a_threat_changes_nothing_of_its_protective_action(threat, flood):
    """Trial 17: the prank alone got PS7 (cordon 100 m); with the flood text beside it, PS2 (21 m, "DHS, pipe")."""
    alone = decide("public_security", extract_protective_cues(threat))
    both = decide("public_security", extract_protective_cues(f"{threat} {flood}"))
    assert (both.rule, both.isolation_m) == (alone.rule, alone.isolation_m)


@pytest.mark.parametrize("text", [
    "a length of pipe with wires taped to it on the bench by the tram stop",
    "suspicious pipe left under the bench at the tram stop, capped at both ends",
    "公交站长椅下有一个可疑的管状物，缠着胶带",
])
def test_a_pipe_found_is_still_the_pipe_sized_item(text):
    cues = extract_protective_cues(text)
    assert cues.item_size == "pipe"
    assert decide("public_security", cues).rule == "PS2"
