"""Place names of the city: scenario facilities, and every named OSM feature of the extract.

Matching folds case and diacritics ("Topelia" = "topelia", "Metsatalo" = "Metsätalo") and
tolerates Finnish inflection in free text ("Aleksanterinkadulla", "Kaisaniemen") by
matching word stems. Every name tag of a feature is a key (name, name:fi/sv/en/zh,
alt_name, old_name, short_name, official_name...), so "Helsinki Cathedral",
"Domkyrkan" and "Helsingin tuomiokirkko" are one place. Scenario facilities outrank
OSM names, because the planners can only act on places the scenario defines.
Fuzzy matching uses rapidfuzz; an entry keeps its OSM geometry (shapely, metres in the
city's local projection) so a building is a footprint, not only a centroid.

Public for the free-text locator (tools/locate/) and the address index: ``Entry``, ``Mention``,
``Gazetteer.named`` / ``name_keys`` / ``mentions``, ``word_pattern`` (a word and its inflected
forms), ``name_stem``, ``is_stop``, ``is_notable``, ``to_metres``.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any, Iterable, KeysView

from pydantic import BaseModel
from rapidfuzz import fuzz, process
from core.common_words import common_english_word
from core.text import looks_binary, to_simplified, undecodable
from tools.place_words import QUALIFIERS, concepts, renderings, short_forms

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

    from tools.osm_features import OsmFeature
    from tools.place_aliases import GenericPlace
    from tools.routing import LocalProjection
    from tools.scenario import Scenario

KINDS = ("zone", "shelter", "station", "hospital", "staging", "street", "landmark")
_FACILITY_KINDS = {"zone", "shelter", "station", "hospital", "staging"}
ACCEPT_SCORE = 0.8        # a fuzzy match at least this good is taken...
AMBIGUITY_MARGIN = 0.04   # ...unless another place scores within this margin
WORD_FOUND_RATIO = 80     # and each word of the query is found in it (see _every_word_found)
MAX_QUERY_CHARS = 200
# A Latin name shorter than this is matched only as the map writes it: three letters are too few to guess from ("gym"
# is 80 % alike to "YM", Ympäristöministeriö; "bar" to "Mbar"), and a short name is typed exactly or not at all.
FUZZY_MIN_LATIN_CHARS = 4
# A one-word landmark in an all-lower-case message is taken only when its name is no common English word
# (core.common_words): OSM names shops and cafes "Power", "Subway", "Family", "Forum", and "near power lines" names no
# shop.
# Features with one name closer than this are one place (a building and its shop node).
SAME_PLACE_M = 300.0
# Uncertainty of a point facility of the scenario (its coordinates stand for a building).
FACILITY_RADIUS_M = 30.0
POINT_RADIUS_M = 15.0
# A scenario facility and an OSM feature of the same name this close are one building.
TWIN_M = 100.0
# A stop stands for the place it is named after, somewhere around it.
STOP_RADIUS_M = 80.0

# OSM "places" that are not destinations: the city itself, and city blocks named after
# animals ("Kettu", "Orava") that would turn ordinary words in a report into places.
_SKIP_PLACE_VALUES = {"city", "city_block", "country", "state", "county", "municipality", "region", "plot"}
# Highway values that are streets a caller names ("on Mannerheimintie"); named footways,
# steps and passages are landmarks (an underground passage is a place, not an address street).
STREET_HIGHWAYS = {"motorway", "trunk", "primary", "secondary", "tertiary", "unclassified", "residential",
                   "living_street", "service", "road", "pedestrian", "motorway_link", "trunk_link", "primary_link",
                   "secondary_link", "tertiary_link"}
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]")


class PlaceMatch(BaseModel):
    id: str | None
    name: str
    kind: str
    lat: float
    lon: float
    score: float
    category: str = ""
    radius_m: float = 0.0
    ref: str | None = None


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
    """A named OSM feature (building, square, park...): the older point-only form."""

    name: str
    lat: float
    lon: float
    category: str = ""


def normalize(text: str) -> str:
    """Casefolded, diacritics removed, punctuation to spaces, Chinese in simplified characters, each spaced."""
    text = to_simplified(text)  # OSM writes some Chinese names in traditional characters (參議院廣場)
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = _CJK.sub(lambda m: f" {m.group(0)} ", stripped)
    return " ".join(re.sub(r"[^\w]+", " ", stripped).split())


def has_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


# Finnish adjectives that agree with the noun inside a compound name (Pitkäsilta -> Pitkänsillan alla, Vanhakaupunki ->
# Vanhassakaupungissa, Uusimaa -> Uudenmaan): (folded adjective, regex of its forms, literal prefix all forms keep).
_FI_ADJECTIVES = (
    ("pitka", "pitka(?:n|ssa|lla|lle|lta|sta|an|a)?", "pitk"),
    ("vanha", "vanha(?:n|ssa|lla|lle|lta|sta|an|a)?", "vanh"),
    ("korkea", "korkea(?:n|ssa|lla|lle|lta|sta|an|a)?", "korke"),
    ("suuri", "suur(?:i|en|essa|ella|elle|elta|esta|een|ta)", "suur"),
    ("pieni", "pien(?:i|en|essa|ella|elle|elta|esta|een|ta)", "pien"),
    ("uusi", "uu(?:si|den|dessa|della|delle|delta|desta|teen|tta)", "uu"),
    ("iso", "iso(?:n|ssa|lla|lle|lta|sta|on|a)?", "iso"),
)


def _fi_adjective_compound(word: str) -> tuple[str, str, str] | None:
    """(adjective forms regex, literal prefix, noun) when the word is an adjective + noun compound name."""
    for adj, forms, literal in _FI_ADJECTIVES:
        if word.startswith(adj) and len(word) - len(adj) >= 4 and word.isalpha():
            return forms, literal, word[len(adj):]
    return None


# The generic nouns of Finnish place names that a genitive stands before in one compound ("Esplanadinpuisto",
# "Fredrikinkatu", "Kaisaniemenranta"), diacritics folded: people also write the two apart ("Esplanadin puistossa").
_FI_PLACE_HEADS = ("puistikko", "puisto", "katu", "tie", "tori", "kuja", "ranta", "silta", "kentta", "aukio", "polku", "laituri")


def _fi_genitive_compound(word: str) -> tuple[str, str] | None:
    """(genitive, generic noun) when the word is a genitive + place noun compound name ("esplanadinpuisto" ->
    ("esplanadin", "puisto")), which a report may write as two words."""
    if not word.isalpha():
        return None
    for head in _FI_PLACE_HEADS:
        genitive = word[: -len(head)]
        if word.endswith(head) and len(genitive) >= 4 and genitive.endswith("n"):
            return genitive, head
    return None


def _word_stem(word: str) -> str:
    """A literal prefix every inflected form of the word keeps (a cheap test before the regex)."""
    if has_cjk(word) or len(word) <= 3:
        return word
    compound = _fi_adjective_compound(word)
    if compound is not None:
        return compound[1]
    genitive = _fi_genitive_compound(word)
    if genitive is not None:
        return genitive[0]  # "esplanadin", which "Esplanadin puistossa" keeps too
    return word[:-3] if len(word) >= 6 else word[:-2]


_VOWELS = "aeiouy"
# Finnish case endings of a name in a report, diacritics folded (ä -> a), longest first: the one list of them, for the
# name patterns here and for the misspelt-name reader (tools.locate.inflection); "la", "sa": one consonant for two.
FI_CASE_ENDINGS = ("ssa", "sta", "lla", "lta", "lle", "ksi", "een", "iin", "aan", "in", "la", "na", "ta", "sa", "n")
# A name pattern also reads the plural and other cases, and Swedish definite / genitive / plural endings.
_MORE_ENDINGS = ("ihin", "seen", "hin", "han", "hen", "issa", "illa", "ilta", "ille", "ista", "ine", "ita", "ja", "ia", "a", "t",
                 "arna", "ns", "en", "et", "ar", "s", "e")
_ENDING = "(?:" + "|".join(FI_CASE_ENDINGS + _MORE_ENDINGS) + ")?"
_GRADATION = (("kk", "kk?"), ("pp", "pp?"), ("tt", "tt?"), ("nk", "n[kg]"), ("nt", "n[tn]"), ("lt", "l[tl]"), ("rt", "r[tr]"),
              ("mp", "m[pm]"), ("ht", "h[td]"), ("t", "[td]"), ("p", "[pv]"))


def word_pattern(word: str) -> str:
    """Regex for a word and its inflected forms: Finnish consonant gradation (katu -> kadulla, kirkko -> kirkossa,
    Helsinki -> Helsingin) and case endings; no arbitrary suffix, so 'Stokka' does not match 'Stokmann'."""
    if has_cjk(word) or len(word) <= 3 or not word.isalpha():
        return re.escape(word)
    compound = _fi_adjective_compound(word)
    if compound is not None:
        # Both halves inflect: the adjective agrees with the noun ("Pitkänsillan", "Vanhassakaupungissa").
        return f"(?:{compound[0]}) ?" + _graded(compound[2])  # also written apart ("Pitkällä sillalla")
    genitive = _fi_genitive_compound(word)
    if genitive is not None:
        # Only the noun inflects; the genitive stays ("Esplanadinpuistossa", "Esplanadin puistossa").
        return re.escape(genitive[0]) + " ?" + _graded(genitive[1])
    if word.endswith(("us", "os", "es", "is", "ys")) and len(word) >= 5:
        # Finnish -s nouns inflect on -kse- ("rakennus" -> "rakennuksessa", "Sokos" -> "Sokoksella").
        return re.escape(word[:-1]) + f"(?:s|kse|ks)[{_VOWELS}]{{0,2}}" + _ENDING
    if len(word) <= 5:
        return re.escape(word) + _ENDING  # short names: the word itself and a case ending ("Espa" is not "Espoo")
    return _graded(word)


def _graded(word: str) -> str:
    """Regex for a Finnish word with consonant gradation and case endings (the noun of a compound may be short)."""
    if word[-1] not in _VOWELS:
        return re.escape(word) + f"[{_VOWELS}]{{0,2}}" + _ENDING
    base = word[:-1]
    for strong, pattern in _GRADATION:
        if base.endswith(strong) and (len(strong) > 1 or (len(base) >= 2 and base[-2] in _VOWELS)):
            return re.escape(base[: -len(strong)]) + pattern + f"[{_VOWELS}]{{0,2}}" + _ENDING
    return re.escape(base) + f"[{_VOWELS}]{{0,2}}" + _ENDING


def name_stem(key: str) -> str:
    """A prefix of a normalized name that its inflected forms start with (Kaisaniemi -> "kaisanie")."""
    # Finnish inflects the end of a word (-n, -lla, -ssa, katu -> kadulla): match on a prefix.
    if has_cjk(key):
        return key
    if len(key) >= 8:
        return key[:-2]
    if len(key) >= 6:
        return key[:-1]
    return key


@dataclass
class Entry:
    """One place of the gazetteer: a scenario facility, a street, or a named OSM feature (with its keys, tags, geometry)."""

    id: str | None
    name: str
    kind: str
    lat: float
    lon: float
    keys: list[str] = field(default_factory=list)
    category: str = ""
    tags: dict[str, str] = field(default_factory=dict)
    geometry: Any = None          # shapely, metres in the gazetteer's projection; None for scenario points
    radius_m: float = POINT_RADIUS_M
    ref: str | None = None
    originals: dict[str, str] = field(default_factory=dict)  # key -> the name as written in OSM
    features: list[Any] = field(default_factory=list)
    former: set[str] = field(default_factory=set)  # keys of names it no longer bears (OSM old_name)
    nicknames: set[str] = field(default_factory=set)  # keys of its local or short names only (loc_name, short_name)

    def match(self, score: float) -> PlaceMatch:
        return PlaceMatch(id=self.id, name=self.name, kind=self.kind, lat=self.lat, lon=self.lon, score=round(score, 3),
                          category=self.category, radius_m=round(self.radius_m, 1), ref=self.ref)


@dataclass(frozen=True)
class Mention:
    """A place named in a text: the entry, and where (indices into ``normalize(text)``)."""

    start: int
    end: int
    entry: Entry
    key: str
    score: float


def to_metres(geom: Any, projection: "LocalProjection") -> Any:
    """The shapely geometry (lon, lat) in metres of the city's local projection."""
    import numpy as np
    import shapely

    def fn(coords: np.ndarray) -> np.ndarray:  # (n, 2) lon, lat -> x, y metres
        x, y = projection.to_xy(coords[:, 1], coords[:, 0])
        return np.column_stack([x, y])

    return shapely.transform(geom, fn)


