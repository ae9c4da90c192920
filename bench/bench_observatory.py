"""Benchmarks of the observatory service: ingest rate, search latency, API under load.

    .venv/bin/python bench/bench_observatory.py ingest --corpus ../shared/data/saudinewsnet --db /tmp/snn.db
    .venv/bin/python bench/bench_observatory.py derive --db /tmp/snn.db
    .venv/bin/python bench/bench_observatory.py search --db /tmp/snn.db --queries 300
    .venv/bin/python bench/bench_observatory.py api --db /tmp/snn.db --requests 3000 --concurrency 16
    .venv/bin/python bench/bench_observatory.py postgres --corpus ../shared/data/saudinewsnet --limit 3000

Each prints one JSON object. The API load generator is a raw asyncio HTTP/1.1 client
with keep-alive connections on loopback only (no wrk/locust on this machine), bounded by
``--requests`` per endpoint; it shares the machine's CPUs with the server, so its figures
are a floor, not a ceiling.
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


class _Conn:
    """One keep-alive HTTP/1.1 connection on loopback (asyncio streams).

    A load generator must cost the shared 2 cores less than the server it measures:
    httpx spends ~1 ms of CPU per request, this ~0.1 ms. It reads Content-Length and
    chunked bodies (uvicorn sends one or the other) and reconnects after an error.
    """

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> tuple[int, int]:
        """(status, body bytes) of ``GET path``."""
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
        if "content-length" in headers:
            body = await self.reader.readexactly(int(headers["content-length"]))
            size = len(body)
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            size = 0
            while True:
                n = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                await self.reader.readexactly(n + 2)
                size += n
                if n == 0:
                    break
        else:
            raise ValueError("response without a length")
        if headers.get("connection", "").lower() == "close":
            await self.close()
        return status, size

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = self.reader = None


async def _load(host: str, port: int, paths: list[str], requests: int, concurrency: int, max_seconds: float) -> list[tuple[float, int, int]]:
    """``requests`` GETs of ``paths`` (taken in turn, shuffled once) over ``concurrency``
    keep-alive connections, stopping early after ``max_seconds``; (ms, status, bytes) each."""
    rng = random.Random(11)
    order = [paths[i % len(paths)] for i in range(requests)]
    rng.shuffle(order)
    queue = iter(order)
    results: list[tuple[float, int, int]] = []
    stop = time.perf_counter() + max_seconds

    async def worker() -> None:
        conn = _Conn(host, port)
        for path in queue:
            if time.perf_counter() > stop:
                break
            t = time.perf_counter()
            try:
                status, size = await conn.get(path)
            except (OSError, ValueError, asyncio.IncompleteReadError):
                status, size = 0, 0
                await conn.close()
            results.append(((time.perf_counter() - t) * 1000, status, size))
        await conn.close()

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return results


def _process_cpu(pid: int) -> float:
    """User + system CPU seconds of a running process (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _summary(rows: list[tuple[float, int, int]], wall: float, server_cpu: float, client_cpu: float) -> dict[str, Any]:
    lat = [ms for ms, _, _ in rows]
    return {
        "requests": len(rows),
        "wall_s": round(wall, 2),
        "rps": round(len(rows) / wall, 1) if wall else None,
        "p50_ms": round(percentile(lat, 50), 1),
        "p90_ms": round(percentile(lat, 90), 1),
        "p99_ms": round(percentile(lat, 99), 1),
        "max_ms": round(max(lat), 1),
        "errors": sum(1 for _, status, _ in rows if status != 200),
        "mean_kb": round(statistics.mean(size for _, _, size in rows) / 1024, 1),
        "max_kb": round(max(size for _, _, size in rows) / 1024, 1),
        "server_cpu_ms_per_request": round(server_cpu * 1000 / len(rows), 2),
        "client_cpu_ms_per_request": round(client_cpu * 1000 / len(rows), 2),
    }


def bench_api(args: argparse.Namespace) -> dict[str, Any]:
    """``marsad serve`` in a subprocess; per endpoint a cold pass (each distinct URL
    once, one connection) then ``--requests`` timed requests at ``--concurrency``."""
    from urllib.parse import quote

    with open_store(args.db) as store:
        story_ids = [s["id"] for s in store.stories(order="biggest", limit=args.stories)]
    endpoints = {
        "stories": [f"/stories/{sid}" for sid in story_ids],
        "search": [f"/search?q={quote(q)}" for q in sample_queries(args.db, args.queries)],
    }
    chosen = [e for e in args.endpoints.split(",") if e]
    port = _free_port()
    env = dict(os.environ)
    if args.search_cache is not None:  # entries of the server's /search answer cache (0: off)
        env["MARSAD_SEARCH_CACHE"] = str(args.search_cache)
    server = subprocess.Popen(
        [sys.executable, "-m", "marsad.cli", "serve", "--db", args.db, "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    report: dict[str, Any] = {
        "benchmark": "api", "db": args.db, "requests": args.requests, "concurrency": args.concurrency,
        "stories": len(story_ids), "queries": len(endpoints["search"]), "search_cache": args.search_cache,
        "load_avg_start": os.getloadavg()[0],
    }
    try:
        deadline = time.monotonic() + 300
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=5):
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("server did not start")
            time.sleep(0.2)
        for name in chosen:
            paths = endpoints[name]
            if not paths:
                continue
            phases = {
                "cold": (paths, len(paths), 1),
                "load": (paths, args.requests, args.concurrency),
            }
            for phase, (urls, n, conc) in phases.items():
                s_cpu, c_cpu, wall = _process_cpu(server.pid), cpu_seconds(), time.perf_counter()
                rows = asyncio.run(_load("127.0.0.1", port, urls, n, conc, args.seconds))
                wall = time.perf_counter() - wall
                report[f"{name}_{phase}"] = _summary(rows, wall, _process_cpu(server.pid) - s_cpu, cpu_seconds() - c_cpu)
    finally:
        server.terminate()
        server.wait(timeout=30)
    report["load_avg_end"] = os.getloadavg()[0]
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
    p = sub.add_parser("api", help="GET /stories/{id} and /search against `marsad serve` on 127.0.0.1")
    p.add_argument("--db", required=True)
    p.add_argument("--requests", type=int, default=3000, help="timed requests per endpoint")
    p.add_argument("--concurrency", type=int, default=16, help="keep-alive connections")
    p.add_argument("--stories", type=int, default=200, help="the biggest stories, cycled")
    p.add_argument("--queries", type=int, default=200, help="search queries, cycled")
    p.add_argument("--endpoints", default="stories,search")
    p.add_argument("--seconds", type=float, default=180, help="stop a phase after this long")
    p.add_argument("--search-cache", type=int, default=None,
                   help="MARSAD_SEARCH_CACHE for the server (0: every /search computed; default: the server's)")
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
