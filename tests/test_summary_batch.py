"""The summary stage's batched path (many small storylines' features computed
together) gives what summarizing each storyline alone gives, float for float."""
from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from marsad import summarize as summary_module
from marsad.ingest import IngestError, iter_articles
from marsad.model import Article, Reuse, Storyline
from marsad.pipeline import prepare
from marsad.reuse import ReuseSettings, find_reuse
from marsad.summarize import SummaryOptions, SummaryResult, summarize, summarize_storyline
from tests.conftest import SAUDINEWSNET, SEEDS


def _articles(limit: int = 45) -> list[Article]:
    """The seeds and the first SaudiNewsNet articles of a day, prepared."""
    paths = [SEEDS, SAUDINEWSNET / "2015-07-23.json"]
    if not all(p.exists() for p in paths):
        pytest.skip("seeds or SaudiNewsNet not found")
    return [prepare(a) for a in itertools.islice(iter_articles(paths), limit) if not isinstance(a, IngestError)]


def _storylines(articles: list[Article]) -> list[Storyline]:
    """The seeds (one story told by five outlets), then storylines of 1, 2, 3, 1, 4, …
    articles in reading order (one-article ones are most of a corpus's), and one
    naming no known article."""
    seeds = [a.id for a in articles if Path(a.path).parent.name == SEEDS.name]
    out = [Storyline(id="seeds", title="", article_ids=seeds)]
    articles = [a for a in articles if a.id not in set(seeds)]
    start = 0
    for n, size in enumerate(itertools.cycle([1, 2, 3, 1, 4])):
        if start >= len(articles):
            break
        out.append(Storyline(id=f"s{n}", title="", article_ids=[a.id for a in articles[start:start + size]]))
        start += size
    out.insert(2, Storyline(id="gone", title="", article_ids=["no-such-article"]))
    return out


def _one_by_one(articles: list[Article], storylines: list[Storyline], reuse: list[Reuse], options: SummaryOptions) -> SummaryResult:
    by_id = {a.id: a for a in articles}
    result = SummaryResult()
    for storyline in storylines:
        members = [by_id[a] for a in storyline.article_ids if a in by_id]
        if not members:
            continue
        ids = {a.id for a in members}
        part = summarize_storyline(storyline, members, [r for r in reuse if r.a in ids and r.b in ids], options)
        result.facts += part.facts
        result.summary += part.summary
        result.coverage += part.coverage
    return result


@pytest.mark.parametrize("sentences", [summary_module.BATCH_MAX_SENTENCES, 60])
def test_batched_storylines_equal_one_at_a_time(monkeypatch: pytest.MonkeyPatch, sentences: int) -> None:
    """Facts (members, sources, centrality and score to the last digit), summaries and
    coverage are equal; with a small batch limit the storylines span several batches,
    and the largest is summarized alone (over the batch's sentence limit)."""
    articles = _articles()
    storylines = _storylines(articles)
    reuse = find_reuse(articles, ReuseSettings()).links
    options = SummaryOptions()
    monkeypatch.setattr(summary_module, "BATCH_MAX_SENTENCES", sentences)
    monkeypatch.setattr(summary_module, "BATCH_MAX_UNITS", min(summary_module.BATCH_MAX_UNITS, sentences))
    batched = summarize(articles, storylines, reuse, options)
    alone = _one_by_one(articles, storylines, reuse, options)
    assert len(batched.facts) > 200 and any(len(f.sentences) > 1 for f in batched.facts)
    assert batched.facts == alone.facts
    assert batched.summary == alone.summary
    assert batched.coverage == alone.coverage


def test_batch_matrices_equal_each_storylines_own_to_the_last_bit() -> None:
    """The sentence similarity and the fact-centroid cosines read from a batch equal
    what the storyline's own features give, bit for bit (the rounded scores above
    would hide a last-digit drift)."""
    import numpy as np

    articles = _articles()
    by_id = {a.id: a for a in articles}
    options = SummaryOptions()
    texts = []
    for storyline in _storylines(articles):
        members = [by_id[a] for a in storyline.article_ids if a in by_id]
        if members:
            texts.append([u.text for u in summary_module._units(members, options.max_sentences)])
    ordered = [_partition(len(t)) for t in texts]
    batch = summary_module._Batch(texts, options)
    centroids = batch.centroid_similarity(ordered)
    for b, group in enumerate(texts):
        features = summary_module._features(group, options)
        assert np.array_equal(batch.similarity(b), features.similarity())
        own = summary_module._centroid_similarity(features.rows(np.arange(len(group))), ordered[b])
        assert np.array_equal(centroids[b], own)


def _partition(n: int) -> list[list[int]]:
    """0..n-1 cut into consecutive facts of 1, 2, 3, 1, 2, 3, … members."""
    out, start = [], 0
    for size in itertools.cycle([1, 2, 3]):
        if start >= n:
            return out
        out.append(list(range(start, min(n, start + size))))
        start += size
    return out
