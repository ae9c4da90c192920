"""Hostile-input fuzz benchmark (issue 19): ≥ 10,000 malformed inputs through ingest
and every corpus stage of a digest, and hostile uploads against the API.

    nice .venv/bin/python bench/bench_hostile.py --inputs 10000 --workers 2 [--api 1000]

Inputs: the committed seed list (tests/hostile_cases.py) at the issue's full sizes
(1 MB of spaces, 100k «, 100k-character words, a 1 GB-newline gzip bomb …), then
generated ones: real SaudiNewsNet records with hostile values put into their fields
(lone surrogates, control characters, 4,301-digit numbers, huge integers as dates,
runs of « and spaces, javascript: URLs, nested lists …), saved in every input format
(.json, .jsonl, .txt, .html, .rss, .gz, UTF-16, cp1256) under hostile file names
(non-UTF-8 bytes), some truncated or with flipped bytes. Deterministic (--seed).

Each input is read by ``read_file`` and prepared (cleaning, sentences) alone in a warm
worker process; then the articles of ``--batch`` inputs (25) are digested together with
every corpus stage and the three reports written (each seed-list input is digested
alone). A batch whose digest crashes or hangs is digested again input by input, so
the fault is blamed on the input that causes it. Counted: crashes (an exception
escaping ingest or the digest), hangs (an input over --hang CPU seconds of its worker — CPU,
not wall time, since the machine is shared; a batch's digest gets --hang × batch/5), contained errors (an article the per-article guards
skipped: reported in one line, the run went on), refusals (an IngestError line),
the slowest input and the workers' peak RSS. ``--api N`` posts N inputs to a real
server (uvicorn in a subprocess) and counts 5xx answers, then measures the latency of
reads quiet, during a stream of hostile uploads (gzip bomb included) and during a
stream of good uploads that link into stories (see :func:`api_run`).
"""
from __future__ import annotations

import argparse
import gzip
import json
import logging
import os
import random
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.hostile_cases import cases  # noqa: E402

SAUDINEWSNET = ROOT.parent / "shared" / "data" / "saudinewsnet"

#: Hostile strings put into generated records. Runs are a few thousand characters (the
#: seed list holds the issue's full sizes), so 10,000 inputs finish on two cores.
NASTY = [
    "\ud800", "\udfff", "\x00", "\x01\x02\x1b", "\x7f\x85\x9f", "\u202e\u2066", "\ufeff", "\ufffe",
    "&#1;&#x0;", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>",
    "9" * 4301, "٩" * 5000, "«" * 3000, "»" * 2000, '"' * 2000, " " * 30000, "\n" * 5000, "." * 3000,
    "ب" * 5000, "x" * 5000, "قال " * 500, "؟" * 2000, "\t" * 3000, "١١ سبتمبر ٩٩٩٩٩٩٩",
    "الجمعة 99 سبتمبر/ أيلول 99999", "المعروف باسم" + " " * 3000 + "داعش", "(" * 2000, "، " * 1500,
]
BAD_VALUES = [
    10**30, -(10**18), 10**400, 1e308, -1.5, 0, True, None, [], {}, [1, 2], {"name": ["x"]}, "99999-12-31",
    "2015-02-30T99:99", "9" * 4400, "1e400", "NaN", "\ud800", "Tue, 99 Jul 2015 99:99:99 GMT",
]
FIELDS = ["text", "title", "url", "source", "published", "date"]
FORMATS = ["json", "json", "jsonl", "txt", "html", "rss", "gz", "utf16", "cp1256", "truncated", "flipped", "random"]
NAMES = [b"a", b"caf\xe9-\xff", b"\xd8\xa3\xd8", b" space name ", "خبر".encode(), b"x" * 180, b"-", b"..x", b"%00"]


class Hang(BaseException):
    """An input over the hang budget (BaseException: no per-article guard catches it)."""


def _records() -> list[dict]:
    days = sorted(SAUDINEWSNET.glob("*.json"))[:3]
    records: list[dict] = []
    for day in days:
        records.extend(json.loads(day.read_text(encoding="utf-8"))[:400])
    return records or [{"title": "خبر", "content": "قال المتحدث إن الاجتماع سيعقد غدا."}]


