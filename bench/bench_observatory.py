"""Benchmarks of the observatory service: ingest rate, search latency, API under load.

    .venv/bin/python bench/bench_observatory.py ingest --corpus ../shared/data/saudinewsnet --db /tmp/snn.db
    .venv/bin/python bench/bench_observatory.py derive --db /tmp/snn.db
    .venv/bin/python bench/bench_observatory.py search --db /tmp/snn.db --queries 300
    .venv/bin/python bench/bench_observatory.py api --db /tmp/snn.db --seconds 20 --concurrency 8
    .venv/bin/python bench/bench_observatory.py postgres --corpus ../shared/data/saudinewsnet --limit 3000

Each prints one JSON object. The API load generator is an asyncio/httpx client on
loopback only (no wrk/locust on this machine), bounded by ``--seconds``; it shares the
machine's CPUs with the server, so its figures are a floor, not a ceiling.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from marsad.benchmarks import read_corpus
from marsad.store import open_store

VARIANT_QUERIES = ["سوريا", "سورية", "البنتاجون", "الامريكية", "الأميركية", "وزير الخارجية", "خادم الحرمين الشريفين", "أمير منطقة الرياض"]


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def bench_ingest(args: argparse.Namespace) -> dict[str, Any]:
    from marsad.store.loader import ingest_into

    with open_store(args.db) as store:
        before = store.count_articles()
        wall, cpu = time.perf_counter(), cpu_seconds()
        counts = ingest_into(store, read_corpus(args.corpus, args.limit), batch_size=args.batch)
        wall, cpu = time.perf_counter() - wall, cpu_seconds() - cpu
        total = store.count_articles()
    size = sum(p.stat().st_size for p in Path(args.db).parent.glob(Path(args.db).name + "*")) if not args.db.startswith("postgres") else None
    return {
        "benchmark": "ingest",
        "db": args.db,
        "articles_seen": counts.seen,
        "added": counts.added,
        "already_stored": counts.already,
        "stored_before": before,
        "stored_after": total,
        "batch": args.batch,
        "wall_s": round(wall, 1),
        "cpu_s": round(cpu, 1),
        "added_per_wall_s": round(counts.added / wall, 1) if wall else None,
        "added_per_cpu_s": round(counts.added / cpu, 1) if cpu else None,
        "db_mb": round(size / 2**20, 1) if size else None,
        "load_avg": os.getloadavg()[0],
    }


def bench_derive(args: argparse.Namespace) -> dict[str, Any]:
    from marsad.store.loader import rebuild_derived

    with open_store(args.db) as store:
        wall, cpu = time.perf_counter(), cpu_seconds()
        digest = rebuild_derived(store)
        wall, cpu = time.perf_counter() - wall, cpu_seconds() - cpu
    return {
        "benchmark": "derive",
        "articles": len(digest.articles),
        "storylines": len(digest.storylines),
        "events": len(digest.events),
        "entities": len(digest.entities),
        "quotes": len(digest.quotes),
        "wall_s": round(wall, 1),
        "cpu_s": round(cpu, 1),
        "stage_seconds": {k: round(v, 2) for k, v in digest.stage_seconds.items()},
        "load_avg": os.getloadavg()[0],
    }


def sample_queries(db: str, n: int, seed: int = 7) -> list[str]:
    """Real words from stored titles (one or two words each) plus spelling variants."""
    rng = random.Random(seed)
    with open_store(db) as store:
        titles = [c["title"] for c in store.articles_page(limit=200, offset=0) if c.get("title")]
        titles += [c["title"] for c in store.articles_page(limit=200, offset=5000) if c.get("title")]
    words = [w for t in titles for w in t.split() if len(w) > 3]
    queries = list(VARIANT_QUERIES)
    while len(queries) < n and words:
        k = rng.choice((1, 1, 2))
        queries.append(" ".join(rng.sample(words, k)))
    return queries[:n]


def bench_search(args: argparse.Namespace) -> dict[str, Any]:
    queries = sample_queries(args.db, args.queries)
    latencies: list[float] = []
    cpu: list[float] = []
    hits = 0
    with open_store(args.db) as store:
        store.search("السعودية")  # warm the page cache
        for q in queries:
            t, c = time.perf_counter(), time.process_time()
            found = store.search(q, limit=20)
            latencies.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
            hits += bool(found)
        articles = store.count_articles()
    return {
        "benchmark": "search",
        "articles": articles,
        "queries": len(queries),
        "queries_with_hits": hits,
        "p50_ms": round(percentile(latencies, 50), 2),
        "p99_ms": round(percentile(latencies, 99), 2),
        "max_ms": round(max(latencies), 2),
        "mean_ms": round(statistics.mean(latencies), 2),
        "cpu_p50_ms": round(percentile(cpu, 50), 2),
        "cpu_p99_ms": round(percentile(cpu, 99), 2),
        "load_avg": os.getloadavg()[0],
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _load(base: str, paths: list[str], seconds: float, concurrency: int) -> dict[str, list[tuple[float, int]]]:
    import httpx

    results: dict[str, list[tuple[float, int]]] = {}
    stop = time.perf_counter() + seconds
    rng = random.Random(11)

    async def worker(client: httpx.AsyncClient) -> None:
        while time.perf_counter() < stop:
            path = rng.choice(paths)
            kind = path.split("?")[0].rsplit("/", 1)[0] or path.split("?")[0]
            t = time.perf_counter()
            try:
                r = await client.get(base + path)
                status = r.status_code
            except httpx.HTTPError:
                status = 0
            results.setdefault(kind, []).append(((time.perf_counter() - t) * 1000, status))

    async with httpx.AsyncClient(timeout=30, limits=httpx.Limits(max_connections=concurrency)) as client:
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
    return results


def bench_api(args: argparse.Namespace) -> dict[str, Any]:
    from urllib.parse import quote

    with open_store(args.db) as store:
        story_ids = [s["id"] for s in store.stories(order="biggest", limit=200)]
    queries = sample_queries(args.db, 200)
    paths = [f"/stories/{sid}" for sid in story_ids] + [f"/search?q={quote(q)}" for q in queries]
    if not story_ids:
        paths = [f"/search?q={quote(q)}" for q in queries]
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "marsad.cli", "serve", "--db", args.db, "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        import httpx

        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(base + "/health", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("server did not start")
            time.sleep(0.2)
        results = asyncio.run(_load(base, paths, args.seconds, args.concurrency))
    finally:
        server.terminate()
        server.wait(timeout=30)
    report: dict[str, Any] = {"benchmark": "api", "seconds": args.seconds, "concurrency": args.concurrency, "stories": len(story_ids), "load_avg": os.getloadavg()[0]}
    for kind, rows in sorted(results.items()):
        lat = [ms for ms, _ in rows]
        errors = sum(1 for _, status in rows if status != 200)
        report[kind] = {
            "requests": len(rows),
            "rps": round(len(rows) / args.seconds, 1),
            "p50_ms": round(percentile(lat, 50), 1),
            "p99_ms": round(percentile(lat, 99), 1),
            "errors": errors,
        }
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("ingest")
    p.add_argument("--corpus", required=True)
    p.add_argument("--db", required=True)
    p.add_argument("--limit", type=int, default=None)
    p.add_argument("--batch", type=int, default=200)
    p = sub.add_parser("derive")
    p.add_argument("--db", required=True)
    p = sub.add_parser("search")
    p.add_argument("--db", required=True)
    p.add_argument("--queries", type=int, default=300)
    p = sub.add_parser("api")
    p.add_argument("--db", required=True)
    p.add_argument("--seconds", type=float, default=20)
    p.add_argument("--concurrency", type=int, default=8)
    p = sub.add_parser("postgres", help="ingest then search in a throwaway PostgreSQL on loopback")
    p.add_argument("--corpus", required=True)
    p.add_argument("--limit", type=int, default=3000)
    p.add_argument("--batch", type=int, default=200)
    p.add_argument("--queries", type=int, default=300)
    args = parser.parse_args()
    if args.command == "postgres":
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
        from tests.pgtmp import throwaway_postgres

        with throwaway_postgres() as url:
            args.db = url
            print(json.dumps(bench_ingest(args), ensure_ascii=False))
            print(json.dumps(bench_search(args), ensure_ascii=False))
        return
    run = {"ingest": bench_ingest, "derive": bench_derive, "search": bench_search, "api": bench_api}[args.command]
    print(json.dumps(run(args), ensure_ascii=False))


if __name__ == "__main__":
    main()
