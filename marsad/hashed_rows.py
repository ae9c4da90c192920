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
        limit: int = 200_000,
    ) -> None:
        if vectorizer.norm is not None or vectorizer.alternate_sign or vectorizer.binary:
            raise ValueError("WordRows needs a counting vectorizer (norm=None, alternate_sign=False, binary=False)")
        self.vectorizer = vectorizer
        self.as_document = as_document
        self.limit = limit
        self._clear()

    def _clear(self) -> None:
        """Forget every word. A word's row is ``_indices``/``_data`` from ``_starts[id]``
        for ``_sizes[id]`` entries (flat arrays, grown by doubling)."""
        self._ids: dict[str, int] = {}
        self._starts = np.zeros(1024, dtype=np.int64)
        self._sizes = np.zeros(1024, dtype=np.int64)
        self._indices = np.zeros(1 << 16, dtype=np.int32)
        self._data = np.zeros(1 << 16, dtype=np.int32)  # counts: whole numbers
        self._used = 0

    @staticmethod
    def _fit(array: np.ndarray, size: int) -> np.ndarray:
        """``array`` grown (doubling) to hold at least ``size`` items."""
        if size <= len(array):
            return array
        grown = np.zeros(max(size, 2 * len(array)), dtype=array.dtype)
        grown[: len(array)] = array
        return grown

    def _learn(self, words: Sequence[str]) -> None:
        """Hash the rows of ``words`` (not cached yet) in one vectorizer call."""
        matrix = self.vectorizer.transform([self.as_document(w) for w in words]).tocsr()
        base, used, added = len(self._ids), self._used, matrix.nnz
        self._starts = self._fit(self._starts, base + len(words))
        self._sizes = self._fit(self._sizes, base + len(words))
        self._starts[base:base + len(words)] = matrix.indptr[:-1] + used
        self._sizes[base:base + len(words)] = np.diff(matrix.indptr)
        self._indices = self._fit(self._indices, used + added)
        self._data = self._fit(self._data, used + added)
        self._indices[used:used + added] = matrix.indices
        self._data[used:used + added] = matrix.data  # small whole counts, exact as int32
        self._used = used + added
        self._ids.update(zip(words, range(base, base + len(words))))

    def transform(self, documents: Sequence[Sequence[str]]) -> sparse.csr_matrix:
        """``vectorizer.transform`` of the documents these word lists stand for."""
        ids = self._ids
        new = list(dict.fromkeys(w for doc in documents for w in doc if w not in ids))
        if new:
            if len(ids) + len(new) > self.limit:
                self._clear()
                new = list(dict.fromkeys(w for doc in documents for w in doc))
            self._learn(new)
            ids = self._ids
        tokens = np.array([ids[w] for doc in documents for w in doc], dtype=np.int64)
        per_doc = np.fromiter(map(len, documents), dtype=np.int64, count=len(documents))
        sizes = self._sizes[tokens]
        ends = np.cumsum(sizes)
        # every entry of every token's row, in token order
        positions = np.arange(int(ends[-1]) if len(ends) else 0) - np.repeat(ends - sizes - self._starts[tokens], sizes)
        cumulative = np.concatenate([[0], ends])
        indptr = cumulative[np.concatenate([[0], np.cumsum(per_doc)])]
        n_features = self.vectorizer.n_features
        index_dtype = np.int32 if n_features < 2**31 and int(indptr[-1]) < 2**31 else np.int64
        matrix = sparse.csr_matrix(
            (self._data[positions].astype(np.float64), self._indices[positions].astype(index_dtype, copy=False), indptr.astype(index_dtype)),
            shape=(len(documents), n_features),
        )
        matrix.sum_duplicates()
        return matrix
