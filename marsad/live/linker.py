"""Corpus linking, one article at a time: what a new article changes, in one transaction.

:meth:`LiveLinker.add` takes an article as ingested and, inside ONE store transaction
(readers never see half of it; a crash leaves the previous state):

1. stores the article (row, sentences, search index) and its analysis
   (:mod:`marsad.live.analysis`: signature, story profile, NER mentions);
2. **reuse** — candidates from the persistent LSH bands within the reuse window
   (:mod:`marsad.live.reuse_index`), verified and aligned by the reuse stage itself
   (:func:`marsad.reuse.find_reuse` over the article and its candidates);
3. **entities** — the article's own entities find the stored entity with the same
   spelling key (``live_entity_keys``) and absorb the mentions; the other entities
   are not touched; unknown ones become new entities;
4. **stories** — the stories package's :class:`~marsad.stories.OnlineStoryClusterer`
   (the batch event/storyline score, :func:`marsad.stories.similarity.combine`) places
   the article in an event and storyline, or founds them (stable ``ev-``/``st-`` ids);
   the clusterer holds the articles of the storyline window only, at most
   :data:`MODEL_ARTICLES` of the most recent (memory bounded), and is rebuilt from
   the store when the window moves on, it outgrew that bound, or another process wrote;
5. **timeline, quotes** of the article, and the **summary, coverage and timeline** of
   the storyline it touched (the timeline rebuilt by the batch stage's
   :func:`~marsad.timeline.build_timeline` over the storyline's articles, replacing
   the article's own entries) (a storyline above ``summary_sync_limit`` articles is marked
   pending and summarized by :meth:`LiveLinker.refresh_pending` after the ingest call);
6. one ``live_changes`` row per new or changed article, event, storyline, summary.

:func:`index_batch` is the same layer in bulk: after a batch digest replaced the
derived tables (``marsad digest``-style recomputation), it fills the live tables from
that digest so incremental linking continues from it.
"""
from __future__ import annotations

import itertools
import json
import math
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from typing import Any

import numpy as np
import scipy.sparse as sp

from marsad.entities.canonical import name_key
from marsad.live import reuse_index
from marsad.guard import Skipped, describe, time_limit
from marsad.live.memory import CacheBudget
from marsad.live.analysis import ArticleAnalysis, analyse, analyse_many, analysis_pool, signature_of, submit_many
from marsad.live.schema import ensure_schema, is_postgres
from marsad.model import Article, Digest, Entity, Event, Mention, Quote, Reuse, Storyline, TimelineEntry
from marsad.quotes import find_quotes
from marsad.reuse import ReuseSettings, find_reuse
from marsad.store import codec
from marsad.stories import OnlineStoryClusterer, stable_id
from marsad.stories.idf import N_FEATURES
from marsad.stories.similarity import CHANNELS, STORYLINE, Profiles, StoryContext, build_profiles, day_number, outlet_code
from marsad.summarize import SummaryOptions, SummaryResult, summarize
from marsad.timeline import article_timeline, build_timeline, reuse_references

__all__ = ["LiveLinker", "LinkResult", "index_batch", "encode_profile", "decode_profiles"]

#: Storylines up to this many articles are summarized inside the article's transaction.
SUMMARY_SYNC_LIMIT = 40
#: The clusterer is rebuilt (dropping articles older than the storyline window) once
#: its oldest article is this many days beyond the window.
WINDOW_SLACK_DAYS = 14.0
#: The clusterer holds at most this many of the most recent articles of the storyline
#: window (memory and per-article scoring stay bounded however big the store grows) ...
MODEL_ARTICLES = 15_000
#: ... and is rebuilt from the store once it has grown this many beyond that.
MODEL_SLACK = 5_000


@dataclass(slots=True)
class LinkResult:
    """What adding one article did."""

    article_id: str
    added: bool
    event_id: str | None = None
    storyline_id: str | None = None
    new_event: bool = False
    new_storyline: bool = False
    reuse: list[str] = field(default_factory=list)
    entities: int = 0
    summary: str = "none"  # "updated" | "pending" | "none"
    seconds: float = 0.0
    cpu_seconds: float = 0.0


# -- profile rows ⇄ bytes ---------------------------------------------------------------


def encode_profile(profiles: Profiles, k: int) -> bytes:
    """Row ``k`` of ``profiles`` as bytes: one int32 length per channel, int32 indices, float32 values."""
    parts_i: list[np.ndarray] = []
    parts_d: list[np.ndarray] = []
    lengths = []
    for name in CHANNELS:
        matrix = getattr(profiles, name)
        lo, hi = matrix.indptr[k], matrix.indptr[k + 1]
        parts_i.append(matrix.indices[lo:hi].astype(np.int32))
        parts_d.append(matrix.data[lo:hi].astype(np.float32))
        lengths.append(hi - lo)
    return np.array(lengths, dtype=np.int32).tobytes() + np.concatenate(parts_i).tobytes() + np.concatenate(parts_d).tobytes()


def _channel_count(raw: bytes) -> int:
    """How many channels a row blob holds: :data:`CHANNELS` now, fewer in a row that
    :func:`encode_profile` wrote before channels were added (its size tells)."""
    for count in range(len(CHANNELS), 0, -1):
        lengths = np.frombuffer(raw[: 4 * count], dtype=np.int32)
        if len(lengths) == count and lengths.min() >= 0 and 4 * count + 8 * int(lengths.sum()) == len(raw):
            return count
    raise ValueError(f"a profile row of {len(raw)} bytes matches no channel layout")


