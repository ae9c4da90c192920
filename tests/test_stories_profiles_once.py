"""The stories stage analyses each article once (issue 17): the corpus IDF from the
hashed counts and the profiles built from them equal the ones computed from the texts."""
from __future__ import annotations

import itertools

import numpy as np
import pytest

from marsad.entities.canonical import canonicalize
from marsad.entities.ner import extract_mentions_many
from marsad.ingest import IngestError, iter_articles
from marsad.pipeline import prepare
from marsad.stories import StoryContext
from marsad.stories.idf import corpus_idf, corpus_idf_of_buckets
from marsad.stories.similarity import CHANNELS, body_counts, build_profiles
from tests.conftest import SAUDINEWSNET, SEEDS


@pytest.fixture(scope="module")
def corpus():  # noqa: ANN201 - (articles, context with mentions)
    paths = [SEEDS, SAUDINEWSNET / "2015-07-23.json"]
    if not all(p.exists() for p in paths):
        pytest.skip("seeds or SaudiNewsNet not found")
    read = [a for a in itertools.islice(iter_articles(paths), 45) if not isinstance(a, IngestError)]
    articles = [prepare(a) for a in read]
    found = extract_mentions_many([(a.id, a.clean_text) for a in articles])
    _, mentions = canonicalize(articles, [m for ms in found for m in ms])
    return articles, StoryContext.of(mentions)


def test_idf_from_counts_equals_idf_from_texts(corpus) -> None:  # noqa: ANN001
    articles, _ = corpus
    from_texts = corpus_idf((a.title, a.clean_text or a.body) for a in articles)
    from_counts = corpus_idf_of_buckets(body_counts(articles).buckets())
    assert from_counts.documents == from_texts.documents
    assert np.array_equal(from_counts.idf, from_texts.idf)


def test_profiles_from_counts_equal_profiles_from_texts_across_chunks(corpus) -> None:  # noqa: ANN001
    """Every channel entry for entry, with chunks of 16 articles (stacked) as well."""
    articles, context = corpus
    context = StoryContext(context.mentions, context.reuse, corpus_idf((a.title, a.clean_text) for a in articles), context.links)
    plain = build_profiles(articles, context)
    counts = body_counts(articles, chunk=16)
    for chunk in (1000, 16):
        fast = build_profiles(articles, context, chunk=chunk, counts=counts)
        assert fast.ids == plain.ids
        for name in CHANNELS:
            a, b = fast.channel(name), plain.channel(name)
            assert (a != b).nnz == 0, name
            assert np.array_equal(a.indices, b.indices) and np.array_equal(a.data, b.data), name
        assert any(plain.channel("entities").indptr[1:]), "the entities channel is exercised"


def test_rare_channel_is_the_set_of_rare_terms(corpus) -> None:  # noqa: ANN001
    """The ``rare`` rows, now taken from the term counts, are those of hashing each
    article's distinct terms (how they were built before)."""
    from marsad.stories.analyze import analyze
    from marsad.stories.idf import hasher
    from marsad.stories.similarity import RARE_IDF, _l2

    articles, context = corpus
    table = corpus_idf((a.title, a.clean_text) for a in articles)
    context = StoryContext(context.mentions, context.reuse, table, context.links)
    rare = hasher().transform(set(analyze(a.title, a.clean_text).terms) for a in articles).tocsr()
    rare.data = (table.idf[rare.indices] >= RARE_IDF).astype(np.float64)
    rare.eliminate_zeros()
    assert rare.nnz > 0
    built = build_profiles(articles, context).rare
    expected = _l2(rare)
    assert np.array_equal(built.indptr, expected.indptr) and np.array_equal(built.indices, expected.indices)
    assert np.array_equal(built.data, expected.data)
