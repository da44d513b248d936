"""Data types at the knowledge package's boundary."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from core.vocabulary import INCIDENT_TYPES, NOT_INCIDENT

#: Hazard / annex keys: the triage taxonomy labels plus the non-hazard annexes.
HAZARD_KEYS: tuple[str, ...] = tuple(t for t in INCIDENT_TYPES if t != NOT_INCIDENT) + (
    "evacuation",
    "communications",
    "base_plan",
    "mass_casualty",
    "water_rescue",
)


class KnowledgeError(ValueError):
    """Bad input to the knowledge base (empty query, k <= 0, unusable store...), with a clear message."""


class Passage(BaseModel):
    """One retrieved chunk of a plan, with everything needed to cite it."""

    text: str
    source: str = Field(description="File name of the document, e.g. 'annex_flood.md'.")
    title: str
    section: str | None = Field(default=None, description="Heading path, e.g. 'Annex C — Flood > 4. Action checklist'.")
    page: str | None = Field(default=None, description="Page number, or a Chinese article like '第十条'.")
    score: float
    chunk_id: str
    language: str
    doc_type: str | None = Field(default=None, description="e.g. 'annex:flood'; None for documents without front matter.")
    hazards: list[str] = Field(default_factory=list, description="Hazard keys the document is tagged with.")
    path: str | None = Field(default=None, description="Absolute path of the ingested file.")

    def citation(self) -> str:
        """'Title, Section, p. N' (Chinese articles are cited as they are: 'Title, 第二章 防洪规划, 第十条')."""
        parts = [self.title]
        if self.section:
            parts.append(self.section)
        if self.page:
            parts.append(self.page if self.page.startswith("第") else f"p. {self.page}")
        return ", ".join(parts)


class KBStats(BaseModel):
    documents: int
    chunks: int
    by_language: dict[str, int] = Field(default_factory=dict, description="Chunks per language.")
    incomplete: list[str] = Field(default_factory=list, description="Paths whose last ingest was interrupted (invisible until re-ingested).")


# "duplicate": the same bytes are already in the knowledge base under another path (a second checkout or a copied
# folder); indexing them again would return every passage twice.
FileStatus = Literal["added", "replaced", "unchanged", "removed", "skipped", "duplicate"]


class HeldPassage(BaseModel):
    """A passage kept out of the index because it reads as instructions to the assistant (see ``ingest.PassageScreen``):
    retrieved passages are shown to a language model, so it must never see them."""

    where: str = Field(description="Its citation in the file: section and page, or 'HTML comment'.")
    text: str = Field(description="The sentence that speaks to the assistant, shortened.")


class FileOutcome(BaseModel):
    path: str
    status: FileStatus
    chunks: int = 0
    reason: str | None = Field(default=None, description="Why a file was skipped.")
    held_back: list[HeldPassage] = Field(default_factory=list, description="Passages not indexed: instructions to the assistant.")


class IngestReport(BaseModel):
    """What one ingest run did, file by file."""

    files: list[FileOutcome] = Field(default_factory=list)
    seconds: float = 0.0

    def count(self, status: FileStatus) -> int:
        return sum(1 for f in self.files if f.status == status)

    @property
    def chunks_written(self) -> int:
        return sum(f.chunks for f in self.files if f.status in ("added", "replaced"))

    @property
    def skipped(self) -> list[FileOutcome]:
        return [f for f in self.files if f.status == "skipped"]

    @property
    def held_back(self) -> list[tuple[str, HeldPassage]]:
        """(file path, passage) of every passage held back, in files added, replaced or unchanged."""
        return [(f.path, held) for f in self.files for held in f.held_back]

    @property
    def changed(self) -> bool:
        return any(f.status in ("added", "replaced", "removed") for f in self.files)

    def summary(self) -> str:
        return (
            f"{self.count('added')} added, {self.count('replaced')} replaced, {self.count('unchanged')} unchanged, "
            f"{self.count('removed')} removed, {self.count('skipped')} skipped, {self.count('duplicate')} duplicate; "
            f"{self.chunks_written} chunks written in {self.seconds:.1f} s"
            + (f"; {len(self.held_back)} passage(s) held back as instructions to the assistant" if self.held_back else "")
        )