def decode_profiles(
    ids: Sequence[str], blobs: Sequence[bytes], days: Sequence[float], outlets: Sequence[str | None] | None = None
) -> Profiles:
    """Profiles from rows written by :func:`encode_profile` (``outlets``: each row's outlet)."""
    channels: dict[str, tuple[list[np.ndarray], list[np.ndarray], list[int]]] = {n: ([], [], [0]) for n in CHANNELS}
    for blob in blobs:
        raw = bytes(blob)
        count = _channel_count(raw)
        head = 4 * count
        lengths = np.frombuffer(raw[:head], dtype=np.int32)
        total = int(lengths.sum())
        indices = np.frombuffer(raw[head : head + 4 * total], dtype=np.int32)
        data = np.frombuffer(raw[head + 4 * total :], dtype=np.float32)
        at = 0
        # a row written before later channels existed leaves them empty
        for name, length in zip(CHANNELS, lengths.tolist() + [0] * (len(CHANNELS) - count)):
            idx, dat, ptr = channels[name]
            idx.append(indices[at : at + length])
            dat.append(data[at : at + length])
            ptr.append(ptr[-1] + length)
            at += length
    matrices = {}
    for name, (idx, dat, ptr) in channels.items():
        matrices[name] = sp.csr_matrix(
            (
                np.concatenate(dat).astype(np.float64) if dat else np.zeros(0),
                np.concatenate(idx) if idx else np.zeros(0, dtype=np.int32),
                np.array(ptr, dtype=np.int64),
            ),
            shape=(len(ids), N_FEATURES),
        )
    codes = np.array([outlet_code(o) for o in (outlets if outlets is not None else [None] * len(ids))], dtype=np.int64)
    return Profiles(list(ids), *(matrices[name] for name in CHANNELS), np.asarray(days, dtype=np.float64), codes)


# -- small helpers -----------------------------------------------------------------------


