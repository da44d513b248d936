"""Typing errors in the router's closed vocabularies: "smke in the stairwell", "send two emgines", "ambulnce to
Kamppi", "evacaute the block" read as the words the cue rules and the hazard lists know.

A dispatcher types fast under stress; one slipped key must not turn an order into a shrug. The reading is narrow on
purpose: a token is corrected only if

* it is Latin letters only, at least 4 of them, and not joined to digits or hyphens (never a unit id such as KAM-A1,
  an incident id or an address number);
* it is no known word: no word English uses (wordfreq zipf >= 2, ``core.common_words``), no word of the gazetteer's
  place names nor of the vocabulary itself, nor an inflection (-s, -es, -ed, -ing ...) of one of these two ("fired",
  "floods", "Kamppi" are never touched);
* it is not capitalised inside a sentence (an unknown capitalised word is a name: a street, a company);
* exactly one vocabulary word lies within a small edit distance (optimal string alignment, so a swapped pair of
  letters counts one: 1 for words under 8 letters, 2 from 8). Two candidates ("sheld": shield? shelter?) is a guess,
  not a reading, and the word stays as typed.

Only the text the router reads is corrected; what the operator typed is what is shown and recorded.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from wordfreq import zipf_frequency

from core.common_words import known_english_word

# The router's closed vocabularies are owned by the modules that read them (agent.hazards, agent.slots, agent.negation,
# agent.cue_rules): a slip is measured against each word their patterns spell and read on its own (``_vocabulary``).
# Kept here only the words the typo reader needs besides, by why:
# - read by their stem (derail-, drown-, evac-, flood-, overturn-, shoot-, stabb-, occupanc-, collaps-): a slip is
#   measured against the word as typed ("flodded", "evacuatng"), never against a stem;
# - read only inside a phrase ("gas leak", "leaking tank", "car accident", "not breathing", "what's the situation",
#   "status of", "capacity left", "utility crew", "sit rep", "open incidents", "units free"), so no owner reads them alone;
# - read by the learned router model, named by no pattern ("explosion", "weapon", "casualties", "firefighters").
_STEM_WORDS = ("derailed", "drowning", "flooded", "flooding", "overturned", "shooting", "stabbing", "smoking", "evacuating",
               "occupancy", "collapse")
_PHRASE_WORDS = ("gas", "leak", "leaking", "accident", "breathing", "situation", "status", "capacity", "utility", "sitrep",
                 "incidents", "units", "shelter", "cordon")
_MODEL_WORDS = ("explosion", "weapon", "casualties", "firefighters")
_LIKELIER_ZIPF = 0.3  # of two slips at one distance, the word typed twice as often is read
_MIN_WORD = 4  # a token is read only from 4 letters (``_TOKEN``): shorter words spelled by a pattern are no targets


def spelled_words(pattern: str) -> frozenset[str]:
    """The whole Latin words (lower case, at least ``_MIN_WORD`` letters) a regular expression spells: its literal
    letters joined across optional parts ("engines?" -> engine, engines; "(?:fire )?trucks?" -> fire, truck, trucks),
    never inside a lookaround (its words are context, not what is read) nor across a class or a repeat (a word ends
    there). Read from the pattern's parse (``tools.pattern_gate.parse_tree``: the re module's parser, which no public
    API gives)."""
    from tools.pattern_gate import RE_OPCODES as sre
    from tools.pattern_gate import parse_tree

    words: set[str] = set()

    def keep(text: str) -> None:
        words.update(w.lower() for w in re.findall(r"[A-Za-z]+", text) if len(w) >= _MIN_WORD)

    # A spelling is ("open", text) while no word break is in it, else ("closed", head, tail): only the first and the
    # last word can still grow; the words between are complete and kept at once.
    def join(a: tuple, b: tuple) -> tuple:
        if a[0] == "open" and b[0] == "open":
            return ("open", a[1] + b[1])
        if a[0] == "open":
            return ("closed", a[1] + b[1], b[2])
        if b[0] == "open":
            return ("closed", a[1], a[2] + b[1])
        keep(a[2] + b[1])
        return ("closed", a[1], b[2])

    brk, empty = ("closed", "", ""), ("open", "")

    def sequence(items: Any) -> set[tuple]:
        spellings = {empty}
        for op, av in items:
            spellings = {join(a, b) for a in spellings for b in node(op, av)}
            if len(spellings) > 4096:  # a product of many alternatives: keep its words, go on from a break
                for spelling in spellings:
                    keep(" ".join(spelling[1:]))
                spellings = {brk}
        return spellings

    def node(op: Any, av: Any) -> set[tuple]:
        if op is sre.LITERAL:
            return {("open", chr(av))}
        if op is sre.SUBPATTERN:
            return sequence(av[-1])
        if op is sre.ATOMIC_GROUP:
            return sequence(av)
        if op is sre.BRANCH:
            return set().union(*(sequence(alt) for alt in av[1]))
        if op is sre.IN and all(kind is sre.LITERAL for kind, _ in av) and len(av) <= 3:
            return {("open", chr(value)) for _, value in av}  # "[sz]": each letter is a spelling
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[1] == 1:
            inner = sequence(av[2])
            if not any(re.search("[A-Za-z]", "".join(spelling[1:])) for spelling in inner):
                return {brk}  # an optional space, hyphen or class ("co ?alarm", "an? ?unit") still parts two words
            return inner | ({empty} if av[0] == 0 else set())
        if op in (sre.ASSERT, sre.ASSERT_NOT):
            return {empty}
        return {brk}

    for spelling in sequence(parse_tree(pattern)):
        keep(" ".join(spelling[1:]))
    return frozenset(words)


def _owned_patterns() -> list[tuple[re.Pattern, bool | None]]:
    """The router's closed vocabularies as (compiled pattern, read whole): hazard words, unit-type words and nouns, unit
    statuses, order verbs, cue rules, and the radius words."""
    from agent.cue_rules import CUES
    from agent.hazards import HAZARD_WORDS
    from agent.negation import ORDER_VERB
    from agent.slots import RADIUS_PATTERNS, STATUS_WORDS, UNIT_TYPE_NOUNS, UNIT_TYPE_WORDS

    # targets come only from the hazard, unit-type and order owners: the statuses, cue rules and radius words spell common
    # words ("free", "start", "crush") whose nearness would turn a hazard slip ("frie", "crsh") into a guess
    searched = [p for _, p in HAZARD_WORDS + UNIT_TYPE_WORDS]
    whole = [p for _, p in UNIT_TYPE_NOUNS] + [ORDER_VERB]
    spelled_only = [p for _, p in STATUS_WORDS + CUES] + [p.pattern for p in RADIUS_PATTERNS]
    return ([(re.compile(p, re.IGNORECASE), False) for p in searched] + [(re.compile(p, re.IGNORECASE), True) for p in whole]
            + [(re.compile(p, re.IGNORECASE), None) for p in spelled_only])


def _status_patterns() -> frozenset[re.Pattern]:
    from agent.slots import STATUS_WORDS

    return frozenset(re.compile(p, re.IGNORECASE) for _, p in STATUS_WORDS)


def _vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    """(targets, spelled): every word the owners' patterns spell, and those of them a pattern reads on its own (a slip
    in "smoke", "ambulance", "evacuate" loses a reading; in "from", "getting", "slick" of "oil slick" it loses none,
    and a rare word near them, "kettling", "klick", stays as typed), with the words kept above."""
    targets: set[str] = set(_STEM_WORDS + _PHRASE_WORDS + _MODEL_WORDS)
    spelled: set[str] = set()
    for pattern, whole in _owned_patterns():
        words = spelled_words(pattern.pattern)
        spelled |= words
        if whole is None:  # spelled, so never corrected; a target only when long enough (6 letters) that a slip of it
            # is no nearer a common word ("avialable": available; "frie" stays near fire, never "free")
            targets |= {w for w in words if len(w) >= 6 and pattern in _status_patterns() and known_english_word(w)}
            continue
        # a target is an English word or its plural (a stem, "stabb", "occupanc", or a foreign form, "ambulans", is
        # read, never typed for)
        targets |= {w for w in words if (pattern.fullmatch(w) if whole else pattern.search(w))
                    and (known_english_word(w) or (w.endswith("s") and known_english_word(w[:-1])))}
    return frozenset(targets), frozenset(spelled)


VOCABULARY, _SPELLED = _vocabulary()


_TOKEN = re.compile(r"(?<![\w\-])[A-Za-z]{4,}(?![\w\-])")
_SUFFIXES = ("ies", "es", "s", "ed", "d", "ing", "ers", "er", "ly", "'s")


def known_words(place_keys: Iterable[str] = ()) -> frozenset[str]:
    """The words never corrected besides those English uses (``known_english_word``): the vocabulary's, every word the
    router's patterns spell ("ambulans", "klick") and those of the place names (``place_keys``: normalised gazetteer
    names)."""
    places = {word for key in place_keys for word in key.split()}
    return VOCABULARY | _SPELLED | places


@lru_cache(maxsize=2)
def gazetteer_known_words(gazetteer: Any) -> frozenset[str]:
    """``known_words`` with the gazetteer's place names (``Gazetteer.name_keys``), built once per gazetteer."""
    try:
        keys = list(gazetteer.name_keys())
    except Exception:  # noqa: BLE001 - no gazetteer: the word lists alone
        keys = []
    return known_words(keys)


