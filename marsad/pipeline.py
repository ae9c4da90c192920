"""The one place where marsad's stages are wired into a digest.

Per-article stages (cleaning, sentence segmentation) run in ``prepare``; corpus
stages (reuse, entities, quotes, stories, timeline, summary) run in ``STAGES`` order
over the prepared articles, each filling its part of the ``Digest``. Stage functions
themselves are pure and live in their own modules; the wrappers here only pass the
options and store the results. Stages not built yet are simply absent, so their
report lists stay empty rather than faked.
"""
from __future__ import annotations

import dataclasses
import functools
import multiprocessing
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import TypeVar

from marsad.arabic.sentences import split_sentences
from marsad.clean import clean
from marsad.entities.canonical import canonicalize
from marsad.guard import Skipped, describe, find_culprits, time_limit
from marsad.model import Article, Digest, Mention
from marsad.quotes import find_quotes
from marsad.summarize import SummaryOptions, summarize
from marsad.reuse import ReuseSettings, find_reuse
from marsad.stories import StoryContext, build_stories, link_timeline
from marsad.timeline import build_timeline, reuse_references


@dataclass(slots=True)
class Options:
    """Tunables of a digest run, gathered in one object the CLI fills."""

    summary_words: int = 120
    reuse_threshold: float = 0.5
    # Corpus stages to run (names from STAGES); None runs them all. Cleaning and
    # sentence segmentation always run: every other stage reads their output.
    stages: tuple[str, ...] | None = None
    # Processes for per-article work (NER); 1 keeps everything in this process, as a
    # Spark task or a test wants. The CLI passes the machine's core count.
    workers: int = 1
    # Called as (stage, done, total) while a long per-article loop advances, so the
    # CLI can draw a progress bar; the stages themselves never print.
    on_progress: Callable[[str, int, int], None] | None = None
    # Time budget of one article's per-article work (seconds; None: none), and of a
    # corpus stage per article it runs over; see marsad.guard.
    article_seconds: float | None = 20.0
    # Called with each article left out (a per-article step raised or ran out of
    # time, or a corpus stage failed on it), so the CLI can report it in one line.
    on_skip: Callable[[Skipped], None] | None = None


def segment(article: Article) -> Article:
    """The article with its clean text split into sentences (offsets into clean_text)."""
    return dataclasses.replace(article, sentences=split_sentences(article.clean_text))


def prepare(article: Article) -> Article:
    """Per-article stages: cleaning, then sentence segmentation."""
    return segment(clean(article))


def prepare_guarded(article: Article, seconds: float | None = None) -> Article | Skipped:
    """:func:`prepare` within a time budget; an error or timeout becomes a
    :class:`Skipped` naming the article, so the run goes on without it."""
    try:
        with time_limit(seconds, "cleaning and sentences"):
            return prepare(article)
    except Exception as exc:  # noqa: BLE001 - one article's failure must not end the run
        return Skipped(article.path, article.id, "prepare", describe(exc))


def prepare_all(articles: Iterable[Article], options: Options) -> Iterator[Article]:
    """Prepared articles; the ones that fail are reported to ``options.on_skip``."""
    for article in articles:
        done = prepare_guarded(article, options.article_seconds)
        if isinstance(done, Skipped):
            if options.on_skip is not None:
                options.on_skip(done)
            continue
        yield done


Stage = Callable[[Digest, Options], None]
T = TypeVar("T")
R = TypeVar("R")


def _stage_reuse(result: Digest, options: Options) -> None:
    """Near-duplicates, sentence-level copy map and reuse groups with likely originals."""
    found = find_reuse(result.articles, ReuseSettings(threshold=options.reuse_threshold))
    result.reuse, result.reuse_groups = found.links, found.groups


_PARALLEL_MIN_ITEMS = 64


