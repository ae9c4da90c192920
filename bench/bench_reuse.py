"""Text reuse benchmark: near-duplicate detection vs datasketch and rensa, and the
whole reuse stage (candidates + sentence alignment + groups) on real articles.

    .venv/bin/python bench/bench_reuse.py --limit 10000 --stage-limit 3000

* ``near_duplicates``: ``marsad bench reuse --corpus ../shared/data/saudinewsnet
  --limit N --json`` (see ``marsad/reuse_bench.py``): synthetic copies of real
  articles, recall/precision, CPU docs/s of marsad, datasketch and rensa on identical
  shingles and banding, and recall of real ≥ 0.8 pairs under 16 × 8 vs 9 × 13 banding.
* ``stage``: ``find_reuse`` over the first M SaudiNewsNet articles as the digest runs
  it (CPU seconds, links, groups, pair kinds).

Times are CPU seconds of this process (the development machine is shared).
"""
from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from marsad.benchmarks import peak_rss_mb
from marsad.ingest import IngestError, iter_articles
from marsad.pipeline import prepare, unique_articles
from marsad.reuse import find_reuse
from marsad.reuse_bench import run_reuse_benchmark

SAUDI = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "saudinewsnet"


def stage_figures(limit: int) -> dict:
    """CPU time and output of the reuse stage on ``limit`` real articles."""
    read = []
    for item in iter_articles([SAUDI]):
        if not isinstance(item, IngestError):
            read.append(item)
            if len(read) >= limit:
                break
    articles = [prepare(a) for a in unique_articles(read)]
    started = time.process_time()
    result = find_reuse(articles)
    seconds = time.process_time() - started
    kinds = Counter(p.kind for link in result.links for p in link.pairs)
    return {
        "articles": len(articles),
        "cpu_seconds": round(seconds, 2),
        "articles_per_cpu_s": round(len(articles) / seconds, 1),
        "links": len(result.links),
        "near_duplicate_links": sum(link.near_duplicate for link in result.links),
        "groups": len(result.groups),
        "republications": sum(len(g.article_ids) - 1 for g in result.groups),
        "original_reason": dict(Counter(g.reason for g in result.groups)),
        "pair_kinds": dict(kinds),
        "peak_rss_mb": peak_rss_mb(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=10000, help="real articles for the near-duplicate benchmark")
    parser.add_argument("--stage-limit", type=int, default=3000, help="articles for the reuse stage run (0: skip)")
    parser.add_argument("--threshold", type=float, default=0.5)
    args = parser.parse_args()
    out = {"near_duplicates": run_reuse_benchmark(str(SAUDI), args.limit, threshold=args.threshold)}
    if args.stage_limit:
        out["stage"] = stage_figures(args.stage_limit)
    print(json.dumps(out, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
