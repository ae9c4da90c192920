"""How alike two news articles are, as the story clusterer sees it.

Each article becomes a :class:`Profiles` row: six sparse channels, each L2-normalized
so that a row dot product is a cosine in [0, 1] —

* ``terms``: light-stemmed TF-IDF of title and body (sublinear tf × IDF, :mod:`.idf`:
  the background table, blended with the digested corpus's own frequencies by the
  batch stage, so an outlet's boilerplate and the week's ubiquitous words weigh less);
* ``title``: the same for the headline alone (a headline names the happening);
* ``lede``: the same for the headline and the first lines (what happened, where, who);
* ``entities``: named entities from the entities stage (entity id, the normalized
  mention, and each of its words), weighted by how rare their words are — "السعودية"
  is in every Saudi article, "بوريفسورين" names one press conference; by its rarer
  words a name cut short meets the name written out («لافروف» / «سيرغي لافروف», «بنك
  الراجحي» / «مصرف الراجحي»), where the whole-name keys alone made such a pair
  "conflict";
* ``places``: the LOC entities alone;
* ``numbers``: identifying numbers (IDF-weighted);
* ``quotes``: word 3-grams of quoted speech;
* ``rare``: the set of an article's rare terms (names, specifics), unweighted;
* ``semantic`` and ``semantic_lede``: what the whole text and the lede mean, as
  embeddings from stem vectors learned on the news (:mod:`.semantic`) — independent
  reports of one happening in each outlet's own words;
* ``lede_numbers`` and ``ordinals``: the happening's key facts (:mod:`.facts`) — the
  figures of the headline and first lines, and which instance the headline says it is
  (the *second* relief plane, the *third* round) —


plus the publication day and outlet and, between two articles, the reuse stage's
containment.

A pair's score is a logistic model over :data:`FEATURES` — the channel cosines, reuse,
whether both come from one outlet, and *conflicts*: both articles name numbers (places,
entities) and share none of them, which is evidence of a different happening of the same
kind (another fire, another day's prices, another victim). Its weights are learned from
labelled pairs (``marsad train story-pairs``, :mod:`.train`) and shipped in
``pair_model.json``; the score then fades with the distance in days (no fading while
the gap is within ``plateau_days``; unknown dates do not fade). Two :class:`Scoring`
levels exist: :data:`EVENT` (one happening: tight in time) and :data:`STORYLINE`
(related happenings over weeks: same event or same developing story).
:func:`article_similarity` is the event score, the number ``marsad similarity`` prints
and the clusterers threshold.
"""
from __future__ import annotations

import json
import math
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction import FeatureHasher

from marsad.arabic.tokenize import words
from marsad.model import Article, Mention, Reuse
from marsad.stories.analyze import analyze
from marsad.stories.facts import fact_numbers, ordinals
from marsad.stories.idf import N_FEATURES, IdfTable, hasher, load_idf, number_key
from marsad.stories.semantic import as_rows, embed, load_semantic

__all__ = [
    "CHANNELS",
    "FEATURES",
    "Scoring",
    "EVENT",
    "STORYLINE",
    "Profiles",
    "StoryContext",
    "build_profiles",
    "BodyCounts",
    "body_counts",
    "pair_features",
    "pair_scores",
    "block_scores",
    "article_similarity",
    "day_number",
    "load_scorings",
]

CHANNELS = (
    "terms", "title", "lede", "entities", "places", "numbers", "quotes", "rare", "semantic", "semantic_lede",
    "lede_numbers", "ordinals",
)
#: Channels holding dense embeddings (in the first columns of their rows).
DENSE_CHANNELS = ("semantic", "semantic_lede")
#: Channels whose absence on both sides of a pair with no overlap is a *conflict*.
CONFLICTS = ("numbers", "places", "entities", "lede_numbers", "ordinals")
#: Inputs of the pair model, in order.
FEATURES = (
    *CHANNELS,
    "reuse",
    "same_outlet",
    *(f"{name}_conflict" for name in CONFLICTS),
    "no_title",
)
#: Characters of clean text that, with the title, make an article's lede (the happening).
LEDE_CHARS = 400
#: Terms at least this rare (IDF; ≈ in fewer than 1 in 1,500 articles) are names and
#: specifics: the ``rare`` channel is the set of them an article has.
RARE_IDF = 7.4
#: Below this cosine two non-empty channels count as sharing nothing.
CONFLICT_BELOW = 0.05
#: An entity's single word counts on its own from this IDF share (IDF / max IDF) up:
#: about 1 article in 250 or rarer.
ENTITY_WORD_FLOOR = 0.5
PAIR_MODEL = Path(__file__).with_name("pair_model.json")


