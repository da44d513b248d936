"""Data derived once from a city (its buildings, coastline, streets, lodgings), kept on the city object itself.

Kept on the city rather than in a module dict keyed by ``id(city)``: it lives and dies with the city, and a
new city that happens to get a freed city's id never receives the old city's data.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

_lock = threading.Lock()
_ATTR = "_protective_derived"


def per_city(city: Any, key: str, build: Callable[[], T]) -> T:
    """``build()`` once per city and ``key``; built outside the lock (two first callers may both build, one result is kept)."""
    with _lock:
        store = city.__dict__.setdefault(_ATTR, {})
        if key in store:
            return store[key]
    value = build()
    with _lock:
        return store.setdefault(key, value)
