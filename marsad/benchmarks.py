"""Measurements behind `marsad bench …`: wall time, throughput and peak memory."""
from __future__ import annotations

import os
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from marsad import pipeline
from marsad.ingest import IngestError, iter_articles
from marsad.model import Article


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MiB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024, 1)


def read_corpus(corpus: str | Path, limit: int | None = None) -> Iterator[Article]:
    """The readable articles of ``corpus`` (at most ``limit``); unreadable inputs are
    skipped silently, as a benchmark measures the good path."""
    count = 0
    for item in iter_articles([Path(corpus)]):
        if isinstance(item, IngestError):
            continue
        yield item
        count += 1
        if limit is not None and count >= limit:
            return


def cpu_seconds() -> float:
    """CPU time (user + system) of this process and of its finished children (the NER
    worker processes are joined at the end of their stage, so they are counted)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def children_peak_rss_mb() -> float:
    """Peak resident memory of the largest finished child process, in MiB."""
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024, 1)


class StageClock:
    """CPU seconds per stage, and this process's peak memory at the end of each,
    taken at each stage start (``on_stage``) and at the end."""

    def __init__(self, first: str) -> None:
        self.current = first
        self.mark = cpu_seconds()
        self.seconds: dict[str, float] = {}
        self.peak_rss_mb: dict[str, float] = {}

    def __call__(self, stage: str) -> None:
        now = cpu_seconds()
        self.seconds[self.current] = self.seconds.get(self.current, 0.0) + now - self.mark
        self.peak_rss_mb[self.current] = peak_rss_mb()
        self.current, self.mark = stage, now


def run_digest_benchmark(corpus: str, limit: int | None = None, stages: tuple[str, ...] | None = None) -> dict[str, Any]:
    """Ingest and digest ``corpus``; figures for the whole run and for each stage.

    Wall seconds depend on what else runs on the machine; CPU seconds (this process
    and its NER workers) much less so: compare those across runs on a shared machine.
    """
    started, cpu_started = time.perf_counter(), cpu_seconds()
    clock = StageClock("ingest+prepare")
    result = pipeline.digest(
        read_corpus(corpus, limit), pipeline.Options(stages=stages, workers=os.cpu_count() or 1), on_stage=clock
    )
    clock("")
    seconds = time.perf_counter() - started
    cpu = cpu_seconds() - cpu_started
    articles = len(result.articles)
    return {
        "articles": articles,
        "stages": list(stages) if stages is not None else list(pipeline.STAGE_NAMES),
        "seconds": round(seconds, 3),
        "articles_per_s": round(articles / seconds, 1) if seconds else None,
        "cpu_seconds": round(cpu, 3),
        "articles_per_cpu_s": round(articles / cpu, 1) if cpu else None,
        "peak_rss_mb": peak_rss_mb(),
        "children_peak_rss_mb": children_peak_rss_mb(),
        "stage_seconds": {k: round(v, 3) for k, v in result.stage_seconds.items()},
        "stage_cpu_seconds": {k: round(v, 3) for k, v in clock.seconds.items()},
        "peak_rss_mb_after_stage": clock.peak_rss_mb,
        "ner_compiled": _ner_compiled(),
    }


def _ner_compiled() -> bool:
    """Whether the NER's compiled path (:mod:`marsad.entities._crfscore`, built by
    ``make setup``) is there; without it the per-article layer costs about twice the
    CPU. (Asked of the module, not the model: the digest has let the model go, and
    loading it again here would raise the process's peak memory.)"""
    try:
        import marsad.entities._crfscore  # noqa: F401
    except ImportError:
        return False
    return True
