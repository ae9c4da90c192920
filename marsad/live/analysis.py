"""Per-article analysis: everything one article yields on its own, computed once.

This is the first of the two layers of every path that turns articles into a digest
(see DESIGN.md, "Data flow"): :func:`analyse` runs the per-article stages on one
article — cleaning and sentences (:func:`marsad.pipeline.prepare`), NER mentions
(:func:`ner_mentions`), optionally the article's own entities
(:func:`marsad.entities.canonical.canonicalize` over this article alone: in-article
short forms and stated aliases, which the live linker matches against the store) and
the MinHash signature of its word 5-grams (the reuse stage's own
:func:`~marsad.reuse.shingle.shingle_batch` and :func:`~marsad.reuse.minhash.oph_signatures`).
Nothing here reads the store or other articles.

:func:`analyse_many` is the same function over many articles, in input order, on
``workers`` forked processes, each article within a time budget. Its users:

* ``marsad digest`` (:func:`marsad.pipeline.digest`) — the per-article layer of the
  batch digest, followed by the corpus stages;
* :meth:`marsad.live.LiveLinker.add_batch` — a feed poll, a file or a watched folder
  brings many articles: they are analysed here in parallel, then linked one by one
  in one transaction.
"""
from __future__ import annotations

import functools
import gc
import multiprocessing
import signal
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from marsad.entities.canonical import canonicalize
from marsad.guard import Skipped, describe, time_limit
from marsad.model import Article, Entity, Mention
from marsad.reuse import ReuseSettings
from marsad.reuse.minhash import oph_signatures
from marsad.reuse.shingle import shingle_batch

__all__ = [
    "ArticleAnalysis", "analyse", "analyse_many", "analysis_pool", "ner_mentions", "ner_available", "signature_of", "submit_many",
]

#: Below this many articles a batch is analysed in this process (forking costs more).
PARALLEL_MIN_ITEMS = 16


@dataclass(slots=True)
class ArticleAnalysis:
    """One analysed article: prepared text, its entities and mentions, its signature."""

    article: Article
    #: the NER's mentions, as found (kept in the store; entity ids come from linking)
    mentions: list[Mention] = field(default_factory=list)
    #: entities of this article alone, with ``local_mentions`` pointing at them
    entities: list[Entity] = field(default_factory=list)
    local_mentions: list[Mention] = field(default_factory=list)
    #: MinHash signature of the clean text's word 5-grams (None: no 5-gram at all)
    signature: np.ndarray | None = None
    #: why the NER failed on this article (its names are left out), else None
    ner_error: str | None = None
    #: CPU seconds the analysis took (in the process that ran it)
    cpu_seconds: float = 0.0


def _ner_model() -> Any:
    """The trained NER model (loaded once), or None when there is none to load."""
    try:
        from marsad.entities.ner import load_model

        return load_model()
    except (ImportError, FileNotFoundError):
        return None


def ner_available() -> bool:
    """True when a trained NER model can be loaded (loading it now, before any fork,
    so worker processes inherit it instead of loading it again)."""
    return _ner_model() is not None


def ner_mentions(article: Article) -> list[Mention]:
    """NER mentions of a prepared article ([] when no NER model is installed, as in
    the digest's entities stage)."""
    try:
        from marsad.entities.ner import extract_mentions

        return extract_mentions(article.id, article.clean_text)
    except (ImportError, FileNotFoundError):
        return []


def signature_of(text: str, settings: ReuseSettings | None = None) -> np.ndarray | None:
    """One-permutation MinHash of ``text`` (as the reuse stage signs articles)."""
    settings = settings or ReuseSettings()
    batch = shingle_batch([text], k=settings.shingle_size)
    if batch.shingle_sets()[0].size == 0:
        return None
    return oph_signatures(batch, settings.num_perm)[0].astype(np.uint32)


