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

A second stratum, ``developing`` (appended rows, the first 340 untouched): pairs of the
same days that the system puts in *different* storylines yet that share a rare, bursty
anchor — a named entity, or two or more terms, that at least two outlets use within these
days and that the background (all SaudiNewsNet) rarely uses. They hold the contrast
between a developing story's different events (SAME_STORY) and one topic's (SAME_TOPIC),
which the first sample barely has. It reads the stories-stage output and the cached
earlier stages of ``bench/stories_dev.py``:

    python bench/stories_dev.py ../shared/data/saudinewsnet/2015-07-23.json ../shared/data/saudinewsnet/2015-07-24.json --cache CTX.pkl --out DEV
    python eval/sample_pairs.py DEV-all.json --developing 100 --cache CTX.pkl --seed 15 --start 340 >> eval/dev/pairs_sample.jsonl
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
    parser.add_argument("--developing", type=int, default=0, help="draw this many anchor-sharing pairs from different storylines instead")
    parser.add_argument("--cache", type=Path, help="earlier-stage pickle of bench/stories_dev.py (with --developing)")
    parser.add_argument("--start", type=int, default=0, help="first pair number (with --developing)")
    parser.add_argument("--exclude", type=Path, default=Path(__file__).parent / "dev" / "pairs_sample.jsonl")
    args = parser.parse_args()
    if args.developing:
        developing(args)
        return
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


#: An anchor term: corpus document frequency within [2, ANCHOR_MAX_DF], at least two
#: outlets, and at least BURST times the count the background rate predicts.
ANCHOR_MAX_DF = 15
BURST = 5.0


def anchors_of(articles: list, mentions: list) -> tuple[list[set[str]], dict[str, str]]:
    """Each article's rare, bursty anchors (``t:STEM`` terms, ``e:ENTITY`` entities) and
    a readable name of each entity anchor (its first mention's words). An entity is rare
    if at most ANCHOR_MAX_DF articles of at least two outlets name it."""
    import math

    from marsad.stories.analyze import analyze, stem_word
    from marsad.stories.idf import hasher, load_idf

    background = load_idf()
    background_df = np.exp(math.log(background.documents + 1) + 1 - background.idf.astype(np.float64)) - 1
    terms = [set(analyze(a.title, a.clean_text or a.body).terms) for a in articles]
    index = {a.id: i for i, a in enumerate(articles)}
    names: list[set[str]] = [set() for _ in articles]
    shown: dict[str, str] = {}
    for mention in mentions:
        if mention.article_id in index and len(mention.text) >= 3:
            key = "e:" + (mention.entity_id or mention.text)
            names[index[mention.article_id]].add(key)
            shown.setdefault(key, mention.text)
    keys = [{"t:" + t for t in ts} | ns for ts, ns in zip(terms, names)]
    df: Counter[str] = Counter(k for ks in keys for k in ks)
    outlets: dict[str, set] = {}
    for article, ks in zip(articles, keys):
        for k in ks:
            if df[k] <= ANCHOR_MAX_DF:
                outlets.setdefault(k, set()).add(article.outlet)
    rare = {k for k, n in df.items() if 2 <= n <= ANCHOR_MAX_DF and len(outlets.get(k, ())) >= 2}
    stems = sorted(k for k in rare if k.startswith("t:"))
    buckets = hasher().transform([[k[2:]] for k in stems]).tocsr().indices
    expected = background_df[buckets] * len(articles) / background.documents
    bursty = {k for k, e in zip(stems, expected) if df[k] >= BURST * max(e, 0.5)}
    # a one-word name (أحمد, الوطن) is an anchor only where its word is a bursty term
    rare = {k for k in rare if k.startswith("e:") and (" " in shown[k].strip() or "t:" + stem_word(shown[k].strip()) in bursty)} | bursty
    return [ks & rare for ks in keys], shown


def developing(args: argparse.Namespace) -> None:
    """Print ``args.developing`` pairs in different storylines that share an anchor."""
    import pickle

    report = json.loads(args.report.read_text(encoding="utf-8"))
    with args.cache.open("rb") as handle:
        articles, mentions, _ = pickle.load(handle)
    story_of = {aid: s["id"] for s in report["storylines"] for aid in s["article_ids"]}
    seen = set()
    if args.exclude and args.exclude.exists():
        for line in args.exclude.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row.get("pair", 0) < args.start:  # the rows before this stratum
                seen.add(frozenset((row["a"], row["b"])))
    anchors, shown = anchors_of(articles, mentions)
    holders: dict[str, list[int]] = {}
    for i, ks in enumerate(anchors):
        for k in ks:
            holders.setdefault(k, []).append(i)
    shared: dict[tuple[int, int], list[str]] = {}
    for k, items in holders.items():
        for x in range(len(items)):
            for y in range(x + 1, len(items)):
                shared.setdefault((items[x], items[y]), []).append(k)
    pool = []
    for (i, j), ks in sorted(shared.items()):
        a, b = articles[i], articles[j]
        if story_of.get(a.id) == story_of.get(b.id) or (a.clean_text or a.body) == (b.clean_text or b.body):
            continue
        if frozenset((record_name(a.path), record_name(b.path))) in seen:
            continue
        if any(k.startswith("e:") for k in ks) or len(ks) >= 2:
            pool.append((i, j, sorted(ks)))
    rng = random.Random(args.seed)
    rng.shuffle(pool)
    # half from pairs sharing two or more anchors (more often one story), half from the rest
    strong = [p for p in pool if len(p[2]) >= 2]
    weak = [p for p in pool if len(p[2]) < 2]
    used: Counter[int] = Counter()
    taken: list[tuple[int, int, list[str]]] = []
    for group, wanted in ((strong, args.developing // 2), (weak, args.developing - args.developing // 2)):
        got: list[tuple[int, int, list[str]]] = []
        for cross_only in (True, False):
            for i, j, ks in group:
                if len(got) >= (round(wanted * 0.8) if cross_only else wanted):
                    break
                if (articles[i].outlet == articles[j].outlet) == cross_only or used[i] >= 2 or used[j] >= 2:
                    continue
                used[i] += 1
                used[j] += 1
                got.append((i, j, ks))
        taken.extend(got)
    rng.shuffle(taken)
    heldout = set(rng.sample(range(len(taken)), round(len(taken) * args.heldout)))
    for number, (i, j, ks) in enumerate(taken):
        print(json.dumps({
            "a": record_name(articles[i].path), "b": record_name(articles[j].path), "stratum": "developing",
            "anchors": [shown.get(k, k[2:]) for k in ks][:6], "outlets": [articles[i].outlet, articles[j].outlet],
            "pair": args.start + number, "part": "heldout" if number in heldout else "tune",
        }, ensure_ascii=False))

if __name__ == "__main__":
    main()
