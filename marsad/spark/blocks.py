"""Blocking for corpus-wide events: which articles must be clustered together.

The batch clusterer (:mod:`marsad.stories.batch`) links articles whose event score
reaches the threshold and splits the linked components by average linkage. The score
fades with the gap in days (beyond ``EVENT.window_days()`` ≈ 7 days it is < 0.02), so
two articles weeks apart never end up in one event. Blocking finds, without
comparing every pair of a corpus, groups of articles that no event crosses:

1. **Day buckets.** Each article's story profile is computed per partition
   (:func:`marsad.stories.similarity.build_profiles` without entities or reuse, which
   the stages have not found yet) and sent to the bucket of its own day and of each
   of the ``window_days`` days before it. A bucket thus holds its *home* day's articles
   and those of the following week: every pair within the window meets in exactly one
   bucket (the earlier article's). An undated article is compared with every article,
   as the clusterer compares it (an unknown date never fades the score): it is the home
   of an undated bucket and a guest in every dated one.
2. **Links.** In each bucket, the home articles are scored against the bucket's
   articles with the clusterer's own event score
   (:func:`marsad.stories.similarity.pair_scores`, every pair while the bucket is small,
   else the pairs whose pruned term vectors overlap as in
   :func:`marsad.stories.batch.candidate_blocks`); a pair scoring at least
   ``link_score`` is a link. The text-only score leaves out entities and reuse, which
   mostly add to the score (a conflict of named entities can also lower it), so
   ``link_score`` (0.2) sits well under the event threshold (0.3). Near-duplicate
   pairs are links too.
3. **Blocks.** Connected components of the links
   (:func:`marsad.spark.graph.connected_components`); an article with no link is a
   block of its own. The single-machine stages then run on each block as they would
   on a whole digest.
4. **Oversized components** (more than ``max_block`` articles: a busy week of one big
   story) are cut into *pieces* of ``max_block`` articles in (day, id) order (each may
   also hold the first ``overlap`` articles of the next piece, 0 by default). Every
   article is the *core* of exactly one piece. The pieces run the per-article layer
   that dominates the cost (cleaning, sentences, NER); the corpus stages (entities,
   quotes, reuse, timeline, stories, summary) then run once over the whole component
   with the pieces' mentions (:func:`marsad.spark.job.merge_component`). So
   ``max_block`` bounds the NER tasks, not the clustering: an event is never split by
   a cut. Memory of the component task grows with the component like the
   single-machine digest's with the corpus.

Events equal the single-machine digest's when every article the single-machine
clustering links lies in one block *and* the stages' digest-wide statistics (the reuse
stage's rare-word frequencies and candidate limits, entity canonicalization) come out
the same on the block as on the corpus; ``tests/test_spark.py`` checks equality on the
seeds + SaudiNewsNet sample (whole and cut into pieces), BENCHMARKS.md reports where a
bigger corpus differs.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from marsad.model import Article
from marsad.stories import EVENT
from marsad.stories.batch import CANDIDATE_FLOOR, CANDIDATE_TERMS, prune_rows
from marsad.stories.similarity import Profiles, StoryContext, block_scores, build_profiles, day_number, pair_scores

__all__ = ["BlockSettings", "bucket_rows", "bucket_links", "pieces_of", "blocks_rdd"]


#: Home × bucket pairs scored at once (dense score matrices of this many entries); a
#: bucket over four times as many scores only the candidate pairs of pruned term
#: vectors (as the single-machine clusterer does past ``EXACT_LIMIT`` articles).
DENSE_PAIRS = 4_000_000
UNDATED = "undated"


@dataclass(frozen=True, slots=True)
class BlockSettings:
    """Blocking tunables.

    Attributes:
        link_score: text-only event score at which two articles share a block.
        window_days: articles further apart than this are never compared (the event
            score's window: beyond it the time factor is < 0.02).
        max_block: most articles one piece holds (one NER task).
        overlap: articles of the next piece a piece also holds (more context for
            entity canonicalization, at the cost of tagging them twice).
    """

    link_score: float = 0.2
    window_days: float = EVENT.window_days()
    max_block: int = 1500
    overlap: int = 0


def bucket_rows(
    articles: Iterable[Article], settings: BlockSettings, days: Sequence[int] = ()
) -> Iterator[tuple[int | str, tuple[bool, Profiles]]]:
    """``(bucket, (is_home, one-row profile))`` for each article and bucket it joins.

    ``days`` are the corpus's dated buckets: an undated article is compared with every
    article (an unknown date never fades the score), so it joins each of them as a
    guest, and the undated bucket as home.
    """
    batch = list(articles)
    if not batch:
        return
    profiles = build_profiles(batch, StoryContext())
    reach = math.ceil(settings.window_days)
    for row in range(len(batch)):
        one = profiles.rows([row])
        day = profiles.days[row]
        if math.isnan(day):
            yield UNDATED, (True, one)
            for bucket in days:
                yield bucket, (False, one)
            continue
        for back in range(reach + 1):
            yield int(day) - back, (back == 0, one)


def bucket_links(members: Iterable[tuple[bool, Profiles]], settings: BlockSettings) -> Iterator[tuple[str, str]]:
    """Pairs of article ids in one bucket whose text-only event score reaches
    ``settings.link_score``; each pair of the corpus comes from one bucket only."""
    rows = sorted(members, key=lambda m: (not m[0], m[1].ids[0]))
    if len(rows) < 2:
        return
    p = Profiles.stack([profile for _, profile in rows])
    home = sum(1 for is_home, _ in rows if is_home)
    for left, right in _linked_pairs(p, home, settings):
        for i, j in zip(left.tolist(), right.tolist()):
            yield p.ids[i], p.ids[j]


def _linked_pairs(p: Profiles, home: int, settings: BlockSettings) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Row pairs (home row, later row) within the window scoring ≥ ``link_score``,
    once each (two home rows as i < j): every pair scored with dense channel products
    while home × bucket stays under ``DENSE_PAIRS`` per chunk, else the candidate
    pairs of pruned term vectors only."""
    n = len(p)
    context = StoryContext()
    if home * n > DENSE_PAIRS * 4:
        pruned = prune_rows(p.terms, CANDIDATE_TERMS)
        product = (pruned[:home] @ pruned.T).tocoo()
        keep = product.data >= CANDIDATE_FLOOR
        left, right = product.row[keep].astype(np.int64), product.col[keep].astype(np.int64)
        keep = (right > left) & ~(np.abs(p.days[left] - p.days[right]) > settings.window_days)
        left, right = left[keep], right[keep]
        if len(left):
            (scores,) = pair_scores(p, left, right, context, (EVENT,))
            yield left[scores >= settings.link_score], right[scores >= settings.link_score]
        return
    step = max(1, DENSE_PAIRS // n)
    columns = np.arange(n)
    for start in range(0, home, step):
        chunk = np.arange(start, min(home, start + step))
        (scores,) = block_scores(p.rows(chunk), p, context, (EVENT,))
        close = ~(np.abs(p.days[chunk][:, None] - p.days[None, :]) > settings.window_days)
        later = columns[None, :] > chunk[:, None]
        left, right = np.nonzero((scores >= settings.link_score) & close & later)
        yield chunk[left], right


def pieces_of(label: str, members: Iterable[tuple[float, str]], settings: BlockSettings) -> Iterator[tuple[str, tuple[str, str, bool]]]:
    """``(article id, (component, piece, is_core))`` for one component's members."""
    ordered = sorted(members, key=lambda m: (math.isnan(m[0]), 0.0 if math.isnan(m[0]) else m[0], m[1]))
    size = settings.max_block
    if len(ordered) <= size:
        for _, aid in ordered:
            yield aid, (label, f"{label}/0", True)
        return
    count = math.ceil(len(ordered) / size)
    for k in range(count):
        piece = f"{label}/{k}"
        core = ordered[k * size : (k + 1) * size]
        extra = ordered[(k + 1) * size : (k + 1) * size + settings.overlap]
        for _, aid in core:
            yield aid, (label, piece, True)
        for _, aid in extra:
            yield aid, (label, piece, False)


def article_day(article: Article) -> float:
    """The day number blocking uses (NaN when undated)."""
    return day_number(article.published)


def blocks_rdd(prepared: Any, near_pairs: Any, settings: BlockSettings) -> Any:
    """RDD of ``(article id, (component, piece, is_core))`` for every article.

    ``prepared`` is an RDD of ``(article id, Article)``; ``near_pairs`` an RDD of
    ``(id_a, id_b)``.
    """
    from marsad.spark.graph import connected_components

    dated = sorted(
        set(prepared.values().map(article_day).filter(lambda d: not math.isnan(d)).map(int).distinct().collect())
    )
    buckets = prepared.values().mapPartitions(lambda rows: bucket_rows(rows, settings, dated))
    links = buckets.groupByKey().flatMap(lambda kv: bucket_links(kv[1], settings))
    edges = links.union(near_pairs).map(lambda e: (min(e), max(e))).distinct()
    labels = connected_components(edges)
    days = prepared.mapValues(article_day)
    labelled = days.leftOuterJoin(labels).map(lambda kv: (kv[1][1] or kv[0], (kv[1][0], kv[0])))
    return labelled.groupByKey().flatMap(lambda kv: pieces_of(kv[0], list(kv[1]), settings))
