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


class Clock:
    """Wall and CPU seconds of a block, stored as ``NAME_s`` and ``NAME_cpu_s``
    (CPU time is what an idle machine would show; wall time on a shared one is more)."""

    def __init__(self, figures: dict[str, object]) -> None:
        self.figures = figures

    def __call__(self, name: str) -> "Clock":
        self.name = name
        return self

    def __enter__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def __exit__(self, *exc: object) -> None:
        self.figures[f"{self.name}_s"] = round(time.perf_counter() - self.wall, 2)
        self.figures[f"{self.name}_cpu_s"] = round(time.process_time() - self.cpu, 2)


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
    clock = Clock(figures)
    try:
        from marsad.entities.ner import extract_mentions

        with clock("ner"):
            mentions = [m for a in prepared for m in extract_mentions(a.id, a.clean_text)]
    except (ImportError, FileNotFoundError) as exc:
        mentions = []
        figures["ner_s"] = f"unavailable: {exc}"
    with clock("canonical"):
        entities, mentions = canonicalize(prepared, mentions)
    with clock("quotes"):
        quotes = find_quotes(prepared, mentions, entities)
    with clock("timeline"):
        timeline = build_timeline(prepared)
    figures.update(
        mentions=len(mentions),
        entities=len(entities),
        quotes=len(quotes),
        quotes_with_entity=sum(q.speaker_entity is not None for q in quotes),
        timeline=len(timeline),
        timeline_dated_articles=len({t.article_id for t in timeline}),
    )
    timed = {k: v for k, v in figures.items() if isinstance(v, float)}
    wall = sum(v for k, v in timed.items() if k.endswith("_s") and not k.endswith("_cpu_s"))
    cpu = sum(v for k, v in timed.items() if k.endswith("_cpu_s"))
    figures["per_1000_articles_s"] = round(wall * 1000 / n, 2) if n else None
    figures["per_1000_articles_cpu_s"] = round(cpu * 1000 / n, 2) if n else None
    print(json.dumps(figures, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
