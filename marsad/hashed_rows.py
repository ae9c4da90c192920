"""Hashed bag-of-features rows of many documents, built from cached per-word rows.

scikit-learn's :class:`~sklearn.feature_extraction.text.HashingVectorizer` analyses
and hashes every document afresh. When a document's features are the union of its
words' features — an identity analyzer over a token list, or ``char_wb`` n-grams,
which never cross a space — a document's row is the sum of its words' rows. News
repeats its vocabulary, so :class:`WordRows` hashes each distinct word once (one
vectorizer call for all words not seen before) and assembles document rows with array
operations: the same matrix as ``vectorizer.transform(documents)``, entry for entry
(counts are small integers, exact in float64, whatever order they are added in).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import HashingVectorizer

__all__ = ["WordRows", "char_wb_words"]


def char_wb_words(document: str) -> list[str]:
    """The words ``char_wb`` analysis takes n-grams of: the lower-cased document split
    at white space (scikit-learn lower-cases, then pads each ``split()`` word)."""
    return document.lower().split()


class WordRows:
    """Rows of a :class:`HashingVectorizer` (counts, ``norm=None``,
    ``alternate_sign=False``) for documents given as word lists, from a cache of each
    word's own hashed row.

    ``as_document`` turns one word into what ``vectorizer`` takes as a document (the
    word itself for ``char_wb``; ``[word]`` for an identity analyzer over token lists).
    The cache is cleared past ``limit`` words, which keeps memory flat on a long run.
    """

    def __init__(
        self,
        vectorizer: HashingVectorizer,
        as_document: Callable[[str], object] = lambda word: word,
        limit: int = 400_000,
    ) -> None:
        if vectorizer.norm is not None or vectorizer.alternate_sign or vectorizer.binary:
            raise ValueError("WordRows needs a counting vectorizer (norm=None, alternate_sign=False, binary=False)")
        self.vectorizer = vectorizer
        self.as_document = as_document
        self.limit = limit
        self._rows: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def _learn(self, words: Sequence[str]) -> None:
        """Hash the rows of ``words`` (not cached yet) in one vectorizer call."""
        matrix = self.vectorizer.transform([self.as_document(w) for w in words]).tocsr()
        indptr, indices, data = matrix.indptr, matrix.indices, matrix.data
        for k, word in enumerate(words):
            lo, hi = indptr[k], indptr[k + 1]
            self._rows[word] = (indices[lo:hi], data[lo:hi])

    def transform(self, documents: Sequence[Sequence[str]]) -> sparse.csr_matrix:
        """``vectorizer.transform`` of the documents these word lists stand for."""
        rows = self._rows
        new = list(dict.fromkeys(w for doc in documents for w in doc if w not in rows))
        if new:
            if len(rows) + len(new) > self.limit:
                rows.clear()
                new = list(dict.fromkeys(w for doc in documents for w in doc))
            self._learn(new)
        parts = [rows[w] for doc in documents for w in doc]
        sizes = np.fromiter((len(p[0]) for p in parts), dtype=np.int64, count=len(parts))
        per_doc = np.fromiter((len(doc) for doc in documents), dtype=np.int64, count=len(documents))
        ends = np.cumsum(per_doc)
        cumulative = np.concatenate([[0], np.cumsum(sizes)])
        indptr = cumulative[np.concatenate([[0], ends])]
        if parts:
            indices = np.concatenate([p[0] for p in parts])
            data = np.concatenate([p[1] for p in parts])
        else:
            indices, data = np.zeros(0, dtype=np.int32), np.zeros(0)
        n_features = self.vectorizer.n_features
        index_dtype = np.int32 if n_features < 2**31 and int(indptr[-1]) < 2**31 else np.int64
        matrix = sparse.csr_matrix(
            (data, indices.astype(index_dtype, copy=False), indptr.astype(index_dtype)),
            shape=(len(documents), n_features),
        )
        matrix.sum_duplicates()
        return matrix
