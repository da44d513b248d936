"""Check an LLM's text against the scenario: facilities, units and streets it
names must exist.  Unknown ones are flagged in place ("[unverified: X]") and
listed, never shown as fact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tools.gazetteer import AmbiguousPlaceError, Gazetteer, UnknownPlaceError, normalize

# Finnish street-name endings, plus the words that follow a facility's name in English.
_STREET = re.compile(
    r"\b[A-ZÄÖÅ][a-zäöå]+(?:katu|tie|tori|kuja|puisto|ranta|polku|silta|aukio|väylä|kaari|bulevardi|esplanadi|kenttä)\b"
)
_FACILITY = re.compile(
    r"\b((?:[A-ZÄÖÅ][\w'’-]+\s){1,4})(Shelter|Station|School|Hall|Hospital|Base|Centre|Center|Library|Church|Arena|Stadium|Square|Building)\b"
)
_UNIT = re.compile(r"\b[A-Z]{2,4}-[A-Z]{1,3}\d{1,2}\b")
_GENERIC = {"fire station", "police station", "the station", "central station", "railway station", "train station",
            "staging area", "assembly point", "command post", "incident command post"}


@dataclass
class GroundingReport:
    text: str
    unknown: list[str] = field(default_factory=list)
    checked: int = 0

    @property
    def ok(self) -> bool:
        return not self.unknown


_WORD = re.compile(r"[\w'-]+|[\u4e00-\u9fff]")
_STOP = set("the a an of to in on at for and or is are be was were it this that with by from as should will can may must not "
            "all any their there they them its into about also been has have had do does than then which who what when where".split())


def _content_words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text) if w.lower() not in _STOP and len(w) > 1 or "\u4e00" <= w <= "\u9fff"}


# A quantity with its unit: a distance, a time or a head count stated as fact must be one the facts state.
_QUANTITY = re.compile(r"(\d+(?:[.,]\d+)?)\s*(km|kilomet(?:er|re)s?|m|met(?:er|re)s?|min(?:ute)?s?|h|hours?|people|persons?|米|公里|分钟|人)(?![\w])",
                       re.IGNORECASE)
_UNIT_KIND = {"km": "km", "m": "m", "min": "min", "h": "h", "people": "people", "person": "people", "米": "m", "公里": "km", "分钟": "min", "人": "people"}


def _quantities(text: str) -> set[tuple[float, str]]:
    out = set()
    for number, unit in _QUANTITY.findall(text):
        unit = unit.lower()
        kind = next((k for prefix, k in (("kilomet", "km"), ("km", "km"), ("met", "m"), ("min", "min"), ("hour", "h"),
                                         ("person", "people"), ("people", "people")) if unit.startswith(prefix)), None)
        out.add((float(number.replace(",", ".")), kind or _UNIT_KIND.get(unit, unit)))
    return out


def supported_sentences(narrative: str, facts: str, threshold: float = 0.6) -> tuple[str, int]:
    """Keep the sentences of an LLM narrative whose content words mostly occur in the facts, and whose quantities
    (a number with its unit: 60 m, 12 min, 300 people) all occur in the facts with that unit.

    A small model paraphrases badly and invents freely; a sentence that is not made of
    the facts' own words is not shown as fact ("the isolation distance for chlorine is approximately 8 meters"
    passed on its words: the facts' "8." was a step number).  Returns (kept text, number dropped).
    """
    vocabulary = _content_words(facts)
    stated = _quantities(facts)
    kept, dropped = [], 0
    for sentence in re.split(r"(?<=[.!?。！？])\s+", narrative.strip()):
        words = _content_words(sentence)
        if not words:
            continue
        if not _quantities(sentence) <= stated:
            dropped += 1
            continue
        if len(words & vocabulary) / len(words) >= threshold:
            kept.append(sentence)
        else:
            dropped += 1
    return " ".join(kept), dropped


# A proper name inside a sentence: a capitalised word that is not the sentence's first (an acronym or a unit id is not
# one).  A small model names places the tools never gave ("the city of Sinaale, Italy", trial s19) in a sentence made of
# the question's own words, which the word-overlap check keeps.
_PROPER = re.compile(r"(?<=[\s(,;:/])[A-ZÄÖÅ][a-zäöåéü'’-]+")


class GroundingChecker:
    def __init__(self, gazetteer: Gazetteer, unit_ids: list[str]):
        self.gazetteer = gazetteer
        self.unit_ids = {u.upper() for u in unit_ids}
        self._known_keys = {normalize(name) for name in gazetteer.names()}
        # every word of a place name of the city model ("Kaivokatu", "Senate", "Square"): a real place is no invention
        self._known_words = {w for name in gazetteer.names() for w in _WORD.findall(name.lower())}

    def invented_names(self, sentence: str, facts_words: set[str]) -> list[str]:
        """The proper names of ``sentence`` that neither the facts (the tool results and the question) nor the city
        model hold."""
        return [m.group(0) for m in _PROPER.finditer(sentence)
                if m.group(0).lower().strip("'’-") not in facts_words and m.group(0).lower() not in self._known_words]

    def _known_place(self, mention: str) -> bool:
        key = normalize(mention)
        if not key or key in self._known_keys or mention.lower() in _GENERIC:
            return True
        try:
            self.gazetteer.resolve(mention)
            return True
        except AmbiguousPlaceError:
            return True  # it exists, several ways
        except UnknownPlaceError:
            return False

    def check(self, text: str) -> GroundingReport:
        mentions: list[tuple[str, bool]] = []
        for match in _UNIT.finditer(text):
            mentions.append((match.group(0), match.group(0).upper() in self.unit_ids))
        for match in _STREET.finditer(text):
            mentions.append((match.group(0), self._known_place(match.group(0))))
        for match in _FACILITY.finditer(text):
            mention = match.group(0).strip()
            mentions.append((mention, self._known_place(mention) or self._known_place(match.group(1).strip())))
        unknown = sorted({m for m, ok in mentions if not ok}, key=len, reverse=True)
        flagged = text
        for mention in unknown:
            flagged = re.sub(rf"(?<!\[unverified: ){re.escape(mention)}", f"[unverified: {mention}]", flagged)
        return GroundingReport(text=flagged, unknown=unknown, checked=len(mentions))


def _without_invented_names(text: str, facts: str, checker: GroundingChecker) -> tuple[str, list[list[str]]]:
    """``text`` without its sentences that name something neither the facts nor the city model hold, and the names of
    each sentence withheld."""
    facts_words = {w.lower() for w in _WORD.findall(facts)}
    kept, invented = [], []
    for sentence in re.split(r"(?<=[.!?。！？])\s+", text.strip()):
        names = checker.invented_names(sentence, facts_words)
        if names:
            invented.append(names)
        elif sentence.strip():
            kept.append(sentence)
    return " ".join(kept), invented


@dataclass
class CheckedNarrative:
    text: str  # what may be shown: supported sentences, unknown names flagged in place ("" if nothing is left)
    warnings: list[str] = field(default_factory=list)


def check_narrative(narrative: str, facts: str, checker: GroundingChecker, *, what: str = "summary",
                    facts_name: str = "the plan") -> CheckedNarrative:
    """The one check of an LLM's text against the facts it was given (used for plan summaries and chat answers).

    Sentences not made of the facts' words are withheld; names the scenario does not have are flagged.
    """
    text, dropped = supported_sentences(narrative, facts)
    warnings = []
    if dropped:
        warnings.append(f"{dropped} sentence(s) of the LLM {what} were not supported by {facts_name} and were withheld.")
    text, invented = _without_invented_names(text, facts, checker)
    if invented:
        warnings.append(f"{len(invented)} sentence(s) of the LLM {what} named a place or name that is neither in "
                        f"{facts_name} nor in the city model and were withheld ({', '.join(sorted({n for names in invented for n in names}))}).")
    text = text.strip()
    if not text:
        return CheckedNarrative("", warnings)
    report = checker.check(text)
    if report.unknown:
        warnings.append("Unverified names in the LLM summary (not in the scenario): " + ", ".join(report.unknown))
    return CheckedNarrative(report.text, warnings)
