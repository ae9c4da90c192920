"""The stories stage alone, on the output of a digest's earlier stages, for dev figures.

Runs the stages before ``stories`` (cleaning, reuse, entities) once over FILES — or
loads them from ``--cache`` — then the stories stage (:func:`marsad.stories.build_stories`)
over all the articles and over the first file's articles alone, and writes two
report-like JSON files (``articles`` with paths, ``events``, ``storylines``) that
``marsad eval event-pairs`` and ``marsad eval stability`` read. Prints the stage's wall
and CPU time per 1,000 articles. Checking out an older commit and running this again
on the same cache gives the before/after comparison on identical inputs.

    python bench/stories_dev.py ../shared/data/saudinewsnet/2015-07-23.json \\
        ../shared/data/saudinewsnet/2015-07-24.json --cache /tmp/ctx.pkl --out /tmp/dev
    marsad eval event-pairs eval/dev/pairs_gold.jsonl --part tune /tmp/dev-all.json
    marsad eval stability /tmp/dev-first.json /tmp/dev-all.json
"""
from __future__ import annotations

import argparse
import json
import pickle
import time
from pathlib import Path

from marsad import pipeline
from marsad.ingest import IngestError, iter_articles
from marsad.model import Article, Mention, Reuse
from marsad.stories import StoryContext, build_stories


def earlier_stages(files: list[Path], cache: Path | None) -> tuple[list[Article], list[Mention], list[Reuse]]:
    """Prepared articles, mentions and reuse links of FILES (from ``cache`` when it exists)."""
    if cache is not None and cache.exists():
        with cache.open("rb") as handle:
            return pickle.load(handle)
    articles = [a for a in iter_articles(files) if not isinstance(a, IngestError)]
    digest = pipeline.digest(articles, pipeline.Options(stages=("reuse", "entities"), workers=2))
    found = (digest.articles, digest.mentions, digest.reuse)
    if cache is not None:
        with cache.open("wb") as handle:
            pickle.dump(found, handle)
    return found


def stories_report(articles: list[Article], mentions: list[Mention], reuse: list[Reuse]) -> tuple[dict, float, float]:
    """The stories stage over ``articles`` (with their mentions and links): report-like
    dict, wall and CPU seconds."""
    ids = {a.id for a in articles}
    context = StoryContext.of([m for m in mentions if m.article_id in ids], [r for r in reuse if r.a in ids and r.b in ids])
    wall, cpu = time.perf_counter(), time.process_time()
    events, storylines = build_stories(articles, context)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    report = {
        "articles": [{"id": a.id, "path": a.path, "title": a.title, "outlet": a.outlet} for a in articles],
        "events": [{"id": e.id, "title": e.title, "article_ids": e.article_ids} for e in events],
        "storylines": [
            {"id": s.id, "title": s.title, "event_ids": s.event_ids, "article_ids": s.article_ids, "recurring": getattr(s, "recurring", False)}
            for s in storylines
        ],
    }
    return report, wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--cache", type=Path, default=None, help="Pickle of the earlier stages' output (written when missing).")
    parser.add_argument("--out", required=True, help="Prefix of the two JSON files (PREFIX-all.json, PREFIX-first.json).")
    args = parser.parse_args()
    articles, mentions, reuse = earlier_stages(args.files, args.cache)
    first = args.files[0].name + "#"
    for name, chosen in (("all", articles), ("first", [a for a in articles if Path(a.path).name.startswith(first)])):
        report, wall, cpu = stories_report(chosen, mentions, reuse)
        Path(f"{args.out}-{name}.json").write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
        print(
            f"{name}: {len(chosen)} articles, {len(report['events'])} events, {len(report['storylines'])} storylines; "
            f"stories {wall:.1f} s wall, {cpu:.1f} s CPU = {1000 * cpu / max(1, len(chosen)):.2f} CPU s per 1,000 articles"
        )


if __name__ == "__main__":
    main()
