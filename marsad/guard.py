"""Per-article guards: one bad or slow article is reported and skipped, never
allowed to cost the run (issue 19).

* :func:`time_limit` — a wall-clock budget for a block of code, enforced with
  ``SIGALRM`` (``setitimer``) where that is possible: in a process's main thread on
  POSIX (the CLI, a worker process). Elsewhere (a server's worker thread) it is a
  no-op: there the work runs in a child process with a budget instead
  (:class:`marsad.sandbox.Sandbox`; a server links through
  :class:`marsad.live.sandboxed.SandboxedLinker`).
  Python's regex engine checks for signals while it matches, so a runaway pattern
  is interrupted too.
* :func:`find_culprits` — which articles make a corpus stage fail, by bisection:
  corpus stages look at all articles at once, so the only way to blame one is to run
  the stage on halves. It costs about twice one run, and only when a run failed.
"""
from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

__all__ = ["ArticleTimeout", "Skipped", "time_limit", "find_culprits", "describe", "add_guarded"]

T = TypeVar("T")


class ArticleTimeout(Exception):
    """A guarded block ran past its time budget."""


@dataclass(frozen=True, slots=True)
class Skipped:
    """An article left out of a run: where it came from, the step that failed, why."""

    path: str
    article_id: str | None
    stage: str
    reason: str

    def __str__(self) -> str:
        ident = f" ({self.article_id})" if self.article_id else ""
        return f"{self.path}{ident}: skipped in {self.stage}: {' '.join(self.reason.split())}"[:400]


def describe(exc: BaseException) -> str:
    """One line naming an exception (type and message). An exception whose message
    already is such a line (``described``: a timeout, an error relayed from a child
    process) is not named twice."""
    if isinstance(exc, ArticleTimeout) or getattr(exc, "described", False):
        return " ".join(str(exc).split())[:300]
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}"[:300] if text else type(exc).__name__


def _can_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None, what: str = "article") -> Iterator[None]:
    """Raise :class:`ArticleTimeout` in the block after ``seconds`` (None or ≤ 0: no
    limit). Nested limits keep the outer one's remaining time when it is shorter."""
    if not seconds or seconds <= 0 or not _can_alarm():
        yield
        return

    def _expired(signum: int, frame: object) -> None:
        raise ArticleTimeout(f"{what} took over {seconds:g} s (time budget per article)")

    outer_left, _ = signal.getitimer(signal.ITIMER_REAL)
    started = time.monotonic()
    previous = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, min(seconds, outer_left) if outer_left > 0 else seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer_left > 0:  # the outer limit gets back what it has left (at least a tick)
            signal.setitimer(signal.ITIMER_REAL, max(0.001, outer_left - (time.monotonic() - started)))


def find_culprits(items: Sequence[T], fails: Callable[[Sequence[T]], bool]) -> list[T]:
    """The items that make ``fails`` true on their own, found by bisection.

    ``fails(items)`` is assumed true. Halves are tried in turn; a half that fails is
    searched further. When neither half fails alone (the failure needs articles from
    both), nothing can be blamed and the list is empty.
    """
    if len(items) <= 1:
        return list(items)
    middle = len(items) // 2
    found: list[T] = []
    for part in (items[:middle], items[middle:]):
        if fails(part):
            found.extend(find_culprits(part, fails))
    return found


def add_guarded(
    linker: Any,
    articles: Iterable[Any],
    seconds: float | None,
    on_skip: Callable[[Skipped], None] | None = None,
) -> list[Any]:
    """``linker.add`` each article (a :class:`marsad.live.LiveLinker`), each within
    ``seconds``; one that raises or runs out of time is rolled back (its transaction
    never commits), reported to ``on_skip`` and left out. ``linker`` may also be a
    :class:`marsad.live.sandboxed.SandboxedLinker`, whose own budget holds where
    ``seconds`` cannot (a worker thread)."""
    results = []
    for article in articles:
        try:
            with time_limit(seconds, "analysis and linking"):
                results.append(linker.add(article))
        except Exception as exc:  # noqa: BLE001 - one article's failure must not end the run
            if on_skip is not None:
                on_skip(Skipped(article.path, article.id, "linking", describe(exc)))
    return results
