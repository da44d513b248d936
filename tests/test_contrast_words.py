"""The two readers of a contrast word (core.contrast_words) read the same shared base: the triage cue keeps an
"over" report live when a contrast says it still goes on, and the report-fact reader ends a denial at a contrast."""

from __future__ import annotations

import pytest

from core.contrast_words import CONTRAST_WORDS
from finetune.cues import _resolved_span
from tools.report_words import negated_before

# The Han base written out (the module holds regular-expression fragments: 但是? is 但 and 但是).
_HAN = ("但", "但是", "可是", "不过")


@pytest.mark.parametrize("word", CONTRAST_WORDS)
def test_both_readers_read_every_shared_contrast_word(word: str) -> None:
    assert _resolved_span("the warehouse fire was extinguished overnight") is not None
    assert _resolved_span(f"the warehouse fire was extinguished, {word} the other site is still burning") is None
    assert negated_before("nobody was")
    assert not negated_before(f"nobody was hurt, {word} a man is")


@pytest.mark.parametrize("word", _HAN)
def test_both_readers_read_every_shared_chinese_contrast_word(word: str) -> None:
    assert _resolved_span("一处火已扑灭") is not None
    assert _resolved_span(f"一处火已扑灭，{word}另一处仍在燃烧") is None
    assert negated_before("没有人")
    assert not negated_before(f"没有人受伤，{word}有人")


def test_each_reader_keeps_its_own_extension() -> None:
    # "men" is the Swedish "but" to the fact reader, an English noun to the triage cue
    assert not negated_before("ingen skadad men en person är")
    assert _resolved_span("fire extinguished, men still cleaning up the site") is not None
    # "yet" is a concession to the triage cue only
    assert _resolved_span("fire extinguished, yet smoke is still rising") is None
    assert negated_before("nobody yet")
