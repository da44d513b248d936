"""Cheap text vectors for grouping a stream: hashed term counts with an online IDF.

Words (Unicode ``\\w+``, hashtags without '#', URLs and @mentions dropped, English stop words dropped) and, for
Chinese, character bigrams, hashed into ``dim`` buckets.  Centroids keep raw term counts; the IDF is applied at
comparison time from document frequencies counted over the stream so far, so rare, event-specific words (a place,
a hashtag) weigh more than "help" or "please" without a fitted vocabulary.

``names`` reads the proper nouns and hashtags of a report (the places, organisations and event tags that tell two
simultaneous incidents apart) for the grouper's name-conflict test.  ``CaseCounts`` learns from the stream how each
word is usually written (lower case or capitalised), which tells a Title Case headline's ordinary words ("Huge",
"People", "Trapped") from its names ("Texas", "Kamppi") where word frequency cannot: "Texas" is as common a word as
"river", but nobody writes it in lower case.

Pure module: numpy, scikit-learn's stop-word list and wordfreq's English word frequencies (``core.common_words``).
"""

from __future__ import annotations

import itertools
import re
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from core.common_words import common_english_word
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
# A line is written in Title Case ("Four Dead As Swollen River Bursts Its Banks") when at least this share of its
# content words (not stop words, not opening a sentence) are capitalised, and at least _TITLE_MIN_WORDS of them:
# capitalisation is then the headline's style, not a name's mark.  A short sentence naming two places ("Flooding in
# Oulu and Kempele") has too few words to tell.
_TITLE_SHARE = 0.75
_TITLE_MIN_WORDS = 3
# A word that is no common English word is ordinary (CaseCounts.ordinary) only once the stream has written it in lower
# case this often: one casual "on the way to tampere" is a slip, not usage, and misread it hides a headline's place.
_LOWER_HABIT = 3


def _opens_sentence(text: str, start: int) -> bool:
    """The word at ``start`` opens the text or a sentence."""
    before = char_before(text, start)
    return not before or before in _SENTENCE_END


def _shouted(text: str) -> bool:
    """Mostly capitals: every word of a shouted headline is capitalised, so its capitals say nothing."""
    letters = [c for c in text if c.isalpha() and not _HAN.match(c)]
    return bool(letters) and sum(c.isupper() for c in letters) > 0.5 * len(letters)


@dataclass(frozen=True)
class _Word:
    raw: str            # as written: a hashtag's '#', quotes and a possessive 's still on
    line: int           # which line of the text it is on
    opens: bool         # it opens the text or a sentence


class Scan:
    """One reading of a report's words, which every reader of them in the grouper shares: ``names`` (its proper nouns
    and hashtags), ``CaseCounts.observe`` (how the stream writes each word) and ``tokens`` (its content words for the
    term vector).  Links and @mentions are blanked once, each word is found once and whether it opens a sentence is
    decided once; which lines are written in Title Case is read only when asked (``title_line``), and the tokens
    likewise.  A grouper reads a report through one ``Scan`` (``Item.scan``)."""

    def __init__(self, text: str):
        self.text = MENTION_RE.sub(" . ", URL_RE.sub(" . ", text))
        self.shouted = _shouted(self.text)
        ends = list(itertools.accumulate(len(line) for line in self.text.splitlines(keepends=True)))
        words, line = [], 0
        for m in _NAME_WORD.finditer(self.text):  # no word runs across a line break: the same words line by line
            while ends[line] <= m.start():
                line += 1
            words.append(_Word(m.group(), line, _opens_sentence(self.text, m.start())))
        self.words: tuple[_Word, ...] = tuple(words)
        self._lines = len(ends)
        self._title: list[bool] | None = None
        self._tokens: list[str] | None = None

    def title_line(self, line: int) -> bool:
        """Line ``line`` is written in Title Case: at least ``_TITLE_SHARE`` of its content words (not stop words, not
        opening a sentence), and at least ``_TITLE_MIN_WORDS`` of them, are capitalised."""
        if self._title is None:
            capitalised: list[list[bool]] = [[] for _ in range(self._lines)]
            for w in self.words:
                if not w.raw.startswith("#") and len(w.raw) >= 3 and w.raw.casefold() not in _STOP and not w.opens:
                    capitalised[w.line].append(w.raw[0].isupper())
            self._title = [len(c) >= _TITLE_MIN_WORDS and sum(c) >= _TITLE_SHARE * len(c) for c in capitalised]
        return self._title[line]

    @property
    def tokens(self) -> list[str]:
        """``tokens`` of the text (its links and mentions are blanked alike)."""
        if self._tokens is None:
            self._tokens = _content_tokens(self.text.casefold())
        return self._tokens


