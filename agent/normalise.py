"""Operator text in the script the word lists are written in, before any cue rule or extractor reads it.

Chinese in simplified characters, a dictated transcript's spaces removed and the fleet's nouns repaired where
speech-to-text wrote a homophone (``normalised_chinese``, cached per text); full-width Latin letters and digits as
ASCII and an English word inside Chinese text spaced off as a word of its own (``spaced_scripts``).
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

from agent.order_words import orders_in_english
from core.text import char_before, has_han, joined_spaced_han, to_simplified

_SCRIPT_SEAM = re.compile(r"(?<=[\u4e00-\u9fff])(?=[A-Za-zÄÖÅäöå])|(?<=[A-Za-zÄÖÅäöå])(?=[\u4e00-\u9fff])")


# Domain words a Chinese speech-to-text engine writes with other characters of the same sound (就护车 for 救护车):
# the unit nouns of the fleet, three characters each (shorter words have too many same-sounding neighbours).
_HOMOPHONE_TERMS = ("救护车", "急救车", "消防车", "云梯车", "抢修车", "危化品")


@lru_cache(maxsize=1)
def _homophone_keys() -> dict[tuple[str, ...], str]:
    from pypinyin import lazy_pinyin

    return {tuple(lazy_pinyin(term)): term for term in _HOMOPHONE_TERMS}


def repaired_homophones(text: str) -> str:
    """Three Han characters that sound like a term of _HOMOPHONE_TERMS (toneless pinyin) written as that term."""
    if not re.search(r"[\u4e00-\u9fff]{3}", text):
        return text
    from pypinyin import lazy_pinyin

    keys = _homophone_keys()
    out = list(text)
    for run in re.finditer(r"[\u4e00-\u9fff]{3,}", text):
        sounds = lazy_pinyin(run.group(0))
        if len(sounds) != len(run.group(0)):
            continue
        for i in range(len(sounds) - 2):
            term = keys.get(tuple(sounds[i:i + 3]))
            if term:
                out[run.start() + i:run.start() + i + 3] = list(term)
    return "".join(out)


# The other input error: a pinyin input method offers every character of a syllable, and a hurried operator picks a
# same-sounding neighbour for one of a key word's two characters (疏三 for 疏散). A generic "same sound, one character
# shared" rule repairs too much (火在烧 "the fire is burning" would read 火灾, 起伙做饭 "set up a kitchen" 起火), so this
# is a confusion table: for the router's order verbs and the hazard words it reads, the wrong picks an input method
# offers on the same toneless pinyin (tests check that every entry sounds exactly like its word) that are no words
# of their own. A pair inside a dictionary word of the sentence (jieba's word list: 书散落 is 书 + 散落) stays.
PAIR_TYPOS: dict[str, str] = {
    "疏三": "疏散", "疏伞": "疏散", "输散": "疏散", "书散": "疏散", "梳散": "疏散",
    "撤里": "撤离", "撤理": "撤离", "撤李": "撤离", "彻离": "撤离",
    "暴炸": "爆炸", "爆乍": "爆炸", "倒踏": "倒塌", "倒蹋": "倒塌", "到塌": "倒塌",
    "冒眼": "冒烟", "帽烟": "冒烟", "浓眼": "浓烟", "救缘": "救援", "就援": "救援", "救元": "救援",
    "受上": "受伤", "兽伤": "受伤", "婚迷": "昏迷", "昏谜": "昏迷", "火栽": "火灾",
}
_PAIR_TYPO = re.compile("|".join(PAIR_TYPOS))


@lru_cache(maxsize=1)
def _dictionary() -> dict[str, int]:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba.dt.FREQ


def _in_a_word(text: str, at: int, span: tuple[int, int], words: dict[str, int]) -> bool:
    """Does the character at ``at`` belong to a dictionary word (2-4 characters) of the text other than ``span``'s pair?"""
    for size in (2, 3, 4):
        for start in range(max(0, at - size + 1), min(at, len(text) - size) + 1):
            if (start, start + size) != span and words.get(text[start:start + size], 0) > 0:
                return True
    return False


def repaired_pairs(text: str) -> str:
    """A mistyped key word of PAIR_TYPOS written as the word ("疏三 Kasarmitori" -> "疏散 Kasarmitori"), unless one of
    its characters belongs to a dictionary word around it."""
    if not _PAIR_TYPO.search(text):
        return text
    words = _dictionary()

    def repair(match: re.Match) -> str:
        span = match.span()
        if _in_a_word(text, span[0], span, words) or _in_a_word(text, span[0] + 1, span, words):
            return match.group(0)
        return PAIR_TYPOS[match.group(0)]

    return _PAIR_TYPO.sub(repair, text)


