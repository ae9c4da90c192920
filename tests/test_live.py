"""The live layer on real text: seeds and a SaudiNewsNet day streamed one article at a
time into a store — events, storylines, reuse and entities as the batch digest finds
them, stable ids across a restart, one transaction per article, the change log."""
from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterator
from pathlib import Path

import pytest

from marsad.ingest import IngestError, iter_articles
from marsad.live import LiveLinker
from marsad.live import linker as linker_module
from marsad.live.changes import changes_since, membership
from marsad.live.reuse_index import WINDOW_DAYS
from marsad.model import Article
from marsad.pipeline import digest
from marsad.store import Store, codec, open_store

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
DAY = SHARED / "data" / "saudinewsnet" / "2015-08-09.json"


def read(paths: list[Path], limit: int | None = None) -> list[Article]:
    items = [a for a in iter_articles(paths) if not isinstance(a, IngestError)]
    items.sort(key=lambda a: (a.published is None, (a.published or "")[:10], a.path))
    return items[:limit] if limit else items


def partition(groups: list[list[str]]) -> set[frozenset[str]]:
    return {frozenset(g) for g in groups}


@pytest.fixture(scope="module")
def seeds_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, list]]:
    db = tmp_path_factory.mktemp("live") / "seeds.db"
    with open_store(str(db)) as store:
        linker = LiveLinker(store)
        results = linker.add_many(read([SEEDS]))
        yield store, results


def test_seeds_streamed_agree_with_the_batch_digest(seeds_store: tuple[Store, list]) -> None:
    store, results = seeds_store
    assert all(r.added for r in results) and len(results) == 5
    batch = digest(read([SEEDS]))
    live_events = [e["article_ids"] for e in store._data_in("events", "id", [r.event_id for r in results], "id")]
    assert partition(live_events) == partition([e.article_ids for e in batch.events])
    assert len({r.storyline_id for r in results}) == len(batch.storylines) == 1
    # the Reuters re-edit (000 ↔ 001) is linked as the batch reuse stage links it
    pairs = {frozenset((r[0], r[1])) for r in store._all("SELECT a, b FROM reuse")}
    assert {frozenset((r.a, r.b)) for r in batch.reuse} <= pairs
    # the storyline's timeline is the batch timeline stage's (merged across outlets)
    def entries(items: list[dict]) -> set[tuple]:
        return {(e["date"], e["kind"], e["text"], tuple(sorted(e["sources"])), e["event_id"]) for e in items}

    live_timeline = store._data_in("timeline", "article_id", [r.article_id for r in results], "n")
    assert live_timeline and entries(live_timeline) == entries([dataclasses.asdict(t) for t in batch.timeline])
    assert any(len(e["sources"]) > 1 for e in live_timeline)
    # the store's fast record encoder writes what dataclasses.asdict would
    for name in ("reuse", "events", "storylines", "entities", "mentions", "quotes", "timeline", "summary", "coverage", "facts"):
        for record in getattr(batch, name):
            assert codec.dumps(codec.as_dict(record)) == codec.dumps(dataclasses.asdict(record)), name


def test_entities_absorb_spelling_variants_across_articles(seeds_store: tuple[Store, list]) -> None:
    store, _ = seeds_store
    rows = store._all("SELECT name, data FROM entities WHERE name LIKE ?", ("%لافروف%",))
    assert len(rows) == 1, [r[0] for r in rows]  # سيرغي / سيرجي لافروف / لافروف: one entity
    import json

    entity = json.loads(rows[0][1])
    assert {"سيرجي لافروف", "سيرغي لافروف"} <= {entity["name"], *entity["variants"]}
    assert len(entity["article_ids"]) >= 2


