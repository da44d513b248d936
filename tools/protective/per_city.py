"""Data derived once from a city (its buildings, coastline, streets, lodgings), kept on the city object itself.

Kept on the city rather than in a module dict keyed by ``id(city)``: it lives and dies with the city, and a
new city that happens to get a freed city's id never receives the old city's data.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

_lock = threading.Lock()  # guards the stores and the per-key locks, never held while building
_ATTR = "_protective_derived"
_LOCKS_ATTR = "_protective_derived_locks"


def per_city(city: Any, key: str, build: Callable[[], T]) -> T:
    """``build()`` once per city and ``key``; concurrent first callers wait for the one build.

    Each key has its own lock, so a build may ask for another key (the shore band reads the coastline) and
    builds of different keys run side by side; a build that raises stores nothing (the next caller retries).
    """
    with _lock:
        store = city.__dict__.setdefault(_ATTR, {})
        if key in store:
            return store[key]
        key_lock = city.__dict__.setdefault(_LOCKS_ATTR, {}).setdefault(key, threading.Lock())
    with key_lock:
        with _lock:
            if key in store:  # built by the caller this one waited for
                return store[key]
        value = build()
        with _lock:
            store[key] = value
        return value
