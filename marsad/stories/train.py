"""Learn the pair model (:data:`marsad.stories.similarity.FEATURES` → same event / same
storyline) from labelled article pairs.

The labelled pairs (``eval/dev/pairs_gold_*.jsonl``, by ``../shared/guides/same-event.md``)
name SaudiNewsNet records as ``FILE.json#N``. Training digests those files exactly as
``marsad digest`` does up to the stories stage (cleaning, reuse, entities), profiles
every article with the digest's IDF (background blended with the corpus), computes the
pair features of the labelled pairs of the chosen part, and fits two scikit-learn
logistic regressions: ``event`` (gold SAME_EVENT) and ``storyline`` (SAME_EVENT or
SAME_STORY). The coefficients go to a small JSON file (``pair_model.json``), read by
:func:`marsad.stories.similarity.load_scorings` — no pickle, nothing to unpickle.

    marsad train story-pairs eval/dev/pairs_gold_a.jsonl eval/dev/pairs_gold_b.jsonl
"""
from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from marsad.model import Article
from marsad.stories.pairs_eval import GoldPair
from marsad.stories.similarity import (
    CHANNELS,
    EVENT,
    FEATURES,
    STORYLINE,
    StoryContext,
    build_profiles,
    feature_matrix,
    pair_channels,
    pair_features,
)

__all__ = ["LEVELS", "PairTable", "pair_table", "fit_pair_model", "model_json"]

#: level → the gold labels that count as positive.
LEVELS: dict[str, tuple[str, ...]] = {"event": ("SAME_EVENT",), "storyline": ("SAME_EVENT", "SAME_STORY")}
#: level → features left out of its model (weight 0). The meaning channels tell one
#: developing story from another topic, not one happening from the next of its kind:
#: on the tune pairs they add nothing to the cross-validated same-event F1 and the
#: clustered event F1 drops (0.761 → 0.732, BENCHMARKS.md).
EXCLUDED: dict[str, tuple[str, ...]] = {"event": ("semantic", "semantic_lede"), "storyline": ()}


@dataclass(slots=True)
class PairTable:
    """Feature rows of labelled pairs (``FEATURES`` columns) and their gold labels."""

    features: np.ndarray
    labels: list[str]
    pairs: list[GoldPair]


def reference_of(path: str | None, article_id: str) -> str:
    """The ``FILE.json#N`` name of an article's path (its last path component)."""
    return (path or article_id).rsplit("/", 1)[-1]


def pair_table(gold: Sequence[GoldPair], articles: Sequence[Article], context: StoryContext) -> PairTable:
    """Features of the gold pairs whose two articles are among ``articles`` (profiled
    together, with ``context``'s IDF, mentions and reuse links)."""
    row_of = {reference_of(a.path, a.id): k for k, a in enumerate(articles)}
    found = [g for g in gold if g.a in row_of and g.b in row_of]
    left = np.array([row_of[g.a] for g in found], dtype=np.int64)
    right = np.array([row_of[g.b] for g in found], dtype=np.int64)
    needed = sorted(set(left.tolist()) | set(right.tolist()))
    profiles = build_profiles([articles[k] for k in needed], context)
    local = {k: i for i, k in enumerate(needed)}
    left = np.array([local[k] for k in left.tolist()], dtype=np.int64)
    right = np.array([local[k] for k in right.tolist()], dtype=np.int64)
    present = {name: profiles.present(name) for name in CHANNELS}
    reuse = np.array([context.reuse_between(profiles.ids[i], profiles.ids[j]) for i, j in zip(left, right)])
    outlets = profiles.outlets
    features = pair_features(
        pair_channels(profiles, left, right),
        reuse,
        (outlets[left] == outlets[right]) & (outlets[left] >= 0),
        {name: flags[left] for name, flags in present.items()},
        {name: flags[right] for name, flags in present.items()},
    )
    return PairTable(feature_matrix(features), [g.label for g in found], found)


def fit_pair_model(table: PairTable, c: float = 1.0) -> dict[str, tuple[np.ndarray, float]]:
    """level → (weights, bias) of a logistic regression on ``table`` (L2, strength ``c``)."""
    from sklearn.linear_model import LogisticRegression

    fitted = {}
    for level, positive in LEVELS.items():
        y = np.array([label in positive for label in table.labels], dtype=int)
        if y.min() == y.max():
            raise ValueError(f"the labelled pairs have only {'positive' if y[0] else 'negative'} {level} examples")
        used = [k for k, name in enumerate(FEATURES) if name not in EXCLUDED[level]]
        model = LogisticRegression(C=c, max_iter=1000).fit(table.features[:, used], y)
        weights = np.zeros(len(FEATURES))
        weights[used] = model.coef_[0]
        fitted[level] = (weights, float(model.intercept_[0]))
    return fitted


def model_json(fitted: Mapping[str, tuple[np.ndarray, float]], source: Mapping[str, object]) -> str:
    """The ``pair_model.json`` text: features, per level weights/bias and time fading."""
    fading = {"event": EVENT, "storyline": STORYLINE}
    levels = {
        level: {
            "weights": [round(float(w), 5) for w in weights],
            "bias": round(bias, 5),
            "plateau_days": fading[level].plateau_days,
            "decay_days": fading[level].decay_days,
        }
        for level, (weights, bias) in fitted.items()
    }
    return json.dumps({"features": list(FEATURES), "levels": levels, "trained_on": source}, ensure_ascii=False, indent=1) + "\n"


def read_corpus(gold: Sequence[GoldPair], data_dir: Path) -> list[Path]:
    """The data files the gold pairs name (``FILE.json`` under ``data_dir``), in order."""
    names = sorted({ref.split("#", 1)[0] for g in gold for ref in (g.a, g.b)})
    missing = [n for n in names if not (data_dir / n).is_file()]
    if missing:
        raise ValueError(f"{data_dir}: missing {', '.join(missing)} (named by the labelled pairs)")
    return [data_dir / n for n in names]


def story_vector_corpus(
    paths: Sequence[Path], limit: int | None = None, with_lines: bool = True
) -> tuple[list[list[str]], list[tuple[str, ...]]]:
    """Stems per text line (more than two; none unless ``with_lines``) and per article
    (title twice, as the ``terms`` channel counts it) of the articles under ``paths`` —
    the training text of :func:`marsad.stories.semantic.build_semantic`."""
    from marsad.ingest import IngestError, iter_articles
    from marsad.stories.analyze import analyze

    lines: list[list[str]] = []
    documents: list[tuple[str, ...]] = []
    for item in iter_articles(list(paths)):
        if isinstance(item, IngestError):
            continue
        documents.append(analyze(item.title, item.body).terms)
        for line in [] if not with_lines else f"{item.title or ''}\n{item.body}".split("\n"):
            stems = list(analyze(None, line).terms)
            if len(stems) > 2:
                lines.append(stems)
        if limit is not None and len(documents) >= limit:
            break
    if not documents:
        raise ValueError(f"no article text found under {', '.join(map(str, paths))}")
    return lines, documents