def _radius(geom_m: Any, x: float, y: float) -> float:
    """Metres from the point to the farthest part of the feature: how far off its centre can be."""
    from shapely.geometry import Point

    if geom_m is None or geom_m.geom_type == "Point":
        return POINT_RADIUS_M
    return max(POINT_RADIUS_M, float(geom_m.hausdorff_distance(Point(x, y))))


_NO_ENTRIES: list[Entry] = []


class Gazetteer:
    """Resolves place names to coordinates; built from a scenario and the city's OSM features."""

    def __init__(self, entries: Iterable[Entry], projection: "LocalProjection | None" = None):
        self.entries: list[Entry] = list(entries)
        self.projection = projection
        self.context_keys: set[str] = set()
        self._by_key: dict[str, list[Entry]] = {}
        for entry in self.entries:
            for key in entry.keys:
                self._by_key.setdefault(key, []).append(entry)
        # A former name another place now bears is that place's ("Seurahuone": the hotel, not the City Hall that was
        # the Seurahuone hotel until 1913); the old name still finds the old place when no other has it.
        for key, holders in self._by_key.items():
            current = [e for e in holders if key not in e.former]
            if current and len(current) < len(holders):
                self._by_key[key] = current
        self._all_keys = list(self._by_key)
        # Keys that are one ordinary word standing for a landmark by another name of it ("vanha", old: the Old
        # Student House's local name): in a report the word is usually just the word.
        self.ordinary_keys = frozenset(k for k, es in self._by_key.items()
                                       if " " not in k and not has_cjk(k) and len(concepts(k) or ()) == 1
                                       and all(e.kind == "landmark" and k in e.nicknames for e in es))
        # Longest keys first, so "Helsingin yliopiston päärakennus" wins over "Helsingin" in text.
        self._text_keys = sorted((k for k in self._by_key if len(k) >= 4 or (has_cjk(k) and len(k) >= 3)), key=len, reverse=True)
        # A literal piece every inflected form of the key contains: a cheap test before the regex.
        self._stems = {k: _word_stem(k.split()[0]) for k in self._text_keys}
        # The keys by the first three letters of that piece (all of it when shorter): a report is compared with the
        # keys whose piece starts at one of its own three-letter runs, not with every key of the map.
        self._by_piece: dict[str, list[int]] = {}
        for rank, k in enumerate(self._text_keys):
            self._by_piece.setdefault(self._stems[k][:3], []).append(rank)
        self._patterns: dict[str, re.Pattern[str]] = {}

    def _pattern(self, key: str) -> re.Pattern[str]:
        pat = self._patterns.get(key)
        if pat is None:
            pat = self._patterns[key] = re.compile(r"(?<!\w)" + " ".join(word_pattern(w) for w in key.split()) + r"(?!\w)")
        return pat

    @classmethod
    def build(cls, scenario: "Scenario", graphs: "Iterable[nx.DiGraph]" = (), landmarks: Iterable[Landmark] = (),
              features: "Iterable[OsmFeature] | None" = None, projection: "LocalProjection | None" = None) -> "Gazetteer":
        """Scenario facilities, then OSM streets and named features (or, without features, graph street names and landmarks)."""
        entries: list[Entry] = []

        def add(entry: Entry, aliases: Iterable[str] = ()) -> None:
            raw = [entry.name, *aliases, *([entry.id] if entry.id else [])]
            keys: list[str] = []
            for s in raw:
                k = normalize(s)
                if k and k not in keys:
                    keys.append(k)
                    entry.originals.setdefault(k, s)
            if entry.kind not in _FACILITY_KINDS:
                # Scenario names shadow OSM names, streets shadow landmarks; landmarks may share a name
                # (then the gazetteer tells them apart by distance, or calls the name ambiguous).
                shadowed = [k for k in keys if any(e.kind != entry.kind for e in by_key_build.get(k, []))]
                keys = [k for k in keys if k not in shadowed]
                if not keys and entry.kind != "landmark":
                    return
                if shadowed and entry.kind == "landmark":
                    # The OSM twin of a scenario facility: it lends the facility its footprint and tags.
                    for k in shadowed:
                        for fac in by_key_build.get(k, []):
                            if fac.kind in _FACILITY_KINDS and projection is not None:
                                fx, fy = projection.to_xy(fac.lat, fac.lon)
                                ex, ey = projection.to_xy(entry.lat, entry.lon)
                                d = math.hypot(float(fx - ex), float(fy - ey))
                                # The nearest twin within a building's width (not a station-area relation 200 m off).
                                if d > TWIN_M or d >= twin_d.get(id(fac), math.inf):
                                    continue
                                twin_d[id(fac)] = d
                                fac.geometry, fac.tags, fac.ref = entry.geometry, dict(entry.tags), entry.ref
                                if fac.kind != "zone":
                                    fac.radius_m = max(FACILITY_RADIUS_M, _radius(entry.geometry, float(fx), float(fy)))
            entry.keys = keys
            for k in keys:
                by_key_build.setdefault(k, []).append(entry)
            entries.append(entry)

        by_key_build: dict[str, list[Entry]] = {}
        twin_d: dict[int, float] = {}
        for z in scenario.zones:
            lat, lon = z.centroid()
            add(Entry(z.id, z.name, "zone", lat, lon, radius_m=float(getattr(z, "radius_m", 0) or 250.0), category="zone"), z.aliases)
        for kind, items in (("shelter", scenario.shelters), ("station", scenario.stations), ("hospital", scenario.hospitals),
                            ("staging", scenario.staging_areas)):
            for item in items:
                add(Entry(item.id, item.name, kind, item.lat, item.lon, radius_m=FACILITY_RADIUS_M, category=kind), item.aliases)

        context: set[str] = set()
        if features is not None and projection is not None:
            features = list(features)
            # Names of the city and its region ("Helsinki", "Helsingfors", "赫尔辛基") describe where a place
            # is, not a place: they never name a feature (the main station's node is called "Helsinki").
            for f in features:
                if f.tags.get("place") in ("city", "town", "municipality", "country", "state", "region", "county"):
                    context.update(normalize(v) for v in f.names.values() if v)
            for entry, aliases in _feature_entries(features, projection):
                if normalize(entry.name) in context:
                    aliases = [a for a in aliases if normalize(a) not in context]
                    if not aliases:
                        continue
                    entry.name = aliases[0]
                add(entry, [a for a in aliases if normalize(a) not in context])
        else:
            _legacy_entries(graphs, landmarks, add)
        gaz = cls(entries, projection)
        gaz.context_keys = context
        return gaz

    # --- queries -----------------------------------------------------------
    def names(self, kind: str | None = None) -> list[str]:
        """Every known place name (optionally of one kind), for checking generated text."""
        if kind is not None and kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}; use one of {', '.join(KINDS)}")
        return [e.name for e in self.entries if kind is None or e.kind == kind]

    def get(self, place_id: str) -> PlaceMatch | None:
        return next((e.match(1.0) for e in self.entries if e.id == place_id), None)

    def entries_for(self, key: str) -> list[Entry]:
        return list(self._by_key.get(normalize(key), []))

    def named(self, key: str) -> list[Entry]:
        """The entries with this name key, already normalized (``normalize(name)``); empty when none.

        The gazetteer's own list, for the locator's hot paths: read it, do not change it (``entries_for`` copies)."""
        return self._by_key.get(key, _NO_ENTRIES)

    def name_keys(self) -> KeysView[str]:
        """Every normalized name key of the gazetteer (names, aliases, ids; not the city's own names)."""
        return self._by_key.keys()

    def _scored(self, q: str, every_word: bool = True) -> list[tuple[float, Entry]]:
        """Fuzzy candidates for ``q``, best first; ``every_word=False`` also keeps those missing a word (suggestions)."""
        best: dict[int, tuple[float, Entry]] = {}
        hits = process.extract(q, self._all_keys, scorer=fuzz.ratio, score_cutoff=50, limit=60)
        if len(q) >= 4:
            # A whole word of a longer name ("Stockmann" in "Stockmann Q-Park") is a strong hint too.
            hits += [(k, 0.0, 0) for k in self._all_keys if q in k and (q in k.split() or len(q) >= 6)]
        for key, ratio, _ in hits:
            if every_word and not _every_word_found(q, key):
                continue
            score = ratio / 100.0
            if len(q) >= 4 and (q in key.split() or (q in key and len(q) >= 6)):
                score = max(score, 0.7 + 0.3 * len(q) / len(key))
            for entry in self._by_key[key]:
                prev = best.get(id(entry))
                if prev is None or prev[0] < score:
                    best[id(entry)] = (score, entry)
        scored = list(best.values())
        # Facilities first on ties: the planners act on scenario places.
        scored.sort(key=lambda t: (-t[0], t[1].kind not in _FACILITY_KINDS, t[1].name))
        return scored

    def _one_place(self, entries: list[Entry]) -> bool:
        """Entries that are one place on the ground (same name, within SAME_PLACE_M)."""
        if len(entries) <= 1 or self.projection is None:
            return len(entries) <= 1
        xs, ys = self.projection.to_xy([e.lat for e in entries], [e.lon for e in entries])
        return float(max(xs) - min(xs)) < SAME_PLACE_M and float(max(ys) - min(ys)) < SAME_PLACE_M

    def resolve(self, name: str) -> PlaceMatch:
        """The one place meant by ``name``; UnknownPlaceError or AmbiguousPlaceError otherwise."""
        if not isinstance(name, str):  # bytes, a number, None: say so, not "empty"
            raise UnknownPlaceError(f"a place name must be text, not {type(name).__name__}", [])
        if not name.strip():
            raise UnknownPlaceError("empty place name", [])
        if len(name) > MAX_QUERY_CHARS:
            raise UnknownPlaceError(f"place name too long ({len(name)} characters; at most {MAX_QUERY_CHARS})", [])
        if looks_binary(name) or undecodable(name):  # a NUL or bytes that are not UTF-8 would be dropped silently
            raise UnknownPlaceError(f"the place name {name!r} holds binary or non-UTF-8 characters; type it as text", [])
        q = normalize(name)
        if not q:
            raise UnknownPlaceError(f"{name!r} contains no letters or digits", [])
        exact = self._by_key.get(q, [])
        if len(exact) == 1 or (exact and self._one_place(exact)):
            return exact[0].match(1.0)
        if len(exact) > 1:
            cands = [e.match(1.0) for e in exact]
            raise AmbiguousPlaceError(f"{name!r} names {len(cands)} places: " + "; ".join(f"{c.name} ({c.kind})" for c in cands), cands)
        inflected = self._inflected(q)
        if inflected:
            # a Finnish case form of one of the map's names ("Pitkällesillalle", "Kampissa", "Rautatientorilta"): the
            # name itself, as the text reader (``mentions``) reads it, not a fuzzy neighbour of the longer word
            if self._one_place(inflected):
                return inflected[0].match(0.95)
            cands = [e.match(0.95) for e in inflected]
            raise AmbiguousPlaceError(f"{name!r} could be: " + "; ".join(f"{c.name} ({c.kind})" for c in cands[:6]), cands)
        if kind_said_alone(q) is not None:  # "the school": a kind of place, never a name that looks like its word
            raise UnknownPlaceError(f"{name!r} is a kind of place, not the name of one", [])
        if not has_cjk(q) and len(q.replace(" ", "")) < FUZZY_MIN_LATIN_CHARS:
            raise UnknownPlaceError(f"no place called {name!r} in this scenario (a name this short must be written as the "
                                    "map writes it)", [])
        scored = self._scored(q)
        if not scored or scored[0][0] < ACCEPT_SCORE:
            suggestions = list(dict.fromkeys(e.name for _, e in self._scored(q, every_word=False)))[:5]
            hint = f"; closest: {', '.join(suggestions)}" if suggestions else ""
            raise UnknownPlaceError(f"no place called {name!r} in this scenario{hint}", suggestions)
        top = scored[0][0]
        close = [(s, e) for s, e in scored if s >= top - AMBIGUITY_MARGIN]
        if len(close) > 1 and not ({e.name for _, e in close} == {close[0][1].name} and self._one_place([e for _, e in close])):
            cands = [e.match(s) for s, e in close[:6]]
            raise AmbiguousPlaceError(f"{name!r} could be: " + "; ".join(f"{c.name} ({c.kind})" for c in cands), cands)
        return scored[0][1].match(top)

    def _inflected(self, q: str) -> list[Entry]:
        """The places whose name ``q`` is an inflected form of (``word_pattern``: case endings, consonant gradation,
        an adjective that agrees with its noun), the longest name first; or, where none is, those of a name ``q`` is a
        Finnish case form of give or take a typo ("Pitkällesilalle": the case ending cut off, the rest compared with
        rapidfuzz); [] when it is none of the map's names."""
        if has_cjk(q) or not q.replace(" ", "").isalpha():
            return []
        pieces = {q[i:i + n] for n in (1, 2, 3) for i in range(len(q) - n + 1)}
        keys = [self._text_keys[r] for r in sorted({r for p in pieces for r in self._by_piece.get(p, ())})]
        found = [k for k in keys if k != q and self._stems[k] in q and self._pattern(k).fullmatch(q)]
        if not found:
            found = [k for k in keys if _typo_of_a_case_form(q, k)]
        if not found:
            return []
        longest = max(len(k) for k in found)
        return list({id(e): e for k in found if len(k) == longest for e in self._by_key[k]}.values())

    @staticmethod
    def _proper_noun_in(entry: Entry, key: str, text: str, before: str = "", inflected: bool = False, ordinary: bool = False) -> bool:
        # OSM names many cafes and bars with ordinary words ("Family", "Story", "Subway"):
        # a landmark counts only when written as a name, capitalised as in OSM -- unless the writer
        # capitalises nothing at all ("espan lava", a hurried message), and the name is more than one word, or one
        # word of five letters or more that a place preposition or an evacuation verb governs ("fire at kiasma",
        # "clear out sanomatalo"; ``before``: the normalised text before the name) and written as the name itself: an
        # English preposition governs no Finnish case ending, so "smoke in kitchen" is no "Kitch" (``inflected``); and
        # the one word is no common English word ("near power lines" names no shop "Power"; core.common_words).
        original = entry.originals.get(key, entry.name)
        if _COUNTED.match(key):
            # A name that opens with a number word ("Kaksi lasta", two children: a statue) is what a report says of
            # people ("Kaksi lasta pelastettu", two children rescued): a name only where capitalised inside a sentence
            first_word = original.split()[0]
            return any(not _SENTENCE_START.search(text[: m.start()]) for m in re.finditer(r"(?<!\w)" + re.escape(first_word), text))
        if not any(c.isupper() for c in text) and (len(key.split()) >= 2 or (len(key) >= 5 and not inflected and _PLACE_GOVERNOR.search(before)
                                                                             and not common_english_word(key))):
            return True
        first = original.split()[0] if original.split() else original
        head = first[: len(first) - 3] if len(first) >= 7 else first
        genitive = _fi_genitive_compound(normalize(first))
        if genitive is not None:
            head = first[: len(genitive[0])]  # "Esplanadin puistossa" writes the compound apart: its genitive is the name
        # ``ordinary``: a Finnish word that is a landmark's local name ("Vanha", old): "Vanha mies kaatunut" opens with it
        if " " not in key and (common_english_word(key) or ordinary) and head[:1].isupper() and not has_cjk(text):
            # A one-word name that is an ordinary word ("Power", "Story", "Subway") is a name only where its capital
            # says so: a capital the sentence's first word takes anyway ("Power cut in Kallio", "Report: Fire ...")
            # says nothing, so at least one use must be capitalised inside a sentence ("fire at Power"). Chinese
            # capitalises no sentence: a Latin word written with a capital there is the writer's ("Colorado 酒吧门口").
            return any(not _SENTENCE_START.search(text[: m.start()])
                       for m in re.finditer(r"(?<!\w)" + re.escape(head), text, 0 if head[1:].islower() else re.IGNORECASE))
        if not head[:1].isupper():
            return True
        return re.search(r"(?<!\w)" + re.escape(head), text, re.IGNORECASE if not head[1:].islower() else 0) is not None

    def mentions(self, text: str) -> tuple[str, list[Mention]]:
        """(normalized text, places named in it in order of appearance; longest name wins an overlap)."""
        if not text:
            return "", []
        text = text[:20_000]
        norm = normalize(text)
        taken: list[tuple[int, int]] = []
        found: list[Mention] = []
        pieces = {norm[i:i + n] for n in (1, 2, 3) for i in range(len(norm) - n + 1)} | {""}
        ranks = sorted(r for p in pieces for r in self._by_piece.get(p, ()))
        for key in (self._text_keys[r] for r in ranks):
            if self._stems[key] not in norm:
                continue
            for m in self._pattern(key).finditer(norm):
                span = m.span()
                if any(span[0] < b and a < span[1] for a, b in taken):
                    continue
                entries = self._by_key[key]
                entry = entries[0]
                # A landmark, or a street called by its nickname ("Lönkka", which is also "lonkka", a hip), is a name
                # only where it is written as one.
                if (entry.kind == "landmark" or key in entry.nicknames) and not self._proper_noun_in(
                        entry, key, text, norm[:span[0]], m.group(0) != key, ordinary=key in self.ordinary_keys):
                    continue
                if key in self.ordinary_keys and adjective_of_next(norm, span[0], span[1], key):
                    continue  # "Vanhassa kaupungissa": in the old town, not at "Vanha"
                if entry.kind == "landmark" and self._part_of_a_longer_name(text, m.group(0)):
                    continue  # "Colorado Springs": another place whose name begins like a bar of the map
                # An inflected form ("Aleksanterinkadulla", "Vanhassa kirkkopuistossa") names the place
                # as surely as the base form.
                score = 1.0 if m.group(0) == key else 0.95
                taken.append(span)
                found.append(Mention(span[0], span[1], entry, key, score))
        found.sort(key=lambda mn: mn.start)
        return norm, found

    def _part_of_a_longer_name(self, text: str, said: str) -> bool:
        """A one-word landmark name written as the first word of a longer proper name the map does not have
        ("Colorado Springs", "Paris Texas"): the next word is capitalised mid-sentence and is no word of any name of the
        map nor of a kind of place ("Kiasma Museum", "Stockmann Helsinki" stay). A name the map lacks must not fall back
        on a bar or shop sharing its first word -- an evacuation of central Helsinki for news of a fire in Colorado."""
        if " " in said or has_cjk(said) or not (re.search(r"(?<!\w)[a-zåäö]{3,}", text) or has_cjk(text)):
            return False  # several words, Chinese, or a Latin text all in capitals / title case: capitals say nothing
        folded = re.escape(said).replace("\\ ", r"\s+")
        for m in re.finditer(r"(?<!\w)(?i:" + folded + r")[ \t]+([A-ZÅÄÖ][a-zåäö]{2,})\b", unicodedata.normalize("NFC", text)):
            word = normalize(m.group(1))
            if word not in self._name_words and word not in QUALIFIERS:
                return True
        return False

    @cached_property
    def _name_words(self) -> frozenset[str]:
        """Every word of the map's names and of the descriptions of a kind of place ("museum", "mall", "entrance")."""
        return frozenset(w for k in list(self._by_key) + list(_generic_keys()) for w in k.split())

    def find_in_text(self, text: str) -> list[PlaceMatch]:
        """Places named in free text (a report), in order of appearance, each once."""
        return places_mentioned(self.mentions(text)[1])