def _mutated_record(rng: random.Random, record: dict) -> dict:
    record = dict(record)
    if "content" in record and rng.random() < 0.5:
        record["text"] = record.pop("content")
    for _ in range(rng.randint(1, 3)):
        field = rng.choice(FIELDS)
        roll = rng.random()
        if roll < 0.55:
            base = record.get(field) if isinstance(record.get(field), str) else record.get("text", record.get("content", ""))
            base = base if isinstance(base, str) else ""
            cut = rng.randint(0, len(base))
            record[field] = base[:cut] + rng.choice(NASTY) + base[cut:]
        elif roll < 0.85:
            record[field] = rng.choice(BAD_VALUES)
        else:
            depth = rng.choice([10, 500, 5000])
            record[field] = json.loads("[" * depth + "]" * depth) if depth < 900 else "[" * depth
    return record


def _encode(rng: random.Random, records: list[dict]) -> tuple[str, bytes]:
    """(suffix, bytes) of the records in a random format."""
    fmt = rng.choice(FORMATS)
    text = "\n\n".join(str(r.get("text") or r.get("content") or "") for r in records)
    title = str(records[0].get("title") or "")
    doc = json.dumps(records, ensure_ascii=rng.random() < 0.5, default=str)
    if fmt == "json":
        return ".json", doc.encode("utf-8", "surrogatepass")
    if fmt == "jsonl":
        return ".jsonl", "\n".join(json.dumps(r, default=str) for r in records).encode("utf-8", "surrogatepass")
    if fmt == "txt":
        return ".txt", (title + "\n\n" + text).encode("utf-8", "surrogatepass")
    if fmt == "html":
        url = str(records[0].get("url") or "")
        return ".html", (f"<html><head><title>{title}</title><link rel=canonical href='{url}'></head>"
                         f"<body><article><h1>{title}</h1><p>{text}</p></article></body></html>").encode("utf-8", "surrogatepass")
    if fmt == "rss":
        items = "".join(f"<item><title>{r.get('title')}</title><link>{r.get('url')}</link>"
                        f"<description><![CDATA[{r.get('text') or r.get('content')}]]></description></item>" for r in records)
        return ".rss", f"<?xml version='1.0'?><rss><channel><title>x</title>{items}</channel></rss>".encode("utf-8", "surrogatepass")
    if fmt == "gz":
        return ".jsonl.gz" if rng.random() < 0.5 else ".json.gz", gzip.compress(doc.encode("utf-8", "surrogatepass"))
    if fmt == "utf16":
        return ".txt", text.encode("utf-16-le" if rng.random() < 0.5 else "utf-16", "surrogatepass")
    if fmt == "cp1256":
        return ".txt", text.encode("cp1256", "replace")
    data = doc.encode("utf-8", "surrogatepass")
    if fmt == "truncated":
        return rng.choice([".json", ".txt"]), data[: rng.randint(1, max(1, len(data)))]
    if fmt == "flipped":
        flipped = bytearray(data)
        for _ in range(rng.randint(1, 20)):
            if flipped:
                flipped[rng.randrange(len(flipped))] = rng.randrange(256)
        return rng.choice([".json", ".txt", ".html"]), bytes(flipped)
    return rng.choice([".bin", ".txt", ".json"]), rng.randbytes(rng.choice([10, 1000, 100_000]))


def generated(seed: int, index: int, records: list[dict]) -> tuple[bytes, bytes]:
    """The index-th generated input: (file name bytes, content)."""
    rng = random.Random(seed * 1_000_003 + index)
    chosen = [_mutated_record(rng, rng.choice(records)) if rng.random() < 0.8 else dict(rng.choice(records))
              for _ in range(rng.randint(1, 3))]
    suffix, data = _encode(rng, chosen)
    return rng.choice(NAMES) + f"-{index}".encode() + suffix.encode(), data


# -- worker -------------------------------------------------------------------------------
_RECORDS: list[dict] = []