def normalised_chinese(text: str) -> str:
    """Chinese as the word lists are written: simplified characters, a dictated transcript's spaces removed, the
    fleet's nouns repaired where speech-to-text wrote a homophone. Text without Han characters is unchanged."""
    if not has_han(text):
        return text
    return _normalised_han(text)


# A chat turn or a monitor batch reads one text several times (the router's cues, the hazard words, the triage
# check, the safety screen): OpenCC and pypinyin cost ~0.1 ms CPU a call, so each Chinese text is normalised once.
# Only texts with Han characters are kept, so a batch of English posts does not push them out.
@lru_cache(maxsize=512)
def _normalised_han(text: str) -> str:
    return repaired_pairs(repaired_homophones(mandarin_function_words(joined_spaced_han(to_simplified(_CANTONESE_COPULA.sub("是", text))))))


# Written Cantonese (Hong Kong usage, common in messages from Cantonese speakers) differs from the Mandarin the word
# lists are written in mostly by a few dozen function words: pronouns, the copula, negation, aspect particles and
# question words (佢 他, 喺 在, 咗 了, 冇 没有, 唔 不, 边度 哪里, 几多 多少, 而家 现在). Each is read as its Mandarin
# counterpart; content words are shared. Only words that are not also Mandarin words of another meaning are listed
# (边 alone is "side" in Mandarin, 呢 a question particle, 点 a point: only their Cantonese compounds are). 係 is read
# as 是 before OpenCC, which would write it 系 (as in 系统), but only as a copula, after a subject or an adverb (佢係,
# 唔係, 都係) or in 係咪 and 係唔係: 係 also sits in Mandarin words (關係). Longest first.
_CANTONESE = (
    ("唔该", "请"), ("唔使", "不用"), ("唔驶", "不用"), ("唔系", "不是"), ("唔好", "不要"), ("唔", "不"), ("冇", "没有"), ("咗", "了"),
    ("喺度", "在这里"), ("喺", "在"), ("佢哋", "他们"), ("我哋", "我们"), ("你哋", "你们"), ("佢", "他"), ("嘅", "的"), ("啲", "些"),
    ("边度", "哪里"), ("边个", "谁"), ("边架", "哪辆"), ("边间", "哪间"), ("边条", "哪条"), ("边位", "哪位"),
    ("而家", "现在"), ("依家", "现在"), ("几多", "多少"), ("𠮶", "那"), ("嗰", "那"), ("呢个", "这个"), ("呢度", "这里"),
    ("呢些", "这些"), ("点样", "怎样"), ("点算", "怎么办"), ("点解", "为什么"), ("点办", "怎么办"), ("乜嘢", "什么"),
    ("咩", "什么"), ("睇", "看"), ("畀", "给"), ("俾", "给"), ("嚟", "来"), ("揾", "找"), ("攞", "拿"), ("仲", "还"),
    ("是咪", "是不是"), ("咁", "这么"), ("得闲", "有空"), ("同埋", "和"), ("话我知", "告诉我"),
)
# Words that also sit in Mandarin words are read only before what they take in Cantonese: 仲 "still" (not 仲裁, 仲夏)
# before 有/未/喺/係, 唔 "not" before the word it negates (Mandarin's "um" comes before a pause: "唔，派...").
# 头先 (带头先走) and 成个 (变成个) are left out.
_ONLY_BEFORE = {"唔": "[\u4e00-\u9fff]", "仲": "[有未喺係是在]"}
_CANTONESE_RE = re.compile("|".join(re.escape(word) + (f"(?={_ONLY_BEFORE[word]})" if word in _ONLY_BEFORE else "") for word, _ in _CANTONESE))
_CANTONESE_MAP = dict(_CANTONESE)
_CANTONESE_COPULA = re.compile(r"(?<=[佢我你哋唔都就又仲])係|係(?=咪|唔係)")


def mandarin_function_words(text: str) -> str:
    """Simplified Chinese with the Cantonese function words of ``_CANTONESE`` as their Mandarin counterparts
    ("救护车到咗未" -> "救护车到了没有")."""
    if not _CANTONESE_RE.search(text):
        return text
    text = _CANTONESE_RE.sub(lambda m: _CANTONESE_MAP[m.group(0)], text)
    return re.sub(r"了未(?=\s*[?？]|\s*$)", "了没有", text)  # "到咗未?": has it ... yet


# An input method's full-width mode writes Latin letters, digits and the symbols of ids and addresses as other code
# points ("ＫＡＭ－Ｐ１", "Ｈａｌｌｉｔｕｓｋａｔｕ　１２"): read as ASCII. Chinese punctuation (，：；？！（）) stays as written.
_FULL_WIDTH = str.maketrans({**{chr(0xFF10 + i): chr(0x30 + i) for i in range(10)}, **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
                             **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)}, "\uff0d": "-", "\uff0e": ".", "\uff03": "#",
                             "\uff0f": "/", "\uff06": "&", "\uff0b": "+", "\u3000": " "})


