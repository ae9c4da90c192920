"""A meaning channel for the story score: small stem vectors learned from the news itself.

Independent reports of one happening share few exact words: each outlet writes its
own (أحبطت / تصدت, هجوم / اعتداء, منفذ / معبر). The TF-IDF channels see that as no
overlap. Word vectors trained here on SaudiNewsNet (word2vec, :mod:`gensim`, over the
same light stems the other channels use) place such words close together, and a
document becomes the IDF-weighted mean of its stems' vectors with the corpus's
common direction removed (Arora et al.'s "SIF" sentence embedding: without that step
every Saudi news article looks alike). Two channels come from it: the whole text
(``semantic``) and the headline with the first lines (``semantic_lede``).

The artifact (``vectors.npz`` here, ~2 MB) holds the most frequent stems' vectors
reduced to a few principal components and quantized to int8
(:func:`marsad.entities.vectors.reduce_vectors`), plus the corpus mean and common
direction, so batch, online and Spark profiles embed identically and need neither
gensim nor the training corpus::

    PYTHONHASHSEED=0 marsad train story-vectors ../shared/data/saudinewsnet

Embeddings are stored as sparse rows over the first ``dims`` columns of the hashed
channel space, so every consumer of profile rows (batch blocks, the online row
stores, the live store's blobs) handles them as any other channel.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from marsad.stories.idf import N_FEATURES, IdfTable, hasher

__all__ = ["SemanticVectors", "load_semantic", "embed", "term_counts", "as_rows", "build_semantic", "stems_from_words", "write_semantic", "ARTIFACT"]

ARTIFACT = Path(__file__).with_name("vectors.npz")


@dataclass(frozen=True)
class SemanticVectors:
    """Stem vectors (rows of ``matrix``), the hashed bucket of each stem (where its
    counts and IDF live), and the corpus mean and common direction removed from every
    document embedding."""

    matrix: np.ndarray  # float32 (stems, dims)
    buckets: np.ndarray  # int64 hash bucket of each stem
    mean: np.ndarray  # float32 (dims,)
    common: np.ndarray  # float32 (dims,), unit length

    @property
    def dims(self) -> int:
        return int(self.matrix.shape[1])

    @cached_property
    def lookup(self) -> sp.csr_matrix:
        """Hash bucket → stem rows (``N_FEATURES`` × stems, ones)."""
        stems = np.arange(len(self.buckets))
        return sp.csr_matrix((np.ones(len(stems)), (self.buckets, stems)), shape=(N_FEATURES, len(stems)))


def _buckets(stems: Sequence[str]) -> np.ndarray:
    """Hash bucket (the IDF table's index) of each stem, in order."""
    matrix = hasher().transform([[s] for s in stems]).tocsr()
    return matrix.indices.astype(np.int64)


def term_counts(documents: Iterable[Sequence[str]]) -> sp.csr_matrix:
    """Hashed term counts of token lists (the form :func:`embed` reads)."""
    return hasher().transform(documents).tocsr()


def _raw(vectors: "SemanticVectors", counts: sp.csr_matrix, idf: np.ndarray) -> np.ndarray:
    """IDF-weighted mean stem vector of each row of hashed term ``counts`` (zeros when
    it has no known stem). A bucket shared by a known stem and an unknown one counts
    as the known stem (2**20 buckets: rare)."""
    weighted = sp.csr_matrix(counts, dtype=np.float64, copy=True)
    weighted.data = weighted.data * idf[weighted.indices]
    per_stem = (weighted @ vectors.lookup).tocsr()
    totals = np.asarray(per_stem.sum(axis=1)).ravel()
    # float64 rows @ the float32 matrix would convert the WHOLE matrix to float64 on
    # every call (~3 ms for one live article); convert only the stems the rows use:
    # the same products added in the same order, so the same bits
    used, position = np.unique(per_stem.indices, return_inverse=True)
    compact = sp.csr_matrix((per_stem.data, position.reshape(-1), per_stem.indptr), shape=(per_stem.shape[0], len(used)))
    raw = np.asarray(compact @ vectors.matrix[used].astype(np.float64), dtype=np.float64)
    known = totals > 0
    raw[known] /= totals[known, None]
    return raw


def embed(vectors: "SemanticVectors", counts: sp.csr_matrix, table: IdfTable) -> np.ndarray:
    """Unit-length document embeddings of hashed term ``counts`` (rows; zeros for a
    document with no known stem): IDF-weighted mean of the stems' vectors, minus the
    corpus mean, with the common direction projected out."""
    raw = _raw(vectors, counts, table.idf)
    known = np.any(raw != 0.0, axis=1)
    centred = raw - vectors.mean
    centred -= np.outer(centred @ vectors.common, vectors.common)
    norms = np.linalg.norm(centred, axis=1)
    keep = known & (norms > 1e-9)
    out = np.zeros_like(centred)
    out[keep] = centred[keep] / norms[keep, None]
    return out


def as_rows(dense: np.ndarray) -> sp.csr_matrix:
    """Dense embeddings as sparse rows in the hashed channel space (first columns)."""
    matrix = sp.csr_matrix(dense.astype(np.float64))
    matrix.resize((dense.shape[0], N_FEATURES))
    return matrix


@lru_cache(maxsize=2)
def load_semantic(path: str | None = None) -> SemanticVectors | None:
    """The packaged vectors (or those at ``path``); None when the artifact is absent
    (the channels then stay empty and weigh nothing)."""
    target = Path(path) if path else ARTIFACT
    if not target.exists():
        if path:
            raise ValueError(f"{path}: no such story vectors file")
        return None
    with np.load(target, allow_pickle=False) as data:
        stems = data["words"].tolist()
        matrix = data["matrix"].astype(np.float32) * np.float32(data["scale"])
        return SemanticVectors(
            matrix,
            _buckets(stems),
            data["mean"].astype(np.float32),
            data["common"].astype(np.float32),
        )


def build_semantic(
    lines: Sequence[list[str]], documents: Sequence[Sequence[str]], table: IdfTable, dims: int = 64, vocab_size: int = 60_000, window: int = 10
) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    """Train stem vectors on ``lines`` (stems per text line) and fit the mean and
    common direction on ``documents`` (stems per article): ``(stems, int8 matrix,
    mean, common)``. Needs gensim; reproducible with ``PYTHONHASHSEED=0``."""
    from marsad.entities.vectors import build_vectors

    stems, matrix = build_vectors(lines, dims=dims, vocab_size=vocab_size, vector_size=100, window=window)
    return (stems, matrix, *_centre(stems, matrix, documents, table))


def stems_from_words(words: Sequence[str], matrix: np.ndarray, documents: Sequence[Sequence[str]], table: IdfTable) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    """Stem vectors derived from word vectors (e.g. the NER's ``vectors.npz``, int8):
    each stem the mean of its words' vectors; the mean and common direction fitted on
    ``documents``. Seconds, no gensim: ``(stems, int8 matrix, mean, common)``."""
    from marsad.stories.analyze import stem_word

    members: dict[str, list[int]] = {}
    for row, word in enumerate(words):
        members.setdefault(stem_word(word), []).append(row)
    stems = list(members)
    values = np.array([matrix[members[s]].astype(np.float32).mean(axis=0) for s in stems])
    quantized = np.clip(np.rint(values), -127, 127).astype(np.int8)
    return (stems, quantized, *_centre(stems, quantized, documents, table))


def _centre(stems: Sequence[str], matrix: np.ndarray, documents: Sequence[Sequence[str]], table: IdfTable) -> tuple[np.ndarray, np.ndarray]:
    """Mean and first principal direction of the documents' raw embeddings."""
    from marsad.entities.vectors import _STEPS

    dims = matrix.shape[1]
    scaled = matrix.astype(np.float32) * np.float32(1.0 / _STEPS)
    vectors = SemanticVectors(scaled, _buckets(stems), np.zeros(dims, np.float32), np.zeros(dims, np.float32))
    raw = _raw(vectors, term_counts(documents), table.idf)
    raw = raw[np.any(raw != 0.0, axis=1)]
    mean = raw.mean(axis=0)
    _, _, vt = np.linalg.svd(raw - mean, full_matrices=False)
    return mean.astype(np.float32), vt[0].astype(np.float32)


def write_semantic(stems: Sequence[str], matrix: np.ndarray, mean: np.ndarray, common: np.ndarray, path: Path) -> None:
    """Write the artifact :func:`load_semantic` reads (compressed ``.npz``)."""
    from marsad.entities.vectors import _STEPS

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        np.savez_compressed(handle, words=np.array(stems), matrix=matrix, scale=np.float64(1.0 / _STEPS), mean=mean, common=common)
