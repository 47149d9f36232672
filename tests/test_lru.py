"""The bounded caches (store/lru.py): full, they drop the least recently used entry, one at a time,
never everything (the retriever's: tests/test_retrieve.py)."""
from __future__ import annotations

import threading

import pytest

from store.lru import LRU


def test_eviction_order_is_least_recently_used():
    cache: LRU[str, int] = LRU(3)
    for k, v in (("Noorpur", 1), ("Kairana", 2), ("Gorakhpur", 3)):
        cache[k] = v
    assert cache.get("Noorpur") == 1           # read: now the most recent
    cache["Phulpur"] = 4                        # full: the least recent (Kairana) goes, and only it
    assert list(cache) == ["Gorakhpur", "Noorpur", "Phulpur"]
    cache["Gorakhpur"] = 30                     # written again: the most recent
    cache["Araria"] = 5
    assert list(cache) == ["Phulpur", "Gorakhpur", "Araria"]
    assert "Noorpur" not in cache and cache.get("Noorpur") is None and len(cache) == 3
    with pytest.raises(KeyError):
        cache["Kairana"]


def test_a_presence_test_does_not_keep_an_entry():
    cache: LRU[int, str] = LRU(2)
    cache[1], cache[2] = "a", "b"
    assert 1 in cache
    cache[3] = "c"
    assert list(cache) == [2, 3]


def test_no_size_is_refused():
    with pytest.raises(ValueError, match="at least 1"):
        LRU(0)


def test_threads_never_exceed_the_size():
    cache: LRU[int, int] = LRU(100)

    def fill(base: int) -> None:
        for i in range(2000):
            cache[base + i] = i
            cache.get(base + i // 2)

    threads = [threading.Thread(target=fill, args=(n * 10_000,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(cache) == 100
