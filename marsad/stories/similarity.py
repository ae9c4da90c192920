"""How alike two news articles are, as the story clusterer sees it.

Each article becomes a :class:`Profiles` row: four sparse channels, each L2-normalized
so that a row dot product is a cosine in [0, 1] —

* ``terms``: light-stemmed TF-IDF (sublinear tf × background IDF, :mod:`.idf`);
* ``entities``: named entities from the entities stage (entity id, or the normalized
  mention when it has none), weighted by how rare their words are — "السعودية" is in
  every Saudi article, "بوريفسورين" names one press conference;
* ``numbers``: identifying numbers (IDF-weighted);
* ``quotes``: word 3-grams of quoted speech;

plus the publication day and, between two articles, the reuse stage's containment.

The channels are evidence *for* sameness, and the absence of a quote is no evidence
against it, so they combine as a noisy-OR, ``1 − Π(1 − w_c · s_c)``, then fade with
the distance in days (no fading while the gap is within ``plateau_days``; unknown
dates do not fade). Two :class:`Scoring` presets exist: :data:`EVENT` (one happening:
tight in time, quotes and reuse count) and :data:`STORYLINE` (related happenings over
weeks: shared actors and topic). :func:`article_similarity` is the event score, the
number ``marsad similarity`` prints and the clusterers threshold.
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction import FeatureHasher

from marsad.arabic.tokenize import words
from marsad.model import Article, Mention, Reuse
from marsad.stories.analyze import analyze
from marsad.stories.idf import N_FEATURES, IdfTable, hasher, load_idf, number_key

__all__ = [
    "Scoring",
    "EVENT",
    "STORYLINE",
    "Profiles",
    "StoryContext",
    "build_profiles",
    "pair_scores",
    "block_scores",
    "article_similarity",
    "day_number",
]

CHANNELS = ("terms", "entities", "numbers", "quotes")


@dataclass(frozen=True, slots=True)
class Scoring:
    """Weights of the noisy-OR and the time fading of one level (event or storyline)."""

    terms: float
    entities: float
    numbers: float
    quotes: float
    reuse: float
    plateau_days: float
    decay_days: float

    def window_days(self) -> float:
        """Beyond this gap the time factor is below e⁻⁴ (≈ 0.02): never worth comparing."""
        return self.plateau_days + 4 * self.decay_days


#: One happening: reported the same or the next day; shared quotes and copied text
#: are strong evidence.
EVENT = Scoring(terms=1.0, entities=0.2, numbers=0.3, quotes=0.5, reuse=0.6, plateau_days=1.0, decay_days=1.5)
#: Related happenings over days or weeks: the same actors and topic.
STORYLINE = Scoring(terms=1.0, entities=0.35, numbers=0.1, quotes=0.2, reuse=0.3, plateau_days=35.0, decay_days=14.0)


def day_number(iso: str | None) -> float:
    """Day ordinal of an ISO date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``); NaN when unknown.

    Only day-precise dates count: a bare month or year is too vague to place an event.
    """
    if not iso or len(iso) < 10:
        return math.nan
    try:
        return float(date.fromisoformat(iso[:10]).toordinal())
    except ValueError:
        return math.nan


@dataclass(slots=True)
class Profiles:
    """Channel matrices of ``n`` articles (rows L2-normalized) and their days."""

    ids: list[str]
    terms: sp.csr_matrix
    entities: sp.csr_matrix
    numbers: sp.csr_matrix
    quotes: sp.csr_matrix
    days: np.ndarray

    def __len__(self) -> int:
        return len(self.ids)

    def rows(self, index: Sequence[int] | np.ndarray) -> "Profiles":
        """The profiles of the given rows, in that order."""
        index = np.asarray(index, dtype=np.int64)
        return Profiles(
            [self.ids[i] for i in index],
            self.terms[index],
            self.entities[index],
            self.numbers[index],
            self.quotes[index],
            self.days[index],
        )

    @staticmethod
    def stack(parts: Sequence["Profiles"]) -> "Profiles":
        """Rows of several profile sets, one after the other."""
        return Profiles(
            [i for p in parts for i in p.ids],
            sp.vstack([p.terms for p in parts], format="csr"),
            sp.vstack([p.entities for p in parts], format="csr"),
            sp.vstack([p.numbers for p in parts], format="csr"),
            sp.vstack([p.quotes for p in parts], format="csr"),
            np.concatenate([p.days for p in parts]),
        )


@dataclass(slots=True)
class StoryContext:
    """What the scorer knows beyond two texts: entity mentions and reuse links."""

    mentions: Mapping[str, Sequence[Mention]] = field(default_factory=dict)
    reuse: Mapping[tuple[str, str], float] = field(default_factory=dict)
    idf: IdfTable | None = None
    #: ``reuse`` as adjacency lists: article id → [(other id, containment)].
    links: Mapping[str, Sequence[tuple[str, float]]] = field(default_factory=dict)

    @classmethod
    def of(cls, mentions: Sequence[Mention] = (), reuse: Sequence[Reuse] = (), idf: IdfTable | None = None) -> "StoryContext":
        """Index the entities stage's mentions per article and reuse links per pair."""
        by_article: dict[str, list[Mention]] = {}
        for mention in mentions:
            by_article.setdefault(mention.article_id, []).append(mention)
        links: dict[tuple[str, str], float] = {}
        for link in reuse:
            strength = max(link.containment_a, link.containment_b)
            for key in ((link.a, link.b), (link.b, link.a)):
                links[key] = max(strength, links.get(key, 0.0))
        adjacency: dict[str, list[tuple[str, float]]] = {}
        for (a, b), strength in links.items():
            adjacency.setdefault(a, []).append((b, strength))
        return cls(by_article, links, idf, adjacency)

    def table(self) -> IdfTable:
        return self.idf if self.idf is not None else load_idf()

    def reuse_between(self, a: str, b: str) -> float:
        return self.reuse.get((a, b), 0.0)


