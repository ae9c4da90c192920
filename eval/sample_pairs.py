"""Sample article pairs for the same-event development set (issue 14).

Reads a marsad digest of some SaudiNewsNet days (``report.json``) and draws pairs across
the whole range of similarity, as ``../shared/guides/same-event.md`` asks: pairs the
system puts in one event, pairs it puts in one storyline but different events, and pairs
it keeps apart, banded by a plain TF-IDF cosine of the clean texts (a measure that is not
marsad's own score, so the bands do not inherit its blind spots). About 80% of each
stratum is cross-outlet; near-copies (reuse containment ≥ 0.8) are capped at a fifth of
the system's same-event pairs; an article appears in at most three pairs. Each pair gets
``part`` tune (75%) or heldout.

    marsad digest ../shared/data/saudinewsnet/2015-07-23.json ../shared/data/saudinewsnet/2015-07-24.json --out OUT
    python eval/sample_pairs.py OUT/report.json --seed 14 > eval/dev/pairs_sample.jsonl
"""
from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

#: stratum → number of pairs. ``event``/``storyline``: the system's groupings;
#: ``apart_*``: different storylines, by TF-IDF cosine band.
STRATA = {"event": 90, "storyline": 60, "apart_high": 50, "apart_mid": 60, "apart_low": 50, "apart_vlow": 30}
BANDS = {"apart_high": (0.35, 1.01), "apart_mid": (0.2, 0.35), "apart_low": (0.1, 0.2), "apart_vlow": (0.04, 0.1)}


def record_name(path: str) -> str:
    """``../shared/data/saudinewsnet/2015-07-23.json#12`` → ``2015-07-23.json#12``."""
    return Path(path).name


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", type=Path)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--heldout", type=float, default=0.25)
    args = parser.parse_args()
    report = json.loads(args.report.read_text(encoding="utf-8"))
    articles = [a for a in report["articles"] if a.get("paragraphs")]
    index = {a["id"]: i for i, a in enumerate(articles)}
    outlet = [a.get("outlet") for a in articles]
    event_of: dict[int, str] = {}
    for event in report["events"]:
        for aid in event["article_ids"]:
            if aid in index:
                event_of[index[aid]] = event["id"]
    story_of: dict[int, str] = {}
    for story in report["storylines"]:
        for aid in story["article_ids"]:
            if aid in index:
                story_of[index[aid]] = story["id"]
    reuse = {}
    for link in report["reuse"]:
        if link["a"] in index and link["b"] in index:
            key = tuple(sorted((index[link["a"]], index[link["b"]])))
            reuse[key] = max(link["containment_a"], link["containment_b"])

    texts = [(a.get("title") or "") + "\n" + "\n".join(a["paragraphs"]) for a in articles]
    matrix = TfidfVectorizer(sublinear_tf=True, min_df=2, max_df=0.3).fit_transform(texts)
    cosine = (matrix @ matrix.T).tocoo()
    candidates: dict[str, list[tuple[int, int, float]]] = {name: [] for name in STRATA}
    for i, j, value in zip(cosine.row, cosine.col, cosine.data):
        if i >= j or value < 0.04:
            continue
        i, j = int(i), int(j)
        if texts[i] == texts[j]:
            continue
        if event_of.get(i) is not None and event_of.get(i) == event_of.get(j):
            candidates["event"].append((i, j, float(value)))
        elif story_of.get(i) is not None and story_of.get(i) == story_of.get(j):
            candidates["storyline"].append((i, j, float(value)))
        else:
            for name, (low, high) in BANDS.items():
                if low <= value < high:
                    candidates[name].append((i, j, float(value)))

    rng = random.Random(args.seed)
    used: Counter[int] = Counter()
    chosen: list[dict] = []
    for name, wanted in STRATA.items():
        pool = candidates[name]
        rng.shuffle(pool)
        cross = [p for p in pool if outlet[p[0]] != outlet[p[1]]]
        same = [p for p in pool if outlet[p[0]] == outlet[p[1]]]
        taken: list[tuple[int, int, float]] = []
        copies = 0
        for group, quota in ((cross, round(wanted * 0.8)), (same, wanted)):
            for i, j, value in group:
                if len(taken) >= quota or len(taken) >= wanted:
                    break
                if used[i] >= 3 or used[j] >= 3:
                    continue
                near_copy = reuse.get((i, j), 0.0) >= 0.8
                if near_copy and copies >= wanted // 5:
                    continue
                copies += near_copy
                used[i] += 1
                used[j] += 1
                taken.append((i, j, value))
        for i, j, value in taken:
            chosen.append({
                "a": record_name(articles[i]["path"]), "b": record_name(articles[j]["path"]),
                "stratum": name, "tfidf": round(value, 3), "reuse": round(reuse.get((i, j), 0.0), 3),
                "outlets": [outlet[i], outlet[j]],
            })
    rng.shuffle(chosen)
    for number, row in enumerate(chosen):
        row["pair"] = number
        row["part"] = "heldout" if rng.random() < args.heldout else "tune"
        print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
