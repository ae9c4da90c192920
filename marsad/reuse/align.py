"""Sentence alignment between two related articles: exact, near and paraphrase pairs.

Outlets re-edit agency copy: they keep some sentences verbatim (``exact``), touch
others up with a few words changed (``near``), and rewrite the frame around the same
quote and facts (``paraphrase``: seeds 000 and 001 share only ~22% of their word
5-grams, yet most of their sentences report the same statements). Each sentence is
reduced once to a few sets (:class:`SentenceFeatures`):

* its normalized words (``marsad.arabic.tokenize.words``) — exact when equal, near
  when their Jaccard similarity is high;
* its *content stems*: light stems (``marsad.arabic.stem``) of words that are neither
  function words nor speech verbs — the names, numbers and key words that survive a
  rewording of the frame — weighted by inverse document frequency over the articles
  being compared, so "سوريا" in a corpus about Syria counts little and "إس.إيه22" much;
* its content-stem bigrams (word order that survives rewording: "تزويد اسد",
  "عقود قائمه").

A paraphrase needs several shared content stems carrying most of the shorter
sentence's weight *and* a shared bigram, which keeps two sentences that merely share
a topic (two different phone calls about Syria, seeds 003/004) apart.
Sentences that recur in many articles (agency sign-offs, prayer formulas) are not
aligned at all: their reuse says nothing about who copied whom.
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from marsad.arabic.lexicons import SPEECH_PARTICIPLES, SPEECH_VERB_FORMS, STOPWORDS
from marsad.arabic.stem import stem
from marsad.arabic.tokenize import words
from marsad.model import AlignedPair, PairKind, Sentence

__all__ = [
    "SentenceFeatures",
    "AlignmentSettings",
    "sentence_features",
    "sentence_weights",
    "idf_table",
    "align_sentences",
    "content_stems",
]

#: Frame words a rewrite changes freely: speech verbs and their participles.
_FRAME_WORDS = frozenset(SPEECH_VERB_FORMS) | frozenset(SPEECH_PARTICIPLES)


@dataclass(slots=True)
class AlignmentSettings:
    """Tunables of sentence alignment (one slotted object, filled by the caller).

    Attributes:
        min_words: shortest sentence (in words) that can be aligned at all.
        near_jaccard: word-set Jaccard from which a non-identical pair is ``near``.
        paraphrase_weight: share of the lighter sentence's content weight that must
            be shared for a ``paraphrase``.
        paraphrase_stems: fewest shared content stems for a ``paraphrase``.
        paraphrase_bigrams: fewest shared content-stem bigrams for a ``paraphrase``.
    """

    min_words: int = 5
    near_jaccard: float = 0.6
    paraphrase_weight: float = 0.5
    paraphrase_stems: int = 4
    paraphrase_bigrams: int = 1


@dataclass(slots=True, frozen=True)
class SentenceFeatures:
    """What alignment needs from one sentence, computed once per article."""

    key: str
    words: frozenset[str]
    length: int
    stems: frozenset[str]
    bigrams: frozenset[tuple[str, str]]


def content_stems(tokens: Sequence[str]) -> list[str]:
    """Light stems of the content words of normalized ``tokens`` (function words,
    speech verbs and one-letter tokens dropped), in order."""
    out = []
    for token in tokens:
        if token in STOPWORDS or token in _FRAME_WORDS or (len(token) < 2 and not token.isdigit()):
            continue
        stemmed = stem(token)
        # accusative tanween written as a final alef (نظاما, صاروخيا, متقدما): the
        # same word as نظام; ``stem`` keeps it, matching must not
        if len(stemmed) >= 4 and stemmed.endswith("ا") and not stemmed.endswith("يا"):
            stemmed = stemmed[:-1]
        if stemmed and stemmed not in STOPWORDS:
            out.append(stemmed)
    return out


def sentence_features(sentence: Sentence | str) -> SentenceFeatures:
    """Features of one sentence (see the module doc)."""
    text = sentence if isinstance(sentence, str) else sentence.text
    tokens = words(text)
    stems = content_stems(tokens)
    return SentenceFeatures(
        key=" ".join(tokens),
        words=frozenset(tokens),
        length=len(tokens),
        stems=frozenset(stems),
        bigrams=frozenset(zip(stems, stems[1:])),
    )


def idf_table(articles: Iterable[Sequence[SentenceFeatures]]) -> tuple[dict[str, float], float]:
    """Inverse document frequency of content stems over articles, and the weight of
    an unseen stem: ``log(1 + N / df)``."""
    df: Counter[str] = Counter()
    count = 0
    for sentences in articles:
        count += 1
        df.update(set().union(*(s.stems for s in sentences)) if sentences else ())
    idf = {term: math.log(1.0 + count / n) for term, n in df.items()}
    return idf, math.log(1.0 + max(count, 1))


def _weight(terms: Iterable[str], idf: Mapping[str, float], default: float) -> float:
    return sum(idf.get(t, default) for t in terms)


def sentence_weights(sentences: Sequence[SentenceFeatures], idf: Mapping[str, float], default: float) -> list[float]:
    """Total content weight of each sentence (precompute once per article)."""
    return [_weight(s.stems, idf, default) for s in sentences]


def _score(
    a: SentenceFeatures,
    b: SentenceFeatures,
    idf: Mapping[str, float],
    default: float,
    settings: AlignmentSettings,
    weight_a: float,
    weight_b: float,
) -> tuple[PairKind, float] | None:
    """The kind and similarity of a sentence pair, or None when unrelated."""
    if a.key == b.key:
        return "exact", 1.0
    union = len(a.words | b.words)
    jaccard = len(a.words & b.words) / union if union else 0.0
    if jaccard >= settings.near_jaccard:
        return "near", round(jaccard, 3)
    shared = a.stems & b.stems
    if len(shared) < settings.paraphrase_stems:
        return None
    if len(a.bigrams & b.bigrams) < settings.paraphrase_bigrams:
        return None
    lighter = min(weight_a, weight_b)
    if lighter <= 0:
        return None
    overlap = _weight(shared, idf, default) / lighter
    if overlap >= settings.paraphrase_weight:
        return "paraphrase", round(min(overlap, 1.0), 3)
    return None


def align_sentences(
    a: Sequence[SentenceFeatures],
    b: Sequence[SentenceFeatures],
    idf: Mapping[str, float],
    default_idf: float,
    settings: AlignmentSettings | None = None,
    skip_a: frozenset[int] = frozenset(),
    skip_b: frozenset[int] = frozenset(),
    weights_a: Sequence[float] | None = None,
    weights_b: Sequence[float] | None = None,
) -> list[AlignedPair]:
    """Aligned sentence pairs of two articles, by sentence index.

    Each sentence keeps its best partner in the other article (ties: the earlier
    one), and a pair is kept when it is the best for at least one of its two
    sentences: a rewrite may merge two sentences into one, so alignment is not forced
    one-to-one. ``skip_a``/``skip_b`` are sentence indexes never aligned (boilerplate
    recurring across the corpus). ``weights_a``/``weights_b`` are the sentences'
    :func:`sentence_weights`, when the caller already has them. Pairs come sorted by
    ``(a, b)``.
    """
    settings = settings or AlignmentSettings()
    if weights_a is None:
        weights_a = sentence_weights(a, idf, default_idf)
    if weights_b is None:
        weights_b = sentence_weights(b, idf, default_idf)
    usable_b = [j for j, s in enumerate(b) if s.length >= settings.min_words and j not in skip_b]
    # inverted index of b's content stems and exact keys, so only sentence pairs
    # sharing something are scored
    by_stem: dict[str, list[int]] = {}
    by_key: dict[str, int] = {}
    for j in usable_b:
        by_key.setdefault(b[j].key, j)
        for term in b[j].stems:
            by_stem.setdefault(term, []).append(j)
    best_a: dict[int, tuple[float, int, PairKind]] = {}
    best_b: dict[int, tuple[float, int, PairKind]] = {}
    for i, sa in enumerate(a):
        if sa.length < settings.min_words or i in skip_a:
            continue
        hits: Counter[int] = Counter()
        for term in sa.stems:
            for j in by_stem.get(term, ()):
                hits[j] += 1
        if sa.key in by_key:
            hits[by_key[sa.key]] += len(sa.stems) + 1
        for j, n in hits.items():
            if n < 2 and sa.key != b[j].key:
                continue
            scored = _score(sa, b[j], idf, default_idf, settings, weights_a[i], weights_b[j])
            if scored is None:
                continue
            kind, sim = scored
            # ties go to the earlier sentence, whatever order the sets iterate in
            if i not in best_a or (sim, -j) > (best_a[i][0], -best_a[i][1]):
                best_a[i] = (sim, j, kind)
            if j not in best_b or (sim, -i) > (best_b[j][0], -best_b[j][1]):
                best_b[j] = (sim, i, kind)
    pairs: dict[tuple[int, int], AlignedPair] = {}
    for i, (sim, j, kind) in best_a.items():
        pairs[(i, j)] = AlignedPair(a=i, b=j, similarity=sim, kind=kind)
    for j, (sim, i, kind) in best_b.items():
        pairs.setdefault((i, j), AlignedPair(a=i, b=j, similarity=sim, kind=kind))
    return [pairs[k] for k in sorted(pairs)]
