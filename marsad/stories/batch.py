"""Batch story clustering: events (one happening) and storylines (related events).

Both levels use the same recipe, *threshold graph, then average linkage*:

1. score the article pairs that can matter (all pairs for a small digest; for a big
   corpus the pairs whose pruned TF-IDF vectors — each article's 40 heaviest terms —
   overlap, plus the reuse stage's pairs);
2. link pairs whose score reaches the level's threshold and take connected
   components — cheap, and nothing outside a component can join it;
3. inside a component, average-linkage agglomeration cut at the same threshold, so a
   chain of pairwise links (A~B, B~C) does not glue unrelated articles together.

Events come from the event score between articles, then one more step: two events
whose *best-match average* (each member's best event score in the other event,
averaged over both events' members, :func:`best_match_merge`) reaches
``EVENT_MERGE`` are one happening reported from several angles and merge — a press
conference covered by ten outlets, each leading with a different answer, forms two
or three groups whose every article has a close report in the others while the mean
over all their pairs stays under the threshold. Storylines group whole events:
the similarity of two events is the mean storyline score over their article pairs
(unscored pairs count as 0), so the online clusterer (:mod:`.online`), which averages
the same way, can be compared with this one.

Ids are stable: ``ev-``/``st-`` + a hash of the *founding* article (the earliest
published member, ties broken by id), the same rule the online clusterer uses.
"""
from __future__ import annotations

import hashlib
import heapq
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

import numpy as np
import scipy.sparse as sp
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse.csgraph import connected_components
from scipy.spatial.distance import squareform

from marsad.headline import best_headline
from marsad.model import Article, Event, Storyline
from marsad.stories.idf import corpus_idf, corpus_idf_of_buckets
from marsad.stories.recurring import headlines_of, mark_recurring
from marsad.stories.similarity import (
    EVENT,
    STORYLINE,
    BodyCounts,
    Profiles,
    Scoring,
    StoryContext,
    block_scores,
    body_counts,
    build_profiles,
    pair_scores,
)

__all__ = [
    "EVENT_THRESHOLD",
    "STORYLINE_THRESHOLD",
    "StoryClusters",
    "cluster_stories",
    "build_stories",
    "stable_id",
    "average_linkage_groups",
    "best_match_merge",
    "event_groups",
]

#: Articles whose event score (mean over the pairs, average linkage) reaches this
#: report the same happening. Chosen with the storyline threshold on the labelled
#: pairs' tune part (pairwise F1 of the clustered digest of 2015-07-23/24, BENCHMARKS.md).
EVENT_THRESHOLD = 0.33
#: Events (average-linkage groups) whose best-match average event score reaches this
#: merge (:func:`best_match_merge`); chosen by cross-fitted clustering on the tune pairs.
EVENT_MERGE = 0.4
#: Events whose mean storyline score reaches this belong to one storyline.
STORYLINE_THRESHOLD = 0.45
#: Up to this many articles every pair is scored exactly (dense matrices).
EXACT_LIMIT = 2500
#: Rows of the exact score matrix computed at once (memory ~ 25 × rows × n floats).
DENSE_ROWS = 256
#: Heaviest terms per article used to find candidate pairs in a big corpus.
CANDIDATE_TERMS = 40
#: Pruned-vector cosine below which a pair is not scored at all.
CANDIDATE_FLOOR = 0.08
#: Largest component clustered with a dense average-linkage matrix (bigger ones are
#: cut first, see :func:`average_linkage_groups`).
MAX_DENSE = 4000
#: Scores below this are not kept in the sparse score graphs.
KEEP_FLOOR = 0.05


def stable_id(prefix: str, founding_article_id: str) -> str:
    """``prefix-`` + 12 hex digits of SHA-1 of the founding article's id."""
    return f"{prefix}-{hashlib.sha1(founding_article_id.encode('utf-8')).hexdigest()[:12]}"


