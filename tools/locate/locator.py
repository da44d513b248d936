"""Where is it? Free-text location of an incident on the scenario map, with its uncertainty.

A report may give an address ("Kaisaniemenkatu 10", "Mannerheimintiellä 5"), a junction
("corner of Fabianinkatu and Eteläesplanadi", "X/Y", "X和Y路口"), a named feature in any
language OSM knows ("Helsinki Cathedral", "Domkyrkan"), a generic description ("the
railway station", "火车站"; see tools.place_aliases), and a relation to it ("opposite",
"behind", "under", "at the north end of", 对面, 后面, 旁边, 门口, 地下).

Every answer is a :class:`Resolution`: a point, an uncertainty radius, the feature it rests
on, the words of the report it rests on, alternatives when the text fits several places,
and ``confident`` (false when the radius is wide or the words are ambiguous). A place the
map does not have is said to be not on the map (possibly outside the scenario area): it
is never snapped to the nearest thing inside. Method order: address > junction > named
feature (with a relation) > generic description > street > zone.
"""

from __future__ import annotations

import dataclasses
import math
import re
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from tools.addresses import AddressIndex
from tools.gazetteer import (
    Entry,
    Mention,
    SAME_PLACE_M,
    has_cjk,
    is_notable,
    is_stop,
    name_stem,
    normalize,
    word_pattern,
)
from tools.locate.chinese import ChineseMixin, _CjkIndex
from tools.locate.generic import GenericMixin, _plain_spans
from tools.locate.model import Alternative, Resolution
from tools.locate.names import NamesMixin
from tools.locate.patterns import (
    ALIAS_CORROBORATION_M,
    _CLOCK_TIME,
    _COMMON_WORDS,
    _COMPOUND_LINK,
    CONFIDENT_RADIUS_M,
    _CONNECTOR,
    _CONTEXT_BEFORE,
    _CORRECTION,
    without_negated_places,
    ENTRANCE_OF_STATION_M,
    _ENTRANCE_WORD,
    NAMED_AFTER_DISTRICT,
    _STATION,
    FUZZY_CONFIDENT,
    _JUNCTION_WORD,
    _MARKED,
    _NOT_QUALIFIERS,
    _ONE,
    _PLACE_LIKE,
    _PREP_UNKNOWN,
    REPORT_CACHE_SIZE,
    SHORT_STREET_M,
    _STREET_WORD_AFTER,
    _TOKEN,
    _ZH_STREET_WORD,
)
from tools.locate.relative import RelativeMixin
from tools.locate.streets import StreetsMixin
from tools.place_aliases import GENERIC_PLACES, GenericPlace
from tools.place_words import concepts



def _written_as_name(text: str, name: str) -> bool:
    """Is ``name`` written in ``text`` as the map writes it, capitalised and not at a sentence's start? Then it is the
    place of that name, not a description of a kind of place (trial s19: "outside Kappeli", the restaurant on the
    Esplanadi, was read as "kappeli", a chapel, and placed at the cathedral)."""
    if not name[:1].isupper() or has_cjk(name):
        return False
    for hit in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text):
        if not re.search(r"(^|[.!?:]\s*)$", text[: hit.start()]):
            return True
    return False

