"""Where a live stream's memory goes (issue 16): RSS as articles are streamed, and what holds it.

    flock /tmp/marsad-heavy.lock nice -n 5 .venv/bin/python bench/bench_live_memory.py 8000 /tmp/live/m.db \
        ../shared/data/saudinewsnet/2015-07-2[1-4].json --check 1000,2000,4000,8000 --full --teardown

Streams the first N articles of the day files (publication order) through
:meth:`marsad.live.LiveLinker.add_batch` as ``bench_live.py`` does (32 per batch, 2
analysis workers, pending summaries every 500) and at each check prints one JSON line:
this process's RSS; glibc's heap (``mallinfo2``, all arenas: in use / free) and
pymalloc's (``sys._debugmallocstats``: arenas, bytes in allocated blocks), which tell
fragmentation (free but held) from live data; RSS by kind of mapping
(``/proc/self/smaps``: the brk heap, anonymous maps, shared libraries); SQLite's own
allocations (``sqlite3_memory_used``); the clusterer's size; the workers' RSS; then
the RSS "settled" after ``gc.collect()`` + ``malloc_trim(0)`` (what trimming gives).
``--full`` adds the fill of every marsad ``lru_cache``; ``--teardown`` frees, at the
end, the clusterer, each cache and the NER word scores in turn and prints the MB of
allocated memory each gave back, and what is left.
"""
from __future__ import annotations

import argparse
import ctypes
import functools
import gc
import json
import os
import sys
from pathlib import Path

from marsad.ingest import IngestError, iter_articles
from marsad.live import LiveLinker
from marsad.live.analysis import analysis_pool
from marsad.store import open_store

libc = ctypes.CDLL("libc.so.6")
sqlite = ctypes.CDLL("libsqlite3.so.0")
sqlite.sqlite3_memory_used.restype = ctypes.c_int64


