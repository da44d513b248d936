"""Input in which there is nothing to read: random keys ("asdfgh"), only punctuation, a lone emoji, digits alone.

The chat answered such a message with its general help text, as if it had been a question about the assistant; the
operator could not tell whether a paste had gone wrong. It now says specifically that it could read no report or
question in it, and why, and files nothing. A message is unreadable only when it has no Han character, no letter of
another script (a report in a language the triage model reads through its multilingual fallback), and none of its
Latin words is one English, Finnish or Swedish uses, one of the router's vocabulary or a slip of one (wordfreq zipf >= ``core.common_words.KNOWN_WORD_ZIPF``; the city's
own languages) nor a place or unit of the map (the caller decides that and passes ``names_place``), nor shaped like a word
of some language (``_word_shaped``: "pozar", "Krankenwagen", "incendio", a street with a slip, "Anankatu 12"; s16 final
read: these were called unreadable, while a language's word or a misspelt name is a report to ask about, not junk)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

from wordfreq import zipf_frequency

from agent.hazards import cries_for_help, hazard_from_words
from agent.typos import known_words, vocabulary_word
from core.common_words import KNOWN_WORD_ZIPF
from core.text import has_han

_LATIN_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]+")
_LANGUAGES = ("en", "fi", "sv")


def _known(word: str) -> bool:
    """A word of English, Finnish or Swedish, of the router's own vocabulary ("sitrep"), or a slip of one ("smke")."""
    lower = word.lower()
    return (len(word) == 1 and lower in "ai" or any(zipf_frequency(word, lang) >= KNOWN_WORD_ZIPF for lang in _LANGUAGES)
            or lower in known_words() or (len(lower) >= 4 and vocabulary_word(lower) is not None))


_VOWELS = frozenset("aeiouyäöåàáâãèéêëìíîïòóôõùúûüæøœ")
# the rows of the keyboard: a run of keys along one row ("qwoeiru", "asdf", "zxcvbnm") is a hand on the keys, no word
_KEY_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_CONSONANT_RUN = re.compile(r"[^aeiouyäöåàáâãèéêëìíîïòóôõùúûüæøœ]{5,}")


def _word_shaped(word: str) -> bool:
    """Is ``word`` shaped like a word of a language: at least 4 letters, vowels between a fifth and three quarters of
    them, no 5 consonants in a row, and not typed along one keyboard row.  Keyboard junk has no vowels ("zmxncb"),
    long consonant runs ("asdfgh") or stays on one row ("qwoeiru"); words of any Latin-script language have none of
    these ("pozar", "Krankenwagen", "incendio", "Mannerheimintei")."""
    lower = word.lower()
    if len(lower) < 4 or any(set(lower) <= set(row) for row in _KEY_ROWS):
        return False
    share = sum(ch in _VOWELS for ch in lower) / len(lower)
    return 0.2 <= share <= 0.75 and _CONSONANT_RUN.search(lower) is None


def unreadable(text: str, names_place: Callable[[str], bool] = lambda _: False) -> str | None:
    """Why nothing can be read in ``text`` ("no letters, only punctuation", "no word I know: 'asdfgh'"), else None."""
    if has_han(text) or set(text.strip()) <= set("?？"):  # a bare "?" asks what the assistant does (help; router dev v5)
        return None
    if any(ch.isalpha() and not _LATIN_WORD.fullmatch(ch) for ch in text):
        return None  # another script: the multilingual triage reads it
    words = _LATIN_WORD.findall(text)
    if not words:
        kinds = []
        if any(ch.isdigit() for ch in text):
            kinds.append("digits")
        if any(not ch.isalnum() and not ch.isspace() and ord(ch) < 0x2000 for ch in text):
            kinds.append("punctuation")
        if any(ord(ch) >= 0x2000 and not ch.isalnum() for ch in text):
            kinds.append("symbols or emoji")
        return "it has no words, only " + " and ".join(kinds or ["symbols"])
    # a hazard or a cry for help in a tourist's language ("Feuer!", "fuego", "Hilfe") is a report, not noise
    if (any(_known(w) or _word_shaped(w) for w in words) or names_place(text) or hazard_from_words(text)
            or cries_for_help(text)):
        return None
    shown = ", ".join(f"'{w}'" for w in dict.fromkeys(words[:3]))
    return f"none of its words is one I know ({shown})"


def unreadable_reply(why: str) -> str:
    """The operator's answer to an unreadable message (English and Chinese: it has no language of its own)."""
    return (f"I could not read a report or a question in that: {why}. Nothing was filed. Type the report (what happened, "
            "where, who is hurt) or a question, e.g. \"fire at Kaivokatu 8, people inside\" or \"sitrep\".\n"
            "无法从中读出报告或问题，未登记任何内容。请写明发生了什么、地点、伤者，或直接提问（例如“现场态势”）。")


_LETTERS = re.compile(r"[^\W\d_]+")
_HOUSE_NUMBER = re.compile(r"\b\d{1,4}[a-zA-Z]?\b")


def unknown_words_reply(text: str, names_place: Callable[[str], bool], locate: Callable[[str], Any]) -> str | None:
    """The answer to a message in Latin letters none of whose words the desk knows, which is no junk either (a word of
    another language, "pozar", "Krankenwagen"; a street with a slip, "Anankatu 12"): the street the map's fuzzy match
    reads in it ("Did you mean Annankatu 12?"), else a request for what happened and where.  None for any other
    message (a known word, a place or unit of the map, a hazard the words name: the router and triage read those).
    ``locate``: the city's place lookup (``CityModel.locate``; LookupError or ValueError when nothing is near)."""
    words = _LETTERS.findall(text)
    if (not words or has_han(text) or any(not unicodedata.name(ch, "").startswith("LATIN") for w in words for ch in w)
            or any(_known(w) for w in words) or names_place(text) or hazard_from_words(text)):
        return None
    try:
        place = locate(text)
    except (LookupError, ValueError):  # no place near it: a word of another language
        place = None
    if place is not None and getattr(place, "kind", None) not in (None, "point"):
        number = _HOUSE_NUMBER.search(text)
        where = f"{place.name} {number.group(0)}" if number else place.name
        return (f"Did you mean {where}? I found no report in \"{text.strip()}\", so nothing was filed. Say what happened "
                f"there, e.g. \"fire at {where}, people inside\".\n"
                f"您是指 {where} 吗？未登记任何内容。请说明那里发生了什么、是否有人受伤。")
    return (f"I found no report or question in \"{text.strip()}\" (a word of another language?), so nothing was filed. "
            "Write what happened, where, and who is hurt, in English, Finnish, Swedish or Chinese, e.g. \"fire at "
            "Kaivokatu 8, people inside\".\n未能读出报告，未登记任何内容。请用中文或英文说明发生了什么、地点、伤者。")


__all__ = ["unknown_words_reply", "unreadable", "unreadable_reply"]
