"""Stream SaudiNewsNet into a store one article at a time (the live layer, issue 16).

    .venv/bin/python bench/bench_live.py --corpus ../shared/data/saudinewsnet --db /tmp/live/bench.db \
        --limit 10000 --every 5000 --api 20

Articles are read, sorted by publication date (then path: the order a newsroom feed
would deliver them) and linked with :class:`marsad.live.LiveLinker`, ``--batch`` at a
time (:meth:`~marsad.live.LiveLinker.stream`: analysed on ``--workers`` processes,
the next batch while this one links, each batch linked in one transaction;
``--no-pipeline``: :meth:`~marsad.live.LiveLinker.add_batch` one batch after the
other; ``--batch 1``: one article per transaction, in process).
Every ``--every`` stored articles one JSON line reports, for that stretch: articles
per wall second (the sustained rate), the CPU milliseconds per article of ALL the
processes (this one and its workers, read from /proc) and the load average (what
the rest of the machine was doing), per-article
latency (p50/p95/p99; wall: from the batch's hand-over to its commit, what the article
waited; CPU: its analysis in a worker, its linking and its share of the batch's
summaries), mean CPU ms per article, the database size
(file + WAL), this process's resident memory now and at peak, and the workers' peak.
``--corpus`` takes the folder or some of its day files. Summaries of
storylines too big to summarize inside an article's transaction are refreshed every
``--refresh-every`` articles and timed apart. Then ``--api`` re-reports of stored
articles (another outlet, first paragraph dropped) are POSTed to the API app
(``marsad serve`` on 127.0.0.1) and each answer is checked: the re-report in its original's
event, linked to it. The last line is a Markdown table for BENCHMARKS.md.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import os
import resource
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from marsad.benchmarks import read_corpus
from marsad.live import LiveLinker
from marsad.live.analysis import analysis_pool
from marsad.live.linker import chunked
from marsad.live.memory import ALLOWANCE_MB, CacheBudget, rss_mb
from marsad.store import open_store


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def workers_peak_mb() -> list[float]:
    """Peak resident memory (VmHWM) of each live child process: the analysis workers."""
    peaks = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(os.getpid()) and "VmHWM" in fields:
            peaks.append(round(int(fields["VmHWM"].split()[0]) / 1024, 1))
    return sorted(peaks)


def children_cpu_s() -> float:
    """CPU seconds (user + system) the live child processes (the analysis workers)
    have used so far, read from /proc: they are not reaped, so ``os.times`` does not
    count them yet."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[1] == str(os.getpid()):  # fields[1] is the parent's pid (field 4 of stat)
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def all_cpu_s() -> float:
    """CPU seconds of this process, its live workers and any child it reaped."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system + children_cpu_s()


def db_mb(db: Path) -> float:
    return sum(p.stat().st_size for p in db.parent.glob(db.name + "*")) / 2**20


def stretch(
    rows: list[tuple[float, float]], seconds: float, cpu_all: float, stored: int, db: Path, refresh: float, clearings: int = 0
) -> dict[str, Any]:
    """One report line: the stretch's articles (``rows``: each one's wall and CPU
    seconds), its wall ``seconds`` and the CPU seconds all processes used in it."""
    wall = [w for w, _ in rows]
    cpu = [c for _, c in rows]
    return {
        "stored": stored,
        "articles": len(rows),
        "seconds": round(seconds, 1),
        "cpu_all_ms_per_article": round(cpu_all / len(rows) * 1000, 1),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "wall_ms": {p: round(percentile(wall, p) * 1000, 1) for p in (50, 95, 99)},
        "cpu_ms": {p: round(percentile(cpu, p) * 1000, 1) for p in (50, 95, 99)},
        "cpu_ms_mean": round(sum(cpu) / len(cpu) * 1000, 1),
        "articles_per_s": round(len(rows) / seconds, 1) if seconds else None,
        "refresh_pending_s": round(refresh, 1),
        "db_mb": round(db_mb(db), 1),
        "rss_mb": round(rss_mb(), 1),
        "peak_rss_mb": round(peak_mb(), 1),
        "workers_peak_rss_mb": workers_peak_mb(),
        "cache_clearings": clearings,
    }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def api_check(db: Path, originals: list | None, count: int) -> dict[str, Any]:
    """POST ``count`` re-reports to ``marsad serve`` on 127.0.0.1; latency of each
    answer, and whether each joined its original's event with a reuse link to it."""
    import httpx

    token = "bench"
    auth = {"Authorization": f"Bearer {token}"}
    with open_store(str(db)) as store:
        event_of = {r[0]: r[1] for r in store._all("SELECT article_id, event_id FROM live_membership")}
        if originals is None:  # the latest stored articles, as stored
            recent = [r[0] for r in store._all("SELECT article_id FROM live_analysis ORDER BY seq DESC LIMIT ?", (count * 5,))]
            originals = [a for a in (store.article(i) for i in reversed(recent)) if a is not None]
    picked = [a for a in originals if a.id in event_of and len(a.body) > 800][-count:]
    latencies: list[float] = []
    joined = linked = 0
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "marsad.cli", "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)],
        env={**os.environ, "MARSAD_TOKEN": token}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=600) as client:
            deadline = time.monotonic() + 120
            while True:
                try:
                    client.get("/health")
                    break
                except httpx.TransportError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
            started = time.perf_counter()
            client.post("/articles", json={"title": "تجربة", "content": "نص قصير للتحميل الأول في الرياض اليوم.", "source": "bench"}, headers=auth)
            warmup = time.perf_counter() - started
            for original in picked:
                paragraphs = [p for p in original.body.split("\n") if p.strip()]
                body = "\n".join(paragraphs[1:] if len(paragraphs) > 1 else paragraphs)
                record = {"title": original.title, "content": body, "source": "bench-rereport", "date": original.published}
                started = time.perf_counter()
                answer = client.post("/articles", json=record, headers=auth).json()
                latencies.append(time.perf_counter() - started)
                if answer.get("linked"):
                    item = answer["linked"][0]
                    joined += item["event_id"] == event_of[original.id]
                    linked += original.id in item["reuse"]
    finally:
        server.terminate()
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:  # busy in a background consolidation
            server.kill()
            server.wait()
    return {
        "posted": len(picked),
        "first_request_s": round(warmup, 2),
        "wall_ms": {p: round(percentile(latencies, p) * 1000, 1) for p in (50, 95, 99)} if latencies else None,
        "max_ms": round(max(latencies) * 1000, 1) if latencies else None,
        "in_original_event": joined,
        "linked_to_original": linked,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", nargs="+", default=["../shared/data/saudinewsnet"], help="The corpus folder, or day files.")
    parser.add_argument("--db", required=True)
    parser.add_argument("--limit", type=int, default=None, help="Stream the first N articles in publication order.")
    parser.add_argument("--every", type=int, default=5000)
    parser.add_argument("--refresh-every", type=int, default=500)
    parser.add_argument("--batch", type=int, default=32, help="Articles per transaction (1: one at a time).")
    parser.add_argument("--workers", type=int, default=2, help="Processes analysing a batch.")
    parser.add_argument("--api", type=int, default=20, help="Re-reports to POST through the API at the end.")
    parser.add_argument("--cache-mb", type=float, default=ALLOWANCE_MB,
                        help="MB the memo caches may grow before they are cleared (marsad.live.memory).")
    parser.add_argument("--no-pipeline", action="store_true", help="Analyse a batch only when the one before has committed.")
    parser.add_argument("--api-only", action="store_true", help="Only the API check, on a store a stopped run left.")
    args = parser.parse_args()
    db = Path(args.db)
    if args.api_only:
        print(json.dumps({"api": api_check(db, None, args.api)}), flush=True)
        return
    if db.exists():
        sys.exit(f"{db} exists: the benchmark starts from an empty store")

    articles = sorted((a for path in args.corpus for a in read_corpus(path)), key=lambda a: (a.published is None, (a.published or "")[:10], a.path))
    articles = articles[: args.limit] if args.limit else articles
    print(json.dumps({"corpus": args.corpus, "articles": len(articles), "rss_after_reading_mb": round(rss_mb(), 1)}), flush=True)

    rows: list[tuple[float, float]] = []
    figures: list[dict[str, Any]] = []
    stored = 0
    refresh = 0.0
    pool = analysis_pool(args.workers) if args.batch > 1 else None
    with open_store(str(db)) as store:
        linker = LiveLinker(store, cache_budget=CacheBudget(allowance_mb=args.cache_mb))
        started, cpu_started = time.perf_counter(), all_cpu_s()
        step = max(1, args.batch)
        next_report, next_refresh = args.every, args.refresh_every
        done = 0
        batches = chunked(articles, step)
        # pipelined: the next batch is analysed on the workers while this one links
        if pool is not None and not args.no_pipeline:
            linked = linker.stream(batches, pool)
        else:
            linked = (linker.add_batch(b, args.workers, pool) for b in batches)
        for found in linked:
            done = min(len(articles), done + step)
            for result in found:
                if result.added:
                    stored += 1
                    rows.append((result.seconds, result.cpu_seconds))
            if done >= next_refresh:
                next_refresh += args.refresh_every
                t0 = time.perf_counter()
                linker.refresh_pending()
                refresh += time.perf_counter() - t0
            if rows and (stored >= next_report or done == len(articles)):
                next_report += args.every
                cpu_now = all_cpu_s()
                figures.append(stretch(rows, time.perf_counter() - started, cpu_now - cpu_started, stored, db, refresh,
                                       linker.cache_budget.clearings))
                print(json.dumps(figures[-1]), flush=True)
                rows, refresh, started, cpu_started = [], 0.0, time.perf_counter(), cpu_now
    if pool is not None:
        pool.shutdown()
    with open_store(str(db)) as store:
        linker = LiveLinker(store)
        t0 = time.perf_counter()
        linker.refresh_pending()
        print(json.dumps({"final_refresh_pending_s": round(time.perf_counter() - t0, 1)}), flush=True)
        counts = {t: store._one(f"SELECT COUNT(*) FROM {t}")[0] for t in ("articles", "events", "storylines", "entities", "reuse")}
        print(json.dumps({"store": counts}), flush=True)

    api = api_check(db, [dataclasses.replace(a) for a in articles], args.api) if args.api else None
    if api:
        print(json.dumps({"api": api}), flush=True)
    print(
        "| stored | articles/s | CPU ms per article, all processes | wall p50 / p95 / p99 ms | CPU p50 / p95 / p99 ms "
        "| summaries refreshed s | db MB | RSS MB (peak) | workers' peak RSS MB | cache clearings | load average (1 min) |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for f in figures:
        w, c = f["wall_ms"], f["cpu_ms"]
        print(
            f"| {f['stored']:,} | {f['articles_per_s']} | {f['cpu_all_ms_per_article']} | {w[50]} / {w[95]} / {w[99]} "
            f"| {c[50]} / {c[95]} / {c[99]} | {f['refresh_pending_s']} | {f['db_mb']} | {f['rss_mb']} ({f['peak_rss_mb']}) "
            f"| {', '.join(str(x) for x in f['workers_peak_rss_mb'])} | {f['cache_clearings']} | {f['load_average'][0]} |"
        )


if __name__ == "__main__":
    main()
