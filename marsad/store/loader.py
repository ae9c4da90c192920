"""Feeding a store: batched, idempotent, crash-safe ingest, and derived-data rebuilds.

:func:`ingest_into` takes articles as ingested, skips the ones whose content id is
already stored (before paying for cleaning), prepares the rest and commits them in
batches. Each batch is one transaction, so a killed process loses at most the batch
it was writing, and running the same command again stores only what is missing.

:func:`rebuild_derived` runs the corpus stages (``pipeline.STAGES``) over every
stored article and swaps the derived tables in one transaction; see
:mod:`marsad.store.base` for why whole-corpus recomputation is the chosen design.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from marsad.guard import Skipped
from marsad.model import Article, Digest, Mention
from marsad.store.base import Store

__all__ = ["IngestCounts", "ingest_into", "rebuild_derived", "analyze"]


@dataclass(slots=True)
class IngestCounts:
    """What an ingest run did."""

    seen: int = 0
    added: int = 0
    already: int = 0
    batches: int = 0
    skipped: int = 0
    seconds: float = 0.0


def ingest_into(
    store: Store,
    articles: Iterable[Article],
    batch_size: int = 200,
    on_batch: Callable[[IngestCounts], None] | None = None,
    on_skip: Callable[[Skipped], None] | None = None,
    article_seconds: float | None = 20.0,
) -> IngestCounts:
    """Store the new ones among ``articles`` (as ingested, not yet prepared).

    Articles already stored, or repeated within the input, are counted in
    ``already`` and not prepared again. ``on_batch`` is called after each commit.
    An article whose preparation fails or runs past ``article_seconds`` is not stored,
    counted in ``skipped`` and reported to ``on_skip``.
    """
    from marsad.pipeline import prepare_guarded

    counts = IngestCounts()
    started = time.perf_counter()
    pending: list[Article] = []
    pending_ids: set[str] = set()

    def flush() -> None:
        if not pending:
            return
        known = store.known_ids(a.id for a in pending)
        fresh = []
        skipped = 0
        for article in pending:
            if article.id in known:
                continue
            done = prepare_guarded(article, article_seconds)
            if isinstance(done, Skipped):
                skipped += 1
                if on_skip is not None:
                    on_skip(done)
                continue
            fresh.append(done)
        added = store.add_articles(fresh)
        counts.added += added
        counts.skipped += skipped
        counts.already += len(pending) - added - skipped
        counts.batches += 1
        pending.clear()
        pending_ids.clear()
        if on_batch is not None:
            on_batch(counts)

    for article in articles:
        counts.seen += 1
        if article.id in pending_ids:
            counts.already += 1
            continue
        pending.append(article)
        pending_ids.add(article.id)
        if len(pending) >= batch_size:
            flush()
    flush()
    counts.seconds = time.perf_counter() - started
    return counts


def rebuild_derived(
    store: Store,
    options: object | None = None,
    on_stage: Callable[[str], None] | None = None,
    retry: Iterable[str] = (),
) -> Digest:
    """Recompute stories, entities, quotes… over all stored articles and store them.

    Articles quarantined by an earlier rebuild (a corpus stage failed on them) stay
    out without being tried again, except those in ``retry`` (``marsad quarantine
    retry``, after a fix): they go through the stages again like any other. Ones this
    run's stages fail on are quarantined (see :func:`marsad.pipeline.analyze`) and
    recorded with the derived data, so no stored article can make every later rebuild
    fail. ``marsad delete`` removes them.
    """
    from marsad import pipeline
    from marsad.live.linker import index_batch, stored_mentions

    opts = options if isinstance(options, pipeline.Options) else pipeline.Options()
    again = set(retry)
    quarantined = {k: v for k, v in store.quarantined().items() if k not in again}
    articles = [a for a in store.iter_articles() if a.id not in quarantined]
    # The per-article layer ran once when each article was linked: its NER mentions
    # are read back; only articles never analysed (--no-derive) go through it now.
    mentions: list[Mention] | None = None
    raw: dict[str, list[Mention]] = {}
    if opts.stages is None or "entities" in opts.stages:
        raw = stored_mentions(store, [a.id for a in articles])
        _, found = pipeline.analyse_articles([a for a in articles if a.id not in raw], opts, prepared=True)
        for article in articles:
            raw.setdefault(article.id, [])
        for mention in found:
            raw[mention.article_id].append(mention)
        mentions = [m for a in articles for m in raw[a.id]]
    digest = pipeline.analyze(articles, opts, on_stage, mentions=mentions)
    digest.skipped = {**quarantined, **digest.skipped}
    store.replace_derived(digest)
    if opts.stages is None:
        index_batch(store, digest, mentions=raw)  # incremental linking continues from this result
    return digest
