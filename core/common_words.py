"""Whether a word is a common English word: read by the gazetteer (a one-word landmark in a lower-case message must be
no common word).  Not a test of whether a capitalised word is a name: well-known places ("Texas", "Boston") are
common words by this measure."""

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


# Zipf 2 (about one per hundred million words): a word English uses at all. A typing error of a short word almost never
# reaches it ("smke", "emgines", "ambulnce" are 0), while "deranged", "bloodied", "uninjured", "leek" are 2.6-3.7.
KNOWN_WORD_ZIPF = 2.0


@lru_cache(maxsize=8192)
def known_english_word(word: str) -> bool:
    """``word`` (any case) is a word English uses (zipf at least ``KNOWN_WORD_ZIPF``): no typing error to correct."""
    return zipf_frequency(word, "en") >= KNOWN_WORD_ZIPF


__all__ = ["COMMON_WORD_ZIPF", "KNOWN_WORD_ZIPF", "common_english_word", "known_english_word"]