def _init(hang: float) -> None:
    global _RECORDS, _HANG
    os.nice(5) if hasattr(os, "nice") else None
    logging.getLogger("marsad").setLevel(logging.ERROR)  # the one-line warnings, counted instead
    _RECORDS = _records()
    _HANG = hang
    from marsad.entities.ner import load_model

    load_model()


_HANG = 30.0


def _alarm(signum: int, frame: object) -> None:
    raise Hang()


def _read_one(job: tuple[str, int, str | None], directory: str) -> tuple[dict, list]:
    """Read one input with ``read_file`` and prepare its articles (the per-article
    layer), under the hang alarm; returns its outcome and the articles it yielded."""
    from marsad import pipeline
    from marsad.ingest import IngestError, read_file

    kind, index, path_text = job
    if kind == "seed":
        path = Path(path_text or "")
    else:
        name, data = generated(SEED, index, _RECORDS)
        raw = os.path.join(os.fsencode(directory), name)
        with open(raw, "wb") as handle:
            handle.write(data)
        path = Path(os.fsdecode(raw))
    outcome = {"key": f"{kind}:{index}", "crash": None, "hang": False, "refused": 0, "articles": 0, "contained": 0,
               "skips": []}
    articles: list = []
    started, cpu = time.perf_counter(), time.process_time()
    signal.setitimer(signal.ITIMER_PROF, _HANG)
    try:
        items = list(read_file(path))
        articles = [i for i in items if not isinstance(i, IngestError)]
        outcome["refused"] = len(items) - len(articles)
        skipped: list[str] = []
        options = pipeline.Options(workers=1, on_skip=lambda s: skipped.append(str(s)))
        outcome["articles"] = len(list(pipeline.prepare_all(articles, options)))
        outcome["contained"] = len(skipped)
        outcome["skips"] = skipped[:2]
    except Hang:
        outcome["hang"] = True
        articles = []
    except BaseException as exc:  # noqa: BLE001 - that is what we count
        outcome["crash"] = f"{type(exc).__name__}: {str(exc)[:200]}"
        articles = []
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
    outcome["seconds"] = time.perf_counter() - started
    outcome["cpu"] = time.process_time() - cpu
    return outcome, articles


def _digest(articles: list, directory: str, budget: float) -> tuple[str | None, bool, list[str], float, float]:
    """Digest ``articles`` with every corpus stage and write the three reports, under
    an alarm of ``budget`` CPU seconds: (crash, hang, skipped lines, seconds, CPU seconds)."""
    from marsad import pipeline
    from marsad.report import write_reports

    skipped: list[str] = []
    started, cpu = time.perf_counter(), time.process_time()
    signal.setitimer(signal.ITIMER_PROF, budget)
    try:
        options = pipeline.Options(workers=1, on_skip=lambda s: skipped.append(str(s)))
        digest = pipeline.digest(articles, options)
        write_reports(digest, Path(directory) / "out")
        crash, hang = None, False
    except Hang:
        crash, hang = None, True
    except BaseException as exc:  # noqa: BLE001 - that is what we count
        crash, hang = f"{type(exc).__name__}: {str(exc)[:200]}", False
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        subprocess.run(["rm", "-rf", str(Path(directory) / "out")], check=False)
    return crash, hang, skipped, time.perf_counter() - started, time.process_time() - cpu