def _map_articles(
    fn: Callable[[T], R], items: Sequence[T], options: Options, label: str
) -> Iterator[R]:
    """``map(fn, items)`` in input order, over ``options.workers`` processes when there
    is enough work to pay for them, reporting progress as results arrive."""
    total = len(items)
    if options.workers > 1 and total >= _PARALLEL_MIN_ITEMS:
        # fork: workers inherit the loaded model instead of unpickling it again
        pool = ProcessPoolExecutor(max_workers=options.workers, mp_context=multiprocessing.get_context("fork"))
        with pool:
            results: Iterable[R] = pool.map(fn, items, chunksize=max(1, min(64, total // (8 * options.workers))))
            yield from _with_progress(results, options, label, total)
    else:
        yield from _with_progress(map(fn, items), options, label, total)


def _with_progress(results: Iterable[R], options: Options, label: str, total: int) -> Iterator[R]:
    step = max(1, total // 200)
    for done, item in enumerate(results, 1):
        if options.on_progress is not None and (done % step == 0 or done == total):
            options.on_progress(label, done, total)
        yield item


def _article_mentions(item: tuple[str, str]) -> list[Mention]:
    """NER mentions of one (article id, clean text); top-level so a worker can run it."""
    from marsad.entities.ner import extract_mentions

    return extract_mentions(*item)


def _guarded_mentions(seconds: float | None, item: tuple[str, str]) -> list[Mention] | str:
    """:func:`_article_mentions` within a time budget; a failure is its one-line reason."""
    try:
        with time_limit(seconds, "NER"):
            return _article_mentions(item)
    except Exception as exc:  # noqa: BLE001 - the article keeps no names; the run goes on
        return describe(exc)


def _stage_entities(result: Digest, options: Options) -> None:
    """NER mentions of every article, merged into canonical entities across outlets
    (spelling variants, short forms, stated aliases, roles)."""
    try:
        from marsad.entities.ner import load_model

        load_model()  # before any fork, and so a missing model is caught here
        items = [(a.id, a.clean_text) for a in result.articles]
        guarded = functools.partial(_guarded_mentions, options.article_seconds)
        mentions = []
        for article, found in zip(result.articles, _map_articles(guarded, items, options, "entities")):
            if isinstance(found, str):
                if options.on_skip is not None:
                    options.on_skip(Skipped(article.path, article.id, "entities (its names are left out)", found))
                continue
            mentions.extend(found)
    except (ImportError, FileNotFoundError):
        # No trained NER model in this checkout (`marsad train ner`): quotes and the
        # timeline still run, speakers stay descriptions, entities stay empty.
        mentions = []
    result.entities, result.mentions = canonicalize(result.articles, mentions)


def _stage_quotes(result: Digest, options: Options) -> None:
    """Reported speech with speakers resolved to canonical entities or descriptions."""
    result.quotes = find_quotes(result.articles, result.mentions, result.entities)


def _stage_timeline(result: Digest, options: Options) -> None:
    """One entry per development of each storyline (statements merged across outlets,
    dated by their happening, split into developments, background and upcoming),
    ordered by date, each linked to its article's event; an undated article re-editing
    a dated one resolves "اليوم"/"أمس" against its partner's date."""
    references = reuse_references(result.articles, result.reuse)
    timeline = build_timeline(result.articles, references, result.storylines, result.reuse, mentions=result.mentions)
    result.timeline = link_timeline(timeline, result.events)


def _stage_stories(result: Digest, options: Options) -> None:
    """Events and storylines (batch clustering over terms, entities, numbers, quotes,
    dates and reuse), then the event of each timeline entry."""
    context = StoryContext.of(result.mentions, result.reuse)
    result.events, result.storylines = build_stories(result.articles, context)
    result.timeline = link_timeline(result.timeline, result.events)


def _stage_summary(result: Digest, options: Options) -> None:
    """Facts, cited multi-outlet summaries and per-outlet coverage of each storyline
    (nothing without storylines: the stories stage decides what belongs together)."""
    if not result.storylines:
        return
    found = summarize(
        result.articles,
        result.storylines,
        result.reuse,
        SummaryOptions(words=options.summary_words),
        result.events,
        result.quotes,
    )
    result.facts, result.summary, result.coverage = found.facts, found.summary, found.coverage


# Corpus stages, in this order (each may use what the earlier ones filled):
#   reuse → entities → quotes → stories → timeline (per storyline) → summary
# A stage is a small wrapper below that calls the pure stage function and stores its
# result in the digest; add yours to STAGES in that order.
STAGES: list[tuple[str, Stage]] = [
    ("reuse", _stage_reuse),
    ("entities", _stage_entities),
    ("quotes", _stage_quotes),
    ("stories", _stage_stories),
    ("timeline", _stage_timeline),
    ("summary", _stage_summary),
]


STAGE_NAMES: tuple[str, ...] = tuple(name for name, _ in STAGES)


def parse_stages(spec: str | None) -> tuple[str, ...] | None:
    """``"reuse,stories"`` → the named stages (ValueError naming an unknown one);
    None or ``"all"`` → every stage; ``"none"`` → cleaning and sentences only."""
    if spec is None or spec.strip() in ("", "all"):
        return None
    if spec.strip() == "none":
        return ()
    names = tuple(part.strip() for part in spec.split(",") if part.strip())
    unknown = [n for n in names if n not in STAGE_NAMES]
    if unknown:
        raise ValueError(f"unknown stage {', '.join(unknown)}; stages are {', '.join(STAGE_NAMES)}")
    return names


def unique_articles(articles: Iterable[Article]) -> Iterator[Article]:
    """Articles with a new id (identical content read twice is one article)."""
    seen: set[str] = set()
    for article in articles:
        if article.id not in seen:
            seen.add(article.id)
            yield article


def digest(
    articles: Iterable[Article],
    options: Options | None = None,
    on_stage: Callable[[str], None] | None = None,
) -> Digest:
    """Run every built stage over ``articles`` and return the digest.

    ``articles`` may be a lazy iterator (the CLI wraps it in a progress bar); stage
    wall times are kept in ``Digest.stage_seconds``.
    """
    options = options or Options()
    started = time.perf_counter()
    prepared = list(prepare_all(unique_articles(articles), options))
    seconds = time.perf_counter() - started
    result = analyze(prepared, options, on_stage)
    result.stage_seconds = {"ingest+prepare": seconds, **result.stage_seconds}
    return result


def analyze(
    articles: list[Article],
    options: Options | None = None,
    on_stage: Callable[[str], None] | None = None,
) -> Digest:
    """The corpus stages over already prepared articles (cleaned and segmented, e.g.
    read back from the store), timing each one in ``Digest.stage_seconds``.

    A stage that raises (or runs past ``options.article_seconds`` per article) is
    retried on halves of the articles to find the ones it fails on (see
    :func:`marsad.guard.find_culprits`); those are quarantined — left out, listed in
    ``Digest.skipped`` and reported to ``options.on_skip`` — and the stages run again
    without them. A failure no single article causes is raised.
    """
    options = options or Options()
    skipped: dict[str, str] = {}
    while True:
        try:
            result = _run_stages(articles, options, on_stage)
        except _StageFailed as failed:
            culprits = _culprits(articles, options, failed)
            if not culprits:
                raise failed.error from None
            for article in culprits:
                reason = f"{failed.stage}: {describe(failed.error)}"
                skipped[article.id] = reason
                if options.on_skip is not None:
                    options.on_skip(Skipped(article.path, article.id, f"corpus stage {failed.stage}", describe(failed.error)))
            blamed = {a.id for a in culprits}
            articles = [a for a in articles if a.id not in blamed]
            continue
        result.skipped = skipped
        return result


class _StageFailed(Exception):
    def __init__(self, stage: str, error: BaseException) -> None:
        super().__init__(stage)
        self.stage, self.error = stage, error


def _selected(options: Options, until: str | None = None) -> list[tuple[str, Stage]]:
    chosen = [(n, s) for n, s in STAGES if options.stages is None or n in options.stages]
    if until is not None:
        names = [n for n, _ in chosen]
        chosen = chosen[: names.index(until) + 1]
    return chosen


def _run_stages(
    articles: list[Article],
    options: Options,
    on_stage: Callable[[str], None] | None = None,
    until: str | None = None,
) -> Digest:
    """The selected stages in order (up to ``until``); a failing one is raised as
    :class:`_StageFailed`."""
    result = Digest(articles=articles)
    budget = options.article_seconds * max(1, len(articles)) if options.article_seconds else None
    for name, stage in _selected(options, until):
        if on_stage is not None:
            on_stage(name)
        started = time.perf_counter()
        try:
            with time_limit(budget, f"corpus stage {name}"):
                stage(result, options)
        except Exception as exc:  # noqa: BLE001 - narrowed to the articles that cause it
            raise _StageFailed(name, exc) from exc
        result.stage_seconds[name] = time.perf_counter() - started
    return result


def _culprits(articles: list[Article], options: Options, failed: _StageFailed) -> list[Article]:
    """The articles the failed stage fails on alone (bisection, quiet runs)."""
    quiet = dataclasses.replace(options, on_progress=None, on_skip=None, workers=1)

    def fails(subset: Sequence[Article]) -> bool:
        try:
            _run_stages(list(subset), quiet, until=failed.stage)
        except _StageFailed as again:
            return again.stage == failed.stage
        return False

    return find_culprits(articles, fails)
