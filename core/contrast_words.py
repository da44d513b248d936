"""The contrast words ("but", "however", "但是"), in the one place every layer reads them from.

A contrast word turns what follows against what came before. Two readers use it: the triage cue (finetune/cues) reads
"an event is over, *but* it is still burning" as still live, and the report-fact reader (tools/report_words) ends a
denial at it ("nobody was hurt, *but* a man is trapped"). Each builds its own pattern with ``contrast_pattern`` from the
shared base and its own extension; the extensions stay apart so that neither reader's decisions move:

- the triage cue adds concessive words that introduce a continuing state ("yet", "while", "whereas", 然而, 却);
- the fact reader adds "except" (an exception lifts a denial: "no one inside except a child") and the Finnish and
  Swedish "but" (mutta, men), which it reads in Nordic calls (the triage cue reads mostly English tweets, where "men"
  is a noun).

The strings are regular-expression fragments for a case-insensitive search.
"""

from __future__ import annotations

from collections.abc import Iterable

# Written words, matched as whole words.
CONTRAST_WORDS: tuple[str, ...] = ("but", "however", "although", "though")
# Chinese: 但 (but) alone or as 但是, 可是, 不过; no word boundaries in Han text.
CONTRAST_HAN: tuple[str, ...] = ("但是?", "可是", "不过")


def contrast_pattern(extra_words: Iterable[str] = (), extra_han: Iterable[str] = ()) -> str:
    """A regular-expression fragment (one group, no captures) that finds a contrast word: the shared base plus a
    reader's own ``extra_words`` (whole words) and ``extra_han`` (Han fragments)."""
    words = "|".join((*CONTRAST_WORDS, *extra_words))
    han = "|".join((*CONTRAST_HAN, *extra_han))
    return rf"(?:\b(?:{words})\b|{han})"


__all__ = ["CONTRAST_HAN", "CONTRAST_WORDS", "contrast_pattern"]