def now() -> str:
    """UTC time stamp of a change-log row."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _key(variant: str) -> str:
    return " ".join(name_key(variant))


def _headline(article: Article) -> str:
    if article.title:
        return article.title
    if article.sentences:
        return article.sentences[0].text
    return (article.clean_text or article.body).strip().split("\n", 1)[0][:200] or article.id


def span(days: Iterable[str | None]) -> tuple[str | None, str | None]:
    """(first, last) ISO day of the dated ones (last None when the same day)."""
    known = sorted(d[:10] for d in days if d and len(d) >= 10)
    if not known:
        return None, None
    return known[0], (known[-1] if known[-1] != known[0] else None)


def rows_in(store: Any, sql: str, values: Sequence[str]) -> list[tuple]:
    """``store._all(sql)`` with ``{}`` in ``sql`` replaced by placeholders for
    ``values``, 500 at a time (SQLite's parameter limit)."""
    out: list[tuple] = []
    values = list(values)
    for i in range(0, len(values), 500):
        chunk = values[i : i + 500]
        out.extend(store._all(sql.format(",".join("?" * len(chunk))), chunk))
    return out


def _nan_to_none(day: float) -> float | None:
    return None if math.isnan(day) else day


class LiveLinker:
    """Links articles into a store one at a time (see the module doc).

    One live writer per store at a time is the expected setup (the CLI's ingest or the
    API); a second writer is tolerated: each transaction checks the store's
    ``live_seq`` and reloads the clusterer when another process linked meanwhile.
    """

    def __init__(
        self,
        store: Any,
        reuse: ReuseSettings | None = None,
        summary: SummaryOptions | None = None,
        summary_sync_limit: int = SUMMARY_SYNC_LIMIT,
        model_articles: int = MODEL_ARTICLES,
        cache_budget: CacheBudget | None = None,
    ) -> None:
        ensure_schema(store)
        self.model_articles = model_articles
        #: the memo caches' byte budget, checked after each batch of :meth:`stream`
        self.cache_budget = cache_budget if cache_budget is not None else CacheBudget()
        self.store = store
        self.reuse_settings = reuse or ReuseSettings()
        self.summary_options = summary or SummaryOptions()
        self.summary_sync_limit = summary_sync_limit
        self._model: OnlineStoryClusterer | None = None
        self._model_from: float = math.nan
        self._seq: int | None = None
        self._pg = is_postgres(store)

    # -- state -------------------------------------------------------------------------

    def _live_seq(self) -> int:
        row = self.store._one("SELECT value FROM meta WHERE key = 'live_seq'")
        return int(row[0]) if row else 0

    def _latest_day(self) -> float:
        row = self.store._one("SELECT MAX(day) FROM live_analysis")
        return float(row[0]) if row and row[0] is not None else math.nan

    def _load_model(self) -> OnlineStoryClusterer:
        """The clusterer over the stored articles of the storyline window, in arrival
        order: the last :data:`MODEL_ARTICLES` of them at most."""
        latest = self._latest_day()
        since = latest - STORYLINE.window_days() if not math.isnan(latest) else -math.inf
        cut = self.store._one("SELECT seq FROM live_analysis ORDER BY seq DESC LIMIT 1 OFFSET ?", (self.model_articles - 1,))
        rows = self.store._all(
            "SELECT la.article_id, la.day, la.profile, lm.event_id, lm.storyline_id, a.title, a.published, a.outlet "
            "FROM live_analysis la JOIN live_membership lm ON lm.article_id = la.article_id "
            "JOIN articles a ON a.id = la.article_id WHERE (la.day IS NULL OR la.day >= ?) AND la.seq >= ? ORDER BY la.seq",
            (since if math.isfinite(since) else -1e18, int(cut[0]) if cut else 0),
        )
        articles = [Article(id=r[0], path="", body="", title=r[5], published=r[6], outlet=r[7]) for r in rows]
        days = [math.nan if r[1] is None else float(r[1]) for r in rows]
        profiles = decode_profiles([r[0] for r in rows], [r[2] for r in rows], days, [r[7] for r in rows])
        event_storylines = {r[3]: r[4] for r in rows}
        self._model_from = since
        return OnlineStoryClusterer.restore(articles, profiles, [r[3] for r in rows], event_storylines)

    def _sync(self, day: float) -> OnlineStoryClusterer:
        """The clusterer, reloaded when another writer linked meanwhile or the window moved."""
        seq = self._live_seq()
        moved = (
            self._model is not None
            and not math.isnan(day)
            and math.isfinite(self._model_from)
            and day - STORYLINE.window_days() > self._model_from + WINDOW_SLACK_DAYS
        )
        full = self._model is not None and len(self._model) > self.model_articles + MODEL_SLACK
        if self._model is None or seq != self._seq or moved or full:
            self._model = self._load_model()
            self._seq = seq
        return self._model

    # -- the per-article transaction -----------------------------------------------------

    def add(self, article: Article, analysis: ArticleAnalysis | None = None) -> LinkResult:
        """Store and link one article as ingested (already stored: nothing happens)."""
        started, cpu = time.perf_counter(), time.process_time()
        if self.store.known_ids([article.id]):
            return LinkResult(article.id, added=False)
        analysis = analysis or analyse(article, self.reuse_settings)
        try:
            with self.store.transaction() as cur:
                result, storyline = self._link(cur, analysis)
                if storyline is not None:
                    result.summary = self._summarize_touched(cur, {storyline.id: storyline})[storyline.id]
        except BaseException:
            self._model = None  # its in-memory decision was rolled back with the rest
            raise
        result.seconds = time.perf_counter() - started
        result.cpu_seconds = time.process_time() - cpu
        return result

    def add_batch(
        self,
        articles: Sequence[Article],
        workers: int = 1,
        pool: Any = None,
        seconds: float | None = None,
        on_skip: Callable[[Skipped], None] | None = None,
    ) -> list[LinkResult]:
        """Store and link many articles (a feed poll, a file) in ONE transaction.

        The per-article layer runs on ``pool`` or ``workers`` processes
        (:func:`~marsad.live.analysis.analyse_many`, each article within ``seconds``);
        the articles are then linked one by one in the given order — the same
        decisions as :meth:`add` one at a time — and the summary of each touched
        storyline is computed once for the batch, not once per article. Readers see
        the whole batch or none of it. If linking raises, the batch is rolled back and
        its articles are linked one at a time (:func:`marsad.guard.add_guarded`), so
        only the failing article is left out. An article that cannot be prepared is
        reported to ``on_skip``.

        Each result's ``seconds`` is the wall time from the call to the commit (what
        the article waited); ``cpu_seconds`` is its analysis, its linking and its
        share of the batch's summaries (split between the articles of each storyline).
        """
        return self.link_batch(self.prepare_batch(articles, pool, seconds, workers), seconds, on_skip)

    def prepare_batch(
        self, articles: Sequence[Article], pool: Any = None, seconds: float | None = None, workers: int = 1
    ) -> PreparedBatch:
        """Start the per-article layer of a batch: the articles not stored yet are
        handed to ``pool`` at once (:func:`~marsad.live.analysis.submit_many`); without
        a pool they are analysed (on ``workers`` processes of their own) when
        :meth:`link_batch` reads them. An article linked between this call and
        :meth:`link_batch` (the same id in the batch before) is analysed for nothing
        and reported as not added."""
        started = time.perf_counter()
        unique = list({a.id: a for a in articles}.values())
        known = self.store.known_ids([a.id for a in unique])
        fresh = [a for a in unique if a.id not in known]
        if pool is None:
            analyses = analyse_many(fresh, self.reuse_settings, workers=workers, seconds=seconds)
        else:
            analyses = submit_many(fresh, self.reuse_settings, pool=pool, seconds=seconds)
        return PreparedBatch(list(articles), analyses, started)

    def stream(
        self,
        batches: Iterable[Sequence[Article]],
        pool: Any = None,
        seconds: float | None = None,
        on_skip: Callable[[Skipped], None] | None = None,
    ) -> Iterator[list[LinkResult]]:
        """:meth:`add_batch` over each batch in turn, pipelined: the next batch is
        handed to ``pool``'s workers before this one is linked, so the analysis of one
        batch runs while the previous one links (with a pool; the same results as
        :meth:`add_batch` batch after batch). Yields each batch's results as it commits;
        after each batch the memo caches are held to their byte budget
        (:class:`marsad.live.memory.CacheBudget`)."""
        pending: PreparedBatch | None = None
        for batch in batches:
            following = self.prepare_batch(batch, pool, seconds)
            if pending is not None:
                linked = self.link_batch(pending, seconds, on_skip)
                self.cache_budget.check()
                yield linked
            pending = following
        if pending is not None:
            linked = self.link_batch(pending, seconds, on_skip)
            self.cache_budget.check()
            yield linked

    def link_batch(
        self, batch: PreparedBatch, seconds: float | None = None, on_skip: Callable[[Skipped], None] | None = None
    ) -> list[LinkResult]:
        """Link a batch :meth:`prepare_batch` started, in ONE transaction (see :meth:`add_batch`)."""
        started, articles = batch.started, batch.articles
        analyses: list[ArticleAnalysis] = []
        left_out: set[str] = set()
        for item in batch.analyses:
            if isinstance(item, Skipped):
                left_out.add(item.article_id or "")
                if on_skip is not None:
                    on_skip(item)
            else:
                analyses.append(item)

        def in_order(found: list[LinkResult]) -> list[LinkResult]:
            """One result per input article, in input order (a repeated id is not
            added again; an article left out has none)."""
            by_id = {r.article_id: r for r in found}
            out = []
            for article in articles:
                if article.id in left_out:
                    continue
                result = by_id.pop(article.id, None)
                out.append(result if result is not None else LinkResult(article.id, added=False))
            return out

        if not analyses:
            return in_order([])
        linked: list[LinkResult] = []
        try:
            with self.store.transaction() as cur:
                touched: dict[str, Storyline] = {}
                fronts: list[_Front] = []
                front_cpu: list[float] = []
                batch_latest = math.nan
                for a in analyses:  # first halves, in order (see _link_front)
                    cpu = time.process_time()
                    with time_limit(seconds, "linking"):
                        front = self._link_front(cur, a, batch_latest)
                    if front is None:
                        linked.append(LinkResult(a.article.id, added=False))
                        continue
                    if not math.isnan(front.own_day) and (math.isnan(batch_latest) or front.own_day > batch_latest):
                        batch_latest = front.own_day
                    fronts.append(front)
                    front_cpu.append(a.cpu_seconds + time.process_time() - cpu)
                cpu = time.process_time()
                profiles = build_profiles(
                    [f.analysis.article for f in fronts], StoryContext.of([m for f in fronts for m in f.mentions])
                ) if fronts else None
                profile_cpu = (time.process_time() - cpu) / max(1, len(fronts))
                for k, (front, spent) in enumerate(zip(fronts, front_cpu)):  # second halves, in order
                    cpu = time.process_time()
                    assert profiles is not None
                    with time_limit(seconds, "linking"):
                        result, storyline = self._link_back(cur, front, profiles, k)
                    result.cpu_seconds = spent + profile_cpu + time.process_time() - cpu
                    touched[storyline.id] = storyline
                    linked.append(result)
                cpu = time.process_time()
                statuses = self._summarize_touched(cur, touched)
                summary_cpu = time.process_time() - cpu
        except Exception:
            self._model = None
            from marsad.guard import add_guarded

            by_id = {a.article.id: a for a in analyses}
            again = add_guarded(_Prepared(self, by_id), [a.article for a in analyses], seconds, on_skip)
            left_out.update(by_id.keys() - {r.article_id for r in again})
            return in_order(again)
        except BaseException:
            self._model = None
            raise
        share = {sid: summary_cpu / max(1, len(statuses)) / sum(1 for r in linked if r.storyline_id == sid) for sid in statuses}
        done = time.perf_counter() - started
        for result in linked:
            result.summary = statuses.get(result.storyline_id or "", "none")
            result.cpu_seconds += share.get(result.storyline_id or "", 0.0)
            result.seconds = done
        return in_order(linked)

    def add_many(
        self,
        articles: Iterable[Article],
        on_article: Callable[[LinkResult], None] | None = None,
        batch: int = 1,
        workers: int = 1,
        seconds: float | None = None,
        on_skip: Callable[[Skipped], None] | None = None,
    ) -> list[LinkResult]:
        """Link the articles in order, ``batch`` per transaction (:meth:`stream`:
        analysed on ``workers`` processes, the next batch while this one links;
        ``batch`` 1: one article per transaction),
        then summarize the pending storylines (a failure there is reported to
        ``on_skip`` and the summaries stay pending for the next run)."""
        results: list[LinkResult] = []
        pool = analysis_pool(workers) if batch > 1 else None
        try:
            for found in self.stream(chunked(articles, batch), pool, seconds, on_skip):
                results.extend(found)
                for result in found if on_article is not None else ():
                    on_article(result)
        finally:
            if pool is not None:
                pool.shutdown()
        try:
            self.refresh_pending()
        except Exception as exc:  # noqa: BLE001 - summaries stay pending for the next run
            if on_skip is not None:
                on_skip(Skipped("(pending storyline summaries)", None, "summary refresh", describe(exc)))
        return results

    def _link(self, cur: Any, a: ArticleAnalysis) -> tuple[LinkResult, Storyline | None]:
        """Store one analysed article and link it (inside the caller's transaction);
        returns what it did and the storyline it touched, whose summary the caller
        brings up to date (:meth:`_summarize_touched`)."""
        front = self._link_front(cur, a, math.nan)
        if front is None:
            return LinkResult(a.article.id, added=False), None
        return self._link_back(cur, front, build_profiles([a.article], front.context), 0)

    def _link_front(self, cur: Any, a: ArticleAnalysis, batch_latest: float) -> _Front | None:
        """The first half of linking one article: store it, find its reuse links
        (candidates from the LSH bands of the articles linked before it, this batch's
        included) and index its own bands, absorb its entities. None: already stored.

        Nothing here reads what :meth:`_link_back` writes, so a batch runs every
        article's first half, builds all the story profiles in one call (each row
        depends on its own article and mentions only), then the second halves in
        order — the same decisions as one article at a time. ``batch_latest``: the
        latest publication day of the articles whose first half ran in this batch
        before this one (their analysis rows are written by the second half)."""
        store, article = self.store, a.article
        if not store.insert_article(cur, article):
            return None
        own_day = day_number(article.published)
        latest = self._latest_day()
        if not math.isnan(batch_latest) and (math.isnan(latest) or batch_latest > latest):
            latest = batch_latest
        day = own_day if not math.isnan(own_day) else latest

        # reuse
        links: list[Reuse] = []
        partners: list[Article] = []
        if a.signature is not None:
            since = (day if not math.isnan(day) else 0.0) - reuse_index.WINDOW_DAYS
            found = reuse_index.candidates(store, a.signature, since, self.reuse_settings, exclude=[article.id])
            partners = [p for p in (store.article(other) for other, _ in found) if p is not None]
            if partners:
                result = find_reuse([*partners, article], self.reuse_settings)
                links = [r for r in result.links if article.id in (r.a, r.b)]
        for link in links:
            self._upsert(cur, "reuse", ("a", "b"), (link.a, link.b), {"data": codec.dumps(codec.as_dict(link))})
        # the reuse index: the articles after this one find it
        if a.signature is not None:
            reuse_index.insert_rows(cur, store, article.id, a.signature, day if not math.isnan(day) else 0.0, self.reuse_settings)
        newest = max(x for x in (day, latest, 0.0) if not math.isnan(x))
        reuse_index.evict_before(cur, store, newest - reuse_index.WINDOW_DAYS)

        # entities
        mentions, entities = self._absorb_entities(cur, a)
        return _Front(a, own_day, links, partners, mentions, entities, StoryContext.of(mentions, links))

    def _link_back(self, cur: Any, front: _Front, profiles: Profiles, k: int) -> tuple[LinkResult, Storyline]:
        """The second half of linking one article (row ``k`` of ``profiles`` is its
        story profile): its event and storyline, its timeline entries and quotes, its
        analysis row and change-log rows."""
        store, a = self.store, front.analysis
        article, links, partners, mentions, entities = a.article, front.links, front.partners, front.mentions, front.entities
        model = self._sync(front.own_day)
        changes: list[tuple[str, str]] = [("article", article.id)]

        # stories (same score as batch: the stories package's profiles and clusterer)
        event_id, storyline_id = model.assign(article, profiles, k, front.context.links.get(article.id, ()))
        new_event = event_id == stable_id("ev", article.id)
        new_storyline = storyline_id == stable_id("st", article.id)
        if not new_event:  # rewritten copies share few 5-grams: align with the event too
            more = self._event_partners(event_id, {article.id, *(p.id for p in partners)})
            if more:
                extra = [r for r in find_reuse([*more, article], self.reuse_settings).links if article.id in (r.a, r.b)]
                for link in extra:
                    self._upsert(cur, "reuse", ("a", "b"), (link.a, link.b), {"data": codec.dumps(codec.as_dict(link))})
                links = [*links, *extra]
                partners = [*partners, *more]
        event = self._add_to_event(cur, event_id, article)
        storyline = self._add_to_storyline(cur, storyline_id, event, article)
        cur.execute(
            store._sql("INSERT INTO live_membership (article_id, event_id, storyline_id) VALUES (?, ?, ?)"),
            (article.id, event_id, storyline_id),
        )
        changes += [("event", event_id), ("storyline", storyline_id)]

        # timeline and quotes of the article
        references = reuse_references([article, *partners], links)
        entries = article_timeline(article, references.get(article.id))
        self._append(cur, "timeline", ("article_id", "event_id", "date"),
                     [((t.article_id, event_id, t.date), {**codec.as_dict(t), "event_id": event_id}) for t in entries])
        quotes = find_quotes([article], mentions, entities)
        self._append(cur, "quotes", ("article_id", "speaker_entity", "start_off"),
                     [((q.article_id, q.speaker_entity, q.start), codec.as_dict(q)) for q in quotes])

        # the analysis row
        seq = self._live_seq() + 1
        cur.execute(
            store._sql("INSERT INTO live_analysis (article_id, day, seq, signature, profile, mentions) VALUES (?, ?, ?, ?, ?, ?)"),
            (
                article.id,
                _nan_to_none(front.own_day),
                seq,
                (a.signature if a.signature is not None else np.zeros(0, dtype=np.uint32)).tobytes(),
                encode_profile(profiles, k),
                codec.dumps([codec.as_dict(m) for m in a.mentions]),
            ),
        )
        self._log(cur, changes)
        self._set_meta(cur, "live_seq", str(seq))
        self._seq = seq  # this writer's own step: no reload of the clusterer
        return LinkResult(
            article.id, True, event_id, storyline_id, new_event, new_storyline,
            [link.a if link.b == article.id else link.b for link in links], len(entities),
        ), storyline

    def _summarize_touched(self, cur: Any, touched: dict[str, Storyline]) -> dict[str, str]:
        """Summary, coverage and facts of each touched storyline, once (inside the
        caller's transaction); one above ``summary_sync_limit`` articles is marked
        pending for :meth:`refresh_pending`. Returns each storyline's status."""
        status: dict[str, str] = {}
        now_due = [s for s in touched.values() if len(s.article_ids) <= self.summary_sync_limit]
        views = self._summary_views(now_due) if now_due else {}
        for storyline_id, storyline in touched.items():
            if storyline_id in views:
                self._write_summary(cur, storyline_id, views[storyline_id])
                cur.execute(self.store._sql("DELETE FROM live_pending WHERE storyline_id = ?"), (storyline_id,))
                status[storyline_id] = "updated"
            else:
                self._upsert(cur, "live_pending", ("storyline_id",), (storyline_id,), {})
                status[storyline_id] = "pending"
        self._log(cur, [("summary", sid) for sid, done in status.items() if done == "updated"])
        return status

    # -- writing pieces ------------------------------------------------------------------

    def _set_meta(self, cur: Any, key: str, value: str) -> None:
        cur.execute(self.store._sql("DELETE FROM meta WHERE key = ?"), (key,))
        cur.execute(self.store._sql("INSERT INTO meta (key, value) VALUES (?, ?)"), (key, value))

    def _log(self, cur: Any, changes: Sequence[tuple[str, str]]) -> None:
        at = now()
        self.store._many(cur, "INSERT INTO live_changes (kind, item_id, at) VALUES (?, ?, ?)",
                         ((kind, item, at) for kind, item in dict.fromkeys(changes)))

    def _upsert(self, cur: Any, table: str, keys: Sequence[str], key_values: Sequence[Any], values: dict[str, Any]) -> None:
        """Insert a row, or update its ``values`` when the key is there (both backends)."""
        columns = [*keys, *values]
        marks = ", ".join("?" * len(columns))
        action = "DO NOTHING" if not values else "DO UPDATE SET " + ", ".join(f"{c} = excluded.{c}" for c in values)
        cur.execute(
            self.store._sql(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks}) ON CONFLICT ({', '.join(keys)}) {action}"),
            (*key_values, *values.values()),
        )

    def _append(self, cur: Any, table: str, columns: Sequence[str], rows: Sequence[tuple[tuple, dict]], n_from: int | None = None) -> None:
        """Rows numbered after the table's last ``n`` (records keep their JSON ``data``)."""
        if not rows:
            return
        if n_from is None:
            row = self.store._one(f"SELECT COALESCE(MAX(n), -1) FROM {table}")
            n_from = int(row[0]) + 1
        marks = ", ".join("?" * (len(columns) + 2))
        self.store._many(
            cur,
            f"INSERT INTO {table} (n, {', '.join(columns)}, data) VALUES ({marks})",
            ((n_from + i, *values, codec.dumps(data)) for i, (values, data) in enumerate(rows)),
        )

    def _absorb_entities(self, cur: Any, a: ArticleAnalysis) -> tuple[list[Mention], list[Entity]]:
        """The article's mentions pointing at stored entities (found by spelling key) or
        at new ones; only the entities it mentions are rewritten."""
        store, article = self.store, a.article
        final: dict[str, str] = {}
        records: list[Entity] = []
        for local in a.entities:
            keys = sorted({k for k in (_key(v) for v in [local.name, *local.variants]) if k})
            match = None
            if keys:
                marks = ",".join("?" * len(keys))
                hits = store._all(
                    f"SELECT k.entity_id, e.mentions FROM live_entity_keys k JOIN entities e ON e.id = k.entity_id "
                    f"WHERE k.type = ? AND k.name_key IN ({marks}) ORDER BY e.mentions DESC, k.entity_id",
                    [local.type, *keys],
                )
                match = hits[0][0] if hits else None
            row = store._one("SELECT data FROM entities WHERE id = ?", (match or local.id,))
            if row is not None:
                stored = codec.from_dict(Entity, json.loads(row[0]))
                stored.variants = list(dict.fromkeys([*stored.variants, *(v for v in [local.name, *local.variants] if v != stored.name)]))
                if article.id not in stored.article_ids:
                    stored.article_ids.append(article.id)
                stored.mentions += local.mentions
                stored.roles = list(dict.fromkeys([*stored.roles, *local.roles]))
                entity = stored
            else:
                entity = local
            final[local.id] = entity.id
            records.append(entity)
            self._upsert(cur, "entities", ("id",), (entity.id,),
                         {"name": entity.name, "type": entity.type, "mentions": entity.mentions, "data": codec.dumps(codec.as_dict(entity))})
            self._upsert(cur, "entity_articles", ("entity_id", "article_id"), (entity.id, article.id), {})
            for key in keys:  # a key already held stays with its entity (as quotes.name_index)
                cur.execute(
                    store._sql(
                        "INSERT INTO live_entity_keys (name_key, type, entity_id) VALUES (?, ?, ?) "
                        "ON CONFLICT (name_key, type) DO NOTHING"
                    ),
                    (key, entity.type, entity.id),
                )
        mentions = [Mention(m.article_id, m.start, m.end, m.text, m.type, final.get(m.entity_id or "", m.entity_id)) for m in a.local_mentions]
        self._append(cur, "mentions", ("article_id", "entity_id", "start_off"),
                     [((m.article_id, m.entity_id, m.start), codec.as_dict(m)) for m in mentions])
        # entities as this article's quotes resolve speakers against (its own, with stored ids)
        by_id = {e.id: e for e in records}
        return mentions, list(by_id.values())

    def _event_partners(self, event_id: str, exclude: set[str]) -> list[Article]:
        """The most recently linked members of an event (at most ``max_candidates``)."""
        rows = self.store._all(
            "SELECT lm.article_id FROM live_membership lm JOIN live_analysis la ON la.article_id = lm.article_id "
            "WHERE lm.event_id = ? ORDER BY la.seq DESC LIMIT ?",
            (event_id, self.reuse_settings.max_candidates + len(exclude)),
        )
        ids = [r[0] for r in rows if r[0] not in exclude][: self.reuse_settings.max_candidates]
        return [a for a in (self.store.article(i) for i in ids) if a is not None]

    def _add_to_event(self, cur: Any, event_id: str, article: Article) -> Event:
        row = self.store._one("SELECT data FROM events WHERE id = ?", (event_id,))
        if row is None:
            event = Event(id=event_id, title=_headline(article), date=None, article_ids=[])
        else:
            event = codec.from_dict(Event, json.loads(row[0]))
        if article.id not in event.article_ids:
            event.article_ids.append(article.id)
        dates = [r[0] for r in self._in("SELECT published FROM articles WHERE id IN ({})", event.article_ids)]
        event.date, event.date_end = span(dates)
        if article.outlet and article.outlet not in event.outlets:
            event.outlets = sorted({*event.outlets, article.outlet})
        self._upsert(cur, "events", ("id",), (event.id,), {"date": event.date, "data": codec.dumps(codec.as_dict(event))})
        return event

    def _add_to_storyline(self, cur: Any, storyline_id: str, event: Event, article: Article) -> Storyline:
        row = self.store._one("SELECT data FROM storylines WHERE id = ?", (storyline_id,))
        if row is None:
            story = Storyline(id=storyline_id, title=event.title)
        else:
            story = codec.from_dict(Storyline, json.loads(row[0]))
        if event.id not in story.event_ids:
            story.event_ids.append(event.id)
        if article.id not in story.article_ids:
            story.article_ids.append(article.id)
        if article.outlet and article.outlet not in story.outlets:
            story.outlets = sorted({*story.outlets, article.outlet})
        start, end = span([story.date, story.date_end, article.published])
        story.date, story.date_end = start, end
        self._upsert(
            cur, "storylines", ("id",), (story.id,),
            {
                "title": story.title,
                "n_articles": len(story.article_ids),
                "n_outlets": len(story.outlets),
                "outlets": codec.dumps(story.outlets),
                "first_date": start,
                "last_date": end or start,
                "data": codec.dumps(codec.as_dict(story)),
            },
        )
        self._upsert(cur, "story_articles", ("storyline_id", "article_id"), (story.id, article.id), {})
        return story

    def _in(self, sql: str, values: Sequence[str]) -> list[tuple]:
        return rows_in(self.store, sql, values)

    def _summary_of(self, story: Storyline) -> StorylineView:
        """Facts, summary, coverage and timeline of one storyline (:meth:`_summary_views`)."""
        return self._summary_views([story])[story.id]

    def _summary_views(self, stories: Sequence[Storyline]) -> dict[str, StorylineView]:
        """Facts, summary, coverage and timeline of each storyline from its stored
        articles (reads only), computed as the batch stages compute them: ONE call of
        the summary stage (:func:`marsad.summarize.summarize`, which computes the
        sentence features of many small storylines in one pass) for all of them, with
        their articles' reuse links, quotes and event dates, then each timeline."""
        store = self.store
        members_of: dict[str, list[Article]] = {}
        for story in stories:
            members_of[story.id] = [m for m in (store.article(i) for i in dict.fromkeys(story.article_ids)) if m is not None]
        every = {m.id: m for members in members_of.values() for m in members}
        links = [codec.from_dict(Reuse, json.loads(r[0])) for r in self._in("SELECT data FROM reuse WHERE a IN ({})", list(every))]
        links = [link for link in links if link.b in every]
        quotes = [codec.from_dict(Quote, json.loads(r[0])) for r in self._in("SELECT data FROM quotes WHERE article_id IN ({})", list(every))]
        events = [codec.from_dict(Event, json.loads(r[0]))
                  for r in self._in("SELECT data FROM events WHERE id IN ({})", list(dict.fromkeys(e for s in stories for e in s.event_ids)))]
        found = summarize(list(every.values()), list(stories), links, self.summary_options, events, quotes)
        parts: dict[str, SummaryResult] = {story.id: SummaryResult() for story in stories}
        for fact in found.facts:
            parts[fact.storyline_id].facts.append(fact)
        for line in found.summary:
            parts[line.storyline_id].summary.append(line)
        for cover in found.coverage:
            parts[cover.storyline_id].coverage.append(cover)
        views = {}
        for story in stories:
            members = members_of[story.id]
            ids = {m.id for m in members}
            own = [link for link in links if link.a in ids and link.b in ids]
            views[story.id] = StorylineView(parts[story.id], self._timeline_of(story, members, own), [m.id for m in members])
        return views

    def _timeline_of(self, story: Storyline, members: Sequence[Article], links: Sequence[Reuse]) -> list[TimelineEntry]:
        """The storyline's timeline as the batch timeline stage builds it
        (:func:`marsad.timeline.build_timeline`: statements merged across outlets and
        re-editions), each entry with its article's event."""
        ids = [m.id for m in members]
        mentions = [codec.from_dict(Mention, json.loads(r[0])) for r in self._in("SELECT data FROM mentions WHERE article_id IN ({})", ids)]
        entries = build_timeline(members, reuse_references(members, links), [story], links, mentions=mentions)
        event_of = dict(self._in("SELECT article_id, event_id FROM live_membership WHERE article_id IN ({})", ids))
        return [replace(t, event_id=event_of.get(t.article_id, t.event_id)) for t in entries]

    def _write_summary(self, cur: Any, storyline_id: str, view: StorylineView) -> None:
        store, found = self.store, view.summary
        for i in range(0, len(view.member_ids), 500):  # the storyline's timeline, rebuilt whole
            chunk = view.member_ids[i : i + 500]
            cur.execute(store._sql("DELETE FROM timeline WHERE article_id IN ({})".format(",".join("?" * len(chunk)))), chunk)
        self._append(cur, "timeline", ("article_id", "event_id", "date"),
                     [((t.article_id, t.event_id, t.date), codec.as_dict(t)) for t in view.timeline])
        for table in ("summary", "coverage"):
            cur.execute(store._sql(f"DELETE FROM {table} WHERE storyline_id = ?"), (storyline_id,))
        cur.execute(store._sql("DELETE FROM extras WHERE kind = 'facts' AND storyline_id = ?"), (storyline_id,))
        self._append(cur, "summary", ("storyline_id",), [((s.storyline_id,), codec.as_dict(s)) for s in found.summary])
        self._append(cur, "coverage", ("storyline_id",), [((c.storyline_id,), codec.as_dict(c)) for c in found.coverage])
        if found.facts:
            row = store._one("SELECT COALESCE(MAX(n), -1) FROM extras WHERE kind = 'facts'")
            start = int(row[0]) + 1
            store._many(
                cur,
                "INSERT INTO extras (kind, n, storyline_id, data) VALUES ('facts', ?, ?, ?)",
                ((start + i, f.storyline_id, codec.dumps(codec.as_dict(f))) for i, f in enumerate(found.facts)),
            )

    def refresh_pending(self, limit: int | None = None) -> int:
        """Summarize storylines marked pending; returns how many were refreshed.

        Each summary is computed outside any transaction (a big storyline takes a while
        and must not hold the write lock) and written in a short one, unless the
        storyline grew meanwhile — then it stays pending for the next refresh.
        """
        ids = [r[0] for r in self.store._all("SELECT storyline_id FROM live_pending ORDER BY storyline_id")]
        done = 0
        for storyline_id in ids[:limit] if limit else ids:
            row = self.store._one("SELECT data, n_articles FROM storylines WHERE id = ?", (storyline_id,))
            found = self._summary_of(codec.from_dict(Storyline, json.loads(row[0]))) if row is not None else None
            with self.store.transaction() as cur:
                now = self.store._one("SELECT n_articles FROM storylines WHERE id = ?", (storyline_id,))
                if row is not None and now is not None and now[0] != row[1]:
                    continue  # grew while we summarized: still pending
                if found is not None:
                    self._write_summary(cur, storyline_id, found)
                    self._log(cur, [("summary", storyline_id)])
                cur.execute(self.store._sql("DELETE FROM live_pending WHERE storyline_id = ?"), (storyline_id,))
            done += 1
        return done


