"""marsad's command line: the edge where people, files and stages meet."""
from __future__ import annotations

import functools
import json
import logging
import os
import sys
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click
from tqdm import tqdm

from marsad import __version__
from marsad.ingest import IngestError, IngestOptions, iter_articles
from marsad.model import Article

if TYPE_CHECKING:
    from marsad.stories.evaluate import ClusterScores

T = TypeVar("T")


def _warn(message: str) -> None:
    """One line on stderr that does not break a running progress bar."""
    tqdm.write(f"marsad: {message}", file=sys.stderr)


class _WarnHandler(logging.Handler):
    """Ingest's warnings (an input read with characters replaced) as one line each."""

    def emit(self, record: logging.LogRecord) -> None:
        _warn(record.getMessage())


def _report_input_warnings() -> None:
    logger = logging.getLogger("marsad.ingest")
    if not any(isinstance(h, _WarnHandler) for h in logger.handlers):
        logger.addHandler(_WarnHandler())
        logger.propagate = False


def limit_options(command: Callable[..., T]) -> Callable[..., T]:
    """The input limits (``IngestOptions``) and the per-article time budget as flags;
    the command receives them as ``ingest_options`` and ``article_seconds``."""
    from marsad.ingest import IngestOptions

    default = IngestOptions()
    flags = [
        click.option("--max-article-mb", type=click.FloatRange(min=0.001), default=default.max_article_bytes / 2**20, show_default=True, help="Largest single-article file (and JSON Lines line), in MB."),
        click.option("--max-json-mb", type=click.FloatRange(min=0.001), default=default.max_json_bytes / 2**20, show_default=True, help="Largest .json document or feed (read whole), in MB."),
        click.option("--max-gzip-ratio", type=click.IntRange(min=1), default=default.max_gzip_ratio, show_default=True, help="Refuse .gz inputs that inflate more than this many times (decompression bombs)."),
        click.option("--max-article-chars", type=click.IntRange(min=1), default=default.max_article_chars, show_default=True, help="Longest article text, in characters (whitespace runs count as one)."),
        click.option("--article-seconds", type=click.FloatRange(min=0), default=20.0, show_default=True, help="Time budget per article (0: none); a slower article is reported and skipped."),
    ]

    @functools.wraps(command)
    def wrapper(*args: object, max_article_mb: float, max_json_mb: float, max_gzip_ratio: int, max_article_chars: int, **kwargs: object) -> T:
        kwargs["ingest_options"] = IngestOptions(
            max_article_bytes=int(max_article_mb * 2**20),
            max_json_bytes=int(max_json_mb * 2**20),
            max_gzip_ratio=max_gzip_ratio,
            max_article_chars=max_article_chars,
        )
        return command(*args, **kwargs)

    for flag in reversed(flags):
        wrapper = flag(wrapper)
    return wrapper


def _skip_reporter(counts: dict[str, int]) -> Callable[[object], None]:
    """An ``on_skip`` callback: one line per skipped article, counted in ``skipped``."""

    def report(skipped: object) -> None:
        counts["skipped"] = counts.get("skipped", 0) + 1
        _warn(str(skipped))

    return report


def _skipped_note(counts: dict[str, int]) -> str:
    return f", {counts['skipped']} skipped" if counts.get("skipped") else ""


def read_articles(
    inputs: tuple[str, ...], limit: int | None = None, progress: bool = True, outlet: str | None = None,
    options: IngestOptions | None = None,
) -> tuple[Iterator[Article], dict[str, int]]:
    """Articles from the inputs, reporting bad ones on stderr as they come; ``outlet``
    names the outlet of every article that came without one (a folder of .txt files).

    Returns a lazy iterator and a counter dict filled while it is consumed
    (``read``, ``errors``).
    """
    counts = {"read": 0, "errors": 0}

    def generate() -> Iterator[Article]:
        bar = tqdm(
            desc="reading",
            unit=" articles",
            total=limit,
            disable=not progress or None,
            file=sys.stderr,
            dynamic_ncols=True,
        )
        with bar:
            for item in iter_articles([Path(p) for p in inputs], options):
                if isinstance(item, IngestError):
                    counts["errors"] += 1
                    _warn(str(item))
                    continue
                counts["read"] += 1
                bar.update(1)
                yield replace(item, outlet=outlet) if outlet and not item.outlet else item
                if limit is not None and counts["read"] >= limit:
                    return

    return generate(), counts


class StageProgress:
    """Progress bars for the long per-article loops inside corpus stages."""

    def __init__(self) -> None:
        self._bars: dict[str, tqdm] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        bar = self._bars.get(stage)
        if bar is None:
            bar = self._bars[stage] = tqdm(desc=stage, total=total, unit=" articles", file=sys.stderr, dynamic_ncols=True)
        bar.update(done - bar.n)
        if done >= total:
            bar.close()


def _stages_option(spec: str) -> tuple[str, ...] | None:
    """The --stages option as pipeline stage names (a usage error for unknown ones)."""
    from marsad import pipeline

    try:
        return pipeline.parse_stages(spec)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--stages") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="marsad")