def names(text: str | Scan, *, ordinary: Callable[[str], bool] | None = None) -> list[str]:
    """Proper nouns and hashtags of a report, lower-cased as ``tokens`` writes them: hashtags (without '#'),
    capitalised words (not all in capitals) that do not open a sentence, a possessive 's cut off.  A text written
    mostly in capitals gives its hashtags only (every word of a shouted headline is capitalised).  Chinese has no case
    and ``tokens`` files it as character bigrams: it gives no names.  With ``ordinary`` (a test of the lower-cased
    word, e.g. ``CaseCounts.ordinary``), in a line written in Title Case a capitalised word it calls ordinary is no
    name: there the capitals are the headline's style."""
    scan = text if isinstance(text, Scan) else Scan(text)
    title = ordinary is not None and not scan.shouted
    out: list[str] = []
    for w in scan.words:
        word = _POSSESSIVE.sub("", w.raw.strip("'"))
        tag = word.startswith("#")
        word = word.lstrip("#")
        low = word.casefold()
        if len(word) < 3 or low in _STOP or low in _NOT_NAMES or _HAN.search(word):
            continue
        if not tag:
            # a word in capitals is as often a shouted one (URGENTE, HOY) as an acronym: only as a hashtag
            if scan.shouted or not word[0].isupper() or word.isupper():
                continue
            if w.opens:
                continue  # a capital that opens a sentence says nothing
            if title and scan.title_line(w.line) and ordinary(low):
                continue  # a Title Case line: its capitals are the style, and the stream writes this word in lower case
        out.append(low)
    return list(dict.fromkeys(out))


class CaseCounts:
    """How the stream so far writes each word: in lower case, or capitalised inside a sentence of ordinary text (not a
    Title Case line, not a shouted post, not a hashtag).  A word written in lower case at least as often as
    capitalised (and, unless a common English word, habitually) is an ordinary word ("fire", "people", "river"); one
    never written in lower case is taken for a name, which is the safe side: a name the incident does not share makes
    a headline another incident (a duplicate alert the operator can dismiss), where an ordinary word misread would let
    a new incident vanish into an open one.  Bounded: past ``max_words`` entries the rarest words are forgotten (both
    counts of a word together)."""

    def __init__(self, max_words: int = 50_000):
        self.max_words = max_words
        self.lower: Counter = Counter()
        self.capital: Counter = Counter()

    def observe(self, text: str | Scan) -> None:
        """Count how ``text`` writes its words (read through the same ``Scan`` as its ``names``)."""
        scan = text if isinstance(text, Scan) else Scan(text)
        if scan.shouted:
            return
        for w in scan.words:
            if w.raw.startswith("#") or len(w.raw) < 3:
                continue
            word = _POSSESSIVE.sub("", w.raw.strip("'"))
            if word.islower():
                self.lower[word] += 1
            # an acronym in an ordinary sentence ("NSW", "CNN") is capitalised usage too
            elif word[0].isupper() and not scan.title_line(w.line) and not w.opens:
                self.capital[word.casefold()] += 1
        if len(self.lower) + len(self.capital) > self.max_words:
            # a word's two counts are kept or forgotten together: forgetting only one side flips its verdict
            keep = {w for w, _ in (self.lower + self.capital).most_common(self.max_words // 4)}
            self.lower = Counter({w: n for w, n in self.lower.items() if w in keep})
            self.capital = Counter({w: n for w, n in self.capital.items() if w in keep})

    def distinctive(self, word: str) -> bool:
        """``word`` (lower-cased) is a name to tie two reports by: the stream writes it capitalised more often than in
        lower case (a name by usage: "Texas"), or the stream has never written it in lower case and it is no common
        English word ("Kamppi", "Tampere"; also a rare headline verb such as "Rips", which only the stream's usage can
        clear).  Not a common word the stream has seen only in Title Case or not at all ("Workers", "Dead"): on that
        side of the doubt a headline opens an alert of its own rather than vanish into an incident it merely shares a
        word with."""
        if self.capital[word] > self.lower[word]:
            return True
        return not self.lower[word] and not common_english_word(word)

    def ordinary(self, word: str) -> bool:
        """``word`` (lower-cased) is one the stream writes in lower case at least as often as capitalised, and, unless
        a common English word, at least ``_LOWER_HABIT`` times.  A plural counts its singular's use ("Floors": "floor")."""
        for form in (word, word[:-1] if len(word) > 3 and word.endswith("s") else None):
            if form and self.lower[form] >= max(self.capital[form], 1) and (
                    self.lower[form] >= _LOWER_HABIT or common_english_word(form)):
                return True
        return False


def tokens(text: str) -> list[str]:
    """Content tokens of a report: lower-cased words (hashtags split off '#'), Chinese character bigrams."""
    return _content_tokens(MENTION_RE.sub(" ", URL_RE.sub(" ", text)).casefold())


def _content_tokens(text: str) -> list[str]:
    """``tokens`` of a lower-cased text whose links and mentions are already blanked."""
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

    def counts(self, text: str | Scan) -> tuple[np.ndarray, np.ndarray]:
        """(bucket indices, 1 + log count) of one text; empty arrays for a text without content words."""
        buckets: dict[int, int] = {}
        for tok in text.tokens if isinstance(text, Scan) else tokens(text):
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
