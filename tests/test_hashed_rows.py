"""Document rows assembled from cached per-word rows equal scikit-learn's
HashingVectorizer rows of the same documents, entry for entry."""
from __future__ import annotations

import itertools

import numpy as np
import pytest
from sklearn.feature_extraction.text import HashingVectorizer

from marsad.arabic.sentences import split_sentences
from marsad.hashed_rows import WordRows, char_wb_words
from marsad.ingest import IngestError, iter_articles
from marsad.summarize import content_tokens
from tests.conftest import SAUDINEWSNET, SEEDS


def _sentences(limit: int = 60) -> list[str]:
    """Sentences of the seeds and of the first SaudiNewsNet articles of a day."""
    paths = [SEEDS, SAUDINEWSNET / "2015-07-23.json"]
    if not all(p.exists() for p in paths):
        pytest.skip("seeds or SaudiNewsNet not found")
    articles = [a for a in itertools.islice(iter_articles(paths), limit) if not isinstance(a, IngestError)]
    return [s.text for a in articles for s in split_sentences(a.body)]


def _same(a, b) -> None:  # noqa: ANN001 - two sparse matrices
    a, b = a.tocsr(), b.tocsr()
    assert a.shape == b.shape
    assert np.array_equal(a.indptr, b.indptr)
    assert np.array_equal(a.indices, b.indices)
    assert np.array_equal(a.data, b.data)


def test_char_ngram_rows_equal_the_vectorizer_rows() -> None:
    """char_wb 3–5-grams (the summary's char channel), over content-word strings and
    raw sentences with punctuation, Latin capitals and digits; a second batch reuses
    the cache and still matches."""
    texts = _sentences()
    docs = [" ".join(content_tokens(t)) for t in texts] + texts + ["", "  ", "Obama  و OBAMA،"]
    vectorizer = HashingVectorizer(analyzer="char_wb", ngram_range=(3, 5), n_features=1 << 20, alternate_sign=False, norm=None)
    rows = WordRows(vectorizer)
    half = len(docs) // 2
    _same(rows.transform([char_wb_words(d) for d in docs[:half]]), vectorizer.transform(docs[:half]))
    _same(rows.transform([char_wb_words(d) for d in docs]), vectorizer.transform(docs))


def test_token_rows_equal_the_vectorizer_rows_and_survive_a_cache_reset() -> None:
    """Identity analyzer over token lists (the summary's word channel), repeated tokens
    counted; with a tiny cache limit the cache is cleared mid-run and rows still match."""
    token_lists = [content_tokens(t) for t in _sentences()] + [[], ["a", "a", "b"]]
    vectorizer = HashingVectorizer(analyzer=lambda tokens: tokens, n_features=1 << 20, alternate_sign=False, norm=None)
    rows = WordRows(vectorizer, as_document=lambda word: [word], limit=50)
    for start in range(0, len(token_lists), 40):
        batch = token_lists[start:start + 40]
        _same(rows.transform(batch), vectorizer.transform(batch))


def test_summary_tfidf_equals_scikit_learns_transformer() -> None:
    """The summary's TF-IDF (written out to skip per-call validation) gives
    TfidfTransformer(sublinear_tf=True, norm="l2")'s rows and IDF, float for float."""
    from scipy import sparse
    from sklearn.feature_extraction.text import TfidfTransformer

    from marsad.summarize import _tfidf

    token_lists = [content_tokens(t) for t in _sentences()]
    vectorizer = HashingVectorizer(analyzer=lambda tokens: tokens, n_features=1 << 20, alternate_sign=False, norm=None)
    counts = vectorizer.transform(token_lists).tocsr()
    rows, idf = _tfidf(counts.copy())
    used, inverse = np.unique(counts.indices, return_inverse=True)
    compact = sparse.csr_matrix((counts.data, inverse, counts.indptr), shape=(counts.shape[0], len(used)))
    compact.sum_duplicates()
    transformer = TfidfTransformer(sublinear_tf=True, norm="l2")
    expected = transformer.fit_transform(compact).tocsr()
    assert np.array_equal(idf, transformer.idf_)
    _same(rows, expected)
