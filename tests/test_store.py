"""The store, against SQLite and a throwaway PostgreSQL: idempotent ingest, Arabic
search over real articles, derived data replaced atomically, migrations."""
from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from dataclasses import asdict, replace
from pathlib import Path

import pytest

from marsad.ingest import IngestError, iter_articles
from marsad.model import (
    AlignedPair,
    Article,
    Coverage,
    Digest,
    Entity,
    Event,
    Mention,
    Quote,
    Reuse,
    Storyline,
    SummarySentence,
    TimelineEntry,
)
from marsad.pipeline import prepare
from marsad.store import Store, StoreError, open_store
from marsad.store.loader import ingest_into, rebuild_derived
from tests.pgtmp import fresh_database, pg_server  # noqa: F401 - pg_server is a fixture

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
DAY = SHARED / "data" / "saudinewsnet" / "2015-07-23.json"

_counter = itertools.count()


def read(paths: list[Path], limit: int | None = None) -> list[Article]:
    items = [a for a in iter_articles(paths) if not isinstance(a, IngestError)]
    return items[:limit] if limit else items


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "marsad.db")
    server = request.getfixturevalue("pg_server")
    return fresh_database(server, f"t{next(_counter)}")


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with open_store(store_url) as s:
        yield s


@pytest.fixture
def seeded(store: Store) -> Store:
    ingest_into(store, read([SEEDS]))
    return store


# -- articles ----------------------------------------------------------------------------


def test_ingest_is_idempotent_and_round_trips(store: Store) -> None:
    seeds = read([SEEDS])
    first = ingest_into(store, seeds, batch_size=2)
    assert (first.added, first.already, first.batches) == (5, 0, 3)
    assert store.derived_stale()
    again = ingest_into(store, seeds + seeds[:2])
    assert (again.added, again.already) == (0, 7)
    assert store.count_articles() == 5
    for original in seeds:
        stored = store.article(original.id)
        assert stored == prepare(original)  # paragraphs, removed noise, sentences, metadata
        text = stored.clean_text
        assert all(text[s.start : s.end] == s.text for s in stored.sentences)
    assert store.article("no-such-id") is None
    assert [a.id for a in store.iter_articles()] == sorted((a.id for a in seeds), key=lambda i: next(a.path for a in seeds if a.id == i))


def test_add_articles_skips_stored_ids_inside_one_batch(store: Store) -> None:
    seeds = [prepare(a) for a in read([SEEDS])]
    assert store.add_articles(seeds[:3]) == 3
    assert store.add_articles(seeds) == 2
    assert store.add_articles([seeds[0], seeds[0]]) == 0
    assert store.known_ids([seeds[0].id, "x"]) == {seeds[0].id}


# -- search ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "variant"),
    [("سوريا", "سورية"), ("البنتاجون", "البنتاغون"), ("الامريكية", "الأميركية"), ("سيرجي", "سيرغي")],
)
def test_search_finds_spelling_variants_in_the_seeds(seeded: Store, query: str, variant: str) -> None:
    with_variant = {a.id for a in seeded.iter_articles() if variant in a.clean_text}
    assert with_variant, f"seeds should contain {variant}"
    hits = seeded.search(query, limit=50)
    assert with_variant <= {h.article_id for h in hits}
    # the snippet shows original spelling, and the matched word is highlighted
    for hit in hits:
        assert hit.highlights
        marked = [hit.snippet[s:e] for s, e in hit.highlights]
        article = seeded.article(hit.article_id)
        assert all(m in article.clean_text for m in marked)
        assert hit.path == article.path


def test_search_ranks_exact_spelling_first(seeded: Store) -> None:
    exact = {a.id for a in seeded.iter_articles() if "البنتاجون" in a.clean_text}
    hits = seeded.search("البنتاجون")
    assert exact and hits[0].article_id in exact
    assert hits[0].score >= hits[-1].score


def test_search_requires_every_word_and_handles_junk(seeded: Store) -> None:
    both = seeded.search("لافروف البنتاغون")
    assert both
    for hit in both:
        text = seeded.article(hit.article_id).clean_text
        assert "لافروف" in text
    assert seeded.search("لافروف زرافةكوكبية") == []
    for junk in ['"', "*", "AND OR NOT", "NEAR(", "'; DROP TABLE articles; --", ":", "{title}", "   ", "٪"]:
        assert isinstance(seeded.search(junk), list)
    assert seeded.count_articles() == 5


def test_search_filters_and_pages_on_saudinewsnet(store: Store) -> None:
    ingest_into(store, read([DAY], limit=150))
    hits = store.search("السعودية", limit=200)
    assert len(hits) > 20
    outlet = hits[0].outlet
    assert outlet
    only = store.search("السعودية", outlet=outlet, limit=200)
    assert only and all(h.outlet == outlet for h in only)
    assert len(only) <= len(hits)
    page1 = store.search("السعودية", limit=5)
    page2 = store.search("السعودية", limit=5, offset=5)
    assert len(page1) == 5 and not {h.article_id for h in page1} & {h.article_id for h in page2}
    dates = sorted({h.published for h in hits if h.published})
    assert dates
    assert store.search("السعودية", date_to="2000-01-01") == []
    after = store.search("السعودية", date_from=dates[0], date_to=dates[-1][:10], limit=200)
    assert {h.article_id for h in after} == {h.article_id for h in hits if h.published}
    with pytest.raises(StoreError):
        store.search("السعودية", date_from="yesterday")


