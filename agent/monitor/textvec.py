"""Cheap text vectors for grouping a stream: hashed term counts with an online IDF.

Words (Unicode ``\\w+``, hashtags without '#', URLs and @mentions dropped, English stop words dropped) and, for
Chinese, character bigrams, hashed into ``dim`` buckets.  Centroids keep raw term counts; the IDF is applied at
comparison time from document frequencies counted over the stream so far, so rare, event-specific words (a place,
a hashtag) weigh more than "help" or "please" without a fitted vocabulary.

``names`` reads the proper nouns and hashtags of a report (the places, organisations and event tags that tell two
simultaneous incidents apart) for the grouper's name-conflict test.

Pure module: numpy and scikit-learn's stop-word list only.
"""

from __future__ import annotations

import re
import zlib

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from core.text import MENTION_RE, URL_RE, char_before

_WORD = re.compile(r"[^\W\d_][\w']*", re.UNICODE)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
# scikit-learn's list holds words that matter in an emergency ("fire", "call", "found", "empty"...): keep those.
_KEEP = {"fire", "call", "found", "empty", "full", "front", "back", "side", "top", "bottom", "fill", "move", "down",
         "up", "off", "out", "over", "under", "inside", "outside", "behind", "near", "nobody", "none", "alone", "hundred",
         "two", "three", "four", "five", "six", "ten", "twenty", "fifty", "detail"}
_STOP = (frozenset(ENGLISH_STOP_WORDS) - _KEEP) | {"rt", "amp", "via", "just", "like", "im", "dont", "u", "ur"}


# Wire-service and social-media markers written capitalised or as hashtags that name no place or incident.
_NOT_NAMES = frozenset({"breaking", "update", "updates", "news", "video", "photo", "photos", "pic", "pics", "live",
                        "watch", "urgent", "alert", "report", "reports", "via", "rt", "amp", "http", "https", "omg",
                        "lol", "wtf", "rip", "pray", "prayers", "follow",
                        # dates are capitalised in English and name no place
                        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
                        "february", "march", "april", "june", "july", "august", "september", "october", "november",
                        "december"})
_NAME_WORD = re.compile(r"#?[^\W\d_][\w']*", re.UNICODE)
_POSSESSIVE = re.compile(r"'s$", re.IGNORECASE)
_SENTENCE_END = frozenset(".!?:;…\"“”«»()[]|-–—>")


def _opens_sentence(text: str, start: int) -> bool:
    """The word at ``start`` opens the text or a sentence."""
    before = char_before(text, start)
    return not before or before in _SENTENCE_END


def names(text: str) -> list[str]:
    """Proper nouns and hashtags of a report, lower-cased as ``tokens`` writes them: hashtags (without '#'),
    capitalised words (not all in capitals) that do not open a sentence, a possessive 's cut off.  A text written
    mostly in capitals gives its hashtags only (every word of a shouted headline is capitalised).  Chinese has no case
    and ``tokens`` files it as character bigrams: it gives no names."""
    text = MENTION_RE.sub(" . ", URL_RE.sub(" . ", text))
    letters = [c for c in text if c.isalpha() and not _HAN.match(c)]
    shouted = bool(letters) and sum(c.isupper() for c in letters) > 0.5 * len(letters)
    out: list[str] = []
    for m in _NAME_WORD.finditer(text):
        word = _POSSESSIVE.sub("", m.group().strip("'"))
        tag = word.startswith("#")
        word = word.lstrip("#")
        low = word.casefold()
        if len(word) < 3 or low in _STOP or low in _NOT_NAMES or _HAN.search(word):
            continue
        if not tag:
            # a word in capitals is as often a shouted one (URGENTE, HOY) as an acronym: only as a hashtag
            if shouted or not word[0].isupper() or word.isupper():
                continue
            if _opens_sentence(text, m.start()):
                continue  # a capital that opens a sentence says nothing
        out.append(low)
    return list(dict.fromkeys(out))


def tokens(text: str) -> list[str]:
    """Content tokens of a report: lower-cased words (hashtags split off '#'), Chinese character bigrams."""
    text = MENTION_RE.sub(" ", URL_RE.sub(" ", text)).casefold()
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