def places_mentioned(mentions: list[Mention]) -> list[PlaceMatch]:
    """The places of a scan's mentions (``Gazetteer.mentions``), in order of appearance, each once (its first mention)."""
    first: dict[tuple[str, str], Mention] = {}
    for mn in mentions:
        first.setdefault((mn.entry.kind, mn.entry.name), mn)
    return [mn.entry.match(mn.score) for mn in first.values()]


# The text before a word that begins a sentence (or a clause after a colon, a line, a bullet): a capital there is the
# sentence's, not a name's.
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n]|\s[-–—*•])[\s\"'“”‘’(\[-]*$")

# A number word opening a name of several words, in the city's languages and English ("kaksi lasta", "tre smeder").
_COUNTED = re.compile(r"(?:yksi|kaksi|kolme|nelja|neljä|viisi|kuusi|seitseman|seitsemän|kahdeksan|yhdeksan|yhdeksän|kymmenen|"
                      r"two|three|four|five|six|seven|eight|nine|ten|tva|två|tre|fyra|fem|sju|atta|åtta|nio|tio)\s+\w")

# The words right before a place's name that make the next word a place: a preposition of place, an evacuation verb.
_PLACE_GOVERNOR = re.compile(r"(?:^|\s)(?:at|to|in|near|outside|inside|out|from|by|opposite|behind|around|evacuate|vacate)\s$")


