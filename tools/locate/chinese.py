"""Chinese reports: Latin names transliterated by sound ("斯托克曼": Stockmann), streets by the sound of their name."""

from __future__ import annotations

from dataclasses import dataclass
import dataclasses
import re

from tools.gazetteer import Entry, SAME_PLACE_M, has_cjk, is_notable, is_stop, normalize
from tools.locate.model import Resolution
from tools.locate.patterns import SOUND_MIN_RATIO, STREET_SOUND_MIN_RATIO, _ZH_DOOR_WORDS, _ZH_STREET_WORD
from tools.place_aliases import tags_match
from tools.place_words import concepts, latin_sound_key, pinyin_sound_key, place_word_forms, translit_runs, zh_kind_hint


@dataclass
class _CjkIndex:
    """Latin names by their sound skeleton (for Chinese transliterations) and the map's own Chinese names."""

    sound_index: dict[str, list[Entry]]
    sound_keys: list[str]
    known_names: list[str]
    # Streets by the sound of their name without the street word ("Mannerheimintie" -> "mannerheim": 曼纳海姆大街).
    street_sounds: dict[str, list[Entry]] = dataclasses.field(default_factory=dict)


class ChineseMixin:
    """Locator methods for Chinese transliterations."""

    def _cjk_index(self) -> "_CjkIndex":
        """The indexes only Chinese reports use, built on the first one (~0.3-0.5 s: every Latin name's sound
        skeleton). Two threads may both build it; each assigns a complete index, so either is fine."""
        if self._cjk is None:
            # Latin names by their sound skeleton, for Chinese transliterations ("斯托克曼" -> Stockmann): the whole name,
            # and each word of it that is not a common place-name word (a Finnish genitive also without its -n).
            sound_index: dict[str, list[Entry]] = {}
            word_endings = tuple(f for f in place_word_forms() if len(f) >= 4)  # once, not per word
            for e in self.gaz.entries:
                # Landmarks, and scenario places with their OSM twin's tags (the staging area Hakaniemen tori holds
                # the square's names: its OSM entry gave them up to it).
                if e.kind in ("street", "zone") or is_stop(e.tags) or (e.kind != "landmark" and not e.tags):
                    continue
                sounds: set[str] = set()
                for k in e.keys:
                    if has_cjk(k):
                        continue
                    sounds.add(latin_sound_key(k))
                    for w in k.split():
                        if len(w) >= 5 and concepts(w) is None:
                            stems = [w] + [w[: -len(f)] for f in word_endings if w.endswith(f) and len(w) - len(f) >= 4]
                            for stem in stems:  # "esplanadinpuisto": also "esplanadin", "esplanadi"
                                sounds.add(latin_sound_key(stem))
                                if stem.endswith("n"):
                                    sounds.add(latin_sound_key(stem[:-1]))
                for key in sounds:
                    if len(key) >= 2 and e not in sound_index.setdefault(key, []):
                        sound_index[key].append(e)
            known = [k.replace(" ", "") for k in list(self.gaz.name_keys()) + list(self.gaz.context_keys) if has_cjk(k) and len(k) >= 3]
            street_sounds: dict[str, list[Entry]] = {}
            for e in self.gaz.entries:
                if e.kind != "street" or "addresses_only" in e.tags:
                    continue
                for k in e.keys:
                    if has_cjk(k) or " " in k:
                        continue
                    base = re.sub(r"(katu|tie|kuja|polku|ranta|gatan|gata|vagen|grand)$", "", k)
                    if len(base) < 4:
                        continue
                    if base != k:
                        base = re.sub(r"(?<=[aeiouy])n$", "", base)  # the genitive of the name before the street word
                    for b in {base, re.sub(r"^(etela|pohjois|ita|lansi)", "", base)}:
                        sk = latin_sound_key(b)
                        if len(sk) >= 3 and e not in street_sounds.setdefault(sk, []):
                            street_sounds[sk].append(e)
            self._cjk = _CjkIndex(sound_index, list(sound_index), known, street_sounds)
        return self._cjk

    def _streets_by_sound(self, text: str) -> tuple[str, str] | None:
        """The report with every transliterated street name before 街/路/大街/大道 replaced by the map's name, and what was read."""
        from rapidfuzz import fuzz, process

        cjk = self._cjk_index()
        keys = list(cjk.street_sounds)
        out, said, last = [], [], 0
        for s, e, run in translit_runs(text):
            tail = text[e: e + 3]
            if not _ZH_STREET_WORD.match(tail):
                continue
            if run[0] in "南北东西東":
                direction, body = run[0], run[1:]
            else:  # the direction word may stand just before the run ("北艾斯普拉纳迪": Pohjoisesplanadi)
                direction, body = (text[s - 1], run) if s > 0 and text[s - 1] in "南北东西東" else ("", run)
                s = s - 1 if direction else s
            key = pinyin_sound_key(body)
            if len(key) < 3:
                continue
            hits = process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=STREET_SOUND_MIN_RATIO, limit=5)
            want = {"南": "etela", "北": "pohjois", "东": "ita", "東": "ita", "西": "lansi"}.get(direction, "")
            cands = [(r, st) for k, r, _ in hits for st in cjk.street_sounds[k]
                     if (normalize(st.name).startswith(want) if want else not normalize(st.name).startswith(("etela", "pohjois")))]
            if not cands:
                continue
            top = max(r for r, _ in cands)
            names = {st.name for r, st in cands if r == top}
            if len(names) != 1:
                continue  # two streets sound alike: do not guess
            name = names.pop()
            word = _ZH_STREET_WORD.match(tail)
            out.append(text[last:s] + f" {name} ")
            last = e + (word.end() if word else 0)
            said.append(f"\"{text[s:last].strip()}\" as {name}")
        if not out:
            return None
        return "".join(out) + text[last:], ", ".join(said)

    def _by_sound(self, text: str, norm: str) -> Resolution | None:
        """A name written by sound in Chinese, read as the map's Latin name with the same consonant skeleton."""
        from rapidfuzz import fuzz, process

        cjk = self._cjk_index()
        known_cjk = cjk.known_names
        best: tuple[float, int, int, str, Entry, list[Entry]] | None = None
        for s, e, run in translit_runs(text):
            if text[e - 1: e + 1] in _ZH_DOOR_WORDS and len(run) > 3:
                run, e = run[:-1], e - 1  # "奇亚斯玛门口": the run ends before "门口" (at the door), "门" is not a syllable
            if any(run in k or k in run for k in known_cjk if len(k) >= 2):
                continue  # "赫尔辛基" is the city's own name, not a transliterated feature
            key = pinyin_sound_key(run)
            hint = zh_kind_hint(text[e: e + 8])
            # Without a kind word: an exact skeleton of 4+ consonants, or of 3 written with 4+ characters that only
            # one notable place has ("奇亚斯玛" = Kiasma; a short run of common syllables is not read as a name).
            short_ok = len(key) == 3 and len(run) >= 4 and len({id(x) for x in cjk.sound_index.get(key, [])
                                                                  if is_notable(x.tags)}) == 1
            if len(key) < (2 if hint else 4) and not short_ok:
                continue
            if hint:
                hits = process.extract(key, cjk.sound_keys, scorer=fuzz.ratio, score_cutoff=SOUND_MIN_RATIO, limit=40)
            else:
                hits = [(key, 100.0, 0)] if key in cjk.sound_index else []
            scored: dict[int, tuple[float, Entry]] = {}
            for k, ratio, _ in hits:
                for entry in cjk.sound_index[k]:
                    if hint and not any(tags_match(rule, entry.tags) for rule in hint[1]):
                        continue
                    if not hint and len(key) == 3 and not is_notable(entry.tags):
                        continue
                    if id(entry) not in scored or scored[id(entry)][0] < ratio:
                        scored[id(entry)] = (float(ratio), entry)
            if not scored:
                continue
            top = max(r for r, _ in scored.values())
            tops = [en for r, en in scored.values() if r == top]
            pick = max(tops, key=lambda en: (en.geometry.area if en.geometry is not None else 0.0))
            others = [en for en in tops if en is not pick and self._dist(en, pick) > SAME_PLACE_M]
            end = e  # the evidence runs to the end of the kind word, when it is written within 8 characters
            if hint and (at := text.find(hint[0], e, e + 8)) >= 0:
                end = at + len(hint[0])
            if best is None or (top, e - s) > (best[0], best[2] - best[1]):
                best = (top, s, end, run, pick, others)
        if best is None:
            return None
        ratio, s, e, run, pick, others = best
        a = len(normalize(text[:s]))
        a += 1 if a else 0
        b = min(len(norm), a + len(normalize(text[s:e])))
        res = self._feature(text, norm, pick, a, b, 0.8, "feature", others)
        res.confident = False
        res.add_note(f"Read \"{run}\" as {pick.name} by its sound; confirm.")
        return res
