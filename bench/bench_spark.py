"""Spark digest vs the single-process pipeline: articles/s and peak memory.

Two commands::

    # a 10× corpus: every real article plus 9 perturbed copies (other outlet, date
    # shifted 0–2 days, 5–30% of sentences deleted, inserted or edited)
    .venv/bin/python bench/bench_spark.py build ../shared/data/saudinewsnet --copies 9 --out /tmp/snn10x.jsonl

    # one measurement (prints one JSON object); --engine single | spark
    .venv/bin/python bench/bench_spark.py run /tmp/snn10x.jsonl --limit 2000 --engine spark --master 'local[2]'

``run`` takes the first ``--limit`` articles of the input (written to a temporary
JSONL file so both engines read the same bytes), then times the whole job: reading,
preparing and every corpus stage (single: :func:`marsad.pipeline.digest`; spark:
:func:`marsad.spark.job.run_digest` including its Parquet output, excluding the
session start-up, reported apart). Peak memory is the peak RSS of this process and
all its children (the JVM and the Python workers for Spark), sampled with psutil-free
``/proc`` reads every 0.2 s.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from marsad.ingest import IngestError, iter_articles  # noqa: E402
from marsad.model import Article  # noqa: E402


def _real_articles(corpus: str, limit: int | None) -> list[Article]:
    items = (a for a in iter_articles([Path(corpus)]) if isinstance(a, Article))
    return list(islice(items, limit))


def build(corpus: str, copies: int, out: str, limit: int | None, seed: int) -> dict:
    """Write the real articles and ``copies`` perturbed copies of each as JSONL."""
    from marsad.pipeline import prepare
    from marsad.reuse_bench import synthetic_copies

    rng = random.Random(seed)
    real = [prepare(a) for a in _real_articles(corpus, limit)]
    variants: list[list[tuple[str, str | None, str | None, str | None]]] = [[] for _ in real]
    for k in range(copies):
        for base, _op, text in synthetic_copies(real, range(len(real)), rng):
            article = real[base]
            title = (article.title or "") + ("" if rng.random() < 0.5 else f" ({k + 1})")
            variants[base].append((text, f"{article.outlet or 'outlet'}-{k + 1}", _shift(article.published, rng.randint(0, 2)), title))
    written = 0
    with open(out, "w", encoding="utf-8") as handle:
        # each real article followed by its copies: the first N lines are a 10× slice
        for article, copies_of in zip(real, variants):
            for text, outlet, published, title in [(article.clean_text, article.outlet, article.published, article.title), *copies_of]:
                handle.write(json.dumps(_record(article, text, outlet, published, title), ensure_ascii=False) + "\n")
                written += 1
    return {"real": len(real), "copies_each": copies, "written": written, "out": out}


def _shift(published: str | None, days: int) -> str | None:
    if not published or len(published) < 10:
        return published
    return (date.fromisoformat(published[:10]) + timedelta(days=days)).isoformat()


def _record(article: Article, text: str, outlet: str | None, published: str | None, title: str | None) -> dict:
    return {"title": title, "content": text, "source": outlet, "date": published, "url": article.url}


class PeakMemory:
    """Peak summed RSS (MiB) of this process and its descendants, sampled."""

    def __init__(self, every: float = 0.2) -> None:
        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(every,), daemon=True)

    @staticmethod
    def _tree_rss() -> float:
        children: dict[int, list[int]] = {}
        rss: dict[int, int] = {}
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
                children.setdefault(int(fields[1]), []).append(int(entry))
                rss[int(entry)] = int(fields[21])
            except (OSError, IndexError, ValueError):
                continue
        total, todo = 0, [os.getpid()]
        while todo:
            pid = todo.pop()
            total += rss.get(pid, 0)
            todo.extend(children.get(pid, []))
        return total * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)

    def _run(self, every: float) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._tree_rss())
            self._stop.wait(every)

    def __enter__(self) -> "PeakMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._tree_rss())


def run(corpus: str, limit: int | None, engine: str, master: str, max_block: int, workers: int = 1, events_out: str | None = None) -> dict:
    folder = Path(tempfile.mkdtemp(prefix="marsad-bench-spark-"))
    sample = folder / "input.jsonl"
    count = 0
    with sample.open("w", encoding="utf-8") as handle:
        for article in _real_articles(corpus, limit):
            handle.write(json.dumps(_record(article, article.body, article.outlet, article.published, article.title), ensure_ascii=False) + "\n")
            count += 1
    figures: dict = {"engine": engine, "input_articles": count, "cpus": os.cpu_count()}
    if engine == "single":
        from marsad import pipeline

        figures["workers"] = workers
        with PeakMemory() as memory:
            started, cpu = time.perf_counter(), time.process_time()
            options = pipeline.Options(workers=workers)
            result = pipeline.digest((a for a in iter_articles([sample]) if isinstance(a, Article)), options)
            seconds = time.perf_counter() - started
        events = [e.article_ids for e in result.events]
        figures.update(articles=len(result.articles), events=len(result.events), seconds=round(seconds, 1),
                       cpu_seconds=round(time.process_time() - cpu, 1),
                       stage_seconds={k: round(v, 1) for k, v in result.stage_seconds.items()})
    else:
        from marsad.spark.blocks import BlockSettings
        from marsad.spark.job import SparkDigestSettings, run_digest
        from marsad.spark.session import get_session

        with PeakMemory() as memory:
            started = time.perf_counter()
            spark = get_session(master, app_name="marsad-bench")
            figures["session_seconds"] = round(time.perf_counter() - started, 1)
            started = time.perf_counter()
            result = run_digest(spark, [str(sample)], str(folder / "out"), SparkDigestSettings(blocks=BlockSettings(max_block=max_block)))
            seconds = time.perf_counter() - started
            events = [row["article_ids"] for row in spark.read.parquet(str(folder / "out" / "events")).select("article_ids").collect()]
            spark.stop()
        figures.update(master=master, articles=result["articles"], events=result["rows_events"], seconds=round(seconds, 1),
                       blocks=result["blocks"], largest_block=result["largest_block"], pieces=result["pieces"],
                       near_duplicate_pairs=result["near_duplicate_pairs"], step_seconds=result["seconds"])
    if events_out:
        # one line per event (its sorted article ids), sorted: `diff` two runs to compare engines
        Path(events_out).write_text("".join(f"{line}\n" for line in sorted(",".join(sorted(ids)) for ids in events)), encoding="utf-8")
    figures["articles_per_s"] = round(figures["articles"] / figures["seconds"], 2) if figures["seconds"] else None
    figures["peak_rss_mb"] = round(memory.peak, 1)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    b = commands.add_parser("build", help="write a corpus of real articles plus perturbed copies (JSONL)")
    b.add_argument("corpus")
    b.add_argument("--copies", type=int, default=9)
    b.add_argument("--out", required=True)
    b.add_argument("--limit", type=int, default=None, help="real articles to start from")
    b.add_argument("--seed", type=int, default=2015)
    r = commands.add_parser("run", help="time one engine on the first --limit articles")
    r.add_argument("corpus")
    r.add_argument("--limit", type=int, default=None)
    r.add_argument("--engine", choices=("single", "spark"), required=True)
    r.add_argument("--master", default="local[2]")
    r.add_argument("--max-block", type=int, default=1500)
    r.add_argument("--workers", type=int, default=1, help="single engine: NER worker processes (the CLI uses the core count)")
    r.add_argument("--events-out", default=None, help="write each event's sorted article ids, one per line, to compare engines")
    args = parser.parse_args()
    if args.command == "build":
        print(json.dumps(build(args.corpus, args.copies, args.out, args.limit, args.seed), ensure_ascii=False))
    else:
        print(json.dumps(run(args.corpus, args.limit, args.engine, args.master, args.max_block, args.workers, args.events_out), ensure_ascii=False))


if __name__ == "__main__":
    main()
