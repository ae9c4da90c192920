"""The digest lets the NER model go once its articles are tagged (issue 17: memory),
and the corpus stages still find every name."""
from __future__ import annotations

import pytest

from marsad import pipeline
from marsad.entities.ner import load_model
from marsad.ingest import iter_articles
from tests.conftest import SEEDS


def test_ner_model_released_after_the_per_article_layer(monkeypatch: pytest.MonkeyPatch) -> None:
    if not SEEDS.is_dir():
        pytest.skip("seed articles not found")
    articles = [a for a in iter_articles([SEEDS]) if not isinstance(a, Exception)]
    load_model.cache_clear()  # other tests may have loaded other models
    kept = pipeline.digest(articles)
    assert load_model.cache_info().currsize == 1  # a small digest keeps it (5 < 500)
    monkeypatch.setattr(pipeline, "RELEASE_MODEL_ARTICLES", 1)
    released = pipeline.digest(articles)
    assert load_model.cache_info().currsize == 0
    assert released.mentions and released.mentions == kept.mentions
    assert [e.id for e in released.entities] == [e.id for e in kept.entities]


def test_corpus_stages_run_with_a_settled_heap_and_hand_the_collector_back(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each corpus stage starts with the earlier stages' objects frozen out of the
    cyclic collector (and a larger young generation); afterwards the collector is as
    before, and the digest is the one the default collector gives."""
    import gc

    if not SEEDS.is_dir():
        pytest.skip("seed articles not found")
    articles = [a for a in iter_articles([SEEDS]) if not isinstance(a, Exception)]
    before = gc.get_threshold()
    seen: list[tuple[int, tuple[int, int, int]]] = []
    stages = [(name, lambda result, options, stage=stage: (seen.append((gc.get_freeze_count(), gc.get_threshold())), stage(result, options))[1])
              for name, stage in pipeline.STAGES]
    monkeypatch.setattr(pipeline, "STAGES", stages)
    settled = pipeline.digest(articles)
    assert len(seen) == len(stages)
    assert all(frozen > 0 and threshold == pipeline.STAGE_GC_THRESHOLD for frozen, threshold in seen)
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
    monkeypatch.setattr(pipeline, "_settled_heap", _plain_heap)
    plain = pipeline.digest(articles)
    assert settled.summary == plain.summary and settled.facts == plain.facts and settled.entities == plain.entities
    assert settled.events == plain.events and settled.timeline == plain.timeline and settled.quotes == plain.quotes


def _plain_heap():
    """The corpus stages with the collector left alone (what :func:`pipeline._settled_heap` replaces)."""
    from contextlib import contextmanager

    @contextmanager
    def plain():
        yield lambda: None

    return plain()


def test_story_models_released_after_the_stories_stage(monkeypatch: pytest.MonkeyPatch) -> None:
    """From RELEASE_MODEL_ARTICLES articles on, the stories stage lets its word
    vectors, IDF table and word memo go (the summary, which sets the digest's peak,
    runs after it); the next digest loads them again and is the same."""
    from marsad.stories import analyze
    from marsad.stories.idf import load_idf
    from marsad.stories.semantic import load_semantic

    if not SEEDS.is_dir():
        pytest.skip("seed articles not found")
    articles = [a for a in iter_articles([SEEDS]) if not isinstance(a, Exception)]
    kept = pipeline.digest(articles)
    assert load_idf.cache_info().currsize == 1 and analyze._WORD_KINDS  # a small digest keeps them
    monkeypatch.setattr(pipeline, "RELEASE_MODEL_ARTICLES", 1)
    released = pipeline.digest(articles)
    assert load_idf.cache_info().currsize == 0 and load_semantic.cache_info().currsize == 0
    assert not analyze._WORD_KINDS
    assert released.events == kept.events and released.storylines == kept.storylines
    assert released.summary == kept.summary and released.timeline == kept.timeline
    again = pipeline.digest(articles)
    assert again.storylines == kept.storylines
