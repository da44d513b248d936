"""The shared report words: the determinants and the casualty census read numbers, denials and severity alike."""

from __future__ import annotations

import pytest

from tools.casualties import census
from tools.determinants import extract
from tools.report_words import SERIOUS, negated_before, parse_number


@pytest.mark.parametrize("raw, n", [("3", 3), ("three", 3), ("a dozen", 12), ("A couple of", 2), ("kaksi", 2), ("två", 2),
                                    ("十二", 12), ("二十", 20), ("五六", 5), ("好几", 3), ("many", 5), ("people", None), ("多人", None)])
def test_numbers_in_words_and_digits(raw, n):
    assert parse_number(raw) == n


@pytest.mark.parametrize("before, denied", [("nobody was ", True), ("没有人", True), ("他不", True), ("nobody hurt but the driver is ", False),
                                            ("the driver is ", False), ("他站", False)])
def test_a_denial_before_a_fact_and_a_contrast_that_ends_it(before, denied):
    assert negated_before(before) is denied


def test_both_readers_count_the_same_number_words():
    # the determinants' injured count and the census's patients read "a dozen" / "十二" the same way
    for text in ("a dozen people injured", "十二个人受伤"):
        injured = next(d for d in extract(text) if d.code == "injured")
        assert injured.count == 12 == census(text).minor, text


def test_severity_is_one_list_for_both():
    text = "a cyclist was hit, he is seriously injured"
    assert SERIOUS.search(text)
    assert "serious_injury" in {d.code for d in extract(text)}
    assert census(text).serious == 1
