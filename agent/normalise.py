"""Operator text in the script the word lists are written in, before any cue rule or extractor reads it.

Chinese in simplified characters, a dictated transcript's spaces removed and the fleet's nouns repaired where
speech-to-text wrote a homophone (``normalised_chinese``, cached per text); full-width Latin letters and digits as
ASCII and an English word inside Chinese text spaced off as a word of its own (``spaced_scripts``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from core.text import has_han, joined_spaced_han, to_simplified

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
    return repaired_homophones(joined_spaced_han(to_simplified(text)))


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
    and digits as ASCII (``_FULL_WIDTH``)."""
    return _SCRIPT_SEAM.sub(" ", normalised_chinese(text.translate(_FULL_WIDTH)))
