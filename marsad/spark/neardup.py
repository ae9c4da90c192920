"""Near-duplicate articles on Spark, the standard way.

1. **Signatures per partition.** Each partition's prepared articles go through the
   single-machine building blocks: :func:`marsad.reuse.shingle_batch` (normalized word
   5-gram hashes) and :func:`marsad.reuse.oph_signatures` (128-value MinHash). Both
   are per-text computations, so a partition gives exactly the signatures the whole
   corpus would.
2. **LSH bands as keys.** :meth:`marsad.reuse.LSHIndex.band_keys`, banded for the
   threshold exactly as :func:`marsad.reuse.near_duplicate_pairs` bands it, gives
   every article one key per band; ``(band, key)`` is the shuffle key, and the
   articles of a bucket are candidate pairs.
3. **Join and verify.** Candidate pairs are joined with both articles' signatures and
   shingle sets; a pair survives the same screen as single-machine (signature
   agreement ≥ threshold − 0.15) and is kept only when its *exact* shingle Jaccard
   (:func:`marsad.reuse.exact_jaccard`) reaches the threshold.
4. **Groups.** Connected components of the verified pairs
   (:func:`marsad.spark.graph.connected_components`).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import combinations
from typing import Any

import numpy as np

from marsad.model import Article
from marsad.reuse import LSHIndex, exact_jaccard, oph_signatures, shingle_batch
from marsad.spark.graph import connected_components

__all__ = ["NearDupSettings", "signatures_of", "bucket_candidates", "near_duplicate_pairs_rdd", "duplicate_groups"]

#: Screen margin on the signature estimate before the exact check (as single-machine).
_SCREEN_MARGIN = 0.15


@dataclass(frozen=True, slots=True)
class NearDupSettings:
    """Near-duplicate tunables (defaults: the reuse stage's)."""

    threshold: float = 0.5
    shingle_size: int = 5
    num_perm: int = 128
    false_negative: float = 0.01


def signatures_of(articles: Iterable[Article], settings: NearDupSettings) -> Iterator[tuple[str, tuple[np.ndarray, np.ndarray]]]:
    """``(article id, (signature, sorted shingle set))`` for one partition's articles."""
    batch_articles = list(articles)
    if not batch_articles:
        return iter(())
    batch = shingle_batch([a.clean_text for a in batch_articles], k=settings.shingle_size)
    signatures = oph_signatures(batch, settings.num_perm)
    sets = batch.shingle_sets()
    return iter([(a.id, (signatures[i], sets[i])) for i, a in enumerate(batch_articles)])


def _band_cells(rows: Iterable[tuple[str, tuple[np.ndarray, np.ndarray]]], settings: NearDupSettings) -> Iterator[tuple[tuple[int, int], str]]:
    rows = [r for r in rows if r[1][1].size > 0]  # texts without shingles match nothing
    if not rows:
        return
    index = LSHIndex(threshold=settings.threshold, num_perm=settings.num_perm, false_negative=settings.false_negative)
    keys = index.band_keys(np.stack([sig for _, (sig, _) in rows]))
    for (article_id, _), row in zip(rows, keys.tolist()):
        for band, key in enumerate(row):
            yield (band, key), article_id


def bucket_candidates(signatures: Any, settings: NearDupSettings) -> Any:
    """Distinct candidate pairs ``(id_a, id_b)``, ``id_a < id_b``, sharing a band."""
    cells = signatures.mapPartitions(lambda rows: _band_cells(rows, settings))
    buckets = cells.groupByKey().values()
    return buckets.flatMap(lambda members: combinations(sorted(set(members)), 2)).distinct()


def _verify(pair_rows: Iterable[tuple[str, tuple[str, tuple, tuple]]], limit: float) -> Iterator[tuple[tuple[str, str], float]]:
    for _, (b, (sig_a, set_a), (sig_b, set_b)) in pair_rows:
        estimate = float(np.count_nonzero(sig_a == sig_b)) / sig_a.size
        if estimate < limit - _SCREEN_MARGIN:
            continue
        jaccard = exact_jaccard(set_a, set_b)
        if jaccard >= limit:
            yield (_, b), jaccard


def near_duplicate_pairs_rdd(signatures: Any, settings: NearDupSettings) -> Any:
    """RDD of ``((id_a, id_b), jaccard)``: verified near-duplicate pairs."""
    candidates = bucket_candidates(signatures, settings)
    with_a = candidates.join(signatures).map(lambda kv: (kv[1][0], (kv[0], kv[1][1])))
    with_both = with_a.join(signatures).map(lambda kv: (kv[1][0][0], (kv[0], kv[1][0][1], kv[1][1])))
    threshold = settings.threshold
    return with_both.mapPartitions(lambda rows: _verify(rows, threshold))


def duplicate_groups(pairs: Any) -> Any:
    """RDD of ``(group id, sorted member ids)``; the group id is ``nd-`` + its
    smallest member id (stable)."""
    labels = connected_components(pairs.keys())
    return labels.map(lambda kv: (kv[1], kv[0])).groupByKey().map(lambda kv: (f"nd-{kv[0]}", sorted(kv[1])))
