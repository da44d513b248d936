"""The chromadb side: one collection per language (each language has its own encoder and dimension).

Works the same against the embedded PersistentClient and a Chroma server (HttpClient).

A document becomes visible only when all its chunks are written. Chunks are written in several
batches, which chromadb does not make all-or-nothing, so each document version is *committed* by
one single-record write to a manifest collection (``<prefix>__manifest``: path -> file hash and
chunk count) after its last chunk. Readers see only chunks of committed versions; chunks of an
interrupted write are invisible, reported as incomplete, and repaired by the next ingest.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

import chromadb
import numpy as np
from chromadb.config import Settings as ChromaSettings

from core.settings import Settings
from knowledge.embeddings import EncoderSet
from knowledge.types import HeldPassage, KnowledgeError

log = logging.getLogger(__name__)

#: chromadb rejects a single add with more than ~5,461 records.
MAX_BATCH = 5000
LANGUAGES = ("en", "zh")


def make_client(settings: Settings) -> Any:
    """Embedded PersistentClient under settings.chroma_dir, or HttpClient when settings.chroma_url is set."""
    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url if "://" in settings.chroma_url else f"http://{settings.chroma_url}")
        if not url.hostname:
            raise KnowledgeError(f"ECA_CHROMA_URL {settings.chroma_url!r} is not a http://host:port URL")
        port = url.port or (443 if url.scheme == "https" else 8000)
        try:
            return chromadb.HttpClient(host=url.hostname, port=port, ssl=url.scheme == "https", settings=chroma_settings)
        except Exception as exc:  # chromadb raises plain ValueError/ConnectError variants
            raise KnowledgeError(f"cannot reach the Chroma server at {settings.chroma_url}: {exc}") from None
    try:
        settings.chroma_dir.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(settings.chroma_dir), settings=chroma_settings)
    except Exception as exc:
        raise KnowledgeError(f"cannot open the knowledge base under {settings.chroma_dir}: {exc}") from None


@dataclass
class StoredFile:
    """What the store holds for one path: every chunk id, and the committed version if any."""

    path: str
    file_hash: str  # the committed version's hash; "" when no version of this path is committed
    language: str
    ids: list[str]  # all chunk ids of the path: committed, stale and orphaned alike
    committed_chunks: int = 0  # chunk count the manifest promises for the committed version
    present_chunks: int = 0  # chunks actually stored with the committed hash
    screened: bool = False  # the committed version's passages went through a PassageScreen (knowledge.ingest)
    held_back: list[HeldPassage] = field(default_factory=list)  # what that screen kept out of the index

    @property
    def complete(self) -> bool:
        return bool(self.file_hash) and self.present_chunks == self.committed_chunks > 0


@dataclass(frozen=True)
class CommittedDocument:
    path: str
    file_hash: str
    chunks: int
    language: str
    screened: bool = False
    held_back: tuple[HeldPassage, ...] = ()


class KBStore:
    """Collections '<prefix>__en' and '<prefix>__zh', created on demand."""

    def __init__(self, client: Any, prefix: str, encoders: EncoderSet, write_batch: int = MAX_BATCH) -> None:
        self.client = client
        self.prefix = prefix
        self.encoders = encoders
        self.write_batch = max(1, min(write_batch, MAX_BATCH))
        self._collections: dict[str, Any] = {}

    @classmethod
    def from_settings(cls, settings: Settings, encoders: EncoderSet | None = None) -> "KBStore":
        return cls(make_client(settings), settings.kb_collection, encoders or EncoderSet.from_settings(settings),
                   write_batch=settings.kb_write_batch)

    def collection(self, language: str) -> Any:
        if language not in self._collections:
            try:
                self._collections[language] = self.client.get_or_create_collection(
                    name=f"{self.prefix}__{language}",
                    embedding_function=self.encoders.for_language(language),
                    configuration={"hnsw": {"space": "cosine"}},
                )
            except Exception as exc:
                raise KnowledgeError(f"knowledge base collection {self.prefix}__{language} is unusable: {exc}") from None
        return self._collections[language]

    def manifest(self) -> Any:
        if "manifest" not in self._collections:
            try:
                # No embedding function: manifest records carry an explicit 1-d placeholder vector and no text.
                self._collections["manifest"] = self.client.get_or_create_collection(
                    name=f"{self.prefix}__manifest", embedding_function=None
                )
            except Exception as exc:
                raise KnowledgeError(f"knowledge base manifest {self.prefix}__manifest is unusable: {exc}") from None
        return self._collections["manifest"]

    def committed(self) -> dict[str, CommittedDocument]:
        """path -> the committed (complete, visible) version of that document."""
        got = self.manifest().get(include=["metadatas"])
        return {
            meta["path"]: CommittedDocument(meta["path"], meta["file_hash"], int(meta["chunks"]), meta["language"],
                                            bool(meta.get("screened", False)), _held_from(meta.get("held_back")))
            for meta in got["metadatas"] or []
        }

    def commit(self, path: str, file_hash: str, chunks: int, language: str, *, screened: bool = False,
               held_back: list[HeldPassage] | None = None) -> None:
        """Make one document version visible: a single-record write, so it happens entirely or not at all.

        screened: its passages went through a PassageScreen; held_back: what the screen kept out (told again on every
        later ingest that finds the file unchanged)."""
        self.manifest().upsert(
            ids=[_doc_id(path)], embeddings=[[1.0]],
            metadatas=[{"path": path, "file_hash": file_hash, "chunks": chunks, "language": language, "screened": screened,
                        "held_back": json.dumps([h.model_dump() for h in held_back or []], ensure_ascii=False)}],
        )

    def uncommit(self, path: str) -> None:
        """Hide a document (first step of removing it)."""
        self.manifest().delete(ids=[_doc_id(path)])

    def files(self) -> dict[str, StoredFile]:
        """What is stored, per file path, with the committed version and how complete it is."""
        committed = self.committed()
        out: dict[str, StoredFile] = {}
        for language in LANGUAGES:
            got = self.collection(language).get(include=["metadatas"])
            for chunk_id, meta in zip(got["ids"], got["metadatas"] or []):
                path = meta["path"]
                version = committed.get(path)
                entry = out.setdefault(path, StoredFile(
                    path, version.file_hash if version else "", language, [], version.chunks if version else 0,
                    screened=version.screened if version else False, held_back=list(version.held_back) if version else []))
                entry.ids.append(chunk_id)
                if version and meta.get("file_hash") == version.file_hash:
                    entry.present_chunks += 1
        return out

    def visible_mask(self, metadatas: list[dict], committed: dict[str, CommittedDocument] | None = None) -> list[bool]:
        """Which chunks belong to a committed version (what readers may see)."""
        committed = self.committed() if committed is None else committed
        return [
            (version := committed.get(m.get("path", ""))) is not None and m.get("file_hash") == version.file_hash
            for m in metadatas
        ]

    def incomplete(self) -> list[StoredFile]:
        """Paths whose last ingest was interrupted, repaired by the next one: no complete committed version, or
        chunks of an unfinished newer version beside the committed one (which stays visible meanwhile)."""
        return [entry for entry in self.files().values() if not entry.complete or len(entry.ids) > entry.present_chunks]

    def embeddings_by_content(self, language: str, ids: list[str]) -> dict[str, np.ndarray]:
        """content_hash -> stored embedding for the given chunk ids (reused when a file changes a little)."""
        if not ids:
            return {}
        got = self.collection(language).get(ids=ids, include=["metadatas", "embeddings"])
        embeddings = got.get("embeddings")
        if embeddings is None:
            return {}
        return {
            meta["content_hash"]: np.asarray(vec, dtype=np.float32)
            for meta, vec in zip(got["metadatas"], embeddings)
            if meta.get("content_hash")
        }

    def add(self, language: str, ids: list[str], embeddings: np.ndarray, documents: list[str], metadatas: list[dict]) -> None:
        collection = self.collection(language)
        log.debug("writing %d chunks in batches of %d", len(ids), self.write_batch)
        for start in range(0, len(ids), self.write_batch):
            end = start + self.write_batch
            collection.upsert(
                ids=ids[start:end],
                embeddings=embeddings[start:end],
                documents=documents[start:end],
                metadatas=metadatas[start:end],
            )

    def delete(self, language: str, ids: list[str]) -> None:
        collection = self.collection(language)
        for start in range(0, len(ids), self.write_batch):
            collection.delete(ids=ids[start : start + self.write_batch])

    def mark_changed(self) -> None:
        """Record a new revision so that open retrievers rebuild their BM25 index."""
        for language in LANGUAGES:
            self.collection(language).modify(metadata={"revision": f"{time.time_ns()}"})
        self.manifest().modify(metadata={"revision": f"{time.time_ns()}"})

    def signature(self) -> tuple:
        """Changes whenever the stored chunks change (count alone misses a same-size replacement)."""
        sig = []
        for language in LANGUAGES:
            self._collections.pop(language, None)  # re-fetch: the client caches collection metadata
            collection = self.collection(language)
            sig.append((language, collection.count(), (collection.metadata or {}).get("revision")))
        self._collections.pop("manifest", None)
        manifest = self.manifest()
        sig.append(("manifest", manifest.count(), (manifest.metadata or {}).get("revision")))
        return tuple(sig)


def _held_from(raw: object) -> tuple[HeldPassage, ...]:
    """The manifest's held-back passages (a JSON list; absent in a store written before screening existed)."""
    if not isinstance(raw, str) or not raw:
        return ()
    try:
        return tuple(HeldPassage.model_validate(item) for item in json.loads(raw))
    except (ValueError, TypeError):
        return ()


def _doc_id(path: str) -> str:
    return hashlib.sha1(path.encode("utf-8")).hexdigest()