# How alike the word without its case ending and a name of the map must be to be that name mistyped (rapidfuzz ratio).
_TYPO_RATIO = 88.0


def _typo_of_a_case_form(q: str, key: str) -> bool:
    """Is ``q`` a Finnish case form of ``key`` with a typo ("Kampisa", "Esplanaadilla"): a case ending
    (``FI_CASE_ENDINGS``, two letters or more) cut off, what is left close to the key or its stem (``name_stem``), in one
    word of six letters or more."""
    if " " in q or " " in key or len(key) < 6:
        return False
    return any(q.endswith(end) and len(q) - len(end) >= 5
               and max(fuzz.ratio(q[: -len(end)], key), fuzz.ratio(q[: -len(end)], name_stem(key))) >= _TYPO_RATIO
               for end in FI_CASE_ENDINGS if len(end) >= 2)


def _every_word_found(query: str, key: str) -> bool:
    """Each word of a fuzzy query occurs in the key, give or take a typo.

    A whole-string ratio rewards what two names share and forgets what tells them apart: "Finnish National Opera"
    scored 0.83 against "Finnish National Theatre" and "Hesperian puisto" 0.86 against "Esplanadinpuisto". A name
    outside the map must not resolve to a different place nearby, so every word of three letters or more must align
    with some stretch of the key (partial ratio, which also lets "kansalis teatteri" find the compound).
    """
    return all(fuzz.partial_ratio(word, key) >= WORD_FOUND_RATIO for word in query.split() if len(word) >= 3)


