"""Whether a word is a common English word: read by the gazetteer (a one-word landmark in a lower-case message must be
no common word) and by the monitor's name reader (in a Title Case headline a capitalised common word is no name)."""

from __future__ import annotations

from functools import lru_cache

from wordfreq import zipf_frequency

# Zipf 3.5 (about 3 per million words) puts "oasis", "picnic", "habitat", "river", "banks" above it and Helsinki's own
# names ("kiasma", "ateneum", "kallio", "amos", even "helsinki") and most towns' names below it.
COMMON_WORD_ZIPF = 3.5


@lru_cache(maxsize=8192)
def common_english_word(word: str) -> bool:
    """``word`` (any case) is at least ``COMMON_WORD_ZIPF`` frequent in English."""
    return zipf_frequency(word, "en") >= COMMON_WORD_ZIPF


__all__ = ["COMMON_WORD_ZIPF", "common_english_word"]
