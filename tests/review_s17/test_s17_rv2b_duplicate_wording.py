"""Review s17 rv2b (HIGH): s17-rv made the close of a duplicate a merge, but only in the words "duplicate of" / "same
as" / "与INC-…重复".  "close INC-12 - same fire as INC-9" named two incidents and no duplicate, so no close and no merge
was read: the order was filed as a follow-up *report* under INC-12 (triaged as a fire, re-planned).  "INC-12 is a dupe
of INC-9, close it" got the help text.  Any of these wordings is the merge of the duplicate into the one it duplicates."""

from __future__ import annotations

import pytest

from agent.merge_request import merge_request


@pytest.mark.parametrize("text", [
    "close INC-12 - same fire as INC-9",
    "INC-12 is a dupe of INC-9, close it",
    "close INC-12, it's the same crash as INC-9",
    "关闭INC-12，和INC-9是同一起火灾",
    "关闭 INC-12，跟 INC-9 是重复的",
])
def test_a_duplicate_in_other_words_is_merged_into_the_one_it_duplicates(text):
    asked = merge_request(text)
    assert asked is not None, text
    assert (asked.merged, asked.into) == ("INC-12", "INC-9"), asked


@pytest.mark.parametrize("text", [
    "close INC-12",
    "close INC-12, the fire is out",
    "is INC-12 a dupe of INC-9?",
])
def test_a_plain_close_or_a_question_is_no_merge(text):
    assert merge_request(text) is None
