"""Locality-sensitive hashing over MinHash signatures, updatable and evictable by age.

:class:`LSHIndex` follows datasketch's ``MinHashLSH`` (validated constructor, banding
derived from the threshold and the error rate asked for, ``insert``/``query``/
``remove``) with two differences that matter to a news monitor:

* banding is chosen to keep *misses* rare: datasketch's default for threshold 0.8
  (9 bands × 13 rows) misses about 10% of true pairs on SaudiNewsNet; here the
  expected miss rate over ``[threshold, 1]`` is bounded by ``false_negative`` (0.01
  gives 16 × 8 for 0.8 and 128 permutations) and false positives are minimized under
  that bound. Candidates are then *verified* on the signatures (``similar``), so false
  positives of the banding cost time, not precision;
* every entry carries a time (insertion order by default, or an article date as a
  number) and :meth:`LSHIndex.evict_before` drops old entries, so an index fed for
  months stays the size of its window.

Example:
    >>> import numpy as np
    >>> index = LSHIndex(threshold=0.8, num_perm=128)
    >>> (index.bands, index.rows)
    (16, 8)
    >>> sig = np.arange(128, dtype=np.uint32)
    >>> index.insert("a", sig, time=1.0)
    >>> index.similar(sig)
    [('a', 1.0)]
    >>> index.evict_before(2.0)
    1
    >>> len(index)
    0
"""
from __future__ import annotations

import functools
import heapq
import itertools
from collections.abc import Hashable, Iterable

import numpy as np

__all__ = ["LSHIndex", "optimal_banding", "candidate_probability", "colliding_pairs", "bucket_pairs"]

_BAND_MULT = np.random.default_rng(20150721).integers(1, 1 << 63, size=64, dtype=np.uint64) * np.uint64(2) + np.uint64(1)


def candidate_probability(similarity: float | np.ndarray, bands: int, rows: int) -> float | np.ndarray:
    """Chance that two sets with this Jaccard similarity share at least one band."""
    return 1.0 - (1.0 - np.power(similarity, rows)) ** bands


@functools.lru_cache(maxsize=64)
def optimal_banding(threshold: float, num_perm: int, false_negative: float = 0.01, exact: bool = False) -> tuple[int, int]:
    """(bands, rows) with ``bands * rows <= num_perm`` for this threshold
    (``== num_perm`` when ``exact``, as libraries such as rensa require).

    Among bandings whose mean miss probability over similarities in
    ``[threshold, 1]`` is at most ``false_negative``, the one with the smallest mean
    candidate probability over ``[0, threshold]`` (fewest false candidates); if none
    meets the bound, the one with the fewest misses.
    """
    hi = np.linspace(threshold, 1.0, 401)
    lo = np.linspace(0.0, threshold, 401)
    best: tuple[float, float, int, int] | None = None
    fallback: tuple[float, float, int, int] | None = None
    for rows in range(1, num_perm + 1):
        bands = num_perm // rows
        if exact and bands * rows != num_perm:
            continue
        miss = float(np.mean(1.0 - candidate_probability(hi, bands, rows)))
        false_pos = float(np.mean(candidate_probability(lo, bands, rows)))
        if miss <= false_negative and (best is None or (false_pos, miss) < best[:2]):
            best = (false_pos, miss, bands, rows)
        if fallback is None or (miss, false_pos) < fallback[:2]:
            fallback = (miss, false_pos, bands, rows)
    chosen = best or fallback
    assert chosen is not None
    return chosen[2], chosen[3]


