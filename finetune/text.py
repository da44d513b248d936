"""Report text checks and script detection (shared by training and prediction)."""

from __future__ import annotations

import unicodedata

from finetune.errors import InvalidReportError

# Far longer than any model window; cut early so a pasted book cannot exhaust memory in the tokenizer.
MAX_REPORT_CHARS = 20_000


def _is_cjk(ch: str) -> bool:
    code = ord(ch)
    return 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x2A6DF


def detect_language(text: str) -> str:
    """'zh' when Han characters make up at least a fifth of the letters, else 'en' (script detection, not a language model)."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return "en"
    han = sum(1 for ch in letters if _is_cjk(ch))
    return "zh" if han / len(letters) >= 0.2 else "en"


def looks_binary(text: str) -> bool:
    """NUL bytes, replacement characters or many control characters: decoded binary, not a report."""
    sample = text[:2000]
    if not sample:
        return False
    control = sum(1 for ch in sample if unicodedata.category(ch) in ("Cc", "Cs", "Co") and ch not in "\n\r\t")
    return "\x00" in sample or sample.count("\ufffd") > 3 or control / len(sample) > 0.05


def check_report(text: object, index: int = 0) -> str:
    """Return the report as clean text, or raise InvalidReportError naming item ``index``."""
    if isinstance(text, (bytes, bytearray)):
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError:
            raise InvalidReportError(f"report #{index} is not UTF-8 text (binary data?)") from None
    if not isinstance(text, str):
        raise InvalidReportError(f"report #{index} is a {type(text).__name__}, not text")
    if not text.strip():
        raise InvalidReportError(f"report #{index} is empty or whitespace only")
    if looks_binary(text):
        raise InvalidReportError(f"report #{index} looks like binary data, not a text report")
    return text.strip()