@dataclass(slots=True)
class PreparedBatch:
    """A batch whose per-article layer :meth:`LiveLinker.prepare_batch` started."""

    #: the articles as given (repeats and stored ones included: each gets a result)
    articles: list[Article]
    #: the analyses of the new ones, in order (read as the workers deliver them)
    analyses: Iterator[ArticleAnalysis | Skipped]
    #: when the batch was handed over (``perf_counter``): its results' wall time starts here
    started: float


@dataclass(slots=True)
class _Front:
    """What :meth:`LiveLinker._link_front` found for one article, for :meth:`LiveLinker._link_back`."""

    analysis: ArticleAnalysis
    own_day: float
    links: list[Reuse]
    partners: list[Article]
    mentions: list[Mention]
    entities: list[Entity]
    context: StoryContext


def chunked(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """``items`` in lists of ``size`` (the last one shorter), read lazily."""
    stream = iter(items)
    while chunk := list(itertools.islice(stream, max(1, size))):
        yield chunk


@dataclass(slots=True)
class StorylineView:
    """What :meth:`LiveLinker._summary_of` computes for one storyline."""

    summary: SummaryResult
    timeline: list[TimelineEntry]
    member_ids: list[str]


def stored_mentions(store: Any, article_ids: Sequence[str]) -> dict[str, list[Mention]]:
    """The NER mentions the per-article layer stored for these articles (those
    analysed; entity ids cleared: linking assigns them)."""
    ensure_schema(store)
    found: dict[str, list[Mention]] = {}
    for aid, raw in rows_in(store, "SELECT article_id, mentions FROM live_analysis WHERE article_id IN ({})", list(article_ids)):
        found[aid] = [Mention(m["article_id"], m["start"], m["end"], m["text"], m["type"]) for m in json.loads(raw)]
    return found


def index_batch(
    store: Any, digest: Digest, reuse: ReuseSettings | None = None, mentions: dict[str, list[Mention]] | None = None
) -> None:
    """Fill the live tables from a batch digest just stored with ``replace_derived``
    (the same two layers in bulk), so incremental linking continues from it.
    ``mentions``: each article's NER mentions as the per-article layer found them
    (default: the digest's linked mentions, entity ids cleared)."""
    ensure_schema(store)
    settings = reuse or ReuseSettings()
    articles = sorted(digest.articles, key=lambda a: (a.published is None, (a.published or "")[:10], a.id))
    context = StoryContext.of(digest.mentions, digest.reuse)
    profiles = build_profiles(articles, context) if articles else None
    event_of = {aid: e.id for e in digest.events for aid in e.article_ids}
    story_of = {eid: s.id for s in digest.storylines for eid in s.event_ids}
    raw_mentions: dict[str, list[dict]] = {}
    if mentions is None:
        for m in digest.mentions:
            raw_mentions.setdefault(m.article_id, []).append({**codec.as_dict(m), "entity_id": None})
    else:
        raw_mentions = {aid: [codec.as_dict(m) for m in found] for aid, found in mentions.items()}
    with store.transaction() as cur:
        for table in ("live_analysis", "live_bands", "live_membership", "live_entity_keys", "live_pending"):
            cur.execute(f"DELETE FROM {table}")
        for k, article in enumerate(articles):
            assert profiles is not None
            signature = signature_of(article.clean_text, settings)
            day = day_number(article.published)
            cur.execute(
                store._sql("INSERT INTO live_analysis (article_id, day, seq, signature, profile, mentions) VALUES (?, ?, ?, ?, ?, ?)"),
                (
                    article.id, _nan_to_none(day), k + 1,
                    (signature if signature is not None else np.zeros(0, dtype=np.uint32)).tobytes(),
                    encode_profile(profiles, k), codec.dumps(raw_mentions.get(article.id, [])),
                ),
            )
            if signature is not None:
                reuse_index.insert_rows(cur, store, article.id, signature, 0.0 if math.isnan(day) else day, settings)
            event = event_of.get(article.id)
            if event is not None and event in story_of:
                cur.execute(
                    store._sql("INSERT INTO live_membership (article_id, event_id, storyline_id) VALUES (?, ?, ?)"),
                    (article.id, event, story_of[event]),
                )
        keys = {}
        for entity in digest.entities:
            for variant in [entity.name, *entity.variants]:
                keys.setdefault((_key(variant), entity.type), entity.id)
        store._many(
            cur,
            "INSERT INTO live_entity_keys (name_key, type, entity_id) VALUES (?, ?, ?)",
            ((k, t, e) for (k, t), e in keys.items() if k),
        )
        cur.execute(store._sql("DELETE FROM meta WHERE key = 'live_seq'"))
        cur.execute(store._sql("INSERT INTO meta (key, value) VALUES ('live_seq', ?)"), (str(len(articles)),))
        at = now()
        store._many(cur, "INSERT INTO live_changes (kind, item_id, at) VALUES (?, ?, ?)",
                    [*(("event", e.id, at) for e in digest.events), *(("storyline", s.id, at) for s in digest.storylines)])


class _Prepared:
    """A linker whose :meth:`add` reuses analyses already made (the one-at-a-time
    fallback of :meth:`LiveLinker.add_batch`)."""

    def __init__(self, linker: LiveLinker, analyses: dict[str, ArticleAnalysis]) -> None:
        self.linker, self.analyses = linker, analyses

    def add(self, article: Article) -> LinkResult:
        return self.linker.add(article, self.analyses.get(article.id))
