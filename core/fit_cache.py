"""A fitted model kept on disk (joblib) with the key it was fitted under, so a process loads it instead of fitting.

The key names everything that shapes the fit (a digest of the training data, the estimator's settings and code,
library versions).  A cache with another key is stale, one that cannot be read is refitted: each with the reason
logged, never a traceback.  A cache that cannot be written only costs the next process a fit.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import inspect
import logging
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import joblib

log = logging.getLogger(__name__)

T = TypeVar("T")


def load_or_fit(path: Path, key: dict[str, Any], fit: Callable[[], T], what: str = "model") -> T:
    """The object cached at ``path`` under ``key``, else ``fit()``, cached there under ``key``."""
    found, value = _cached(path, key)
    if found:
        log.info("%s: loaded the cached fit %s", what, path)
        return value
    log.info("%s: fitting (%s)", what, value)
    value = fit()
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:  # written whole, then renamed: a concurrent reader never sees half
            joblib.dump({"key": key, "value": value}, handle)
        os.replace(tmp, path)
    except OSError as exc:
        log.warning("%s: could not cache the fit at %s (%s)", what, path, exc)
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
    return value


def fit_key(data: Iterable[bytes], code: Iterable[Any], packages: Iterable[str]) -> dict[str, str]:
    """The key of a fit: a digest of the training data's pieces (each length-prefixed, so two pieces never read as
    one), a digest of the code that reads and fits them (a function's or class's source; any other value by its repr)
    and the installed version of each package whose objects are stored or whose vectors the fit learns from."""
    digest = hashlib.sha256()
    for piece in data:
        digest.update(f"{len(piece)}:".encode() + piece)
    source = hashlib.sha256()
    for part in code:
        source.update((inspect.getsource(part) if inspect.isfunction(part) or inspect.isclass(part) else repr(part)).encode("utf-8"))
    key = {"data": digest.hexdigest(), "code": source.hexdigest()}
    for name in packages:
        try:
            key[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:  # installed another way: keyed on the rest
            key[name] = "unknown"
    return key


def _cached(path: Path, key: dict[str, Any]) -> tuple[bool, Any]:
    """(True, the cached value), or (False, why there is none to use)."""
    if not path.is_file():
        return False, f"no cached fit at {path}"
    try:
        cached = joblib.load(path)
        stored, value = dict(cached["key"]), cached["value"]
    except Exception as exc:  # noqa: BLE001 - any unreadable cache (truncated, another format, missing class) is refitted
        return False, f"cached fit {path} unreadable: {type(exc).__name__}: {exc}"
    changed = sorted(k for k in set(stored) | set(key) if stored.get(k) != key.get(k))
    if changed:
        return False, f"cached fit {path} is stale: {', '.join(changed)} changed"
    return True, value
