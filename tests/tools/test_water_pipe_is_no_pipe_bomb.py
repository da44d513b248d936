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


@pytest.mark.parametrize("text", [
    "Bomb threat phoned in for Stockmann. Also: water pipe burst on Aleksanterinkatu 52, street flooding ankle deep.",
    "Someone called saying there is a bomb in the department store; separately a burst pipe is flooding the street outside",
])
def test_a_bomb_threat_with_a_burst_pipe_keeps_its_building_evacuation(text):
    assert decide("public_security", extract_protective_cues(text)).rule == "PS4"


@pytest.mark.parametrize("text", [
    "a length of pipe with wires taped to it on the bench by the tram stop",
    "suspicious pipe left under the bench at the tram stop, capped at both ends",
    "公交站长椅下有一个可疑的管状物，缠着胶带",
])
def test_a_pipe_found_is_still_the_pipe_sized_item(text):
    cues = extract_protective_cues(text)
    assert cues.item_size == "pipe"
    assert decide("public_security", cues).rule == "PS2"
