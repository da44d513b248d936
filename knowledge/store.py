"""The chromadb side: one collection per language (each language has its own encoder and dimension).

Works the same against the embedded PersistentClient and a Chroma server (HttpClient).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

import chromadb
import numpy as np
from chromadb.config import Settings as ChromaSettings

from core.settings import Settings
from knowledge.embeddings import EncoderSet
from knowledge.types import KnowledgeError

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
    path: str
    file_hash: str
    language: str
    ids: list[str]


class KBStore:
    """Collections '<prefix>__en' and '<prefix>__zh', created on demand."""

    def __init__(self, client: Any, prefix: str, encoders: EncoderSet) -> None:
        self.client = client
        self.prefix = prefix
        self.encoders = encoders
        self._collections: dict[str, Any] = {}

    @classmethod
    def from_settings(cls, settings: Settings, encoders: EncoderSet | None = None) -> "KBStore":
        return cls(make_client(settings), settings.kb_collection, encoders or EncoderSet.from_settings(settings))

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

    def files(self) -> dict[str, StoredFile]:
        """What is stored, per ingested file path."""
        out: dict[str, StoredFile] = {}
        for language in LANGUAGES:
            got = self.collection(language).get(include=["metadatas"])
            for chunk_id, meta in zip(got["ids"], got["metadatas"] or []):
                entry = out.setdefault(
                    meta["path"], StoredFile(meta["path"], meta.get("file_hash", ""), language, [])
                )
                entry.ids.append(chunk_id)
        return out

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
        for start in range(0, len(ids), MAX_BATCH):
            end = start + MAX_BATCH
            collection.upsert(
                ids=ids[start:end],
                embeddings=embeddings[start:end],
                documents=documents[start:end],
                metadatas=metadatas[start:end],
            )

    def delete(self, language: str, ids: list[str]) -> None:
        collection = self.collection(language)
        for start in range(0, len(ids), MAX_BATCH):
            collection.delete(ids=ids[start : start + MAX_BATCH])

    def mark_changed(self) -> None:
        """Record a new revision so that open retrievers rebuild their BM25 index."""
        for language in LANGUAGES:
            self.collection(language).modify(metadata={"revision": f"{time.time_ns()}"})

    def signature(self) -> tuple:
        """Changes whenever the stored chunks change (count alone misses a same-size replacement)."""
        sig = []
        for language in LANGUAGES:
            self._collections.pop(language, None)  # re-fetch: the client caches collection metadata
            collection = self.collection(language)
            sig.append((language, collection.count(), (collection.metadata or {}).get("revision")))
        return tuple(sig)
