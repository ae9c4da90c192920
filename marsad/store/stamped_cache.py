"""A bounded cache of answers that are current as of a store stamp.

The API's ``/search`` keeps its serialized answers here: a repeated query (the same
words, filters and page) is served from memory while the store's stamp
(:meth:`marsad.store.base.SQLStore.search_stamp`) is the one the answer was computed
under. Any change to what search reads moves the stamp, so a cached answer is never
stale: the next request finds its entry outdated and computes a fresh one.

Bounded twice, by entries and by bytes, least recently used first out; thread-safe.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable

__all__ = ["StampedCache"]


class StampedCache:
    """``key → (stamp, bytes)``, least recently used first out."""

    def __init__(self, max_entries: int = 1024, max_bytes: int = 32 * 2**20) -> None:
        self.max_entries = max(0, int(max_entries))
        self.max_bytes = max(0, int(max_bytes))
        self._items: OrderedDict[Hashable, tuple[Hashable, bytes]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = 0  # answers served from the cache

    def get(self, key: Hashable, stamp: Hashable) -> bytes | None:
        """The answer stored for ``key`` under ``stamp``; None when absent or outdated
        (an outdated entry is dropped)."""
        with self._lock:
            entry = self._items.get(key)
            if entry is None or entry[0] != stamp:
                if entry is not None:
                    self._drop(key)
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return entry[1]

    def put(self, key: Hashable, stamp: Hashable, body: bytes) -> None:
        """Keep ``body`` as the answer for ``key`` as of ``stamp`` (the stamp read
        *before* the answer was computed, so a change made meanwhile outdates it)."""
        if not self.max_entries or len(body) > self.max_bytes:
            return
        with self._lock:
            if key in self._items:
                self._drop(key)
            self._items[key] = (stamp, body)
            self._bytes += len(body)
            while len(self._items) > self.max_entries or self._bytes > self.max_bytes:
                self._drop(next(iter(self._items)))

    def _drop(self, key: Hashable) -> None:
        self._bytes -= len(self._items.pop(key)[1])

    def __len__(self) -> int:
        return len(self._items)