def test_changes_and_article_membership(seeds_store: tuple[Store, list]) -> None:
    store, results = seeds_store
    page = changes_since(store, 0, limit=1000)
    kinds = {(c["kind"], c["id"]) for c in page["items"]}
    for r in results:
        assert ("article", r.article_id) in kinds
        assert ("event", r.event_id) in kinds and ("storyline", r.storyline_id) in kinds
    assert ("summary", results[0].storyline_id) in kinds
    seqs = [c["seq"] for c in page["items"]]
    assert seqs == sorted(seqs) and page["next"] == seqs[-1]
    assert changes_since(store, page["next"])["items"] == []
    half = changes_since(store, 0, limit=3)
    assert half["more"] and changes_since(store, half["next"])["items"][0]["seq"] == seqs[3]
    found = membership(store, results[1].article_id)
    assert found["event"]["id"] == results[1].event_id and found["storyline"]["id"] == results[1].storyline_id
    # every linked article has a summary for its storyline, its timeline entries carry the event
    assert store._data_in("summary", "storyline_id", [results[0].storyline_id], "n")
    for entry in store._data_in("timeline", "article_id", [r.article_id for r in results], "n"):
        assert entry["event_id"] in {r.event_id for r in results}


@pytest.fixture(scope="module")
def day_articles() -> list[Article]:
    return read([DAY], limit=80)


def test_a_re_report_joins_its_story_with_its_partner(tmp_path: Path, day_articles: list[Article]) -> None:
    """What the issue's independent check does: re-report a stored article (another
    outlet, first paragraph dropped) and expect it in the original's event, linked."""
    with open_store(str(tmp_path / "day.db")) as store:
        linker = LiveLinker(store)
        results = {r.article_id: r for r in linker.add_many(day_articles)}
        originals = [a for a in day_articles if len(a.body) > 1500][:3]
        assert originals
        for original in originals:
            paragraphs = [p for p in original.body.split("\n") if p.strip()]
            copy = dataclasses.replace(
                original, id="re-" + original.id, path="rereport/" + original.path, outlet="مرصد", body="\n".join(paragraphs[1:] or paragraphs)
            )
            result = linker.add(copy)
            assert result.added
            assert result.event_id == results[original.id].event_id, original.path
            assert original.id in result.reuse
            assert not result.new_event
            view = membership(store, copy.id)
            assert view["event"]["id"] == result.event_id


def test_restart_keeps_ids_and_decisions(tmp_path: Path, day_articles: list[Article]) -> None:
    articles = day_articles[:50]
    with open_store(str(tmp_path / "one.db")) as store:
        straight = {r.article_id: (r.event_id, r.storyline_id) for r in LiveLinker(store).add_many(articles)}
    db = tmp_path / "two.db"
    with open_store(str(db)) as store:
        first = LiveLinker(store).add_many(articles[:25])
    with open_store(str(db)) as store:  # a new process: the clusterer comes back from the store
        second = LiveLinker(store).add_many(articles[25:])
    restarted = {r.article_id: (r.event_id, r.storyline_id) for r in [*first, *second]}
    assert restarted == straight


def written(store: object) -> dict[str, list]:
    """What linking stored: events and storylines, profile rows (built for a whole
    batch at once, or one by one), quotes, reuse links, summaries, facts, timelines."""
    queries = {
        "membership": "SELECT article_id, event_id, storyline_id FROM live_membership ORDER BY article_id",
        "profiles": "SELECT article_id, profile FROM live_analysis ORDER BY article_id",
        "quotes": "SELECT article_id, data FROM quotes ORDER BY article_id, n",
        "reuse": "SELECT a, b, data FROM reuse ORDER BY a, b",
        "summary": "SELECT storyline_id, data FROM summary ORDER BY storyline_id, n",
        "facts": "SELECT storyline_id, data FROM extras WHERE kind = 'facts' ORDER BY storyline_id, n",
        "timeline": "SELECT article_id, data FROM timeline ORDER BY article_id, n",
    }
    return {name: store._all(sql) for name, sql in queries.items()}  # type: ignore[attr-defined]