@dataclass(frozen=True, slots=True)
class Scoring:
    """A logistic pair model over :data:`FEATURES` and the time fading of one level."""

    weights: tuple[float, ...]
    bias: float
    plateau_days: float
    decay_days: float

    def __post_init__(self) -> None:
        if len(self.weights) != len(FEATURES):
            raise ValueError(f"a scoring needs {len(FEATURES)} weights ({', '.join(FEATURES)}), got {len(self.weights)}")

    def window_days(self) -> float:
        """Beyond this gap the time factor is below e⁻⁴ (≈ 0.02): never worth comparing."""
        return self.plateau_days + 4 * self.decay_days

    @classmethod
    def of(cls, weights: Mapping[str, float], bias: float, plateau_days: float, decay_days: float) -> "Scoring":
        """A scoring from weights by feature name (features left out weigh 0)."""
        unknown = set(weights) - set(FEATURES)
        if unknown:
            raise ValueError(f"unknown pair features {', '.join(sorted(unknown))}")
        return cls(tuple(float(weights.get(name, 0.0)) for name in FEATURES), bias, plateau_days, decay_days)


#: Fallback weights (used only when ``pair_model.json`` is missing): roughly the
#: learned model's shape — text and reuse for, conflicts and a shared outlet against.
_FALLBACK = {
    "event": Scoring.of(
        {"terms": 8.0, "title": 1.5, "entities": 2.0, "numbers": 1.0, "reuse": 1.5, "same_outlet": -1.0,
         "places_conflict": -1.5, "entities_conflict": -2.5},
        -5.0, 1.0, 1.5,
    ),
    "storyline": Scoring.of(
        {"terms": 5.0, "title": 2.5, "entities": 2.5, "numbers": 1.0, "same_outlet": -1.0,
         "places_conflict": -1.0, "entities_conflict": -2.5},
        -2.8, 35.0, 14.0,
    ),
}


@lru_cache(maxsize=4)
def load_scorings(path: str | None = None) -> dict[str, Scoring]:
    """The ``event`` and ``storyline`` scorings of the pair model at ``path`` (default:
    the packaged ``pair_model.json``; the fallback weights when it is missing)."""
    target = Path(path) if path else PAIR_MODEL
    if not target.exists():
        if path:
            raise ValueError(f"{path}: no such pair model")
        return dict(_FALLBACK)
    model = json.loads(target.read_text(encoding="utf-8"))
    names = list(model.get("features", ()))
    if not set(names) <= set(FEATURES):
        raise ValueError(f"{target}: pair model features {names} are not among {list(FEATURES)}")
    # a model trained before a feature existed gives that feature no weight
    return {
        level: Scoring.of(dict(zip(names, map(float, spec["weights"]))), float(spec["bias"]), float(spec["plateau_days"]), float(spec["decay_days"]))
        for level, spec in model["levels"].items()
    }


#: One happening: reported the same or the next day.
EVENT = load_scorings()["event"]
#: Related happenings over days or weeks: the same event or one developing story.
STORYLINE = load_scorings()["storyline"]


