"""s18 (MED): 刀 is a weapon only with a weapon's words around it.

Before this change every reader of a report took the character 刀 alone for a knife: a caller named 文刀刘, a 刀削面
(knife-cut noodles) shop on fire, a child making a 剪刀手 (the V-sign) were read as a weapon by the unit-needs
determinants (police and an armed threat in the plan), the protective-action cues (a weapon at the scene) and the
triage cue "armed".  A knife held, used or named as a weapon (持刀, 拿着菜刀, 刀伤, 被捅, 砍人, 水果刀) still reads as one
in every layer, and "有人拿着菜刀追人" now also names the public-security hazard (no word of it did)."""

from __future__ import annotations

import re

import pytest

from agent.hazards import hazard_from_words
from finetune.cues import cue_match
from tools.determinants import extract
from tools.protective.cue_words import OTHER_WEAPON
from tools.protective.cues import read_protective_cues

NOT_A_WEAPON = [
    "来电人文刀刘：Kamppi 有人晕倒",
    "Kamppi 一家刀削面馆厨房起火，浓烟很大",
    "Kamppi 有个小孩比剪刀手拍照时摔倒了，头部出血",
    "报警人叫刀建国，说 Annankatu 12 楼道冒烟",
]
A_WEAPON = [
    "Kamppi 商场有人持刀",
    "Kamppi 有人拿着菜刀追人",
    "Annankatu 12 一名男子被捅了一刀，流了很多血",
    "有人挥舞着一把水果刀威胁路人",
    "Kamppi 有人拿刀砍人",
    "刀伤，伤者在 Annankatu 12",
]


@pytest.mark.parametrize("text", NOT_A_WEAPON)
def test_a_name_noodles_or_a_v_sign_are_no_weapon(text):
    assert "weapon" not in {d.code for d in extract(text)}, text
    assert read_protective_cues(text).weapon is None, text
    assert not any(re.search(p, text, re.IGNORECASE) for p in OTHER_WEAPON), text
    assert not cue_match("armed", text), text
    assert hazard_from_words(text) != "public_security", text


@pytest.mark.parametrize("text", A_WEAPON)
def test_a_knife_held_or_used_is_a_weapon(text):
    assert "weapon" in {d.code for d in extract(text)}, text
    assert any(re.search(p, text, re.IGNORECASE) for p in OTHER_WEAPON), text  # the weapon an attacker is read with
    assert cue_match("armed", text), text
    assert hazard_from_words(text) == "public_security", text


@pytest.mark.parametrize("text", ["孩子拿着剪刀剪纸时划伤了手", "拿菜刀切菜时切到手指，流血不止", "厨师拿刀切肉时割伤了手"])
def test_a_knife_held_to_cook_or_cut_names_no_attack(text):
    """The router's hazard words take a knife held against people, not one held in the kitchen (an accident)."""
    assert hazard_from_words(text) != "public_security", text