# -- derived data ------------------------------------------------------------------------


def hand_digest(store: Store) -> Digest:
    """A digest with every part filled, over the stored seed articles (unit data)."""
    d = Digest(articles=list(store.iter_articles()))
    ids = [a.id for a in d.articles]
    a0 = d.articles[0]
    s0 = a0.sentences[0]
    d.reuse = [Reuse(ids[0], ids[1], 0.4, 0.25, [AlignedPair(0, 2, 0.91, "near")])]
    d.events = [Event("e1", "مؤتمر صحفي", "2015-09-11", ids[:2]), Event("e2", "اتصال هاتفي", None, ids[3:4])]
    d.storylines = [Storyline("s1", "روسيا في سورية", ["e1", "e2"], ids), Storyline("s2", "قصة صغيرة", [], ids[4:])]
    d.entities = [Entity("p1", "سيرغي لافروف", "PER", ["سيرجي لافروف"], ids[:3], 4, ["وزير الخارجية الروسي"])]
    d.mentions = [Mention(ids[0], s0.start, s0.start + 3, a0.clean_text[s0.start : s0.start + 3], "PER", "p1")]
    d.quotes = [Quote("سيرغي لافروف", "p1", s0.text, "direct", ids[0], s0.start, s0.end)]
    d.timeline = [TimelineEntry("2015-09-11", "مؤتمر صحفي", ids[0], "e1")]
    d.summary = [SummarySentence("s1", s0.text, ids[:2], 2, 1)]
    d.coverage = [Coverage("s1", "الجزيرة", ["حقيقة انفرد بها"])]
    return d


def derived_part(d: Digest) -> dict:
    out = {k: [asdict(x) for x in getattr(d, k)] for k in ("reuse", "events", "storylines", "entities", "mentions", "quotes", "timeline", "summary", "coverage")}
    out["reuse"].sort(key=lambda r: (r["a"], r["b"]))
    for k in ("events", "storylines", "entities"):
        out[k].sort(key=lambda r: r["id"])
    return out


def test_replace_derived_round_trips_every_part(seeded: Store) -> None:
    digest = hand_digest(seeded)
    seeded.replace_derived(digest)
    assert not seeded.derived_stale()
    assert derived_part(seeded.digest()) == derived_part(digest)

    story = seeded.story("s1")
    assert story["title"] == "روسيا في سورية"
    assert [e["id"] for e in story["events"]] == ["e1", "e2"]  # dated first
    assert story["summary"][0]["sources"] == digest.summary[0].sources
    assert story["quotes"][0]["speaker_entity"] == "p1"
    assert story["reuse"][0]["pairs"][0]["kind"] == "near"
    assert [a["id"] for a in story["articles"]] == digest.storylines[0].article_ids
    assert seeded.story("nope") is None

    cards = seeded.stories(order="biggest")
    assert [c["id"] for c in cards] == ["s1", "s2"]
    assert cards[0]["articles"] == 5 and cards[0]["events"] == 2
    assert seeded.count_stories() == 2
    assert len(seeded.stories(limit=1)) == 1 and seeded.stories(limit=1, offset=1)[0]["id"] != seeded.stories(limit=1)[0]["id"]
    with pytest.raises(StoreError):
        seeded.stories(order="random")

    view = seeded.article_view(digest.articles[0].id)
    assert view["quotes"] and view["mentions"] and view["entities"][0]["id"] == "p1"
    assert {s["id"] for s in view["stories"]} == {"s1"}
    entity = seeded.entity_view("p1")
    assert entity["variants"] == ["سيرجي لافروف"] and len(entity["articles"]) == 3 and entity["quotes"]
    assert [h.article_id for h in seeded.search("لافروف", entity="p1")]
    assert {h.article_id for h in seeded.search("لافروف", entity="p1")} <= set(entity["article_ids"])


def test_replace_derived_is_all_or_nothing(seeded: Store) -> None:
    good = hand_digest(seeded)
    seeded.replace_derived(good)
    bad = hand_digest(seeded)
    bad.storylines = []  # summary/coverage now point at a missing storyline → FK error
    with pytest.raises(Exception):
        seeded.replace_derived(bad)
    assert derived_part(seeded.digest()) == derived_part(good)
    seeded.replace_derived(Digest(articles=good.articles))
    assert seeded.stories() == [] and seeded.story("s1") is None


