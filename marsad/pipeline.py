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
import gc
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from marsad.arabic.sentences import split_sentences
from marsad.boilerplate import batch_boilerplate
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


def _stage_reuse(result: Digest, options: Options) -> None:
    """Near-duplicates, sentence-level copy map and reuse groups with likely originals."""
    found = find_reuse(result.articles, ReuseSettings(threshold=options.reuse_threshold))
    result.reuse, result.reuse_groups = found.links, found.groups


def analyse_articles(
    articles: Sequence[Article], options: Options, prepared: bool = False
) -> tuple[list[Article], list[Mention]]:
    """The per-article layer (:func:`marsad.live.analysis.analyse`, the function live
    ingest stores) over ``articles`` on ``options.workers`` processes: the prepared
    articles and their NER mentions (NER only when the entities stage is selected).
    An article that cannot be prepared is left out; one whose NER fails keeps no
    names; both are reported to ``options.on_skip``."""
    from marsad.live.analysis import analyse_many, ner_available

    ner = (options.stages is None or "entities" in options.stages) and ner_available()
    progress = options.on_progress
    found = analyse_many(
        articles,
        ReuseSettings(threshold=options.reuse_threshold),
        workers=options.workers,
        on_progress=None if progress is None else lambda done, total: progress("analysis", done, total),
        prepared=prepared,
        ner=ner,
        local_entities=False,
        signature=False,
        seconds=options.article_seconds,
    )
    kept: list[Article] = []
    mentions: list[Mention] = []
    for item in found:
        if isinstance(item, Skipped):
            if options.on_skip is not None:
                options.on_skip(item)
            continue
        kept.append(item.article)
        mentions.extend(item.mentions)
        if item.ner_error is not None and options.on_skip is not None:
            article = item.article
            options.on_skip(Skipped(article.path, article.id, "entities (its names are left out)", item.ner_error))
    if ner and len(articles) >= RELEASE_MODEL_ARTICLES:
        _release_ner_model()
    return kept, mentions


#: From this many articles on, the NER model (~60 MB) is let go once the per-article
#: layer is done: the corpus stages never tag, and they need the memory more than a
#: later call needs to skip reloading it (about a second).
RELEASE_MODEL_ARTICLES = 500


def _release_ner_model() -> None:
    """Drop the cached NER model (the next :func:`~marsad.entities.ner.load_model`
    reads it again)."""
    from marsad.entities.ner import load_model

    load_model.cache_clear()


def _stage_entities(result: Digest, options: Options) -> None:
    """The NER mentions of every article (found by the per-article layer) merged into
    canonical entities across outlets (spelling variants, short forms, stated
    aliases, roles). Without a trained NER model (`marsad train ner`) there are no
    mentions: quotes and the timeline still run, speakers stay descriptions."""
    result.entities, result.mentions = canonicalize(result.articles, result.mentions)


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
    if len(result.articles) >= RELEASE_MODEL_ARTICLES:
        _release_story_models()


def _release_story_models() -> None:
    """Drop what only the stories stage reads — the word vectors (~15 MB), the IDF
    table (~4 MB) and the analyzer's per-word memo — before the timeline and summary
    build theirs: the digest's peak is reached in the summary. The next stories run
    loads them again (about a second)."""
    from marsad.stories.analyze import forget_words
    from marsad.stories.idf import load_idf
    from marsad.stories.semantic import load_semantic

    load_semantic.cache_clear()
    load_idf.cache_clear()
    forget_words()


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
    raw = list(unique_articles(articles))
    # the batch's own repeated glued furniture (a share bar new today) joins the
    # committed model (forked workers inherit it)
    with batch_boilerplate((a.outlet, a.body) for a in raw):
        prepared, mentions = analyse_articles(raw, options)
    seconds = time.perf_counter() - started
    result = analyze(prepared, options, on_stage, mentions=mentions)
    result.stage_seconds = {"ingest+prepare": seconds, **result.stage_seconds}
    return result


