"""A long pasted call is triaged on its most urgent passage, in English and Chinese (session 16, long-input defect).

Before: the Chinese head and the n-gram + cue model read a whole text as one bag, so a 1,500-character Chinese call
with small talk first and a fire with people inside late was not_incident, and an English call about a stabbing,
5,000 characters, P4; past 20,000 characters the text was cut and a late hazard never read. Now a long report is read
in text windows, each through the whole model, and triaged on its most urgent window (P1 if any window is P1).
The real default triage model (var/), as an operator's desk runs it."""
from __future__ import annotations

import pytest

from tests.long_calls import default_model  # noqa: F401 - a fixture
from tests.long_calls import small_talk, transcript

CASES = [(lang, hazard, total, where) for lang in ("en", "zh") for hazard in ("fire", "breathing", "stabbing")
         for total, where in ((1500, "late"), (5000, "middle"), (30_000, "late"))]
WANT = {"fire": "fire", "breathing": "medical", "stabbing": "public_security"}



@pytest.mark.parametrize(("lang", "hazard", "total", "where"), CASES)
def test_a_long_call_is_triaged_on_its_hazard(default_model, lang, hazard, total, where):
    text = transcript(lang, hazard, total, where)
    (result,) = default_model.predict([text])
    assert (result.incident_type, result.priority) == (WANT[hazard], "P1"), (lang, hazard, total, where, result.type_probs)
    assert not result.truncated


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_long_small_talk_stays_no_incident(default_model, lang):
    """Over-triage bound: small talk alone is never P1. (Its type may read a weak complaint: the Chinese small talk's
    "我刚爬完楼梯有点喘", out of breath from the stairs, reads medical in a window of its own.)"""
    (result,) = default_model.predict([small_talk(lang, 5000)])
    assert result.priority != "P1", result.priority_probs
