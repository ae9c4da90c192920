"""Text reuse: near-duplicate articles, the sentence-level copy map, likely originals.

The stage function is :func:`find_reuse` (articles → :class:`ReuseResult` of
``Reuse`` links and ``ReuseGroup`` groups). The building blocks are usable alone:
:func:`shingle_batch` (word 5-gram hashes of many texts, numpy),
:func:`oph_signatures` (MinHash signatures), :class:`LSHIndex` (incremental,
evictable LSH index) and :func:`align_sentences`. :class:`ReuseMonitor` is the
incremental form for a long-running monitor: new articles query a window of recent
ones and join it; articles older than the window are evicted.
"""
from __future__ import annotations

from marsad.reuse.align import AlignmentSettings, align_sentences, sentence_features
from marsad.reuse.detect import ReuseResult, ReuseSettings, exact_jaccard, find_reuse, near_duplicate_pairs
from marsad.reuse.groups import named_agency
from marsad.reuse.lsh import LSHIndex, optimal_banding
from marsad.reuse.minhash import classic_signatures, oph_signatures
from marsad.reuse.monitor import ReuseMonitor
from marsad.reuse.shingle import shingle_batch

__all__ = [
    "AlignmentSettings",
    "LSHIndex",
    "ReuseMonitor",
    "ReuseResult",
    "ReuseSettings",
    "align_sentences",
    "classic_signatures",
    "exact_jaccard",
    "find_reuse",
    "named_agency",
    "near_duplicate_pairs",
    "oph_signatures",
    "optimal_banding",
    "sentence_features",
    "shingle_batch",
]
