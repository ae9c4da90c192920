"""Word shingles of many texts at once, hashed to 64-bit integers with numpy.

Near-duplicate detection compares *sets of word 5-grams* (shingles) of normalized
text. Doing that with Python strings (``words()`` then ``" ".join`` per 5-gram then a
hash per string) is the slow part of the whole job: ~2.5k SaudiNewsNet articles/s on
one core, before any MinHash work. This module does the same over a batch of texts
with a handful of numpy passes:

1. the batch is joined with newlines and viewed as UTF-32 code points (one uint32 per
   character, so character offsets stay exact);
2. one lookup table, built once from :func:`marsad.arabic.normalize.normalize` and
   ``str.lower``, maps every BMP code point to its normalized letter, to "delete"
   (diacritics, tatweel, invisible marks: they never split a word) or to "separator"
   (spaces, punctuation, symbols);
3. a word's hash is a polynomial hash of its code points computed from one wrapping
   ``cumsum`` (position-independent thanks to the modular inverse of the base), then a
   64-bit finalizer;
4. a shingle's hash combines its k word hashes with k odd constants.

A word here is a maximal run of letters/digits after normalization — the same
normalization as ``marsad.arabic.tokenize.words`` but without its joiners for
``F-16``/``3.5`` (they become two words, which is harmless for set similarity). The
presentation-form ligatures that normalize to two letters (ﻻ → لا) keep their first
letter only; they are rare and mapped the same way in every document.
"""
from __future__ import annotations

import functools
from collections.abc import Sequence

import numpy as np

from marsad.arabic.normalize import normalize

__all__ = ["ShingleBatch", "shingle_batch", "word_hashes", "chunked_word_hashes", "SEPARATOR", "DELETE"]

SEPARATOR = 0
DELETE = 1
_BMP = 0x10000
_MASK64 = (1 << 64) - 1
# Odd 64-bit constants (digits of pi / e / golden ratio); fixed so hashes are stable
# across runs and machines.
_BASE = 0x9E3779B97F4A7C15
_BASE_INV = pow(_BASE, -1, 1 << 64)
_SHINGLE_MULT = (
    0x243F6A8885A308D3,
    0x13198A2E03707345,
    0xA4093822299F31D1,
    0x082EFA98EC4E6C89,
    0x452821E638D01377,
    0xBE5466CF34E90C6D,
    0xC0AC29B7C97C50DD,
    0x3F84D5B5B5470917,
)


@functools.cache
def _char_table() -> np.ndarray:
    """uint32 table: code point → normalized letter, ``DELETE`` or ``SEPARATOR``."""
    table = np.zeros(_BMP, dtype=np.uint32)
    for cp in range(_BMP):
        if 0xD800 <= cp <= 0xDFFF:
            continue  # surrogates never occur in decoded text
        ch = chr(cp)
        mapped = normalize(ch).lower()
        if not mapped:
            table[cp] = DELETE if not ch.isspace() else SEPARATOR
        elif mapped[0].isalnum():
            table[cp] = ord(mapped[0])
    table[0xFFFF] = SEPARATOR  # stands for every code point beyond the BMP
    return table


def _mix(x: np.ndarray) -> np.ndarray:
    """The splitmix64 finalizer, vectorized (uint64 in, uint64 out, wraps)."""
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    """``BASE**i`` and ``BASE**-i`` mod 2**64 for i < n (at least). Small tables (an
    article or a few) are kept, sizes rounded to powers of two so few are built; a
    corpus chunk's (~1M characters, 16–32 MB) is built for the call and let go —
    two cumulative products cost milliseconds, and kept they stayed in memory for the
    rest of a digest."""
    size = 1 << max(10, (n - 1).bit_length())
    if size > _KEPT_POWERS:
        return _powers_table(n)
    return _powers_of_size(size)


#: the largest power tables :func:`_powers` keeps (2 × 512 KB)
_KEPT_POWERS = 1 << 16


@functools.lru_cache(maxsize=4)
def _powers_of_size(size: int) -> tuple[np.ndarray, np.ndarray]:
    return _powers_table(size)


def _powers_table(size: int) -> tuple[np.ndarray, np.ndarray]:
    with np.errstate(over="ignore"):
        pow_ = np.cumprod(np.full(size, _BASE, dtype=np.uint64)) * np.uint64(_BASE_INV)
        inv = np.cumprod(np.full(size, _BASE_INV, dtype=np.uint64)) * np.uint64(_BASE)
    return pow_, inv