class MallInfo2(ctypes.Structure):
    """glibc's ``struct mallinfo2`` (byte counts over all arenas)."""

    _fields_ = [(n, ctypes.c_size_t) for n in ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost")]


libc.mallinfo2.restype = MallInfo2


def rss(pid: int | str = "self") -> float:
    """Resident memory of a process, MB."""
    with open(f"/proc/{pid}/statm") as h:
        return int(h.read().split()[1]) * 4096 / 2**20


def children() -> dict[int, float]:
    """RSS (MB) of each live child process (the analysis workers)."""
    out = {}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            f = dict(l.split(":", 1) for l in status.read_text().splitlines() if ":" in l)
        except OSError:
            continue
        if f.get("PPid", "").strip() == str(os.getpid()):
            out[int(status.parent.name)] = round(int(f["VmRSS"].split()[0]) / 1024, 1)
    return out


def smaps(pid: int | str = "self") -> dict:
    """RSS (MB) by kind of mapping: [heap], anon 1 MiB (pymalloc arenas), anon 64 MiB
    reservations (glibc thread arenas), other anon, files (by suffix)."""
    out: dict[str, float] = {}
    kind, size = None, 0
    with open(f"/proc/{pid}/smaps") as h:
        for line in h:
            head = line.split()
            if "-" in head[0] and len(head) >= 5 and ":" not in head[0]:
                lo, hi = (int(x, 16) for x in head[0].split("-"))
                size = hi - lo
                name = head[5] if len(head) > 5 else ""
                if name == "[heap]":
                    kind = "heap"
                elif name.startswith("["):
                    kind = "other"
                elif name:
                    kind = "file:" + (name.rsplit("/", 1)[-1] if name.endswith((".npz", ".db", ".pkl", ".bin", ".joblib", "-shm")) else ("so" if ".so" in name else "other"))
                elif size == 1 << 20:
                    kind = "anon_1M"
                elif size in (1 << 26, (1 << 26) - 4096) or size % (1 << 26) == 0:
                    kind = "anon_64M"
                else:
                    kind = "anon"
            elif head[0] == "Rss:":
                out[kind] = out.get(kind, 0) + int(head[1]) / 1024
    return {k: round(v, 1) for k, v in sorted(out.items(), key=lambda kv: -kv[1]) if v >= 1}


def heap() -> dict:
    """glibc's figures (MB), all arenas: held by the heap, in use, free, mmapped."""
    m = libc.mallinfo2()
    mb = lambda v: round(v / 2**20, 1)
    return {"arena": mb(m.arena), "in_use": mb(m.uordblks), "free": mb(m.fordblks), "mmap": mb(m.hblkhd), "mmap_n": m.hblks}


def caches() -> dict:
    """Entries in each marsad ``lru_cache`` holding over 1,000."""
    out = {}
    for obj in gc.get_objects():
        if isinstance(obj, functools._lru_cache_wrapper):
            mod = getattr(obj, "__module__", "") or ""
            if mod.startswith("marsad"):
                n = obj.cache_info().currsize
                if n > 1000:
                    out[f"{mod}.{obj.__qualname__}"] = n
    return out


def pymalloc() -> dict:
    """pymalloc's own figures (MB): arenas held, bytes in allocated / available blocks."""
    import re
    import tempfile
    with tempfile.TemporaryFile(mode="w+") as tmp:
        sys.stderr.flush()
        saved = os.dup(2)
        os.dup2(tmp.fileno(), 2)
        try:
            sys._debugmallocstats()
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        tmp.seek(0)
        text = tmp.read()
    grab = lambda label: int(re.search(re.escape(label) + r"\s*=\s*([\d,]+)", text).group(1).replace(",", ""))
    return {"arenas": round(grab("arenas allocated current") / 1.0, 0), "allocated": round(grab("# bytes in allocated blocks") / 2**20, 1),
            "available": round(grab("# bytes in available blocks") / 2**20, 1)}


def allocated_mb() -> float:
    """Bytes really allocated: glibc chunks in use (all arenas, mmapped too) + pymalloc blocks."""
    m = libc.mallinfo2()
    return (m.uordblks + m.hblkhd) / 2**20 + pymalloc()["allocated"]


def teardown(linker) -> dict:
    """Free each big holder in turn; MB of allocated memory each one gave back."""
    out = {}
    gc.collect()
    before = allocated_mb()
    def step(name, action):
        nonlocal before
        action()
        gc.collect()
        now = allocated_mb()
        out[name] = round(before - now, 1)
        before = now
    step("clusterer", lambda: setattr(linker, "_model", None))
    wrappers = [o for o in gc.get_objects() if isinstance(o, functools._lru_cache_wrapper)
                and (getattr(o, "__module__", "") or "").startswith("marsad") and o.cache_info().currsize > 500]
    gc.collect()
    for obj in wrappers:  # (a list of every gc object would keep the cleared values alive)
        step(f"{obj.__module__}.{obj.__qualname__}", obj.cache_clear)
    try:
        from marsad.live.analysis import _forget_words
        step("ner_word_cache", _forget_words)
    except Exception:
        pass
    out["left_allocated"] = round(before, 1)
    out["rss_after"] = round(rss(), 1)
    libc.malloc_trim(0)
    out["rss_after_trim"] = round(rss(), 1)
    return dict(sorted(out.items(), key=lambda kv: -kv[1]))


def model_census(linker) -> dict:
    """Size of the linker's clusterer: articles, vocabulary per channel, blocks, events."""
    m = linker._model
    if m is None:
        return {}
    return {"articles": len(m), "vocab": {k: len(s.vocab) for k, s in m._stores.items()},
            "blocks": {k: len(s.blocks) for k, s in m._stores.items()},
            "events": len(m.event_ids_), "storylines": len(m.storyline_ids_)}


def main() -> None:
    """Stream, check, print (see the module doc)."""
    p = argparse.ArgumentParser()
    p.add_argument("n", type=int)
    p.add_argument("db")
    p.add_argument("files", nargs="+")
    p.add_argument("--trim-every", type=int, default=0, help="malloc_trim(0) every K batches (0: never)")
    p.add_argument("--check", default="1000,2000,4000,8000")
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--teardown", action="store_true", help="at the end, free each holder and report what it held")
    p.add_argument("--full", action="store_true", help="caches and module globals census at each check")
    a = p.parse_args()
    arts = []
    for f in a.files:
        arts += [x for x in iter_articles([Path(f)]) if not isinstance(x, IngestError)]
    arts = list({x.id: x for x in arts}.values())
    arts.sort(key=lambda x: (x.published is None, (x.published or "")[:10], x.path))
    arts = arts[: a.n]
    checks = [int(c) for c in a.check.split(",")]
    print(json.dumps({"articles": len(arts), "rss": round(rss(), 1), "env": {k: v for k, v in os.environ.items() if k.startswith("MALLOC")}}), flush=True)
    t0 = os.times()
    pool = analysis_pool(a.workers) if a.workers > 1 else None
    stored, batches, nxt = 0, 0, 500
    with open_store(a.db) as store:
        linker = LiveLinker(store)
        for k in range(0, len(arts), a.batch):
            for r in linker.add_batch(arts[k : k + a.batch], a.workers, pool):
                stored += r.added
            batches += 1
            done = min(len(arts), k + a.batch)
            if done >= nxt:
                nxt += 500
                linker.refresh_pending()
            if a.trim_every and batches % a.trim_every == 0:
                libc.malloc_trim(0)
            if checks and done >= checks[0]:
                checks.pop(0)
                t = os.times()
                rec = {"stored": stored, "cpu_main_s": round(t.user + t.system - t0.user - t0.system, 1),
                       "rss": round(rss(), 1), "heap": heap(), "smaps": smaps(), "pymalloc": pymalloc(), "sqlite_mb": round(sqlite.sqlite3_memory_used() / 2**20, 1),
                       "pyblocks": sys.getallocatedblocks(), "workers_rss": sorted(children().values()),
                       "model": model_census(linker)}
                if a.full:
                    rec["caches"] = caches()

                gc.collect()
                libc.malloc_trim(0)
                rec["settled_rss"] = round(rss(), 1)
                rec["settled_heap"] = heap()
                rec["settled_smaps"] = smaps()
                rec["workers_smaps"] = [smaps(c) for c in sorted(children())]
                print(json.dumps(rec), flush=True)
        if a.teardown:
            print(json.dumps({"teardown": teardown(linker)}), flush=True)
    if pool is not None:
        pool.shutdown()


if __name__ == "__main__":
    main()
