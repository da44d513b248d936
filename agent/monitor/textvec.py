"""Cheap text vectors for grouping a stream: hashed term counts with an online IDF.

Words (Unicode ``\\w+``, hashtags without '#', URLs and @mentions dropped, English stop words dropped) and, for
Chinese, character bigrams, hashed into ``dim`` buckets.  Centroids keep raw term counts; the IDF is applied at
comparison time from document frequencies counted over the stream so far, so rare, event-specific words (a place,
a hashtag) weigh more than "help" or "please" without a fitted vocabulary.

Pure module: numpy and scikit-learn's stop-word list only.
"""

from __future__ import annotations

import re
import zlib

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from core.text import URL_RE

_MENTION = re.compile(r"@\w+")
_WORD = re.compile(r"[^\W\d_][\w']*", re.UNICODE)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
# scikit-learn's list holds words that matter in an emergency ("fire", "call", "found", "empty"...): keep those.
_KEEP = {"fire", "call", "found", "empty", "full", "front", "back", "side", "top", "bottom", "fill", "move", "down",
         "up", "off", "out", "over", "under", "inside", "outside", "behind", "near", "nobody", "none", "alone", "hundred",
         "two", "three", "four", "five", "six", "ten", "twenty", "fifty", "detail"}
_STOP = (frozenset(ENGLISH_STOP_WORDS) - _KEEP) | {"rt", "amp", "via", "just", "like", "im", "dont", "u", "ur"}


def tokens(text: str) -> list[str]:
    """Content tokens of a report: lower-cased words (hashtags split off '#'), Chinese character bigrams."""
    text = _MENTION.sub(" ", URL_RE.sub(" ", text)).casefold()
    out: list[str] = []
    for run in _HAN.findall(text):
        out.extend(run[i:i + 2] for i in range(max(1, len(run) - 1)))
    for word in _WORD.findall(_HAN.sub(" ", text)):
        word = word.strip("'")
        if len(word) > 1 and word not in _STOP:
            out.append(word)
    return out


class HashedTerms:
    """Hashed term-count vectors plus document frequencies counted online."""

    def __init__(self, dim: int = 8192):
        self.dim = dim
        self.df = np.zeros(dim, dtype=np.float32)
        self.docs = 0

    def counts(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(bucket indices, 1 + log count) of one text; empty arrays for a text without content words."""
        buckets: dict[int, int] = {}
        for tok in tokens(text):
            b = zlib.crc32(tok.encode("utf-8")) % self.dim
            buckets[b] = buckets.get(b, 0) + 1
        if not buckets:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        idx = np.fromiter(buckets.keys(), dtype=np.int64, count=len(buckets))
        val = 1.0 + np.log(np.fromiter(buckets.values(), dtype=np.float32, count=len(buckets)))
        return idx, val.astype(np.float32)

    def observe(self, idx: np.ndarray) -> None:
        """Count one document's terms into the document frequencies."""
        self.docs += 1
        self.df[idx] += 1.0

    def idf(self) -> np.ndarray:
        return np.log((self.docs + 1.0) / (self.df + 1.0)).astype(np.float32) + 1.0

    def dense(self, idx: np.ndarray, val: np.ndarray) -> np.ndarray:
        vec = np.zeros(self.dim, dtype=np.float32)
        vec[idx] = val
        return vec
