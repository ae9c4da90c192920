"""Bounded, precomputed story views: what GET /stories/{id} serves (real seed articles).

A view keeps at most N items of each list with the full counts, is stored once and read
from its row, and is recomputed when the live layer changes its storyline.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from marsad.api import create_app
from marsad.ingest import IngestError, iter_articles
from marsad.live import LiveLinker
from marsad.model import Article
from marsad.store import open_store
from marsad.store.loader import ingest_into, rebuild_derived
from marsad.store.views import bound_story
from tests.conftest import SEEDS


def _seeds() -> list[Article]:
    return [a for a in iter_articles([SEEDS]) if not isinstance(a, IngestError)]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("views") / "marsad.db"
    with open_store(str(path)) as store:
        ingest_into(store, _seeds())
        rebuild_derived(store)
    return str(path)


def test_a_view_cuts_every_list_and_keeps_the_counts(db: str) -> None:
    with open_store(db) as store:
        story_id = store.stories(order="biggest", limit=1)[0]["id"]
        story = store.story(story_id)
    assert story is not None and len(story["quotes"]) > 3 and len(story["articles"]) == 5
    view = bound_story(story, cap=3)
    for key, value in story.items():
        if isinstance(value, list) and key != "outlets":
            assert view["counts"][key] == len(value)
            assert view[key][:1] == value[:1] or key in ("reuse", "coverage")
            assert len(view[key]) == min(3, len(value))
            assert (key in view["truncated"]) == (len(value) > 3)
    assert "quotes" in view["truncated"] and "articles" in view["truncated"]
    # the charts' counts are over every article, not the first three
    assert sum(n for _, n in view["per_outlet"]) == 5
    assert sum(n for _, n in view["per_day"]) == sum(1 for a in story["articles"] if a.get("published"))


def test_the_api_serves_the_stored_view_and_pages_the_rest(db: str) -> None:
    with open_store(db) as store:
        story_id = store.stories(order="biggest", limit=1)[0]["id"]
        full = store.story(story_id)
    with TestClient(create_app(db)) as client:
        got = client.get(f"/stories/{story_id}")
        assert got.status_code == 200 and got.headers["content-type"] == "application/json"
        assert got.json() == json.loads(json.dumps(bound_story(full)))
        with open_store(db) as store:
            stored = store._one("SELECT body FROM story_views WHERE storyline_id = ?", (story_id,))
        assert stored is not None and json.loads(stored[0]) == got.json()
        assert client.get(f"/stories/{story_id}").content == got.content
        page = client.get(f"/stories/{story_id}/quotes", params={"limit": 2, "offset": 1}).json()
        assert page["total"] == len(full["quotes"]) and page["items"] == full["quotes"][1:3]
        assert client.get(f"/stories/{story_id}/bogus").status_code == 422
        assert client.get("/stories/nope/quotes").status_code == 404
        assert client.get("/stories/nope").status_code == 404


def test_a_live_change_to_the_storyline_replaces_its_view(tmp_path: Path) -> None:
    seeds = _seeds()
    with open_store(str(tmp_path / "live.db")) as store:
        linker = LiveLinker(store)
        first = linker.add_many(seeds[:4])
        story_id = first[-1].storyline_id
        before = json.loads(store.story_view_json(story_id) or "null")
        assert before["counts"]["articles"] == len(store.story(story_id)["articles"])
        results = linker.add_many(seeds[4:])
        assert results[0].storyline_id == story_id  # the fifth seed joins the same story
        after = json.loads(store.story_view_json(story_id) or "null")
        assert after["counts"]["articles"] == before["counts"]["articles"] + 1
        assert seeds[4].id in {a["id"] for a in after["articles"]}
        # a batch recompute empties every stored view
        rebuild_derived(store)
        assert store._one("SELECT COUNT(*) FROM story_views")[0] == 0
