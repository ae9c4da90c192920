"""The persistent LSH index of the reuse layer: band buckets in a store table.

Each analysed article's MinHash signature is banded twice, as the batch reuse stage
does (:func:`marsad.reuse.find_reuse`): with the banding derived from the
near-duplicate threshold (few misses above it) and with the permissive
``candidate_banding`` that proposes rewritten copies for sentence alignment. Every
bucket becomes one ``live_bands`` row (bucket, article, day), so a new article's
candidates are one indexed query, the index survives restarts, and eviction by age is
one ``DELETE … WHERE day < ?`` — the window datasketch users ask for.
"""
from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from marsad.reuse import ReuseSettings
from marsad.reuse.lsh import LSHIndex

__all__ = ["bucket_keys", "insert_rows", "candidates", "evict_before", "WINDOW_DAYS"]

#: Articles older than the newest stored day minus this many days leave the index.
WINDOW_DAYS = 7.0
_MIX = np.uint64(0x9E3779B97F4A7C15)


@lru_cache(maxsize=8)
def _indexes(threshold: float, num_perm: int, false_negative: float, candidate: tuple[int, int]) -> tuple[LSHIndex, LSHIndex]:
    strict = LSHIndex(threshold=threshold, num_perm=num_perm, false_negative=false_negative)
    loose = LSHIndex(threshold=threshold, num_perm=num_perm, bands=candidate[0], rows=candidate[1])
    return strict, loose


def bucket_keys(signature: np.ndarray, settings: ReuseSettings | None = None) -> list[int]:
    """Signed 64-bit bucket ids of one signature under both bandings (band number mixed
    in, so equal buckets of different bands never meet)."""
    s = settings or ReuseSettings()
    strict, loose = _indexes(s.threshold, s.num_perm, s.false_negative, tuple(s.candidate_banding))
    keys = np.concatenate([strict.band_keys(signature)[0], loose.band_keys(signature)[0]])
    with np.errstate(over="ignore"):
        mixed = keys ^ (np.arange(1, keys.size + 1, dtype=np.uint64) * _MIX)
    return mixed.view(np.int64).tolist()


def insert_rows(cur: Any, store: Any, article_id: str, signature: np.ndarray, day: float, settings: ReuseSettings | None = None) -> None:
    """Add one article's buckets to the index (inside the caller's transaction)."""
    store._many(
        cur,
        "INSERT INTO live_bands (bucket, article_id, day) VALUES (?, ?, ?)",
        ((key, article_id, day) for key in bucket_keys(signature, settings)),
    )


def candidates(
    store: Any, signature: np.ndarray, since_day: float, settings: ReuseSettings | None = None, exclude: Sequence[str] = ()
) -> list[tuple[str, float]]:
    """Indexed articles (dated ``since_day`` or later) sharing a bucket with
    ``signature`` whose signatures agree on at least ``candidate_estimate`` of their
    values, as (article id, estimated Jaccard), best first, at most ``max_candidates``."""
    s = settings or ReuseSettings()
    keys = bucket_keys(signature, s)
    marks = ",".join("?" * len(keys))
    ids = [r[0] for r in store._all(f"SELECT DISTINCT article_id FROM live_bands WHERE bucket IN ({marks}) AND day >= ?", [*keys, since_day])]
    ids = [i for i in ids if i not in set(exclude)]
    if not ids:
        return []
    found: list[tuple[str, float]] = []
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        rows = store._all(f"SELECT article_id, signature FROM live_analysis WHERE article_id IN ({','.join('?' * len(chunk))})", chunk)
        for article_id, blob in rows:
            other = np.frombuffer(bytes(blob), dtype=np.uint32)
            if other.size != signature.size:
                continue
            estimate = float(np.count_nonzero(other == signature)) / signature.size
            if estimate >= s.candidate_estimate:
                found.append((article_id, estimate))
    found.sort(key=lambda kv: (-kv[1], kv[0]))
    return found[: s.max_candidates]


def evict_before(cur: Any, store: Any, day: float) -> None:
    """Drop the buckets of articles dated before ``day`` (inside the caller's transaction)."""
    cur.execute(store._sql("DELETE FROM live_bands WHERE day < ?"), (day,))
