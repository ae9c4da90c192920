"""Time NER + canonical entities + quotes + timeline per 1,000 SaudiNewsNet articles.

Usage (bounded; reads the corpus files in name order)::

    .venv/bin/python bench/bench_who_said_what.py --limit 1000

Articles are ingested and prepared (cleaning, sentences) first; that part is not
counted. Each stage is then timed on its own over the same articles, and the counts it
produced are printed, so a change in speed can be read against a change in output.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from marsad.entities.canonical import canonicalize
from marsad.ingest import IngestError, iter_articles
from marsad.pipeline import prepare, unique_articles
from marsad.quotes import find_quotes
from marsad.timeline import build_timeline

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "saudinewsnet"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=1000)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()

    def articles():
        count = 0
        for path in sorted(args.corpus.glob("*.json")):
            for item in iter_articles([path]):
                if isinstance(item, IngestError):
                    continue
                yield item
                count += 1
                if count >= args.limit:
                    return

    prepared = [prepare(a) for a in unique_articles(articles())]
    n = len(prepared)
    figures: dict[str, object] = {"articles": n, "chars": sum(len(a.clean_text) for a in prepared)}
    started = time.perf_counter()
    try:
        from marsad.entities.ner import extract_mentions

        mentions = [m for a in prepared for m in extract_mentions(a.id, a.clean_text)]
        figures["ner_s"] = round(time.perf_counter() - started, 2)
    except (ImportError, FileNotFoundError) as exc:
        mentions = []
        figures["ner_s"] = f"unavailable: {exc}"
    started = time.perf_counter()
    entities, mentions = canonicalize(prepared, mentions)
    figures["canonical_s"] = round(time.perf_counter() - started, 2)
    started = time.perf_counter()
    quotes = find_quotes(prepared, mentions, entities)
    figures["quotes_s"] = round(time.perf_counter() - started, 2)
    started = time.perf_counter()
    timeline = build_timeline(prepared)
    figures["timeline_s"] = round(time.perf_counter() - started, 2)
    figures.update(
        mentions=len(mentions),
        entities=len(entities),
        quotes=len(quotes),
        quotes_with_entity=sum(q.speaker_entity is not None for q in quotes),
        timeline=len(timeline),
        timeline_dated_articles=len({t.article_id for t in timeline}),
    )
    stage_total = sum(v for k, v in figures.items() if k.endswith("_s") and isinstance(v, float))
    figures["per_1000_articles_s"] = round(stage_total * 1000 / n, 2) if n else None
    print(json.dumps(figures, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
