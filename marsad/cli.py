"""marsad's command line: the edge where people, files and stages meet."""
from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

import click
from tqdm import tqdm

from marsad import __version__
from marsad.ingest import IngestError, iter_articles
from marsad.model import Article


def _warn(message: str) -> None:
    """One line on stderr that does not break a running progress bar."""
    tqdm.write(f"marsad: {message}", file=sys.stderr)


def read_articles(
    inputs: tuple[str, ...], limit: int | None = None, progress: bool = True
) -> tuple[Iterator[Article], dict[str, int]]:
    """Articles from the inputs, reporting bad ones on stderr as they come.

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
            for item in iter_articles([Path(p) for p in inputs]):
                if isinstance(item, IngestError):
                    counts["errors"] += 1
                    _warn(str(item))
                    continue
                counts["read"] += 1
                bar.update(1)
                yield item
                if limit is not None and counts["read"] >= limit:
                    return

    return generate(), counts


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="marsad")
def main() -> None:
    """marsad (مرصد): turn Arabic news from many outlets into stories you can check.

    Every command works offline. Run `marsad COMMAND --help` for details.
    """


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="Directory for report.json, report.md and report.html.")
@click.option("--words", default=120, show_default=True, help="Word budget of each storyline summary.")
@click.option("--limit", type=int, default=None, help="Read at most this many articles.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def digest(inputs: tuple[str, ...], out_dir: str, words: int, limit: int | None, quiet: bool) -> None:
    """Digest articles (files or directories of .txt/.json/.jsonl/.html) into a report."""
    from marsad import pipeline
    from marsad.report import write_reports

    articles, counts = read_articles(inputs, limit=limit, progress=not quiet)
    options = pipeline.Options(summary_words=words)
    result = pipeline.digest(articles, options, on_stage=None if quiet else lambda s: _warn(f"stage: {s}"))
    if not result.articles:
        raise click.ClickException(f"no article could be read from {', '.join(inputs)} ({counts['errors']} bad inputs)")
    paths = write_reports(result, Path(out_dir))
    removed = sum(len(a.removed) for a in result.articles)
    sentences = sum(len(a.sentences) for a in result.articles)
    click.echo(
        f"{len(result.articles)} articles ({counts['errors']} unreadable inputs), {sentences} sentences, "
        f"{removed} noise paragraphs removed, {len(result.reuse)} reuse links, {len(result.events)} events, "
        f"{len(result.storylines)} storylines, {len(result.entities)} entities, {len(result.quotes)} quotes"
    )
    for path in paths:
        click.echo(f"wrote {path}")


@main.group()
def bench() -> None:
    """Benchmarks: throughput and memory of marsad's stages (one JSON object each)."""


@bench.command("digest")
@click.option("--corpus", required=True, type=click.Path(exists=True), help="Files or a directory to digest.")
@click.option("--limit", type=int, default=None, help="Use at most this many articles.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def bench_digest(corpus: str, limit: int | None, as_json: bool) -> None:
    """Run the whole pipeline as built so far and report its speed and peak memory."""
    from marsad.benchmarks import run_digest_benchmark

    figures = run_digest_benchmark(corpus, limit)
    if as_json:
        click.echo(json.dumps(figures, ensure_ascii=False))
    else:
        for key, value in figures.items():
            click.echo(f"{key}: {value}")


if __name__ == "__main__":  # pragma: no cover
    main()
