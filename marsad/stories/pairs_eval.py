"""Pairwise evaluation of a report's events and storylines against labelled article pairs.

Gold pairs follow ``../shared/guides/same-event.md``: each row names two articles
(``a``, ``b`` as ``FILE.json#N``) and a ``label`` — SAME_EVENT, SAME_STORY,
SAME_TOPIC or UNRELATED. A report says "same event" when both articles are in one of
its ``events`` and "same storyline" when both are in one of its ``storylines``. The
measures:

* events: pairwise precision/recall/F1 of "same event" against gold SAME_EVENT;
* storylines: the same against gold SAME_EVENT or SAME_STORY;
* topic kept apart: the share of gold SAME_TOPIC pairs in different storylines.

Gold articles are matched to report articles by ``path`` suffix (a report path
``/data/2015-07-23.json#5`` matches ``2015-07-23.json#5``). Pure functions over
plain data; the CLI (``marsad eval event-pairs``) reads the files.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "LABELS",
    "GoldPair",
    "PairScores",
    "EventPairScores",
    "read_gold_pairs",
    "read_parts",
    "ReportMembership",
    "score_event_pairs",
]

LABELS = ("SAME_EVENT", "SAME_STORY", "SAME_TOPIC", "UNRELATED")


@dataclass(slots=True, frozen=True)
class GoldPair:
    """One labelled article pair (``a``/``b`` are ``FILE.json#N`` references)."""

    a: str
    b: str
    label: str
    part: str | None = None

    @property
    def key(self) -> tuple[str, str]:
        return pair_key(self.a, self.b)


def pair_key(a: str, b: str) -> tuple[str, str]:
    """The order-free key of a pair."""
    return (a, b) if a <= b else (b, a)


@dataclass(slots=True, frozen=True)
class PairScores:
    """Pairwise precision/recall/F1 of one decision (``tp``/``fp``/``fn`` counts kept)."""

    precision: float
    recall: float
    f1: float
    tp: int
    fp: int
    fn: int

    @classmethod
    def of(cls, truth: Sequence[bool], guess: Sequence[bool]) -> "PairScores":
        tp = sum(t and g for t, g in zip(truth, guess))
        fp = sum(g and not t for t, g in zip(truth, guess))
        fn = sum(t and not g for t, g in zip(truth, guess))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return cls(precision, recall, f1, tp, fp, fn)


@dataclass(slots=True, frozen=True)
class EventPairScores:
    """All measures over the gold pairs found in the report."""

    pairs: int
    missing: int  # gold pairs with an article the report does not contain
    events: PairScores
    storylines: PairScores
    topic_pairs: int
    topic_kept_apart: float | None  # None when no SAME_TOPIC pair was found
    labels: dict[str, int]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _read_jsonl(path: Path) -> list[tuple[int, dict[str, Any]]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise ValueError(f"{path}: cannot read ({error})") from None
    rows = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise ValueError(f"{path}:{number}: not JSON ({error.msg})") from None
        if not isinstance(record, dict):
            raise ValueError(f"{path}:{number}: expected a JSON object")
        rows.append((number, record))
    return rows


def read_parts(path: Path) -> dict[tuple[str, str], str]:
    """``pair key → part`` (tune|heldout) from a sample file (rows with ``a``, ``b``, ``part``)."""
    parts = {}
    for number, record in _read_jsonl(path):
        a, b, part = record.get("a"), record.get("b"), record.get("part")
        if isinstance(a, str) and isinstance(b, str) and isinstance(part, str):
            parts[pair_key(a, b)] = part
    return parts


def read_gold_pairs(paths: Sequence[Path], parts: Mapping[tuple[str, str], str] | None = None) -> list[GoldPair]:
    """Gold pairs of several files; a pair labelled in several files keeps the last file's label.

    A row's own ``part`` wins over ``parts`` (the sample's split). A row with an
    unknown label or without ``a``/``b`` is a ValueError naming its file and line.
    """
    gold: dict[tuple[str, str], GoldPair] = {}
    for path in paths:
        for number, record in _read_jsonl(path):
            a, b, label = record.get("a"), record.get("b"), record.get("label")
            if not isinstance(a, str) or not isinstance(b, str):
                raise ValueError(f"{path}:{number}: expected \"a\" and \"b\" article references")
            if label not in LABELS:
                raise ValueError(f"{path}:{number}: label {label!r} is not one of {', '.join(LABELS)}")
            key = pair_key(a, b)
            part = record.get("part") if isinstance(record.get("part"), str) else (parts or {}).get(key)
            gold[key] = GoldPair(key[0], key[1], label, part)
    if not gold:
        raise ValueError(f"{', '.join(map(str, paths))}: no labelled pairs")
    return list(gold.values())


@dataclass(slots=True)
class ReportMembership:
    """Which event and storyline each report article is in, found by path suffix."""

    by_path: dict[str, str]  # report path → article id
    event_of: dict[str, str]
    storyline_of: dict[str, str]

    @classmethod
    def of(cls, report: Mapping[str, Any]) -> "ReportMembership":
        by_path = {str(a.get("path") or a["id"]): a["id"] for a in report.get("articles", [])}
        event_of = {i: e["id"] for e in report.get("events", []) for i in e.get("article_ids", [])}
        storyline_of = {i: s["id"] for s in report.get("storylines", []) for i in s.get("article_ids", [])}
        return cls(by_path, event_of, storyline_of)

    @classmethod
    def read(cls, path: Path) -> "ReportMembership":
        try:
            report = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as error:
            raise ValueError(f"{path}: cannot read ({error})") from None
        except json.JSONDecodeError as error:
            raise ValueError(f"{path}: not JSON ({error.msg} at line {error.lineno})") from None
        if not isinstance(report, Mapping) or "articles" not in report or "events" not in report:
            raise ValueError(f"{path}: not a marsad report (no articles/events)")
        return cls.of(report)

    def resolve(self, references: Iterable[str]) -> dict[str, str]:
        """``reference → article id`` for the references some report path ends with."""
        wanted = set(references)
        found: dict[str, str] = {}
        for path, article_id in self.by_path.items():
            name = path.rsplit("/", 1)[-1]
            if name in wanted:
                found[name] = article_id
            elif path in wanted:
                found[path] = article_id
        return found

    def same(self, level: Mapping[str, str], a: str, b: str) -> bool:
        first, second = level.get(a), level.get(b)
        return first is not None and first == second


def score_event_pairs(gold: Sequence[GoldPair], membership: ReportMembership, part: str = "all") -> EventPairScores:
    """The measures over the gold pairs of ``part`` (``all`` for every pair) found in the report."""
    chosen = [g for g in gold if part == "all" or g.part == part]
    ids = membership.resolve({r for g in chosen for r in (g.a, g.b)})
    found = [g for g in chosen if g.a in ids and g.b in ids]
    same_event = [membership.same(membership.event_of, ids[g.a], ids[g.b]) for g in found]
    same_story = [membership.same(membership.storyline_of, ids[g.a], ids[g.b]) for g in found]
    events = PairScores.of([g.label == "SAME_EVENT" for g in found], same_event)
    storylines = PairScores.of([g.label in ("SAME_EVENT", "SAME_STORY") for g in found], same_story)
    topic = [not s for g, s in zip(found, same_story) if g.label == "SAME_TOPIC"]
    labels = {label: sum(g.label == label for g in found) for label in LABELS}
    return EventPairScores(
        pairs=len(found),
        missing=len(chosen) - len(found),
        events=events,
        storylines=storylines,
        topic_pairs=len(topic),
        topic_kept_apart=(sum(topic) / len(topic)) if topic else None,
        labels=labels,
    )
