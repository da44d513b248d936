"""A cheap necessary test in front of a regular expression: the words any match must contain.

The report readers (tools/determinants.py, tools/casualties.py) run about a hundred case-insensitive patterns over
every report, each a long alternation of phrasings ("not breathing|stopped breathing|no pulse|..."). Python's ``re``
finds no literal prefix in such a pattern (it starts with ``\\b``, and case-folded letters defeat its prefix scan),
so it tries every alternative at every position of the text, even though most patterns cannot match most reports.

:func:`gated` reads, once at import, the pattern's parse tree (``re._parser``) for a set of literal strings at least
one of which every match must contain (the prefilter idea of RE2 and Hyperscan), and answers "no match" at once when
the case-folded text contains none of them. The answer is then the regular expression's own, never a guess:

* a literal run is kept only across zero-width assertions (``\\b``, ``^``), which keep its letters adjacent;
* an alternation gives the union of its alternatives' strings, a repeat the strings of its body when it must run at
  least once; anything else (classes, optional parts, lookarounds) ends a run and gives nothing;
* letters are compared case-folded: ``str.casefold`` on both sides, with the two Turkish i's folded to ``i`` as
  ``re.IGNORECASE`` does; only ASCII, uncased characters (Chinese, digits, punctuation) and the Nordic letters are
  used in a required string (their case equivalences under ``re.IGNORECASE`` are checked in the tests).

Where no required string is found (or the parser of this Python version differs) the pattern simply always runs.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Iterator
from typing import Any

try:   # the parser of the re module (3.11+: re._parser; before: sre_parse)
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser as _p  # type: ignore[attr-defined]
except ImportError:   # pragma: no cover - older Pythons
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

_NORDIC = set("äöåüéÄÖÅÜÉ")
_TURKISH_I = str.maketrans({"\u0131": "i", "\u0307": None})   # ı -> i; İ casefolds to i + a combining dot


def _safe(ch: str) -> bool:
    """A character whose case equivalents under re.IGNORECASE are exactly those str.casefold makes equal."""
    return ch.isascii() or ch in _NORDIC or ch.lower() == ch.upper() == ch.casefold()


# A handful of entries is enough: the rules read one report after another, all of them the same report.
@functools.lru_cache(maxsize=16)
def fold(text: str) -> str:
    """The text as the gate compares it (case-folded, Turkish i's to i); cached: every rule reads the same report."""
    return text.casefold().translate(_TURKISH_I)


# How common a character is in English text (most common first), and the commonest Chinese characters: a required
# set of rare strings is preferred (the choice affects speed only, never the answer).
_WEIGHT: dict[str, int] = {c: i for i, c in enumerate(" etaoinsrhldcumfpgwybvkxjqz")}
_WEIGHT.update({c: 3 for c in "人在他她有个是了的不一这那就我们里上下说"})


def _literal(items: Any) -> str | None:
    """The string a sequence matches when it is literal characters and zero-width assertions only."""
    out = []
    for op, av in items:
        if op is _c.LITERAL and _safe(chr(av)):
            out.append(chr(av))
        elif op is _c.AT:
            continue
        else:
            return None
    return "".join(out)


def _rarity(s: str) -> int:
    """How much finding ``s`` in a report says (rare letters, Chinese characters): picks among required sets, so it
    changes how often a pattern runs, never what it answers."""
    return sum(_WEIGHT.get(c, 12) for c in s.casefold())


def _best(cands: list[frozenset[str]]) -> frozenset[str] | None:
    """The most selective candidate: its least telling string most telling, then the fewest strings."""
    cands = [c for c in cands if c and min(map(len, c)) > 0]
    if not cands:
        return None
    return max(cands, key=lambda c: (min(map(_rarity, c)), -len(c)))


def _required(items: Any) -> frozenset[str] | None:
    """Strings one of which every match of the sequence contains, or None when none is known."""
    cands: list[frozenset[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            cands.append(frozenset({"".join(run)}))
            run.clear()

    for op, av in items:
        if op is _c.LITERAL and _safe(chr(av)):
            run.append(chr(av))
            continue
        if op is _c.AT:
            continue   # zero-width: the letters on either side stay adjacent
        if op is _c.SUBPATTERN:
            sub = av[-1]
            lit = _literal(sub)
            if lit is not None:
                run.extend(lit)
                continue
            flush()
            found = _required(sub)
            if found:
                cands.append(found)
            continue
        flush()
        if op is _c.BRANCH:
            alts = [_required(alt) for alt in av[1]]
            if all(alts):
                cands.append(frozenset().union(*alts))   # type: ignore[arg-type]
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)) and av[0] >= 1:
            found = _required(av[2])
            if found:
                cands.append(found)
        elif op is getattr(_c, "ATOMIC_GROUP", None):
            found = _required(av)
            if found:
                cands.append(found)
        # anything else (a class, a lookaround, a back reference) gives nothing and ends the run
    flush()
    return _best(cands)


# The parse tree's opcodes (LITERAL, BRANCH, SUBPATTERN, ...), for the other readers of a parse (``agent.typos``).
RE_OPCODES = _c


def parse_tree(pattern: str, flags: int = 0) -> Any:
    """The parse tree of ``pattern`` from the re module's own parser (no public API gives it; this module imports
    it under either name), its nodes ``(opcode, argument)`` pairs with the opcodes of ``RE_OPCODES``."""
    return _p.parse(pattern, flags)


def required_strings(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Case-folded strings one of which any match of ``pattern`` contains (None: no such set is known)."""
    try:
        found = _required(parse_tree(pattern.pattern, pattern.flags))
    except Exception:   # noqa: BLE001 - a parser that differs: no gate, the pattern always runs
        return None
    if not found:
        return None
    folded = {fold(s) for s in found}
    # a string that contains another is implied by it
    kept = frozenset(s for s in folded if not any(o != s and o in s for o in folded))
    return kept if kept and min(map(len, kept)) > 0 else None


class GatedPattern:
    """A compiled pattern with its required strings: search/match/finditer answer None or nothing at once when the
    text contains none of them, else what the pattern itself answers. Other attributes are the pattern's."""

    __slots__ = ("pattern_obj", "required")

    def __init__(self, pattern: re.Pattern[str]):
        self.pattern_obj = pattern
        self.required = required_strings(pattern)

    def possible(self, text: str) -> bool:
        """False only when no match can exist in ``text``."""
        if self.required is None:
            return True
        folded = fold(text)
        return any(s in folded for s in self.required)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.pattern_obj.search(text, pos, endpos) if self.possible(text) else None

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.pattern_obj.match(text, pos, endpos) if self.possible(text) else None

    def fullmatch(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.pattern_obj.fullmatch(text, pos, endpos) if self.possible(text) else None

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.pattern_obj.finditer(text, pos, endpos) if self.possible(text) else iter(())

    def findall(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        return self.pattern_obj.findall(text, pos, endpos) if self.possible(text) else []

    def __getattr__(self, name: str) -> Any:
        return getattr(self.pattern_obj, name)

    def __repr__(self) -> str:
        return f"GatedPattern({self.pattern_obj.pattern[:60]!r}, required={len(self.required or ())})"


def gated(pattern: str | re.Pattern[str], flags: int = 0) -> GatedPattern:
    """``re.compile`` with the gate in front (compiled and analysed once, at import)."""
    return GatedPattern(pattern if isinstance(pattern, re.Pattern) else re.compile(pattern, flags))


__all__ = ["RE_OPCODES", "GatedPattern", "fold", "gated", "parse_tree", "required_strings"]