def adjective_of_next(norm: str, start: int, end: int, key: str) -> bool:
    """The word ``norm[start:end]`` (a form of the one-word ``key``) is inflected like the word after it, so it is that
    word's adjective ("vanhassa kaupungissa": in the old town), not a name."""
    said = norm[start:end]
    ending = said[len(name_stem(key)):] if said != key else ""
    nxt = norm[end:].split()[:1]
    return len(ending) >= 2 and bool(nxt) and nxt[0].endswith(ending)


def _legacy_entries(graphs: "Iterable[nx.DiGraph]", landmarks: Iterable[Landmark], add: Any) -> None:
    """Street names from the graphs and point landmarks: a city model built without OSM features."""
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
        add(Entry(None, name, "street", lat, lon, category="street"))
    for lm in landmarks:
        add(Entry(None, lm.name, "landmark", lm.lat, lm.lon, category=lm.category))


_NOTABLE_AMENITY = {"theatre", "arts_centre", "library", "public_building", "place_of_worship", "university", "college",
                    "townhall", "concert_hall", "marketplace", "hospital", "school", "cinema", "bus_station", "ferry_terminal",
                    "police", "fire_station", "courthouse", "bank", "post_office", "events_venue", "conference_centre"}


def is_notable(tags: dict[str, str]) -> bool:
    """A feature people name in a report (a theatre, a statue, a hotel, a station), not an office or a cafe."""
    if any(k in tags for k in ("tourism", "historic", "leisure", "railway", "bridge", "natural")):
        return True
    if tags.get("place") in ("square", "neighbourhood", "quarter", "islet", "island"):
        return True
    if tags.get("amenity") in _NOTABLE_AMENITY or tags.get("shop") in ("department_store", "mall"):
        return True
    return "building" in tags and "amenity" not in tags and "shop" not in tags and "office" not in tags