def word_hashes(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Hashes of the normalized words of every text, and each word's text index.

    Returns ``(hashes, doc)``: uint64 word hashes in reading order and an int64 array
    of the same length giving the index in ``texts`` of each word. Equal normalized
    words get equal hashes in every text and every run.
    """
    if not texts:
        return np.zeros(0, np.uint64), np.zeros(0, np.int64)
    joined = "\n".join(texts) + "\n"
    cps = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    lengths = np.fromiter((len(t) + 1 for t in texts), dtype=np.int64, count=len(texts))
    mapped = _char_table()[np.minimum(cps, 0xFFFF)]
    keep = mapped != DELETE
    doc_of_char = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
    if not keep.all():
        mapped = mapped[keep]
        doc_of_char = doc_of_char[keep]
    is_word = mapped != SEPARATOR
    n = mapped.size
    prev = np.empty(n, dtype=bool)
    prev[0] = False
    prev[1:] = is_word[:-1]
    nxt = np.empty(n, dtype=bool)
    nxt[-1] = False
    nxt[:-1] = is_word[1:]
    starts = np.flatnonzero(is_word & ~prev)
    ends = np.flatnonzero(is_word & ~nxt)  # inclusive
    pow_, inv = _powers(n)
    with np.errstate(over="ignore"):
        contrib = mapped.astype(np.uint64) * pow_[:n]
        contrib[~is_word] = 0
        prefix = np.cumsum(contrib, dtype=np.uint64)
        before = np.where(starts > 0, prefix[np.maximum(starts - 1, 0)], np.uint64(0))
        total = (prefix[ends] - before) * inv[starts]
        # mixing in the length separates words that differ only by trailing zeros
        hashes = _mix(total ^ (ends - starts + 1).astype(np.uint64) * np.uint64(_SHINGLE_MULT[7]))
    return hashes, doc_of_char[starts]


_CHUNK_CHARS = 1 << 20


def chunked_word_hashes(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """:func:`word_hashes` over slices of about 1M characters (keeps the power tables
    and temporaries small and cache-friendly), concatenated."""
    parts_h: list[np.ndarray] = []
    parts_d: list[np.ndarray] = []
    start, size = 0, 0
    for i, text in enumerate(texts):
        size += len(text) + 1
        if size >= _CHUNK_CHARS or i == len(texts) - 1:
            h, d = word_hashes(texts[start : i + 1])
            parts_h.append(h)
            parts_d.append(d + start)
            start, size = i + 1, 0
    if not parts_h:
        return np.zeros(0, np.uint64), np.zeros(0, np.int64)
    return np.concatenate(parts_h), np.concatenate(parts_d)


class ShingleBatch:
    """The shingle hashes of a batch of texts, grouped by text.

    ``hashes`` (uint64) and ``doc`` (int64 text index, non-decreasing) are parallel
    arrays; ``offsets[i]:offsets[i + 1]`` is text ``i``'s slice. Shingles repeated
    inside a text are kept (MinHash ignores them; use :meth:`shingle_set` for sets).
    """

    __slots__ = ("hashes", "doc", "offsets")

    def __init__(self, hashes: np.ndarray, doc: np.ndarray, count: int) -> None:
        self.hashes = hashes
        self.doc = doc
        self.offsets = np.searchsorted(doc, np.arange(count + 1), side="left")

    def __len__(self) -> int:
        return self.offsets.size - 1

    def of(self, index: int) -> np.ndarray:
        """Shingle hashes of text ``index`` (a view, with repeats)."""
        return self.hashes[self.offsets[index] : self.offsets[index + 1]]

    def shingle_set(self, index: int) -> np.ndarray:
        """Distinct shingle hashes of text ``index``, sorted."""
        return np.unique(self.of(index))

    def shingle_sets(self) -> list[np.ndarray]:
        """:meth:`shingle_set` of every text, from one sort of the whole batch."""
        order = np.lexsort((self.hashes, self.doc))
        hashes, doc = self.hashes[order], self.doc[order]
        first = np.ones(hashes.size, dtype=bool)
        first[1:] = (hashes[1:] != hashes[:-1]) | (doc[1:] != doc[:-1])
        hashes, doc = hashes[first], doc[first]
        bounds = np.searchsorted(doc, np.arange(len(self) + 1), side="left")
        return [hashes[bounds[i] : bounds[i + 1]] for i in range(len(self))]


def shingle_batch(texts: Sequence[str], k: int = 5) -> ShingleBatch:
    """Word k-shingle hashes of every text (a text shorter than k words gives one
    shingle of all its words; an empty text gives none)."""
    if not 1 <= k <= len(_SHINGLE_MULT):
        raise ValueError(f"shingle size must be 1..{len(_SHINGLE_MULT)}, got {k}")
    words, doc = chunked_word_hashes(texts)
    count = len(texts)
    if words.size == 0:
        return ShingleBatch(np.zeros(0, np.uint64), np.zeros(0, np.int64), count)
    with np.errstate(over="ignore"):
        m = words.size - k + 1
        if m > 0:
            acc = words[:m] * np.uint64(_SHINGLE_MULT[0])
            for j in range(1, k):
                acc = acc + words[j : j + m] * np.uint64(_SHINGLE_MULT[j])
            valid = doc[:m] == doc[k - 1 : k - 1 + m]
            hashes = _mix(acc[valid])
            owner = doc[:m][valid]
        else:
            hashes, owner = np.zeros(0, np.uint64), np.zeros(0, np.int64)
        # texts with 1..k-1 words: one shingle of all their words
        per_doc = np.bincount(doc, minlength=count)
        short = np.flatnonzero((per_doc > 0) & (per_doc < k))
        if short.size:
            first = np.searchsorted(doc, short, side="left")
            extra = np.empty(short.size, dtype=np.uint64)
            for i, (s, c) in enumerate(zip(first.tolist(), per_doc[short].tolist())):
                acc1 = np.uint64(0)
                for j in range(c):
                    acc1 = acc1 + words[s + j] * np.uint64(_SHINGLE_MULT[j])
                extra[i] = acc1
            hashes = np.concatenate([hashes, _mix(extra)])
            owner = np.concatenate([owner, short])
            order = np.argsort(owner, kind="stable")
            hashes, owner = hashes[order], owner[order]
    return ShingleBatch(hashes, owner, count)