def test_new_articles_mark_stories_stale_and_rebuild_uses_the_pipeline(store: Store) -> None:
    seeds = read([SEEDS])
    ingest_into(store, seeds[:4])
    digest = rebuild_derived(store)
    assert not store.derived_stale()
    assert len(digest.articles) == 4
    ingest_into(store, seeds[:4])
    assert not store.derived_stale()  # nothing new: nothing to recompute
    ingest_into(store, seeds[4:])
    assert store.derived_stale()
    digest = rebuild_derived(store)
    assert not store.derived_stale()
    stored = store.digest()
    assert len(stored.articles) == 5
    assert derived_part(stored) == derived_part(digest)
    for s in digest.storylines:
        assert store.story(s.id)["title"] == s.title


def test_fields_added_to_the_model_are_stored(seeded: Store) -> None:
    """Digest lists without a table of their own (e.g. facts) round-trip via extras."""
    from marsad.store.codec import digest_lists

    extra = [k for k in digest_lists() if k not in {"reuse", "events", "storylines", "entities", "mentions", "quotes", "timeline", "summary", "coverage"}]
    if not extra:
        pytest.skip("the model has no extra digest lists to store")
    digest = rebuild_derived(seeded)
    stored = seeded.digest()
    for kind in extra:
        assert [asdict(x) for x in getattr(stored, kind)] == [asdict(x) for x in getattr(digest, kind)]


def test_migrations_are_recorded_and_not_reapplied(store_url: str) -> None:
    with open_store(store_url) as s:
        assert s.schema_version() >= 1
        ingest_into(s, read([SEEDS], limit=2))
    with open_store(store_url) as s:  # reopening keeps data, applies nothing twice
        assert s.count_articles() == 2
        version = s.schema_version()
        rows = s._all("SELECT version FROM schema_version")
        assert sorted(r[0] for r in rows) == list(range(1, version + 1))


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    with open_store(str(path)) as s:
        with s.transaction() as cur:
            cur.execute("INSERT INTO schema_version (version) VALUES (999)")
    with pytest.raises(StoreError, match="newer"):
        open_store(str(path))


def test_bad_database_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "not.db"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="not.db"):
        open_store(str(path))
    with pytest.raises(StoreError, match="does not exist"):
        open_store(str(tmp_path / "missing" / "x.db"))


def test_unreachable_postgres_is_a_clear_error() -> None:
    with pytest.raises(StoreError, match="cannot connect"):
        open_store("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2")


def test_search_hit_record_is_json(seeded: Store) -> None:
    hit = seeded.search("لافروف")[0]
    record = json.loads(json.dumps(hit.record(), ensure_ascii=False))
    assert set(record) >= {"article_id", "path", "url", "title", "snippet", "highlights"}
    s, e = record["highlights"][0]
    assert "لافروف" in record["snippet"][s:e]


def test_prepared_articles_are_not_prepared_twice(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    seeds = read([SEEDS])
    ingest_into(store, seeds)
    import marsad.pipeline

    calls = []
    monkeypatch.setattr(marsad.pipeline, "prepare", lambda a: calls.append(a.id) or replace(a))
    ingest_into(store, seeds)
    assert calls == []


def test_cli_selects_postgres_by_url(pg_server: str) -> None:
    """`marsad ingest/search --db postgresql://…` use the PostgreSQL store end to end."""
    from click.testing import CliRunner

    from marsad.cli import main

    url = fresh_database(pg_server, "cli_url")
    runner = CliRunner()
    first = runner.invoke(main, ["ingest", str(SEEDS), "--db", url, "--quiet", "--no-derive"])
    assert first.exit_code == 0 and "5 new articles stored" in first.output, first.output
    again = runner.invoke(main, ["ingest", str(SEEDS), "--db", url, "--quiet", "--no-derive"])
    assert "5 already stored" in again.output
    found = runner.invoke(main, ["search", "البنتاجون", "--db", url, "--json"])
    hits = json.loads(found.output)
    assert {"البنتاجون", "البنتاغون"} <= {h["snippet"][s:e] for h in hits for s, e in h["highlights"]}
    with open_store(url) as store:
        assert type(store).__name__ == "PostgresStore" and store.count_articles() == 5


def test_concurrent_writers_store_each_article_once(store_url: str) -> None:
    """Two processes' worth of writers racing on the same articles: no error, no duplicate."""
    import threading

    seeds = [prepare(a) for a in read([SEEDS])]
    errors: list[BaseException] = []
    added: list[int] = []

    def write() -> None:
        try:
            with open_store(store_url) as s:
                for article in seeds:
                    added.append(s.add_articles([article]))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    assert sum(added) == 5
    with open_store(store_url) as s:
        assert s.count_articles() == 5
        assert s._one("SELECT COUNT(*) FROM sentences")[0] == sum(len(a.sentences) for a in seeds)


def test_stories_stay_stale_when_articles_arrived_during_the_rebuild(store: Store) -> None:
    seeds = read([SEEDS])
    ingest_into(store, seeds[:3])
    snapshot = Digest(articles=list(store.iter_articles()))  # a rebuild starts here…
    ingest_into(store, seeds[3:])  # …another writer adds articles meanwhile…
    store.replace_derived(snapshot)  # …and the rebuild finishes
    assert store.derived_stale()
    store.replace_derived(Digest(articles=list(store.iter_articles())))
    assert not store.derived_stale()
