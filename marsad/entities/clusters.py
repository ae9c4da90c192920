"""Distributional word clusters learned from raw news text, as NER features.

ANERcorp has ~125k labelled tokens; most names in a news stream never occur there.
Words used in similar contexts (نيويورك/لندن/موسكو, قال/أضاف, وزير/رئيس) get similar
word2vec vectors, and clustering those vectors gives every frequent word of the raw
corpus a class the CRF can generalize over — the role Brown clusters play in classic
NER systems. Several k-means granularities (coarse to fine) stand in for Brown's
bit-string prefixes.

:func:`build_clusters` trains word2vec (gensim) on normalized, lower-cased words of
the raw text and clusters the ``vocab_size`` most frequent words; the result is a
small text file (``word\\tc0\\tc1\\tc2``) committed beside the NER model and read by
:func:`load_clusters`. gensim is needed only to build the file, not to use it.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

__all__ = ["build_clusters", "load_clusters", "write_clusters"]


def build_clusters(
    sentences: Sequence[list[str]],
    sizes: tuple[int, ...] = (64, 256, 1024),
    vector_size: int = 100,
    window: int = 5,
    min_count: int = 5,
    vocab_size: int = 100_000,
    epochs: int = 5,
    seed: int = 13,
    workers: int = 1,
    sg: int = 0,
) -> dict[str, tuple[str, ...]]:
    """Cluster ids (one per size in ``sizes``) for the most frequent words.

    ``sentences`` are lists of normalized words (a list, since word2vec makes several
    passes). With ``workers=1`` and a fixed ``PYTHONHASHSEED`` the result is exactly
    reproducible (gensim's documented condition); k-means is seeded.
    """
    import numpy as np
    from gensim.models import Word2Vec
    from sklearn.cluster import MiniBatchKMeans

    model = Word2Vec(
        sentences=sentences,
        vector_size=vector_size,
        window=window,
        min_count=min_count,
        sg=sg,
        workers=workers,
        epochs=epochs,
        seed=seed,
        max_final_vocab=vocab_size,
    )
    words = list(model.wv.index_to_key[:vocab_size])
    vectors = model.wv[words].astype(np.float64)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    columns: list[list[str]] = []
    for k in sizes:
        km = MiniBatchKMeans(n_clusters=k, random_state=seed, batch_size=4096, n_init=3, max_iter=100)
        labels = km.fit_predict(vectors)
        columns.append([str(x) for x in labels])
    return {w: tuple(col[i] for col in columns) for i, w in enumerate(words)}


def write_clusters(clusters: dict[str, tuple[str, ...]], path: Path) -> None:
    """Write ``word\\tc0\\tc1…`` lines, most frequent word first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for word, ids in clusters.items():
            fh.write(word + "\t" + "\t".join(ids) + "\n")


def load_clusters(path: Path) -> dict[str, tuple[str, ...]]:
    """Read a file written by :func:`write_clusters`."""
    return _parse(path.read_text(encoding="utf-8").splitlines())


def _parse(lines: Iterable[str]) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for line in lines:
        word, *ids = line.split("\t")
        if word and ids:
            out[word] = tuple(ids)
    return out