class Locator(GenericMixin, NamesMixin, ChineseMixin, RelativeMixin, StreetsMixin):
    """Resolves report text to a Resolution on one city model."""

    def __init__(self, city: Any):
        """``city``: a tools.city.CityModel (gazetteer, features, graphs, projection, bbox, scenario)."""
        self.city = city
        self.gaz = city.gazetteer
        self.proj = city.projection
        self.addresses = AddressIndex(city.features, self.proj)
        self._street_nodes: dict[str, set[int]] = {}
        self._node_xy: dict[int, tuple[float, float]] = {}
        for g in (city.drive, city.walk):
            for u, v, data in g.edges(data=True):
                name = data.get("name") or ""
                if not name:
                    continue
                key = normalize(name)
                for n in (u, v):
                    self._street_nodes.setdefault(key, set()).add(n)
                    if n not in self._node_xy:
                        x, y = self.proj.to_xy(g.nodes[n]["lat"], g.nodes[n]["lon"])
                        self._node_xy[n] = (float(x), float(y))
        self._landmarks = [e for e in self.gaz.entries if e.kind == "landmark" and e.geometry is not None]
        self._generic_patterns = []
        for gp in GENERIC_PLACES:
            for phrase in gp.phrases:
                key = normalize(phrase)
                body = " ".join(word_pattern(w) for w in key.split())
                self._generic_patterns.append((gp, key, re.compile(r"(?<!\w)" + body + r"(?!\w)")))
        # Longest description first: "集市大厅" (market hall) is not "集市" (market square) + a word.
        self._generic_patterns.sort(key=lambda t: -len(t[1]))
        self._generic_regex = {key: pat for _, key, pat in self._generic_patterns}
        # Inflection changes the end of a word (and gradation its last consonants), never its first letters.
        self._generic_literals = {key: (key if has_cjk(key) else key.split()[0][:3]) for _, key, _ in self._generic_patterns}
        # The descriptions by the first three letters of that piece: a report is compared only with those whose
        # piece starts at one of its own letter runs.
        self._generic_by_piece: dict[str, list[int]] = {}
        for i, (_, key, _) in enumerate(self._generic_patterns):
            self._generic_by_piece.setdefault(self._generic_literals[key][:3], []).append(i)
        self._generic_cache: dict[str, list[Entry]] = {}
        self._named_kind_cache: dict[str, list[Entry]] = {}
        self._generic_by_key: dict[str, list[GenericPlace]] = {}
        for gp in GENERIC_PLACES:
            for ph in gp.phrases:
                self._generic_by_key.setdefault(normalize(ph), []).append(gp)
        self._generic_keys = set(self._generic_by_key)
        self._generic_word_set = {w for k in self._generic_keys for w in k.split()}
        # Every word of every known name ("helsingin", "kaisaniemen"): a word in front of a description that is one
        # of these belongs to a name on the map.
        self._name_words = {w for k in list(self.gaz.name_keys()) + list(self.gaz.context_keys) for w in k.split()}
        # A word of one notable feature's name that no other place shares ("Hilton", "Marski"): the report may give
        # only that word. Common place-name words (glossary concepts), city names and short words are left out.
        word_places: dict[str, list[Entry]] = {}
        for e in self.gaz.entries:
            if e.kind != "landmark" or is_stop(e.tags) or "entrance" in e.tags or not is_notable(e.tags):
                continue
            for k in e.keys:
                if has_cjk(k):
                    continue
                for w in k.split():
                    if len(w) >= 5 and w.isalpha() and concepts(w) is None and w not in self.gaz.context_keys and w not in _COMMON_WORDS:
                        if e not in word_places.setdefault(w, []):
                            word_places[w].append(e)
        self._unique_words = {w: es[0] for w, es in word_places.items()
                              if all(self._dist(x, es[0]) <= SAME_PLACE_M for x in es) and w not in self.gaz.name_keys()}
        # One scan of a report's text (the names in it, its house numbers), shared by locate() and house_number(): the
        # protective planner asks for the number of each street a report names, after the plan has located it.
        self._scan = lru_cache(maxsize=REPORT_CACHE_SIZE)(self._read)
        self._house_numbers = lru_cache(maxsize=REPORT_CACHE_SIZE)(self._read_house_numbers)
        # Indexes only a Chinese report needs (names by sound, the map's Chinese names): built on the first one.
        self._cjk: _CjkIndex | None = None
        self._exact_words: dict[str, list[Entry]] | None = None
        # Names and descriptions a misspelling may stand for (Latin script; long enough to tell apart).
        self._fuzzy_keys = sorted({k for k in self.gaz.name_keys() if len(k) >= 5 and not has_cjk(k)}
                                  | {normalize(ph) for gp in GENERIC_PLACES for ph in gp.phrases if len(ph) >= 6 and not has_cjk(ph)})
        # By first letter, and by first three: a misspelling seldom gets the first letter wrong, and a reading over a
        # name already found keeps its start -- a fraction of the names to compare.
        self._fuzzy_by_prefix: dict[str, list[str]] = {}
        for k in self._fuzzy_keys:
            self._fuzzy_by_prefix.setdefault(k[:1], []).append(k)
            self._fuzzy_by_prefix.setdefault(k[:3], []).append(k)

    # --- helpers -------------------------------------------------------------
    def _xy(self, lat: float, lon: float) -> tuple[float, float]:
        x, y = self.proj.to_xy(lat, lon)
        return float(x), float(y)

    def _latlon(self, x: float, y: float) -> tuple[float, float]:
        lat, lon = self.proj.to_latlon(x, y)
        return float(lat), float(lon)

    def _dist(self, a: Entry, b: Entry) -> float:
        """Metres between two entries' geometries (0 when they touch)."""
        from shapely.geometry import Point

        ga = a.geometry if a.geometry is not None else Point(*self._xy(a.lat, a.lon))
        gb = b.geometry if b.geometry is not None else Point(*self._xy(b.lat, b.lon))
        return float(ga.distance(gb))

    def _evidence(self, text: str, norm: str, a: int, b: int) -> str:
        """The report's own words for a normalized span (best effort: the same words, original spelling)."""
        words = norm[a:b].split()
        if not words:
            return ""
        ntext = normalize(text)
        if ntext == norm:
            # map normalized word positions back onto the original text's words
            orig_words = _TOKEN.findall(text)
            nwords = [normalize(w) for w in orig_words]
            start_word = len(norm[:a].split())
            flat: list[str] = []
            owner: list[int] = []
            for i, nw in enumerate(nwords):
                for part in nw.split():
                    flat.append(part)
                    owner.append(i)
            if start_word < len(owner):
                end = min(len(owner) - 1, start_word + len(words) - 1)
                pieces = orig_words[owner[start_word]: owner[end] + 1]
                joiner = "" if all(has_cjk(p) for p in pieces) else " "
                return joiner.join(pieces)
        return norm[a:b]

    def _read(self, text: str) -> tuple[str, str, tuple[Mention, ...]]:
        """(the report with clock times blanked, its normalized form, the places it names): one scan of a text."""
        # A clock time right after a street ("Rauhankatu, 23:50") is not a house number: blank it out, same length,
        # before normalising turns its colon into a space.
        text = _CLOCK_TIME.sub(lambda m: " " * len(m.group()), text)
        norm, mentions = self.gaz.mentions(text)
        return text, norm, tuple(mentions)

    def _not_on_map(self, text: str, evidence: str, what: str = "") -> Resolution:
        name = evidence or what
        return Resolution(method="outside_map", outside_map=True, confident=False, evidence=name,
                          note=f"\"{name}\" is not on the map of {self.city.scenario.name}: outside the scenario area, or misspelt. Ask the caller for a street, an address or a landmark on the map.")

    # --- the answer --------------------------------------------------------------
    def locate(self, text: str, _depth: int = 0) -> Resolution:
        """The best-supported location of the incident in ``text`` (method 'not_found' or 'outside_map' when none)."""
        if _depth == 0:
            text = without_negated_places(text or "")  # "不是国家剧院，是…": never placed where the report says it is not
        res = self._corrected(text or "") if _depth == 0 else None
        if res is None:
            res = self._locate(text, _depth)
        if _depth == 0 and res.found and _ENTRANCE_WORD.search(normalize(text or "")):
            res = self._at_entrance(text, res)
        if _depth == 0 and res.confident and _MARKED.search(text or ""):
            _, norm, mentions = self._scan(text or "")
            for m, written, exact in self._diacritic_clashes(text, norm, mentions):
                if m.start < len(norm) and normalize(written) in normalize(res.evidence or "") or exact is not None:
                    res.confident = False
                    res.add_note(
                        f"\"{written}\" is written as in {exact.name}, not {m.entry.name}; confirm which." if exact is not None
                        else f"\"{written}\" is not spelt as {m.entry.name}; confirm.")
                    break
        return res

    def _corrected(self, text: str) -> Resolution | None:
        """A report that corrects itself ("the Esplanade? no, the Kaisaniemi one", "Kampissa, ei kun Kaisaniemessä"):
        the place after the last correction, when one is named there; "the X one" takes the earlier place's kind."""
        marks = list(_CORRECTION.finditer(text))
        if not marks or not text[marks[-1].end():].strip():
            return None
        head, tail = text[: marks[-1].start()], text[marks[-1].end():]
        one = _ONE.search(tail)
        plain = self._locate(tail)
        if one is not None and head.strip() and not (plain.found and plain.method not in ("zone", "street")):
            # "the Kaisaniemi one": the kind described before the correction, else the earlier place's.
            described = self._generics(normalize(head), [])
            earlier = self._locate(head)
            # The earlier place's kind: its own, or that of the place a stop of its name serves (Esplanadi:
            # the Esplanadinpuisto park).
            stem = name_stem(normalize(earlier.feature or ""))

            def same_place(e: Entry) -> bool:
                return e.name == earlier.feature or (len(stem) >= 4 and normalize(e.name).startswith(stem)
                                                     and math.dist(self._xy(e.lat, e.lon), self._xy(earlier.lat, earlier.lon)) <= SAME_PLACE_M)
            kind = described[0].kind.phrases[0] if described else next(
                (gp.phrases[0] for gp in GENERIC_PLACES if any(same_place(e) for e in self.generic_candidates(gp))),
                None) if earlier.found and earlier.lat is not None else None
            if kind is not None:
                tail = tail[: one.start(2)] + kind + tail[one.end(2):]
        res = self._locate(tail) if tail != text[marks[-1].end():] else plain
        if not (res.found or res.outside_map):
            return None
        said = text[marks[-1].start(): marks[-1].end()].strip(" ,.;:!?")
        res.add_note(f"The report corrects itself (\"{said}\"): the place named after it.")
        return res

    def _locate(self, text: str, _depth: int = 0) -> Resolution:
        text, norm, scanned = self._scan(text or "")
        mentions = list(scanned)
        if _depth == 0 and _MARKED.search(text):
            # "Kämp" is folded to the letters of "Kamppi": the place whose name has the word as written is meant.
            for m, _, exact in self._diacritic_clashes(text, norm, mentions):
                if exact is not None:
                    key = next((k for k in exact.keys if not has_cjk(k)), normalize(exact.name))
                    mentions = [dataclasses.replace(x, entry=exact, key=key, score=0.9) if x is m else x for x in mentions]
        if not norm:
            return Resolution(note="empty report")
        streets = [m for m in mentions if m.entry.kind == "street"]
        if not streets and _depth == 0 and has_cjk(norm) and _ZH_STREET_WORD.search(text):
            # "曼纳海姆大街10号", "曼纳海姆大街和南艾斯普拉纳迪大街的路口": street names written by sound; read again with the
            # map's names (an address or a junction), never confident.
            heard = self._streets_by_sound(text)
            if heard is not None:
                res = self.locate(heard[0], _depth=1)
                if res.found and res.method in ("address", "address_interpolated", "intersection", "street"):
                    res.confident = False
                    res.add_note(f"Read {heard[1]} by sound; confirm.")
                    return res
        # "central railway station" as the alias of a metro stop: a description of a kind of place names the place
        # of that kind, not whatever else OSM calls so.
        mentions = [self._renamed(m) for m in mentions]
        mentions = [m for m in mentions if not self._misnamed(m) or _written_as_name(text, m.entry.name)]
        features = [m for m in mentions if m.entry.kind not in ("street", "zone")]
        zones = [m for m in mentions if m.entry.kind == "zone"]

        # 1. an address: street + house number
        for mn in streets:
            res = self._address(text, norm, mn)
            if res is not None and res.method != "street":
                return res

        # 2. a junction: two streets with "and", "/", "corner of", 路口... between or around them
        for a, b in zip(streets, streets[1:]):
            if normalize(a.entry.name) == normalize(b.entry.name):
                continue
            between = norm[a.end:b.start]
            # "X and Y", "X/Y", "where X meets Y", "X at the Y end", "X和Y路口": two streets a few words apart.
            if not (_CONNECTOR.match(between) or (len(between) <= 25 and len(between.split()) <= 3)
                    or (len(between) <= 40 and _JUNCTION_WORD.search(norm[max(0, a.start - 30): b.end + 12]))):
                continue
            j = self._junction(a.entry, b.entry)
            if j is None:
                continue
            lat, lon, radius, note = j
            ev_a, ev_b = (a.start, b.end)
            jw = _JUNCTION_WORD.search(norm[max(0, a.start - 30): a.start])
            if jw:
                ev_a = max(0, a.start - 30) + jw.start()
            return Resolution(lat=lat, lon=lon, radius_m=round(radius, 1), confident=not note and radius <= CONFIDENT_RADIUS_M,
                              method="intersection", place=f"{a.entry.name} / {b.entry.name}", feature=f"{a.entry.name} / {b.entry.name}",
                              feature_kind="junction", category="junction", evidence=self._evidence(text, norm, ev_a, ev_b), note=note)

        # 3. a named feature (landmark or facility), with any relation
        taken = [(m.start, m.end) for m in mentions]
        generics = self._generics(norm, taken)
        between = self._between(text, norm, features, generics, streets + zones)
        if between is not None:
            return between
        # A stop or an entrance named after a place ("Kajsaniemi" metro entrance) only says where, when the report
        # also describes the kind of place it means ("botaniska trädgården i Kajsaniemi").
        pointers: list[Entry] = []
        pointer_spans: list[tuple[int, int]] = []
        # A district OSM maps as a place ("i Kajsaniemi": place=suburb) says where in the same way.
        if generics and features and all(is_stop(m.entry.tags) or "entrance" in m.entry.tags
                                         or m.entry.tags.get("place") in ("suburb", "neighbourhood", "quarter") for m in features) \
                and any(min(abs(g.start - m.end), abs(m.start - g.end)) <= 12 for g in generics for m in features):
            pointer_spans = [(m.start, m.end) for m in features]
            pointers, features = [m.entry for m in features], []
        if features:
            head = self._head_before_context(text, norm, features, streets, generics)
            if head is not None:
                return head
        if features:
            # Prefer a feature with a relation word at it, then the first named.
            def has_rel(m: Mention) -> bool:
                return self._relation(norm, m.start, m.end) is not None or self._end_of(norm, m.start, m.end, m.entry) is not None
            pick = next((m for m in features if has_rel(m)), None)
            if pick is None:
                pick = features[0]
                # "University of Helsinki main building": a named part inside another named place is the more precise one.
                inner = [m for m in features[1:] if m.entry.radius_m < pick.entry.radius_m and self._dist(m.entry, pick.entry) <= 10.0]
                if inner:
                    pick = min(inner, key=lambda m: m.entry.radius_m)
            longer_name, several = self._longer_name_said(norm, pick, text)
            if longer_name is not None:
                # "Sokos hotel Vaakuna": the hotel Original Sokos Hotel Vaakuna, not the department store Sokos.
                pick = longer_name
            elif several:
                # "the Sokos hotel": one of the Sokos hotels, not the department store Sokos; which one is not said
                e = several[0]
                res = self._feature(text, norm, e, pick.start, pick.end, pick.score, "feature", several[1:])
                res.confident = False
                res.add_note(f"\"{self._evidence(text, norm, pick.start, pick.end)}\" and the words after it fit {len(several)} places: "
                             f"{', '.join(x.name for x in several[:4])}; confirm which.")
                return res
            if _depth == 0:
                # "Vanha kirrkko", "Esplanadin puisto": a name inside a longer misspelt, split or reordered one.
                longer = self._respelt(text, norm, mentions, _depth, cover=pick)
                if longer is not None:
                    return longer
            same = [e for e in self.gaz.named(pick.key) if e is not pick.entry and e.kind == pick.entry.kind]
            far = [e for e in same if self._dist(pick.entry, e) > SAME_PLACE_M]
            res = self._feature(text, norm, pick.entry, pick.start, pick.end, pick.score, "feature", far)
            # A name in front of the map's name for a kind of place ("Tampereen rautatieasema") may be another city's.
            described = pick.entry.kind == "landmark" or pick.key in self._generic_keys
            qualifier = self._unknown_qualifier(text, norm, pick.start, norm[pick.start:pick.end] != pick.key, [pick.entry]) if described else None
            # Only a word that follows the name in the same phrase: "by Stockmann, street flooded" names no
            # "Stockmann Street" (normalizing drops the comma).
            trailing = _STREET_WORD_AFTER.match(norm[pick.end:]) \
                if pick.entry.kind == "landmark" and _words_before_break(text, norm, pick.end, 1) else None
            if trailing:
                # "Atlantis Boulevard 12": a street the map does not have, which happens to start like a landmark.
                return self._respelt(text, norm, mentions, _depth) or \
                    self._not_on_map(text, self._evidence(text, norm, pick.start, pick.end + trailing.end()))
            elsewhere = self._unknown_place_after(text, norm, pick.end, whole_names=True) if pick.entry.kind != "street" else None
            if elsewhere and res.confident:
                # "vid Centralstationen i Stockholm", "Stockmann in Tampere": a name the map has, of a place elsewhere.
                res.confident = False
                res.add_note(f"\"{elsewhere}\" after it is not a name on the map; confirm it is this one.")
            if self._ordinary_alias(pick) and res.confident \
                    and not any(m is not pick and self._dist(m.entry, pick.entry) <= ALIAS_CORROBORATION_M for m in mentions):
                # ... unless another place the report names lies by it ("Yrjönkadulla Tornin takapihalla").
                res.confident = False
                res.add_note(f"\"{norm[pick.start:pick.end]}\" is also an ordinary word; confirm it means {pick.entry.name}.")
            if qualifier:
                # "Olympic Stadium": the map's "Stadium" (a shop) is not what an unknown name in front of it means.
                res.confident = False
                res.add_note(f"\"{qualifier} {pick.entry.name}\" may be a place that is not on the map; confirm.")
            return self._street_by(text, norm, streets, pick.start, pick.end, res)

        # 3b. a Chinese transliteration of a name ("斯托克曼百货", "哈维斯·阿曼达喷泉"), matched by sound: never confident
        if has_cjk(norm):
            res = self._by_sound(text, norm)
            if res is not None:
                return res

        # 4. a generic description ("the cathedral"), tied to the one such feature on the map or near other named places.
        # "opposite / behind / under the station": the description the relation points at is the anchor;
        # "by the harbour", "near the park", "港口边的": context that says which one of the head noun is meant.
        for mn in streets[:1]:
            rel = self._relation(norm, mn.start, mn.end)
            if rel is not None and rel[0] != "near" and mn.entry.radius_m <= SHORT_STREET_M and generics \
                    and not any(rel[1] <= g.start and g.end <= mn.start for g in generics) \
                    and all(g.kind.confirm or self._relation(norm, g.start, g.end) is None for g in generics):
                # "under Pitkäsilta, on the Kaisaniemi bank": a bridge with a relation word is the anchor; a description
                # without one ("bank": a river bank, or a bank?) does not move it.
                return self._feature(text, norm, mn.entry, mn.start, mn.end, mn.score, "street")
        rels = {id(g): self._relation(norm, g.start, g.end) for g in generics}
        # A description right before another one modifies it: the head noun is the last ("the university metro
        # station", "yliopiston metroasemalla", "大学地铁站"), the place meant is the one of its kind nearest the other.
        pairs = [(g, h) for g, h in zip(generics, generics[1:]) if h.kind is not g.kind and _COMPOUND_LINK.match(norm[g.end:h.start])]
        modifiers = [g for g, _ in pairs]
        modified = [h for _, h in pairs]  # a head noun with its modifier ("滨海公园的音乐台附近": the bandstand) is never context
        anchors = [g for g in generics if rels[id(g)] is not None and rels[id(g)][0] != "near" and g not in modifiers]
        context_g = [g for g in generics if g not in anchors and len(generics) > 1 and g not in modified
                     and (g in modifiers or rels[id(g)] is not None or _CONTEXT_BEFORE.search(norm[max(0, g.start - 12): g.start]))]
        heads = [g for g in generics if g not in anchors and g not in context_g]
        if heads and has_cjk(norm):
            heads = heads[::-1]  # Chinese puts the head noun last ("港口边的露天集市")
        ordered = anchors + heads + context_g
        # A description qualified by a name the map does not have ("Tikkurilan asemalla laiturilla": the platform of
        # Tikkurila station) says the report is about a place elsewhere: read it first.
        elsewhere_g = [g for g in ordered if not has_cjk(g.phrase) and not any(a < g.start <= b + 1 for a, b in pointer_spans)
                       and self._unknown_qualifier(text, norm, g.start, g.phrase not in self._generic_by_key,
                                                   self.generic_candidates(g.kind))]
        ordered = elsewhere_g + [g for g in ordered if g not in elsewhere_g]
        placed = self._kind_by_anchor(text, norm, generics, anchors, rels, [c.entry for c in streets + zones])
        if placed is not None:
            return placed
        for g in ordered:
            cands = self.generic_candidates(g.kind)
            by_word = self._named_of_kind(text, norm, g, cands) or self._named_in_report(text, norm, g, cands, mentions, generics)
            if by_word is not None:
                return by_word
            # The word before it is a stop's name already read as a pointer ("Esplanadin puistossa"): no unknown name.
            qualifier = None if any(a < g.start <= b + 1 for a, b in pointer_spans) else self._unknown_qualifier(text, norm, g.start, g.phrase not in self._generic_by_key, cands)
            if qualifier and not has_cjk(qualifier):
                # Only a misspelling of that very word may rescue it ("Natonal Theatre"; not "Itäkeskus shopping centre").
                q_at = (max(0, g.start - len(normalize(qualifier)) - 1), g.start - 1)
                respelt = self._respelt(text, norm, mentions, _depth, touch=q_at)
                if respelt is not None and respelt.method not in ("address", "address_interpolated", "intersection") \
                        and respelt.feature not in {c.name for c in cands}:
                    # "Aleksanterin teatteri" is a theatre: not the statue of Alexander I that "Aleksanterin" spells.
                    respelt = None
                return respelt or \
                    self._misspelt_of_kind(text, norm, qualifier, g, cands) or \
                    self._not_on_map(text, self._evidence(text, norm, max(0, g.start - len(qualifier) - 1), g.end) or f"{qualifier} {g.phrase}")
            owner = self._district_before(norm, g, zones, cands)
            if owner is not None:
                # "Kamppi shopping centre", "Kamppi购物中心", "Kampin kauppakeskus": the district's own one, which the map
                # lacks -- never another place of the kind that merely lies in or near the district (Forum).
                return self._district_only(text, norm, owner, g, cands)
            if not cands:
                continue
            context: list[Entry] = [c.entry for c in streets + zones] + pointers
            for other in generics:
                if other is not g and other.kind is not g.kind:
                    # A modifier of this head: every place of its kind counts ("the metro station nearest a university
                    # building"); another description in the report: its first few.
                    modifies = other in modifiers and other.end <= g.start
                    context += self.generic_candidates(other.kind)[: None if modifies else 3]
            res = self._generic(text, norm, g, cands, context)
            if res is None:
                continue
            if g.kind.confirm:
                # A kind of place every town has several of: the one on this map may not be the one meant.
                res.confident = False
            elsewhere = self._unknown_place_after(text, norm, g.end)
            if elsewhere and not res.confident:
                # A guess of which one of the kind (the bay, the pier) qualified by a name the map lacks is no answer:
                # the place is most likely that name's, off the map; a guessed feature ~1 km away would be taken as
                # where to send units (trial s18 H10: "the bay by Tervasaari" became Töölönlahti).
                return self._not_on_map(text, elsewhere)
            if elsewhere and res.confident:
                res.confident = False
                res.add_note(f"\"{g.phrase} in {elsewhere}\": {elsewhere} is not a name on the map; confirm it is this one, not one outside the scenario area.")
            if not res.confident and not qualifier:
                # "the esplanade park", "the museum of modern art": a misspelt or partial name of one feature of that kind.
                named = self._respelt(text, norm, mentions, _depth)
                if named is not None and (any(named.feature == c.name for c in cands)
                                          or named.method in ("address", "address_interpolated", "intersection")):
                    return named  # ... or a misspelt street with its number ("Manerheimintie 5, the pharmacy")
                # "Kolmen sepän aukiolla": the description is the last word of a name written apart, read closely.
                named = self._respelt(text, norm, mentions, _depth, touch=(g.start, g.end), closely=True)
                if named is not None and named.confident:
                    return named
            if qualifier:
                # Chinese transliterations of names are not in OSM: a name we cannot read in front of the description.
                res.confident = False
                res.add_note(f"\"{qualifier}\" before it is not a name on the map: confirm it is this {g.kind.kind.replace('_', ' ')}, not one outside the scenario area.")
            return self._street_by(text, norm, streets, g.start, g.end, res)

        # 5. a street without a number; 6. a zone -- unless a misspelt name next to it says more ("Hakaniemen toori")
        coarse: Resolution | None = None
        if streets:
            mn = streets[0]
            rel = self._end_of(norm, mn.start, mn.end, mn.entry)
            if rel is not None:
                return self._feature(text, norm, mn.entry, mn.start, mn.end, mn.score, "street")
            near = self._relation(norm, mn.start, mn.end)
            if near is not None and near[0] != "near" and mn.entry.radius_m <= SHORT_STREET_M:
                # "Pitkänsillan alla", "under Långa bron": a bridge or a short street is a place to be under or behind.
                return self._feature(text, norm, mn.entry, mn.start, mn.end, mn.score, "street")
            coarse = self._street(mn, self._evidence(text, norm, mn.start, mn.end))
        elif zones:
            z = zones[0].entry
            coarse = Resolution(lat=z.lat, lon=z.lon, radius_m=round(z.radius_m, 1), confident=False, method="zone", place=z.name,
                                feature=z.name, feature_kind="zone", category="zone", ref=z.id,
                                evidence=self._evidence(text, norm, zones[0].start, zones[0].end), note=f"district only: somewhere in {z.name}")

        # 7. a misspelt name ("Stokmann", "Senatintori", "centrall railway staton"): the closest known name, read again
        if _depth == 0:
            # A district or a street named next to a misspelt name ("Hakaniemen toori") may be part of it.
            fixed = self._fuzzy(norm, [(m.start, m.end) for m in mentions if m.entry.kind not in ("zone", "street")] + self._adjectives(norm), text=text,
                                plain=_plain_spans(norm, mentions))
            if fixed is not None:
                corrected, original, replacement, score = fixed
                res = self.locate(corrected, _depth=1)
                # Over a street or district named plainly, only a close reading ("drivers" is not the shop "Diverse").
                if res.found and (coarse is None or (res.method not in ("street", "zone") and score >= FUZZY_CONFIDENT)):
                    res.confident = res.confident and score >= FUZZY_CONFIDENT
                    res.add_note(f"Read \"{original}\" as \"{replacement}\" (spelling).")
                    res.evidence = original if not res.evidence else res.evidence
                    return res
        if coarse is not None:
            return coarse

        # 7b. one word of a feature's name that no other place has ("behind the Hilton"): read as that name, unconfirmed
        if _depth == 0:
            for m in re.finditer(r"\b[A-ZÄÖÅ][\wäöåÄÖÅ-]{4,}", text):
                if re.search(r"(^|[.!?:]\s*)$", text[: m.start()]):
                    continue  # capitalised because it begins a sentence ("Evacuation complete")
                entry = self._unique_words.get(normalize(m.group(0)))
                if entry is None:
                    continue
                res = self.locate(text[: m.start()] + entry.name + text[m.end():], _depth=1)
                if res.found:
                    res.confident = False
                    res.add_note(f"Read \"{m.group(0)}\" as {entry.name}; confirm.")
                    return res

        # 8. nothing on the map: say which words look like a place the map does not have
        for m in _PLACE_LIKE.finditer(text):
            return self._not_on_map(text, m.group(1))
        for m in _PREP_UNKNOWN.finditer(text):
            word = next(g for g in m.groups() if g)
            if normalize(word) not in _NOT_QUALIFIERS and normalize(word) not in self.gaz.context_keys:
                return self._not_on_map(text, word)
        for g in generics:  # a generic description with no such feature on the map
            return self._not_on_map(text, self._evidence(text, norm, g.start, g.end))
        return Resolution(note="no street, address, junction or named place of the scenario map in the text")

    def _longer_name_said(self, norm: str, pick: Mention, text: str = "") -> tuple[Mention | None, list[Entry]]:
        """A longer name of another place that holds the name read and the words said right after it ("Sokos hotel
        Vaakuna" in "Original Sokos Hotel Vaakuna"): that place, when one place has it (the most words after first);
        else the places far apart that all have it ("Sokos hotel": three hotels), or none."""
        if pick.entry.kind != "landmark":
            return None, []
        # only the words that follow without a break ("Fire at Sokos, hotel guests ..." names the store, not a hotel)
        after = norm[pick.end:].split()[:_words_before_break(text, norm, pick.end, 3)]
        if not after:
            return None, []
        # one pass over the map's names: those holding the name read and the next word said
        first = f" {pick.key} {after[0]} "
        holders = [e for e in self._landmarks if e is not pick.entry and any(first in f" {k} " for k in e.keys) and not is_stop(e.tags)]
        for n in range(len(after), 0, -1):
            said = f" {pick.key} {' '.join(after[:n])} "
            fits = [e for e in holders if any(said in f" {k} " for k in e.keys)]
            if fits and all(self._dist(e, fits[0]) <= SAME_PLACE_M for e in fits):
                end = pick.end + len(" ".join(norm[pick.end:].split()[:n])) + (len(norm[pick.end:]) - len(norm[pick.end:].lstrip()))
                return dataclasses.replace(pick, entry=fits[0], end=end, key=normalize(fits[0].name)), []
            if fits:
                return None, fits
        return None, []

    def _district_before(self, norm: str, g: Any, zones: list[Mention], cands: list[Entry]) -> Mention | None:
        """The district whose name stands right before a description of a kind of place named after its district (a
        station, or a kind every town has several of: a mall, a cinema), when no place of that kind on the map bears
        the name ("Kamppi metro station" is not Rautatientori). A relation or preposition between them ("the mall
        in Kamppi", "Kampin lähellä") is context, not a name: the nearest one of the kind may be meant there."""
        if not (g.kind.confirm or g.kind.kind in NAMED_AFTER_DISTRICT):
            return None
        owner = next((m for m in zones if m.end <= g.start and not norm[m.end:g.start].strip()), None)
        if owner is None:
            return None
        stems = {name_stem(w) for k in owner.entry.keys if not has_cjk(k) for w in k.split() if len(w) >= 4}
        if any(w.startswith(st) for e in cands for k in e.keys if not has_cjk(k) for w in k.split() for st in stems):
            return None  # one of them does bear the name ("Kluuvi shopping centre": Kauppakeskus Kluuvi)
        return owner

    def _district_only(self, text: str, norm: str, owner: Mention, g: Any, cands: list[Entry]) -> Resolution:
        """The district itself, unconfirmed, for "<district> <kind of place>" the map has no such place of."""
        z = owner.entry
        words = self._evidence(text, norm, owner.start, g.end)
        kind = g.kind.kind.replace("_", " ")
        others = ", ".join(dict.fromkeys(e.name for e in cands[:3]))
        note = (f"no {kind} of {z.name} on the map: \"{words}\" may lie outside the scenario area; placed in {z.name} only"
                + (f" (the {kind}s on the map, {others}, are other places)" if others else "") + ". Confirm the address.")
        return Resolution(lat=z.lat, lon=z.lon, radius_m=round(z.radius_m, 1), confident=False, method="zone", place=z.name,
                          feature=z.name, feature_kind=z.kind, category=z.category or "zone", ref=z.ref or z.id, evidence=words, note=note)

    def _zones(self) -> list[Entry]:
        return [e for e in self.gaz.entries if e.kind == "zone"]

    def _at_entrance(self, text: str, res: Resolution) -> Resolution:
        """"Kaisaniemi metro entrance", "地铁站入口": a station's entrance, not its middle -- the entrance of that station
        (an entrance node bearing its name) nearest the district or street the report names; with several and nothing
        to choose by, the station stays, unconfirmed, with its entrances as the alternatives."""
        station = next((e for e in self._landmarks if e.name == res.feature and _STATION.search(" ".join(f"{k}={v}" for k, v in e.tags.items()))), None)
        if station is None:
            return res
        if not _entrance_said_of(text, station.keys):
            return res  # an entrance of something else ("the entrance to the toilets"), or in another clause
        name = normalize(station.name)
        doors = [e for e in self._landmarks if "entrance" in e.tags.get("railway", "") + e.tags.get("entrance", "")
                 and any(name in k for k in e.keys) and self._dist(e, station) <= ENTRANCE_OF_STATION_M]
        if not doors:
            return res
        _, _, mentions = self._scan(text)
        said = [m.entry for m in mentions if m.entry.kind in ("zone", "street")]
        # a district inside the station's own name ("Kaisaniemen metroaseman sisäänkäynti"), or in its Swedish spelling
        # ("Kajsaniemi metrons ingång"), still says which end
        words = [w for w in normalize(text).split() if len(w) >= 5 and not has_cjk(w)]
        said += [z for z in self._zones() if z not in said
                 and any(w.startswith(name_stem(k)) or fuzz.ratio(w, k) >= 85.0
                         for k in z.keys if not has_cjk(k) and len(k) >= 5 and " " not in k for w in words)]
        if len(doors) > 1 and said:
            doors = sorted(doors, key=lambda e: min(self._dist(e, c) for c in said))
        elif len(doors) > 1:
            res.confident = False
            res.alternatives += [Alternative(name=f"{e.name} entrance", lat=e.lat, lon=e.lon, radius_m=round(e.radius_m, 1), why="an entrance of the station")
                                 for e in doors]
            res.add_note(f"{station.name} has {len(doors)} entrances; confirm which.")
            return res
        door = doors[0]
        out = res.model_copy(update={"lat": door.lat, "lon": door.lon, "radius_m": round(max(door.radius_m, 15.0), 1), "method": "feature",
                                     "relation": None, "ref": door.ref or door.id or res.ref, "place": f"entrance of {station.name} metro station" if "subway" in station.tags.get("station", "") else f"entrance of {station.name}"})
        out.add_note(f"the entrance nearest {said[0].name}" if said and len(doors) > 1 else "the station's entrance")
        return out

    def fallback(self, text: str, resolution: Resolution | None = None) -> Resolution:
        """The best area to send units toward when the location is not confirmed: what was found, else the map centre."""
        if resolution is not None and resolution.found:
            return resolution
        s, w, n, e = self.city.bbox
        lat, lon = (s + n) / 2, (w + e) / 2
        x0, y0 = self._xy(s, w)
        x1, y1 = self._xy(n, e)
        return Resolution(lat=lat, lon=lon, radius_m=round(math.hypot(x1 - x0, y1 - y0) / 2, 1), confident=False, method="map_centre",
                          place=f"centre of the map of {self.city.scenario.name}",
                          note="location unknown: the centre of the scenario map, as a staging direction only",
                          evidence=(resolution.evidence if resolution else ""), outside_map=bool(resolution and resolution.outside_map))


