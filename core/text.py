"""Input checks on the whole text, and the one language detector (triage and retrieval agree on it)."""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import lru_cache
from typing import Any

from core.errors import InputError

# Far longer than any model window; cut early so a pasted book cannot exhaust memory in the tokenizer.
MAX_TEXT_CHARS = 20_000
_BINARY_SAMPLE = 2000
# A web address in a message (a link says nothing of the incident; the monitor and language detection drop it).
URL_PATTERN = r"https?://\S+|www\.\S+"
URL_RE = re.compile(URL_PATTERN)
MENTION_RE = re.compile(r"@\w+")  # a social-media handle


# A Han character (CJK unified ideographs, extensions A and B, compatibility ideographs): the project's one definition.
HAN_RE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002a6df]")


def has_han(text: str) -> bool:
    """Whether ``text`` holds a Han character (``HAN_RE``)."""
    return HAN_RE.search(text) is not None


def cjk_share(text: str) -> float:
    """Share of the letters (first 5,000 characters) that are Han characters."""
    letters = [ch for ch in text[:5000] if ch.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for ch in letters if HAN_RE.match(ch)) / len(letters)


# A record's code as the system writes it: an incident, proposal, report or unit id ("INC-3E1EDD59", "PRO-…", "KAM-A1",
# "INC0042").  Its letters are no language: the store draws them at random, and "把INC-9BA2DCCE合并到INC-ABCDEF12" was
# read as English when the ids drew many letters.
# Upper case only, but for an incident id as an operator types it ("inc-7"): "follow-up" and "drop-off" are words.
CODE_RE = re.compile(r"(?<![A-Za-z0-9])(?:[A-Z]{2,6}-[A-Z0-9]{1,12}|(?i:inc(?:-[a-z0-9]+|\d[a-z0-9]*)))(?![A-Za-z0-9])")


def detect_language(text: str) -> str:
    """'zh' when Han characters make up at least a fifth of the letters, else 'en' (script detection); the letters of
    record codes (``CODE_RE``) and web addresses are not counted."""
    return "zh" if cjk_share(CODE_RE.sub(" ", URL_RE.sub(" ", text[:5000]))) >= 0.2 else "en"


