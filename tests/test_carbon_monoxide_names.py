"""The five roles that read carbon monoxide read the same names of it (core.hazard_words), and leave out the same
look-alikes (Colorado, a co-worker, carbon dioxide)."""

from __future__ import annotations

import re

import pytest

from agent.hazards import hazard_from_words
from core.hazard_words import CARBON_MONOXIDE, CARBON_MONOXIDE_NAMES, CO_DETECTOR_SUBJECTS, NOT_CARBON_MONOXIDE
from finetune.cues import cue_match
from tools.determinants import extract
from tools.protective.cues import read_protective_cues


def _determinant_reads_co(text: str) -> bool:
    return any(d.code == "carbon_monoxide" for d in extract(text))


# The protective cues read lower-cased text, where the symbol alone cannot be told from "co" (a company): they read
# every name but the bare upper-case symbol.
_SYMBOL_ONLY = {"CO", "CO中毒"}


@pytest.mark.parametrize("name", CARBON_MONOXIDE_NAMES)
def test_every_role_reads_every_name_of_carbon_monoxide(name: str) -> None:
    text = f"{name} in the flat"
    assert re.search(CARBON_MONOXIDE, text, re.IGNORECASE)
    assert cue_match("gas_word", text), "triage cue"
    assert _determinant_reads_co(text), "unit-needs determinant"
    assert hazard_from_words(text) == "hazmat", "router hazard words"
    if name not in _SYMBOL_ONLY:
        assert read_protective_cues(text).gas_odour, "protective gas odour"


@pytest.mark.parametrize("subject", CO_DETECTOR_SUBJECTS)
def test_the_protective_alarm_cue_reads_the_detector_of_carbon_monoxide(subject: str) -> None:
    assert read_protective_cues(f"the {subject} detector beeping in the hall").strong_odour
    assert not read_protective_cues(f"the {subject} detector is installed in the hall").strong_odour


@pytest.mark.parametrize("text", NOT_CARBON_MONOXIDE)
def test_no_role_reads_carbon_monoxide_in_its_look_alikes(text: str) -> None:
    assert not re.search(CARBON_MONOXIDE, text, re.IGNORECASE)
    assert not (cue_match("gas_word", text) or "").lower().startswith("co")
    assert not _determinant_reads_co(text)
    assert hazard_from_words(text) != "hazmat"
    assert not read_protective_cues(text).gas_odour
