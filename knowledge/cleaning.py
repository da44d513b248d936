"""Safe clean-up of PDF text extraction noise: hyphenation, hard-wrapped lines, repeated headers.

Each rule only fires where the pattern is unambiguous; doubtful text is left as it is.
"""

from __future__ import annotations

import re
from collections import Counter

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_HYPHEN_BREAK = re.compile(r"(?<=[a-z])-\n(?=[a-z])")
_PAGE_NUMBER_LINE = re.compile(r"^\s*(?:page\s+)?\d{1,4}\s*(?:of\s+\d{1,4})?\s*$", re.IGNORECASE)
# A table-of-contents entry: "Manageable Span of Control ........ 21". Its words repeat every
# heading of the document, so it would match almost any query while answering none.
_TOC_ENTRY = re.compile(r"^.{3,}?(?:\s?\.){5,}\s*(?:\d{1,4}|[ivxlc]{1,6})\s*$", re.IGNORECASE)


def dehyphenate(text: str) -> str:
    """Join words split across lines ('emer-\\ngency' -> 'emergency'); 'well-\\nKnown' is left alone."""
    return _HYPHEN_BREAK.sub("", text)


def repeated_lines(pages: list[str], min_share: float = 0.3, min_pages: int = 4) -> set[str]:
    """Short lines that recur on many pages: running headers and footers."""
    if len(pages) < min_pages:
        return set()
    counts: Counter[str] = Counter()
    for page in pages:
        counts.update({line.strip() for line in page.splitlines() if 0 < len(line.strip()) <= 80})
    threshold = max(3, int(min_share * len(pages)))
    return {line for line, n in counts.items() if n >= threshold}


def strip_noise_lines(page: str, repeated: set[str]) -> str:
    """Drop running headers/footers, bare page numbers and table-of-contents entries."""
    kept = [
        line
        for line in page.splitlines()
        if line.strip() not in repeated and not _PAGE_NUMBER_LINE.match(line) and not _TOC_ENTRY.match(line.strip())
    ]
    return "\n".join(kept)


def unwrap(lines: list[str]) -> str:
    """Join hard-wrapped lines into running text (CJK lines are joined without a space)."""
    out = ""
    for line in (ln.strip() for ln in lines):
        if not line:
            continue
        if not out:
            out = line
        elif _CJK.match(line[:1]) and _CJK.search(out[-1:]):
            out += line
        else:
            out += " " + line
    return re.sub(r"[ \t]+", " ", out)