#: Hashes ``(key, weight)`` rows (entities) into the same space as the other channels.
_PAIR_HASHER = FeatureHasher(n_features=N_FEATURES, input_type="pair", alternate_sign=False)


def _l2(matrix: sp.csr_matrix) -> sp.csr_matrix:
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms) @ matrix)


def _entity_pairs(mentions: Sequence[Mention], table: IdfTable) -> list[tuple[str, float]]:
    """``(key, weight)`` per distinct entity: weight = mean IDF of its words / max IDF."""
    seen: dict[str, float] = {}
    for mention in mentions:
        tokens = words(mention.text)
        key = "e:" + (mention.entity_id or " ".join(tokens))
        if key in seen or not tokens:
            continue
        idf = table.of(analyze(None, mention.text).terms or tokens)
        seen[key] = float(idf.mean() / table.max_idf) if idf.size else 1.0
    return list(seen.items())


def build_profiles(articles: Sequence[Article], context: StoryContext | None = None, chunk: int = 1000) -> Profiles:
    """One profile row per article (title + clean text, or the body before cleaning).

    Articles are analyzed ``chunk`` at a time, so the token lists of a big corpus
    never sit in memory all at once.
    """
    context = context or StoryContext()
    table = context.table()
    if len(articles) > chunk:
        return Profiles.stack([build_profiles(articles[i : i + chunk], context, chunk) for i in range(0, len(articles), chunk)])
    h = hasher()
    analyzed = [analyze(a.title, a.clean_text or a.body) for a in articles]
    term_counts = h.transform(t.terms for t in analyzed).tocsr()
    term_counts.data = (1.0 + np.log(term_counts.data)) * table.idf[term_counts.indices]
    numbers = h.transform([number_key(n) for n in set(t.numbers)] for t in analyzed).tocsr()
    numbers.data = table.idf[numbers.indices].astype(np.float64)
    quotes = h.transform(set(t.quote_shingles) for t in analyzed).tocsr()
    quotes.data[:] = 1.0
    entity_rows = [_entity_pairs(context.mentions.get(a.id, ()), table) for a in articles]
    entities = _PAIR_HASHER.transform(entity_rows).tocsr()
    return Profiles(
        [a.id for a in articles],
        _l2(term_counts),
        _l2(entities),
        _l2(numbers),
        _l2(quotes),
        np.array([day_number(a.published) for a in articles], dtype=np.float64),
    )