@lru_cache(maxsize=1)
def _t2s() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Chinese in simplified characters (OpenCC t2s); text without Han characters is returned as it is.

    Operators from Hong Kong or Taiwan, and OSM's own names, write traditional characters (參議院廣場, 雲梯車); every
    Chinese word list of the project is written in simplified ones."""
    return _t2s().convert(text) if has_han(text) else text


# Speech-to-text that dictates character by character leaves a space between each ("疏 散 一 百 米"): three or more
# single Han characters separated by single spaces.
_SPACED_HAN = re.compile(r"[\u4e00-\u9fff](?: [\u4e00-\u9fff]){2,}")


def joined_spaced_han(text: str) -> str:
    """"请 疏 散 一 百 米" -> "请疏散一百米": the spaces of a character-by-character transcript removed (a Chinese word
    list cannot see 疏散 in "疏 散"); a space between words of two scripts, or between longer Chinese phrases, stays."""
    return _SPACED_HAN.sub(lambda m: m.group(0).replace(" ", ""), text)


# A gap between two Han characters: the spaces (or tabs, ideographic spaces) of a word-by-word transcript, or a space
# used for a comma ("看着没事 电车上满满的人").
HAN_GAP_RE = re.compile(r"(?<=[\u4e00-\u9fff])[ \t\u3000]+(?=[\u4e00-\u9fff])")
_HAN_CHAR = re.compile(r"[\u4e00-\u9fff]")


def unspaced_han_transcript(text: str) -> tuple[str, list[int]] | None:
    """A Chinese voice message transcribed word by word ("电梯 坏了 我 和 我 老伴 困 在 里面") without the gaps between
    its words, and per kept character its offset in the text (a match in the joined text points back into the report).

    None when the text is not written word by word: under five gaps, or fewer than one per four Han characters (an
    occasional space used for a comma stays, it ends a clause). Unlike :func:`joined_spaced_han`, which joins runs of
    single dictated characters wherever they stand and leaves longer words spaced, this decides for the whole text and
    drops every gap between two Han characters: a word list written for unsegmented Chinese reads it as written.
    """
    gaps = list(HAN_GAP_RE.finditer(text))
    if len(gaps) < 5 or len(gaps) * 4 < len(_HAN_CHAR.findall(text)):
        return None
    dropped = {i for g in gaps for i in range(*g.span())}
    kept = [i for i in range(len(text)) if i not in dropped]
    return "".join(text[i] for i in kept), kept


def char_before(text: str, at: int, skip: str | None = None) -> str:
    """The last character of ``text`` before ``at`` that is not in ``skip`` (None: not white space; "" at the start):
    read back over the skipped run only, so asking it of every word of a long text stays linear (no slice of the
    growing prefix)."""
    i = at - 1
    while i >= 0 and (text[i].isspace() if skip is None else text[i] in skip):
        i -= 1
    return text[i] if i >= 0 else ""


# A sentence: up to and including its end mark or line break (linear: one class run, then the marks).
_SENTENCE_SPAN = re.compile(r"[^.!?。！？;；\n]+[.!?。！？;；\n]*|[.!?。！？;；\n]+")


def text_window_spans(text: str, size: int = 500) -> list[tuple[int, int]]:
    """(start, end) of overlapping windows of whole sentences, about ``size`` characters each, every one starting
    half-way into the one before: any sentence up to ``size // 2`` characters lies whole in some window, wherever it
    stands. A sentence longer than ``size`` is cut into pieces of ``size`` overlapping by half. One window for a text
    of at most ``size`` characters. Linear in the text."""
    if len(text) <= size:
        return [(0, len(text))]
    cuts: list[int] = [0]  # sentence starts, long sentences cut every size // 2
    for m in _SENTENCE_SPAN.finditer(text):
        start, end = m.span()
        if start != cuts[-1]:
            cuts.append(start)
        cuts.extend(range(start + size // 2, end, size // 2))
    cuts.append(len(text))
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(cuts) - 1:
        j = i + 1
        while j < len(cuts) - 1 and cuts[j + 1] - cuts[i] <= size:
            j += 1
        spans.append((cuts[i], cuts[j]))
        if cuts[j] >= len(text):
            break
        # the next window starts at the sentence nearest the middle of this one (at least one sentence on)
        middle = cuts[i] + (cuts[j] - cuts[i]) // 2
        k = i + 1
        while k < j and cuts[k + 1] <= middle:
            k += 1
        i = k
    return spans


def text_windows(text: str, size: int = 500) -> list[str]:
    """The texts of ``text_window_spans`` (blank windows left out)."""
    return [w for a, b in text_window_spans(text, size) if (w := text[a:b]).strip()] or [text]


def looks_binary(text: str) -> bool:
    """Decoded binary, not text: a NUL byte anywhere, or replacement/control characters in the opening sample."""
    if not text:
        return False
    if "\x00" in text:
        return True
    sample = text[:_BINARY_SAMPLE]
    control = sum(1 for ch in sample if unicodedata.category(ch) in ("Cc", "Cs", "Co") and ch not in "\n\r\t")
    return sample.count("\ufffd") > 3 or control / len(sample) > 0.05


_UNDECODABLE = re.compile("[\ud800-\udfff]")


def undecodable(text: str) -> bool:
    """Holds bytes that were not UTF-8: Python keeps them as lone surrogates (an argument on the command line, a
    stream read with ``surrogateescape``), which no tokenizer, SQLite or JSON writer can encode."""
    return _UNDECODABLE.search(text) is not None


def shown(value: object, limit: int = 40) -> str:
    """``repr`` of a value for an error message, cut at ``limit`` characters (a pasted megabyte is not echoed)."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"


def read_stdin(what: str = "standard input") -> str:
    """All of standard input as text; InputError when it is not UTF-8 (not a UnicodeDecodeError traceback)."""
    stream = sys.stdin
    raw = stream.buffer.read() if hasattr(stream, "buffer") else stream.read()
    if isinstance(raw, str):
        return raw
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"The {what} is not UTF-8 text (binary data, or another encoding?). Send plain UTF-8 text.") from None


def check_text(text: object, *, what: str = "message", max_chars: int = MAX_TEXT_CHARS) -> str:
    """The text, NFC-normalised and stripped; or InputError with a specific, actionable message.

    The same rules everywhere: CLI, page, API, upload, training files.
    """
    if isinstance(text, (bytes, bytearray)):
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError:
            raise InputError(f"The {what} is not UTF-8 text (binary data?). Paste plain text.") from None
    if not isinstance(text, str):
        raise InputError(f"The {what} must be text, got {type(text).__name__}.")
    if not text.strip():
        raise InputError(f"The {what} is empty. Type or paste the text first.")
    if looks_binary(text):
        raise InputError(f"The {what} looks like binary data, not text. Paste the readable text.")
    if undecodable(text):
        raise InputError(f"The {what} holds bytes that are not UTF-8 text (a file in another encoding?). "
                         "Paste plain text.")
    if len(text) > max_chars:
        raise InputError(
            f"The {what} is {len(text):,} characters long; the limit is {max_chars:,}. "
            "Paste the essential part (what, where, how many people, hazards)."
        )
    return unicodedata.normalize("NFC", text).strip()

