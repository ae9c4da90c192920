"""CoNLL-style ``token TAG`` files and entity-level scoring of BIO tag sequences.

The ANERcorp release (CAMeL Lab split) is one ``token TAG`` pair per line with a blank
line between sentences; tags are BIO over PERS/ORG/LOC/MISC. marsad calls persons
``PER`` (see :data:`marsad.model.EntityType`), so :func:`parse_conll` maps ``PERS`` →
``PER`` on the way in.

Scoring follows conlleval, the script every published ANERcorp figure uses: an entity
is a maximal chunk of one type; it starts at ``B-X``, or at ``I-X`` when the previous
tag is ``O`` or of another type (a stray ``I-`` is not thrown away), and a predicted
entity counts only when its start, end and type all equal a gold entity's.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

__all__ = [
    "ConllError",
    "TaggedSentence",
    "parse_conll",
    "normalize_tag",
    "chunks",
    "TypeScore",
    "Scores",
    "score",
    "format_scores",
]

_TYPE_ALIASES = {"PERS": "PER", "PERSON": "PER", "ORGANIZATION": "ORG", "LOCATION": "LOC", "GPE": "LOC"}


class ConllError(ValueError):
    """A malformed line in a ``token TAG`` file (the message names the line)."""


@dataclass(slots=True)
class TaggedSentence:
    """Tokens of one sentence and their BIO tags (same length)."""

    tokens: list[str]
    tags: list[str]


def normalize_tag(tag: str) -> str:
    """``B-PERS`` → ``B-PER``; ``O`` stays; other types pass through upper-cased."""
    if tag == "O":
        return tag
    prefix, sep, kind = tag.partition("-")
    if not sep or prefix not in ("B", "I") or not kind:
        raise ValueError(f"not a BIO tag: {tag!r}")
    kind = kind.upper()
    return f"{prefix}-{_TYPE_ALIASES.get(kind, kind)}"


def parse_conll(lines: Iterable[str], source: str = "<input>") -> list[TaggedSentence]:
    """Sentences of a ``token TAG`` text (blank lines separate sentences).

    A line must hold exactly two whitespace-separated fields, the second a BIO tag;
    anything else raises :class:`ConllError` naming ``source`` and the line number.
    """
    sentences: list[TaggedSentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    for number, line in enumerate(lines, 1):
        fields = line.split()
        if not fields:
            if tokens:
                sentences.append(TaggedSentence(tokens, tags))
                tokens, tags = [], []
            continue
        if len(fields) != 2:
            raise ConllError(f"{source}:{number}: expected 'token TAG', got {line.rstrip()!r}")
        try:
            tag = normalize_tag(fields[1])
        except ValueError as exc:
            raise ConllError(f"{source}:{number}: {exc}") from None
        tokens.append(fields[0])
        tags.append(tag)
    if tokens:
        sentences.append(TaggedSentence(tokens, tags))
    return sentences


def chunks(tags: Sequence[str]) -> list[tuple[str, int, int]]:
    """Entities ``(type, start, end)`` (token indexes, end exclusive) of a BIO sequence,
    with conlleval's rules for where a chunk starts and ends."""
    if tags.count("O") == len(tags):  # most sentences of news name nothing
        return []
    found: list[tuple[str, int, int]] = []
    kind: str | None = None
    start = 0
    for i, tag in enumerate(tags):
        if tag == "O":
            prefix, this = "O", None
        else:
            prefix, _, this = tag.partition("-")
        begins = this is not None and (prefix == "B" or this != kind)
        if kind is not None and (this != kind or begins):
            found.append((kind, start, i))
            kind = None
        if begins:
            kind, start = this, i
    if kind is not None:
        found.append((kind, start, len(tags)))
    return found


@dataclass(slots=True)
class TypeScore:
    """Counts and precision/recall/F1 of one entity type (or of all of them)."""

    gold: int = 0
    predicted: int = 0
    correct: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class Scores:
    """Entity-level scores per type and overall (micro-averaged, as conlleval)."""

    overall: TypeScore = field(default_factory=TypeScore)
    by_type: dict[str, TypeScore] = field(default_factory=dict)


def score(gold: Iterable[Sequence[str]], predicted: Iterable[Sequence[str]]) -> Scores:
    """Exact-span entity scores of predicted tag sequences against gold ones.

    Sequences are compared pairwise (one per sentence) and must have equal lengths.
    """
    result = Scores()
    for number, (g, p) in enumerate(zip(gold, predicted, strict=True)):
        if len(g) != len(p):
            raise ValueError(f"sentence {number}: {len(g)} gold tags but {len(p)} predicted")
        gold_chunks = set(chunks(g))
        pred_chunks = set(chunks(p))
        for kind, *_ in gold_chunks:
            result.by_type.setdefault(kind, TypeScore()).gold += 1
        for kind, *_ in pred_chunks:
            result.by_type.setdefault(kind, TypeScore()).predicted += 1
        for kind, *_ in gold_chunks & pred_chunks:
            result.by_type[kind].correct += 1
        result.overall.gold += len(gold_chunks)
        result.overall.predicted += len(pred_chunks)
        result.overall.correct += len(gold_chunks & pred_chunks)
    return result


def format_scores(scores: Scores) -> str:
    """Per-type lines, then the last line ``overall precision P recall R F1 F``."""
    lines = [
        f"{kind:<5} precision {s.precision:.4f} recall {s.recall:.4f} F1 {s.f1:.4f} "
        f"(gold {s.gold}, predicted {s.predicted}, correct {s.correct})"
        for kind, s in sorted(scores.by_type.items())
    ]
    o = scores.overall
    lines.append(f"overall precision {o.precision:.4f} recall {o.recall:.4f} F1 {o.f1:.4f}")
    return "\n".join(lines)
