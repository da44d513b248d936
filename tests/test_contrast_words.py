"""The two readers of a contrast word (core.contrast_words) read the same shared base: the triage cue keeps an
"over" report live when a contrast says it still goes on, and the report-fact reader ends a denial at a contrast."""

from __future__ import annotations

import pytest

from core.contrast_words import CONTRAST_WORDS
from finetune.cues import _resolved_span
from tools.report_words import negated_before

# The Han base written out (the module holds regular-expression fragments: 但是? is 但 and 但是).
_HAN = ("但", "但是", "可是", "不过")
_EN = ("the warehouse fire was extinguished", ", {} the other site is still burning", "nobody was", " hurt, {} a man is")
_ZH = ("一处火已扑灭", "，{}另一处仍在燃烧", "没有人", "受伤，{}有人")


@pytest.mark.parametrize(("word", "texts"), [(w, _EN) for w in CONTRAST_WORDS] + [(w, _ZH) for w in _HAN])
def test_both_readers_read_every_shared_contrast_word(word: str, texts: tuple[str, str, str, str]) -> None:
    over, still, denial, turn = texts
    assert _resolved_span(over) is not None
    assert _resolved_span(over + still.format(word)) is None
    assert negated_before(denial)
    assert not negated_before(denial + turn.format(word))


def test_each_reader_keeps_its_own_extension() -> None:
    # "men" is the Swedish "but" to the fact reader, an English noun to the triage cue
    assert not negated_before("ingen skadad men en person är")
    assert _resolved_span("fire extinguished, men still cleaning up the site") is not None
    # "yet" is a concession to the triage cue only
    assert _resolved_span("fire extinguished, yet smoke is still rising") is None
    assert negated_before("nobody yet")
