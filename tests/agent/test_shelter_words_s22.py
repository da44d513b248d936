"""One table of the words that name a shelter (s22): the rumour check and the shelter questions read them alike.  The
rumour words missed a warming centre and 庇护所, the question words an evacuation centre and 安置点, and read the
Finnish crosswalk ("suojatie") and "protect" ("suojella") as a shelter."""

from __future__ import annotations

import pytest

from agent.cue_rules import SHELTER_WORDS
from agent.rumours import RUMOUR_WORDS
from agent.shelter_plans import asks_shelter_power

_SHELTERS = ["shelter", "the warming centre", "evacuation center", "reception centre", "väestönsuoja", "suojaan",
             "skyddsrummet", "evakuointikeskus", "lämmittelypaikka", "värmestugan", "避难所", "庇护所", "安置点", "取暖点"]
_NOT_SHELTERS = ["suojatie", "suojella", "the crossing", "the station hall", "kirjasto", "图书馆"]


@pytest.mark.parametrize("word", _SHELTERS)
def test_every_reader_knows_a_shelter_by_the_same_words(word):
    assert SHELTER_WORDS.search(word)
    assert RUMOUR_WORDS["shelter"].search(f"{word} is closed, people say")
    assert asks_shelter_power(f"does {word} have backup power?"), word


@pytest.mark.parametrize("word", _NOT_SHELTERS)
def test_words_that_name_no_shelter_are_none_to_any_reader(word):
    assert not SHELTER_WORDS.search(word)
    assert not RUMOUR_WORDS["shelter"].search(f"{word} is closed, people say")
    assert not asks_shelter_power(f"does {word} have backup power?"), word
