"""Benchmark of the stories stage on SaudiNewsNet: batch vs streaming.

Reads the corpus with marsad's ingest, prepares every article (cleaning, sentences),
optionally runs the reuse stage, then

* batch: profiles + events + storylines (:func:`marsad.stories.batch.cluster_stories`),
  wall time, counts and size distributions;
* streaming agreement: :class:`OnlineStoryClusterer` fed the first ``--stream-limit``
  articles one at a time in publication order (``partial_fit([article])``:
  featurization + assignment), compared with batch over the same articles (BCubed
  P/R/F1 and ARI, batch as reference), with per-article latency;
* streaming with the corpus stored: the clusterer bootstrapped from the batch result
  over all but the last ``--tail`` articles (``from_batch``), then the last ones
  streamed: per-article latency p50/p99 with ~30k stored, state save/load time;
* silver gold (``--clusters-out``): same headline in several outlets;
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
    parser.add_argument("--no-stream", action="store_true", help="skip the stream-vs-batch agreement run")
    parser.add_argument("--stream-limit", type=int, default=3000, help="articles streamed one by one for the agreement run")
    parser.add_argument("--tail", type=int, default=1000,
                        help="stream the last N articles after a batch bootstrap of the rest (latency with the corpus stored; 0: skip)")
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
    figures["peak_rss_mb_before_stories"] = peak_rss_mb()
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

    print(json.dumps(figures, ensure_ascii=False), file=sys.stderr, flush=True)
    ordered = sorted(range(len(digest.articles)), key=lambda i: (np.isnan(profiles.days[i]), profiles.days[i], profiles.ids[i]))
    if not args.no_stream:
        # 1. agreement: stream the first --stream-limit articles one by one, batch the same ones
        head = [digest.articles[i] for i in ordered[: args.stream_limit]]
        head_clusters = cluster_stories(build_profiles(head, context), context)
        head_events, head_lines = records(head_clusters, head)
        stream = OnlineStoryClusterer()
        latencies, cpu = [], []
        started, cpu_started = time.perf_counter(), time.process_time()
        for article in head:
            t0, c0 = time.perf_counter(), time.process_time()
            stream.partial_fit([article], context)
            latencies.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        stream_s = time.perf_counter() - started
        stream_cpu_s = time.process_time() - cpu_started
        lat = np.array(latencies) * 1000
        stream_events = stream.events()
        stream_lines = stream.storylines()
        ev = score_clusters([e.article_ids for e in head_events], [e.article_ids for e in stream_events])
        st = score_clusters([s.article_ids for s in head_lines], [s.article_ids for s in stream_lines])
        figures["stream"] = {
            "articles": len(head),
            "seconds": round(stream_s, 1),
            "cpu_seconds": round(stream_cpu_s, 1),
            "cpu_ms_per_article_mean": round(1000 * stream_cpu_s / max(1, len(cpu)), 2),
            "per_article_ms_p50": round(float(np.percentile(lat, 50)), 2),
            "per_article_ms_p99": round(float(np.percentile(lat, 99)), 2),
            "events": len(stream_events),
            "batch_events": len(head_events),
            "storylines": len(stream_lines),
            "batch_storylines": len(head_lines),
            "vs_batch_events": {"bcubed_p": round(ev.precision, 4), "bcubed_r": round(ev.recall, 4), "bcubed_f1": round(ev.f1, 4), "ari": round(ev.ari, 4)},
            "vs_batch_storylines": {"bcubed_p": round(st.precision, 4), "bcubed_r": round(st.recall, 4), "bcubed_f1": round(st.f1, 4), "ari": round(st.ari, 4)},
        }
        print(json.dumps(figures["stream"], ensure_ascii=False), file=sys.stderr, flush=True)
    if args.tail and len(ordered) > args.tail:
        # 2. latency with the corpus stored: batch-bootstrap all but the last --tail articles, stream the rest
        stored = [digest.articles[i] for i in ordered[: -args.tail]]
        stored_clusters = cluster_stories(profiles.rows(ordered[: -args.tail]), context)
        model = OnlineStoryClusterer.from_batch(stored, stored_clusters)
        latencies, cpu = [], []
        for i in ordered[-args.tail :]:
            t0, c0 = time.perf_counter(), time.process_time()
            model.partial_fit([digest.articles[i]], context)
            latencies.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        lat = np.array(latencies) * 1000
        state = Path("/tmp") / "marsad-bench-stories.npz"
        t0 = time.perf_counter()
        model.save(state)
        save_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        OnlineStoryClusterer.load(state)
        figures["tail"] = {
            "stored_before": len(stored),
            "streamed": len(lat),
            "per_article_ms_p50": round(float(np.percentile(lat, 50)), 2),
            "per_article_ms_p99": round(float(np.percentile(lat, 99)), 2),
            "cpu_ms_p50": round(1000 * float(np.percentile(cpu, 50)), 2),
            "cpu_ms_p99": round(1000 * float(np.percentile(cpu, 99)), 2),
            "save_s": round(save_s, 2),
            "load_s": round(time.perf_counter() - t0, 2),
            "state_mb": round(state.stat().st_size / 2**20, 1),
            "peak_rss_mb": peak_rss_mb(),
        }
        state.unlink()
    if args.clusters_out:
        args.clusters_out.mkdir(parents=True, exist_ok=True)
        gold = headline_gold(digest.articles)
        (args.clusters_out / "headline-gold.json").write_text(json.dumps(gold))
        runs = {"batch": (events, storylines)}
        if not args.no_stream:
            runs["stream"] = (stream_events, stream_lines)
            runs["batch_same_articles"] = (head_events, head_lines)
        for name, (evs, sts) in runs.items() if gold else ():
            (args.clusters_out / f"{name}.json").write_text(json.dumps({
                "events": [{"id": e.id, "article_ids": e.article_ids} for e in evs],
                "storylines": [{"id": s.id, "article_ids": s.article_ids} for s in sts],
            }))
            present = {a for e in evs for a in e.article_ids}
            scoped = [g for g in ([a for a in group if a in present] for group in gold) if len(g) > 1]
            if not scoped:
                continue
            silver = score_clusters(scoped, [e.article_ids for e in evs])
            figures.setdefault("headline_gold", {"groups": len(gold)})[name] = {"groups": len(scoped), "articles": silver.items,
                "bcubed_p": round(silver.precision, 4), "bcubed_r": round(silver.recall, 4),
                "bcubed_f1": round(silver.f1, 4), "ari": round(silver.ari, 4)}
    json.dump(figures, sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
