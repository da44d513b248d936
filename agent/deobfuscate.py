"""The form of a message the injection screen reads: the disguises of an injected order undone.

An order to the system is hidden from word patterns by writing it so that no word is whole: letter-spaced ("i g n o r e
a l l r u l e s"), one word a line, in full-width letters ("ＩＧＮＯＲＥ"), or with invisible zero-width characters
inside its words ("ig\u200bnore"). None of these is how an operator writes a report or a request (a dictated Chinese
transcript spaced a character at a time is, and it is read the same way by the router, ``agent.normalise``).

The screen alone reads this form; what is planned is the operator's text as written. Each character of the form keeps
its offset in the text, so a span found in it is cut from the text as written.
"""

from __future__ import annotations

import re

__all__ = ["screen_form"]

# Zero-width and invisible format characters: a word with one inside is the same word to a reader, another to a regex.
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
# Three letters or more each followed by one space ("i g n o r e"): a word spelt out; two spaces or more part words.
_LATIN = "A-Za-z\uff21-\uff3a\uff41-\uff5a"
_LETTER_SPACED = re.compile(rf"(?<![^\s])(?:[{_LATIN}][ \u3000]){{2,}}[{_LATIN}](?![^\s])")
_HAN_SPACED = re.compile(r"(?:[\u4e00-\u9fff][ \u3000]){3,}[\u4e00-\u9fff]")
_WORDS_PER_LINE = 3


def _full_width_ascii(ch: str) -> str:
    code = ord(ch)
    if 0xFF01 <= code <= 0xFF5E and ch not in "，：；？！（）":  # Chinese punctuation stays as written
        return chr(code - 0xFEE0)
    return " " if ch == "\u3000" else ch


def _joined_newlines(text: str) -> set[int]:
    """The newlines of each run of three lines or more of at most a few words (an order split a word or a phrase a
    line), and the newline that ends the run (its last words carry on into the next line)."""
    lines = text.split("\n")
    short = [bool(line.strip()) and len(line.split()) <= _WORDS_PER_LINE and len(line) <= 30 for line in lines]
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    joined: set[int] = set()
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and short[j]:
            j += 1
        if j - i >= 3:
            joined.update(starts[k] - 1 for k in range(i + 1, min(j + 1, len(lines))))
        i = max(j, i + 1)
    return joined


def screen_form(text: str) -> tuple[str, list[int]] | None:
    """(the text with its disguises undone, per character its offset in ``text``), or None when there is none to undo.
    Letter-spaced words are joined, invisible characters dropped, full-width letters read as ASCII, and a text written
    one short phrase a line read as one line."""
    drop = {m.start() for m in _INVISIBLE.finditer(text)}
    for pattern in (_LETTER_SPACED, _HAN_SPACED):
        for match in pattern.finditer(_INVISIBLE.sub(lambda m: "\0", text)):
            drop.update(match.start() + i for i, ch in enumerate(match.group(0)) if ch in " \u3000")
    joined = _joined_newlines(text)
    chars: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        if i in drop:
            continue
        chars.append(" " if i in joined else _full_width_ascii(ch))
        offsets.append(i)
    form = "".join(chars)
    return None if form == text else (form, offsets)
