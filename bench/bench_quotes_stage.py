"""CPU time of the quotes stage alone, per 1,000 articles, on a real day of news.

The quotes stage needs the entities stage's output (mentions, canonical entities), and
that stage takes minutes; its output is computed once and kept in a pickle (``--cache``)
so two versions of ``marsad/quotes.py`` can be timed on the same input:

    PYTHONPATH=. python bench/bench_quotes_stage.py ../shared/data/saudinewsnet/2015-07-25.json \\
        --cache /tmp/day25.pkl --runs 3
    PYTHONPATH=/path/to/other/checkout python bench/bench_quotes_stage.py ... --cache /tmp/day25.pkl

CPU seconds (``time.process_time``), the minimum of ``--runs`` runs: on a shared machine
wall time measures the neighbours as much as the code.
"""
from __future__ import annotations

import argparse
import json
import pickle
import time
from pathlib import Path

from marsad import pipeline
from marsad.ingest import IngestError, iter_articles
from marsad.quotes import find_quotes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+", type=Path)
    parser.add_argument("--cache", type=Path, default=None, help="pickle of the entities stage's output (read if present, else written)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if args.cache is not None and args.cache.exists():
        articles, mentions, entities = pickle.loads(args.cache.read_bytes())
    else:
        read = [a for a in iter_articles(args.inputs) if not isinstance(a, IngestError)]
        result = pipeline.digest(read, pipeline.Options(stages=pipeline.parse_stages("entities"), workers=1))
        articles, mentions, entities = result.articles, result.mentions, result.entities
        if args.cache is not None:
            args.cache.write_bytes(pickle.dumps((articles, mentions, entities)))
    runs = []
    for _ in range(args.runs):
        start = time.process_time()
        quotes = find_quotes(articles, mentions, entities)
        runs.append(time.process_time() - start)
    best = min(runs)
    print(json.dumps({
        "articles": len(articles),
        "quotes": len(quotes),
        "null_speakers": sum(q.speaker is None for q in quotes),
        "cpu_seconds_min": round(best, 3),
        "cpu_seconds_per_1000_articles": round(1000 * best / max(1, len(articles)), 3),
        "runs": [round(r, 3) for r in runs],
    }))


if __name__ == "__main__":
    main()
