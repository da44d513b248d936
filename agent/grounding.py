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


class GroundingChecker:
    def __init__(self, gazetteer: Gazetteer, unit_ids: list[str]):
        self.gazetteer = gazetteer
        self.unit_ids = {u.upper() for u in unit_ids}
        self._known_keys = {normalize(name) for name in gazetteer.names()}

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
