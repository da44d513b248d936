"""Place names of the city: scenario facilities, OSM streets and landmarks; fuzzy and ambiguity-aware.

Matching folds case and diacritics ("Topelia" = "topelia", "Metsatalo" = "Metsätalo") and
tolerates Finnish inflection in free text ("Aleksanterinkadulla", "Kaisaniemen") by
matching word stems. Scenario facilities outrank OSM names, because the planners
can only act on places the scenario defines.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable

from pydantic import BaseModel

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

    from tools.scenario import Scenario

KINDS = ("zone", "shelter", "station", "hospital", "staging", "street", "landmark")
_FACILITY_KINDS = {"zone", "shelter", "station", "hospital", "staging"}
ACCEPT_SCORE = 0.8        # a fuzzy match at least this good is taken...
AMBIGUITY_MARGIN = 0.04   # ...unless another place scores within this margin
MAX_QUERY_CHARS = 200


class PlaceMatch(BaseModel):
    id: str | None
    name: str
    kind: str
    lat: float
    lon: float
    score: float


class UnknownPlaceError(LookupError):
    """No place of that name; ``suggestions`` holds the closest names."""

    def __init__(self, message: str, suggestions: list[str] | None = None):
        super().__init__(message)
        self.suggestions = suggestions or []


class AmbiguousPlaceError(LookupError):
    """Several places fit the name about equally well; ``candidates`` lists them."""

    def __init__(self, message: str, candidates: list[PlaceMatch]):
        super().__init__(message)
        self.candidates = candidates


@dataclass(frozen=True)
class Landmark:
    """A named OSM feature (building, square, park...)."""

    name: str
    lat: float
    lon: float
    category: str = ""


def normalize(text: str) -> str:
    """Casefolded, diacritics removed, punctuation to spaces, single-spaced."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", stripped).split())


def _stem(key: str) -> str:
    # Finnish inflects the end of a word (-n, -lla, -ssa, katu -> kadulla): match on a prefix.
    if len(key) >= 8:
        return key[:-2]
    if len(key) >= 6:
        return key[:-1]
    return key


@dataclass
class _Entry:
    id: str | None
    name: str
    kind: str
    lat: float
    lon: float
    keys: list[str] = field(default_factory=list)

    def match(self, score: float) -> PlaceMatch:
        return PlaceMatch(id=self.id, name=self.name, kind=self.kind, lat=self.lat, lon=self.lon, score=round(score, 3))


