"""A byte budget for the word and sentence caches of a long-running live process.

The stages memoize per word and per sentence with ``functools.lru_cache`` bounded by
ENTRIES (200,000 words, 8,192 sentences, ...). An entry's size varies a hundredfold
(a word's stem: ~100 bytes; a sentence's character n-gram set: ~10 KB), so an entry
count says little about bytes: streamed for hours (``marsad watch``, ``marsad
serve``, ``bench/bench_live.py``), those caches filled ~390 MB by 16,000 articles and
went on growing (BENCHMARKS.md, "Live observatory", session 5).

:class:`CacheBudget` bounds them in bytes instead: after each batch the live stream
reads the process's resident size (``/proc/self/statm``, microseconds); once it has
grown ``allowance_mb`` beyond what it was after the last clearing, every bounded
marsad ``lru_cache`` is cleared and the freed memory handed back to the system
(``malloc_trim``). What the process holds besides the caches (models, the clusterer
of the storyline window) sets the baseline; the caches can add at most the allowance
on top of it. Caches of one or a few entries (models, tables loaded once:
``maxsize`` below :data:`MIN_MAXSIZE` or unbounded) are never cleared.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import functools
import gc
import os
import sys
from dataclasses import dataclass, field

__all__ = ["CacheBudget", "memo_caches", "rss_mb", "trim"]

#: Caches with fewer entries than this are loaded tables or models, not memos.
MIN_MAXSIZE = 1024
#: Default bytes the memo caches may add above the baseline.
ALLOWANCE_MB = 256.0

_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def rss_mb() -> float:
    """This process's resident size in MB (0.0 where ``/proc`` is missing)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * _PAGE / 2**20
    except (OSError, ValueError, IndexError):
        return 0.0


def memo_caches() -> list[functools._lru_cache_wrapper]:
    """Every bounded memo ``lru_cache`` (``maxsize`` ≥ :data:`MIN_MAXSIZE`) defined at
    module or class level in the loaded marsad modules."""
    found: dict[int, functools._lru_cache_wrapper] = {}
    for name, module in list(sys.modules.items()):
        if not (name == "marsad" or name.startswith("marsad.")) or module is None:
            continue
        for value in list(vars(module).values()):
            holders = [value, *vars(value).values()] if isinstance(value, type) else [value]
            for obj in holders:
                obj = getattr(obj, "__func__", obj)  # staticmethod / classmethod
                if isinstance(obj, functools._lru_cache_wrapper):
                    size = obj.cache_parameters().get("maxsize")
                    if size is not None and size >= MIN_MAXSIZE:
                        found[id(obj)] = obj
    return list(found.values())


def trim() -> None:
    """Collect garbage and hand freed heap pages back to the system (glibc only)."""
    gc.collect()
    name = ctypes.util.find_library("c")
    if name:
        try:
            ctypes.CDLL(name).malloc_trim(0)
        except (OSError, AttributeError):
            pass


@dataclass(slots=True)
class CacheBudget:
    """Clears the memo caches once the process grew ``allowance_mb`` since the last
    clearing (see the module doc). ``check`` after each batch; ``clearings`` counts."""

    allowance_mb: float = ALLOWANCE_MB
    baseline_mb: float | None = None
    clearings: int = 0
    freed_mb: list[float] = field(default_factory=list)

    def check(self) -> bool:
        """Clear the caches when over budget; True when it did."""
        now = rss_mb()
        if self.baseline_mb is None:
            self.baseline_mb = now
            return False
        if now - self.baseline_mb <= self.allowance_mb:
            return False
        for cache in memo_caches():
            cache.cache_clear()
        trim()
        after = rss_mb()
        self.freed_mb.append(round(now - after, 1))
        self.baseline_mb = after
        self.clearings += 1
        return True