def test_a_batch_links_as_one_at_a_time_in_one_transaction(tmp_path: Path, day_articles: list[Article]) -> None:
    """A feed poll's articles analysed on 2 processes and linked in one transaction
    per batch get the events and storylines one-at-a-time linking gives them, and
    every touched storyline (small enough) has its summary when the batch commits."""
    articles = day_articles[:48]
    with open_store(str(tmp_path / "one.db")) as store:
        single = {r.article_id: (r.event_id, r.storyline_id) for r in LiveLinker(store).add_many(articles)}
        single_rows = written(store)
    with open_store(str(tmp_path / "batch.db")) as store:
        results = LiveLinker(store).add_many(articles, batch=24, workers=2)
        batched = {r.article_id: (r.event_id, r.storyline_id) for r in results}
        assert batched == single
        batch_rows = written(store)
        assert len(batch_rows["profiles"]) == len(articles) and batch_rows["summary"]
        for name in single_rows:
            assert batch_rows[name] == single_rows[name], name
        assert all(r.added and r.cpu_seconds > 0 for r in results)
        # two batches: every article of a batch waited until its batch committed
        assert len({r.seconds for r in results}) == 2
        summarized = {r[0] for r in store._all("SELECT DISTINCT storyline_id FROM summary")}
        pending = {r[0] for r in store._all("SELECT storyline_id FROM live_pending")}
        assert {r.storyline_id for r in results} <= summarized | pending
        assert not pending  # add_many refreshed the big ones
        logged = [r[0] for r in store._all("SELECT item_id FROM live_changes WHERE kind = 'summary'")]
        assert len(logged) < len(results)  # a storyline touched twice in a batch is summarized once


def test_a_stream_analyses_the_next_batch_while_it_links_this_one(tmp_path: Path, day_articles: list[Article]) -> None:
    """``LiveLinker.stream`` hands batch k+1 to the workers before it links batch k
    (the pool is asked for the second batch's analyses before the first link), with
    the decisions of linking one at a time; an article of batch k repeated in batch
    k+1 is analysed twice but stored and reported once."""
    articles = day_articles[:20]
    log: list[str] = []

    class LoggingPool:  # runs the analyses here, eagerly, and says when it was asked
        _max_workers = 2

        def map(self, task, items, chunksize=1):  # noqa: ANN001, ANN202 - the Executor.map signature
            log.append(f"analyse {len(items)}")
            return iter([task(item) for item in items])

    with open_store(str(tmp_path / "one.db")) as store:
        single = {r.article_id: (r.event_id, r.storyline_id) for r in LiveLinker(store).add_many(articles)}
    with open_store(str(tmp_path / "stream.db")) as store:
        linker = LiveLinker(store)
        real = linker.link_batch

        def link(batch, *args):  # noqa: ANN001, ANN202
            log.append(f"link {len(batch.articles)}")
            return real(batch, *args)

        linker.link_batch = link  # type: ignore[method-assign]
        first, second = list(linker.stream([articles[:10], articles[8:]], LoggingPool()))
        assert log == ["analyse 10", "analyse 12", "link 10", "link 12"]
        assert [r.added for r in second] == [False, False] + [True] * 10
        streamed = {r.article_id: (r.event_id, r.storyline_id) for r in [*first, *second] if r.added}
        assert streamed == single
        assert store.count_articles() == 20


def test_a_failing_article_in_a_batch_is_left_out_alone(tmp_path: Path, day_articles: list[Article], monkeypatch: pytest.MonkeyPatch) -> None:
    """Linking that raises on one article rolls its batch back; the batch is then
    linked one article at a time, so only that article is reported and left out."""
    articles = day_articles[:12]
    bad = articles[5].id
    real = linker_module.find_quotes

    def flaky(found: list[Article], *args: object) -> list:
        if found[0].id == bad:
            raise RuntimeError("quote finder crashed")
        return real(found, *args)

    monkeypatch.setattr(linker_module, "find_quotes", flaky)
    skipped: list = []
    with open_store(str(tmp_path / "flaky.db")) as store:
        results = LiveLinker(store).add_many(articles, batch=12, on_skip=skipped.append)
        assert [s.article_id for s in skipped] == [bad]
        assert {r.article_id for r in results if r.added} == {a.id for a in articles} - {bad}
        assert not store.known_ids([bad])
        assert store._one("SELECT COUNT(*) FROM live_membership")[0] == 11


