"""Text reuse across a set of articles: near-duplicates, sentence copy map, groups.

:func:`find_reuse` is the stage function (pure: articles in, records out):

1. **Document level.** Every article's clean text becomes a set of normalized word
   5-gram hashes (:mod:`marsad.reuse.shingle`) and a 128-value MinHash signature
   (:mod:`marsad.reuse.minhash`, one-permutation hashing). An :class:`LSHIndex`
   banded for the requested Jaccard threshold proposes pairs; each is *verified* on
   the exact shingle sets, so a pair is a near-duplicate only if its true Jaccard
   similarity reaches the threshold (exact duplicates have 1.0).
2. **Candidates for sentence alignment.** Rewritten agency copy shares few 5-grams
   (seeds 000/001: ~22%), so related pairs also come from a second, low-threshold
   band index and from *shared rare words* (each article's rarest words in the batch:
   names, numbers, places). Small batches (≤ ``all_pairs_below`` articles) simply try
   every pair.
3. **Sentence level.** Each candidate pair is aligned (:mod:`marsad.reuse.align`);
   sentences that an outlet repeats in many of its own articles (sign-offs, standing
   lines) are left out. A pair of articles becomes a :class:`~marsad.model.Reuse` link
   when it is a near-duplicate or has an exact/near pair or at least two aligned pairs.
4. **Groups.** Linked articles form groups (connected components); in each, the likely
   original is chosen (:mod:`marsad.reuse.groups`) and every link is oriented from the
   more original article (``a``) to the re-publication (``b``).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np

from marsad.model import Article, Reuse, ReuseGroup
from marsad.reuse.align import (
    AlignmentSettings,
    SentenceFeatures,
    align_sentences,
    idf_table,
    sentence_features,
    sentence_weights,
)
from marsad.reuse.groups import group_links
from marsad.reuse.lsh import LSHIndex, bucket_pairs, colliding_pairs
from marsad.reuse.minhash import oph_signatures
from marsad.reuse.shingle import chunked_word_hashes, shingle_batch

__all__ = ["ReuseSettings", "ReuseResult", "find_reuse", "near_duplicate_pairs", "exact_jaccard"]


@dataclass(slots=True)
class ReuseSettings:
    """Tunables of reuse detection (the CLI/pipeline fill one of these).

    Attributes:
        threshold: word 5-gram Jaccard similarity from which two articles are
            near-duplicates.
        shingle_size: words per shingle.
        num_perm: MinHash signature length (power of two).
        false_negative: bound on the LSH miss rate used to derive the banding.
        candidate_banding: (bands, rows) of the second, permissive index that
            proposes related (not duplicate) pairs for alignment: 42 × 3 proposes
            pairs at Jaccard 0.1 / 0.2 / 0.3 with chance 4% / 29% / 68%.
        candidate_estimate: signature agreement a proposed pair needs to be kept.
        rare_words: how many of its rarest words each article contributes.
        min_shared_rare: shared rare words that make two articles a candidate pair.
        max_candidates: most alignment candidates kept per article (best first).
        all_pairs_below: batches smaller than this align every pair.
        boilerplate_repeats: a sentence seen in this many articles of one outlet is
            that outlet's standing text and is not aligned.
        alignment: sentence-alignment tunables.
    """

    threshold: float = 0.5
    shingle_size: int = 5
    num_perm: int = 128
    false_negative: float = 0.01
    candidate_banding: tuple[int, int] = (42, 3)
    candidate_estimate: float = 0.08
    rare_words: int = 12
    min_shared_rare: int = 4
    max_candidates: int = 8
    all_pairs_below: int = 64
    boilerplate_repeats: int = 4
    alignment: AlignmentSettings = field(default_factory=AlignmentSettings)


@dataclass(slots=True)
class ReuseResult:
    """What :func:`find_reuse` found."""

    links: list[Reuse] = field(default_factory=list)
    groups: list[ReuseGroup] = field(default_factory=list)


def exact_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Jaccard similarity of two sorted unique hash arrays."""
    if a.size == 0 or b.size == 0:
        return 0.0
    inter = np.intersect1d(a, b, assume_unique=True).size
    return inter / (a.size + b.size - inter)


