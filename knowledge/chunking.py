"""Cut segments into overlapping chunks that fit the encoders, keeping each chunk's citation."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from knowledge.loaders import RawDocument

# Sentence ends in English and Chinese; the split keeps the punctuation with its sentence.
_SENTENCE_END = re.compile(r"(?<=[.!?。！？；;])\s*|\n+")


@dataclass(frozen=True)
class Chunk:
    text: str
    section: str | None
    page: str | None
    ordinal: int

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:16]


def chunk_document(doc: RawDocument, max_chars: int = 900, overlap_chars: int = 150) -> list[Chunk]:
    """Split every segment into pieces of at most ~max_chars, each overlapping the previous one."""
    if max_chars <= overlap_chars:
        raise ValueError("max_chars must exceed overlap_chars")
    chunks: list[Chunk] = []
    for segment in doc.segments:
        for piece in split_text(segment.text, max_chars, overlap_chars):
            chunks.append(Chunk(text=piece, section=segment.section, page=segment.page, ordinal=len(chunks)))
    return chunks


def split_text(text: str, max_chars: int, overlap_chars: int) -> list[str]:
    text = text.strip()
    if len(text) <= max_chars:
        return [text] if text else []
    units = _units(text, max_chars)
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    for unit in units:
        if current and size + len(unit) > max_chars:
            pieces.append(_join(current))
            # Carry the tail sentences of the previous piece as overlap.
            carried: list[str] = []
            carried_size = 0
            for prev in reversed(current):
                if carried_size + len(prev) > overlap_chars:
                    break
                carried.insert(0, prev)
                carried_size += len(prev)
            current, size = carried, carried_size
        current.append(unit)
        size += len(unit)
    if current:
        pieces.append(_join(current))
    return pieces


def _units(text: str, max_chars: int) -> list[str]:
    """Sentences (with their trailing newline kept as a marker), hard-split when one is too long."""
    units: list[str] = []
    for match in re.finditer(r".+?(?:[.!?。！？；;](?=\s|$)|\n|$)", text, flags=re.DOTALL):
        sentence = match.group(0)
        if not sentence.strip():
            continue
        while len(sentence) > max_chars:
            cut = sentence.rfind(" ", 0, max_chars)
            cut = cut if cut > max_chars // 2 else max_chars
            units.append(sentence[:cut])
            sentence = sentence[cut:]
        units.append(sentence)
    return units


def _join(units: list[str]) -> str:
    out = ""
    for unit in units:
        if out and not out.endswith((" ", "\n")) and not unit.startswith((" ", "\n")):
            out += " " if unit[:1].isascii() else ""
        out += unit
    return out.strip()


def section_and_text(section: str | None, text: str) -> str:
    """What an encoder reads of a chunk: its heading path gives a short chunk its context."""
    return f"{section}: {text}" if section else text
