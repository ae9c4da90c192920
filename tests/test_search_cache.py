"""Search answers that stay current: the bounded ranking of common words (SQLite) on
real SaudiNewsNet text, the store's search stamp, and the API's cache of repeated
queries, which a new or deleted article outdates."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from marsad.api import create_app
from marsad.ingest import IngestError, iter_articles
from marsad.live.schema import ensure_schema
from marsad.model import Article
from marsad.pipeline import prepare
from marsad.store import open_store
from marsad.store.loader import ingest_into
from marsad.store.sqlite import SQLiteStore, fts_query
from marsad.store import searchkeys
from marsad.store.stamped_cache import StampedCache

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
DAY = SHARED / "data" / "saudinewsnet" / "2015-07-23.json"
TOKEN = "search-cache-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def read(paths: list[Path], limit: int | None = None) -> list[Article]:
    items = [a for a in iter_articles(paths) if not isinstance(a, IngestError)]
    return items[:limit] if limit else items


@pytest.fixture(scope="module")
def day_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("rank") / "day.db"
    with open_store(str(path)) as store:
        ingest_into(store, read([SEEDS]) + read([DAY], limit=150))
    return str(path)


# -- ranking -----------------------------------------------------------------------------


def _newest_matches(store: SQLiteStore, query: str, n: int) -> list[str]:
    rows = store._all(
        "SELECT a.id FROM article_fts JOIN articles a ON a.n = article_fts.rowid WHERE article_fts MATCH ? "
        "ORDER BY article_fts.rowid DESC LIMIT ?",
        (fts_query(searchkeys.query_keys(query)), n),
    )
    return [r[0] for r in rows]


def test_a_common_word_ranks_its_newest_matches_then_lists_the_rest(day_db: str) -> None:
    with open_store(day_db) as store:
        assert isinstance(store, SQLiteStore)
        total = store.count_search("السعودية")
        full = store.search("السعودية", limit=200)  # below the default cap: every match ranked
        assert total == len(full) > 20
        store.RANK_CAP = 12  # instance only: a cap this store's common word exceeds
        newest = _newest_matches(store, "السعودية", 12)
        capped = store.search("السعودية", limit=12)
        # the first page is the full ranking restricted to the 12 newest matches, same scores
        assert [h.article_id for h in capped] == [h.article_id for h in full if h.article_id in set(newest)]
        assert {h.article_id: h.score for h in capped} == {h.article_id: h.score for h in full if h.article_id in set(newest)}
        assert [h.article_id for h in capped] != [h.article_id for h in full[:12]]  # it changed what leads
        # paging walks every match once: the ranked ones, then the older ones newest first
        walked = [h.article_id for off in range(0, total + 7, 7) for h in store.search("السعودية", limit=7, offset=off)]
        assert walked[:12] == [h.article_id for h in capped]
        assert walked[12:] == _newest_matches(store, "السعودية", total)[12:]
        assert sorted(walked) == sorted(h.article_id for h in full)
        # a rarer word (no more matches than the cap) ranks exactly as before
        rare = store.search("البنتاجون", limit=50)
        assert 0 < len(rare) <= 12
        store.RANK_CAP = SQLiteStore.RANK_CAP
        assert [(h.article_id, h.score) for h in store.search("البنتاجون", limit=50)] == [(h.article_id, h.score) for h in rare]


def test_the_cap_applies_after_the_filters(day_db: str) -> None:
    with open_store(day_db) as store:
        outlet = store.search("السعودية", limit=1)[0].outlet
        every = store.search("السعودية", outlet=outlet, limit=200)
        store.RANK_CAP = 3
        page = store.search("السعودية", outlet=outlet, limit=3)
        assert len(page) == min(3, len(every)) and {h.outlet for h in page} == {outlet}
        walked = [h.article_id for off in range(0, len(every) + 3, 3) for h in store.search("السعودية", outlet=outlet, limit=3, offset=off)]
        assert sorted(walked) == sorted(h.article_id for h in every)


# -- the stamp ---------------------------------------------------------------------------


def test_every_change_search_reads_moves_the_stamp(tmp_path: Path) -> None:
    seeds = [prepare(a) for a in read([SEEDS])]
    with open_store(str(tmp_path / "s.db")) as store:
        stamps = [store.search_stamp()]
        store.add_articles(seeds[:2])  # batch ingest: no live_changes row
        stamps.append(store.search_stamp())
        store.add_articles(seeds[:2])  # already stored: nothing changes
        assert store.search_stamp() == stamps[-1]
        store.delete_articles([seeds[0].id])
        stamps.append(store.search_stamp())
        ensure_schema(store)  # a live write (e.g. consolidation re-linking entities) logs a change
        with store.transaction() as cur:
            cur.execute("INSERT INTO live_changes (kind, item_id, at) VALUES ('entity', 'e1', 'now')")
        stamps.append(store.search_stamp())
        assert len(set(stamps)) == len(stamps)


def test_stamped_cache_is_bounded_and_never_answers_for_another_stamp() -> None:
    cache = StampedCache(max_entries=2, max_bytes=10)
    cache.put("a", 1, b"aaaa")
    assert cache.get("a", 1) == b"aaaa" and cache.get("a", 2) is None and cache.get("a", 1) is None  # outdated: dropped
    cache.put("a", 1, b"aaaa")
    cache.put("b", 1, b"bbbb")
    cache.get("a", 1)
    cache.put("c", 1, b"cc")  # three entries: the least recently used (b) goes
    assert cache.get("b", 1) is None and cache.get("a", 1) == b"aaaa"
    cache.put("d", 1, b"dddddddd")  # over 10 bytes in all: older ones go
    assert cache.get("d", 1) == b"dddddddd" and len(cache) == 1
    cache.put("e", 1, b"x" * 11)  # bigger than the whole cache: not kept
    assert cache.get("e", 1) is None
    assert StampedCache(max_entries=0).get("a", 1) is None


# -- the API's cache ---------------------------------------------------------------------


@pytest.fixture
def client(tmp_path: Path) -> Iterator[tuple[TestClient, str]]:
    db = str(tmp_path / "api.db")
    with open_store(db) as store:
        ingest_into(store, read([SEEDS]))
    with TestClient(create_app(db, token=TOKEN)) as c:
        yield c, db


def test_a_new_article_changes_a_cached_answer(client: tuple[TestClient, str]) -> None:
    c, db = client
    cache = c.app.state.search_cache
    news = read([DAY], limit=40)
    query = "السعودية"
    first = c.get("/search", params={"q": query, "limit": 50})
    assert first.status_code == 200
    again = c.get("/search", params={"q": query, "limit": 50})
    assert again.content == first.content and cache.hits == 1  # the repeat came from the cache
    new_ids = {a.id for a in news if query in (a.title or "") + a.body}
    assert new_ids and not new_ids & {it["article_id"] for it in first.json()["items"]}
    with open_store(db) as writer:  # another process's batch ingest (no live change log)
        assert ingest_into(writer, news).added == len(news)
    after = c.get("/search", params={"q": query, "limit": 50}).json()["items"]
    assert new_ids & {it["article_id"] for it in after}  # not the cached answer
    gone = after[0]["article_id"]
    assert c.delete(f"/articles/{gone}", headers=AUTH).status_code == 200
    assert gone not in {it["article_id"] for it in c.get("/search", params={"q": query, "limit": 50}).json()["items"]}
    same = c.get("/search", params={"q": query, "limit": 50})  # nothing changed since: cached again
    assert cache.hits == 2 and same.json()["items"][0]["article_id"] != gone


def test_the_cache_can_be_turned_off(tmp_path: Path) -> None:
    db = str(tmp_path / "off.db")
    with open_store(db) as store:
        ingest_into(store, read([SEEDS]))
    with TestClient(create_app(db, search_cache=0)) as c:
        a = c.get("/search", params={"q": "البنتاجون"})
        b = c.get("/search", params={"q": "البنتاجون"})
        assert a.content == b.content and a.json()["items"]
        assert c.app.state.search_cache.hits == 0 and len(c.app.state.search_cache) == 0
