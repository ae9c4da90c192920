"""Evaluation of story clusters and pairwise scores against human judgements.

* Clusters: BCubed precision/recall/F1 (Bagga & Baldwin 1998; Amigó et al. 2009) —
  per item, the share of its predicted cluster that truly belongs with it, and the
  share of its true cluster that was found with it, averaged over items — and the
  adjusted Rand index (scikit-learn). Only items of the gold standard count; a gold
  item the system never clustered is its own singleton.
* Pairs: Pearson and Spearman correlation (SciPy) between a system's scores and
  human ratings.

Pure functions over plain Python data; the CLI (``marsad eval``) reads the files.
"""
from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "ClusterScores",
    "bcubed",
    "adjusted_rand",
    "score_clusters",
    "correlations",
    "read_gold",
    "read_report_clusters",
    "read_pairs",
    "read_report_groups_by_path",
    "stability",
]


@dataclass(slots=True, frozen=True)
class ClusterScores:
    """BCubed precision/recall/F1 and ARI over the gold items."""

    precision: float
    recall: float
    f1: float
    ari: float
    items: int


def _labels(groups: Iterable[Iterable[str]]) -> dict[str, int]:
    labels: dict[str, int] = {}
    for number, group in enumerate(groups):
        for item in group:
            if item in labels and labels[item] != number:
                raise ValueError(f"item {item!r} is in two groups")
            labels[item] = number
    return labels


def bcubed(gold: Sequence[Sequence[str]], predicted: Sequence[Sequence[str]]) -> tuple[float, float, float]:
    """BCubed (precision, recall, F1) of ``predicted`` against ``gold`` (lists of item groups)."""
    truth = _labels(gold)
    if not truth:
        raise ValueError("the gold standard has no items")
    guess = _labels(predicted)
    fallback = max(guess.values(), default=-1) + 1
    pred = {}
    for item in truth:  # unclustered gold items are singletons
        if item in guess:
            pred[item] = guess[item]
        else:
            pred[item] = fallback
            fallback += 1
    by_true: dict[int, set[str]] = {}
    by_pred: dict[int, set[str]] = {}
    for item in truth:
        by_true.setdefault(truth[item], set()).add(item)
        by_pred.setdefault(pred[item], set()).add(item)
    precision = recall = 0.0
    for item in truth:
        same_pred = by_pred[pred[item]]
        same_true = by_true[truth[item]]
        correct = len(same_pred & same_true)
        precision += correct / len(same_pred)
        recall += correct / len(same_true)
    precision /= len(truth)
    recall /= len(truth)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def adjusted_rand(gold: Sequence[Sequence[str]], predicted: Sequence[Sequence[str]]) -> float:
    """Adjusted Rand index over the gold items (``sklearn.metrics.adjusted_rand_score``)."""
    from sklearn.metrics import adjusted_rand_score

    truth = _labels(gold)
    guess = _labels(predicted)
    items = sorted(truth)
    fallback = max(guess.values(), default=-1) + 1
    pred = []
    for item in items:
        if item in guess:
            pred.append(guess[item])
        else:
            pred.append(fallback)
            fallback += 1
    return float(adjusted_rand_score([truth[i] for i in items], pred))


def score_clusters(gold: Sequence[Sequence[str]], predicted: Sequence[Sequence[str]]) -> ClusterScores:
    """All cluster measures at once."""
    precision, recall, f1 = bcubed(gold, predicted)
    return ClusterScores(precision, recall, f1, adjusted_rand(gold, predicted), len(_labels(gold)))


def correlations(system: Sequence[float], human: Sequence[float]) -> tuple[float, float]:
    """(Pearson r, Spearman ρ); NaN when either side is constant or fewer than 2 pairs."""
    from scipy.stats import pearsonr, spearmanr

    if len(system) != len(human):
        raise ValueError("system and human scores differ in length")
    if len(system) < 2 or len(set(system)) < 2 or len(set(human)) < 2:
        return math.nan, math.nan
    return float(pearsonr(system, human)[0]), float(spearmanr(system, human)[0])


# -- files ------------------------------------------------------------------------------


def _load_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ValueError(f"{path}: cannot read ({error})") from None
    except json.JSONDecodeError as error:
        raise ValueError(f"{path}: not JSON ({error.msg} at line {error.lineno})") from None


def _groups(value: Any, path: Path) -> list[list[str]]:
    if isinstance(value, Mapping):  # {"groups": [...]} or {"events": [...]}
        for key in ("groups", "events", "storylines", "clusters"):
            if key in value:
                return _groups(value[key], path)
        raise ValueError(f"{path}: expected a list of article-id groups")
    if not isinstance(value, list):
        raise ValueError(f"{path}: expected a list of article-id groups")
    groups = []
    for number, group in enumerate(value):
        if isinstance(group, Mapping) and "article_ids" in group:
            group = group["article_ids"]
        if not isinstance(group, list) or not all(isinstance(item, str) for item in group):
            raise ValueError(f"{path}: group {number} is not a list of article ids")
        groups.append(group)
    return groups


def read_gold(path: Path) -> list[list[str]]:
    """Gold groups: ``[[id, …], …]`` (or objects with ``article_ids``)."""
    return _groups(_load_json(path), path)


def read_report_clusters(path: Path, level: str = "events") -> list[list[str]]:
    """The article groups of ``report.json``'s ``events`` or ``storylines``."""
    report = _load_json(path)
    if not isinstance(report, Mapping) or level not in report:
        raise ValueError(f"{path}: not a marsad report (no {level!r} list)")
    return _groups(report[level], path)


def read_pairs(path: Path) -> list[tuple[str, str, float]]:
    """``(text1, text2, score)`` per line of a JSONL file; a bad line is a ValueError naming it."""
    pairs = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise ValueError(f"{path}: cannot read ({error})") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            text1, text2, score = record["text1"], record["text2"], float(record["score"])
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as error:
            raise ValueError(f"{path}:{number}: expected {{\"text1\", \"text2\", \"score\"}} ({error})") from None
        if not isinstance(text1, str) or not isinstance(text2, str):
            raise ValueError(f"{path}:{number}: text1 and text2 must be strings")
        pairs.append((text1, text2, score))
    if not pairs:
        raise ValueError(f"{path}: no pairs")
    return pairs


def read_report_groups_by_path(path: Path, level: str = "events") -> list[list[str]]:
    """A report's events (or storylines) as groups of article *paths* (the ``FILE.json#N``
    name), so two reports of overlapping inputs can be compared."""
    report = _load_json(path)
    if not isinstance(report, Mapping) or level not in report or "articles" not in report:
        raise ValueError(f"{path}: not a marsad report (no articles/{level} lists)")
    name = {a["id"]: str(a.get("path") or a["id"]).rsplit("/", 1)[-1] for a in report["articles"]}
    return [[name.get(i, i) for i in group] for group in _groups(report[level], path)]


def stability(alone: Sequence[Sequence[str]], combined: Sequence[Sequence[str]]) -> ClusterScores:
    """How far a digest of more input regroups the articles of a smaller one: BCubed and
    ARI of ``combined``'s groups restricted to ``alone``'s items, against ``alone``."""
    items = {i for group in alone for i in group}
    restricted = [kept for group in combined if (kept := [i for i in group if i in items])]
    return score_clusters(alone, restricted)