def test_a_failure_mid_link_leaves_nothing_half_applied(tmp_path: Path, day_articles: list[Article], monkeypatch: pytest.MonkeyPatch) -> None:
    with open_store(str(tmp_path / "fail.db")) as store:
        linker = LiveLinker(store)
        linker.add_many(day_articles[:10])
        tables = ("articles", "live_analysis", "live_membership", "story_articles", "mentions", "live_changes", "events")
        before = {t: store._one(f"SELECT COUNT(*) FROM {t}")[0] for t in tables}

        def boom(*args: object, **kwargs: object) -> None:
            raise RuntimeError("crash while summarizing")

        monkeypatch.setattr(linker_module, "summarize", boom)
        with pytest.raises(RuntimeError):
            linker.add(day_articles[10])
        assert {t: store._one(f"SELECT COUNT(*) FROM {t}")[0] for t in tables} == before
        monkeypatch.undo()
        result = linker.add(day_articles[10])  # the in-memory clusterer was rolled back too
        assert result.added and store.count_articles() == 11
        assert store._one("SELECT COUNT(*) FROM live_membership")[0] == 11


def test_reuse_index_is_evicted_by_age(tmp_path: Path) -> None:
    articles = read([SHARED / "data" / "saudinewsnet" / "2015-07-21.json"], limit=15) + read([DAY], limit=15)
    with open_store(str(tmp_path / "evict.db")) as store:
        LiveLinker(store).add_many(articles)
        newest = store._one("SELECT MAX(day) FROM live_analysis")[0]
        oldest_indexed = store._one("SELECT MIN(day) FROM live_bands")[0]
        assert oldest_indexed >= newest - WINDOW_DAYS
        assert store._one("SELECT COUNT(*) FROM live_analysis")[0] == 30  # analysis is kept
        old = store._one("SELECT COUNT(*) FROM live_analysis WHERE day < ?", (newest - WINDOW_DAYS,))[0]
        assert old >= 10 and not math.isnan(newest)


def test_api_post_links_each_article_and_changes_follow(tmp_path: Path) -> None:
    """POST /articles answers with each article's event and storyline; GET /articles/{id}
    names them; GET /changes lists what changed after a cursor."""
    from fastapi.testclient import TestClient

    from marsad.api import create_app

    token = "live-token"
    auth = {"Authorization": f"Bearer {token}"}
    seeds = read([SEEDS])
    with TestClient(create_app(str(tmp_path / "api.db"), token=token)) as client:
        first = client.post("/articles", json=[{"title": a.title, "content": a.body, "source": "seed"} for a in seeds[:3]], headers=auth)
        assert first.status_code == 201, first.text
        linked = first.json()["linked"]
        assert len(linked) == 3 and all(x["event_id"].startswith("ev-") and x["storyline_id"].startswith("st-") for x in linked)
        cursor = client.get("/changes").json()["next"]
        second = client.post("/articles", json={"title": seeds[3].title, "content": seeds[3].body, "source": "seed"}, headers=auth)
        assert second.status_code == 201
        new = second.json()["linked"][0]
        after = client.get("/changes", params={"since": cursor}).json()
        assert {("article", new["id"]), ("event", new["event_id"]), ("storyline", new["storyline_id"])} <= {
            (c["kind"], c["id"]) for c in after["items"]
        }
        view = client.get(f"/articles/{new['id']}").json()
        assert view["event"]["id"] == new["event_id"] and view["storyline"]["id"] == new["storyline_id"]
        story = client.get(f"/stories/{new['storyline_id']}").json()
        assert new["id"] in {a["id"] for a in story["articles"]}
        assert client.get("/changes", params={"since": -1}).status_code == 422


