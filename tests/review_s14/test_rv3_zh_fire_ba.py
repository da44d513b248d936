"""Review s14-rv3 F7: 火把 is excluded as 'a torch', but 火 followed by the BA particle 把 is the ordinary way to say
what a fire did ('大火把整栋楼都烧了': the fire burned the whole block). agent/hazards.py's fire words and
finetune/cues.py's fire_word now both miss such a fire report (they read fire on the session base)."""

from __future__ import annotations

import re

import pytest

from agent.hazards import hazard_from_words
from finetune.cues import _CUES  # noqa: PLC2701 - the cue pattern itself is what changed

FIRES = ["大火把整栋楼都烧了，三楼还有人没出来", "火把楼道堵住了，有人被困在五楼", "大火把仓库烧得只剩骨架"]


@pytest.mark.parametrize("text", FIRES)
def test_a_fire_said_with_ba_is_still_a_fire(text):
    assert hazard_from_words(text) == "fire", text


@pytest.mark.parametrize("text", FIRES)
def test_the_fire_cue_reads_a_fire_said_with_ba(text):
    assert re.search(_CUES["fire_word"], text), text
