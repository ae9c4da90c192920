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


def run_digest_benchmark(corpus: str, limit: int | None = None, stages: tuple[str, ...] | None = None) -> dict[str, Any]:
    """Ingest and digest ``corpus``; figures for the whole run and for each stage."""
    started = time.perf_counter()
    result = pipeline.digest(read_corpus(corpus, limit), pipeline.Options(stages=stages, workers=os.cpu_count() or 1))
    seconds = time.perf_counter() - started
    return {
        "articles": len(result.articles),
        "stages": list(stages) if stages is not None else list(pipeline.STAGE_NAMES),
        "seconds": round(seconds, 3),
        "articles_per_s": round(len(result.articles) / seconds, 1) if seconds else None,
        "peak_rss_mb": peak_rss_mb(),
        "stage_seconds": {k: round(v, 3) for k, v in result.stage_seconds.items()},
    }