def near_duplicate_pairs(
    signatures: np.ndarray,
    shingle_sets: Sequence[np.ndarray],
    threshold: float,
    false_negative: float = 0.01,
    verify_at: float | None = None,
) -> dict[tuple[int, int], float]:
    """``{(i, j): jaccard}`` for i < j whose exact shingle Jaccard is ≥ ``verify_at``
    (default: ``threshold``), among the pairs an LSH banded for ``threshold`` proposes.

    Candidates are screened on the signatures first (estimate ≥ limit − 0.15, a margin
    of more than four standard deviations at 128 values) so only plausible pairs pay
    for the exact set intersection.
    """
    count, num_perm = signatures.shape
    index = LSHIndex(threshold=threshold, num_perm=num_perm, false_negative=false_negative)
    valid = np.fromiter((s.size > 0 for s in shingle_sets), dtype=bool, count=count)
    pairs = colliding_pairs(index.band_keys(signatures), valid)
    limit = threshold if verify_at is None else verify_at
    found: dict[tuple[int, int], float] = {}
    if not pairs.size:
        return found
    estimate = np.empty(len(pairs))
    for start in range(0, len(pairs), 1 << 16):  # bounded temporaries
        part = pairs[start : start + (1 << 16)]
        estimate[start : start + len(part)] = (signatures[part[:, 0]] == signatures[part[:, 1]]).mean(axis=1)
    for i, j in pairs[estimate >= limit - 0.15].tolist():
        jac = exact_jaccard(shingle_sets[i], shingle_sets[j])
        if jac >= limit:
            found[(i, j)] = jac
    return found


def _loose_pairs(
    signatures: np.ndarray, shingle_sets: Sequence[np.ndarray], settings: ReuseSettings
) -> dict[tuple[int, int], float]:
    """Pairs sharing a band of the permissive banding whose signature agreement
    (estimated Jaccard) is at least ``candidate_estimate``."""
    bands, rows = settings.candidate_banding
    index = LSHIndex(num_perm=signatures.shape[1], bands=bands, rows=rows)
    valid = np.fromiter((s.size > 0 for s in shingle_sets), dtype=bool, count=len(shingle_sets))
    pairs = colliding_pairs(index.band_keys(signatures), valid)
    found: dict[tuple[int, int], float] = {}
    for start in range(0, len(pairs), 1 << 16):
        part = pairs[start : start + (1 << 16)]
        estimate = (signatures[part[:, 0]] == signatures[part[:, 1]]).mean(axis=1)
        for (i, j), est in zip(part.tolist(), estimate.tolist()):
            if est >= settings.candidate_estimate:
                found[(i, j)] = est
    return found


