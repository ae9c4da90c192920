"""The live layer behind a long-running writer (the API, ``marsad watch``).

:class:`LiveService` owns one store connection and one :class:`LiveLinker`, and lets
one thread link at a time (requests arrive on a thread pool). Before the first
article it brings the live tables up to date with what is stored (:func:`catch_up`).
"""
from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any

from marsad.live.linker import LinkResult, LiveLinker, index_batch
from marsad.model import Article

__all__ = ["LiveService", "catch_up"]


def catch_up(store: Any, on_stage: Callable[[str], None] | None = None) -> int:
    """Link every stored article the live tables do not know yet, in bulk: a batch
    recomputation when derived data is stale (``ingest --no-derive``, an old store),
    else the live tables filled from the stored digest. A stale store is recomputed
    even when no article is missing (``delete --no-derive``, a rebuild killed after
    the live tables were filled), so the next ingest completes what a crash left.
    Returns how many were missing."""
    from marsad.live.schema import ensure_schema

    ensure_schema(store)
    # Quarantined articles (a corpus stage failed on them) stay unlinked on purpose.
    row = store._one(
        "SELECT COUNT(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM live_analysis la WHERE la.article_id = a.id)"
        " AND NOT EXISTS (SELECT 1 FROM meta m WHERE m.key = 'quarantine:' || a.id)"
    )
    missing = int(row[0]) if row else 0
    stale = store.derived_stale()
    if not missing and not stale:
        return 0
    if stale:
        from marsad.store.loader import rebuild_derived

        rebuild_derived(store, on_stage=on_stage)  # fills the live tables too
    else:
        index_batch(store, store.digest())
    return missing


def warm_analysis() -> None:
    """Load what the per-article analysis needs (NER model, lexicons) by analysing a
    short text: run once in a fresh :class:`marsad.sandbox.Sandbox` child."""
    from marsad.live.analysis import analyse

    analyse(Article(id="warm", path="warm", title="تجربة", body="قال وزير الخارجية إن الاجتماع سيعقد في الرياض غدا."))


def refresh_store(url: str) -> int:
    """Consolidate when due, then summarize the pending storylines of the store at
    ``url`` (on a connection of its own); returns how many were summarized."""
    from marsad.live.consolidate import maybe_consolidate
    from marsad.store import open_store

    with open_store(url) as store:
        maybe_consolidate(store)
        return LiveLinker(store).refresh_pending()


class LiveService:
    """Thread-safe incremental ingest into one store.

    ``article_seconds`` (None: none) is the time budget of one article's analysis
    and linking: they then run in a child process
    (:class:`marsad.live.sandboxed.SandboxedLinker`), killed past the budget, so a
    slow article is reported and skipped in a server's worker thread too, and their
    CPU work never holds the server's interpreter lock (its readers stay fast).
    """

    def __init__(self, url: str, article_seconds: float | None = None) -> None:
        from marsad.store import open_store

        self.url = url
        self.sandboxed: Any = None
        if article_seconds:
            from marsad.live.sandboxed import SandboxedLinker

            self.sandboxed = SandboxedLinker(url, article_seconds)
        self._lock = threading.Lock()
        self._refreshing = threading.Lock()
        self._store: Any = None
        self._linker: LiveLinker | None = None
        self._open = open_store

    def _ready(self) -> LiveLinker:
        if self._linker is None:
            self._store = self._open(self.url)
            catch_up(self._store)
            self._linker = LiveLinker(self._store)
        return self._linker

    def ingest(self, articles: Iterable[Article], on_skip: Callable[[Any], None] | None = None) -> list[LinkResult]:
        """Link the articles of one request in one transaction
        (:meth:`LiveLinker.add_batch`; already stored ones are reported as not added;
        with an ``article_seconds`` budget, one article at a time in the child process).
        If linking raises, the request's articles are linked one at a time and only
        the failing one is rolled back, reported to ``on_skip`` and left out. Big
        storylines' summaries are left pending for :meth:`refresh`, which the API runs
        after answering."""
        with self._lock:
            if self.sandboxed is not None:  # each article within its budget, in a child process
                from marsad.guard import add_guarded

                return add_guarded(self.sandboxed, articles, None, on_skip)
            return self._ready().add_batch(list(articles), on_skip=on_skip)

    def refresh(self) -> int:
        """Summarize the pending storylines on a connection of its own, so a long
        summary never delays the next article (single-flight: a refresh already running
        will pick up what is pending)."""
        if not self._refreshing.acquire(blocking=False):
            return 0
        try:
            if self.sandboxed is not None:  # in a child of its own: readers keep the CPU
                return self.sandboxed.refresh_in_child()
            return refresh_store(self.url)
        finally:
            self._refreshing.release()

    def close(self) -> None:
        with self._lock:
            if self.sandboxed is not None:
                self.sandboxed.close()
            if self._store is not None:
                self._store.close()
            self._store = self._linker = None