def outlet_code(outlet: str | None) -> int:
    """A stable integer for an outlet name (-1 when unknown)."""
    return zlib.crc32(outlet.encode("utf-8")) if outlet else -1


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
    """Channel matrices of ``n`` articles (rows L2-normalized), their days and outlets."""

    ids: list[str]
    terms: sp.csr_matrix
    title: sp.csr_matrix
    lede: sp.csr_matrix
    entities: sp.csr_matrix
    places: sp.csr_matrix
    numbers: sp.csr_matrix
    quotes: sp.csr_matrix
    rare: sp.csr_matrix
    semantic: sp.csr_matrix
    semantic_lede: sp.csr_matrix
    lede_numbers: sp.csr_matrix
    ordinals: sp.csr_matrix
    days: np.ndarray
    outlets: np.ndarray  # outlet_code per row

    def __len__(self) -> int:
        return len(self.ids)

    def channel(self, name: str) -> sp.csr_matrix:
        return getattr(self, name)

    def present(self, name: str) -> np.ndarray:
        """Which rows have anything in channel ``name``."""
        return np.diff(self.channel(name).indptr) > 0

    def rows(self, index: Sequence[int] | np.ndarray) -> "Profiles":
        """The profiles of the given rows, in that order."""
        index = np.asarray(index, dtype=np.int64)
        return Profiles(
            [self.ids[i] for i in index],
            *(self.channel(name)[index] for name in CHANNELS),
            self.days[index],
            self.outlets[index],
        )

    @staticmethod
    def stack(parts: Sequence["Profiles"]) -> "Profiles":
        """Rows of several profile sets, one after the other."""
        return Profiles(
            [i for p in parts for i in p.ids],
            *(sp.vstack([p.channel(name) for p in parts], format="csr") for name in CHANNELS),
            np.concatenate([p.days for p in parts]),
            np.concatenate([p.outlets for p in parts]),
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
    # each value times its row's 1/norm, as diag(1/norms) @ matrix computes it, without
    # the sparse product's work over all 2**20 columns (16 ms → 1 ms for one row)
    out = sp.csr_matrix(matrix, copy=True)
    out.data = out.data * np.repeat(1.0 / norms, np.diff(out.indptr))
    return out


def _mention_keys(texts: Iterable[str], table: IdfTable) -> dict[str, tuple[str, float, tuple[tuple[str, float], ...]] | None]:
    """Each distinct mention text → ``(its normalized words joined, weight, its terms'
    (stem, weight))``, or None when it has no words; weight = mean IDF of its terms (or
    words) / max IDF, a term's = its own IDF / max IDF. All texts' keys are hashed in
    one call (the same buckets as :meth:`IdfTable.of`)."""
    out: dict[str, tuple[str, float, tuple[tuple[str, float], ...]] | None] = {}
    pending: list[tuple[str, str, list[str]]] = []
    keys: list[list[str]] = []
    for text in dict.fromkeys(texts):
        tokens = words(text)
        if not tokens:
            out[text] = None
            continue
        terms = list(analyze(None, text).terms or tokens)
        pending.append((text, " ".join(tokens), terms))
        keys.extend([k] for k in terms)
    if pending:
        buckets = hasher().transform(keys).indices  # one key a row: one bucket each
        start = 0
        for text, joined, terms in pending:
            idf = table.idf[buckets[start:start + len(terms)]] / table.max_idf
            out[text] = (joined, float(idf.mean()), tuple(zip(terms, idf.tolist())))
            start += len(terms)
    return out


def _entity_pairs(
    mentions: Sequence[Mention],
    known: Mapping[str, tuple[str, float, tuple[tuple[str, float], ...]] | None],
    types: frozenset[str] | None = None,
) -> list[tuple[str, float]]:
    """``(key, weight)`` per distinct entity (of ``types``, all when None): weight = mean
    IDF of its words / max IDF (``known``: :func:`_mention_keys` of the texts)."""
    seen: dict[str, float] = {}
    for mention in mentions:
        if types is not None and mention.type not in types:
            continue
        found = known[mention.text]
        if found is None:
            continue
        # by its canonical entity (spelling variants meet) and by its written words (one
        # name meets itself even where canonicalization kept two entities apart)
        for key in ("e:" + mention.entity_id if mention.entity_id else None, "w:" + found[0]):
            if key is not None and key not in seen:
                seen[key] = found[1]
        # and by each of its distinctive words: a name cut short or written out in full
        # («لافروف», «سيرغي لافروف»; «بنك الراجحي», «مصرف الراجحي») still meets itself,
        # while the words every other name has («وزارة», «الروسي») add nothing
        for term, weight in found[2]:
            if weight >= ENTITY_WORD_FLOOR:
                seen.setdefault("t:" + term, weight)
    return list(seen.items())


_PLACES = frozenset({"LOC"})


def _tfidf(counts: sp.csr_matrix, table: IdfTable) -> sp.csr_matrix:
    counts.data = (1.0 + np.log(counts.data)) * table.idf[counts.indices]
    return _l2(counts)


@dataclass(slots=True)
class BodyCounts:
    """Hashed bags of each article's title-and-text analysis (:func:`analyze`), built
    once for both the corpus IDF and the profiles: term counts (title terms twice),
    distinct number keys and distinct quote shingles, one row per article."""

    terms: sp.csr_matrix
    numbers: sp.csr_matrix
    quotes: sp.csr_matrix

    def rows(self, start: int, stop: int) -> "BodyCounts":
        """The rows of articles ``start`` to ``stop`` (copies: profiles rescale them)."""
        return BodyCounts(self.terms[start:stop], self.numbers[start:stop], self.quotes[start:stop])

    def buckets(self) -> sp.csr_matrix:
        """Per article, the buckets of its distinct terms and number keys (the keys
        :func:`marsad.stories.idf.build_idf` counts), as non-zero columns."""
        return (self.terms.sign() + self.numbers.sign()).tocsr()


def body_counts(articles: Sequence[Article], chunk: int = 1000) -> BodyCounts:
    """:class:`BodyCounts` of ``articles`` (title + clean text, or the body before
    cleaning), analysed ``chunk`` at a time so token lists never pile up."""
    h = hasher()
    parts: list[tuple[sp.csr_matrix, sp.csr_matrix, sp.csr_matrix]] = []
    for i in range(0, max(len(articles), 1), chunk):
        analyzed = [analyze(a.title, a.clean_text or a.body) for a in articles[i : i + chunk]]
        parts.append(
            (
                h.transform(t.terms for t in analyzed).tocsr(),
                h.transform([number_key(n) for n in set(t.numbers)] for t in analyzed).tocsr(),
                h.transform(set(t.quote_shingles) for t in analyzed).tocsr(),
            )
        )
    if len(parts) == 1:
        return BodyCounts(*parts[0])
    return BodyCounts(*(sp.vstack([p[k] for p in parts], format="csr") for k in range(3)))


def build_profiles(
    articles: Sequence[Article], context: StoryContext | None = None, chunk: int = 1000, counts: BodyCounts | None = None
) -> Profiles:
    """One profile row per article (title + clean text, or the body before cleaning).

    Articles are analyzed ``chunk`` at a time, so the token lists of a big corpus
    never sit in memory all at once; ``counts`` (:func:`body_counts` of ``articles``),
    when the caller already has them, spares analysing the texts again.
    """
    context = context or StoryContext()
    table = context.table()
    if len(articles) > chunk:
        return Profiles.stack(
            [
                build_profiles(articles[i : i + chunk], context, chunk, counts.rows(i, i + chunk) if counts else None)
                for i in range(0, len(articles), chunk)
            ]
        )
    h = hasher()
    body = counts if counts is not None else body_counts(articles, chunk)
    titles = [analyze(None, a.title or "").terms for a in articles]
    ledes = [analyze(None, f"{a.title or ''}\n{(a.clean_text or a.body)[:LEDE_CHARS]}") for a in articles]
    rare = body.terms.copy()  # the buckets of its distinct terms
    rare.data = (table.idf[rare.indices] >= RARE_IDF).astype(np.float64)
    rare.eliminate_zeros()
    numbers = body.numbers.copy()
    numbers.data = table.idf[numbers.indices].astype(np.float64)
    quotes = body.quotes.copy()
    quotes.data[:] = 1.0
    mentions = [context.mentions.get(a.id, ()) for a in articles]
    known = _mention_keys((m.text for ms in mentions for m in ms), table)
    entities = _PAIR_HASHER.transform([_entity_pairs(m, known) for m in mentions]).tocsr()
    places = _PAIR_HASHER.transform([_entity_pairs(m, known, _PLACES) for m in mentions]).tocsr()
    lede_counts = h.transform(t.terms for t in ledes).tocsr()
    lede_numbers = h.transform([set(fact_numbers(t.numbers)) for t in ledes]).tocsr()
    lede_numbers.data[:] = 1.0
    ordinal_keys = h.transform([set(ordinals(a.title or "")) for a in articles]).tocsr()
    ordinal_keys.data[:] = 1.0
    vectors = load_semantic()
    if vectors is not None:
        semantic = as_rows(embed(vectors, body.terms, table))
        semantic_lede = as_rows(embed(vectors, lede_counts, table))
    else:
        semantic = semantic_lede = sp.csr_matrix((len(articles), N_FEATURES))
    return Profiles(
        [a.id for a in articles],
        _tfidf(body.terms.copy(), table),
        _tfidf(h.transform(titles).tocsr(), table),
        _tfidf(lede_counts, table),
        _l2(entities),
        _l2(places),
        _l2(numbers),
        _l2(quotes),
        _l2(rare),
        semantic,
        semantic_lede,
        _l2(lede_numbers),
        _l2(ordinal_keys),
        np.array([day_number(a.published) for a in articles], dtype=np.float64),
        np.array([outlet_code(a.outlet) for a in articles], dtype=np.int64),
    )


def _time_factor(gap: np.ndarray, scoring: Scoring) -> np.ndarray:
    over = np.clip(np.abs(gap) - scoring.plateau_days, 0.0, None)
    factor = np.exp(-over / scoring.decay_days)
    return np.where(np.isnan(factor), 1.0, factor)


def pair_features(
    channels: Mapping[str, np.ndarray],
    reuse: np.ndarray,
    same_outlet: np.ndarray,
    present_a: Mapping[str, np.ndarray],
    present_b: Mapping[str, np.ndarray],
) -> dict[str, np.ndarray]:
    """The pair model's inputs (:data:`FEATURES`) from channel cosines, reuse containment,
    outlet equality and which channels each side has (arrays of broadcastable shapes)."""
    features = {name: np.clip(channels[name], 0.0, 1.0) for name in CHANNELS}
    features["reuse"] = np.clip(reuse, 0.0, 1.0)
    features["same_outlet"] = same_outlet.astype(np.float64)
    for name in CONFLICTS:
        both = present_a[name] & present_b[name]
        features[f"{name}_conflict"] = (both & (channels[name] < CONFLICT_BELOW)).astype(np.float64)
    features["no_title"] = (~(present_a["title"] & present_b["title"])).astype(np.float64)
    return features


def feature_matrix(features: Mapping[str, np.ndarray]) -> np.ndarray:
    """:func:`pair_features` of 1-D pairs as one ``(pairs, len(FEATURES))`` matrix (training)."""
    return np.stack(np.broadcast_arrays(*(features[name] for name in FEATURES)), axis=-1)


def combine(features: Mapping[str, np.ndarray], gap: np.ndarray, scoring: Scoring) -> np.ndarray:
    """The logistic pair score of ``features`` (:func:`pair_features`), faded by the day gap."""
    logit = np.full(np.shape(gap), scoring.bias, dtype=np.float64)
    for name, weight in zip(FEATURES, scoring.weights):
        if weight:
            logit = logit + weight * features[name]
    return np.clip(1.0 / (1.0 + np.exp(-logit)) * _time_factor(gap, scoring), 0.0, 1.0)


def _rowwise_dot(a: sp.csr_matrix, b: sp.csr_matrix) -> np.ndarray:
    return np.asarray(a.multiply(b).sum(axis=1)).ravel()


def pair_channels(p: Profiles, left: np.ndarray, right: np.ndarray, chunk: int = 50_000) -> dict[str, np.ndarray]:
    """Channel cosines of the row pairs ``(left[k], right[k])``."""
    out: dict[str, list[np.ndarray]] = {name: [] for name in CHANNELS}
    for start in range(0, len(left), chunk):
        lo, ro = left[start : start + chunk], right[start : start + chunk]
        for name in CHANNELS:
            matrix = p.channel(name)
            out[name].append(_rowwise_dot(matrix[lo], matrix[ro]))
    return {name: (np.concatenate(parts) if parts else np.zeros(0)) for name, parts in out.items()}


def _reuse_of(p: Profiles, left: np.ndarray, right: np.ndarray, context: StoryContext) -> np.ndarray:
    if not context.reuse:
        return np.zeros(len(left))
    return np.array([context.reuse_between(p.ids[i], p.ids[j]) for i, j in zip(left, right)], dtype=np.float64)


def _same_outlet(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a == b) & (a >= 0) & (b >= 0)


def pair_scores(
    p: Profiles, left: np.ndarray, right: np.ndarray, context: StoryContext, scorings: Sequence[Scoring] = (EVENT,)
) -> list[np.ndarray]:
    """Scores of the row pairs ``(left[k], right[k])``, one array per scoring."""
    left = np.asarray(left, dtype=np.int64)
    right = np.asarray(right, dtype=np.int64)
    present = {name: p.present(name) for name in CHANNELS}
    features = pair_features(
        pair_channels(p, left, right),
        _reuse_of(p, left, right, context),
        _same_outlet(p.outlets[left], p.outlets[right]),
        {name: flags[left] for name, flags in present.items()},
        {name: flags[right] for name, flags in present.items()},
    )
    gap = p.days[left] - p.days[right]
    return [combine(features, gap, s) for s in scorings]


def _gram(a: sp.csr_matrix, b: sp.csr_matrix, dense: bool) -> np.ndarray:
    """``a @ b.T`` as a dense array; embeddings (``dense``) multiplied as dense blocks."""
    if not dense:
        return (a @ b.T).toarray()
    width = int(max(a.indices.max(initial=-1), b.indices.max(initial=-1))) + 1
    return a[:, :width].toarray() @ b[:, :width].toarray().T


def block_channels(p: Profiles, q: Profiles) -> dict[str, np.ndarray]:
    """Dense channel cosines of every row of ``p`` against every row of ``q``."""
    return {name: _gram(p.channel(name), q.channel(name), name in DENSE_CHANNELS) for name in CHANNELS}


def block_scores(p: Profiles, q: Profiles, context: StoryContext, scorings: Sequence[Scoring] = (EVENT,)) -> list[np.ndarray]:
    """Dense score matrices (``len(p)`` × ``len(q)``), one per scoring."""
    reuse = np.zeros((len(p), len(q)))
    if context.reuse:  # the links themselves, not every pair (reuse_between of each)
        rows: dict[str, list[int]] = {}
        for i, a in enumerate(p.ids):
            rows.setdefault(a, []).append(i)
        cols: dict[str, list[int]] = {}
        for j, b in enumerate(q.ids):
            cols.setdefault(b, []).append(j)
        for (a, b), strength in context.reuse.items():
            if a in rows and b in cols:
                reuse[np.ix_(rows[a], cols[b])] = strength
    features = pair_features(
        block_channels(p, q),
        reuse,
        _same_outlet(p.outlets[:, None], q.outlets[None, :]),
        {name: p.present(name)[:, None] for name in CHANNELS},
        {name: q.present(name)[None, :] for name in CHANNELS},
    )
    gap = p.days[:, None] - q.days[None, :]
    return [combine(features, gap, s) for s in scorings]


def article_similarity(a: Article, b: Article, context: StoryContext | None = None) -> float:
    """The event-level similarity of two articles, in [0, 1].

    ``context`` brings the entities stage's mentions and the reuse stage's links when
    they exist; without it the score rests on terms, numbers, quotes and dates.
    """
    context = context or StoryContext()
    profiles = build_profiles([a, b], context)
    (score,) = pair_scores(profiles, np.array([0]), np.array([1]), context)
    return float(score[0])
