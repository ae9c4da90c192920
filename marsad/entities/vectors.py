"""Small dense word vectors learned from raw news text, as real-valued NER features.

Word clusters (:mod:`marsad.entities.clusters`) give the CRF a word's class; the
vector itself says more (how close a word is to names of people, places, teams).
:func:`build_vectors` trains word2vec (gensim) on normalized words, keeps the most
frequent ``vocab_size`` words, reduces their unit-length vectors to ``dims``
principal components, scales every component to unit variance and quantizes to
int8, so the artifact stays small (50k words × 32 dims ≈ 1.6 MB before compression).
:func:`load_vectors` reads it back as a read-only mapping word → components; numpy
is needed to read, gensim only to build.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import numpy as np

__all__ = ["WordVectors", "build_vectors", "write_vectors", "load_vectors"]

#: int8 steps per unit of standard deviation (±127 covers ±4 σ).
_STEPS = 32.0


class WordVectors(Mapping[str, tuple[float, ...]]):
    """Word → vector components, backed by one quantized matrix (rows built on
    demand; the featurizer caches them per word)."""

    def __init__(self, words: Sequence[str], matrix: np.ndarray, scale: float) -> None:
        self._index = {w: i for i, w in enumerate(words)}
        self._matrix = matrix
        self._scale = scale
        # Each of the 256 int8 steps as the rounded float __getitem__ gives, so a row
        # is one table lookup rather than 50 Python multiplications and roundings.
        self._values = np.array([round(float(x) * scale, 4) for x in range(-128, 128)])

    def __getitem__(self, word: str) -> tuple[float, ...]:
        row = self._matrix[self._index[word]]
        return tuple(self._values[row.astype(np.intp) + 128].tolist())

    def __contains__(self, word: object) -> bool:
        return word in self._index

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)

    @property
    def dims(self) -> int:
        return int(self._matrix.shape[1])


def build_vectors(
    sentences: Sequence[list[str]],
    dims: int = 32,
    vocab_size: int = 50_000,
    vector_size: int = 100,
    window: int = 5,
    min_count: int = 5,
    epochs: int = 5,
    seed: int = 13,
    workers: int = 1,
) -> tuple[list[str], np.ndarray]:
    """``(words, int8 matrix)`` for the ``vocab_size`` most frequent words.

    Reproducible for identical input with ``workers=1`` and a fixed
    ``PYTHONHASHSEED`` (gensim's condition); the PCA is deterministic (SVD).
    """
    from gensim.models import Word2Vec

    model = Word2Vec(
        sentences=sentences,
        vector_size=vector_size,
        window=window,
        min_count=min_count,
        workers=workers,
        epochs=epochs,
        seed=seed,
        max_final_vocab=max(vocab_size, 100_000),
    )
    words = list(model.wv.index_to_key[:vocab_size])
    return words, reduce_vectors(model.wv[words], dims)


def reduce_vectors(vectors: np.ndarray, dims: int) -> np.ndarray:
    """Unit-length rows → ``dims`` principal components, each scaled to unit
    variance, quantized to int8 (``_STEPS`` steps per standard deviation)."""
    x = vectors.astype(np.float64)
    x /= np.linalg.norm(x, axis=1, keepdims=True) + 1e-9
    x -= x.mean(axis=0)
    _, _, vt = np.linalg.svd(x, full_matrices=False)
    pcs = x @ vt[:dims].T
    pcs /= pcs.std(axis=0) + 1e-9
    return np.clip(np.rint(pcs * _STEPS), -127, 127).astype(np.int8)


def write_vectors(words: Sequence[str], matrix: np.ndarray, path: Path) -> None:
    """Write a compressed ``.npz`` (``words``, int8 ``matrix``, ``scale``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        np.savez_compressed(fh, words=np.array(words), matrix=matrix, scale=np.float64(1.0 / _STEPS))


def load_vectors(path: Path) -> WordVectors:
    """Read a file written by :func:`write_vectors`."""
    with np.load(path) as z:
        return WordVectors(z["words"].tolist(), z["matrix"], float(z["scale"]))
