"""The summary stage's batched path (many small storylines' features computed
together) gives what summarizing each storyline alone gives, float for float."""
from __future__ import annotations

import itertools
import re
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


def _big_storyline(monkeypatch: pytest.MonkeyPatch):  # noqa: ANN202 - test helper
    """One storyline of ~45 real articles (seeds and SaudiNewsNet), with row blocks
    small enough that its n × n arrays are computed in several blocks."""
    articles = _articles()
    options = SummaryOptions()
    units = summary_module._units(articles, options.max_sentences)
    monkeypatch.setattr(summary_module, "_BLOCK_CELLS", 7 * len(units))  # 7 rows a block
    return articles, units, summary_module._features([u.text for u in units], options), options


def test_blocked_matrices_equal_the_whole_matrix_arithmetic(monkeypatch: pytest.MonkeyPatch) -> None:
    """A big storyline's similarity (row blocks, quotes applied to the owners' rows),
    fact-centroid cosines (row blocks) and fact similarity (fact blocks) equal the
    whole-matrix expressions bit for bit."""
    import numpy as np

    articles, units, features, options = _big_storyline(monkeypatch)
    n = len(units)
    assert n * n > 4 * summary_module._BLOCK_CELLS and sum(map(len, features.quotes)) > 3
    sim = features.similarity()
    # fresh features for the reference: a first product sorts a CSR matrix's indices
    # in place, so a feature matrix is read in its first order once only
    features = summary_module._features([u.text for u in units], options)
    whole = summary_module._blend(
        (features.word @ features.word.T).toarray(),
        lambda: (features.char @ features.char.T).toarray(),
        np.asarray(features.binary.sum(axis=1)).ravel(),
        lambda: (features.binary @ features.binary.sign().T).toarray(),
        features.tokens, [[] for _ in units], options.word_weight, options.overlap_weight, options.min_overlap_words,
    )
    _plain_quotes(whole, features.tokens, features.quotes)
    assert np.array_equal(sim, whole)
    ordered = _partition(n)
    rows = features.rows(np.arange(n))
    membership = summary_module._membership(ordered, n)
    centroids = summary_module._unit_rows((membership @ rows).tocsr())
    plain = (centroids @ centroids.T).toarray()
    blocked = summary_module._centroid_similarity(rows, ordered)
    assert np.array_equal(blocked, plain)
    cols = np.concatenate(ordered)
    starts = np.cumsum([0] + [len(ks) for ks in ordered[:-1]])
    best = np.maximum.reduceat(np.maximum.reduceat(sim[cols], starts, axis=0)[:, cols], starts, axis=1)
    np.fill_diagonal(best, 0.0)
    expected = np.maximum(plain, np.maximum(best, best.T))
    np.fill_diagonal(expected, 1.0)
    assert np.array_equal(summary_module._fact_blend(blocked, sim, ordered), expected)


def test_condensed_clustering_equals_scikit_learns(monkeypatch: pytest.MonkeyPatch) -> None:
    """Average linkage over the condensed distances, cut as scikit-learn cuts it, gives
    AgglomerativeClustering's clusters (same-article pairs apart, must-links joined)."""
    import numpy as np
    from sklearn.cluster import AgglomerativeClustering

    articles, units, features, options = _big_storyline(monkeypatch)
    sim = features.similarity()
    must_link = {(0, len(units) - 1), (len(units) // 2, 3)}
    for threshold in (options.same_fact, 0.3, 0.8):
        dist = 1.0 - np.clip(sim, 0.0, 1.0)
        art = np.array([u.article_id for u in units])
        dist[art[:, None] == art[None, :]] = 2.0
        for i, j in must_link:
            dist[i, j] = dist[j, i] = 0.0
        np.fill_diagonal(dist, 0.0)
        labels = AgglomerativeClustering(
            n_clusters=None, metric="precomputed", linkage="average", distance_threshold=1.0 - threshold
        ).fit_predict(dist)
        ours = summary_module._clusters(sim, units, must_link, threshold)

        def partition(found) -> set[frozenset[int]]:  # noqa: ANN001
            groups: dict[int, set[int]] = {}
            for k, label in enumerate(found):
                groups.setdefault(int(label), set()).add(k)
            return {frozenset(g) for g in groups.values()}

        assert partition(ours) == partition(labels)
        assert len(partition(ours)) < len(units)


def _plain_quotes(sim, tokens, quotes) -> None:  # noqa: ANN001
    """The quote raise as a whole n × n matrix of maxima and its transpose."""
    import numpy as np

    for i, own in enumerate(quotes):
        for quote in own:
            best = np.array([len(quote & bag) for bag in tokens], dtype=float)
            covered = np.where(best >= 4, best / len(quote), 0.0)
            covered[i] = 0.0
            sim[i] = np.maximum(sim[i], covered)
            sim[:, i] = np.maximum(sim[:, i], covered)


def test_lexrank_in_place_equals_the_plain_transition(monkeypatch: pytest.MonkeyPatch) -> None:
    """LexRank with its transition normalized in place ranks as the plain formula does,
    an isolated fact (a zero row: uniform jumps) included."""
    import numpy as np

    _, units, features, _ = _big_storyline(monkeypatch)
    sim = features.similarity()[:300, :300].copy()
    sim[7, :] = sim[:, 7] = 0.0
    sim[7, 7] = 1.0
    weights = np.clip(sim, 0.0, None).copy()
    np.fill_diagonal(weights, 0.0)
    rows = weights.sum(axis=1, keepdims=True)
    transition = np.divide(weights, rows, out=np.full_like(weights, 1.0 / len(sim)), where=rows > 0)
    rank = np.full(len(sim), 1.0 / len(sim))
    for _ in range(200):
        new = (1 - 0.85) / len(sim) + 0.85 * (transition.T @ rank)
        done = np.abs(new - rank).sum() < 1e-8
        rank = new
        if done:
            break
    assert np.array_equal(summary_module._lexrank(sim), rank)


def test_content_tokens_from_the_word_memo_equal_the_plain_loop() -> None:
    """Content tokens read through the per-word memo equal the stopword, digit and
    stem tests applied word by word, on real sentences (and after the memo is reset)."""
    from marsad.arabic.lexicons import STOPWORDS
    from marsad.arabic.stem import stem
    from marsad.arabic.tokenize import words

    def plain(text: str) -> list[str]:
        out = []
        for word in words(text):
            if word in STOPWORDS:
                continue
            if re.search(r"\d", word):
                out.append(word)
            elif len(word) > 1 and (stemmed := stem(word)) and stemmed not in STOPWORDS:
                out.append(stemmed)
        return out

    texts = [s.text for a in _articles() for s in a.sentences]
    summary_module._content_tokens.cache_clear()
    summary_module._WORD_TOKENS.clear()
    assert [summary_module.content_tokens(t) for t in texts] == [plain(t) for t in texts]
    assert sum(map(len, map(plain, texts))) > 10_000