def _time_factor(gap: np.ndarray, scoring: Scoring) -> np.ndarray:
    over = np.clip(np.abs(gap) - scoring.plateau_days, 0.0, None)
    factor = np.exp(-over / scoring.decay_days)
    return np.where(np.isnan(factor), 1.0, factor)


def combine(channels: Mapping[str, np.ndarray], reuse: np.ndarray, gap: np.ndarray, scoring: Scoring) -> np.ndarray:
    """Noisy-OR of the channel cosines and reuse, faded by the day gap (same shapes)."""
    miss = np.ones_like(gap, dtype=np.float64)
    for name in CHANNELS:
        miss = miss * (1.0 - getattr(scoring, name) * np.clip(channels[name], 0.0, 1.0))
    miss = miss * (1.0 - scoring.reuse * np.clip(reuse, 0.0, 1.0))
    return np.clip((1.0 - miss) * _time_factor(gap, scoring), 0.0, 1.0)


def _rowwise_dot(a: sp.csr_matrix, b: sp.csr_matrix) -> np.ndarray:
    return np.asarray(a.multiply(b).sum(axis=1)).ravel()


def pair_channels(p: Profiles, left: np.ndarray, right: np.ndarray, chunk: int = 50_000) -> dict[str, np.ndarray]:
    """Channel cosines of the row pairs ``(left[k], right[k])``."""
    out: dict[str, list[np.ndarray]] = {name: [] for name in CHANNELS}
    for start in range(0, len(left), chunk):
        lo, ro = left[start : start + chunk], right[start : start + chunk]
        for name in CHANNELS:
            matrix = getattr(p, name)
            out[name].append(_rowwise_dot(matrix[lo], matrix[ro]))
    return {name: (np.concatenate(parts) if parts else np.zeros(0)) for name, parts in out.items()}


def _reuse_of(p: Profiles, left: np.ndarray, right: np.ndarray, context: StoryContext) -> np.ndarray:
    if not context.reuse:
        return np.zeros(len(left))
    return np.array([context.reuse_between(p.ids[i], p.ids[j]) for i, j in zip(left, right)], dtype=np.float64)


def pair_scores(
    p: Profiles, left: np.ndarray, right: np.ndarray, context: StoryContext, scorings: Sequence[Scoring] = (EVENT,)
) -> list[np.ndarray]:
    """Scores of the row pairs ``(left[k], right[k])``, one array per scoring."""
    left = np.asarray(left, dtype=np.int64)
    right = np.asarray(right, dtype=np.int64)
    channels = pair_channels(p, left, right)
    reuse = _reuse_of(p, left, right, context)
    gap = p.days[left] - p.days[right]
    return [combine(channels, reuse, gap, s) for s in scorings]


def block_channels(p: Profiles, q: Profiles) -> dict[str, np.ndarray]:
    """Dense channel cosines of every row of ``p`` against every row of ``q``."""
    return {name: (getattr(p, name) @ getattr(q, name).T).toarray() for name in CHANNELS}


def block_scores(p: Profiles, q: Profiles, context: StoryContext, scorings: Sequence[Scoring] = (EVENT,)) -> list[np.ndarray]:
    """Dense score matrices (``len(p)`` × ``len(q)``), one per scoring."""
    channels = block_channels(p, q)
    if context.reuse:
        reuse = np.array([[context.reuse_between(a, b) for b in q.ids] for a in p.ids], dtype=np.float64)
    else:
        reuse = np.zeros((len(p), len(q)))
    gap = p.days[:, None] - q.days[None, :]
    return [combine(channels, reuse, gap, s) for s in scorings]


def article_similarity(a: Article, b: Article, context: StoryContext | None = None) -> float:
    """The event-level similarity of two articles, in [0, 1].

    ``context`` brings the entities stage's mentions and the reuse stage's links when
    they exist; without it the score rests on terms, numbers, quotes and dates.
    """
    context = context or StoryContext()
    profiles = build_profiles([a, b], context)
    (score,) = pair_scores(profiles, np.array([0]), np.array([1]), context)
    return float(score[0])