def spaced_scripts(text: str) -> str:
    """The message in the script the cue rules read: Chinese in simplified characters; a dictated message spelled
    out a character at a time ("請 疏 散 ... 周 圍 一 百 米", a speech-to-text habit) joined back into words; and
    "派rescue和ambulance" -> "派 rescue 和 ambulance" (an English word inside Chinese text is a word of its own: a
    CJK character is a word character, so without the space no ``\b`` cue would see it); full-width Latin letters
    and digits as ASCII (``_FULL_WIDTH``); an order in Finnish, Swedish or German in the English the cue rules know
    (``agent.order_words``)."""
    return finnish_words_glossed(orders_in_english(_SCRIPT_SEAM.sub(" ", normalised_chinese(text.translate(_FULL_WIDTH)))))


# Helsinki operators write English with Finnish words of the trade in it ("onko yksikkö ERO-E1 vapaa?", "tilannekuva
# please"): the service's own vocabulary (units and their states, the situation picture, evacuation, shelters,
# instructions) and the question words that open a question, read as the English the cue rules know. Place names are
# Finnish too and stay as written: a word is read only in lower case, or capitalised where a sentence starts.
_FINNISH = {
    "onko": "is", "ovatko": "are", "missä": "where", "mikä": "what", "mitkä": "which", "kuinka monta": "how many",
    "yksikkö": "unit", "yksikön": "unit", "yksiköt": "units", "yksiköiden": "units", "vapaa": "free", "vapaana": "free",
    "vapaat": "free", "varattu": "busy", "varattuna": "busy", "tilanne": "situation", "tilannekuva": "situation picture",
    "evakuointi": "evacuation", "evakuoida": "evacuate", "evakuoikaa": "evacuate", "evakuoi": "evacuate",
    "väestönsuoja": "shelter", "väestönsuojat": "shelters", "suoja": "shelter", "suojat": "shelters",
    "ohje": "procedure", "ohjeet": "procedures", "ambulanssi": "ambulance", "paloauto": "engine", "poliisipartio": "police patrol",
    "pelastuslaitos": "rescue service", "sähkö": "power", "sähköt": "power",
    # a crew's radio: "ERO-E1 paikalla" (on scene), "tarvitaan lisää ambulanssi" / "tarvitsemme toisen ambulanssin"
    "paikalla": "on scene", "paikan päällä": "on scene", "tarvitaan lisää": "need more", "tarvitaan": "need",
    "tarvitsemme": "we need", "ambulanssin": "ambulance", "ambulanssia": "ambulance", "ambulansseja": "ambulances",
    # a question whether to do it ("kaasuvuoto X, pitääkö evakuoida?": should we evacuate), read as the question it is
    "pitääkö": "should we", "täytyykö": "should we", "tarvitseeko": "should we",
    # Swedish, the city's other language: "gasläcka på X, ska vi evakuera?"
    "evakuera": "evacuate", "evakuering": "evacuation", "evakueringen": "evacuation", "ska vi": "should we",
    "bör vi": "should we", "måste vi": "should we",
    # a Swedish or Finnish question about the units ("Hur många ambulanser är lediga just nu?", "Finns det lediga
    # ambulanser?", "Montako ambulanssia on vapaana?"): trial s18, the Swedish one was out of scope
    "hur många": "how many", "montako": "how many", "finns det": "are there", "vilka": "which", "är lediga": "are free",
    "är ledig": "is free", "lediga": "free", "ledig": "free", "just nu": "right now", "nyt": "now", "juuri nyt": "right now",
    "ambulanser": "ambulances", "ambulansen": "ambulance", "ambulans": "ambulance", "enheter": "units", "enheterna": "units",
    "enhet": "unit", "brandbilar": "engines", "brandbil": "engine", "polispatruller": "police patrols",
}
_FINNISH_WORDS = re.compile(r"(?<![\w-])(?:" + "|".join(sorted(_FINNISH, key=len, reverse=True)) + r")(?![\w-])", re.IGNORECASE)


def finnish_words_glossed(text: str) -> str:
    """``text`` with the Finnish words of ``_FINNISH`` in English ("onko yksikkö ERO-E1 vapaa?" -> "is unit ERO-E1
    free?"); a capitalised word only where a sentence starts ("Tilannekuva please")."""
    if not _FINNISH_WORDS.search(text):
        return text

    def english(match: re.Match) -> str:
        word = match.group(0)
        return _FINNISH.get(word, _FINNISH.get(word.lower(), word) if _starts_sentence(text, match.start()) else word)

    return _FINNISH_WORDS.sub(english, text)


def _starts_sentence(text: str, at: int) -> bool:
    before = char_before(text, at, " \t")
    return not before or before in ".!?:;\n"
