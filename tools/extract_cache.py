"""Derived data of an OSM extract, pickled once and reused: keyed by the extract's content and a code version.

A cache file that cannot be read or holds the wrong type is rebuilt, never trusted; a new file is written
atomically (a concurrent reader never sees half of it), and files of older code versions are removed.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")


def cache_path(pbf: Path, cache_dir: Path, kind: str, version: int) -> Path:
    """``<cache_dir>/<kind>-<content digest>-v<version>.pkl``."""
    digest = hashlib.sha1()
    with open(pbf, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return cache_dir / f"{kind}-{digest.hexdigest()[:16]}-v{version}.pkl"


def load_or_build(pbf: Path, cache_dir: Path | None, kind: str, version: int, expected: type[T],
                  build: Callable[[Path], T]) -> tuple[T, bool]:
    """(data, came_from_cache): the cached ``expected`` object of this extract, else ``build(pbf)``, then cached."""
    cache = cache_path(pbf, cache_dir, kind, version) if cache_dir is not None else None
    if cache is not None and cache.is_file():
        try:
            with open(cache, "rb") as fh:
                data = pickle.load(fh)
            if isinstance(data, expected):
                return data, True
        except Exception as exc:
            log.warning("ignoring unreadable %s cache %s (%s); rebuilding", kind, cache, exc)
    data = build(pbf)
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cache)
        stem = cache.name.rsplit("-v", 1)[0]
        for stale in cache.parent.glob(f"{stem}-v*.pkl"):
            if stale != cache:  # written by an older version of the code
                stale.unlink(missing_ok=True)
    return data, False