def main() -> None:
    """marsad (مرصد): turn Arabic news from many outlets into stories you can check.

    Every command works offline. Run `marsad COMMAND --help` for details.
    """
    _report_input_warnings()


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="Directory for report.json, report.md and report.html.")
@click.option("--words", default=120, show_default=True, help="Word budget of each storyline summary.")
@click.option("--limit", type=int, default=None, help="Read at most this many articles.")
@click.option("--stages", default="all", show_default=True, help="Comma-separated corpus stages to run (reuse, entities, quotes, timeline, stories, summary), 'all' or 'none'; cleaning and sentences always run.")
@click.option("--workers", type=click.IntRange(min=0), default=0, help="Processes for per-article work such as NER (0: one per core).")
@click.option("--outlet", "default_outlet", default=None, help="Outlet of the inputs that do not name one (e.g. a folder of .txt files): a slug, host or name.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@limit_options
def digest(inputs: tuple[str, ...], out_dir: str, words: int, limit: int | None, stages: str, workers: int, default_outlet: str | None,
           quiet: bool, ingest_options: IngestOptions, article_seconds: float) -> None:
    """Digest articles (files or directories of .txt/.json/.jsonl/.html) into a report."""
    from marsad import pipeline
    from marsad.report import write_reports

    _writable_dir(out_dir, "--out")
    articles, counts = read_articles(inputs, limit=limit, progress=not quiet, outlet=default_outlet, options=ingest_options)
    options = pipeline.Options(
        summary_words=words,
        stages=_stages_option(stages),
        workers=workers or os.cpu_count() or 1,
        on_progress=None if quiet else StageProgress(),
        article_seconds=article_seconds or None,
        on_skip=_skip_reporter(counts),
    )
    result = pipeline.digest(articles, options, on_stage=None if quiet else lambda s: _warn(f"stage: {s}"))
    if not result.articles:
        raise click.ClickException(f"no article could be read from {', '.join(inputs)} ({counts['errors']} bad inputs)")
    try:
        paths = write_reports(result, Path(out_dir))
    except OSError as exc:
        raise click.ClickException(f"cannot write the reports into {out_dir}: {exc.strerror or exc}") from None
    removed = sum(len(a.removed) for a in result.articles)
    sentences = sum(len(a.sentences) for a in result.articles)
    click.echo(
        f"{len(result.articles)} articles ({counts['errors']} unreadable inputs"
        f"{', %d skipped' % counts['skipped'] if counts.get('skipped') else ''}), {sentences} sentences, "
        f"{removed} noise paragraphs removed, {len(result.reuse)} reuse links in {len(result.reuse_groups)} groups, "
        f"{len(result.events)} events, "
        f"{len(result.storylines)} storylines, {len(result.entities)} entities, {len(result.quotes)} quotes"
    )
    timings = ", ".join(f"{name} {seconds:.1f}" for name, seconds in result.stage_seconds.items())
    click.echo(f"seconds per stage: {timings}")
    for path in paths:
        click.echo(f"wrote {path}")


@main.command("reuse")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--threshold", type=click.FloatRange(0.05, 1.0), default=0.5, show_default=True, help="Word 5-gram Jaccard from which articles are near-duplicates.")
@click.option("--limit", type=int, default=None, help="Read at most this many articles.")
@click.option("--json", "as_json", is_flag=True, help="Print {reuse_groups, reuse} as in report.json.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def reuse(inputs: tuple[str, ...], threshold: float, limit: int | None, as_json: bool, quiet: bool) -> None:
    """Which articles are copies of which: reuse groups, likely original first."""
    from marsad.pipeline import prepare, unique_articles
    from marsad.reuse import ReuseSettings, find_reuse
    from marsad.reuse.listing import group_lines, listing_record

    articles, counts = read_articles(inputs, limit=limit, progress=not quiet)
    prepared = [prepare(a) for a in unique_articles(articles)]
    if not prepared:
        raise click.ClickException(f"no article could be read from {', '.join(inputs)} ({counts['errors']} bad inputs)")
    found = find_reuse(prepared, ReuseSettings(threshold=threshold))
    if as_json:
        click.echo(json.dumps(listing_record(found.links, found.groups), ensure_ascii=False))
        return
    for line in group_lines(prepared, found.links, found.groups):
        click.echo(line)
    copies = sum(len(g.article_ids) - 1 for g in found.groups)
    click.echo(f"{len(prepared)} articles: {len(found.groups)} reuse groups, {copies} re-publications, {len(found.links)} links")


@main.group()
def bench() -> None:
    """Benchmarks: throughput and memory of marsad's stages (one JSON object each)."""


@bench.command("digest")
@click.option("--corpus", required=True, type=click.Path(exists=True), help="Files or a directory to digest.")
@click.option("--limit", type=int, default=None, help="Use at most this many articles.")
@click.option("--stages", default="all", show_default=True, help="Comma-separated corpus stages to run (see `marsad digest --help`).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def bench_digest(corpus: str, limit: int | None, stages: str, as_json: bool) -> None:
    """Run the whole pipeline as built so far and report its speed and peak memory."""
    from marsad.benchmarks import run_digest_benchmark

    figures = run_digest_benchmark(corpus, limit, _stages_option(stages))
    if as_json:
        click.echo(json.dumps(figures, ensure_ascii=False))
    else:
        for key, value in figures.items():
            click.echo(f"{key}: {value}")


@bench.command("reuse")
@click.option("--corpus", required=True, type=click.Path(exists=True), help="Files or a directory of articles (e.g. SaudiNewsNet).")
@click.option("--limit", type=int, default=None, help="Use at most this many real articles (a quarter of them get a synthetic copy).")
@click.option("--threshold", type=click.FloatRange(0.05, 1.0), default=0.5, show_default=True, help="Near-duplicate Jaccard threshold.")
@click.option("--no-peers", is_flag=True, help="Measure marsad only (skip rensa and datasketch).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def bench_reuse(corpus: str, limit: int | None, threshold: float, no_peers: bool, as_json: bool) -> None:
    """Near-duplicate detection: speed, memory, recall/precision on synthetic copies, vs datasketch."""
    from marsad.reuse_bench import run_reuse_benchmark

    figures = run_reuse_benchmark(corpus, limit, threshold=threshold, peers=not no_peers)
    if as_json:
        click.echo(json.dumps(figures, ensure_ascii=False))
    else:
        for key, value in figures.items():
            click.echo(f"{key}: {value}")


@bench.command("summary")
@click.option("--corpus", required=True, multiple=True, type=click.Path(exists=True), help="Files or directories to summarize (repeatable).")
@click.option("--refs", type=click.Path(exists=True), default=None, help="Reference summaries: JSON {storyline_id: [text, …]} (\"*\" for all) or a directory of <id>.txt files.")
@click.option("--words", default=120, show_default=True, help="Word budget of every system's summary.")
@click.option("--events", default=20, show_default=True, help="Benchmark at most this many multi-outlet storylines.")
@click.option("--group", type=click.Choice(["auto", "one", "title"]), default="auto", show_default=True, help="auto: the stories stage, else reuse components; one: all inputs are one storyline; title: same title across outlets.")
@click.option("--limit", type=int, default=None, help="Read at most this many articles.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("--summaries", is_flag=True, help="Include each system's summary text in the JSON.")
def bench_summary(corpus: tuple[str, ...], refs: str | None, words: int, events: int, group: str, limit: int | None, as_json: bool, summaries: bool) -> None:
    """marsad's cited summaries vs sumy LexRank/TextRank and a lead baseline: ROUGE,
    redundancy, multi-outlet fact coverage and wall time."""
    from marsad.summary_bench import format_table, run_summary_benchmark

    if words < 1 or events < 1:
        raise click.BadParameter("--words and --events must be at least 1")
    try:
        figures = run_summary_benchmark(corpus, refs, words, events, limit, group, show_summaries=summaries)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    if not figures["storylines"]:
        raise click.ClickException(
            f"no multi-outlet storyline found in {', '.join(corpus)} (grouping: {figures['grouping']}); "
            "try --group one for inputs that are one story, or --group title"
        )
    click.echo(json.dumps(figures, ensure_ascii=False) if as_json else format_table(figures))


def _writable_dir(path: str, option: str) -> None:
    """Create ``path`` if needed and check it takes files, before any long work: a
    one-line error instead of a traceback after minutes of digesting."""
    import tempfile

    try:
        Path(path).mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=path):
            pass
    except OSError as exc:
        raise click.ClickException(f"{option} {path}: cannot write there ({exc.strerror or exc})") from None


def _open_db(db: str, create: bool):
    """The store named by --db, or a one-line error (a missing SQLite file is not
    created unless ``create``)."""
    from marsad.store import StoreError, is_postgres_url, open_store

    if not create and not is_postgres_url(db) and not Path(db.removeprefix("sqlite:///")).exists():
        raise click.ClickException(f"{db}: no such database (create it with `marsad ingest INPUT --db {db}`)")
    try:
        return open_store(db)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--db", default="marsad.db", show_default=True, help="SQLite file or postgresql:// URL.")
@click.option("--batch", "batch_size", type=int, default=None,
              help="Articles per committed transaction (default 200 with --no-derive, else 32: analysed on --workers processes, then linked one by one).")
@click.option("--workers", type=int, default=None, help="Processes analysing a batch (default: the machine's cores, at most 2).")
@click.option("--limit", type=int, default=None, help="Read at most this many articles.")
@click.option("--no-derive", is_flag=True, help="Only store articles (batched); the next ingest without this flag links them in bulk.")
@click.option("--outlet", "default_outlet", default=None, help="Outlet of the inputs that do not name one (e.g. a folder of .txt files): a slug, host or name.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@limit_options
def ingest(inputs: tuple[str, ...], db: str, batch_size: int | None, workers: int | None, limit: int | None, no_derive: bool,
           default_outlet: str | None, quiet: bool, ingest_options: IngestOptions, article_seconds: float) -> None:
    """Store articles in a database (idempotent) and link each into its story.

    Each new article is analysed once and linked (reuse, entities, event, storyline,
    timeline, summary of the touched storylines), --batch articles per transaction:
    an interrupted run keeps every batch it committed, with its links, and running it
    again stores only what is missing. With --no-derive articles are only stored.
    """
    from marsad.store.loader import ingest_into

    batch_size = batch_size if batch_size is not None else (200 if no_derive else 32)
    if batch_size < 1:
        raise click.BadParameter("must be at least 1", param_hint="--batch")
    workers = workers if workers is not None else min(2, os.cpu_count() or 1)
    if workers < 1:
        raise click.BadParameter("must be at least 1", param_hint="--workers")
    store = _open_db(db, create=True)
    with store:
        articles, counts = read_articles(inputs, limit=limit, progress=not quiet, outlet=default_outlet, options=ingest_options)
        report_skip = _skip_reporter(counts)
        if no_derive:
            done = ingest_into(store, articles, batch_size=batch_size, on_skip=report_skip,
                               article_seconds=article_seconds or None)
            click.echo(
                f"{done.added} new articles stored, {done.already} already stored, "
                f"{counts['errors']} unreadable inputs{f', {done.skipped} skipped' if done.skipped else ''} "
                f"({store.count_articles()} in {db})"
            )
            _fail_if_nothing_read(counts)
            return
        from marsad.live import LiveLinker
        from marsad.live.service import catch_up

        missing = catch_up(store, on_stage=None if quiet else lambda s: _warn(f"stage: {s}"))
        if missing:
            click.echo(f"stories recomputed in bulk: {missing} stored articles were not linked yet")
        linker = LiveLinker(store)
        results = linker.add_many(articles, batch=batch_size, workers=workers, seconds=article_seconds or None, on_skip=report_skip)
        from marsad.live.consolidate import maybe_consolidate

        if maybe_consolidate(store) is not None:
            linker.refresh_pending()
        added = [r for r in results if r.added]
        click.echo(
            f"{len(added)} new articles stored, {len(results) - len(added)} already stored, "
            f"{counts['errors']} unreadable inputs{_skipped_note(counts)} "
            f"({store.count_articles()} in {db})"
        )
        if added:
            events = sum(r.new_event for r in added)
            stories = sum(r.new_storyline for r in added)
            cpu = sorted(r.cpu_seconds for r in added)
            click.echo(
                f"linked: {len(added) - events} joined an existing event, {events} new events, "
                f"{stories} new storylines; {sum(len(r.reuse) for r in added)} reuse links; "
                f"median {cpu[len(cpu) // 2] * 1000:.0f} ms CPU per article"
            )
        _fail_if_nothing_read(counts)


def _fail_if_nothing_read(counts: dict[str, int]) -> None:
    """Exit 1 when the inputs held no readable article (the README's exit-code rule)."""
    if counts["read"] == 0:
        _warn("nothing could be read from the inputs" + (f" ({counts['errors']} unreadable)" if counts["errors"] else ""))
        raise SystemExit(1)


def _rebuild(store: object, quiet: bool, article_seconds: float | None, report_skip: Callable[[object], None],
             retry: Iterable[str] = ()) -> None:
    """Recompute the stories over the store, reporting quarantined articles (``retry``:
    quarantined ones to try again)."""
    from marsad import pipeline
    from marsad.store.loader import rebuild_derived

    if not quiet:
        _warn(f"recomputing stories over all {store.count_articles()} stored articles (--no-derive skips this)")  # type: ignore[attr-defined]
    options = pipeline.Options(article_seconds=article_seconds or None, on_skip=report_skip)
    digest = rebuild_derived(store, options, on_stage=None if quiet else lambda s: _warn(f"stage: {s}"), retry=retry)  # type: ignore[arg-type]
    quarantined = (f", {len(digest.skipped)} articles quarantined (`marsad quarantine list` names them, "
                   "`marsad delete ID` removes them)" if digest.skipped else "")
    click.echo(
        f"stories recomputed: {len(digest.storylines)} storylines, {len(digest.events)} events, "
        f"{len(digest.entities)} entities, {len(digest.quotes)} quotes, {len(digest.reuse)} reuse links{quarantined}"
    )


@main.command()
@click.argument("ids", nargs=-1, required=True)
@click.option("--db", default="marsad.db", show_default=True, help="SQLite file or postgresql:// URL.")
@click.option("--no-derive", is_flag=True, help="Only delete; the next ingest or serve recomputes the stories.")
@click.option("--quiet", is_flag=True, help="No progress lines.")
def delete(ids: tuple[str, ...], db: str, no_derive: bool, quiet: bool) -> None:
    """Delete stored articles by id, with everything derived from them, then recompute
    the stories. Exits 1 when none of the ids is stored."""
    store = _open_db(db, create=False)
    with store:
        deleted = store.delete_articles(ids)
        missing = [i for i in ids if i not in deleted]
        for ident in missing:
            _warn(f"{ident}: no such article in {db}")
        click.echo(f"{len(deleted)} articles deleted ({store.count_articles()} left in {db})")
        if not deleted:
            raise SystemExit(1)
        if not no_derive:
            _rebuild(store, quiet, 20.0, _skip_reporter({}))


@main.group()
def quarantine() -> None:
    """Articles a corpus stage failed on: left out of the stories, kept in the store."""


@quarantine.command("list")
@click.option("--db", default="marsad.db", show_default=True, help="SQLite file or postgresql:// URL.")
def quarantine_list(db: str) -> None:
    """One line per quarantined article: id, path, why (tab-separated)."""
    with _open_db(db, create=False) as store:
        held = store.quarantined()
        for ident, reason in sorted(held.items()):
            article = store.article(ident)
            path = article.path if article is not None else "-"
            click.echo(f"{ident}\t{path}\t{' '.join(reason.split())}")
        _warn(f"{len(held)} quarantined articles in {db}" + (" (`marsad quarantine retry` tries them again)" if held else ""))


@quarantine.command("retry")
@click.argument("ids", nargs=-1)
@click.option("--db", default="marsad.db", show_default=True, help="SQLite file or postgresql:// URL.")
@click.option("--quiet", is_flag=True, help="No progress lines.")
def quarantine_retry(ids: tuple[str, ...], db: str, quiet: bool) -> None:
    """Put quarantined articles (all, or IDS) through the corpus stages again, e.g.
    after upgrading marsad, and recompute the stories. Ones that still fail stay
    quarantined; retrying again gives the same result. Exits 1 when one still fails."""
    with _open_db(db, create=False) as store:
        held = store.quarantined()
        for ident in ids:
            if ident not in held:
                _warn(f"{ident}: not quarantined in {db}")
        chosen = [i for i in (ids or held) if i in held]
        if not chosen:
            click.echo("no quarantined article to retry")
            return
        _rebuild(store, quiet, 20.0, _skip_reporter({}), retry=chosen)  # live tables follow (rebuild_derived)
        still = [i for i in chosen if i in store.quarantined()]
        click.echo(f"{len(chosen) - len(still)} of {len(chosen)} retried articles are back in the stories; {len(still)} still quarantined")
        if still:
            raise SystemExit(1)


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--db", default="marsad.db", show_default=True, help="SQLite file or postgresql:// URL.")
@click.option("--interval", default=60.0, show_default=True, help="Seconds between polls.")
@click.option("--timeout", default=10.0, show_default=True, help="Seconds a feed may take to answer.")
@click.option("--polls", type=int, default=None, help="Stop after this many polls (default: until Ctrl-C).")
@click.option("--batch", "batch_size", default=32, show_default=True, help="New articles per committed transaction.")
@click.option("--workers", type=int, default=None, help="Processes analysing a poll's new articles (default: the machine's cores, at most 2).")
def watch(sources: tuple[str, ...], db: str, interval: float, timeout: float, polls: int | None, batch_size: int, workers: int | None) -> None:
    """Follow directories (new or changed files) and RSS/Atom feed URLs (conditional
    requests, backoff on errors), linking each new article as it comes; one log line
    per poll. Ctrl-C leaves the store consistent."""
    from marsad.live import LiveLinker
    from marsad.live.service import catch_up
    from marsad.live.watch import Watcher, is_feed_url

    for source in sources:
        if not is_feed_url(source) and not Path(source).is_dir():
            raise click.BadParameter(f"{source}: not a directory or an http(s) feed URL", param_hint="SOURCES")
    if interval <= 0 or timeout <= 0:
        raise click.BadParameter("must be positive", param_hint="--interval/--timeout")
    if batch_size < 1 or (workers is not None and workers < 1):
        raise click.BadParameter("must be at least 1", param_hint="--batch/--workers")
    workers = workers if workers is not None else min(2, os.cpu_count() or 1)
    store = _open_db(db, create=True)
    with store:
        catch_up(store)
        watcher = Watcher(LiveLinker(store), sources, interval=interval, timeout=timeout, log=_warn, batch=batch_size, workers=workers)
        try:
            watcher.run(polls)
        except KeyboardInterrupt:
            _warn(f"stopped: {store.count_articles()} articles in {db}, every one linked")


@main.command()
@click.option("--db", default="marsad.db", show_default=True, help="SQLite file or postgresql:// URL.")
@click.option("--days", default=3.0, show_default=True, help="Re-cluster the articles of the last DAYS publication days.")
def consolidate(db: str, days: float) -> None:
    """Re-cluster a recent window in batch (as `marsad digest` would) and carry the
    event and storyline ids over by overlap; summaries of the storylines involved are
    recomputed. `marsad ingest` runs this itself once enough articles were linked."""
    from marsad.live import LiveLinker
    from marsad.live.consolidate import consolidate as run

    store = _open_db(db, create=False)
    with store:
        done = run(store, window_days=days)
        LiveLinker(store).refresh_pending()
    click.echo(
        f"consolidated {done.articles} articles in {done.seconds:.1f} s: events {done.events_before} → {done.events_after}, "
        f"storylines {done.storylines_before} → {done.storylines_after}, {done.moved_articles} articles moved, "
        f"{done.removed_events} events and {done.removed_storylines} storylines removed"
    )


@main.command()
@click.argument("query")
@click.option("--db", default="marsad.db", show_default=True, help="SQLite file or postgresql:// URL.")
@click.option("--outlet", default=None, help="Only articles from this outlet.")
@click.option("--from", "date_from", default=None, help="Published on or after (YYYY[-MM[-DD]]).")
@click.option("--to", "date_to", default=None, help="Published on or before (YYYY[-MM[-DD]]).")
@click.option("--entity", default=None, help="Only articles mentioning this entity id.")
@click.option("--limit", default=10, show_default=True, help="Hits to show (at most 200).")
@click.option("--offset", default=0, show_default=True, help="Hits to skip (pagination).")
@click.option("--json", "as_json", is_flag=True, help="Print the hits as one JSON list.")
def search(query: str, db: str, outlet: str | None, date_from: str | None, date_to: str | None, entity: str | None, limit: int, offset: int, as_json: bool) -> None:
    """Full-text search over stored articles; Arabic spelling variants match."""
    from marsad.store import StoreError

    store = _open_db(db, create=False)
    with store:
        try:
            hits = store.search(query, outlet=outlet, date_from=date_from, date_to=date_to, entity=entity, limit=limit, offset=offset)
        except StoreError as exc:
            raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps([h.record() for h in hits], ensure_ascii=False, indent=1))
        return
    if not hits:
        click.echo("no match")
        return
    for hit in hits:
        marked, last = [], 0
        for start, end in hit.highlights:
            marked.append(hit.snippet[last:start] + click.style(hit.snippet[start:end], bold=True, fg="yellow"))
            last = end
        marked.append(hit.snippet[last:])
        click.echo(f"{hit.article_id}  {hit.outlet or '-'}  {hit.published or '-'}  {hit.title or hit.path}")
        click.echo("    " + "".join(marked).replace("\n", " "))


@main.command()
@click.option("--db", default="marsad.db", show_default=True, help="SQLite file or postgresql:// URL.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="TCP port (1–65535).")
@click.option("--create", is_flag=True, help="Create the database if it does not exist (otherwise a missing --db is an error).")
@click.option("--article-seconds", type=click.FloatRange(min=0), default=20.0, show_default=True,
              help="Time budget of one uploaded article's analysis and linking, in CPU seconds of the child that runs it (0: none); a slower article is listed in the answer's errors and skipped.")
def serve(db: str, host: str, port: int, create: bool, article_seconds: float) -> None:
    """Serve the REST API (OpenAPI at /docs) and the Arabic web UI.

    Writes (POST /articles) need `Authorization: Bearer $MARSAD_TOKEN`; without
    MARSAD_TOKEN set, writes are refused.
    """
    import uvicorn

    from marsad.api import create_app

    from marsad.store import is_postgres_url

    if not create and not is_postgres_url(db) and not Path(db.removeprefix("sqlite:///")).exists():
        raise click.ClickException(f"{db}: no such database (fill one with `marsad ingest INPUT --db {db}`, or serve an empty one with --create)")
    _open_db(db, create=create).close()
    uvicorn.run(create_app(db, article_seconds=article_seconds or None, warm=True), host=host, port=port, log_level="info")


@main.command()
@click.argument("first")
@click.argument("second")
def similarity(first: str, second: str) -> None:
    """Print the event similarity in [0, 1] of two articles (files or inline JSON records),
    the score the story clusterer uses."""
    from marsad.stories.pair import pair_similarity, read_article_spec

    try:
        a, b = read_article_spec(first), read_article_spec(second)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{pair_similarity(a, b):.4f}")


@main.group("eval")
def eval_group() -> None:
    """Evaluation against gold standards (clusters, pairwise similarity, who said what)."""


def _echo_cluster_scores(scores: "ClusterScores", as_json: bool) -> None:
    """Print BCubed/ARI figures (a ClusterScores) as lines or one JSON object."""
    figures = {"items": scores.items, "bcubed_precision": round(scores.precision, 4), "bcubed_recall": round(scores.recall, 4),
               "bcubed_f1": round(scores.f1, 4), "ari": round(scores.ari, 4)}
    if as_json:
        click.echo(json.dumps(figures))
    else:
        for key, value in figures.items():
            click.echo(f"{key.replace('_', ' ')} {value}")


@eval_group.command("clusters")
@click.option("--gold", required=True, type=click.Path(exists=True, dir_okay=False), help="JSON list of article-id groups.")
@click.option("--level", type=click.Choice(["events", "storylines"]), default="events", show_default=True, help="Which report clusters to score.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.argument("report", type=click.Path(exists=True, dir_okay=False))
def eval_clusters(gold: str, level: str, as_json: bool, report: str) -> None:
    """BCubed precision/recall/F1 and ARI of REPORT.json's events (or storylines) against GOLD."""
    from marsad.stories.evaluate import read_gold, read_report_clusters, score_clusters

    try:
        scores = score_clusters(read_gold(Path(gold)), read_report_clusters(Path(report), level))
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    _echo_cluster_scores(scores, as_json)


@eval_group.command("stability")
@click.option("--level", type=click.Choice(["events", "storylines"]), default="events", show_default=True, help="Which report clusters to compare.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.argument("alone", type=click.Path(exists=True, dir_okay=False))
@click.argument("combined", type=click.Path(exists=True, dir_okay=False))
def eval_stability(level: str, as_json: bool, alone: str, combined: str) -> None:
    """BCubed/ARI of ALONE.json's events against COMBINED.json's (a digest of the same
    input plus more, e.g. a later day) restricted to ALONE's articles, matched by path."""
    from marsad.stories.evaluate import read_report_groups_by_path, stability

    try:
        scores = stability(read_report_groups_by_path(Path(alone), level), read_report_groups_by_path(Path(combined), level))
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    _echo_cluster_scores(scores, as_json)


@eval_group.command("event-pairs")
@click.option("--part", type=click.Choice(["tune", "heldout", "all"]), default="all", show_default=True, help="Which part of the labelled pairs to score (from the rows' `part`, else from --sample).")
@click.option("--sample", type=click.Path(dir_okay=False), default="eval/dev/pairs_sample.jsonl", show_default=True, help="Sample file whose rows give each pair's part (tune|heldout); skipped when absent.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
def eval_event_pairs(part: str, sample: str, as_json: bool, files: tuple[str, ...]) -> None:
    """Pairwise P/R/F1 of a report's events and storylines against labelled pairs: GOLD.jsonl... REPORT.json.

    Gold rows are {"a", "b", "label"} (FILE.json#N references; labels SAME_EVENT,
    SAME_STORY, SAME_TOPIC, UNRELATED); when a pair is in several gold files, the last
    file given wins."""
    from marsad.stories.pairs_eval import ReportMembership, read_gold_pairs, read_parts, score_event_pairs

    if len(files) < 2:
        raise click.UsageError("give one or more gold files and then the report.json")
    *gold_files, report = files
    try:
        parts = read_parts(Path(sample)) if Path(sample).is_file() else {}
        gold = read_gold_pairs([Path(g) for g in gold_files], parts)
        membership = ReportMembership.read(Path(report))
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    scores = score_event_pairs(gold, membership, part)
    if as_json:
        click.echo(json.dumps({"part": part, **scores.as_dict()}))
        return
    click.echo(f"part {part}: {scores.pairs} pairs found in the report ({scores.missing} missing); labels {scores.labels}")
    for name, level in (("events", scores.events), ("storylines", scores.storylines)):
        click.echo(f"{name}: precision {level.precision:.4f} recall {level.recall:.4f} F1 {level.f1:.4f} (tp {level.tp}, fp {level.fp}, fn {level.fn})")
    kept = "n/a" if scores.topic_kept_apart is None else f"{scores.topic_kept_apart:.4f}"
    click.echo(f"same-topic pairs kept in different storylines: {kept} of {scores.topic_pairs}")


@eval_group.command("pairs")
@click.option("--lower-is-similar", is_flag=True, help="Gold scores are distances: negate them first.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.argument("pairs", type=click.Path(exists=True, dir_okay=False))
def eval_pairs(lower_is_similar: bool, as_json: bool, pairs: str) -> None:
    """Pearson and Spearman R of `marsad similarity` against PAIRS.jsonl ({"text1", "text2", "score"} lines)."""
    from marsad.stories.evaluate import correlations, read_pairs
    from marsad.stories.pair import article_from_text, pair_similarity

    try:
        records = read_pairs(Path(pairs))
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    system = []
    for number, (text1, text2, _) in enumerate(tqdm(records, desc="pairs", file=sys.stderr, disable=None), start=1):
        a = article_from_text(text1, f"{pairs}:{number}:text1")
        b = article_from_text(text2, f"{pairs}:{number}:text2")
        system.append(pair_similarity(a, b))
    human = [-s if lower_is_similar else s for _, _, s in records]
    pearson, spearman = correlations(system, human)
    if as_json:
        click.echo(json.dumps({"pairs": len(records), "pearson": pearson, "spearman": spearman}))
    else:
        click.echo(f"pairs {len(records)}")
        click.echo(f"pearson R {pearson:.4f}")
        click.echo(f"spearman R {spearman:.4f}")


@eval_group.command("citations")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("--examples", is_flag=True, help="Also list up to 20 unsupported citations.")
@click.argument("report", type=click.Path(exists=True, dir_okay=False))
def eval_citations(as_json: bool, examples: bool, report: str) -> None:
    """Citations of a REPORT.json checked: supported share of summary and timeline
    citations, furniture and fragments in summaries, titles of at most 16 words,
    timeline entries per kind and fragments among them."""
    from marsad.citations import evaluate_report

    try:
        data = json.loads(Path(report).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise click.ClickException(f"{report}: not a readable report.json ({exc})") from None
    figures = evaluate_report(data)
    listed = figures.pop("unsupported_examples")
    if as_json:
        click.echo(json.dumps({**figures, **({"unsupported_examples": listed} if examples else {})}, ensure_ascii=False))
        return
    for key, value in figures.items():
        click.echo(f"{key}: {value}")
    if examples:
        for item in listed:
            click.echo(f"unsupported: [{item['source']}] {item['claim']}")


def _who_said_what(files: tuple[str, ...], part: str, sample: str, corpus: str):
    """GOLD... REPORT of `marsad eval quotes|entities`, scored (a one-line error on bad input)."""
    from marsad.evaluation.who_said_what import evaluate

    if len(files) < 2:
        raise click.UsageError("give one or more gold files, then the REPORT.json")
    *gold, report = (Path(f) for f in files)
    try:
        result = evaluate(gold, report, part, Path(sample), Path(corpus))
    except (OSError, ValueError) as exc:
        raise click.ClickException(str(exc)) from None
    for name in result.unmatched:
        _warn(f"{name}: gold article not in {report} (not scored)")
    return result


def _print_evaluation(figures: dict, misses: list[dict] | None, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(figures if misses is None else {**figures, "misses": misses}, ensure_ascii=False))
        return
    for key, value in figures.items():
        click.echo(f"{key.replace('_', ' ')}: {'n/a' if value is None else value}")
    for miss in misses or []:
        click.echo(json.dumps(miss, ensure_ascii=False))


def _wsw_options(command: Callable) -> Callable:
    """The options `marsad eval quotes` and `marsad eval entities` share."""
    for option in reversed((
        click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False)),
        click.option("--part", type=click.Choice(["all", "tune", "heldout"]), default="all", show_default=True, help="Score only this part of the development set."),
        click.option("--sample", default="eval/dev/wsw_sample.jsonl", show_default=True, help="The sample file naming each article's part."),
        click.option("--corpus", default="../shared/data/saudinewsnet", show_default=True, help="Day files, to find a gold article by URL when the report digested selected records."),
        click.option("--misses", is_flag=True, help="Also list what was missed or wrong, one JSON line each."),
        click.option("--json", "as_json", is_flag=True, help="Print one JSON object."),
    )):
        command = option(command)
    return command


@eval_group.command("quotes")
@_wsw_options
def eval_quotes(files: tuple[str, ...], part: str, sample: str, corpus: str, misses: bool, as_json: bool) -> None:
    """Quote recall, precision, speaker and kind right of REPORT.json against GOLD... who-said-what
    labels (an article in several gold files: the last file wins)."""
    result = _who_said_what(files, part, sample, corpus)
    figures = {"part": result.part, "gold_articles": result.gold_articles, **result.quotes.figures()}
    _print_evaluation(figures, result.quotes.misses if misses else None, as_json)


@eval_group.command("entities")
@_wsw_options
def eval_entities(files: tuple[str, ...], part: str, sample: str, corpus: str, misses: bool, as_json: bool) -> None:
    """Entities found with an exact form, attribution precision, forms held together and
    dates right of REPORT.json against GOLD... who-said-what labels."""
    result = _who_said_what(files, part, sample, corpus)
    figures = {"part": result.part, "gold_articles": result.gold_articles, **result.entities.figures()}
    _print_evaluation(figures, result.entities.misses if misses else None, as_json)


@main.group()
def train() -> None:
    """Train marsad's models from data in this repository (offline)."""


@train.command("ner")
@click.option("--data", type=click.Path(dir_okay=False), default="../shared/data/anercorp/ANERCorp_CamelLab_train.txt", show_default=True, help="Training file, `token TAG` per line, blank line between sentences (ANERcorp).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default=None, help="Directory for ner.crfsuite; its clusters.txt/gazetteer.txt are used as features. [default: the package's model directory]")
@click.option("--dev-fraction", type=click.FloatRange(0.0, 0.5), default=0.1, show_default=True, help="Last share of sentences held out as dev (not trained on).")
@click.option("--c1", type=float, default=0.05, show_default=True, help="L1 regularization.")
@click.option("--c2", type=float, default=0.05, show_default=True, help="L2 regularization.")
@click.option("--iterations", type=int, default=150, show_default=True, help="L-BFGS iterations.")
@click.option("--limit", type=int, default=None, help="Use only the first N sentences (quick runs).")
def train_ner_command(data: str, out_dir: str | None, dev_fraction: float, c1: float, c2: float, iterations: int, limit: int | None) -> None:
    """Train the NER CRF (PER/ORG/LOC/MISC) and print its dev scores."""
    from marsad.entities.conll import ConllError, format_scores
    from marsad.entities.ner import MODEL_DIR
    from marsad.entities.training import train_ner

    if not Path(data).is_file():
        raise click.ClickException(f"{data}: no such training file")
    try:
        result = train_ner(Path(data), Path(out_dir) if out_dir else MODEL_DIR, dev_fraction, c1, c2, iterations, limit)
    except ConllError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"trained on {result.train_sentences} sentences in {result.seconds:.1f} s; wrote {result.model_path}")
    if result.dev_scores is not None:
        click.echo(f"dev: last {result.dev_sentences} sentences of {data}")
        click.echo(format_scores(result.dev_scores))


@train.command("story-vectors")
@click.argument("corpus", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--out", type=click.Path(dir_okay=False), default=None, help="Output .npz. [default: the package's stories/vectors.npz]")
@click.option("--dims", type=int, default=64, show_default=True, help="Principal components kept.")
@click.option("--vocab", type=int, default=60_000, show_default=True, help="Most frequent stems kept.")
@click.option("--window", type=int, default=10, show_default=True, help="word2vec context window (words each side).")
@click.option("--limit", type=int, default=None, help="Read at most this many articles.")
@click.option("--from-words", "from_words", type=click.Path(exists=True, dir_okay=False), default=None, help="Derive the stem vectors from a word-vector file (`marsad train vectors` output) instead of training: no gensim, seconds.")
def train_story_vectors(corpus: tuple[str, ...], out: str | None, dims: int, vocab: int, window: int, limit: int | None, from_words: str | None) -> None:
    """Learn the stem vectors of the story score's meaning channels (word2vec over light
    stems, PCA, int8; the background IDF weights the document mean).

    Reproducible with PYTHONHASHSEED=0 (one worker thread). Needs gensim, unless
    --from-words derives them from existing word vectors.
    """
    from marsad.stories.idf import load_idf
    from marsad.stories.semantic import ARTIFACT, build_semantic, stems_from_words, write_semantic
    from marsad.stories.train import story_vector_corpus

    try:
        lines, documents = story_vector_corpus([Path(p) for p in corpus], limit, with_lines=not from_words)
        if from_words:
            import numpy as np

            with np.load(from_words, allow_pickle=False) as data:
                stems, matrix, mean, common = stems_from_words(data["words"].tolist(), data["matrix"], documents, load_idf())
            dims = matrix.shape[1]
        else:
            stems, matrix, mean, common = build_semantic(lines, documents, load_idf(), dims=dims, vocab_size=vocab, window=window)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    except ImportError:
        raise click.ClickException("needs gensim: pip install 'marsad[train]'") from None
    target = Path(out) if out else ARTIFACT
    write_semantic(stems, matrix, mean, common, target)
    click.echo(f"{len(stems)} stem vectors of {dims} components from {len(documents)} articles ({len(lines)} lines); wrote {target}")


@train.command("story-pairs")
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--data", "data_dir", type=click.Path(file_okay=False), default="../shared/data/saudinewsnet", show_default=True, help="Directory of the SaudiNewsNet files the pairs name (FILE.json#N).")
@click.option("--sample", type=click.Path(dir_okay=False), default="eval/dev/pairs_sample.jsonl", show_default=True, help="Sample file giving each pair's part (tune|heldout).")
@click.option("--part", type=click.Choice(["tune", "all"]), default="tune", show_default=True, help="Which labelled pairs to train on (never the held-out part unless 'all').")
@click.option("--c", "strength", type=float, default=1.0, show_default=True, help="Inverse L2 regularization of the logistic regressions.")
@click.option("--out", type=click.Path(dir_okay=False), default=None, help="Where to write the model. [default: the package's pair_model.json]")
def train_story_pairs(gold: tuple[str, ...], data_dir: str, sample: str, part: str, strength: float, out: str | None) -> None:
    """Learn the event and storyline pair models from labelled pairs (GOLD.jsonl...; the
    last file wins where a pair is in several) and write pair_model.json."""
    from marsad import pipeline
    from marsad.ingest import IngestError, iter_articles
    from marsad.stories.batch import with_corpus_idf
    from marsad.stories.pairs_eval import read_gold_pairs, read_parts
    from marsad.stories.similarity import FEATURES, StoryContext, PAIR_MODEL
    from marsad.stories.train import fit_pair_model, model_json, pair_table, read_corpus

    try:
        parts = read_parts(Path(sample)) if Path(sample).is_file() else {}
        pairs = [g for g in read_gold_pairs([Path(g) for g in gold], parts) if part == "all" or g.part == part]
        files = read_corpus(pairs, Path(data_dir))
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    articles = [a for a in iter_articles(files) if not isinstance(a, IngestError)]
    options = pipeline.Options(stages=("reuse", "entities"), workers=os.cpu_count() or 1)
    digest = pipeline.digest(articles, options)
    context = with_corpus_idf(digest.articles, StoryContext.of(digest.mentions, digest.reuse))
    table = pair_table(pairs, digest.articles, context)
    try:
        fitted = fit_pair_model(table, strength)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    target = Path(out) if out else PAIR_MODEL
    source = {"gold": [Path(g).name for g in gold], "part": part, "pairs": len(table.labels), "files": [f.name for f in files], "c": strength}
    target.write_text(model_json(fitted, source), encoding="utf-8")
    click.echo(f"{len(table.labels)} labelled pairs ({part}) from {len(files)} files, {len(digest.articles)} articles")
    for level, (weights, bias) in fitted.items():
        click.echo(f"{level}: bias {bias:+.2f} " + " ".join(f"{name} {w:+.2f}" for name, w in zip(FEATURES, weights)))
    click.echo(f"wrote {target}")


@train.command("clusters")
@click.argument("corpus", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--out", type=click.Path(dir_okay=False), default=None, help="Output file. [default: the package's models/clusters.txt]")
@click.option("--limit", type=int, default=None, help="Read at most this many articles.")
def train_clusters_command(corpus: tuple[str, ...], out: str | None, limit: int | None) -> None:
    """Learn word clusters (word2vec + k-means) from raw articles for the NER features.

    Reproducible with PYTHONHASHSEED=0 (one worker thread, seeded k-means).
    """
    from marsad.entities.ner import CLUSTERS_FILE, MODEL_DIR
    from marsad.entities.training import build_cluster_file

    target = Path(out) if out else MODEL_DIR / CLUSTERS_FILE
    count = _corpus_training(lambda: build_cluster_file([Path(p) for p in corpus], target, limit))
    click.echo(f"clustered {count} words; wrote {target}")




def _corpus_training(build: Callable[[], T]) -> T:
    """Run a word-statistics build, its user errors (no text, no gensim) as one line."""
    from marsad.entities.conll import ConllError

    try:
        return build()
    except ConllError as exc:
        raise click.ClickException(str(exc)) from None
    except ImportError:
        raise click.ClickException("needs gensim: pip install 'marsad[train]'") from None


@train.command("vectors")
@click.argument("corpus", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--out", type=click.Path(dir_okay=False), required=True, help="Output .npz (name it vectors.npz beside a model to use it).")
@click.option("--dims", type=int, default=32, show_default=True, help="Principal components kept.")
@click.option("--vocab", type=int, default=50_000, show_default=True, help="Most frequent words kept.")
@click.option("--limit", type=int, default=None, help="Read at most this many articles.")
def train_vectors_command(corpus: tuple[str, ...], out: str, dims: int, vocab: int, limit: int | None) -> None:
    """Learn small quantized word vectors (word2vec + PCA, int8) for optional NER features.

    Reproducible with PYTHONHASHSEED=0 (one worker thread).
    """
    from marsad.entities.training import build_vector_file

    count = _corpus_training(lambda: build_vector_file([Path(p) for p in corpus], Path(out), limit, dims=dims, vocab_size=vocab))
    click.echo(f"{count} word vectors of {dims} components; wrote {out}")


@train.command("gazetteer")
@click.argument("corpus", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--out", type=click.Path(dir_okay=False), required=True, help="Output file (name it gazetteer.txt beside a model to use it).")
@click.option("--min-count", type=int, default=3, show_default=True, help="Times a word must fill a trigger slot.")
@click.option("--min-ratio", type=float, default=0.1, show_default=True, help="Share of the word's occurrences that must be in the slot.")
@click.option("--limit", type=int, default=None, help="Read at most this many articles.")
def train_gazetteer_command(corpus: tuple[str, ...], out: str, min_count: int, min_ratio: float, limit: int | None) -> None:
    """Mine person/organization/place name lists from raw articles (words after titles,
    organization heads and place words) for the NER gazetteer features."""
    from marsad.entities.training import build_gazetteer_file

    total, counts = _corpus_training(lambda: build_gazetteer_file([Path(p) for p in corpus], Path(out), limit, min_count, min_ratio))
    click.echo(f"{total} words ({', '.join(f'{k} {v}' for k, v in sorted(counts.items()))}); wrote {out}")


@train.command("names")
@click.argument("corpus", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--out", type=click.Path(dir_okay=False), default=None, help="Output file. [default: the package's models/names.txt]")
@click.option("--min-tagged", type=int, default=4, show_default=True, help="Times the pipeline must keep a name.")
@click.option("--min-share", type=float, default=0.6, show_default=True, help="Share of the name's whole-word occurrences it must keep.")
@click.option("--limit", type=int, default=None, help="Read at most this many articles.")
def train_names_command(corpus: tuple[str, ...], out: str | None, min_tagged: int, min_share: float, limit: int | None) -> None:
    """Mine the names that NER + canonicalization keep in most places they are written
    (no list applied while mining); the entities stage then tags their other
    occurrences. Mine from days other than those you score."""
    from marsad.entities.canonical import canonicalize
    from marsad.entities.name_list import NAMES_FILE, mine_names, write_names
    from marsad.entities.ner import MODEL_DIR, MODEL_FILE
    from marsad.pipeline import Options, analyse_articles, unique_articles

    if not (MODEL_DIR / MODEL_FILE).exists():
        raise click.ClickException(f"needs the NER model {MODEL_DIR / MODEL_FILE} (run `marsad train ner`)")
    articles, counts = read_articles(corpus, limit)
    options = Options(stages=("entities",), workers=max(1, os.cpu_count() or 1))
    prepared, mentions = analyse_articles(list(unique_articles(articles)), options)
    if not prepared:
        raise click.ClickException("no readable articles in the corpus")
    _, canonical = canonicalize(prepared, mentions, names={})
    names = mine_names(prepared, canonical, min_tagged=min_tagged, min_share=min_share)
    target = Path(out) if out else NAMES_FILE
    write_names(names, target)
    click.echo(f"{len(names)} names from {len(prepared)} articles; wrote {target}")


@train.command("boilerplate")
@click.argument("corpus", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--out", type=click.Path(dir_okay=False), default=None, help="Output file. [default: the package's data/boilerplate.json]")
@click.option("--limit", type=int, default=None, help="Read at most this many articles.")
def train_boilerplate_command(corpus: tuple[str, ...], out: str | None, limit: int | None) -> None:
    """Learn each outlet's boilerplate lines (bylines, datelines, link and SMS lines) from
    their repetition across its articles; cleaning removes them from then on."""
    from marsad.boilerplate import BOILERPLATE_FILE, BoilerplateModel

    articles, counts = read_articles(corpus, limit)
    model = BoilerplateModel.fit((a.outlet, a.body) for a in articles)
    if counts["read"] == 0:
        raise click.ClickException("no readable articles in the corpus")
    target = Path(out) if out else BOILERPLATE_FILE
    model.save(target)
    outlets = len(set(model.lines) | set(model.openings) | set(model.closings))
    click.echo(f"learned {model.size()} boilerplate shapes for {outlets} outlets from {counts['read']} articles; wrote {target}")


@eval_group.command("ner")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--model", type=click.Path(dir_okay=False), default=None, help="A ner.crfsuite to score instead of the committed one.")
def eval_ner(file: str, model: str | None) -> None:
    """Entity-level precision/recall/F1 (CoNLL, exact spans) of the NER model on FILE (`token TAG` lines)."""
    from marsad.entities.conll import ConllError, format_scores
    from marsad.entities.ner import load_model
    from marsad.entities.training import evaluate, read_conll_file

    if not Path(file).is_file():
        raise click.ClickException(f"{file}: no such file")
    try:
        sentences = read_conll_file(Path(file))
        tagger = load_model(Path(model) if model else None)
    except (ConllError, FileNotFoundError) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(format_scores(evaluate(sentences, tagger)))


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--state", required=True, type=click.Path(dir_okay=False), help="Clusterer state (.npz): loaded if it exists, saved after.")
@click.option("--limit", type=int, default=None, help="Read at most this many articles.")
@click.option("--fast", is_flag=True, help="Skip the slow entities stage (scores rest on terms, numbers, quotes, dates, reuse).")
@click.option("--json", "as_json", is_flag=True, help="One JSON line per new article.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def stream(inputs: tuple[str, ...], state: str, limit: int | None, fast: bool, as_json: bool, quiet: bool) -> None:
    """Online stories: assign new articles (publication order) to events and storylines,
    keeping ids stable across runs through the --state file."""
    from marsad.stories.online import OnlineStoryClusterer
    from marsad.stories.pair import stage_context

    path = Path(state)
    if path.exists() and not zipfile.is_zipfile(path):
        raise click.ClickException(f"{path}: not a marsad story state (not an .npz archive); remove it to start a new state")
    try:
        model = OnlineStoryClusterer.load(path) if path.exists() else OnlineStoryClusterer()
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    articles, counts = read_articles(inputs, limit=limit, progress=not quiet)
    known = len(model)
    prepared, context = stage_context(list(articles), skip=frozenset({"entities", "quotes", "timeline"} if fast else {"quotes", "timeline"}))
    before = set(model.article_ids_)
    model.partial_fit(prepared, context)
    model.save(path)
    labels = model.labels()
    story_of = {e: s.id for s in model.storylines() for e in s.event_ids}
    fresh = [a for a in model.article_ids_[known:] if a not in before]
    for article_id in fresh:
        event = labels[article_id]
        if as_json:
            click.echo(json.dumps({"article_id": article_id, "event_id": event, "storyline_id": story_of[event]}))
        elif not quiet:
            click.echo(f"{article_id} {event} {story_of[event]}")
    click.echo(
        f"{len(fresh)} new articles ({counts['errors']} unreadable inputs); {len(model)} stored, "
        f"{len(model.event_ids_)} events, {len(model.storyline_ids_)} storylines → {path}",
        err=as_json,
    )


@main.group("spark")
def spark_group() -> None:
    """Run marsad on Apache Spark (needs the `spark` extra: pip install 'marsad[spark]')."""


@spark_group.command("digest")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", "out_dir", required=True, help="Directory or Hadoop URI for the Parquet tables.")
@click.option("--master", default=None, help="Spark master URL (local[2], spark://host:7077, yarn …); default: spark-submit's, else local[*].")
@click.option("--words", default=120, show_default=True, help="Word budget of each storyline summary.")
@click.option("--max-block", default=1500, show_default=True, help="Most articles one NER task tags (a bigger block is tagged in pieces, then clustered whole).")
@click.option("--partitions", type=int, default=None, help="Input partitions (default: twice the cores).")
def spark_digest(inputs: tuple[str, ...], out_dir: str, master: str | None, words: int, max_block: int, partitions: int | None) -> None:
    """Digest INPUTS (JSON/JSONL/Parquet, CC-NEWS WARC; local paths or Hadoop URIs)
    into Parquet tables with the report's content."""
    from marsad.spark.blocks import BlockSettings
    from marsad.spark.job import SparkDigestSettings, run_digest
    from marsad.spark.session import SparkUnavailable, get_session
    from marsad.spark.sources import SparkInputError

    if max_block < 2 or words < 1:
        raise click.BadParameter("--max-block must be at least 2 and --words at least 1")
    try:
        spark = get_session(master)
    except SparkUnavailable as exc:
        raise click.ClickException(str(exc)) from None
    settings = SparkDigestSettings(summary_words=words, blocks=BlockSettings(max_block=max_block), partitions=partitions)
    try:
        figures = run_digest(spark, list(inputs), out_dir, settings, warn=_warn)
    except SparkInputError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":  # pragma: no cover
    main()
