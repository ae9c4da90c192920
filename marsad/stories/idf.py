"""A background IDF table over hashed terms, so that two articles can be compared alone.

TF-IDF needs document frequencies. A digest of five articles (or a pair given to
``marsad similarity``) is far too small to estimate them, and an online clusterer must
not change its vectors as documents arrive. So the weights come from a fixed
background corpus — SaudiNewsNet, 31k Arabic news articles of 2015 — counted over
*hashed* features (``FeatureHasher``, 2**20 buckets): no vocabulary to store or grow,
stable across runs and machines. Unseen terms get the IDF of a term seen once.

Rebuild (after a change of the stemmer; ``tests/test_stories.py`` checks the
fingerprint)::

    .venv/bin/python -m marsad.stories.idf ../shared/data/saudinewsnet --out marsad/stories/idf.npz
"""
from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction import FeatureHasher

from marsad.stories.analyze import analyze, analyzer_fingerprint

__all__ = ["N_FEATURES", "IdfTable", "hasher", "load_idf", "build_idf", "number_key", "corpus_idf", "corpus_idf_of_buckets"]

N_FEATURES = 2**20
_ARTIFACT = Path(__file__).with_name("idf.npz")


def number_key(token: str) -> str:
    """Hashed key of a number token (its own namespace next to the terms)."""
    return "#" + token


@lru_cache(maxsize=1)
def hasher() -> FeatureHasher:
    """The one feature hasher every channel uses (murmurhash3, stable everywhere)."""
    return FeatureHasher(n_features=N_FEATURES, input_type="string", alternate_sign=False)


@dataclass(slots=True)
class IdfTable:
    """Smoothed IDF per hash bucket: ``log((N + 1) / (df + 1)) + 1``."""

    documents: int
    idf: np.ndarray  # float32, shape (N_FEATURES,)
    fingerprint: str

    @property
    def max_idf(self) -> float:
        return math.log((self.documents + 1) / 1) + 1

    def of(self, keys: Iterable[str]) -> np.ndarray:
        """IDF of each key (a term, or ``number_key(n)``)."""
        matrix = hasher().transform([[k] for k in keys])
        return self.idf[matrix.indices] if matrix.nnz else np.zeros(0, dtype=np.float32)


def _table(documents: int, buckets: np.ndarray, dfs: np.ndarray, fingerprint: str) -> IdfTable:
    idf = np.full(N_FEATURES, math.log((documents + 1) / 2) + 1, dtype=np.float32)
    idf[buckets] = (np.log((documents + 1) / (dfs.astype(np.float64) + 1)) + 1).astype(np.float32)
    return IdfTable(documents, idf, fingerprint)


def corpus_idf(documents: Iterable[tuple[str | None, str]], background: IdfTable | None = None, weight: float = 1.0) -> IdfTable:
    """The background table blended with the document frequencies of ``documents``.

    Counts add up: ``df = df_background + weight · df_corpus`` over ``N_background +
    weight · N_corpus`` documents, so a term that is everywhere in the corpus being
    digested (an outlet's boilerplate, the week's ubiquitous name) loses weight there,
    while a small corpus barely moves the background. Terms seen once in the corpus
    count too (``min_df=1``): a name in two articles of a digest is what links them.
    """
    count, buckets, dfs = build_idf(documents, min_df=1)
    return _blend(background or load_idf(), count, buckets, dfs, weight)


def corpus_idf_of_buckets(presence: sp.csr_matrix, background: IdfTable | None = None, weight: float = 1.0) -> IdfTable:
    """:func:`corpus_idf` from each document's hashed keys already at hand: one row per
    document whose non-zero columns are the buckets of its keys (terms and number keys,
    as :func:`build_idf` hashes them); the same table, without analysing texts again."""
    presence = presence.tocsr()
    presence.sum_duplicates()
    presence.eliminate_zeros()
    df = np.bincount(presence.indices, minlength=N_FEATURES)
    buckets = np.flatnonzero(df >= 1).astype(np.int32)
    return _blend(background or load_idf(), presence.shape[0], buckets, df[buckets].astype(np.uint32), weight)


def _blend(background: IdfTable, count: int, buckets: np.ndarray, dfs: np.ndarray, weight: float) -> IdfTable:
    base_df = np.exp(math.log(background.documents + 1) + 1 - background.idf.astype(np.float64)) - 1
    df = base_df
    df[buckets] += weight * dfs
    documents_total = background.documents + weight * count
    idf = (np.log((documents_total + 1) / (df + 1)) + 1).astype(np.float32)
    return IdfTable(int(round(documents_total)), idf, background.fingerprint)


@lru_cache(maxsize=1)
def load_idf(path: str | None = None) -> IdfTable:
    """The packaged table (or the one at ``path``)."""
    with np.load(path or _ARTIFACT, allow_pickle=False) as data:
        return _table(int(data["documents"]), data["buckets"], data["dfs"], str(data["fingerprint"]))


def _doc_keys(title: str | None, text: str) -> list[str]:
    tokens = analyze(title, text)
    return sorted(set(tokens.terms) | {number_key(n) for n in tokens.numbers})


def build_idf(documents: Iterable[tuple[str | None, str]], min_df: int = 2) -> tuple[int, np.ndarray, np.ndarray]:
    """Document count, buckets and document frequencies (df ≥ ``min_df``) of a corpus."""
    df = np.zeros(N_FEATURES, dtype=np.int64)
    count = 0
    batch: list[list[str]] = []

    def flush() -> None:
        if batch:
            matrix = hasher().transform(batch)
            matrix.data[:] = 1
            matrix.sum_duplicates()
            matrix.data[:] = 1
            np.add.at(df, matrix.indices, 1)
            batch.clear()

    for title, text in documents:
        batch.append(_doc_keys(title, text))
        count += 1
        if len(batch) >= 2000:
            flush()
    flush()
    buckets = np.flatnonzero(df >= min_df).astype(np.int32)
    return count, buckets, df[buckets].astype(np.uint32)


def _saudinewsnet(directory: Path) -> Iterator[tuple[str | None, str]]:
    for path in sorted(directory.glob("*.json")):
        for record in json.loads(path.read_text(encoding="utf-8")):
            yield record.get("title"), record.get("content") or ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the background IDF table from SaudiNewsNet JSON files.")
    parser.add_argument("directory", type=Path)
    parser.add_argument("--out", type=Path, default=_ARTIFACT)
    args = parser.parse_args(argv)
    if not args.directory.is_dir():
        print(f"idf: {args.directory}: not a directory", file=sys.stderr)
        return 2
    documents, buckets, dfs = build_idf(_saudinewsnet(args.directory))
    np.savez_compressed(
        args.out, documents=np.int64(documents), buckets=buckets, dfs=dfs, fingerprint=np.str_(analyzer_fingerprint())
    )
    print(f"{documents} documents, {len(buckets)} buckets with df >= 2 → {args.out}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
