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
