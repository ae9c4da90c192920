"""Sample SaudiNewsNet articles for the who-said-what development set (issue 13).

Articles are drawn at random across outlets from the July files, round-robin over
outlets so no outlet dominates, with bodies of 500–3,500 characters (long enough to
hold statements, short enough to be read whole). Every article is named
``FILE.json#N`` (N = 0-based record index), the form marsad's reports use as ``path``.
The first ``--tune`` articles form the tuning part, the rest the held-out part that is
not looked at while tuning; ``--part`` puts every drawn article in one part.

``--exclude`` leaves out the articles another sample already holds (a fresh set that
nobody tuned on); without it the draw is the one the first sample was made with:

    python eval/sample_articles.py ../shared/data/saudinewsnet --n 40 --tune 28 --seed 13 \
        > eval/dev/wsw_sample.jsonl
    python eval/sample_articles.py ../shared/data/saudinewsnet --n 24 --seed 23 \
        --exclude eval/dev/wsw_sample.jsonl --part heldout > eval/dev/wsw_sample_c.jsonl
"""
from __future__ import annotations

import argparse
import json
import random
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

JULY = ("2015-07-21", "2015-07-22", "2015-07-23", "2015-07-24", "2015-07-25", "2015-07-26", "2015-07-27", "2015-07-31")


def outlet_pools(corpus: Path, min_chars: int = 500, max_chars: int = 3500) -> dict[str, list[tuple[str, dict]]]:
    """The July records whose body has ``min_chars``–``max_chars`` characters, as
    (name, record) pairs by outlet, in file and record order."""
    by_outlet: dict[str, list[tuple[str, dict]]] = defaultdict(list)
    for day in JULY:
        records = json.loads((corpus / f"{day}.json").read_text(encoding="utf-8"))
        for index, record in enumerate(records):
            if min_chars <= len(record.get("content") or "") <= max_chars:
                by_outlet[record["source"]].append((f"{day}.json#{index}", record))
    return by_outlet


def sampled_names(paths: Iterable[Path]) -> set[str]:
    """The ``article`` names (``FILE.json#N``) of sample files, to leave out of a new draw."""
    names: set[str] = set()
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                names.add(json.loads(line)["article"])
    return names


def draw(
    by_outlet: Mapping[str, Sequence[tuple[str, dict]]],
    n: int,
    seed: int,
    exclude: frozenset[str] | set[str] = frozenset(),
) -> list[tuple[str, dict]]:
    """``n`` (name, record) pairs drawn at random, round-robin over the outlets.

    Excluded names are dropped before the shuffle, so an empty ``exclude`` gives the
    same draw as before the option existed (the seed-13 sample stays reproducible).
    """
    pools = {outlet: [item for item in items if item[0] not in exclude] for outlet, items in by_outlet.items()}
    rng = random.Random(seed)
    outlets = sorted(pools)
    for outlet in outlets:
        rng.shuffle(pools[outlet])
    rng.shuffle(outlets)
    chosen: list[tuple[str, dict]] = []
    while len(chosen) < n and any(pools.values()):
        for outlet in outlets:
            if pools[outlet] and len(chosen) < n:
                chosen.append(pools[outlet].pop())
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--n", type=int, default=40)
    parser.add_argument("--tune", type=int, default=28)
    parser.add_argument("--part", choices=("tune", "heldout"), help="put every drawn article in this part (instead of --tune)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--exclude", type=Path, action="append", default=[], help="a sample file whose articles are left out (repeatable)")
    parser.add_argument("--min-chars", type=int, default=500)
    parser.add_argument("--max-chars", type=int, default=3500)
    parser.add_argument("--with-text", action="store_true", help="include title and body (for labelling; not committed)")
    args = parser.parse_args()
    by_outlet = outlet_pools(args.corpus, args.min_chars, args.max_chars)
    chosen = draw(by_outlet, args.n, args.seed, sampled_names(args.exclude))
    for rank, (name, record) in enumerate(chosen):
        part = args.part or ("tune" if rank < args.tune else "heldout")
        row = {"article": name, "part": part, "outlet": record["source"], "date_extracted": record.get("date_extracted")}
        if args.with_text:
            row.update(title=record.get("title"), url=record.get("url"), content=record["content"])
        print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
