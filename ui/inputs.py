"""Operator input checks done before anything reaches the assistant.

Each rejection is an ``InputError`` whose message is shown to the operator as is,
so it names what was wrong and what to do instead.
"""

from __future__ import annotations

from pathlib import Path

from core.errors import InputError
from core.text import check_text

INPUT_ERRORS: tuple[type[Exception], ...] = (InputError,)

UPLOAD_SUFFIXES = (".txt", ".md", ".eml", ".log")
MAX_UPLOAD_BYTES = 1_000_000


def clean_text(text: str | None, *, what: str, max_chars: int) -> str:
    """Strip and check a typed or pasted text (the agent's checks); raises ``InputError`` if it cannot be used."""
    return check_text(text or "", what=what, max_chars=max_chars)


def read_upload(path: str | Path | None) -> str:
    """Text of an uploaded report file (UTF-8 plain text only); raises ``InputError`` otherwise."""
    if not path:
        raise InputError("No file was uploaded.")
    path = Path(path)
    name = path.name
    if path.suffix.lower() not in UPLOAD_SUFFIXES:
        raise InputError(f"'{name}' is not a text report: upload one of {', '.join(UPLOAD_SUFFIXES)}.")
    size = path.stat().st_size
    if size > MAX_UPLOAD_BYTES:
        raise InputError(f"'{name}' is {size:,} bytes; the limit is {MAX_UPLOAD_BYTES:,}.")
    raw = path.read_bytes()
    if b"\x00" in raw:
        raise InputError(f"'{name}' is a binary file, not text.")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"'{name}' is not UTF-8 text.") from None