def analyze(
    articles: list[Article],
    options: Options | None = None,
    on_stage: Callable[[str], None] | None = None,
    mentions: list[Mention] | None = None,
) -> Digest:
    """The corpus stages over already prepared articles (cleaned and segmented, e.g.
    read back from the store), timing each one in ``Digest.stage_seconds``.

    ``mentions`` are the articles' NER mentions from the per-article layer
    (:func:`analyse_articles`); when None and the entities stage is selected, that
    layer's NER runs first over the prepared articles (timed as ``analysis``).

    A stage that raises (or runs past ``options.article_seconds`` per article) is
    retried on halves of the articles to find the ones it fails on (see
    :func:`marsad.guard.find_culprits`); those are quarantined — left out, listed in
    ``Digest.skipped`` and reported to ``options.on_skip`` — and the stages run again
    without them. A failure no single article causes is raised.
    """
    options = options or Options()
    skipped: dict[str, str] = {}
    ner_seconds: dict[str, float] = {}
    if mentions is None and (options.stages is None or "entities" in options.stages):
        started = time.perf_counter()
        articles, mentions = analyse_articles(articles, options, prepared=True)
        ner_seconds["analysis"] = time.perf_counter() - started
    while True:
        try:
            result = _run_stages(articles, options, on_stage, mentions=mentions or [])
        except _StageFailed as failed:
            culprits = _culprits(articles, options, failed, mentions or [])
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
        result.stage_seconds = {**ner_seconds, **result.stage_seconds}
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
    mentions: Sequence[Mention] = (),
) -> Digest:
    """The selected stages in order (up to ``until``) over ``articles`` and their NER
    ``mentions``; a failing one is raised as :class:`_StageFailed`."""
    ids = {a.id for a in articles}
    result = Digest(articles=articles, mentions=[m for m in mentions if m.article_id in ids])
    budget = options.article_seconds * max(1, len(articles)) if options.article_seconds else None
    with _settled_heap() as settle:
        for name, stage in _selected(options, until):
            if on_stage is not None:
                on_stage(name)
            settle()
            started = time.perf_counter()
            try:
                with time_limit(budget, f"corpus stage {name}"):
                    stage(result, options)
            except Exception as exc:  # noqa: BLE001 - narrowed to the articles that cause it
                raise _StageFailed(name, exc) from exc
            result.stage_seconds[name] = time.perf_counter() - started
    return result


#: Young-generation threshold of the cyclic garbage collector during the corpus
#: stages (CPython's default is 700 allocations).
STAGE_GC_THRESHOLD = (10_000, 10, 10)


@contextmanager
def _settled_heap() -> Iterator[Callable[[], None]]:
    """The corpus stages with a quieter cyclic garbage collector: each stage starts
    with what the earlier ones left (the articles, mentions, links …) moved out of the
    collector's sight (``gc.freeze``) — it scanned those hundreds of thousands of
    objects again and again, ~11 % of the stages' CPU at 3,000 articles — and the
    young generation is collected every 10,000 allocations instead of 700. Objects
    are still freed by reference counting as before; only cycles wait (the stages
    build few). Everything is handed back to the collector at the end."""
    threshold = gc.get_threshold()
    gc.set_threshold(*STAGE_GC_THRESHOLD)
    try:
        yield gc.freeze
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def _culprits(articles: list[Article], options: Options, failed: _StageFailed, mentions: Sequence[Mention] = ()) -> list[Article]:
    """The articles the failed stage fails on alone (bisection, quiet runs)."""
    quiet = dataclasses.replace(options, on_progress=None, on_skip=None, workers=1)

    def fails(subset: Sequence[Article]) -> bool:
        try:
            _run_stages(list(subset), quiet, until=failed.stage, mentions=mentions)
        except _StageFailed as again:
            return again.stage == failed.stage
        return False

    return find_culprits(articles, fails)
