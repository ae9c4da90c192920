"""Build the word-frequency list that guides ambiguous proclitic stripping in stemming.

    .venv/bin/python -m marsad.arabic.build_counts ../shared/data/saudinewsnet \
        --out marsad/arabic/data/word_counts.txt

Counts every Arabic token of the corpus (SaudiNewsNet JSON day files, field
``content``) in its matching form (:func:`marsad.arabic.normalize.normalize`) and keeps
those seen at least ``--min-count`` times, as ``word<TAB>count`` lines sorted by count.
:mod:`marsad.arabic.stem` reads the file once, lazily. Rebuilding it changes stems, so
it is versioned with the code.
"""
from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

from marsad.arabic.normalize import normalize
from marsad.arabic.tokenize import TOKEN_RE

DEFAULT_OUT = Path(__file__).resolve().parent / "data" / "word_counts.txt"


def count_words(texts: list[str]) -> collections.Counter[str]:
    """Normalized alphabetic token counts over ``texts``."""
    counts: collections.Counter[str] = collections.Counter()
    for text in texts:
        counts.update(w for w in TOKEN_RE.findall(normalize(text)) if w.isalpha())
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", type=Path, help="folder of SaudiNewsNet-style JSON files")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--min-count", type=int, default=20)
    args = ap.parse_args(argv)
    files = sorted(args.corpus.glob("*.json"))
    if not files:
        print(f"error: no *.json files in {args.corpus}", file=sys.stderr)
        return 2
    counts: collections.Counter[str] = collections.Counter()
    n = 0
    for path in files:
        try:
            records = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            print(f"error: {path}: {exc}", file=sys.stderr)
            continue
        texts = [r.get("content") or "" for r in records if isinstance(r, dict)]
        counts.update(count_words(texts))
        n += len(texts)
    kept = [(w, c) for w, c in counts.items() if c >= args.min_count]
    kept.sort(key=lambda wc: (-wc[1], wc[0]))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        fh.write(f"# marsad word counts: {n} SaudiNewsNet articles, min count {args.min_count}\n")
        for w, c in kept:
            fh.write(f"{w}\t{c}\n")
    print(f"{len(kept)} words from {n} articles → {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