def test_consolidation_agrees_with_the_batch_digest_and_keeps_ids(tmp_path: Path, day_articles: list[Article]) -> None:
    from marsad.live.consolidate import consolidate
    from marsad.pipeline import Options
    from marsad.stories.evaluate import bcubed

    articles = day_articles[:70]
    batch = digest(articles, Options(stages=("reuse", "entities", "stories")))
    with open_store(str(tmp_path / "cons.db")) as store:
        linker = LiveLinker(store)
        streamed = {r.article_id: r.event_id for r in linker.add_many(articles)}
        ids = list(streamed)

        def groups(column: str) -> list[list[str]]:
            found: dict[str, list[str]] = {}
            for aid, group in store._all(f"SELECT article_id, {column} FROM live_membership"):
                found.setdefault(group, []).append(aid)
            return list(found.values())

        done = consolidate(store, article_ids=ids)
        assert done.articles == len(ids)
        _, _, f1_events = bcubed([e.article_ids for e in batch.events], groups("event_id"))
        _, _, f1_stories = bcubed([s.article_ids for s in batch.storylines], groups("storyline_id"))
        assert f1_events >= 0.99 and f1_stories >= 0.99, (f1_events, f1_stories)
        # ids carried over: an article that stayed with its streamed companions keeps its event id
        after = dict(store._all("SELECT article_id, event_id FROM live_membership"))
        assert sum(after[a] == e for a, e in streamed.items()) >= 0.8 * len(streamed)
        # stored rows agree with the membership: one storyline per event, story_articles, events rows
        story_of: dict[str, set[str]] = {}
        for _, ev, st in store._all("SELECT article_id, event_id, storyline_id FROM live_membership"):
            story_of.setdefault(ev, set()).add(st)
        assert all(len(s) == 1 for s in story_of.values())
        assert {r[0] for r in store._all("SELECT id FROM events")} == set(story_of)
        assert store._one("SELECT COUNT(*) FROM story_articles")[0] == len(ids)
        assert changes_since(store, 0, 1000)["more"] or changes_since(store, 0, 1000)["items"]
        linker.refresh_pending()
        assert store._one("SELECT COUNT(*) FROM live_pending")[0] == 0
        # streaming goes on after a consolidation (the clusterer reloads)
        more = linker.add(day_articles[75])
        assert more.added and more.event_id in {r[0] for r in store._all("SELECT id FROM events")}


def test_the_clusterer_holds_a_bounded_number_of_articles(tmp_path: Path, day_articles: list[Article], monkeypatch: pytest.MonkeyPatch) -> None:
    """Memory does not grow with the store: the online clusterer keeps at most
    ``model_articles`` (+ slack) of the most recent articles and reloads from the store."""
    monkeypatch.setattr(linker_module, "MODEL_SLACK", 4)
    with open_store(str(tmp_path / "bounded.db")) as store:
        linker = LiveLinker(store, model_articles=10)
        sizes = []
        for article in day_articles[:30]:
            assert linker.add(article).added
            sizes.append(len(linker._model))
        assert max(sizes) <= 10 + 4 + 1
        assert sizes[-1] < 30 and store._one("SELECT COUNT(*) FROM live_membership")[0] == 30


