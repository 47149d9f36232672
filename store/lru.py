"""A bounded mapping that forgets the least recently used entry first: the one cache every layer
keeps its per-text and per-question work in (folded passages, names found in a sentence, rows of an
election), so that a busy bot loses one cold entry at a time instead of everything when full.

`functools.lru_cache` needs hashable arguments and caches a function; these caches are keyed by
ids and texts whose values are checked against the current text before use, so they are mappings.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")
_MISSING = object()


class LRU(Generic[K, V]):
    """At most `size` entries; reading or writing one makes it the most recent; writing past
    `size` drops the least recent. Thread-safe (each operation holds a lock)."""

    def __init__(self, size: int) -> None:
        if size < 1:
            raise ValueError(f"LRU size must be at least 1, not {size}")
        self.size = size
        self._data: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K, default: V | None = None) -> V | None:
        with self._lock:
            value = self._data.get(key, _MISSING)
            if value is _MISSING:
                return default
            self._data.move_to_end(key)
            return value  # type: ignore[return-value]

    def __getitem__(self, key: K) -> V:
        value = self.get(key, _MISSING)  # type: ignore[arg-type]
        if value is _MISSING:
            raise KeyError(key)
        return value  # type: ignore[return-value]

    def __setitem__(self, key: K, value: V) -> None:
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self.size:
                self._data.popitem(last=False)

    def __contains__(self, key: object) -> bool:
        with self._lock:
            return key in self._data        # a test of presence does not make an entry recent

    def __len__(self) -> int:
        return len(self._data)

    def __iter__(self) -> Iterator[K]:
        with self._lock:
            return iter(list(self._data))   # oldest first

    def full(self) -> bool:
        return len(self._data) >= self.size

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
