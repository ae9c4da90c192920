"""Pipeline wiring: stage selection, worker processes, progress reports."""
from __future__ import annotations

import json
from dataclasses import asdict

import pytest

from marsad import pipeline
from marsad.ingest import iter_articles
from marsad.model import Article
from tests.conftest import SAUDINEWSNET


def _day_sample(n: int) -> list[Article]:
    day = SAUDINEWSNET / "2015-07-22.json"
    if not day.exists():
        pytest.skip(f"SaudiNewsNet not found at {SAUDINEWSNET}")
    articles = [a for a in iter_articles([day]) if isinstance(a, Article)]
    return articles[:n]


def test_worker_processes_give_the_same_entities_in_order() -> None:
    articles = _day_sample(80)
    seen: list[tuple[str, int, int]] = []
    single = pipeline.digest(articles, pipeline.Options(stages=("entities",)))
    forked = pipeline.digest(
        articles, pipeline.Options(stages=("entities",), workers=2, on_progress=lambda *p: seen.append(p))
    )
    assert single.mentions, "the sample has named entities"
    assert json.dumps([asdict(m) for m in forked.mentions]) == json.dumps([asdict(m) for m in single.mentions])
    assert [e.id for e in forked.entities] == [e.id for e in single.entities]
    # NER runs in the per-article layer, which reports its progress as "analysis"
    assert seen and seen[-1] == ("analysis", 80, 80)
    assert all(stage == "analysis" for stage, _, _ in seen)


def test_parse_stages() -> None:
    assert pipeline.parse_stages("all") is None
    assert pipeline.parse_stages("none") == ()
    assert pipeline.parse_stages("reuse, stories") == ("reuse", "stories")
    with pytest.raises(ValueError, match="unknown stage nope"):
        pipeline.parse_stages("reuse,nope")
