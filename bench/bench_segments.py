"""CPU seconds of cutting an article with very many quotes into page segments
(:func:`marsad.web.markup.paragraph_segments`): a 28,000-character article with
20,000 random quotes of 5–50 characters.

    PYTHONPATH=. python bench/bench_segments.py
"""
from __future__ import annotations

import random
import time

from marsad.web.markup import paragraph_segments


def main() -> None:
    rng = random.Random(1)
    paragraphs = ["قال الوزير إن " * 2000]
    n = len(paragraphs[0])
    quotes = []
    for _ in range(20_000):
        start = rng.randrange(0, n - 50)
        quotes.append({"start": start, "end": start + rng.randrange(5, 50)})
    cpu = time.process_time()
    segments = paragraph_segments(paragraphs, quotes, [], [])
    print(f"{len(quotes):,} quotes: {time.process_time() - cpu:.2f} CPU s, {sum(len(p) for p in segments):,} segments")


if __name__ == "__main__":
    main()
