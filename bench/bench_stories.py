"""Benchmark of the stories stage on SaudiNewsNet: batch vs streaming.

Reads the corpus with marsad's ingest, prepares every article (cleaning, sentences),
optionally runs the reuse stage, then

* batch: profiles + events + storylines (:func:`marsad.stories.batch.cluster_stories`),
  wall time, counts and size distributions;
* streaming: :class:`OnlineStoryClusterer` fed one article at a time in publication
  order (``partial_fit([article])``: featurization + assignment), per-article latency
  p50/p99 overall and over the last 1,000 articles (when ~30k are stored);
* agreement of streaming with batch (BCubed P/R/F1 and ARI, batch as reference);
* peak resident memory after each phase;
* ``--sample-out``: 20 random multi-outlet batch events (titles, outlets) to read.

Usage::

    .venv/bin/python bench/bench_stories.py ../shared/data/saudinewsnet --limit 3000
    .venv/bin/python bench/bench_stories.py ../shared/data/saudinewsnet --sample-out out/events20.txt
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

from marsad import pipeline
from marsad.benchmarks import peak_rss_mb
from marsad.ingest import IngestError, iter_articles
from marsad.model import Digest
from marsad.stories.batch import cluster_stories, records
from marsad.stories.evaluate import score_clusters
from marsad.stories.online import OnlineStoryClusterer
from marsad.stories.similarity import StoryContext, build_profiles

BINS = [(1, 1), (2, 2), (3, 5), (6, 10), (11, 20), (21, 50), (51, 10**9)]


def distribution(sizes: list[int]) -> dict[str, int]:
    out = {}
    for lo, hi in BINS:
        label = str(lo) if lo == hi else (f"{lo}-{hi}" if hi < 10**9 else f">{lo - 1}")
        out[label] = sum(lo <= s <= hi for s in sizes)
    return out


def headline_gold(articles) -> list[list[str]]:
    """Silver gold: articles sharing a normalized headline of ≥ 5 words in ≥ 2 outlets.

    Agency copy keeps its headline, so these are (nearly always) one happening; a
    story's other articles are absent, so this measures recall of copies more than
    precision of whole events.
    """
    from marsad.arabic.tokenize import words

    groups: dict[str, list] = {}
    for article in articles:
        key = " ".join(words(article.title or ""))
        if len(key.split()) >= 5:
            groups.setdefault(key, []).append(article)
    return [[a.id for a in g] for g in groups.values() if len({a.outlet for a in g}) > 1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", nargs="+")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--reuse", action="store_true", help="run the reuse stage first (its links feed the scores)")
    parser.add_argument("--stage", action="append", default=[], metavar="NAME",
                        help="also run this pipeline stage before stories (repeatable: entities, quotes, timeline)")
    parser.add_argument("--no-stream", action="store_true")
    parser.add_argument("--sample-out", type=Path, default=None)
    parser.add_argument("--clusters-out", type=Path, default=None,
                        help="directory for batch.json / stream.json (events, storylines: `marsad eval clusters` reads them) "
                        "and headline-gold.json (silver gold: same headline in several outlets)")
    args = parser.parse_args()

    started = time.perf_counter()
    articles = []
    for item in iter_articles([Path(p) for p in args.corpus]):
        if isinstance(item, IngestError):
            continue
        articles.append(item)
        if args.limit and len(articles) >= args.limit:
            break
    digest = Digest(articles=[pipeline.prepare(a) for a in pipeline.unique_articles(articles)])
    figures: dict = {"articles": len(digest.articles), "prepare_s": round(time.perf_counter() - started, 1)}
    wanted = set(args.stage) | ({"reuse"} if args.reuse else set())
    for name, stage in pipeline.STAGES:
        if name == "stories":
            break
        if name in wanted:
            started = time.perf_counter()
            stage(digest, pipeline.Options())
            figures[f"{name}_s"] = round(time.perf_counter() - started, 1)
    figures["reuse_links"] = len(digest.reuse)
    figures["mentions"] = len(digest.mentions)
    context = StoryContext.of(digest.mentions, digest.reuse)

    started, cpu_started = time.perf_counter(), time.process_time()
    profiles = build_profiles(digest.articles, context)
    profile_s = time.perf_counter() - started
    clusters = cluster_stories(profiles, context)
    events, storylines = records(clusters, digest.articles)
    batch_s = time.perf_counter() - started
    batch_cpu_s = time.process_time() - cpu_started
    event_sizes = [len(e.article_ids) for e in events]
    story_sizes = [len(s.article_ids) for s in storylines]
    figures["batch"] = {
        "seconds": round(batch_s, 1),
        "cpu_seconds": round(batch_cpu_s, 1),
        "profile_seconds": round(profile_s, 1),
        "events": len(events),
        "multi_outlet_events": sum(len(e.outlets) > 1 for e in events),
        "event_sizes": distribution(event_sizes),
        "largest_event": max(event_sizes, default=0),
        "storylines": len(storylines),
        "multi_event_storylines": sum(len(s.event_ids) > 1 for s in storylines),
        "storyline_sizes_articles": distribution(story_sizes),
        "largest_storyline": max(story_sizes, default=0),
        "peak_rss_mb": peak_rss_mb(),
    }
    if args.sample_out:
        multi = [e for e in events if len(e.outlets) > 1]
        by_id = {a.id: a for a in digest.articles}
        lines = []
        for number, event in enumerate(random.Random(20).sample(multi, min(20, len(multi))), start=1):
            lines.append(f"## {number}. {event.id} {event.date} ({len(event.article_ids)} articles, {len(event.outlets)} outlets)")
            for article_id in event.article_ids[:8]:
                article = by_id[article_id]
                lead = (article.paragraphs[0] if article.paragraphs else "")[:160]
                lines.append(f"- [{article.outlet}] {article.title} — {lead}")
            lines.append("")
        args.sample_out.parent.mkdir(parents=True, exist_ok=True)
        args.sample_out.write_text("\n".join(lines), encoding="utf-8")

    if not args.no_stream:
        ordered = sorted(digest.articles, key=lambda a: (a.published is None, (a.published or "")[:10], a.id))
        stream = OnlineStoryClusterer()
        latencies, cpu = [], []
        started, cpu_started = time.perf_counter(), time.process_time()
        for article in ordered:
            t0, c0 = time.perf_counter(), time.process_time()
            stream.partial_fit([article], context)
            latencies.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        stream_s = time.perf_counter() - started
        stream_cpu_s = time.process_time() - cpu_started
        lat = np.array(latencies) * 1000
        tail = lat[-1000:]
        stream_events = stream.events()
        stream_lines = stream.storylines()
        ev = score_clusters([e.article_ids for e in events], [e.article_ids for e in stream_events])
        st = score_clusters([s.article_ids for s in storylines], [s.article_ids for s in stream_lines])
        figures["stream"] = {
            "seconds": round(stream_s, 1),
            "cpu_seconds": round(stream_cpu_s, 1),
            "cpu_ms_per_article_mean": round(1000 * stream_cpu_s / max(1, len(cpu)), 2),
            "last_1000_cpu_ms_mean": round(1000 * float(np.mean(cpu[-1000:])), 2) if cpu else None,
            "per_article_ms_p50": round(float(np.percentile(lat, 50)), 2),
            "per_article_ms_p99": round(float(np.percentile(lat, 99)), 2),
            "last_1000_stored_from": len(lat) - len(tail),
            "last_1000_ms_p50": round(float(np.percentile(tail, 50)), 2),
            "last_1000_ms_p99": round(float(np.percentile(tail, 99)), 2),
            "events": len(stream_events),
            "storylines": len(stream_lines),
            "largest_event": max((len(e.article_ids) for e in stream_events), default=0),
            "vs_batch_events": {"bcubed_p": round(ev.precision, 4), "bcubed_r": round(ev.recall, 4), "bcubed_f1": round(ev.f1, 4), "ari": round(ev.ari, 4)},
            "vs_batch_storylines": {"bcubed_p": round(st.precision, 4), "bcubed_r": round(st.recall, 4), "bcubed_f1": round(st.f1, 4), "ari": round(st.ari, 4)},
            "peak_rss_mb": peak_rss_mb(),
        }
        state = Path("/tmp") / "marsad-bench-stories.npz"
        t0 = time.perf_counter()
        stream.save(state)
        figures["stream"]["save_s"] = round(time.perf_counter() - t0, 2)
        figures["stream"]["state_mb"] = round(state.stat().st_size / 2**20, 1)
        t0 = time.perf_counter()
        OnlineStoryClusterer.load(state)
        figures["stream"]["load_s"] = round(time.perf_counter() - t0, 2)
        state.unlink()
    if args.clusters_out:
        args.clusters_out.mkdir(parents=True, exist_ok=True)
        gold = headline_gold(digest.articles)
        (args.clusters_out / "headline-gold.json").write_text(json.dumps(gold))
        runs = {"batch": (events, storylines)}
        if not args.no_stream:
            runs["stream"] = (stream_events, stream_lines)
        for name, (evs, sts) in runs.items() if gold else ():
            (args.clusters_out / f"{name}.json").write_text(json.dumps({
                "events": [{"id": e.id, "article_ids": e.article_ids} for e in evs],
                "storylines": [{"id": s.id, "article_ids": s.article_ids} for s in sts],
            }))
            silver = score_clusters(gold, [e.article_ids for e in evs])
            figures.setdefault("headline_gold", {"groups": len(gold), "articles": silver.items})[name] = {
                "bcubed_p": round(silver.precision, 4), "bcubed_r": round(silver.recall, 4),
                "bcubed_f1": round(silver.f1, 4), "ari": round(silver.ari, 4)}
    json.dump(figures, sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
