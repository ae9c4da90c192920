"""What each evidence channel of the story score adds, on the seeds.

The seeds hold one two-article event (000, 001: the same press conference) and three
single-article events of the same storyline. For each channel set, the event score of
the same-event pair, the highest score of a different-event pair (the margin between
them is what a threshold can use), and the lowest storyline score among all pairs.

    .venv/bin/python bench/stories_ablation.py ../shared/seeds
"""
from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import numpy as np

from marsad.ingest import IngestError, iter_articles
from marsad.stories.pair import stage_context
from marsad.stories.similarity import EVENT, FEATURES, STORYLINE, Scoring, block_scores, build_profiles

TEXT = {"terms", "title", "lede", "rare", "same_outlet", "no_title"}
VARIANTS = {
    "text only (terms, title, lede, rare names)": TEXT,
    "+ entities, places": TEXT | {"entities", "places", "entities_conflict", "places_conflict"},
    "+ numbers + quotes": TEXT | {"entities", "places", "entities_conflict", "places_conflict", "numbers", "numbers_conflict", "quotes"},
    "+ reuse (all)": set(FEATURES),
}


def keeping(scoring: Scoring, keep: set[str]) -> Scoring:
    """``scoring`` with the weights of the features not in ``keep`` set to 0."""
    weights = tuple(w if name in keep else 0.0 for name, w in zip(FEATURES, scoring.weights))
    return dataclasses.replace(scoring, weights=weights)


def main() -> int:
    seeds = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/seeds")
    articles = [a for a in iter_articles([seeds]) if not isinstance(a, IngestError)]
    prepared, context = stage_context(articles, skip=frozenset({"quotes", "timeline"}))
    names = [Path(a.path).name[:3] for a in prepared]
    profiles = build_profiles(prepared, context)
    same = (names.index("000"), names.index("001"))
    print("| channels | same event (000–001) | best other pair | margin | lowest storyline pair |")
    print("|---|---|---|---|---|")
    for label, keep in VARIANTS.items():
        event, storyline = block_scores(profiles, profiles, context, (keeping(EVENT, keep), keeping(STORYLINE, keep)))
        mask = ~np.eye(len(names), dtype=bool)
        mask[same] = mask[same[::-1]] = False
        other = float(event[mask].max())
        low = float(storyline[~np.eye(len(names), dtype=bool)].min())
        print(f"| {label} | {event[same]:.3f} | {other:.3f} | {event[same] - other:+.3f} | {low:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