def test_a_rebuild_reads_the_stored_analysis_instead_of_running_ner_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The per-article layer runs once per article: a bulk recomputation over linked
    articles (``marsad delete``, a stale store) reads their stored NER mentions and
    finds the entities a digest of the same articles finds."""
    from marsad.live import analysis
    from marsad.store.loader import rebuild_derived

    seeds = read([SEEDS])
    with open_store(str(tmp_path / "rebuild.db")) as store:
        LiveLinker(store).add_many(seeds)

        def no_ner(article: Article) -> list:
            raise AssertionError(f"NER ran again on {article.id}")

        monkeypatch.setattr(analysis, "ner_mentions", no_ner)
        rebuilt = rebuild_derived(store)
    monkeypatch.undo()
    batch = digest(seeds)
    assert batch.entities
    assert {(e.name, e.type) for e in rebuilt.entities} == {(e.name, e.type) for e in batch.entities}
    assert partition([e.article_ids for e in rebuilt.events]) == partition([e.article_ids for e in batch.events])


def test_profile_rows_stored_before_a_channel_was_added_still_decode() -> None:
    """A row blob holds one length per channel; rows written when fewer channels existed
    decode with the later channels empty, the earlier ones intact."""
    import numpy as np

    from marsad.pipeline import prepare
    from marsad.stories.similarity import CHANNELS, build_profiles

    profiles = build_profiles([prepare(a) for a in read([SEEDS])[:2]])
    blob = linker_module.encode_profile(profiles, 0)
    kept = CHANNELS[:-2]
    lengths = np.frombuffer(blob[: 4 * len(CHANNELS)], dtype=np.int32)
    total, old_total = int(lengths.sum()), int(lengths[: len(kept)].sum())
    body = blob[4 * len(CHANNELS) :]
    old = lengths[: len(kept)].tobytes() + body[: 4 * old_total] + body[4 * total : 4 * total + 4 * old_total]
    decoded = linker_module.decode_profiles(["a"], [old], [float("nan")])
    for name in kept:
        difference = decoded.channel(name) - profiles.channel(name)[0]
        assert decoded.channel(name).nnz == profiles.channel(name)[0].nnz and abs(difference).max() < 1e-6
    for name in CHANNELS[len(kept):]:
        assert decoded.channel(name).nnz == 0
    assert linker_module.decode_profiles(["a"], [blob], [float("nan")]).channel(CHANNELS[-1]).nnz == profiles.channel(CHANNELS[-1])[0].nnz


def test_clearing_the_memo_caches_after_every_batch_changes_nothing_stored(tmp_path: Path, day_articles: list[Article]) -> None:
    """The byte budget of the word and sentence caches (``marsad.live.memory``): with
    no allowance every bounded marsad ``lru_cache`` is cleared after each batch, and
    the store ends up exactly as with the caches kept."""
    from marsad.live.memory import CacheBudget, memo_caches

    articles = day_articles[:40]
    with open_store(str(tmp_path / "kept.db")) as store:
        LiveLinker(store, cache_budget=CacheBudget(allowance_mb=1e9)).add_many(articles, batch=10)
        kept = written(store)
    budget = CacheBudget(allowance_mb=-1.0)
    with open_store(str(tmp_path / "cleared.db")) as store:
        LiveLinker(store, cache_budget=budget).add_many(articles, batch=10)
        cleared = written(store)
    assert budget.clearings == 3  # after each batch but the first (which sets the baseline)
    names = {f"{c.__module__}.{c.__qualname__}" for c in memo_caches()}
    assert {"marsad.arabic.stem.stem", "marsad.citations._tokens"} <= names
    assert all(c.cache_info().currsize == 0 or c.cache_parameters()["maxsize"] >= 1024 for c in memo_caches())
    assert cleared == kept


def test_a_growing_storylines_timeline_reuses_its_members_statements(day_articles: list[Article], monkeypatch: pytest.MonkeyPatch) -> None:
    """Rebuilding a storyline's timeline as it grows (what the live linker does each
    batch) computes each member's dated statements once; the entries equal a fresh
    computation; an article whose text changed is read again."""
    from marsad import timeline
    from marsad.pipeline import prepare

    members = [prepare(a) for a in day_articles[:12]]
    calls: list[str] = []
    real = timeline.article_statements

    def counting(article: Article, *args: object, **kwargs: object) -> list:
        calls.append(article.id)
        return real(article, *args, **kwargs)

    monkeypatch.setattr(timeline, "article_statements", counting)
    monkeypatch.setattr(timeline, "_STATEMENTS", timeline.OrderedDict())
    for n in range(1, len(members) + 1):  # the storyline grows one article at a time
        grown = timeline.build_timeline(members[:n])
    assert sorted(calls) == sorted(a.id for a in members)  # once each, not 78 times
    timeline._STATEMENTS.clear()
    assert timeline.build_timeline(members) == grown
    edited = dataclasses.replace(members[0], paragraphs=[*members[0].paragraphs, "وقال المتحدث أمس إن العمل مستمر."])
    calls.clear()
    timeline.build_timeline([edited, *members[1:]])
    assert calls == [edited.id]