def analyse(
    article: Article,
    settings: ReuseSettings | None = None,
    *,
    prepared: bool = False,
    ner: bool = True,
    local_entities: bool = True,
    signature: bool = True,
    seconds: float | None = None,
) -> ArticleAnalysis:
    """The per-article layer over one article (as ingested; ``prepared``: already
    cleaned and segmented, e.g. read back from the store). ``ner``, ``local_entities``
    and ``signature`` leave out what a caller does not use. Cleaning and sentences
    must finish within ``seconds`` (else :class:`~marsad.guard.ArticleTimeout`); an
    NER failure or timeout is kept in ``ner_error`` and the article keeps no names."""
    from marsad.pipeline import prepare

    cpu = time.process_time()
    if not prepared:
        with time_limit(seconds, "cleaning and sentences"):
            article = prepare(article)
    mentions: list[Mention] = []
    error = None
    if ner:
        try:
            with time_limit(seconds, "NER"):
                mentions = ner_mentions(article)
        except Exception as exc:  # noqa: BLE001 - the article keeps no names; the run goes on
            error = describe(exc)
    entities, local = canonicalize([article], mentions) if local_entities and mentions else ([], [])
    sign = signature_of(article.clean_text, settings) if signature else None
    return ArticleAnalysis(article, mentions, entities, local, sign, error, time.process_time() - cpu)


def _analyse_guarded(options: dict, article: Article) -> ArticleAnalysis | Skipped:
    """:func:`analyse` where a failure to prepare becomes a :class:`Skipped` (top-level
    so a worker process can run it)."""
    try:
        return analyse(article, **options)
    except Exception as exc:  # noqa: BLE001 - one article's failure must not end the run
        return Skipped(article.path, article.id, "prepare", describe(exc))


def _die_with_parent() -> None:
    """Ask Linux to SIGKILL this worker when its parent dies (a ``kill -9`` of
    ``marsad ingest`` must not leave orphaned workers waiting for work forever)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the pool's own shutdown still applies
        pass


def analysis_pool(workers: int) -> ProcessPoolExecutor | None:
    """A pool of ``workers`` forked processes for :func:`analyse_many` (None for one
    worker). The NER model is loaded first, so the workers share it with the parent;
    a worker dies with its parent."""
    if workers <= 1:
        return None
    ner_available()
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"), initializer=_die_with_parent)


def analyse_many(
    articles: Sequence[Article],
    settings: ReuseSettings | None = None,
    *,
    workers: int = 1,
    pool: ProcessPoolExecutor | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    **options: object,
) -> Iterator[ArticleAnalysis | Skipped]:
    """:func:`analyse` over ``articles`` in input order (``options`` as its keywords);
    an article that cannot be prepared comes back as a :class:`~marsad.guard.Skipped`.
    Runs on ``pool`` if given, else on ``workers`` forked processes when there are at
    least :data:`PARALLEL_MIN_ITEMS` articles, else in this process.
    ``on_progress(done, total)`` is called as results arrive."""
    total = len(articles)
    own = None
    if pool is None and workers > 1 and total >= PARALLEL_MIN_ITEMS:
        pool = own = analysis_pool(workers)
        if options.get("ner", True):
            _learn_words(articles)
        # What the workers inherit (the model, the learned words) is left out of
        # their garbage collections: fewer objects to scan, fewer pages copied.
        gc.freeze()
    try:
        results = submit_many(articles, settings, pool=pool, **options)
        step = max(1, total // 200)
        for done, item in enumerate(results, 1):
            if on_progress is not None and (done % step == 0 or done == total):
                on_progress(done, total)
            yield item
    finally:
        if own is not None:
            own.shutdown()
            gc.unfreeze()
            _forget_words()


def submit_many(
    articles: Sequence[Article],
    settings: ReuseSettings | None = None,
    *,
    pool: ProcessPoolExecutor | None = None,
    **options: object,
) -> Iterator[ArticleAnalysis | Skipped]:
    """:func:`analyse` over ``articles`` (as :func:`analyse_many`), handed to ``pool``
    NOW: the workers start at once and the results are read, in input order, from the
    returned iterator — so a caller can have the next batch analysed while it links
    this one. Without a pool (or under two articles) the analysis runs lazily, in this
    process, as the iterator is read."""
    task = functools.partial(_analyse_guarded, {"settings": settings, **options})
    if pool is not None and len(articles) >= 2:
        width = getattr(pool, "_max_workers", 1) or 1
        return pool.map(task, articles, chunksize=max(1, min(32, len(articles) // (4 * width))))
    return map(task, articles)


def _learn_words(articles: Sequence[Article]) -> None:
    """Score the batch's words for NER once, here, before the pool forks: every worker
    then inherits the scores instead of computing each word again (the texts before
    cleaning are close enough: this is only a cache, tags do not depend on it)."""
    model = _ner_model()
    if model is not None:
        model.learn_words(a.clean_text or a.body for a in articles)


def _forget_words() -> None:
    """Free the words :func:`_learn_words` scored (the batch is tagged)."""
    model = _ner_model()
    if model is not None:
        model.forget_words()
