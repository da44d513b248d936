"""Read Markdown, plain text and PDF files into structured segments (section, page/article, text).

A segment never crosses a page, an article or a heading, so every chunk cut from it has one
exact citation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from core.text import detect_language
from knowledge.cleaning import dehyphenate, repeated_lines, strip_noise_lines, unwrap

SUPPORTED_SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".txt": "text", ".pdf": "pdf"}

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)
_PAGE_MARKER = re.compile(r"^\s*\[page\s+(\d+)\]\s*$", re.IGNORECASE | re.MULTILINE)
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_ZH_NUM = "一二三四五六七八九十百千零〇两0-9"
_ZH_CHAPTER = re.compile(rf"^\s*(?:#+\s*)?(第[{_ZH_NUM}]+[章编])\s*(.*)$")
_ZH_SUBSECTION = re.compile(rf"^\s*(?:#+\s*)?(第[{_ZH_NUM}]+节)\s*(.*)$")
_ZH_ARTICLE = re.compile(rf"^\s*(第[{_ZH_NUM}]+条(?:之[{_ZH_NUM}]+)?)[\s　]*(.*)$")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_SMALL_WORDS = {"a", "an", "and", "the", "of", "for", "to", "in", "on", "or", "with", "by", "at", "as", "vs"}


class UnreadableDocument(ValueError):
    """The file cannot be turned into text (corrupt, binary, empty...)."""


@dataclass
class Segment:
    text: str
    section: str | None = None
    page: str | None = None


@dataclass
class RawDocument:
    title: str
    language: str
    segments: list[Segment]
    doc_type: str | None = None
    hazards: list[str] = field(default_factory=list)
    # HTML comments of a text file: never indexed, but read by the ingest's screen (an order to the assistant hidden
    # in a comment is reported, so whoever wrote the plan can find it)
    comments: list[str] = field(default_factory=list)


def read_document(path: Path) -> RawDocument:
    """Parse one file by its suffix; raises UnreadableDocument with a clear reason."""
    kind = SUPPORTED_SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise UnreadableDocument(f"unsupported file type {path.suffix or '(none)'!r}; use .md, .txt or .pdf")
    if kind == "pdf":
        pages = _pdf_pages(path)
        return _parse_pages(pages, fallback_title=_humanize(path.stem), markdown=False, meta={})
    raw = path.read_bytes()
    if b"\x00" in raw[:8192]:
        raise UnreadableDocument("binary content in a text file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableDocument(f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    return parse_text(text, fallback_title=_humanize(path.stem), markdown=(kind == "markdown"))


def parse_text(text: str, fallback_title: str, markdown: bool) -> RawDocument:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    meta: dict = {}
    match = _FRONT_MATTER.match(text)
    if match:
        try:
            loaded = yaml.safe_load(match.group(1))
        except yaml.YAMLError as exc:
            raise UnreadableDocument(f"invalid YAML front matter: {exc.__class__.__name__}") from None
        meta = loaded if isinstance(loaded, dict) else {}
        text = text[match.end():]
    comments = [" ".join(m.group(0)[4:-3].split()) for m in _HTML_COMMENT.finditer(text)]
    text = _HTML_COMMENT.sub("", text)
    if not text.strip():
        raise UnreadableDocument("no text in file")
    doc = _parse_pages(_split_pages(text), fallback_title=fallback_title, markdown=markdown, meta=meta)
    doc.comments = [c for c in comments if c]
    return doc


def _split_pages(text: str) -> list[tuple[str | None, str]]:
    markers = list(_PAGE_MARKER.finditer(text))
    if not markers:
        return [(None, text)]
    pages = []
    head = text[: markers[0].start()]
    # A head made only of '# key: value' lines is extraction metadata, not content.
    if any(line.strip() and not line.startswith("#") for line in head.split("\n")):
        pages.append((None, head))
    for i, m in enumerate(markers):
        end = markers[i + 1].start() if i + 1 < len(markers) else len(text)
        pages.append((m.group(1), text[m.end():end]))
    return pages


def _pdf_pages(path: Path) -> list[tuple[str | None, str]]:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(str(path))
        pages = [(str(i + 1), page.extract_text() or "") for i, page in enumerate(reader.pages)]
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise UnreadableDocument(f"corrupt or unreadable PDF ({exc.__class__.__name__}: {str(exc)[:120]})") from None
    if not any(text.strip() for _, text in pages):
        raise UnreadableDocument("PDF has no extractable text (scanned images?)")
    return pages


def _parse_pages(pages: list[tuple[str | None, str]], fallback_title: str, markdown: bool, meta: dict) -> RawDocument:
    full_text = "\n".join(text for _, text in pages)
    language = str(meta.get("language") or detect_language(full_text))
    is_law = len(re.findall(_ZH_ARTICLE.pattern, full_text, flags=re.MULTILINE)) >= 3
    noise: set[str] = set()
    if len(pages) > 1:
        pages = [(no, dehyphenate(text)) for no, text in pages]
        noise = repeated_lines([text for _, text in pages])
        pages = [(no, strip_noise_lines(text, noise)) for no, text in pages]

    title = str(meta.get("title") or "").strip() or None
    walker = _Walker(markdown=markdown, is_law=is_law)
    for page_no, page_text in pages:
        walker.flush()
        walker.page = page_no
        for line in page_text.split("\n"):
            walker.feed(line)
    walker.flush()
    title = title or walker.h1 or (_first_lines_title(pages, noise) if not markdown else None) or fallback_title
    segments = [s for s in walker.segments if s.text.strip()]
    if not segments:
        raise UnreadableDocument("no text in file")
    hazards = meta.get("hazards") or []
    if isinstance(hazards, str):
        hazards = [h.strip() for h in hazards.split(",")]
    return RawDocument(
        title=title,
        language=language,
        segments=segments,
        doc_type=(str(meta["doc_type"]) if meta.get("doc_type") else None),
        hazards=[str(h) for h in hazards if str(h).strip()],
    )


class _Walker:
    """Line-by-line state machine: headings, chapters and articles open new segments."""

    def __init__(self, markdown: bool, is_law: bool) -> None:
        self.markdown = markdown
        self.is_law = is_law
        self.page: str | None = None
        self.h1: str | None = None
        self.headings: list[tuple[int, str]] = []
        self.article: str | None = None
        self.lines: list[str] = []
        self.segments: list[Segment] = []
        self._prev_line = ""

    @property
    def section(self) -> str | None:
        return " > ".join(text for _, text in self.headings) or None

    def flush(self) -> None:
        if any(line.strip() for line in self.lines):
            if self.markdown or self.is_law:
                # Keep line structure: numbered checklist steps must stay one per line.
                body = "\n".join(line.rstrip() for line in self.lines).strip()
                body = re.sub(r"\n{3,}", "\n\n", body)
            else:
                body = unwrap(self.lines)
            page = self.article if self.is_law and self.article else self.page
            self.segments.append(Segment(text=body, section=self.section, page=page))
        self.lines = []

    def _set_heading(self, level: int, text: str) -> None:
        self.flush()
        self.headings = [(lv, t) for lv, t in self.headings if lv < level] + [(level, text)]
        self.article = None

    def feed(self, line: str) -> None:
        stripped = line.strip()
        if self.is_law:
            if m := _ZH_CHAPTER.match(stripped):
                self._set_heading(2, f"{m.group(1)} {m.group(2)}".strip())
                return
            if m := _ZH_SUBSECTION.match(stripped):
                self._set_heading(3, f"{m.group(1)} {m.group(2)}".strip())
                return
            if m := _ZH_ARTICLE.match(stripped):
                self.flush()
                self.article = m.group(1)
                self.lines.append(stripped)
                return
        if self.markdown or self.is_law:
            if m := _MD_HEADING.match(stripped):
                level, text = len(m.group(1)), m.group(2).strip()
                if level == 1 and self.h1 is None:
                    self.h1 = text
                    self.flush()
                    return
                self._set_heading(level, text)
                return
        elif _looks_like_heading(stripped, self._prev_line):
            self._set_heading(1, stripped)
            self._prev_line = stripped
            return
        self.lines.append(line)
        if stripped:
            self._prev_line = stripped


def _looks_like_heading(line: str, prev: str) -> bool:
    """A short Title Case line after a finished sentence: a heading in extracted PDF text."""
    if not (4 <= len(line) <= 70) or line[-1] in ".,;:!?)" or not line[0].isupper():
        return False
    if prev and prev[-1] not in ".:!?\"”" and not _looks_like_heading_simple(prev):
        return False
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", line)
    if not words or len(words) > 10 or sum(c.isdigit() for c in line) > 3:
        return False
    big = [w for w in words if w.lower() not in _SMALL_WORDS]
    return bool(big) and all(w[0].isupper() for w in big)


def _looks_like_heading_simple(line: str) -> bool:
    return 0 < len(line) <= 70 and line[-1] not in ".,;" and line.isupper()


def _first_lines_title(pages: list[tuple[str | None, str]], running_headers: set[str] = frozenset()) -> str | None:
    title = _cover_title(pages)
    if title:
        # A cover page set in display type extracts as 't National Response Fr amework': when a
        # running header spells the same words cleanly, the header is the better title.
        squeezed = re.sub(r"\W", "", title).lower()
        for header in sorted(running_headers, key=len, reverse=True):
            words = header.split()
            key = re.sub(r"\W", "", header).lower()
            if len(words) >= 3 and "@" not in header and len(key) >= 12 and key in squeezed and not squeezed.startswith(key):
                return header
    return title


def _cover_title(pages: list[tuple[str | None, str]]) -> str | None:
    for _, text in pages:
        lines = [ln.strip() for ln in text.split("\n") if ln.strip() and not ln.startswith("#")]
        if not lines:
            continue
        title = ""
        for line in lines[:4]:
            if re.search(r"\b(19|20)\d\d\b", line):
                break
            if title and title.isupper() and not line.isupper():
                break  # an ALL-CAPS cover title ends where body text starts
            title = f"{title} {line}".strip()
            if len(title) >= 40:
                break
        return title[:100] or None
    return None


def _humanize(stem: str) -> str:
    return re.sub(r"[_-]+", " ", stem).strip() or stem
