"""Sample SaudiNewsNet articles for the who-said-what development set (issue 13).

Articles are drawn at random across outlets from the July files, round-robin over
outlets so no outlet dominates, with bodies of 500–3,500 characters (long enough to
hold statements, short enough to be read whole). Every article is named
``FILE.json#N`` (N = 0-based record index), the form marsad's reports use as ``path``.
The first ``--tune`` articles form the tuning part, the rest the held-out part that is
not looked at while tuning.

    python eval/sample_articles.py ../shared/data/saudinewsnet --n 40 --tune 28 --seed 13 \
        > eval/dev/wsw_sample.jsonl
"""
from __future__ import annotations

import argparse
import json
import random
from collections import defaultdict
from pathlib import Path

JULY = ("2015-07-21", "2015-07-22", "2015-07-23", "2015-07-24", "2015-07-25", "2015-07-26", "2015-07-27", "2015-07-31")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--n", type=int, default=40)
    parser.add_argument("--tune", type=int, default=28)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--min-chars", type=int, default=500)
    parser.add_argument("--max-chars", type=int, default=3500)
    parser.add_argument("--with-text", action="store_true", help="include title and body (for labelling; not committed)")
    args = parser.parse_args()
    by_outlet: dict[str, list[tuple[str, dict]]] = defaultdict(list)
    for day in JULY:
        records = json.loads((args.corpus / f"{day}.json").read_text(encoding="utf-8"))
        for index, record in enumerate(records):
            if args.min_chars <= len(record.get("content") or "") <= args.max_chars:
                by_outlet[record["source"]].append((f"{day}.json#{index}", record))
    rng = random.Random(args.seed)
    outlets = sorted(by_outlet)
    for outlet in outlets:
        rng.shuffle(by_outlet[outlet])
    rng.shuffle(outlets)
    chosen: list[tuple[str, dict]] = []
    while len(chosen) < args.n:
        for outlet in outlets:
            if by_outlet[outlet] and len(chosen) < args.n:
                chosen.append(by_outlet[outlet].pop())
    for rank, (name, record) in enumerate(chosen):
        part = "tune" if rank < args.tune else "heldout"
        row = {"article": name, "part": part, "outlet": record["source"], "date_extracted": record.get("date_extracted")}
        if args.with_text:
            row.update(title=record.get("title"), url=record.get("url"), content=record["content"])
        print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