def _rare_word_pairs(texts: Sequence[str], settings: ReuseSettings) -> dict[tuple[int, int], int]:
    """Shared-rare-word counts of article pairs sharing at least ``min_shared_rare``.

    A word is rare when 2 ≤ df ≤ max(3, min(50, N/100)); each article contributes its
    ``rare_words`` rarest words. All in numpy: sort, bucket, count.
    """
    hashes, doc = chunked_word_hashes(texts)
    if hashes.size == 0:
        return {}
    # (doc, word) once each
    order = np.lexsort((hashes, doc))
    doc, hashes = doc[order], hashes[order]
    first = np.concatenate(([True], (doc[1:] != doc[:-1]) | (hashes[1:] != hashes[:-1])))
    doc, hashes = doc[first], hashes[first]
    _, inverse, df = np.unique(hashes, return_inverse=True, return_counts=True)
    word_df = df[inverse]
    cap = max(3, min(50, len(texts) // 100))
    keep = (word_df >= 2) & (word_df <= cap)
    doc, hashes, word_df = doc[keep], hashes[keep], word_df[keep]
    # each article's rarest words (ties: by hash, deterministic)
    order = np.lexsort((hashes, word_df, doc))
    doc, hashes = doc[order], hashes[order]
    rank = np.arange(doc.size) - np.searchsorted(doc, doc, side="left")
    keep = rank < settings.rare_words
    pairs = bucket_pairs(hashes[keep], doc[keep])
    if not pairs.size:
        return {}
    n = len(texts)
    code, shared = np.unique(pairs[:, 0] * n + pairs[:, 1], return_counts=True)
    enough = shared >= settings.min_shared_rare
    return {(int(c // n), int(c % n)): int(k) for c, k in zip(code[enough].tolist(), shared[enough].tolist())}


def _candidates(
    articles: Sequence[Article],
    signatures: np.ndarray,
    shingle_sets: Sequence[np.ndarray],
    near: dict[tuple[int, int], float],
    settings: ReuseSettings,
) -> list[tuple[int, int]]:
    """Article pairs worth aligning, best first per article, at most
    ``max_candidates`` per article (near-duplicates always kept)."""
    count = len(articles)
    if count < settings.all_pairs_below:
        return [(i, j) for i, j in combinations(range(count), 2)]
    scores: dict[tuple[int, int], float] = {}
    loose = _loose_pairs(signatures, shingle_sets, settings)
    for pair, jac in loose.items():
        scores[pair] = 10.0 + jac
    for pair, n in _rare_word_pairs([a.clean_text for a in articles], settings).items():
        scores[pair] = max(scores.get(pair, 0.0), float(n))
    per_article: dict[int, list[tuple[float, tuple[int, int]]]] = {}
    for pair, score in scores.items():
        for member in pair:
            per_article.setdefault(member, []).append((score, pair))
    chosen: set[tuple[int, int]] = set(near)
    for member, options in per_article.items():
        options.sort(key=lambda sp: (-sp[0], sp[1]))
        chosen.update(pair for _, pair in options[: settings.max_candidates])
    return sorted(chosen)


def _boilerplate(
    articles: Sequence[Article], features: dict[int, list[SentenceFeatures]], repeats: int
) -> dict[int, frozenset[int]]:
    """Per article, indexes of sentences its outlet prints in ≥ ``repeats`` articles."""
    seen: Counter[tuple[str, str]] = Counter()
    for i, sentences in features.items():
        outlet = articles[i].outlet or ""
        seen.update({(outlet, s.key) for s in sentences})
    out: dict[int, frozenset[int]] = {}
    for i, sentences in features.items():
        outlet = articles[i].outlet or ""
        skip = frozenset(k for k, s in enumerate(sentences) if seen[(outlet, s.key)] >= repeats)
        if skip:
            out[i] = skip
    return out


def _shingle_containment(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    if a.size == 0 or b.size == 0:
        return 0.0, 0.0
    inter = np.intersect1d(a, b, assume_unique=True).size
    return inter / a.size, inter / b.size


def find_reuse(articles: Sequence[Article], settings: ReuseSettings | None = None) -> ReuseResult:
    """Reuse links and groups among ``articles`` (see the module doc).

    Articles must have ``paragraphs`` and ``sentences`` filled (``pipeline.prepare``).
    Containment is the share of an article's sentences aligned to the other; for a
    near-duplicate whose sentences are all too short to align, the share of its word
    5-grams found in the other instead.
    """
    settings = settings or ReuseSettings()
    count = len(articles)
    if count < 2:
        return ReuseResult()
    batch = shingle_batch([a.clean_text for a in articles], k=settings.shingle_size)
    signatures = oph_signatures(batch, settings.num_perm)
    shingle_sets = batch.shingle_sets()
    near = near_duplicate_pairs(signatures, shingle_sets, settings.threshold, settings.false_negative)
    candidates = _candidates(articles, signatures, shingle_sets, near, settings)

    involved = sorted({i for pair in candidates for i in pair})
    features = {i: [sentence_features(s) for s in articles[i].sentences] for i in involved}
    idf, default_idf = idf_table(features.values())
    skip = _boilerplate(articles, features, settings.boilerplate_repeats)
    weights = {i: sentence_weights(f, idf, default_idf) for i, f in features.items()}

    links: list[tuple[int, int, Reuse]] = []
    for i, j in candidates:
        pairs = align_sentences(
            features[i], features[j], idf, default_idf, settings.alignment,
            skip.get(i, frozenset()), skip.get(j, frozenset()), weights[i], weights[j],
        )
        jac = near.get((i, j))
        strong = any(p.kind != "paraphrase" for p in pairs)
        if jac is None and not strong and len(pairs) < 2:
            continue
        n_a, n_b = len(features[i]), len(features[j])
        cont_a = len({p.a for p in pairs}) / n_a if n_a else 0.0
        cont_b = len({p.b for p in pairs}) / n_b if n_b else 0.0
        if jac is not None and not pairs:
            cont_a, cont_b = _shingle_containment(shingle_sets[i], shingle_sets[j])
        if jac is None:
            jac = exact_jaccard(shingle_sets[i], shingle_sets[j])
        link = Reuse(
            a=articles[i].id,
            b=articles[j].id,
            containment_a=round(cont_a, 3),
            containment_b=round(cont_b, 3),
            pairs=pairs,
            near_duplicate=(i, j) in near,
            jaccard=round(jac, 3),
        )
        links.append((i, j, link))
    groups, oriented = group_links(articles, links)
    return ReuseResult(links=oriented, groups=groups)