def _is_known(word: str, known: frozenset[str]) -> bool:
    if word in known or known_english_word(word):
        return True
    for suffix in _SUFFIXES:  # an inflection of a known word ("ambulancing", "evacuees" stay)
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            # a foreign form a pattern spells ("ambulans") protects itself, not its inflections ("ambulanses")
            if any(s in known and (s not in _SPELLED or s in VOCABULARY or known_english_word(s))
                   for s in (stem, stem + "e", stem[:-1] + "y" if suffix == "ies" else stem)):
                return True
    return False


def _max_distance(word: str) -> int:
    return 1 if len(word) < 8 else 2


def _lemma(word: str) -> str:
    """The vocabulary word ``word`` inflects (-s, -es, -ed, -d, -ing), or ``word``."""
    for suffix in ("ing", "es", "ed", "s", "d"):
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and (stem in VOCABULARY or stem + "e" in VOCABULARY):
            return stem if stem in VOCABULARY else stem + "e"
    return word


@lru_cache(maxsize=4096)
def vocabulary_word(word: str) -> str | None:
    """The one vocabulary word within the allowed edit distance of ``word`` (lower case), or None."""
    from rapidfuzz.distance import OSA
    from rapidfuzz.process import extract

    limit = _max_distance(word)
    near = extract(word, VOCABULARY, scorer=OSA.distance, score_cutoff=limit, limit=None)
    if not near:
        return None
    # a word and its inflections are one candidate ("ambulnce": ambulance at 1, ambulances at 2; "evacaute": evacuate
    # at 1, evacuated at 2); a second word at any allowed distance makes it a guess
    lemmas = sorted({_lemma(candidate) for candidate, _, _ in near}, key=lambda w: -zipf_frequency(w, "en"))
    if len(lemmas) != 1:
        # two words near ("crsh": crash, crush; "guas": gas, guns): the one English types at least twice as often
        # (``_LIKELIER_ZIPF``) is the likelier slip when it is also the nearest; else a guess
        nearest = min(distance for _, distance, _ in near)
        if zipf_frequency(lemmas[0], "en") < zipf_frequency(lemmas[1], "en") + _LIKELIER_ZIPF or \
                not any(_lemma(c) == lemmas[0] and d == nearest for c, d, _ in near):
            return None
        near = [found for found in near if _lemma(found[0]) == lemmas[0]]
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