def run_batch(batch: list[tuple[str, int, str | None]]) -> list[dict]:
    """Read each input of ``batch`` alone, then digest all their articles together
    (every corpus stage, reports written) in this warm worker. When the batch's digest
    crashes or hangs, each input is digested alone again so the fault is blamed on the
    input that causes it (the others count as digested)."""
    signal.signal(signal.SIGPROF, _alarm)
    directory = tempfile.mkdtemp(prefix="marsad-fuzz-", dir="/tmp/hostile")
    try:
        read = [_read_one(job, directory) for job in batch]
        articles = [a for _, found in read for a in found]
        outcomes = [outcome for outcome, _ in read]
        if articles:
            crash, hang, skipped, seconds, cpu = _digest(articles, directory, _HANG * max(1, len(batch) // 5))
            if crash or hang:  # blame the input(s): digest each alone
                for outcome, found in read:
                    if found:
                        crash, hang, skipped, seconds, cpu = _digest(found, directory, _HANG)
                        outcome["crash"] = outcome["crash"] or crash
                        outcome["hang"] = outcome["hang"] or hang
                        outcome["contained"] += len(skipped)
                        outcome["skips"] += skipped[:2]
                        outcome["seconds"] += seconds
                        outcome["cpu"] += cpu
                        outcome["digested"] = True
            else:
                for outcome, found in read:
                    if found:  # its share of the batch's digest
                        outcome["digested"] = True
                        outcome["seconds"] += seconds * len(found) / len(articles)
                        outcome["cpu"] += cpu * len(found) / len(articles)
                outcomes[0]["contained"] += len(skipped)
                outcomes[0]["skips"] += skipped[:2]
                outcomes[0]["batch_digest_seconds"] = seconds
                outcomes[0]["batch_digest_cpu"] = cpu
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        for outcome in outcomes:
            outcome["rss_mb"] = rss
        return outcomes
    finally:
        subprocess.run(["rm", "-rf", directory], check=False)


SEED = 19


# -- API -----------------------------------------------------------------------------------
def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _good_records(count: int) -> list[dict]:
    """Real SaudiNewsNet records of a day the fuzz records do not use (good uploads
    that link into stories)."""
    days = sorted(SAUDINEWSNET.glob("*.json"))
    if len(days) < 5:
        return [{"title": "خبر", "content": real_text_fallback(i)} for i in range(count)]
    return json.loads(days[4].read_text(encoding="utf-8"))[:count]


def real_text_fallback(i: int) -> str:
    return f"قال المتحدث باسم الوزارة إن الاجتماع رقم {i} سيعقد غدا في الرياض."


def _p(values: list[float], q: int) -> float:
    """The q-th percentile in milliseconds."""
    return round(statistics.quantiles(values, n=100)[q - 1] * 1000, 1) if len(values) > 2 else float("nan")


def api_run(n: int, db_dir: Path, phase_seconds: float = 20.0, prefill: int = 300) -> dict:
    """Post ``n`` hostile inputs (seed list first) to a live server and count 5xx;
    then the latency of reads (`/stories`, `/articles`, `/search`, `/`) quiet, while
    a client streams hostile uploads (the seed list at full size, gzip bomb included,
    and generated inputs), and while a client uploads good articles one by one (real
    news that links into stories). The store holds the seeds and ``prefill`` real
    articles of another day first."""
    import httpx

    db = db_dir / "api.db"
    seeds = ROOT.parent / "shared" / "seeds"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    prefill_file = db_dir / "prefill.json"
    days = sorted(SAUDINEWSNET.glob("*.json"))
    prefill_records = json.loads(days[3].read_text(encoding="utf-8"))[:prefill] if len(days) > 3 and prefill else []
    prefill_file.write_text(json.dumps(prefill_records, ensure_ascii=False), encoding="utf-8")
    inputs = [str(seeds)] + ([str(prefill_file)] if prefill_records else [])
    subprocess.run([sys.executable, "-m", "marsad.cli", "ingest", *inputs, "--db", str(db), "--quiet"], check=True,
                   env=env, capture_output=True)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "marsad.cli", "serve", "--db", str(db), "--port", str(port)],
        env={**env, "MARSAD_TOKEN": "t"}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    auth = {"Authorization": "Bearer t"}
    result: dict = {"stored_before": len(prefill_records) + 5}
    try:
        with httpx.Client(timeout=300) as client:
            for _ in range(1200):
                try:
                    if client.get(base + "/health").status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.1)
            statuses: dict[int, int] = {}
            fivexx: list[str] = []
            records = _records()
            seed_list = [(c.name, c.data) for c in cases(0.05)]
            jobs = seed_list + [generated(SEED, i, records) for i in range(max(0, n - len(seed_list)))]
            worst = 0.0
            for name, data in jobs[:n]:
                shown = name.decode("utf-8", "replace")
                started = time.perf_counter()
                answers = [client.post(base + "/articles", files={"file": (shown, data)}, headers=auth)]
                if shown.endswith(".json"):
                    answers.append(client.post(base + "/articles", content=data, headers={**auth, "Content-Type": "application/json"}))
                worst = max(worst, time.perf_counter() - started)
                for answer in answers:
                    statuses[answer.status_code] = statuses.get(answer.status_code, 0) + 1
                    if answer.status_code >= 500:
                        fivexx.append(f"{shown}: {answer.text[:120]}")
            result.update({"inputs_posted": len(jobs[:n]), "posts": sum(statuses.values()), "statuses": statuses,
                           "5xx": len(fivexx), "5xx_examples": fivexx[:5], "slowest_post_s": round(worst, 2)})
            while client.get(base + "/health").json().get("derived_stale"):
                time.sleep(0.5)

            paths = ["/stories", "/articles", "/search?q=%D9%84%D8%A7%D9%81%D8%B1%D9%88%D9%81", "/"]

            def reads(seconds: float) -> list[float]:
                latencies: list[float] = []
                end = time.monotonic() + seconds
                with httpx.Client(timeout=300) as reader:
                    k = 0
                    while time.monotonic() < end:
                        started = time.perf_counter()
                        reader.get(base + paths[k % len(paths)])
                        latencies.append(time.perf_counter() - started)
                        k += 1
                return latencies

            hostile_uploads = [(c.name.decode("utf-8", "replace"), c.data) for c in cases(1.0)]
            hostile_uploads += [(name.decode("utf-8", "replace"), data) for name, data in
                                (generated(SEED + 1, i, records) for i in range(300))]
            good = _good_records(2000)

            def streaming(kind: str) -> tuple[list[float], dict[int, int]]:
                stop = threading.Event()
                answered: dict[int, int] = {}

                def upload() -> None:
                    with httpx.Client(timeout=300) as uploader:
                        k = 0
                        while not stop.is_set():
                            if kind == "hostile":
                                name, data = hostile_uploads[k % len(hostile_uploads)]
                                answer = uploader.post(base + "/articles", files={"file": (name, data)}, headers=auth)
                            else:
                                answer = uploader.post(base + "/articles", json=good[k % len(good)], headers=auth)
                            answered[answer.status_code] = answered.get(answer.status_code, 0) + 1
                            k += 1

                thread = threading.Thread(target=upload)
                thread.start()
                try:
                    return reads(phase_seconds), answered
                finally:
                    stop.set()
                    thread.join()

            quiet = reads(phase_seconds)
            during_hostile, hostile_statuses = streaming("hostile")
            while client.get(base + "/health").json().get("derived_stale"):
                time.sleep(0.5)
            quiet_again = reads(phase_seconds)
            during_good, good_statuses = streaming("good")
            result["stored_after"] = client.get(base + "/health").json().get("articles")
    finally:
        server.terminate()
        server.wait(timeout=30)
    for label, values in (("quiet", quiet), ("during_hostile_uploads", during_hostile),
                          ("quiet_again", quiet_again), ("during_good_uploads", during_good)):
        result[f"reads_{label}"] = {"n": len(values), "p50_ms": _p(values, 50), "p99_ms": _p(values, 99),
                                    "max_ms": round(max(values) * 1000, 1) if values else None}
    result["hostile_upload_statuses"] = hostile_statuses
    result["good_upload_statuses"] = good_statuses
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=10_000, help="Generated inputs (the seed list comes on top).")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--hang", type=float, default=30.0, help="CPU seconds after which an input counts as a hang.")
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--batch", type=int, default=25,
                        help="Generated inputs digested together (all corpus stages) in one warm worker; "
                             "each seed-list input is digested alone.")
    parser.add_argument("--api", type=int, default=0, help="Inputs to post to a live server (0: skip).")
    parser.add_argument("--api-only", action="store_true", help="Only the API part (--api inputs).")
    parser.add_argument("--phase-seconds", type=float, default=20.0, help="Seconds of reads per phase of the API part.")
    parser.add_argument("--prefill", type=int, default=300, help="Real articles stored before the API part.")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    global SEED
    SEED = args.seed
    Path("/tmp/hostile").mkdir(parents=True, exist_ok=True)
    import multiprocessing

    started = time.perf_counter()
    results: list[dict] = []
    if args.api_only:
        with tempfile.TemporaryDirectory(prefix="marsad-api-", dir="/tmp/hostile") as tmp:
            print(json.dumps(api_run(args.api, Path(tmp), args.phase_seconds, args.prefill), ensure_ascii=False, indent=1))
        return
    with tempfile.TemporaryDirectory(prefix="marsad-seeds-", dir="/tmp/hostile") as tmp:
        jobs: list[list[tuple[str, int, str | None]]] = []
        for i, case in enumerate(cases(1.0)):
            if case.name in (b"..", b"."):
                continue
            raw = os.path.join(os.fsencode(tmp), case.name)
            with open(raw, "wb") as handle:
                handle.write(case.data)
            jobs.append([("seed", i, os.fsdecode(raw))])
        jobs += [[("gen", i, None) for i in range(k, min(args.inputs, k + args.batch))]
                 for k in range(0, args.inputs, args.batch)]
        total = sum(len(batch) for batch in jobs)
        ctx = multiprocessing.get_context("fork")
        with ctx.Pool(args.workers, initializer=_init, initargs=(args.hang,), maxtasksperchild=40) as pool:
            for outcomes in pool.imap_unordered(run_batch, jobs):
                for outcome in outcomes:
                    results.append(outcome)
                    if outcome["crash"] or outcome["hang"]:
                        print(f"{outcome['key']}: {'HANG' if outcome['hang'] else outcome['crash']}", file=sys.stderr, flush=True)
                    if len(results) % 500 == 0:
                        print(f"{len(results)}/{total} inputs, {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    slowest = max(results, key=lambda r: r["seconds"])
    table = {
        "inputs": len(results),
        "seed_list_inputs": sum(1 for r in results if r["key"].startswith("seed")),
        "crashes": sum(1 for r in results if r["crash"]),
        "hangs": sum(1 for r in results if r["hang"]),
        "contained_errors": sum(r["contained"] for r in results),
        "refused_inputs": sum(1 for r in results if r["refused"] and not r["articles"]),
        "articles_read": sum(r["articles"] for r in results),
        "inputs_digested_all_stages": sum(1 for r in results if r.get("digested")),
        "batch_digests": sum(1 for r in results if "batch_digest_seconds" in r),
        "max_seconds_per_batch_digest": round(max((r["batch_digest_seconds"] for r in results if "batch_digest_seconds" in r), default=0.0), 2),
        "max_cpu_seconds_per_batch_digest": round(max((r["batch_digest_cpu"] for r in results if "batch_digest_cpu" in r), default=0.0), 2),
        "max_cpu_seconds_per_input": round(max(r["cpu"] for r in results), 2),
        "slowest_input_cpu": max(results, key=lambda r: r["cpu"])["key"],
        "max_seconds_per_input": round(slowest["seconds"], 2),
        "slowest_input": slowest["key"],
        "p99_seconds_per_input": round(statistics.quantiles([r["seconds"] for r in results], n=100)[98], 3),
        "seed_list_max_seconds": round(max(r["seconds"] for r in results if r["key"].startswith("seed")), 2),
        "seed_list_slowest": max((r for r in results if r["key"].startswith("seed")), key=lambda r: r["seconds"])["key"],
        "peak_rss_mb_worker": round(max(r["rss_mb"] for r in results), 0),
        "wall_seconds": round(time.perf_counter() - started, 0),
        "crash_examples": [r["crash"] for r in results if r["crash"]][:5],
        "contained_examples": [s for r in results for s in r.get("skips", [])][:3],
    }
    if args.api:
        with tempfile.TemporaryDirectory(prefix="marsad-api-", dir="/tmp/hostile") as tmp:
            table["api"] = api_run(args.api, Path(tmp), args.phase_seconds, args.prefill)
    if args.json:
        print(json.dumps(table, ensure_ascii=False, indent=1))
    else:
        for key, value in table.items():
            print(f"{key:28s} {value}")


if __name__ == "__main__":
    main()
