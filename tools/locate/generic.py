"""Generic descriptions of a kind of place ("the railway station", "火车站"; see tools.place_aliases): the features of
that kind, and which one the report means (by a word of its name, by a place named nearby)."""

from __future__ import annotations

from dataclasses import dataclass
import dataclasses
import math
import re

from tools.gazetteer import Entry, Mention, SAME_PLACE_M, adjective_of_next, has_cjk, normalize, word_pattern
from tools.locate.inflection import _spelling_variants
from tools.locate.model import Resolution
from tools.locate.patterns import (
    _COMMON_WORDS,
    CONTEXT_GAP_M,
    _DESCRIPTIVE_TAGS,
    _FUNCTION_WORDS,
    KIND_SPELLING_MIN,
    _NOT_QUALIFIERS,
    _PASSAGE_WORDS,
)
from tools.place_aliases import GenericPlace, tags_match


def _tag_words(tags: dict[str, str]) -> set[str]:
    return {w for k in _DESCRIPTIVE_TAGS for v in tags.get(k, "").split(";") for w in re.split(r"[_\s]+", v.strip().lower()) if len(w) >= 4}


def _plain_spans(norm: str, mentions: list[Mention]) -> set[tuple[int, int]]:
    """Spans of the streets and districts a report writes exactly as the map names them."""
    return {(m.start, m.end) for m in mentions if m.entry.kind in ("street", "zone") and norm[m.start:m.end] == m.key}


@dataclass
class _Generic:
    start: int
    end: int
    kind: GenericPlace
    phrase: str