def founding(index: Sequence[int], days: np.ndarray, ids: Sequence[str]) -> int:
    """The earliest published member (unknown dates last, then by id)."""
    return min(index, key=lambda i: (np.isnan(days[i]), days[i] if not np.isnan(days[i]) else 0.0, ids[i]))


@dataclass(slots=True)
class StoryClusters:
    """Batch result as row indexes into the profiles, plus the score graphs."""

    profiles: Profiles
    events: list[list[int]]  # article rows per event
    storylines: list[list[int]]  # event indexes per storyline
    event_scores: sp.csr_matrix
    storyline_scores: sp.csr_matrix


def prune_rows(matrix: sp.csr_matrix, top: int) -> sp.csr_matrix:
    """Each row keeps only its ``top`` heaviest entries."""
    matrix = matrix.copy()
    for row in range(matrix.shape[0]):
        lo, hi = matrix.indptr[row], matrix.indptr[row + 1]
        if hi - lo > top:
            data = matrix.data[lo:hi]
            cut = np.partition(data, hi - lo - top)[hi - lo - top]
            data[data < cut] = 0.0
    matrix.eliminate_zeros()
    return matrix


def candidate_blocks(
    p: Profiles, context: StoryContext, window_days: float, block: int = 250
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Row pairs (i < j) worth scoring in a big corpus, one block of rows at a time.

    Each pair comes once: the reuse stage's pairs in a block of their own, and
    excluded from the term-overlap blocks.
    """
    n = len(p)
    reuse_left: list[int] = []
    reuse_right: list[int] = []
    if context.reuse:
        position = {article_id: i for i, article_id in enumerate(p.ids)}
        for a, b in context.reuse:
            i, j = position.get(a), position.get(b)
            if i is not None and j is not None and i < j:
                reuse_left.append(i)
                reuse_right.append(j)
    reuse_keys = np.unique(np.array(reuse_left, dtype=np.int64) * n + np.array(reuse_right, dtype=np.int64))
    pruned = prune_rows(p.terms, CANDIDATE_TERMS)
    pruned_t = pruned.T.tocsr()
    for start in range(0, n, block):
        product = (pruned[start : start + block] @ pruned_t).tocoo()
        rows = product.row.astype(np.int64) + start
        cols = product.col.astype(np.int64)
        keep = (cols > rows) & (product.data >= CANDIDATE_FLOOR)
        rows, cols = rows[keep], cols[keep]
        keep = ~(np.abs(p.days[rows] - p.days[cols]) > window_days)  # NaN gaps (unknown dates) stay
        if reuse_keys.size:
            keep &= ~np.isin(rows * n + cols, reuse_keys)
        yield rows[keep], cols[keep]
    if reuse_keys.size:
        yield reuse_keys // n, reuse_keys % n


def score_graphs(p: Profiles, context: StoryContext, scorings: Sequence[Scoring]) -> list[sp.csr_matrix]:
    """Symmetric sparse score matrices (one per scoring), entries ≥ ``KEEP_FLOOR``.

    Up to ``EXACT_LIMIT`` articles every pair is scored (dense); a bigger corpus is
    scored block by block, keeping only the entries that count, so memory follows
    the kept pairs, not the candidates.
    """
    n = len(p)
    if n <= EXACT_LIMIT:
        # every pair, DENSE_ROWS rows at a time: a pair's score does not depend on the
        # other rows, and ~25 dense (rows × n) arrays live at once, not (n × n) ones
        parts: list[list[sp.csr_matrix]] = [[] for _ in scorings]
        for start in range(0, max(n, 1), DENSE_ROWS):
            rows = np.arange(start, min(n, start + DENSE_ROWS))
            for k, dense in enumerate(block_scores(p.rows(rows), p, context, scorings)):
                dense[np.arange(len(rows)), rows] = 0.0  # the diagonal
                dense[dense < KEEP_FLOOR] = 0.0
                parts[k].append(sp.csr_matrix(dense))
        return [sp.vstack(blocks, format="csr") if len(blocks) > 1 else blocks[0] for blocks in parts]
    window = max(s.window_days() for s in scorings)
    kept: list[list[tuple[np.ndarray, np.ndarray, np.ndarray]]] = [[] for _ in scorings]
    for left, right in candidate_blocks(p, context, window):
        if not len(left):
            continue
        for k, scores in enumerate(pair_scores(p, left, right, context, scorings)):
            keep = scores >= KEEP_FLOOR
            kept[k].append((left[keep].astype(np.int32), right[keep].astype(np.int32), scores[keep]))
    graphs = []
    for parts in kept:
        rows = np.concatenate([r for r, _, _ in parts]) if parts else np.zeros(0, dtype=np.int32)
        cols = np.concatenate([c for _, c, _ in parts]) if parts else np.zeros(0, dtype=np.int32)
        vals = np.concatenate([v for _, _, v in parts]) if parts else np.zeros(0)
        upper = sp.coo_matrix((vals, (rows, cols)), shape=(n, n))
        graphs.append((upper + upper.T).tocsr())
    return graphs


def _components(scores: sp.csr_matrix, threshold: float) -> list[np.ndarray]:
    """Connected components of the graph of entries ≥ ``threshold``."""
    n = scores.shape[0]
    if not n:
        return []
    strong = scores.multiply(scores >= threshold).tocsr()
    _, labels = connected_components(strong, directed=False)
    order = np.argsort(labels, kind="stable")
    return np.split(order, np.flatnonzero(np.diff(labels[order])) + 1)


def average_linkage_groups(scores: sp.csr_matrix, threshold: float, max_dense: int = MAX_DENSE) -> list[list[int]]:
    """Groups of rows: components of the ``≥ threshold`` graph, split by average linkage.

    ``scores`` is a symmetric similarity matrix (missing entries = 0). Each returned
    group has an average-linkage similarity of at least ``threshold``. A component
    larger than ``max_dense`` (a chain through a whole topic) is first cut into the
    components of a stricter graph (threshold raised in steps of 0.05) so the dense
    linkage matrix stays bounded; pieces cut apart that way are not merged again.
    """
    groups: list[list[int]] = []
    pending = [(members, threshold) for members in _components(scores, threshold)]
    while pending:
        members, level = pending.pop()
        if len(members) <= 2:
            groups.append(members.tolist())
            continue
        sub = scores[members][:, members].tocsr()
        if len(members) > max_dense and level < 1.0:
            stricter = min(1.0, level + 0.05)
            pending.extend((members[piece], stricter) for piece in _components(sub, stricter))
            continue
        distance = 1.0 - np.clip(sub.toarray(), 0.0, 1.0)
        np.fill_diagonal(distance, 0.0)
        tree = linkage(squareform(distance, checks=False), method="average")
        del distance
        cut = fcluster(tree, t=1.0 - threshold + 1e-9, criterion="distance")
        for label in np.unique(cut):
            groups.append(members[cut == label].tolist())
    groups.sort(key=lambda g: min(g))
    return groups


def _best_match_average(scores: sp.csr_matrix, a: Sequence[int], b: Sequence[int]) -> float:
    """Mean over the members of ``a`` and of ``b`` of each one's best score in the other."""
    sub = scores[a][:, b].toarray()
    return 0.5 * float(sub.max(axis=1).mean() + sub.max(axis=0).mean())


def best_match_merge(scores: sp.csr_matrix, groups: Sequence[Sequence[int]], threshold: float, link: float) -> list[list[int]]:
    """Merge ``groups`` of rows, the pair with the highest best-match average first,
    while it reaches ``threshold``; only groups joined by a score ≥ ``link`` are
    compared. Unlike the mean over all pairs, the best-match average stays high when
    every member of one group has a close match in the other, as the reports of one
    happening from different angles have (each outlet leads with another answer of
    one press conference); a group of the next happening of the same kind, whose
    members match only loosely, stays apart."""
    merged = {k: list(g) for k, g in enumerate(groups)}
    if len(merged) < 2:
        return [list(g) for g in groups]
    owner = np.empty(scores.shape[0], dtype=np.int64)
    for k, members in merged.items():
        owner[members] = k
    strong = sp.triu(scores.multiply(scores >= link), k=1).tocoo()

    def neighbours(k: int) -> set[int]:
        rows = scores[merged[k]]
        return {int(g) for g in np.unique(owner[rows.indices[rows.data >= link]])} - {k}

    pairs = {(min(a, b), max(a, b)) for a, b in zip(owner[strong.row].tolist(), owner[strong.col].tolist()) if a != b}
    version = dict.fromkeys(merged, 0)  # bumped when a group grows: its older heap entries are stale
    heap = [(-_best_match_average(scores, merged[a], merged[b]), a, b, 0, 0) for a, b in sorted(pairs)]
    heapq.heapify(heap)
    while heap:
        value, a, b, version_a, version_b = heapq.heappop(heap)
        if -value < threshold:
            break
        if version.get(a) != version_a or version.get(b) != version_b:
            continue  # one side merged or grew since this pair was scored
        merged[a].extend(merged.pop(b))
        del version[b]
        version[a] += 1
        owner[merged[a]] = a
        for c in sorted(neighbours(a)):
            x, y = min(a, c), max(a, c)
            heapq.heappush(heap, (-_best_match_average(scores, merged[x], merged[y]), x, y, version[x], version[y]))
    out = [sorted(g) for g in merged.values()]
    out.sort(key=lambda g: g[0])
    return out


def event_groups(event_scores: sp.csr_matrix, threshold: float = EVENT_THRESHOLD, merge: float = EVENT_MERGE) -> list[list[int]]:
    """Events over article rows: average-linkage groups at ``threshold``, then merged
    by best-match average at ``merge`` (:func:`best_match_merge`; 1 or more: none)."""
    events = average_linkage_groups(event_scores, threshold)
    if merge > 1.0:
        return events
    return best_match_merge(event_scores, events, merge, threshold)


def event_graph(story_scores: sp.csr_matrix, events: Sequence[Sequence[int]]) -> sp.csr_matrix:
    """The similarity of every two events: the mean storyline score over their article
    pairs (``story_scores``, articles × articles; unscored pairs count as 0)."""
    rows = np.concatenate([np.asarray(e, dtype=np.int64) for e in events])
    cols = np.repeat(np.arange(len(events)), [len(e) for e in events])
    membership = sp.csr_matrix((np.ones(len(rows)), (cols, rows)), shape=(len(events), story_scores.shape[0]))
    sizes = np.array([len(e) for e in events], dtype=np.float64)
    between = (membership @ story_scores @ membership.T).tocoo()
    mean = between.data / (sizes[between.row] * sizes[between.col])
    off = between.row != between.col
    return sp.csr_matrix((mean[off], (between.row[off], between.col[off])), shape=(len(events), len(events)))


def cluster_stories(
    p: Profiles,
    context: StoryContext,
    event_threshold: float = EVENT_THRESHOLD,
    storyline_threshold: float = STORYLINE_THRESHOLD,
    scorings: tuple[Scoring, Scoring] = (EVENT, STORYLINE),
    event_merge: float = EVENT_MERGE,
) -> StoryClusters:
    """Events over article rows (:func:`event_groups`), then storylines over events
    (``scorings``: the event and storyline pair models)."""
    event_scores, story_scores = score_graphs(p, context, scorings)
    events = event_groups(event_scores, event_threshold, event_merge)
    if not events:
        return StoryClusters(p, [], [], event_scores, story_scores)
    storylines = average_linkage_groups(event_graph(story_scores, events), storyline_threshold)
    return StoryClusters(p, events, storylines, event_scores, story_scores)


def _title(members: Sequence[int], scores: sp.csr_matrix, articles: Sequence[Article]) -> str:
    """A short headline from the most central member that has a title of its own."""
    if len(members) <= 2:
        ranked = list(members)
    else:
        sub = scores[members][:, members]
        centrality = np.asarray(sub.sum(axis=1)).ravel()
        ranked = [members[k] for k in sorted(range(len(members)), key=lambda k: (-centrality[k], k))]
    return best_headline([articles[i] for i in ranked])


def _span(articles: Sequence[Article]) -> tuple[str | None, str | None]:
    days = sorted(a.published[:10] for a in articles if a.published and len(a.published) >= 10)
    if not days:
        return None, None
    return days[0], (days[-1] if days[-1] != days[0] else None)


def _outlets(articles: Sequence[Article]) -> list[str]:
    return sorted({a.outlet for a in articles if a.outlet})


def _order(members: Sequence[int], p: Profiles) -> list[int]:
    return sorted(members, key=lambda i: (np.isnan(p.days[i]), 0.0 if np.isnan(p.days[i]) else p.days[i], p.ids[i]))


def records(clusters: StoryClusters, articles: Sequence[Article]) -> tuple[list[Event], list[Storyline]]:
    """Event and Storyline records (titles, date spans, outlets, stable ids)."""
    p = clusters.profiles
    events: list[Event] = []
    for members in clusters.events:
        chosen = [articles[i] for i in _order(members, p)]
        start, end = _span(chosen)
        events.append(
            Event(
                id=stable_id("ev", p.ids[founding(members, p.days, p.ids)]),
                title=_title(members, clusters.event_scores, articles),
                date=start,
                article_ids=[a.id for a in chosen],
                date_end=end,
                outlets=_outlets(chosen),
            )
        )
    storylines: list[Storyline] = []
    for group in clusters.storylines:
        rows = [i for e in group for i in clusters.events[e]]
        chosen = [articles[i] for i in _order(rows, p)]
        start, end = _span(chosen)
        ordered_events = sorted(group, key=lambda e: (events[e].date is None, events[e].date or "", events[e].id))
        storylines.append(
            Storyline(
                id=stable_id("st", p.ids[founding(rows, p.days, p.ids)]),
                title=_title(rows, clusters.storyline_scores, articles),
                event_ids=[events[e].id for e in ordered_events],
                article_ids=[a.id for a in chosen],
                date=start,
                date_end=end,
                outlets=_outlets(chosen),
            )
        )
    events.sort(key=lambda e: (e.date is None, e.date or "", e.id))
    storylines.sort(key=lambda s: (-len(s.article_ids), s.date is None, s.date or "", s.id))
    return events, storylines


def with_corpus_idf(
    articles: Sequence[Article], context: StoryContext | None = None, counts: BodyCounts | None = None
) -> StoryContext:
    """``context`` with term weights fitted on ``articles`` (background IDF blended with
    their document frequencies, :func:`marsad.stories.idf.corpus_idf`) unless it
    already carries a table; ``counts`` (:func:`body_counts` of ``articles``) spares
    analysing their texts again."""
    context = context or StoryContext()
    if context.idf is not None:
        return context
    if counts is not None:
        return replace(context, idf=corpus_idf_of_buckets(counts.buckets()))
    return replace(context, idf=corpus_idf((a.title, a.clean_text or a.body) for a in articles))


def build_stories(articles: Sequence[Article], context: StoryContext | None = None) -> tuple[list[Event], list[Storyline]]:
    """Batch events and storylines of prepared articles (the digest's stories stage);
    term weights adapt to the articles (:func:`with_corpus_idf`)."""
    if not articles:
        return [], []
    counts = body_counts(articles)  # analysed once: for the corpus IDF and the profiles
    context = with_corpus_idf(articles, context, counts)
    profiles = build_profiles(articles, context, counts=counts)
    events, storylines = records(cluster_stories(profiles, context), articles)
    return events, mark_recurring(storylines, events, headlines_of(articles))
