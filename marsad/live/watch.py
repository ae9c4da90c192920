"""Following sources continuously: directories and RSS/Atom feeds (``marsad watch``).

:class:`Watcher` polls its sources every ``interval`` seconds and links each new
article into the store through :class:`~marsad.live.LiveLinker` (one transaction per
batch of articles, so stopping it — Ctrl-C included — leaves the store as it was after
the last committed batch; a poll's new articles are analysed on ``workers`` processes
and linked ``batch`` per transaction, :meth:`~marsad.live.LiveLinker.add_batch`):

* a **directory**: files not seen before, or changed since (size, mtime), are read
  with :func:`marsad.ingest.iter_articles`;
* a **feed** (``http://`` or ``https://``): fetched with a conditional request
  (``If-None-Match``/``If-Modified-Since`` from the last answer's ``ETag`` and
  ``Last-Modified``; 304 means nothing new), within ``timeout`` seconds, parsed with
  :func:`marsad.ingest.feeds.iter_feed`. After a failure the feed waits
  ``interval × 2^failures`` (at most ``max_backoff``) before the next try.

Each poll logs one line: the source, then ``N new, M already seen``, ``not modified``
or ``failed: reason (retry in S s)``.
"""
from __future__ import annotations

import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marsad.ingest import IngestError, iter_articles
from marsad.ingest.feeds import iter_feed
from marsad.live.analysis import analysis_pool
from marsad.live.linker import LiveLinker, chunked
from marsad.model import Article

__all__ = ["Watcher", "FeedState", "PollResult", "is_feed_url"]

MAX_FEED_BYTES = 20 * 2**20


def is_feed_url(source: str) -> bool:
    """True for the sources polled over HTTP."""
    return source.startswith(("http://", "https://"))


@dataclass(slots=True)
class FeedState:
    """What the watcher remembers of one feed between polls."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0
    next_poll: float = 0.0


@dataclass(slots=True)
class PollResult:
    """One poll of one source (a log line)."""

    source: str
    status: str  # "new" | "unchanged" | "failed"
    new: int = 0
    seen: int = 0
    unreadable: int = 0
    error: str | None = None
    retry_in: float | None = None
    seconds: float = 0.0

    def line(self) -> str:
        if self.status == "failed":
            return f"{self.source}: failed: {self.error} (retry in {self.retry_in:.0f} s)"
        if self.status == "unchanged":
            return f"{self.source}: not modified ({self.seconds:.2f} s)"
        bad = f", {self.unreadable} unreadable" if self.unreadable else ""
        return f"{self.source}: {self.new} new, {self.seen} already seen{bad} ({self.seconds:.2f} s)"


@dataclass
class Watcher:
    """Polls directories and feeds, linking new articles into ``linker``'s store."""

    linker: LiveLinker
    sources: Sequence[str]
    interval: float = 60.0
    timeout: float = 10.0
    max_backoff: float = 3600.0
    log: Callable[[str], None] = print
    feeds: dict[str, FeedState] = field(default_factory=dict)
    files: dict[Path, tuple[int, int]] = field(default_factory=dict)
    #: articles per transaction: a poll's new articles are analysed on ``workers``
    #: processes and linked ``batch`` at a time (LiveLinker.add_batch)
    batch: int = 32
    workers: int = 1
    _pool: Any = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        for source in self.sources:
            if is_feed_url(source):
                self.feeds.setdefault(source, FeedState(source))

    # -- one poll ------------------------------------------------------------------------

    def _link(self, source: str, items: Iterable[Article | IngestError], started: float) -> PollResult:
        result = PollResult(source, "new")
        articles: list[Article] = []
        for item in items:
            if isinstance(item, IngestError):
                result.unreadable += 1
            else:
                articles.append(item)

        def skipped(_: object) -> None:
            result.unreadable += 1

        if self.workers > 1 and self._pool is None and len(articles) > 1:
            self._pool = analysis_pool(self.workers)
        # the next batch of the poll is analysed while this one links (LiveLinker.stream)
        for found in self.linker.stream(chunked(articles, self.batch), self._pool, on_skip=skipped):
            for linked in found:
                if linked.added:
                    result.new += 1
                else:
                    result.seen += 1
        result.seconds = time.perf_counter() - started
        return result

    def poll_directory(self, directory: str) -> PollResult:
        """Read the files of ``directory`` that are new or changed since the last poll."""
        started = time.perf_counter()
        changed: list[Path] = []
        for path in sorted(p for p in Path(directory).rglob("*") if p.is_file() and not p.name.startswith(".")):
            stat = path.stat()
            stamp = (stat.st_size, stat.st_mtime_ns)
            if self.files.get(path) != stamp:
                self.files[path] = stamp
                changed.append(path)
        return self._link(directory, iter_articles(changed) if changed else (), started)

    def poll_feed(self, state: FeedState, now: float | None = None) -> PollResult:
        """Fetch one feed (conditionally) and link its new items."""
        started = time.perf_counter()
        now = time.monotonic() if now is None else now
        request = urllib.request.Request(state.url, headers={"User-Agent": "marsad-watch"})
        if state.etag:
            request.add_header("If-None-Match", state.etag)
        if state.last_modified:
            request.add_header("If-Modified-Since", state.last_modified)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 - http(s) only
                data = response.read(MAX_FEED_BYTES + 1)
                if len(data) > MAX_FEED_BYTES:
                    raise ValueError(f"feed larger than {MAX_FEED_BYTES // 2**20} MiB")
                etag, modified = response.headers.get("ETag"), response.headers.get("Last-Modified")
        except urllib.error.HTTPError as error:
            if error.code == 304:
                state.failures, state.next_poll = 0, now + self.interval
                return PollResult(state.url, "unchanged", seconds=time.perf_counter() - started)
            return self._failed(state, now, f"HTTP {error.code}", started)
        except (urllib.error.URLError, OSError, ValueError) as error:
            reason = getattr(error, "reason", error)
            return self._failed(state, now, str(reason) or type(error).__name__, started)
        state.etag, state.last_modified = etag, modified
        state.failures, state.next_poll = 0, now + self.interval
        return self._link(state.url, iter_feed(state.url, data), started)

    def _failed(self, state: FeedState, now: float, reason: str, started: float) -> PollResult:
        state.failures += 1
        wait = min(self.interval * 2 ** state.failures, self.max_backoff)
        state.next_poll = now + wait
        return PollResult(state.url, "failed", error=reason, retry_in=wait, seconds=time.perf_counter() - started)

    def poll_once(self, now: float | None = None) -> list[PollResult]:
        """Poll every directory and every feed that is due; log one line per poll."""
        now = time.monotonic() if now is None else now
        results = []
        for source in self.sources:
            if is_feed_url(source):
                state = self.feeds[source]
                if state.next_poll > now:
                    continue
                result = self.poll_feed(state, now)
            else:
                result = self.poll_directory(source)
            self.log(result.line())
            results.append(result)
        if any(r.new for r in results):
            self.linker.refresh_pending()
        return results

    def run(self, polls: int | None = None, sleep: Callable[[float], Any] = time.sleep) -> None:
        """Poll until interrupted (or ``polls`` times). Ctrl-C stops between or inside
        an article's transaction; an interrupted transaction is rolled back."""
        done = 0
        try:
            while polls is None or done < polls:
                self.poll_once()
                done += 1
                if polls is None or done < polls:
                    sleep(self.interval)
        finally:
            self.close()

    def close(self) -> None:
        """Stop the analysis worker processes (if any)."""
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
