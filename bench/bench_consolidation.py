"""Agreement of streamed-then-consolidated stories with a batch digest (issue 16).

    .venv/bin/python bench/bench_consolidation.py --db /tmp/live/cons.db --per-day 200 \
        ../shared/data/saudinewsnet/2015-08-09.json ../shared/data/saudinewsnet/2015-08-10.json \
        ../shared/data/saudinewsnet/2015-08-11.json

Takes the first ``--per-day`` articles of each file (all with 0), streams them in
publication order through :class:`marsad.live.LiveLinker` (``--batch`` per
transaction), then consolidates — over exactly those articles, or with ``--window
DAYS`` as ``marsad consolidate --days DAYS`` does (the last DAYS publication days;
older articles keep their online decisions); the batch side is ``pipeline.digest`` with the reuse, entities
and stories stages over the same articles. Prints BCubed P/R/F1 of events and
storylines, streamed vs batch, before and after consolidation, with wall and CPU
seconds of each side. Each step's figures are printed (one JSON line) as soon as they
are known, and the batch groups are cached in ``--batch-cache`` (a JSON file), so a
rerun after a change to the live side scores against the same batch result.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from marsad.ingest import IngestError, iter_articles
from marsad.live import LiveLinker
from marsad.live.consolidate import consolidate
from marsad.pipeline import Options, digest
from marsad.store import open_store
from marsad.stories.evaluate import bcubed


def groups(store, column: str) -> list[list[str]]:
    found: dict[str, list[str]] = {}
    for aid, group in store._all(f"SELECT article_id, {column} FROM live_membership"):
        found.setdefault(group, []).append(aid)
    return list(found.values())


def emit(record: dict) -> None:
    print(json.dumps(record, ensure_ascii=False), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+")
    parser.add_argument("--db", required=True)
    parser.add_argument("--per-day", type=int, default=0)
    parser.add_argument("--batch-cache", default=None, help="JSON file with the batch groups (written when missing).")
    parser.add_argument("--window", type=float, default=None, help="Consolidate the last DAYS publication days (default: exactly the streamed articles).")
    parser.add_argument("--batch", type=int, default=1, help="Articles per transaction while streaming.")
    args = parser.parse_args()
    articles = []
    for name in args.files:
        items = [a for a in iter_articles([Path(name)]) if not isinstance(a, IngestError)]
        articles += items[: args.per_day] if args.per_day else items
    articles = list({a.id: a for a in articles}.values())
    articles.sort(key=lambda a: (a.published is None, (a.published or "")[:10], a.path))
    cache = Path(args.batch_cache) if args.batch_cache else None
    if cache is not None and cache.exists():
        batch = json.loads(cache.read_text())
    else:
        started, cpu = time.perf_counter(), time.process_time()
        done = digest(articles, Options(stages=("reuse", "entities", "stories")))
        batch = {
            "articles": len(articles),
            "batch_s": round(time.perf_counter() - started, 1),
            "batch_cpu_s": round(time.process_time() - cpu, 1),
            "events": [e.article_ids for e in done.events],
            "storylines": [s.article_ids for s in done.storylines],
        }
        if cache is not None:
            cache.write_text(json.dumps(batch))
    emit({"articles": len(articles), "batch_s": batch["batch_s"], "batch_cpu_s": batch.get("batch_cpu_s"),
          "batch_events": len(batch["events"]), "batch_storylines": len(batch["storylines"])})
    with open_store(args.db) as store:
        started, cpu = time.perf_counter(), time.process_time()
        LiveLinker(store).add_many(articles, batch=args.batch, workers=2 if args.batch > 1 else 1)
        emit({"stream_s": round(time.perf_counter() - started, 1), "stream_cpu_s": round(time.process_time() - cpu, 1)})
        for label in ("streamed", "consolidated"):
            out: dict = {"step": label}
            if label == "consolidated":
                cpu = time.process_time()
                if args.window is None:
                    done = consolidate(store, article_ids=[a.id for a in articles])
                else:
                    done = consolidate(store, window_days=args.window)
                out["window_articles"] = done.articles
                out["consolidate_s"] = round(done.seconds, 1)
                out["consolidate_cpu_s"] = round(time.process_time() - cpu, 1)
                out["moved_articles"] = done.moved_articles
            ev, st = groups(store, "event_id"), groups(store, "storyline_id")
            out.update({
                "events": len(ev),
                "storylines": len(st),
                "events_bcubed": [round(x, 4) for x in bcubed(batch["events"], ev)],
                "storylines_bcubed": [round(x, 4) for x in bcubed(batch["storylines"], st)],
            })
            emit(out)


if __name__ == "__main__":
    main()
