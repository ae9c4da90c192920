"""The REST API and the HTML pages over a store of the seed articles (real pipeline):
reads, search, writes with the bearer token, body cap, and JSON 4xx on bad input."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.api import create_app
from marsad.ingest import IngestError, iter_articles
from marsad.store import open_store
from marsad.store.loader import ingest_into, rebuild_derived
from tests.pgtmp import fresh_database, pg_server  # noqa: F401 - pg_server is a fixture

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
TOKEN = "test-token-3"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("api") / "marsad.db"
    with open_store(str(path)) as store:
        ingest_into(store, [a for a in iter_articles([SEEDS]) if not isinstance(a, IngestError)])
        rebuild_derived(store)
    return str(path)


@pytest.fixture(scope="module")
def client(db: str) -> Iterator[TestClient]:
    with TestClient(create_app(db, token=TOKEN, max_body=64 * 1024)) as c:
        yield c


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[TestClient]:
    """A client over an empty database (for writes)."""
    with TestClient(create_app(str(tmp_path / "w.db"), token=TOKEN, max_body=64 * 1024)) as c:
        yield c


def test_openapi_and_docs(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/stories", "/stories/{story_id}", "/articles", "/articles/{article_id}", "/entities/{entity_id}", "/search"):
        assert path in spec["paths"]
    assert "post" in spec["paths"]["/articles"]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/static/swagger/swagger-ui-bundle.js" in docs.text
    assert "cdn" not in docs.text.lower()  # works offline
    js = client.get("/static/swagger/swagger-ui-bundle.js")
    assert js.status_code == 200 and len(js.content) > 100_000


def test_stories_and_story_detail_show_what_the_digest_holds(client: TestClient, db: str) -> None:
    with open_store(db) as store:
        digest = store.digest()
    listing = client.get("/stories", params={"order": "biggest", "limit": 5}).json()
    assert listing["total"] == len(digest.storylines)
    assert [s["id"] for s in listing["items"]] == [s["id"] for s in listing["items"]][:5]
    for story in digest.storylines:
        got = client.get(f"/stories/{story.id}").json()
        assert got["title"] == story.title
        assert [a["id"] for a in got["articles"]] == list(dict.fromkeys(a for a in story.article_ids))
        assert [x["text"] for x in got["summary"]] == [x.text for x in digest.summary if x.storyline_id == story.id]
        assert {e["id"] for e in got["events"]} == set(story.event_ids)
        for key in ("timeline", "quotes", "coverage", "reuse"):
            assert isinstance(got[key], list)


def test_article_entity_and_404s(client: TestClient, db: str) -> None:
    with open_store(db) as store:
        digest = store.digest()
    article = digest.articles[0]
    got = client.get(f"/articles/{article.id}").json()
    assert got["paragraphs"] == article.paragraphs and got["path"] == article.path
    assert {q["text"] for q in got["quotes"]} == {q.text for q in digest.quotes if q.article_id == article.id}
    for entity in digest.entities[:3]:
        assert client.get(f"/entities/{entity.id}").json()["name"] == entity.name
    for url in ("/articles/nope", "/stories/nope", "/entities/nope"):
        r = client.get(url)
        assert r.status_code == 404 and "nope" in r.json()["error"]
    page = client.get("/articles", params={"limit": 2, "offset": 1}).json()
    assert page["total"] == 5 and len(page["items"]) == 2


def test_entity_says_why_its_variants_were_merged(client: TestClient, db: str) -> None:
    with open_store(db) as store:
        digest = store.digest()
    merged = [e for e in digest.entities if e.merges]
    assert merged, "the seeds' spelling variants are merged with evidence"
    entity = max(merged, key=lambda e: e.mentions)
    got = client.get(f"/entities/{entity.id}").json()
    assert got["merges"] and {"variant", "joined_to", "why", "article_ids"} <= set(got["merges"][0])
    assert all(m["variant"] in got["variants"] for m in got["merges"])
    page = client.get(f"/entity/{entity.id}").text
    assert "لماذا هذه الكتابات اسم واحد" in page and got["merges"][0]["variant"] in page


def test_search_endpoint(client: TestClient) -> None:
    r = client.get("/search", params={"q": "البنتاجون"})
    assert r.status_code == 200
    items = r.json()["items"]
    assert len(items) >= 2  # البنتاجون and البنتاغون spellings
    marked = {it["snippet"][s:e] for it in items for s, e in it["highlights"]}
    assert {"البنتاجون", "البنتاغون"} <= marked
    assert client.get("/search", params={"q": "سوريا", "limit": 1}).json()["items"][0]["path"].endswith(".txt")


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/search", 422),
        ("/search?q=", 422),
        ("/search?q=x&from=tomorrow", 400),
        ("/search?q=x&limit=0", 422),
        ("/search?q=x&limit=100000", 422),
        ("/search?q=x&offset=-1", 422),
        ("/stories?order=random", 422),
        ("/stories?limit=abc", 422),
        ("/nothing-here", 404),
    ],
)
def test_bad_reads_are_json_4xx(client: TestClient, url: str, status: int) -> None:
    r = client.get(url)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("application/json")
    assert r.json()["error"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    q=st.text(min_size=1, max_size=60),
    outlet=st.one_of(st.none(), st.text(max_size=20)),
    date=st.one_of(st.none(), st.text(max_size=12), st.dates().map(str)),
    limit=st.integers(-5, 300),
)
def test_search_never_5xx(client: TestClient, q: str, outlet: str | None, date: str | None, limit: int) -> None:
    params = {"q": q, "limit": limit}
    if outlet is not None:
        params["outlet"] = outlet
    if date is not None:
        params["from"] = date
    r = client.get("/search", params=params)
    assert r.status_code < 500, r.text
    assert r.headers["content-type"].startswith("application/json")


def test_writes_need_the_token(fresh: TestClient) -> None:
    body = {"title": "عنوان", "content": "نص المقالة عن سورية والبنتاغون."}
    r = fresh.post("/articles", json=body)
    assert r.status_code == 401 and "bearer" in r.json()["error"]
    r = fresh.post("/articles", json=body, headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 401 and r.json()["error"] == "wrong bearer token"
    r = fresh.post("/articles", json=body, headers={"Authorization": "Basic abc"})
    assert r.status_code == 401
    assert fresh.get("/articles").json()["total"] == 0


def test_writes_are_refused_without_a_configured_token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MARSAD_TOKEN", raising=False)
    with TestClient(create_app(str(tmp_path / "x.db"))) as c:
        r = c.post("/articles", json={"content": "نص"}, headers=AUTH)
        assert r.status_code == 403 and "MARSAD_TOKEN" in r.json()["error"]


def test_protected_reads(tmp_path: Path) -> None:
    with TestClient(create_app(str(tmp_path / "x.db"), token=TOKEN, protect_reads=True)) as c:
        assert c.get("/stories").status_code == 401
        assert c.get("/stories", headers=AUTH).status_code == 200


def test_post_json_then_idempotent_repost_and_search(fresh: TestClient) -> None:
    seeds = [a for a in iter_articles([SEEDS]) if not isinstance(a, IngestError)]
    records = [{"title": a.title, "content": a.body, "source": "seed", "date": "2015-09-11"} for a in seeds]
    r = fresh.post("/articles", json=records, headers=AUTH)
    assert r.status_code == 201, r.text
    assert r.json()["added"] == 5 and r.json()["errors"] == []
    again = fresh.post("/articles", json=records[0], headers=AUTH)
    assert again.status_code == 200 and again.json()["added"] == 0 and again.json()["already_stored"] == 1
    assert fresh.get("/articles").json()["total"] == 5
    health = fresh.get("/health").json()
    assert health["derived_stale"] is False and health["last_rebuild_error"] is None  # rebuilt after the write
    assert fresh.get("/search", params={"q": "البنتاجون"}).json()["items"]
    assert fresh.get(f"/articles/{r.json()['ids'][0]}").json()["path"] == f"api/{r.json()['ids'][0]}"
    mixed = fresh.post("/articles", json=[{"title": "لا نص"}, {"content": "مقالة جديدة قصيرة عن الرياض."}], headers=AUTH)
    assert mixed.status_code == 201 and mixed.json()["added"] == 1
    assert "no article text" in mixed.json()["errors"][0]


def test_post_multipart_upload(fresh: TestClient) -> None:
    files = [("files", (p.name, p.read_bytes(), "text/plain")) for p in sorted(SEEDS.iterdir())[:2]]
    files.append(("files", ("broken.json", b"{not json", "application/json")))
    r = fresh.post("/articles", files=files, headers=AUTH)
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["added"] == 2 and len(body["errors"]) == 1 and "broken.json" in body["errors"][0]
    stored = fresh.get(f"/articles/{body['ids'][0]}").json()
    assert stored["path"].startswith("upload/") and "marsad-upload" not in stored["path"]


@pytest.mark.parametrize(
    ("content", "ctype", "status"),
    [
        (b"{not json", "application/json", 400),
        (b"\xff\xfe\x00", "application/json", 400),
        (b"[]", "application/json", 400),
        (b'"just a string"', "application/json", 400),
        (b"[1, 2, 3]", "application/json", 400),
        (b'{"content": ""}', "application/json", 400),
        (b"plain", "text/plain", 415),
        (b"--x\r\nbroken", "multipart/form-data; boundary=x", 400),
        (b"", "multipart/form-data", 400),
    ],
)
def test_malformed_posts_are_json_4xx(fresh: TestClient, content: bytes, ctype: str, status: int) -> None:
    r = fresh.post("/articles", content=content, headers={**AUTH, "Content-Type": ctype})
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json") and r.json()["error"]


def test_oversized_bodies_are_413(fresh: TestClient) -> None:
    big = json.dumps({"content": "ن" * 70_000}).encode()
    r = fresh.post("/articles", content=big, headers={**AUTH, "Content-Type": "application/json"})
    assert r.status_code == 413 and "limit" in r.json()["error"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted while streaming
        for _ in range(100):
            yield b"x" * 1024

    r = fresh.post("/articles", content=chunks(), headers={**AUTH, "Content-Type": "application/json"})
    assert r.status_code == 413
    assert fresh.get("/articles").json()["total"] == 0


def test_pages_render_in_arabic_rtl(client: TestClient, db: str) -> None:
    with open_store(db) as store:
        digest = store.digest()
    home = client.get("/")
    assert home.status_code == 200 and 'dir="rtl"' in home.text and 'lang="ar"' in home.text
    for story in digest.storylines:
        page = client.get(f"/story/{story.id}").text
        assert story.title.replace('"', "&#34;") in page or story.title in page
        for x in digest.summary:
            if x.storyline_id == story.id:
                for src in x.sources:
                    assert f'href="/article/{src}" class="citation"' in page or f'href="/article/{src}#s' in page
        if not any(x.storyline_id == story.id for x in digest.summary):
            assert 'id="summary"' not in page  # no data, no section
    article = digest.articles[0]
    page = client.get(f"/article/{article.id}").text
    assert 'id="article-text"' in page
    assert page.count('class="sent"') >= len(article.sentences) and 'id="s0"' in page  # citation targets
    quotes = [q for q in digest.quotes if q.article_id == article.id]
    assert page.count('class="quote"') >= (1 if quotes else 0)
    found = client.get("/find", params={"q": "سوريا"}).text
    assert "<mark>" in found
    assert client.get("/story/nope").status_code == 404
    bad = client.get("/find", params={"q": "x", "from": "bad"})
    assert bad.status_code == 400 and 'role="alert"' in bad.text


def test_a_bug_is_still_a_json_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from marsad.store.sqlite import SQLiteStore

    def broken(self, *args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(SQLiteStore, "search", broken)
    with TestClient(create_app(str(tmp_path / "x.db"), token=TOKEN), raise_server_exceptions=False) as c:
        r = c.get("/search", params={"q": "x"})
    assert r.status_code == 500 and r.json()["error"].startswith("internal error (RuntimeError)")


def test_api_over_postgres(pg_server: str) -> None:
    """The same app over a PostgreSQL store: write, background rebuild, read, search."""
    url = fresh_database(pg_server, "api")
    seeds = [a for a in iter_articles([SEEDS]) if not isinstance(a, IngestError)]
    records = [{"title": a.title, "content": a.body} for a in seeds]
    with TestClient(create_app(url, token=TOKEN)) as c:
        r = c.post("/articles", json=records, headers=AUTH)
        assert r.status_code == 201 and r.json()["added"] == 5, r.text
        health = c.get("/health").json()
        assert health["articles"] == 5 and health["derived_stale"] is False and health["last_rebuild_error"] is None
        stories = c.get("/stories").json()
        assert stories["total"] == health["stories"]
        for item in stories["items"]:
            assert c.get(f"/stories/{item['id']}").status_code == 200
        hits = c.get("/search", params={"q": "البنتاجون"}).json()["items"]
        assert {"البنتاجون", "البنتاغون"} <= {h["snippet"][s:e] for h in hits for s, e in h["highlights"]}
        assert c.get(f"/article/{hits[0]['article_id']}").status_code == 200


def test_rebuilds_are_single_flight_and_never_lost(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Writes racing with a running rebuild: never two rebuilds at once, and a write that
    arrives during one always gets a rebuild after it."""
    import threading
    import time

    import marsad.store.loader as loader
    from marsad.api import Rebuilder

    db = str(tmp_path / "r.db")
    with open_store(db) as store:
        ingest_into(store, [a for a in iter_articles([SEEDS]) if not isinstance(a, IngestError)][:1])
    active, peak, runs = [0], [0], []

    def fake_rebuild(store, *args, **kwargs):
        active[0] += 1
        peak[0] = max(peak[0], active[0])
        time.sleep(0.05)
        runs.append(time.monotonic())
        active[0] -= 1

    monkeypatch.setattr(loader, "rebuild_derived", fake_rebuild)
    rebuild = Rebuilder(db, in_child=False)  # the fake rebuild is patched in this process
    writes: list[float] = []

    def write() -> None:
        writes.append(time.monotonic())
        rebuild()

    threads = [threading.Thread(target=write) for _ in range(6)]
    for t in threads:
        t.start()
        time.sleep(0.01)
    for t in threads:
        t.join(timeout=30)
    assert peak[0] == 1
    assert 1 <= len(runs) <= 6
    assert runs[-1] >= max(writes)  # the last write was followed by a rebuild
    assert rebuild.last_error is None
