"""Names a report misspells or writes another way: fuzzy matching against the map's names, diacritics, names the
map does not have."""

from __future__ import annotations

import re
from collections.abc import Iterable

from core.common_words import known_english_word
from tools.gazetteer import Entry, Mention, SAME_PLACE_M, has_cjk, is_notable, is_stop, name_stem, normalize
from tools.locate.generic import _plain_spans, _tag_words
from tools.locate.inflection import _spelling_variants
from tools.locate.model import Resolution
from tools.locate.patterns import (
    _CJK_FILLER,
    _COMMON_WORDS,
    _FUNCTION_WORDS,
    FUZZY_CONFIDENT,
    _MARKED_WORD,
    _NOT_QUALIFIERS,
    _TOKEN,
)


class NamesMixin:
    """Locator methods for misspelt, respelt and unknown names."""

    def _key_weight(self, key: str) -> tuple[bool, float]:
        """How much a name stands out on the map: a street or a notable named area before a shop node."""
        entries = self.gaz.named(key)
        if not entries:
            return (True, 0.0)  # a description ("railway station")
        return (any(e.kind != "landmark" or not is_stop(e.tags) for e in entries),
                max((e.geometry.area if e.geometry is not None else 0.0) for e in entries))

    def _fuzzy(self, norm: str, taken: list[tuple[int, int]], cover: tuple[int, int] | None = None,
               touch: tuple[int, int] | None = None, text: str = "", longer: bool = False,
               plain: set[tuple[int, int]] | None = None) -> tuple[str, str, str, float] | None:
        """The text with its best misspelt place name replaced by the known name: (text, words, name, score).

        A gram is compared as written, with its words joined (a compound written apart: "kauppa halli",
        "Etelä-Esplanadi") and with a Finnish case ending taken off its last word ("Stockmanilla", "Kaivokadula"),
        each against every name of the map (rapidfuzz ratio, a length-aware cutoff). ``cover``: only grams that
        contain that span and are longer than it (a short name read inside a longer misspelt one, "Vanha kirrkko");
        ``touch``: only grams that overlap that span (the unknown word in front of a description). ``text``: the
        report as written; when its writer capitalises, a single word written in lower case is a word, not a name
        ("tingling" is not the shop "Tingeling")."""
        from rapidfuzz import fuzz, process

        tokens = [(m.start(), m.end()) for m in re.finditer(r"\S+", norm)]
        capitals: set[str] | None = None
        if any(c.isupper() for c in text):
            # Words written capitalised, and the word after one ("Uudella ylioppilastalolla": a name of two words).
            toks = _TOKEN.findall(text)
            capitals = {normalize(t) for i, t in enumerate(toks) if t[:1].isupper() or (i and toks[i - 1][:1].isupper())}
        best: tuple[float, tuple[bool, float], int, int, str] | None = None
        for i in range(len(tokens)):
            for n in ((5, 4, 3, 2) if cover is not None else (4, 3, 2, 1)):
                if i + n > len(tokens):
                    continue
                a, b = tokens[i][0], tokens[i + n - 1][1]
                if cover is not None and not (a <= cover[0] and cover[1] <= b and (a, b) != cover):
                    continue
                if touch is not None and not (a < touch[1] and touch[0] < b):
                    continue
                if longer and touch is not None and not (a < touch[0] and touch[1] <= b):
                    continue  # words before the description and the description itself
                gram = norm[a:b]
                if plain and (a, b) in plain:
                    continue  # a street or district written exactly as the map has it: nothing to correct
                if n == 1 and capitals is not None and gram not in capitals:
                    continue
                if gram in self._generic_keys:
                    continue  # a description of a kind of place is not a misspelt name ("centre" is not "center")
                if len(gram) < 5 or has_cjk(gram) or gram.replace(" ", "").isdigit() or any(a < y and x < b for x, y in taken):
                    continue
                if gram in _COMMON_WORDS or (gram.split()[0] in _COMMON_WORDS and n <= 2) \
                        or all(w in _FUNCTION_WORDS for w in gram.split()) or gram.split()[0] in _FUNCTION_WORDS \
                        or gram.split()[-1] in _FUNCTION_WORDS:
                    continue
                for variant, how in _spelling_variants(gram):
                    cut = 85.0 if len(variant) >= 7 else 90.0
                    if cover is not None:
                        cut = max(cut, FUZZY_CONFIDENT)
                    pool = self._fuzzy_by_prefix.get(variant[:3] if cover is not None else variant[:1], [])
                    hits = process.extract(variant, pool, scorer=fuzz.ratio, score_cutoff=cut, limit=4)
                    if cover is not None:
                        # Over a name already read, the same words in another order count ("University of Helsinki
                        # main building" = "university main building of helsinki").
                        hits += process.extract(variant, pool, scorer=fuzz.token_sort_ratio, score_cutoff=cut, limit=2)
                    for key, score, _ in hits:
                        if key == gram:
                            continue  # nothing to correct
                        if (how == "joined" and score < 95.0) or (how == "stem" and n == 1 and len(key) < len(variant) and score < 95.0):
                            continue  # "post ictal" is not "Postitalo"; "kitchen" less an ending is not the shop "Kitch"
                        if key in self._generic_keys and any(f" {k} " in f" {gram} " for k in self._generic_keys):
                            continue  # one spelling of a description for another
                        if key in self._generic_keys and ((how == "stem" and variant == key) or self._generic_regex[key].fullmatch(gram)):
                            continue  # an inflected description ("kirkon", "pankissa") is read as one already
                        score = min(float(score), 99.0)
                        cand = (score, self._key_weight(key), a, b, key)
                        # Nearly as close and a more notable place ("Stokmannin": Stockmann, not the shop Tokmanni).
                        if best is None or score > best[0] + 3.0 or (score >= best[0] - 3.0 and (cand[1], score, b - a) > (best[1], best[0], best[3] - best[2])):
                            best = cand
        if best is None:
            return None
        score, _, a, b, key = best
        entries = self.gaz.named(key)
        written = entries[0].originals.get(key, entries[0].name) if entries else key  # as OSM writes it (capitalised)
        return norm[:a] + written + norm[b:], norm[a:b], written, score

    def _unknown_qualifier(self, text: str, norm: str, start: int, inflected: bool = False,
                           described: list[Entry] | None = None) -> str | None:
        """A name in front of a generic description that the map does not know ("Tampere railway station").

        ``inflected``: the description (or name) after it is written in an inflected form (Finnish). ``described``:
        the places the description may mean; a word that is one of their tag values ("the Lutheran cathedral":
        denomination=lutheran) describes them, it names no other place."""
        before = norm[:start].split()
        if not before:
            return None
        last = before[-1]
        if has_cjk(last):
            chunk = ""
            for tok in reversed(before):
                if not has_cjk(tok) or tok in _CJK_FILLER:
                    break
                chunk = tok + chunk
                if len(chunk) >= 4:
                    break
            if len(chunk) >= 2 and not any(chunk in k.replace(" ", "") for k in list(self.gaz.name_keys()) + list(self.gaz.context_keys) if has_cjk(k)):
                return chunk
            return None
        # Latin: the word right before, capitalised in the report, neither a known place nor a plain word.
        m = re.search(r"([A-ZÄÖÅ][\wäöåÄÖÅ'’.-]+)\s+$", text[: self._orig_index(text, norm, start)])
        if not m:
            return None
        word = m.group(1)
        key = normalize(word)
        if key in self.gaz.context_keys or any(k.startswith(name_stem(key)) for k in self.gaz.context_keys if len(key) >= 5):
            return None
        if key in _NOT_QUALIFIERS:
            return None
        if _describes_at_sentence_start(text[: m.start()], word):
            return None
        if inflected and not key.endswith("n"):
            # Finnish puts a place name qualifying a noun in the genitive ("Tampereen tuomiokirkon takana"): a word not in
            # the genitive before an inflected description is another word of the sentence ("Palo tuomiokirkon takana").
            return None
        if described and any(key in _tag_words(e.tags) for e in described):
            return None
        if key in ("west", "east", "north", "south", "western", "eastern", "northern", "southern", "old", "new", "upper", "lower"):
            return word  # "West Harbour", "Old Church": a different place of that kind, named by the word
        if self.gaz.named(key) or key in self._name_words:
            return None
        return word

    def _unknown_place_after(self, text: str, norm: str, end: int, whole_names: bool = False) -> str | None:
        """An unknown name right after a generic description and "in / at / i / på" ("the bridge in Lauttasaari",
        "kyrkan i Borgå"): the description may be of a place of that name off the map. ``whole_names``: only a whole
        name of the map, not a word of one, is known ("Stockholm" is a word of a shop's name, not a place here)."""
        # "by / near / off" too: "the bay by Tervasaari", "the pier near Pihlajasaari" (trial s18 H10)
        m = re.match(r"\s+(in|at|i|pa|on|by|near|off)\s+(?=\S)", norm[end:])
        if not m:
            return None
        at = end + m.end()
        w = re.match(r"([A-ZÄÖÅ][\wäöåÄÖÅ'’.-]+)", text[self._orig_index(text, norm, at):])
        if not w:
            return None
        word = w.group(1)
        key = normalize(word)
        if key in _NOT_QUALIFIERS or key in self.gaz.context_keys or self.gaz.named(key) or (key in self._name_words and not whole_names):
            return None
        if any(k.startswith(name_stem(key)) for k in self.gaz.context_keys if len(key) >= 5):
            return None
        return word

    @staticmethod
    def _orig_index(text: str, norm: str, start: int) -> int:
        """Approximate index in the original text of the normalized position ``start`` (by word count)."""
        nwords = len(norm[:start].split())
        count = 0
        for m in _TOKEN.finditer(text):
            if count == nwords:
                return m.start()
            count += len(normalize(m.group(0)).split()) or 0
        return len(text)

    def _respelt(self, text: str, norm: str, mentions: list[Mention], depth: int, cover: Mention | None = None,
                 touch: tuple[int, int] | None = None, closely: bool = False) -> Resolution | None:
        """The text read again with its best misspelt name corrected, when that finds the place (else None).

        ``closely``: only a correction of a gram longer than ``touch`` that is at least FUZZY_CONFIDENT close."""
        if depth > 0:
            return None
        span = (cover.start, cover.end) if cover is not None else None
        taken = [(m.start, m.end) for m in mentions if m.entry.kind not in ("zone", "street") and (m.start, m.end) != span]
        fixed = self._fuzzy(norm, taken, span, touch, text, longer=closely, plain=_plain_spans(norm, mentions))
        if fixed is None:
            return None
        corrected, original, replacement, score = fixed
        if closely and score < FUZZY_CONFIDENT:
            return None
        # Over a name already read, only a close reading of a longer name ("Rautatieaseman hallissa" is not the grill).
        if cover is not None and (len(normalize(replacement)) <= len(cover.key) or score < FUZZY_CONFIDENT):
            return None
        res = self.locate(corrected, _depth=1)
        if not res.found or (cover is not None and res.feature == cover.entry.name):
            return None
        res.confident = res.confident and score >= FUZZY_CONFIDENT
        res.add_note(f"Read \"{original}\" as \"{replacement}\" (spelling).")
        res.evidence = res.evidence or original
        return res

    def _exact_word_places(self) -> dict[str, list[Entry]]:
        """Notable places by a word of their name written with its diacritics ("kämp": Hotel Kämp), built on first use."""
        if self._exact_words is None:
            index: dict[str, list[Entry]] = {}
            for e in self._landmarks:
                if is_stop(e.tags) or not is_notable(e.tags):
                    continue
                for w in _MARKED_WORD.findall(e.name.lower()):
                    if e not in index.setdefault(w, []):
                        index[w].append(e)
            self._exact_words = index
        return self._exact_words

    def _diacritic_clashes(self, text: str, norm: str, mentions: Iterable[Mention]) -> list[tuple[Mention, str, Entry | None]]:
        """Names found only by folding the report's ä/ö/å away ("Kämp" read as Kamppi): (the mention, the word as
        written, a notable place whose name has that very word, if one place has it)."""
        out = []
        written = {normalize(w): w for w in _MARKED_WORD.findall(text.lower())}
        for m in mentions:
            if has_cjk(m.key):
                continue
            name_words = m.entry.originals.get(m.key, m.entry.name).lower().split()
            for nw in norm[m.start:m.end].split():
                w = written.get(nw)
                if w is None:
                    continue
                same = [x for x in name_words if normalize(x)[:3] == nw[:3]]
                if not same or len(same[0]) != len(normalize(same[0])) or len(w) != len(nw):
                    continue  # letters that fold to two (ß) or none: no position-by-position reading
                k = next((i for i, (a, b) in enumerate(zip(normalize(same[0]), nw)) if a != b), min(len(nw), len(same[0])))
                if same[0][:k] == w[:k]:
                    continue  # as far as the two agree (before an inflection), the name has the marks too
                index = self._exact_word_places()
                # The word as written, or its inflected form ("Kämpissä": Kämp + issä).
                base = w if w in index else next((w[:i] for i in range(len(w) - 1, 3, -1) if w[:i] in index), w)
                exact = [e for e in index.get(base, []) if e is not m.entry]
                one = exact[0] if exact and all(self._dist(e, exact[0]) <= SAME_PLACE_M for e in exact) else None
                out.append((m, w, one))
        return out


# "Flooded underpass at Siltasaarenkatu", "Collapsed scaffolding on ...", "Burning car in ...": an English participle
# capitalised only because it opens the sentence describes the place, it names none (trial s18: "Flooded underpass"
# read as a place off the map, the street the report names lost).
_PARTICIPLE = re.compile(r"[a-zäöå]{3,}(?:ed|ing|en)$")


def _describes_at_sentence_start(before: str, word: str) -> bool:
    return bool(re.search(r"(?:^|[.!?:;]\s*)$", before)) and bool(_PARTICIPLE.fullmatch(word.lower())) \
        and known_english_word(word)