def colliding_pairs(band_keys: np.ndarray, valid: np.ndarray | None = None) -> np.ndarray:
    """All pairs ``(i, j)``, ``i < j``, sharing at least one band key: the batch
    equivalent of inserting every row into an :class:`LSHIndex` and querying each.

    ``band_keys`` is ``(n, bands)`` from :meth:`LSHIndex.band_keys`; rows where
    ``valid`` is False (e.g. texts without shingles) take part in no pair. Returns an
    ``(m, 2)`` int64 array sorted by ``(i, j)``. Vectorized: one sort per band
    column, then every pair inside every bucket generated with ``np.repeat``
    arithmetic (no Python loop over buckets).
    """
    n, bands = band_keys.shape
    rows_all = np.arange(n, dtype=np.int64) if valid is None else np.flatnonzero(valid).astype(np.int64)
    if rows_all.size < 2:
        return np.zeros((0, 2), dtype=np.int64)
    # sort each band's column on its own (one argsort call over axis 1): buckets never
    # span two bands, with no hashing of the band into the key
    columns = band_keys[rows_all].T
    order = np.argsort(columns, axis=1, kind="stable")
    cells = np.take_along_axis(columns, order, axis=1).ravel()
    owner = rows_all[order].ravel()
    band_start = np.zeros(cells.size, dtype=bool)
    band_start[:: rows_all.size] = True
    pairs = _sorted_bucket_pairs(cells, owner, band_start)
    if not pairs.size:
        return pairs
    code = np.unique(pairs[:, 0] * n + pairs[:, 1])
    return np.stack([code // n, code % n], axis=1)


def bucket_pairs(keys: np.ndarray, owner: np.ndarray, space: np.ndarray | None = None) -> np.ndarray:
    """Every pair of distinct owners that share a key, once per shared key.

    ``keys`` and ``owner`` are parallel arrays (a row may own several keys); with
    ``space`` (parallel too, e.g. the band of each key) only keys of the same space
    are compared. Returns an ``(m, 2)`` int64 array with ``pairs[:, 0] < pairs[:, 1]``,
    not deduplicated (a pair appears once per key it shares: count them to get the
    overlap). Vectorized: one sort, then every pair inside every bucket generated with
    ``np.repeat``.
    """
    if keys.size < 2:
        return np.zeros((0, 2), dtype=np.int64)
    if space is None:
        order = np.argsort(keys, kind="stable")
        keys, owner = keys[order], owner[order]
        new_space = np.zeros(keys.size, dtype=bool)
    else:
        order = np.lexsort((keys, space))
        keys, owner, space = keys[order], owner[order], space[order]
        new_space = np.concatenate(([False], space[1:] != space[:-1]))
    return _sorted_bucket_pairs(keys, owner, new_space)


def _sorted_bucket_pairs(keys: np.ndarray, owner: np.ndarray, new_space: np.ndarray) -> np.ndarray:
    """:func:`bucket_pairs` over keys already sorted within spaces; ``new_space``
    marks the first key of each space."""
    if keys.size < 2:
        return np.zeros((0, 2), dtype=np.int64)
    boundary = np.concatenate(([True], keys[1:] != keys[:-1]))
    boundary |= new_space
    starts = np.flatnonzero(boundary)
    lengths = np.diff(np.append(starts, keys.size))
    multi = lengths >= 2
    if not multi.any():
        return np.zeros((0, 2), dtype=np.int64)
    starts, lengths = starts[multi], lengths[multi]
    # every cell of a multi-member bucket pairs with each later cell of its bucket
    pos = np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    cell = np.repeat(starts, lengths) + pos
    after = np.repeat(lengths, lengths) - 1 - pos
    left = np.repeat(cell, after)
    first_right = np.repeat(np.cumsum(after) - after, after)
    right = left + 1 + (np.arange(left.size) - first_right)
    a, b = owner[left], owner[right]
    keep = a != b
    return np.stack([np.minimum(a[keep], b[keep]), np.maximum(a[keep], b[keep])], axis=1).astype(np.int64)


class LSHIndex:
    """Banded LSH index of MinHash signatures with verification and age eviction.

    Args:
        threshold: Jaccard similarity from which two texts count as near-duplicates.
        num_perm: signature length (must match the signatures inserted).
        false_negative: bound on the mean miss probability over ``[threshold, 1]``
            used to derive the banding (ignored when ``bands`` and ``rows`` are given).
        bands, rows: explicit banding (both or neither; ``bands * rows <= num_perm``).

    Attributes:
        bands, rows: the banding in use.
    """

    def __init__(
        self,
        threshold: float = 0.8,
        num_perm: int = 128,
        false_negative: float = 0.01,
        bands: int | None = None,
        rows: int | None = None,
    ) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold}")
        if num_perm < 2:
            raise ValueError(f"num_perm must be at least 2, got {num_perm}")
        if not 0.0 < false_negative < 1.0:
            raise ValueError(f"false_negative must be in (0, 1), got {false_negative}")
        if (bands is None) != (rows is None):
            raise ValueError("give both bands and rows, or neither")
        if bands is None or rows is None:
            bands, rows = optimal_banding(threshold, num_perm, false_negative)
        if bands < 1 or rows < 1 or bands * rows > num_perm or rows > _BAND_MULT.size:
            raise ValueError(f"bands × rows = {bands} × {rows} does not fit {num_perm} permutations")
        self.threshold = threshold
        self.num_perm = num_perm
        self.bands = bands
        self.rows = rows
        self._tables: list[dict[int, list[Hashable]]] = [{} for _ in range(bands)]
        self._entries: dict[Hashable, tuple[np.ndarray, list[int], float]] = {}
        self._by_time: list[tuple[float, int, Hashable]] = []
        self._counter = itertools.count()

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._entries

    def band_keys(self, signatures: np.ndarray) -> np.ndarray:
        """(n, bands) uint64 bucket keys of a (n, num_perm) signature matrix."""
        sig = np.atleast_2d(signatures)
        if sig.shape[1] != self.num_perm:
            raise ValueError(f"signature has {sig.shape[1]} values, index expects {self.num_perm}")
        used = sig[:, : self.bands * self.rows].astype(np.uint64).reshape(sig.shape[0], self.bands, self.rows)
        with np.errstate(over="ignore"):
            keys = (used * _BAND_MULT[: self.rows]).sum(axis=2, dtype=np.uint64)
            keys ^= keys >> np.uint64(29)
        return keys

    def insert(self, key: Hashable, signature: np.ndarray, time: float | None = None, band_keys: np.ndarray | None = None) -> None:
        """Add ``key`` (KeyError-safe: re-inserting a key replaces it).

        ``time`` orders eviction (default: insertion order); pass an article's
        timestamp to evict by publication date.
        """
        if key in self._entries:
            self.remove(key)
        keys = (self.band_keys(signature)[0] if band_keys is None else band_keys).tolist()
        for table, bucket in zip(self._tables, keys):
            table.setdefault(bucket, []).append(key)
        stamp = float(next(self._counter)) if time is None else float(time)
        self._entries[key] = (np.asarray(signature, dtype=np.uint32).ravel(), keys, stamp)
        heapq.heappush(self._by_time, (stamp, next(self._counter), key))

    def insert_many(self, keys: Iterable[Hashable], signatures: np.ndarray, times: Iterable[float] | None = None) -> None:
        """Insert a batch (band keys computed in one numpy pass)."""
        band_keys = self.band_keys(signatures)
        time_list = list(times) if times is not None else None
        for i, key in enumerate(keys):
            self.insert(key, signatures[i], None if time_list is None else time_list[i], band_keys[i])

    def remove(self, key: Hashable) -> None:
        """Drop ``key`` from the index (KeyError if absent)."""
        _, keys, _ = self._entries.pop(key)
        for table, bucket in zip(self._tables, keys):
            members = table[bucket]
            members.remove(key)
            if not members:
                del table[bucket]

    def query(self, signature: np.ndarray, band_keys: np.ndarray | None = None) -> set[Hashable]:
        """Keys sharing at least one band with ``signature`` (unverified candidates)."""
        keys = (self.band_keys(signature)[0] if band_keys is None else band_keys).tolist()
        found: set[Hashable] = set()
        for table, bucket in zip(self._tables, keys):
            members = table.get(bucket)
            if members:
                found.update(members)
        return found

    def similar(self, signature: np.ndarray, band_keys: np.ndarray | None = None, threshold: float | None = None) -> list[tuple[Hashable, float]]:
        """Candidates whose estimated Jaccard similarity is at least the threshold,
        most similar first, as ``(key, estimate)``."""
        limit = self.threshold if threshold is None else threshold
        sig = np.asarray(signature, dtype=np.uint32).ravel()
        out = []
        for key in self.query(sig, band_keys):
            other = self._entries[key][0]
            estimate = float(np.count_nonzero(other == sig)) / self.num_perm
            if estimate >= limit:
                out.append((key, estimate))
        out.sort(key=lambda kv: (-kv[1], str(kv[0])))
        return out

    def evict_before(self, time: float) -> int:
        """Remove every entry whose time is earlier than ``time``; returns how many."""
        removed = 0
        while self._by_time and self._by_time[0][0] < time:
            stamp, _, key = heapq.heappop(self._by_time)
            entry = self._entries.get(key)
            if entry is not None and entry[2] == stamp:
                self.remove(key)
                removed += 1
        return removed
