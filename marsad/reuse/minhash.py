"""MinHash signatures of many shingle sets at once (numpy, no Python loop per text).

Two estimators of Jaccard similarity, both giving one uint32 row per text:

* :func:`oph_signatures` — *one permutation hashing* with optimal densification
  (Li, Owen & Zhang 2012; Shrivastava 2017). Each 64-bit shingle hash falls into one
  of ``num_perm`` bins by its top bits; a bin keeps the minimum of the remaining bits.
  Empty bins borrow the value of the first non-empty bin along a fixed pseudo-random
  probe sequence (the same for every text, so equal sets stay equal). The chance that
  two texts agree on a bin is their Jaccard similarity, as for classic MinHash, but the
  cost is one pass over the shingles instead of ``num_perm`` — the reason it is the
  default (measured in ``BENCHMARKS.md``).
* :func:`classic_signatures` — ``num_perm`` random affine maps ``(a·x + b) mod 2**64``
  (top 32 bits kept), minimum per text: the textbook MinHash (as datasketch computes
  it), vectorized over the whole batch. Kept as the reference the benchmark compares.

A text with no shingles gets a row of ``EMPTY`` (it matches nothing: callers skip it).
"""
from __future__ import annotations

import functools

import numpy as np

from marsad.reuse.shingle import ShingleBatch

__all__ = ["oph_signatures", "classic_signatures", "estimate_jaccard", "EMPTY"]

EMPTY = np.uint32(0xFFFFFFFF)
_U64_MAX = np.uint64(0xFFFFFFFFFFFFFFFF)
_PROBES = 64


def _check_num_perm(num_perm: int) -> int:
    if num_perm < 2 or num_perm & (num_perm - 1) or num_perm > 1024:
        raise ValueError(f"num_perm must be a power of two in 2..1024, got {num_perm}")
    return num_perm.bit_length() - 1


@functools.lru_cache(maxsize=8)
def _probe_table(num_perm: int, seed: int) -> np.ndarray:
    """(num_perm, _PROBES) bins each empty bin tries in turn (never itself)."""
    rng = np.random.default_rng(seed)
    table = rng.integers(0, num_perm - 1, size=(num_perm, _PROBES))
    table += table >= np.arange(num_perm)[:, None]  # skip the bin itself
    return table


def oph_signatures(batch: ShingleBatch, num_perm: int = 128, seed: int = 1) -> np.ndarray:
    """Densified one-permutation MinHash: ``(len(batch), num_perm)`` uint32."""
    bits = _check_num_perm(num_perm)
    count = len(batch)
    hashes, doc = batch.hashes, batch.doc
    shift = np.uint64(64 - bits)
    bins = (hashes >> shift).astype(np.int64)
    values = ((hashes << np.uint64(bits)) >> np.uint64(32)).astype(np.uint32)  # next 32 bits
    flat = np.full(count * num_perm, EMPTY, dtype=np.uint32)
    np.minimum.at(flat, doc * num_perm + bins, values)
    sig = flat.reshape(count, num_perm)
    # ``EMPTY`` as a real value is possible but has probability 2**-32 per bin; the
    # densification then treats that bin as empty, which changes nothing observable.
    empty = sig == EMPTY
    has_any = ~empty.all(axis=1)
    rows, cols = np.nonzero(empty & has_any[:, None])
    if rows.size:
        source = sig.copy()
        probes = _probe_table(num_perm, seed)
        for t in range(_PROBES):
            cand = probes[cols, t]
            got = source[rows, cand]
            ok = got != EMPTY
            sig[rows[ok], cols[ok]] = got[ok]
            rows, cols = rows[~ok], cols[~ok]
            if not rows.size:
                break
        for r, c in zip(rows.tolist(), cols.tolist()):  # very short texts only
            for step in range(1, num_perm):
                value = source[r, (c + step) % num_perm]
                if value != EMPTY:
                    sig[r, c] = value
                    break
    return sig


@functools.lru_cache(maxsize=8)
def _affine(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    a = rng.integers(1, 1 << 63, size=num_perm, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    b = rng.integers(0, 1 << 63, size=num_perm, dtype=np.uint64)
    return a, b


def classic_signatures(batch: ShingleBatch, num_perm: int = 128, seed: int = 1, chunk: int = 1 << 16) -> np.ndarray:
    """Textbook MinHash with ``num_perm`` affine permutations: ``(len(batch), num_perm)``."""
    if num_perm < 1:
        raise ValueError(f"num_perm must be positive, got {num_perm}")
    count = len(batch)
    a, b = _affine(num_perm, seed)
    sig = np.full((count, num_perm), EMPTY, dtype=np.uint32)
    offsets = batch.offsets
    nonempty = np.flatnonzero(offsets[1:] > offsets[:-1])
    # process whole texts in chunks of about ``chunk`` shingles to bound memory
    start = 0
    while start < nonempty.size:
        stop = start
        first = offsets[nonempty[start]]
        while stop < nonempty.size and offsets[nonempty[stop] + 1] - first <= chunk:
            stop += 1
        stop = max(stop, start + 1)
        docs = nonempty[start:stop]
        lo, hi = offsets[docs[0]], offsets[docs[-1] + 1]
        x = batch.hashes[lo:hi]
        with np.errstate(over="ignore"):
            h = ((a[:, None] * x[None, :] + b[:, None]) >> np.uint64(32)).astype(np.uint32)
        sig[docs] = np.minimum.reduceat(h, offsets[docs] - lo, axis=1).T
        start = stop
    return sig


def estimate_jaccard(sig_a: np.ndarray, sig_b: np.ndarray) -> float:
    """Share of equal signature entries: the MinHash estimate of Jaccard similarity."""
    return float(np.count_nonzero(sig_a == sig_b)) / sig_a.shape[-1]
