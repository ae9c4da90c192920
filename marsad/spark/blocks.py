"""Blocking for corpus-wide events: which articles must be clustered together.

The batch clusterer (:mod:`marsad.stories.batch`) links articles whose event score
reaches the threshold and splits the linked components by average linkage. The score
fades with the gap in days (beyond ``EVENT.window_days()`` ≈ 7 days it is < 0.02) and
rests mostly on shared terms, so two articles that share no key term or lie weeks
apart never end up in one event. Blocking turns that into shuffle keys:

1. **Keys.** Each article's ``key_terms`` heaviest terms in its story profile
   (light-stemmed TF-IDF over title and text with the packaged background IDF, the
   ``terms`` channel of :func:`marsad.stories.similarity.build_profiles`; names and
   places are among them because they are rare), computed per partition.
2. **Edges.** For each key term, its articles sorted by day; consecutive ones no more
   than ``window_days`` apart are linked (chain edges give the same components as
   linking every pair within the window), and an undated article is linked to the
   head of every run (an unknown date never fades the score). Near-duplicate pairs
   are edges too.
3. **Blocks.** Connected components of those edges
   (:func:`marsad.spark.graph.connected_components`); an article with no edge is a
   block of its own. The single-machine stages then run on each block as they would
   on a whole digest.
4. **Oversized components** (more than ``max_block`` articles: a busy week of one big
   story) are cut into *pieces* of ``max_block`` articles in (day, id) order (each may
   also hold the first ``overlap`` articles of the next piece, 0 by default). Every
   article is the *core* of exactly one piece. The pieces run the per-article stages
   that dominate the cost (entities: NER, then canonicalization; quotes); the
   corpus-level stages (reuse, timeline, stories, summary) then run once over the whole
   component with the pieces' mentions (:func:`marsad.spark.job.merge_component`). So
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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from marsad.model import Article
from marsad.stories import EVENT
from marsad.stories.similarity import StoryContext, build_profiles, day_number

__all__ = ["BlockSettings", "key_terms", "term_edges", "pieces_of"]


@dataclass(frozen=True, slots=True)
class BlockSettings:
    """Blocking tunables.

    Attributes:
        key_terms: heaviest profile terms per article used as blocking keys.
        window_days: articles further apart than this never share a block through a
            term (the event score's window: beyond it the time factor is < 0.02).
        max_block: most articles one piece holds (one NER task).
        overlap: articles of the next piece a piece also holds (more context for
            entity canonicalization, at the cost of tagging them twice).
    """

    key_terms: int = 5
    window_days: float = EVENT.window_days()
    max_block: int = 1500
    overlap: int = 0


def key_terms(articles: Iterable[Article], settings: BlockSettings) -> Iterator[tuple[int, tuple[float, str]]]:
    """``(term feature, (day, article id))`` for each key term of each article."""
    batch = list(articles)
    if not batch:
        return
    profiles = build_profiles(batch, StoryContext())
    terms = profiles.terms
    for row, article in enumerate(batch):
        lo, hi = terms.indptr[row], terms.indptr[row + 1]
        if hi == lo:
            continue
        data, index = terms.data[lo:hi], terms.indices[lo:hi]
        order = np.lexsort((index, -data))[: settings.key_terms]
        day = profiles.days[row]
        for feature in index[order].tolist():
            yield feature, (day, article.id)


def term_edges(members: Iterable[tuple[float, str]], window_days: float) -> Iterator[tuple[str, str]]:
    """Chain edges among the articles of one key term (see the module doc)."""
    dated = sorted((day, aid) for day, aid in members if not math.isnan(day))
    undated = sorted(aid for day, aid in members if math.isnan(day))
    heads: list[str] = []
    previous: tuple[float, str] | None = None
    for day, aid in dated:
        if previous is None or day - previous[0] > window_days:
            heads.append(aid)
        else:
            yield previous[1], aid
        previous = (day, aid)
    for aid in undated:
        for head in heads or undated[:1]:
            if head != aid:
                yield aid, head


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

    window = settings.window_days
    keyed = prepared.values().mapPartitions(lambda rows: key_terms(rows, settings))
    edges = keyed.groupByKey().values().flatMap(lambda members: term_edges(list(members), window))
    edges = edges.union(near_pairs).map(lambda e: (min(e), max(e))).distinct()
    labels = connected_components(edges)
    days = prepared.mapValues(article_day)
    labelled = days.leftOuterJoin(labels).map(lambda kv: (kv[1][1] or kv[0], (kv[1][0], kv[0])))
    return labelled.groupByKey().flatMap(lambda kv: pieces_of(kv[0], list(kv[1]), settings))
