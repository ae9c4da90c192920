"""The live linker in a child process: a server's writes with a time budget, off its
interpreter lock (issue 19).

A server takes uploads in worker threads, where ``SIGALRM`` cannot bound one
article's work, and any CPU work done in its process competes with the readers for
Python's interpreter lock. :class:`SandboxedLinker` has the same ``add`` surface as
:class:`~marsad.live.linker.LiveLinker` but runs each call in a
:class:`marsad.sandbox.Sandbox` child that keeps its own store connection and linker.
Past the budget the child is killed: its open transaction dies with it (SQLite and
PostgreSQL roll back a dead connection's transaction), so a slow article leaves
nothing behind, and the next call starts a fresh child.
"""
from __future__ import annotations

import functools
import logging
from typing import Any

from marsad.live.linker import LinkResult, LiveLinker
from marsad.model import Article
from marsad.sandbox import Sandbox, SandboxDied, SandboxError

log = logging.getLogger("marsad.live")

__all__ = ["SandboxedLinker", "link_one"]

#: In the child: one linker per store URL, kept between calls (its clusterer state).
_LINKERS: dict[str, LiveLinker] = {}


def _linker(url: str) -> LiveLinker:
    """The child's linker over ``url``, opened (and caught up) on first use."""
    linker = _LINKERS.get(url)
    if linker is None:
        from marsad.live.service import catch_up
        from marsad.store import open_store

        store = open_store(url)
        catch_up(store)
        linker = _LINKERS[url] = LiveLinker(store)
    return linker


def warm(url: str) -> None:
    """Child start-up: load the analysis' models and open the linker."""
    from marsad.live.service import warm_analysis

    warm_analysis()
    _linker(url)


def link_one(url: str, article: Article) -> LinkResult:
    """In the child: store and link one article (see :meth:`LiveLinker.add`)."""
    return _linker(url).add(article)


class SandboxedLinker:
    """``add`` of a :class:`LiveLinker` over ``url``, run in a child process, each
    within ``seconds`` (None: no budget); pending summaries are refreshed in a
    background child (:meth:`refresh_in_child`)."""

    def __init__(self, url: str, seconds: float | None) -> None:
        self.url = url
        # Warming can recompute a stale store's stories (catch_up): no start budget.
        self.sandbox = Sandbox(seconds, warm=functools.partial(warm, url), warm_seconds=None)
        # Background work (consolidation, pending summaries): no per-article budget,
        # a child of its own so that it never delays the next upload.
        self.background = Sandbox(None)

    def add(self, article: Article, analysis: Any = None) -> LinkResult:
        """Store and link ``article`` in the child (``analysis`` is ignored: the child
        analyses it, within the budget)."""
        return self.sandbox.call(link_one, self.url, article, what="analysis and linking")

    def refresh_in_child(self) -> int:
        """Consolidate when due and summarize the pending storylines, in the
        background child (:func:`marsad.live.service.refresh_store`). A failure is
        logged in one line: what is pending stays so for the next refresh."""
        from marsad.live.service import refresh_store

        try:
            return self.background.call(refresh_store, self.url, what="summary refresh")
        except (SandboxDied, SandboxError) as exc:  # the summaries stay pending for the next refresh
            log.warning("summary refresh failed (%s); pending storylines are retried after the next upload", exc)
            return 0

    def start(self) -> None:
        """Start and warm the child now."""
        self.sandbox.start()

    def close(self) -> None:
        self.sandbox.close()
        self.background.close()
