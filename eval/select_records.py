"""Write the SaudiNewsNet records a sample names, as JSON Lines marsad can digest.

A who-said-what sample (``eval/dev/wsw_sample.jsonl``) names articles ``FILE.json#N``;
digesting whole day files to score 40 of them is slow. This writes just those records
(url, title, date, outlet, text, plus ``record_name``, the name; not ``article``,
which some crawlers use for the body) so that

    python eval/select_records.py eval/dev/wsw_sample.jsonl --corpus ../shared/data/saudinewsnet \\
        --part tune > /tmp/wsw_tune.jsonl
    marsad digest /tmp/wsw_tune.jsonl --out /tmp/wsw_tune
    marsad eval quotes eval/dev/wsw_gold_a.jsonl eval/dev/wsw_gold_b.jsonl /tmp/wsw_tune/report.json --part tune

scores them; ``marsad eval`` finds each article in the report by its URL.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sample", type=Path, help="JSON Lines with an \"article\" (FILE.json#N) per line")
    parser.add_argument("--corpus", type=Path, default=Path("../shared/data/saudinewsnet"), help="directory of the day files")
    parser.add_argument("--part", choices=("all", "tune", "heldout"), default="all", help="only the sample's articles of this part")
    args = parser.parse_args()
    wanted: list[str] = []
    for line in args.sample.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            if args.part == "all" or row.get("part") == args.part:
                wanted.append(row["article"])
    days: dict[str, list[dict]] = {}
    for name in wanted:
        file, _, index = name.rpartition("#")
        if file not in days:
            days[file] = json.loads((args.corpus / file).read_text(encoding="utf-8"))
        try:
            record = days[file][int(index)]
        except (ValueError, IndexError):
            sys.exit(f"{name}: no such record in {args.corpus / file}")
        print(json.dumps({"record_name": name, **record}, ensure_ascii=False))


if __name__ == "__main__":
    main()