class GenericMixin:
    """Locator methods for generic descriptions of a kind of place."""

    def generic_candidates(self, gp: GenericPlace) -> list[Entry]:
        """Features of that kind: named with one of its phrases ("Kauppatori" is "market square"), then tagged as it."""
        if gp.kind not in self._generic_cache:
            named: list[Entry] = []
            for phrase in (gp.phrases if gp.by_name else ()):
                for e in self.gaz.named(normalize(phrase)):
                    # Named so, and not tagged as something else (the metro station "Järnvägsstationen").
                    if e.tags and e.kind == "landmark" and not any(tags_match(rule, e.tags) for rule in gp.tags) \
                            and any(k in e.tags for rule in gp.tags for k in rule):
                        continue
                    if e not in named:
                        named.append(e)
            tagged = [e for e in self.gaz.entries if e.tags and e not in named and any(tags_match(rule, e.tags) for rule in gp.tags)]
            if gp.ranked and tagged:
                def fit(e: Entry) -> int:
                    return next(i for i, rule in enumerate(gp.tags) if tags_match(rule, e.tags))
                best_fit = min(fit(e) for e in tagged)
                tagged = [e for e in tagged if fit(e) == best_fit]
            # A facility and its OSM twin are one place: keep the facility.
            twins = {e.ref for e in tagged + named if e.kind != "landmark" and e.ref}
            self._generic_cache[gp.kind] = [e for e in named + tagged if not (e.kind == "landmark" and e.ref in twins)]
        return self._generic_cache[gp.kind]

    def _renamed(self, m: Mention) -> Mention:
        """The mention on the entry of its name that is of the kind the name describes, when another one comes first."""
        if not self._misnamed(m):
            return m
        kinds = self._generic_by_key.get(m.key, [])
        fit = next((e for e in self.gaz.named(m.key) if any(e in self.generic_candidates(gp) for gp in kinds)), None)
        return dataclasses.replace(m, entry=fit) if fit is not None else m

    def _named_of_kind(self, text: str, norm: str, g: "_Generic", cands: list[Entry]) -> Resolution | None:
        """"the Mannerheim statue", "the Hilton hotel": a word of one feature's name right before a description of its kind."""
        from rapidfuzz import fuzz

        words = [(m.start(), m.end(), m.group(0)) for m in re.finditer(r"[a-z][a-z0-9]+", norm[max(0, g.start - 30): g.start])]
        words = [(a + max(0, g.start - 30), b + max(0, g.start - 30), w) for a, b, w in words][-2:]
        words = [(a, b, w) for a, b, w in words if len(w) >= 4 and w not in _NOT_QUALIFIERS and w not in _COMMON_WORDS
                 and w not in self.gaz.context_keys]
        if not words or has_cjk(norm[max(0, g.start - 2): g.start]):
            return None
        for a, _, word in reversed(words):  # the word right before first ("the Runeberg statue", "Mannerheim statue")
            stem = word[: max(4, len(word) - 2)]
            fits = [e for e in cands if any(w.startswith(stem) or (len(w) >= 5 and fuzz.ratio(w, word) >= 85.0)
                                            for k in e.keys if not has_cjk(k) for w in k.split())]
            if fits:
                break
        if not fits or not all(self._dist(e, fits[0]) <= SAME_PLACE_M for e in fits):
            return None
        pick = max(fits, key=lambda e: (e.geometry.area if e.geometry is not None else 0.0))
        res = self._feature(text, norm, pick, a, g.end, 0.95, "feature")
        res.add_note(f"\"{word}\" read as part of the name {pick.name}.")
        return res

    def _misspelt_of_kind(self, text: str, norm: str, word: str, g: "_Generic", cands: list[Entry]) -> Resolution | None:
        """"Kiazma museum": an unknown word right before a description, read as a misspelling of a name of one place of
        that kind (a looser cutoff than against every name of the map: the kind narrows it); always unconfirmed."""
        from rapidfuzz import fuzz

        key = normalize(word)
        if len(key) < 5 or not cands:
            return None
        variants = [v for v, _ in _spelling_variants(key)]
        scored: list[tuple[float, Entry]] = []
        for e in cands:
            names = {w for k in e.keys if not has_cjk(k) for w in [k, *k.split()] if len(w) >= 4}
            best = max((fuzz.ratio(v, n) for v in variants for n in names), default=0.0)
            if best >= KIND_SPELLING_MIN:
                scored.append((best, e))
        if not scored:
            return None
        top = max(sc for sc, _ in scored)
        tops = [e for sc, e in scored if sc >= top - 3.0]
        if not all(self._dist(e, tops[0]) <= SAME_PLACE_M for e in tops):
            return None
        pick = tops[0]
        a = max(0, g.start - len(key) - 1)
        res = self._feature(text, norm, pick, a, g.end, 0.8, "feature")
        res.confident = False
        res.add_note(f"Read \"{word}\" as {pick.name}, the {g.kind.kind.replace('_', ' ')} of a name like it (spelling); confirm.")
        return res

    def _named_in_report(self, text: str, norm: str, g: "_Generic", cands: list[Entry], mentions: list[Mention],
                         generics: list["_Generic"]) -> Resolution | None:
        """"the tall hotel, the brick tower one" (Hotelli Torni: building=tower, "hotel tower"), "hotel by the water, the
        Hilton", "the statue of the three naked blacksmiths" (Kolme seppää, "three smiths"): a word elsewhere in the
        report that is a word of the name or a tag value of exactly one place of the kind described says which one."""
        if len(cands) < 2 or has_cjk(norm):
            return None
        own = {w for x in generics for w in x.phrase.split()} | {w for m in mentions for w in norm[m.start:m.end].split()}
        words = {w for w in norm.split() if len(w) >= 4 and w.isalpha() and w not in own and w not in _FUNCTION_WORDS
                 and w not in self.gaz.context_keys and w not in _NOT_QUALIFIERS and w not in self._generic_word_set}
        if not words:
            return None
        fits: dict[int, tuple[Entry, set[str]]] = {}
        for e in cands:
            name_words = {w for k in e.keys if not has_cjk(k) for w in k.split() if len(w) >= 4} | _tag_words(e.tags)
            hit = {w for w in words if w in name_words or any(len(n) >= 5 and w.endswith(n) for n in name_words)}
            if hit:
                fits[id(e)] = (e, hit)
        if not fits:
            return None
        best = max(len(h) for _, h in fits.values())
        top = [e for e, h in fits.values() if len(h) == best]
        if not all(self._dist(e, top[0]) <= SAME_PLACE_M for e in top):
            return None  # the words fit several places of the kind far apart
        pick = max(top, key=lambda e: (e.geometry.area if e.geometry is not None else 0.0))
        said = sorted(next(h for e, h in fits.values() if e is pick))
        res = self._feature(text, norm, pick, g.start, g.end, 0.95, "feature")
        res.confident = False
        res.add_note(f"the {g.kind.kind.replace('_', ' ')} called or described by \"{' '.join(said)}\": {pick.name}; confirm.")
        return res

    def _named_as_kind(self, gp: GenericPlace) -> list[Entry]:
        """Untagged places whose name ends in the word for the kind (Vanha kirkkopuisto, Gamla kyrkoparken: a park),
        where OSM has only the name: not a stop or a shop named after one."""
        cache = self._named_kind_cache
        if gp.kind not in cache:
            words = tuple(normalize(p) for p in gp.phrases if not has_cjk(p) and len(p) >= 4 and " " not in p)
            cache[gp.kind] = [e for e in self.gaz.entries if e.kind == "landmark" and not e.tags
                              and any(k.split()[-1].endswith(words) for k in e.keys if not has_cjk(k))] if words else []
        return cache[gp.kind]

    def _ordinary_alias(self, m: Mention) -> bool:
        """A feature found by its local or short name that is one ordinary word ("Vanha", old: the Old Student
        House; "Torni", tower: Hotelli Torni): the word may just be the word."""
        return m.key in self.gaz.ordinary_keys

    def _adjectives(self, norm: str) -> list[tuple[int, int]]:
        """Spans of ordinary-word aliases used as adjectives ("Vanhassa kaupungissa"), which the gazetteer does not
        read as names: no misspelling of a name either."""
        out = []
        for key in self.gaz.ordinary_keys:
            if key[:3] in norm:
                out += [m.span() for m in re.finditer(r"(?<!\w)" + word_pattern(key) + r"(?!\w)", norm)
                        if adjective_of_next(norm, *m.span(), key)]
        return out

    def _misnamed(self, m: Mention) -> bool:
        """A description of a kind of place ("central railway station") read as the name of a feature not of that kind."""
        kinds = self._generic_by_key.get(m.key)
        return bool(kinds) and all(m.entry not in self.generic_candidates(gp) for gp in kinds)

    def _generics(self, norm: str, taken: list[tuple[int, int]]) -> list[_Generic]:
        out: list[_Generic] = []
        pieces = {norm[i:i + 3] for i in range(len(norm) - 2)} | {norm[i:i + n] for n in (1, 2) for i in range(len(norm) - n + 1)}
        for i in sorted(i for p in pieces for i in self._generic_by_piece.get(p, ())):
            gp, key, pat = self._generic_patterns[i]
            if self._generic_literals[key] not in norm:
                continue  # a piece every form of the description has is missing: no need for the regex
            for m in pat.finditer(norm):
                a, b = m.span()
                if any(a < y and x < b for x, y in taken):
                    continue
                taken.append((a, b))
                out.append(_Generic(a, b, gp, m.group(0)))
        out.sort(key=lambda g: g.start)
        return out

    @staticmethod
    def _above_ground(cands: list[Entry], norm: str) -> list[Entry]:
        """An underground square or hall is meant only when the report says it is below ground."""
        if _PASSAGE_WORDS.search(norm) or re.search(r"\b(underground|lower level|downstairs|maan alla|under jord)\b|地 下", norm):
            return cands
        above = [e for e in cands if not (e.tags.get("tunnel") == "yes" or e.tags.get("layer", "0").startswith("-")
                                          or e.tags.get("level", "0").startswith("-"))]
        return above or cands

    def _gap(self, e: Entry, places: list[Entry]) -> float:
        """Metres from ``e`` to the nearest of the places the report names (a district by its extent)."""
        return min(max(0.0, self._dist(e, c) - (c.radius_m if c.kind == "zone" else 0.0)) for c in places)

    def _generic(self, text: str, norm: str, g: "_Generic", cands: list[Entry], context: list[Entry]) -> Resolution | None:
        cands = self._above_ground(cands, norm)
        named = [e for e in cands if any(normalize(ph) in e.keys for ph in g.kind.phrases)] if g.kind.by_name else []
        places = [c for c in context if c.kind in ("street", "zone")]
        if places:
            if all(self._gap(e, places) > CONTEXT_GAP_M for e in cands):
                # "Hakaniemen kauppahallissa": no such place where the report says; the district or street it names
                # is the answer (the one on the map is elsewhere).
                return None
        if named and all(self._dist(e, named[0]) <= SAME_PLACE_M for e in named):
            # A feature literally named with the description in another language (Kauppatori = market square).
            others = [e for e in cands if e not in named and self._dist(e, named[0]) > SAME_PLACE_M]
            return self._feature(text, norm, named[0], g.start, g.end, 1.0, "generic", others)
        if len(cands) > 1 and context:
            def gap(e: Entry) -> float:
                return self._gap(e, context)

            # Equally close (to 25 m): inside a district, the one nearer its centre ("Kamppi square"); else the bigger
            # one ("the square by the station" is the station square).
            zones_c = [c for c in context if c.kind == "zone"]

            def second(e: Entry) -> float:
                if zones_c:
                    return min(math.hypot(*(a - b for a, b in zip(self._xy(e.lat, e.lon), self._xy(z.lat, z.lon)))) for z in zones_c)
                return -(e.geometry.area if e.geometry is not None else 0.0)

            ranked = sorted(cands, key=lambda e: (round(gap(e) / 25.0), second(e)))
            best = ranked[0]
            if gap(best) > CONTEXT_GAP_M and any(c.kind in ("street", "zone") for c in context):
                return None  # no such feature where the report says: the street or district it names is the answer
            others = [e for e in ranked[1:] if self._dist(e, best) > SAME_PLACE_M and min(self._dist(e, c) for c in context) <= 100.0]
            return self._feature(text, norm, best, g.start, g.end, 1.0, "generic", others)
        if len(cands) > 10 and g.kind.confirm:
            return None  # "the statue": one of dozens, with nothing in the report to say which
        if len(cands) > 1:
            biggest = max(cands, key=lambda e: (e.geometry.area if e.geometry is not None else 0.0))
            others = [e for e in cands if e is not biggest and self._dist(e, biggest) > SAME_PLACE_M]
            return self._feature(text, norm, biggest, g.start, g.end, 1.0, "generic", others)
        return self._feature(text, norm, cands[0], g.start, g.end, 1.0, "generic")
