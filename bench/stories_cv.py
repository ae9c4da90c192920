"""Choose the stories thresholds by cross-fitted clustering on the labelled tune pairs.

A threshold chosen on the pairs the pair model was fitted on flatters it. Here each
of K folds of the tune pairs is held out in turn: the pair model
(:func:`marsad.stories.train.fit_pair_model`) is fitted on the other folds, the whole
corpus is clustered with it (events, then storylines over events, as
:func:`marsad.stories.batch.cluster_stories` does) at every threshold pair of the grid,
and the held-out fold's pairs are scored against the clusters. Counts are summed over
folds and seeds; the held-out part of the gold is never read.

The corpus is the digest's earlier stages (cleaning, reuse, entities) of the files the
pairs name, from the pickle ``bench/stories_dev.py --cache`` writes (or computed and
written there when missing).

    python bench/stories_cv.py ../shared/data/saudinewsnet/2015-07-23.json \\
        ../shared/data/saudinewsnet/2015-07-24.json --cache /tmp/ctx.pkl \\
        --grid 0.3,0.45 0.35,0.45 --seeds 3
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.model_selection import StratifiedKFold

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stories_dev import earlier_stages  # noqa: E402

from marsad.stories.batch import EVENT_MERGE, average_linkage_groups, event_graph, event_groups, score_graphs, with_corpus_idf  # noqa: E402
from marsad.stories.pairs_eval import GoldPair, PairScores, read_gold_pairs, read_parts  # noqa: E402
from marsad.stories.similarity import EVENT, STORYLINE, Scoring, StoryContext, build_profiles  # noqa: E402
from marsad.stories.train import LEVELS, PairTable, fit_pair_model, pair_table, reference_of  # noqa: E402


def labels_of(n: int, groups: list[list[int]]) -> np.ndarray:
    """Each of ``n`` members' group number."""
    out = np.empty(n, dtype=np.int64)
    for k, group in enumerate(groups):
        out[group] = k
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--cache", type=Path, default=None, help="Pickle of the earlier stages' output (bench/stories_dev.py).")
    parser.add_argument("--gold", nargs="+", default=["eval/dev/pairs_gold.jsonl"], help="Labelled pair files (the last wins).")
    parser.add_argument("--sample", default="eval/dev/pairs_sample.jsonl")
    parser.add_argument(
        "--grid", nargs="+", default=["0.3,0.45", "0.35,0.45"],
        help="EVENT,STORYLINE[,MERGE] thresholds (MERGE: the events' best-match merge, default EVENT_MERGE; above 1: none).",
    )
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seeds", type=int, default=1)
    parser.add_argument("--c", type=float, default=1.0, help="Inverse L2 strength of the logistic models.")
    args = parser.parse_args()

    articles, mentions, reuse = earlier_stages(args.files, args.cache)
    gold = [g for g in read_gold_pairs([Path(p) for p in args.gold], read_parts(Path(args.sample))) if g.part == "tune"]
    context = with_corpus_idf(articles, StoryContext.of(mentions, reuse))
    table = pair_table(gold, articles, context)
    profiles = build_profiles(articles, context)
    row = {reference_of(a.path, a.id): k for k, a in enumerate(articles)}
    grid = [tuple(float(x) for x in (item.split(",") + [str(EVENT_MERGE)])[:3]) for item in args.grid]
    labels = np.array(table.labels)
    held_out: list[GoldPair] = []  # every fold's held pairs, in the order they are decided
    decided: dict[tuple[float, float, float], tuple[list[bool], list[bool]]] = {g: ([], []) for g in grid}
    for seed in range(args.seeds):
        for train, test in StratifiedKFold(args.folds, shuffle=True, random_state=seed).split(labels, labels):
            fitted = fit_pair_model(PairTable(table.features[train], [table.labels[i] for i in train], [table.pairs[i] for i in train]), args.c)
            scorings = (
                Scoring(tuple(fitted["event"][0]), fitted["event"][1], EVENT.plateau_days, EVENT.decay_days),
                Scoring(tuple(fitted["storyline"][0]), fitted["storyline"][1], STORYLINE.plateau_days, STORYLINE.decay_days),
            )
            event_scores, story_scores = score_graphs(profiles, context, scorings)
            held = [table.pairs[i] for i in test]
            held_out += held
            left = np.array([row[g.a] for g in held])
            right = np.array([row[g.b] for g in held])
            by_event: dict[tuple[float, float], tuple[np.ndarray, sp.csr_matrix]] = {}  # each article's event, the event graph
            for event_threshold, story_threshold, merge in grid:
                if (event_threshold, merge) not in by_event:
                    events = event_groups(event_scores, event_threshold, merge)
                    by_event[(event_threshold, merge)] = (labels_of(len(profiles), events), event_graph(story_scores, events))
                event_of, graph = by_event[(event_threshold, merge)]
                story_of = labels_of(graph.shape[0], average_linkage_groups(graph, story_threshold))
                same_event, same_story = decided[(event_threshold, story_threshold, merge)]
                same_event += (event_of[left] == event_of[right]).tolist()
                same_story += (story_of[event_of[left]] == story_of[event_of[right]]).tolist()
    truth_event = [g.label in LEVELS["event"] for g in held_out]
    truth_story = [g.label in LEVELS["storyline"] for g in held_out]
    topic = [g.label == "SAME_TOPIC" for g in held_out]
    print(f"{len(table.labels)} tune pairs, {args.folds} folds x {args.seeds} seeds (held-out fold's pairs, model fitted on the others)")
    for (event_threshold, story_threshold, merge), (same_event, same_story) in decided.items():
        events = PairScores.of(truth_event, same_event)
        stories = PairScores.of(truth_story, same_story)
        apart = [not s for s, t in zip(same_story, topic) if t]
        print(
            f"event {event_threshold:g} storyline {story_threshold:g} merge {merge:g}: events P {events.precision:.3f} R {events.recall:.3f} "
            f"F1 {events.f1:.3f} | storylines P {stories.precision:.3f} R {stories.recall:.3f} F1 {stories.f1:.3f} | "
            f"same-topic kept apart {sum(apart) / max(1, len(apart)):.3f}"
        )


if __name__ == "__main__":
    main()