@lru_cache(maxsize=1)
def _kinds_by_key() -> dict[str, "GenericPlace"]:
    from tools.place_aliases import GENERIC_PLACES

    out: dict[str, GenericPlace] = {}
    for gp in GENERIC_PLACES:
        for phrase in gp.phrases:
            out.setdefault(normalize(phrase), gp)  # the table's order: the first row that says a phrase owns it
    return out


def _generic_keys() -> frozenset[str]:
    """Descriptions of a kind of place ("railway station", "火车站"): never a derived name of one feature."""
    return frozenset(_kinds_by_key())


def kind_said_alone(text: str) -> "GenericPlace | None":
    """The kind of place (``tools.place_aliases``) when ``text`` is its description and nothing else ("the school",
    "a gym", "kirjasto", "健身房"); None otherwise."""
    return _kinds_by_key().get(re.sub(r"^(?:the|a|an)\s+", "", normalize(text)))


def _serves_another_place(tags: dict[str, str]) -> bool:
    """A stop or a metro station: named after the place it serves (the metro stop "Rautatientori" is called "Central
    Railway Station" in English after the railway station above it)."""
    return is_stop(tags) or tags.get("station") == "subway" or (tags.get("subway") == "yes" and tags.get("train") != "yes")


def _usable_names(feature: "OsmFeature") -> list[str]:
    """The feature's names worth matching: a name written all in lower case is a description ("asema"), not a name;
    a stop's other name that is a description of a kind of place ("Central Railway Station") names the place it
    serves, which the locator finds by its kind, not the stop."""
    out = []
    serves = _serves_another_place(feature.tags)
    main = normalize(feature.name)
    for key, value in feature.names.items():
        if not value or len(value) > 120:
            continue
        if not has_cjk(value) and value == value.lower() and key != "name":
            continue
        if serves and normalize(value) != main and normalize(value) in _generic_keys():
            continue
        out.append(value)
    return list(dict.fromkeys(out))