class Gazetteer:
    """Resolves place names to coordinates; built from a scenario and the city's graphs."""

    def __init__(self, entries: Iterable[_Entry]):
        self.entries: list[_Entry] = list(entries)
        self._by_key: dict[str, list[_Entry]] = {}
        for entry in self.entries:
            for key in entry.keys:
                self._by_key.setdefault(key, []).append(entry)
        # Longest keys first, so "Helsingin yliopiston päärakennus" wins over "Helsingin" in text.
        self._text_keys = sorted((k for k in self._by_key if len(k) >= 4), key=len, reverse=True)
        self._patterns = {k: re.compile(r"(?<!\w)" + re.escape(_stem(k)) + r"\w*") for k in self._text_keys}

    @classmethod
    def build(cls, scenario: "Scenario", graphs: "Iterable[nx.DiGraph]" = (), landmarks: Iterable[Landmark] = ()) -> "Gazetteer":
        entries: list[_Entry] = []
        taken: set[str] = set()

        def add(id_: str | None, name: str, kind: str, lat: float, lon: float, aliases: Iterable[str] = ()) -> None:
            keys = [k for k in dict.fromkeys(normalize(s) for s in (name, *aliases, *( [id_] if id_ else []))) if k]
            if kind not in _FACILITY_KINDS:
                keys = [k for k in keys if k not in taken]  # scenario names shadow OSM names
                if not keys:
                    return
            taken.update(keys)
            entries.append(_Entry(id_, name, kind, lat, lon, keys))

        for z in scenario.zones:
            lat, lon = z.centroid()
            add(z.id, z.name, "zone", lat, lon, z.aliases)
        for s in scenario.shelters:
            add(s.id, s.name, "shelter", s.lat, s.lon, s.aliases)
        for st in scenario.stations:
            add(st.id, st.name, "station", st.lat, st.lon, st.aliases)
        for h in scenario.hospitals:
            add(h.id, h.name, "hospital", h.lat, h.lon, h.aliases)
        for a in scenario.staging_areas:
            add(a.id, a.name, "staging", a.lat, a.lon, a.aliases)

        # Streets: one entry per name, placed at the middle of its edge nearest its centre.
        streets: dict[str, list[tuple[float, float]]] = {}
        for g in graphs:
            for u, v, data in g.edges(data=True):
                name = data.get("name") or ""
                if name:
                    streets.setdefault(name, []).append(((g.nodes[u]["lat"] + g.nodes[v]["lat"]) / 2, (g.nodes[u]["lon"] + g.nodes[v]["lon"]) / 2))
        for name, mids in sorted(streets.items()):
            clat = sum(p[0] for p in mids) / len(mids)
            clon = sum(p[1] for p in mids) / len(mids)
            lat, lon = min(mids, key=lambda p: (p[0] - clat) ** 2 + (p[1] - clon) ** 2)
            add(None, name, "street", lat, lon)
        for lm in landmarks:
            add(None, lm.name, "landmark", lm.lat, lm.lon)
        return cls(entries)

    # --- queries -----------------------------------------------------------
    def names(self, kind: str | None = None) -> list[str]:
        """Every known place name (optionally of one kind), for checking generated text."""
        if kind is not None and kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}; use one of {', '.join(KINDS)}")
        return [e.name for e in self.entries if kind is None or e.kind == kind]

    def get(self, place_id: str) -> PlaceMatch | None:
        return next((e.match(1.0) for e in self.entries if e.id == place_id), None)

    def _scored(self, q: str) -> list[tuple[float, _Entry]]:
        scored: list[tuple[float, _Entry]] = []
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(q)
        for entry in self.entries:
            best = 0.0
            for key in entry.keys:
                matcher.set_seq1(key)
                if matcher.real_quick_ratio() < 0.5 and q not in key:
                    continue
                score = matcher.ratio()
                if len(q) >= 4 and (q in key.split() or (q in key and len(q) >= 6)):
                    score = max(score, 0.7 + 0.3 * len(q) / len(key))
                best = max(best, score)
            if best > 0:
                scored.append((best, entry))
        # Facilities first on ties: the planners act on scenario places.
        scored.sort(key=lambda t: (-t[0], t[1].kind not in _FACILITY_KINDS, t[1].name))
        return scored

    def resolve(self, name: str) -> PlaceMatch:
        """The one place meant by ``name``; UnknownPlaceError or AmbiguousPlaceError otherwise."""
        if not isinstance(name, str) or not name.strip():
            raise UnknownPlaceError("empty place name", [])
        if len(name) > MAX_QUERY_CHARS:
            raise UnknownPlaceError(f"place name too long ({len(name)} characters; at most {MAX_QUERY_CHARS})", [])
        q = normalize(name)
        if not q:
            raise UnknownPlaceError(f"{name!r} contains no letters or digits", [])
        exact = self._by_key.get(q, [])
        if len(exact) == 1:
            return exact[0].match(1.0)
        if len(exact) > 1:
            cands = [e.match(1.0) for e in exact]
            raise AmbiguousPlaceError(f"{name!r} names {len(cands)} places: " + "; ".join(f"{c.name} ({c.kind})" for c in cands), cands)
        scored = self._scored(q)
        if not scored or scored[0][0] < ACCEPT_SCORE:
            suggestions = [e.name for _, e in scored[:5]]
            hint = f"; closest: {', '.join(suggestions)}" if suggestions else ""
            raise UnknownPlaceError(f"no place called {name!r} in this scenario{hint}", suggestions)
        top = scored[0][0]
        close = [(s, e) for s, e in scored if s >= top - AMBIGUITY_MARGIN]
        if len(close) > 1:
            cands = [e.match(s) for s, e in close[:6]]
            raise AmbiguousPlaceError(f"{name!r} could be: " + "; ".join(f"{c.name} ({c.kind})" for c in cands), cands)
        return scored[0][1].match(top)

    @staticmethod
    def _proper_noun_in(entry: _Entry, key: str, text: str) -> bool:
        # OSM names many cafes and bars with ordinary words ("Family", "Story", "Subway"):
        # a landmark counts only when written as a name, capitalised as in OSM.
        head = entry.name[: max(1, len(_stem(key)))]
        if not head[:1].isupper():
            return True
        return re.search(r"(?<!\w)" + re.escape(head), text) is not None

    def find_in_text(self, text: str) -> list[PlaceMatch]:
        """Places named in free text (a report), in order of appearance, each once."""
        if not text:
            return []
        norm = normalize(text[:20_000])
        taken: list[tuple[int, int]] = []
        found: list[tuple[int, _Entry, float]] = []
        for key in self._text_keys:
            if _stem(key) not in norm:
                continue
            for m in self._patterns[key].finditer(norm):
                span = m.span()
                if any(span[0] < b and a < span[1] for a, b in taken):
                    continue
                entries = self._by_key[key]
                entry = entries[0]
                if entry.kind == "landmark" and not self._proper_noun_in(entry, key, text):
                    continue
                taken.append(span)
                word = m.group(0)
                # An inflected form ("Aleksanterinkadulla") names the place as surely as the base form;
                # a much longer word that merely starts with the stem is less certain.
                extra = len(word) - len(_stem(key))
                score = 1.0 if word == key else (0.95 if extra <= 5 else round(len(key) / max(len(word), len(key)), 3))
                found.append((span[0], entry, score))
        out: list[PlaceMatch] = []
        seen: set[tuple[str, str]] = set()
        for _, entry, score in sorted(found, key=lambda t: t[0]):
            ident = (entry.kind, entry.name)
            if ident not in seen:
                seen.add(ident)
                out.append(entry.match(score))
        return out