def locate(city: Any, text: str) -> Resolution:
    return city.locator.locate(text)


_BREAK = re.compile(r"[,.;:!?()\[\]\u2013\u2014，。；：！？（）、]")
_BREAK_WORD = "qqbreakqq"


def _words_before_break(text: str, norm: str, end: int, most: int) -> int:
    """How many of the (at most ``most``) normalized words after offset ``end`` of ``norm`` follow it in ``text`` with
    no punctuation between (normalizing drops commas and full stops). Without the text, or when it does not map
    word for word onto ``norm``, all ``most``."""
    if not text:
        return most
    marked = normalize(_BREAK.sub(f" {_BREAK_WORD} ", text)).split()
    if [w for w in marked if w != _BREAK_WORD] != norm.split():
        return most
    seen = len(norm[:end].split())
    i = n = 0
    while i < len(marked) and n < seen:  # the position in ``marked`` right after the name's last word
        n += marked[i] != _BREAK_WORD
        i += 1
    count = 0
    for w in marked[i:]:
        if w == _BREAK_WORD or count == most:
            break
        count += 1
    return count


# The words that name a station (or its kind) next to an entrance word: "metro station entrance", "地铁站入口".
_STATION_WORD = re.compile(r"^(?:station|stations|metro\w*|subway|underground|asema\w*|metroasem\w*|tunnelban\w*|stationen|站|铁|鐵)$")
_ENTRANCE_WINDOW = 3


def _entrance_said_of(text: str, station_keys: tuple[str, ...] | list[str]) -> bool:
    """Whether an entrance word in ``text`` is said of the station: a station word or the station's name within a few
    words of it in the same clause ("the Rautatientori metro entrance", "entrance of the station", 地铁站入口). "No way in
    for the police, the doors are locked" or "the entrance to the toilets" after a full stop is not."""
    marked = normalize(_BREAK.sub(f" {_BREAK_WORD} ", text or "")).split()
    stems = {name_stem(w) for k in station_keys for w in k.split() if len(w) >= 4 and not has_cjk(w)}
    joined = " ".join(marked)
    for m in _ENTRANCE_WORD.finditer(joined):
        a = len(joined[: m.start()].split())
        b = a + len(m.group(0).split())
        window: list[str] = []
        for w in reversed(marked[max(0, a - _ENTRANCE_WINDOW): a]):
            if w == _BREAK_WORD:
                break
            window.append(w)
        for w in marked[b: b + _ENTRANCE_WINDOW]:
            if w == _BREAK_WORD:
                break
            window.append(w)
        if any(_STATION_WORD.match(w) or any(w.startswith(s) for s in stems) for w in window):
            return True
    return False