def _nicknames(feature: "OsmFeature") -> set[str]:
    """Keys of the names people call the feature by in speech (loc_name "Vanha", short_name "Torni") and by no other tag."""
    other = {normalize(v) for k, v in feature.names.items() if v and not k.startswith(("loc_name", "short_name"))}
    return {normalize(v) for k, v in feature.names.items() if v and k.startswith(("loc_name", "short_name"))} - other


def _former_names(feature: "OsmFeature") -> set[str]:
    """Keys of names the feature no longer bears (old_name: the City Hall was the Seurahuone hotel)."""
    current = {normalize(v) for k, v in feature.names.items() if v and not k.startswith("old_name")}
    return {normalize(v) for k, v in feature.names.items() if v and k.startswith("old_name")} - current


def _feature_entries(features: list["OsmFeature"], projection: "LocalProjection") -> list[tuple[Entry, list[str]]]:
    """Gazetteer entries from OSM features: streets merged by name, other named features grouped by name and kind."""
    from shapely.ops import nearest_points, unary_union

    groups: dict[tuple[str, str, str], list[OsmFeature]] = {}
    for f in features:
        if not f.names:
            continue
        if f.tags.get("place") in _SKIP_PLACE_VALUES or f.tags.get("type") in ("route", "route_master", "boundary", "public_transport", "network"):
            continue
        if f.tags.get("highway") in ("street_lamp", "crossing", "traffic_signals", "stop") \
                or f.tags.get("railway") in ("switch", "signal", "crossing", "level_crossing", "buffer_stop", "platform"):
            continue
        is_street = f.is_street and f.tags.get("highway") in STREET_HIGHWAYS
        kind = "street" if is_street else "landmark"
        groups.setdefault((kind, normalize(f.name), "" if is_street else f.category), []).append(f)

    out: list[tuple[Entry, list[str]]] = []
    for (kind, _, category), members in groups.items():
        # Split a group into clusters of features close to each other (two "Alko" shops far apart are two places).
        clusters: list[list[OsmFeature]] = []
        if kind == "street":
            clusters = [members]
        else:
            for f in members:
                lat, lon = f.point()
                for cl in clusters:
                    clat, clon = cl[0].point()
                    x0, y0 = projection.to_xy(clat, clon)
                    x1, y1 = projection.to_xy(lat, lon)
                    if math.hypot(float(x1 - x0), float(y1 - y0)) < SAME_PLACE_M:
                        cl.append(f)
                        break
                else:
                    clusters.append([f])
        for cl in clusters:
            # Areas before lines before points: the footprint is the place; its nodes are parts of it.
            cl.sort(key=lambda f: {"Polygon": 0, "MultiPolygon": 0, "LineString": 1, "MultiLineString": 1}.get(f.geometry.geom_type, 2))
            geom_ll = unary_union([f.geometry for f in cl]) if len(cl) > 1 and kind == "street" else cl[0].geometry
            head = cl[0]
            if kind == "street":
                # The point of the street nearest the centroid of all its pieces: its "middle".
                p = nearest_points(geom_ll, geom_ll.centroid)[0]
                lat, lon = float(p.y), float(p.x)
            else:
                lat, lon = head.point()
            geom_m = to_metres(geom_ll, projection)
            x, y = projection.to_xy(lat, lon)
            tags: dict[str, str] = {}
            for f in cl:
                for k, v in f.tags.items():
                    tags.setdefault(k, v)
            names: list[str] = []
            for f in cl:
                names += _usable_names(f)
            # The same names in other words: without a city / country qualifier, and in English and Chinese when
            # made entirely of common place-name words (tools/place_words.py; "Lasipalatsi" -> "glass palace").
            if kind == "landmark" and is_notable(tags):
                names += [d for n in names if not has_cjk(n) for d in (*short_forms(n), *renderings(n))
                          if normalize(d) not in _generic_keys()]
            names = list(dict.fromkeys(names))
            display = head.name
            entry = Entry(None, display, kind, lat, lon, category=category or ("street" if kind == "street" else head.category),
                           tags=tags, geometry=geom_m, radius_m=_radius(geom_m, float(x), float(y)), ref=head.ref, features=cl)
            entry.former = set.intersection(*(_former_names(f) for f in cl))
            entry.nicknames = set.intersection(*(_nicknames(f) for f in cl))
            out.append((entry, [n for n in names if n != display]))
    # Areas (a square, a building) before points with the same name (its taxi rank, bus stop);
    # streets before landmarks so a street keeps its name against a shop called after it.
    rank = {"Polygon": 0, "MultiPolygon": 0, "LineString": 1, "MultiLineString": 1}
    # Streets known only from addresses (the way itself is outside the road data): placed by their numbers.
    from shapely.geometry import MultiPoint

    street_keys = {normalize(e.name) for e, _ in out if e.kind == "street"}
    for e, aliases in list(out):
        if e.kind == "street":
            street_keys.update(normalize(a) for a in aliases)
    by_addr: dict[str, list[OsmFeature]] = {}
    for f in features:
        if f.street and f.housenumber:
            street = f.street.split(",")[-1].strip()
            if normalize(street) not in street_keys:
                by_addr.setdefault(street, []).append(f)
    for street, members in by_addr.items():
        pts = MultiPoint([(f.point()[1], f.point()[0]) for f in members])
        p = nearest_points(pts, pts.centroid)[0]
        geom_m = to_metres(pts, projection)
        x, y = projection.to_xy(float(p.y), float(p.x))
        out.append((Entry(None, street, "street", float(p.y), float(p.x), category="street", tags={"addresses_only": "yes"},
                           geometry=geom_m, radius_m=_radius(geom_m, float(x), float(y)) + 20.0, ref=members[0].ref), []))
    # Stops last: a stop is named after the place it serves, so its name is a fallback for that place.
    for entry, _ in out:
        if is_stop(entry.tags):
            entry.radius_m = max(entry.radius_m, STOP_RADIUS_M)
    out.sort(key=lambda t: (t[0].kind != "street", is_stop(t[0].tags), rank.get(t[0].geometry.geom_type, 2), t[0].name))
    return out


def is_stop(tags: dict[str, str]) -> bool:
    """A bus or tram stop or a platform: named after the place it serves, so only a pointer to it."""
    return tags.get("highway") in ("bus_stop", "platform") or tags.get("railway") in ("tram_stop", "halt") or tags.get("public_transport") == "platform"
