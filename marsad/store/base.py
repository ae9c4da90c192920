"""The store interface, and the SQL both backends share.

A store keeps two kinds of data:

* **articles** (with their clean paragraphs, removed noise and sentences) — the
  source of truth, append-only and idempotent by content id: adding an article whose
  id is stored changes nothing;
* **derived story data** (reuse links, events, storylines, entities, mentions,
  quotes, timeline, summaries, coverage) — a pure function of the stored articles.

Derived data is recomputed by running the corpus stages over all stored articles and
replacing every derived table in ONE transaction (:meth:`Store.replace_derived`).
That is the simplest way to be correct: the corpus stages (story clustering,
cross-outlet summaries, reuse) look at the whole corpus, so "the affected stories" of
a new article are only known after running them. Readers never see a half-replaced
set, and a crash during the replacement leaves the previous set. A ``derived_stale``
flag, set in the same transaction that adds articles, says a recompute is due.

That is the *bulk* path. New articles normally take the *live* path instead
(:mod:`marsad.live`): each is stored and linked into the derived tables — only the rows
it touches — in one transaction of its own, with its analysis and indexes in the
``live_*`` tables; :meth:`SQLStore.insert_article` is the piece both paths share.

Backends differ only in connection handling, DDL and full-text search; the rest is
written once here with ``?`` placeholders that the PostgreSQL backend rewrites.
"""
from __future__ import annotations

import abc
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import asdict, dataclass, field
from typing import Any

from marsad.model import (
    Article,
    Coverage,
    Digest,
    Entity,
    Event,
    Mention,
    Quote,
    Removed,
    Reuse,
    Sentence,
    Storyline,
    SummarySentence,
    TimelineEntry,
)
from marsad.model import article_record
from marsad.store import codec, searchkeys, views
from marsad.store.days import DayViews

__all__ = ["Store", "SQLStore", "SearchHit", "StoreError", "DERIVED_TABLES"]

#: Prefix of the meta keys that record quarantined articles (no migration needed).
_QUARANTINE = "quarantine:"

#: Tables rebuilt by replace_derived, children before parents.
DERIVED_TABLES = (
    "story_views",
    "extras",
    "story_articles",
    "entity_articles",
    "mentions",
    "quotes",
    "timeline",
    "summary",
    "coverage",
    "reuse",
    "events",
    "storylines",
    "entities",
)

MAX_PAGE = 200
_DATE_RE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", re.ASCII)

#: Digest lists with their own table; any other list field of Digest goes to ``extras``.
_TABLE_KINDS = frozenset({"reuse", "events", "storylines", "entities", "mentions", "quotes", "timeline", "summary", "coverage"})


class StoreError(Exception):
    """A user-facing store problem (bad URL, bad filter value), one line."""


@dataclass(slots=True)
class SearchHit:
    """One ranked search result; ``highlights`` index ``snippet``."""

    article_id: str
    path: str
    url: str | None
    title: str | None
    outlet: str | None
    published: str | None
    score: float
    snippet: str
    highlights: list[tuple[int, int]] = field(default_factory=list)

    def record(self) -> dict[str, Any]:
        """JSON-ready dict (highlights as [start, end] lists); built field by field,
        as ``asdict``'s deep copy cost a page of 20 hits 0.70 ms (now 0.04 ms)."""
        return {
            "article_id": self.article_id, "path": self.path, "url": self.url, "title": self.title,
            "outlet": self.outlet, "published": self.published, "score": self.score,
            "snippet": self.snippet, "highlights": [list(h) for h in self.highlights],
        }


_dumps = codec.dumps


def _data(record: Any) -> str:
    """A record's whole ``asdict`` as JSON (the ``data`` column)."""
    return codec.dumps(asdict(record))


def _unique(records: Iterable[Any], key: Any) -> list[Any]:
    """First record per key (primary keys must not repeat within one digest)."""
    seen: dict[Any, Any] = {}
    for r in records:
        seen.setdefault(key(r), r)
    return list(seen.values())


def _page(limit: int, offset: int) -> tuple[int, int]:
    """Clamp pagination: 1 ≤ limit ≤ MAX_PAGE, offset ≥ 0."""
    return max(1, min(int(limit), MAX_PAGE)), max(0, int(offset))


class Store(abc.ABC):
    """What marsad needs from a database. Use :func:`marsad.store.open_store`."""

    url: str

    # -- articles ----------------------------------------------------------------
    @abc.abstractmethod
    def known_ids(self, ids: Iterable[str]) -> set[str]:
        """The subset of ``ids`` already stored."""

    @abc.abstractmethod
    def add_articles(self, articles: Sequence[Article]) -> int:
        """Store prepared articles in one transaction; returns how many were new.

        Already stored ids are skipped (idempotent); new ones mark derived data stale.
        """

    @abc.abstractmethod
    def article(self, article_id: str) -> Article | None:
        """One stored article (with paragraphs, removed noise and sentences)."""

    @abc.abstractmethod
    def iter_articles(self) -> Iterator[Article]:
        """Every stored article, in a stable order (path, id)."""

    @abc.abstractmethod
    def count_articles(self) -> int: ...

    # -- derived data --------------------------------------------------------------
    @abc.abstractmethod
    def replace_derived(self, digest: Digest) -> None:
        """Replace all derived tables with ``digest``'s in one transaction; the stale flag
        is cleared only when the digest covered every stored article."""

    @abc.abstractmethod
    def derived_stale(self) -> bool: ...

    @abc.abstractmethod
    def quarantined(self) -> dict[str, str]:
        """Articles a corpus stage failed on (id → reason), left out of derived data
        until deleted (recorded by :meth:`replace_derived` from ``Digest.skipped``)."""

    @abc.abstractmethod
    def delete_articles(self, ids: Iterable[str]) -> list[str]:
        """Remove articles with their sentences, search entries and the derived rows
        that name them, in one transaction; marks derived data stale (the next
        rebuild recomputes the stories without them). Returns the ids deleted."""

    @abc.abstractmethod
    def digest(self) -> Digest:
        """Everything stored, as a Digest (for reports over the store)."""

    # -- reading for people ----------------------------------------------------------
    @abc.abstractmethod
    def stories(self, order: str = "newest", outlet: str | None = None, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        """Story cards (id, title, articles, outlets, first/last date, events)."""

    @abc.abstractmethod
    def count_stories(self, outlet: str | None = None) -> int: ...

    @abc.abstractmethod
    def story(self, storyline_id: str) -> dict[str, Any] | None:
        """A storyline with its articles, events, timeline, quotes, summary, coverage, reuse."""

    @abc.abstractmethod
    def story_view_json(self, storyline_id: str) -> str | None:
        """The bounded view of a storyline (:mod:`marsad.store.views`) as JSON text,
        read from its precomputed row (computed and stored on first read)."""

    @abc.abstractmethod
    def story_part(self, storyline_id: str, part: str, limit: int = 50, offset: int = 0) -> dict[str, Any] | None:
        """One page of one list of a storyline (``total``, ``items``); None: no such story."""

    @abc.abstractmethod
    def article_view(self, article_id: str) -> dict[str, Any] | None:
        """An article (report contract form) with its quotes, mentions, entities, stories, reuse."""

    @abc.abstractmethod
    def entity_view(self, entity_id: str) -> dict[str, Any] | None: ...

    @abc.abstractmethod
    def article_cards(self, ids: Sequence[str]) -> list[dict[str, Any]]:
        """Short records (no text) of these articles, in the given order."""

    @abc.abstractmethod
    def entities(self, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]: ...

    @abc.abstractmethod
    def outlets(self) -> list[tuple[str, int]]:
        """(outlet, article count), most articles first."""

    @abc.abstractmethod
    def articles_page(self, limit: int = 20, offset: int = 0, outlet: str | None = None) -> list[dict[str, Any]]: ...

    @abc.abstractmethod
    def search(
        self,
        query: str,
        outlet: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        entity: str | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> list[SearchHit]:
        """Ranked hits for ``query`` (every word required, spelling variants allowed)."""

    @abc.abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class SQLStore(DayViews, Store):
    """The shared implementation over a DB-API connection (``?`` placeholders)."""

    #: Placeholder the driver wants; SQL here is written with "?".
    placeholder = "?"

    def __init__(self, url: str) -> None:
        self.url = url
        self.conn: Any = None

    # -- plumbing ------------------------------------------------------------------
    def _sql(self, sql: str) -> str:
        return sql if self.placeholder == "?" else sql.replace("?", self.placeholder)

    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        cur = self.conn.execute(self._sql(sql), tuple(params))
        return list(cur.fetchall())

    def _one(self, sql: str, params: Sequence[Any] = ()) -> tuple | None:
        cur = self.conn.execute(self._sql(sql), tuple(params))
        return cur.fetchone()

    def _many(self, cur: Any, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = list(rows)
        if rows:
            cur.executemany(self._sql(sql), rows)

    @abc.abstractmethod
    def transaction(self) -> AbstractContextManager[Any]:
        """A cursor inside one transaction: committed on exit, rolled back on error."""

    @abc.abstractmethod
    def _index_article(self, cur: Any, rowid: int, article: Article) -> None:
        """Add the article to the full-text index."""

    @abc.abstractmethod
    def _insert_article_row(self, cur: Any, article: Article) -> int | None:
        """Insert the article row and return its integer row id (None: already there)."""

    # -- articles --------------------------------------------------------------------
    def known_ids(self, ids: Iterable[str]) -> set[str]:
        ids = list(dict.fromkeys(ids))
        found: set[str] = set()
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            found.update(r[0] for r in self._all(f"SELECT id FROM articles WHERE id IN ({marks})", chunk))
        return found

    def add_articles(self, articles: Sequence[Article]) -> int:
        fresh = list({a.id: a for a in articles}.values())
        if not fresh:
            return 0
        with self.transaction() as cur:
            known = self.known_ids(a.id for a in fresh)
            fresh = [a for a in fresh if a.id not in known]
            added = sum(self.insert_article(cur, article) for article in fresh)
            if added:
                cur.execute(self._sql("UPDATE meta SET value = '1' WHERE key = 'derived_stale'"))
        return added

    def insert_article(self, cur: Any, article: Article) -> bool:
        """Store one prepared article (row, sentences, search index) inside the caller's
        transaction; False when another writer stored it meanwhile."""
        rowid = self._insert_article_row(cur, article)
        if rowid is None:
            return False
        self._many(
            cur,
            "INSERT INTO sentences (article_id, idx, text, start_off, end_off) VALUES (?, ?, ?, ?, ?)",
            ((article.id, i, s.text, s.start, s.end) for i, s in enumerate(article.sentences)),
        )
        self._index_article(cur, rowid, article)
        self._bump_search_generation(cur)
        return True

    _ARTICLE_COLS = "id, path, outlet, url, title, published, published_from, body, paragraphs, removed"

    @staticmethod
    def _article_values(a: Article) -> tuple:
        return (
            a.id,
            a.path,
            a.outlet,
            a.url,
            a.title,
            a.published,
            a.published_from,
            a.body,
            _dumps(a.paragraphs),
            _dumps([asdict(r) for r in a.removed]),
        )

    @staticmethod
    def _article_from_row(row: Sequence[Any], sentences: list[Sentence]) -> Article:
        return Article(
            id=row[0],
            path=row[1],
            outlet=row[2],
            url=row[3],
            title=row[4],
            published=row[5],
            published_from=row[6],
            body=row[7],
            paragraphs=json.loads(row[8]),
            removed=[codec.from_dict(Removed, r) for r in json.loads(row[9])],
            sentences=sentences,
        )

    def article(self, article_id: str) -> Article | None:
        row = self._one(f"SELECT {self._ARTICLE_COLS} FROM articles WHERE id = ?", (article_id,))
        if row is None:
            return None
        sents = [
            Sentence(t, s, e)
            for t, s, e in self._all(
                "SELECT text, start_off, end_off FROM sentences WHERE article_id = ? ORDER BY idx", (article_id,)
            )
        ]
        return self._article_from_row(row, sents)

    def iter_articles(self) -> Iterator[Article]:
        rows = self._all(f"SELECT {self._ARTICLE_COLS} FROM articles ORDER BY path, id")
        sentences: dict[str, list[Sentence]] = {}
        for aid, t, s, e in self._all("SELECT article_id, text, start_off, end_off FROM sentences ORDER BY article_id, idx"):
            sentences.setdefault(aid, []).append(Sentence(t, s, e))
        for row in rows:
            yield self._article_from_row(row, sentences.get(row[0], []))

    def count_articles(self) -> int:
        row = self._one("SELECT COUNT(*) FROM articles")
        return int(row[0]) if row else 0

    #: Derived tables and the column naming an article, emptied of a deleted article.
    _ARTICLE_REFS = (
        ("reuse", "a"), ("reuse", "b"), ("story_articles", "article_id"), ("entity_articles", "article_id"),
        ("mentions", "article_id"), ("quotes", "article_id"), ("timeline", "article_id"), ("sentences", "article_id"),
    )

    def _unindex_article(self, cur: Any, rowid: int, article: Article) -> None:
        """Remove the article from the full-text index (PostgreSQL: by cascade)."""

    def delete_articles(self, ids: Iterable[str]) -> list[str]:
        deleted: list[str] = []
        with self.transaction() as cur:
            for article_id in dict.fromkeys(ids):
                row = self._one("SELECT n FROM articles WHERE id = ?", (article_id,))
                article = self.article(article_id) if row else None
                if row is None or article is None:
                    continue
                for table, column in self._ARTICLE_REFS:
                    cur.execute(self._sql(f"DELETE FROM {table} WHERE {column} = ?"), (article_id,))
                self._unindex_article(cur, int(row[0]), article)
                cur.execute(self._sql("DELETE FROM articles WHERE id = ?"), (article_id,))
                cur.execute(self._sql("DELETE FROM meta WHERE key = ?"), (_QUARANTINE + article_id,))
                deleted.append(article_id)
            if deleted:
                cur.execute(self._sql("UPDATE meta SET value = '1' WHERE key = 'derived_stale'"))
                self._bump_search_generation(cur)
                cur.execute("DELETE FROM story_views")  # they may list what was deleted
        return deleted

    # -- derived -------------------------------------------------------------------------
    def quarantined(self) -> dict[str, str]:
        rows = self._all("SELECT key, value FROM meta WHERE key LIKE ?", (_QUARANTINE + "%",))
        return {key[len(_QUARANTINE):]: value for key, value in rows}

    def derived_stale(self) -> bool:
        row = self._one("SELECT value FROM meta WHERE key = 'derived_stale'")
        return bool(row and row[0] == "1")

    def replace_derived(self, digest: Digest) -> None:
        stored = {r[0]: (r[1], r[2]) for r in self._all("SELECT id, outlet, published FROM articles")}
        kinds = codec.digest_lists()
        with self.transaction() as cur:
            for table in DERIVED_TABLES:
                cur.execute(f"DELETE FROM {table}")
            self._many(
                cur,
                "INSERT INTO reuse (a, b, data) VALUES (?, ?, ?)",
                ((r.a, r.b, _data(r)) for r in _unique(digest.reuse, lambda r: (r.a, r.b))),
            )
            self._many(
                cur,
                "INSERT INTO events (id, date, data) VALUES (?, ?, ?)",
                ((e.id, e.date, _data(e)) for e in _unique(digest.events, lambda e: e.id)),
            )
            story_rows = []
            link_rows = []
            for s in _unique(digest.storylines, lambda s: s.id):
                outlets = sorted({stored[a][0] for a in s.article_ids if a in stored and stored[a][0]})
                dates = sorted(stored[a][1] for a in s.article_ids if a in stored and stored[a][1])
                ids = list(dict.fromkeys(a for a in s.article_ids if a in stored))
                story_rows.append(
                    (s.id, s.title, len(ids), len(outlets), _dumps(outlets), dates[0] if dates else None, dates[-1] if dates else None, _data(s))
                )
                link_rows.extend((s.id, a) for a in ids)
            self._many(
                cur,
                "INSERT INTO storylines (id, title, n_articles, n_outlets, outlets, first_date, last_date, data)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                story_rows,
            )
            self._many(cur, "INSERT INTO story_articles (storyline_id, article_id) VALUES (?, ?)", link_rows)
            entities = _unique(digest.entities, lambda e: e.id)
            self._many(
                cur,
                "INSERT INTO entities (id, name, type, mentions, data) VALUES (?, ?, ?, ?, ?)",
                ((e.id, e.name, e.type, e.mentions, _data(e)) for e in entities),
            )
            self._many(
                cur,
                "INSERT INTO entity_articles (entity_id, article_id) VALUES (?, ?)",
                ((e.id, a) for e in entities for a in dict.fromkeys(e.article_ids) if a in stored),
            )
            self._many(
                cur,
                "INSERT INTO mentions (n, article_id, entity_id, start_off, data) VALUES (?, ?, ?, ?, ?)",
                ((i, m.article_id, m.entity_id, m.start, _data(m)) for i, m in enumerate(digest.mentions)),
            )
            self._many(
                cur,
                "INSERT INTO quotes (n, article_id, speaker_entity, start_off, data) VALUES (?, ?, ?, ?, ?)",
                ((i, q.article_id, q.speaker_entity, q.start, _data(q)) for i, q in enumerate(digest.quotes)),
            )
            self._many(
                cur,
                "INSERT INTO timeline (n, article_id, event_id, date, data) VALUES (?, ?, ?, ?, ?)",
                ((i, t.article_id, t.event_id, t.date, _data(t)) for i, t in enumerate(digest.timeline)),
            )
            self._many(
                cur,
                "INSERT INTO summary (n, storyline_id, data) VALUES (?, ?, ?)",
                ((i, x.storyline_id, _data(x)) for i, x in enumerate(digest.summary)),
            )
            self._many(
                cur,
                "INSERT INTO coverage (n, storyline_id, data) VALUES (?, ?, ?)",
                ((i, c.storyline_id, _data(c)) for i, c in enumerate(digest.coverage)),
            )
            extra_rows = []
            for kind in kinds:
                if kind in _TABLE_KINDS:
                    continue
                for i, rec in enumerate(getattr(digest, kind)):
                    extra_rows.append((kind, i, getattr(rec, "storyline_id", None), _data(rec)))
            self._many(cur, "INSERT INTO extras (kind, n, storyline_id, data) VALUES (?, ?, ?, ?)", extra_rows)
            # Quarantined articles (a corpus stage failed on them) count as covered.
            cur.execute(self._sql("DELETE FROM meta WHERE key LIKE ?"), (_QUARANTINE + "%",))
            self._many(
                cur,
                "INSERT INTO meta (key, value) VALUES (?, ?)",
                ((_QUARANTINE + aid, reason) for aid, reason in digest.skipped.items() if aid in stored),
            )
            # Stories are current only if they cover every stored article: an article
            # added by another writer while this digest was computed keeps them stale.
            cur.execute("SELECT COUNT(*) FROM articles")
            covered = len(({a.id for a in digest.articles} | set(digest.skipped)) & set(stored))
            current = cur.fetchone()[0] == covered
            cur.execute(self._sql("UPDATE meta SET value = ? WHERE key = 'derived_stale'"), ("0" if current else "1",))
            self._bump_search_generation(cur)  # entity links (the entity filter) were replaced

    def _records(self, cls: type, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        """Model records from a query whose LAST column is the JSON ``data``."""
        return [codec.from_dict(cls, json.loads(r[-1])) for r in self._all(sql, params)]

    def digest(self) -> Digest:
        d = Digest(articles=list(self.iter_articles()))
        d.reuse = self._records(Reuse, "SELECT data FROM reuse ORDER BY a, b")
        d.events = self._records(Event, "SELECT data FROM events ORDER BY id")
        d.storylines = self._records(Storyline, "SELECT data FROM storylines ORDER BY id")
        d.entities = self._records(Entity, "SELECT data FROM entities ORDER BY id")
        d.mentions = self._records(Mention, "SELECT data FROM mentions ORDER BY n")
        d.quotes = self._records(Quote, "SELECT data FROM quotes ORDER BY n")
        d.timeline = self._records(TimelineEntry, "SELECT data FROM timeline ORDER BY n")
        d.summary = self._records(SummarySentence, "SELECT data FROM summary ORDER BY n")
        d.coverage = self._records(Coverage, "SELECT data FROM coverage ORDER BY n")
        for kind, cls in codec.digest_lists().items():
            if kind not in _TABLE_KINDS:
                setattr(d, kind, self._records(cls, "SELECT data FROM extras WHERE kind = ? ORDER BY n", (kind,)))
        return d

    # -- views for people ----------------------------------------------------------------
    _CARD_COLS = "s.id, s.title, s.n_articles, s.outlets, s.first_date, s.last_date, s.data"

    @staticmethod
    def _story_card(r: Sequence[Any]) -> dict[str, Any]:
        data = json.loads(r[6])
        return {
            "id": r[0],
            "title": r[1],
            "articles": int(r[2]),
            "outlets": json.loads(r[3]),
            "first_date": r[4],
            "last_date": r[5],
            "events": len(data.get("event_ids", [])),
        }

    def stories(self, order: str = "newest", outlet: str | None = None, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        limit, offset = _page(limit, offset)
        orders = {
            "newest": "s.last_date IS NULL, s.last_date DESC, s.n_articles DESC, s.id",
            "biggest": "s.n_articles DESC, s.n_outlets DESC, s.id",
            "outlets": "s.n_outlets DESC, s.n_articles DESC, s.id",
        }
        if order not in orders:
            raise StoreError(f"unknown story order {order!r} (use one of: {', '.join(orders)})")
        where, params = "", []
        if outlet:
            where = "WHERE s.id IN (SELECT sa.storyline_id FROM story_articles sa JOIN articles a ON a.id = sa.article_id WHERE a.outlet = ?)"
            params.append(outlet)
        rows = self._all(
            f"SELECT {self._CARD_COLS} FROM storylines s {where} ORDER BY {orders[order]} LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return [self._story_card(r) for r in rows]

    def count_stories(self, outlet: str | None = None) -> int:
        if outlet:
            row = self._one(
                "SELECT COUNT(DISTINCT sa.storyline_id) FROM story_articles sa JOIN articles a ON a.id = sa.article_id WHERE a.outlet = ?",
                (outlet,),
            )
        else:
            row = self._one("SELECT COUNT(*) FROM storylines")
        return int(row[0]) if row else 0

    def article_cards(self, ids: Sequence[str]) -> list[dict[str, Any]]:
        """id, path, outlet, url, title, published of these articles, in the given order."""
        cards: dict[str, dict[str, Any]] = {}
        ids = list(ids)
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for r in self._all(f"SELECT id, path, outlet, url, title, published FROM articles WHERE id IN ({marks})", chunk):
                cards[r[0]] = {"id": r[0], "path": r[1], "outlet": r[2], "url": r[3], "title": r[4], "published": r[5]}
        return [cards[i] for i in ids if i in cards]

    def _data_in(self, table: str, column: str, values: Sequence[str], order: str) -> list[dict[str, Any]]:
        """``data`` dicts of rows whose ``column`` is one of ``values``, by ``order``."""
        out: list[tuple[Any, dict[str, Any]]] = []
        values = list(values)
        for i in range(0, len(values), 500):
            chunk = values[i : i + 500]
            marks = ",".join("?" * len(chunk))
            out.extend((r[0], json.loads(r[1])) for r in self._all(f"SELECT {order}, data FROM {table} WHERE {column} IN ({marks})", chunk))
        out.sort(key=lambda x: x[0])
        return [d for _, d in out]

    def story(self, storyline_id: str) -> dict[str, Any] | None:
        row = self._one("SELECT first_date, last_date, outlets, data FROM storylines WHERE id = ?", (storyline_id,))
        if row is None:
            return None
        story = json.loads(row[3])
        ids = list(dict.fromkeys(story.get("article_ids", [])))
        idset = set(ids)
        events = self._data_in("events", "id", story.get("event_ids", []), "id")
        events.sort(key=lambda e: (e.get("date") or "9999", e["id"]))
        event_ids = {e["id"] for e in events}
        timeline = self._data_in("timeline", "article_id", ids, "n")
        timeline = [t for t in timeline if t.get("event_id") is None or t.get("event_id") in event_ids]
        timeline.sort(key=lambda t: t.get("date") or "")
        reuse = [r for r in self._data_in("reuse", "a", ids, "a") if r.get("b") in idset]
        extras: dict[str, list[dict[str, Any]]] = {}
        for kind, data in self._all("SELECT kind, data FROM extras WHERE storyline_id = ? ORDER BY kind, n", (storyline_id,)):
            extras.setdefault(kind, []).append(json.loads(data))
        return {
            **story,
            "first_date": row[0],
            "last_date": row[1],
            "outlets": json.loads(row[2]),
            "articles": self.article_cards(ids),
            "events": events,
            "timeline": timeline,
            "quotes": self._data_in("quotes", "article_id", ids, "n"),
            "summary": self._data_in("summary", "storyline_id", [storyline_id], "n"),
            "coverage": self._data_in("coverage", "storyline_id", [storyline_id], "n"),
            "reuse": reuse,
            **extras,
        }

    # -- precomputed story views ----------------------------------------------------------
    #: Changes re-checked below a view's stamp (0: change numbers commit in order, as
    #: SQLite's serialized writers do; PostgreSQL sequences may commit out of order).
    _VIEW_MARGIN = 0
    #: A view older than this many changes is recomputed rather than checked.
    _VIEW_MAX_SCAN = 20_000
    _has_changes_log: bool = False

    def _changes_high_water(self) -> int:
        """The newest ``live_changes`` number (0 while the live layer has no tables):
        every live write that alters a storyline logs its id there."""
        if not self._has_changes_log:
            if not self._table_exists("live_changes"):
                return 0
            self._has_changes_log = True
        row = self._one("SELECT MAX(seq) FROM live_changes")
        return int(row[0] or 0) if row else 0

    def _table_exists(self, name: str) -> bool:
        raise NotImplementedError

    def _view_is_current(self, storyline_id: str, stamp: int, high_water: int) -> bool:
        """No logged change after ``stamp`` names the storyline."""
        if stamp >= high_water:
            return True
        if high_water - stamp > self._VIEW_MAX_SCAN:
            return False
        row = self._one("SELECT 1 FROM live_changes WHERE seq > ? AND item_id = ? LIMIT 1", (stamp, storyline_id))
        return row is None

    def _write_view(self, cur: Any, storyline_id: str, stamp: int, body: str) -> None:
        """Write a computed view with ``cur`` (replacing an older one)."""
        cur.execute(self._sql("DELETE FROM story_views WHERE storyline_id = ?"), (storyline_id,))
        cur.execute(self._sql("INSERT INTO story_views (storyline_id, seq, body) VALUES (?, ?, ?)"), (storyline_id, stamp, body))

    def _save_view(self, storyline_id: str, stamp: int, body: str) -> None:
        """Store a computed view in a transaction of its own."""
        with self.transaction() as cur:
            self._write_view(cur, storyline_id, stamp, body)

    @contextmanager
    def _view_snapshot(self) -> Iterator[Callable[[str, int, str], None]]:
        """Reads for one view, and the function that stores it. Here: plain reads, a
        transaction to store (backends with snapshots override, see SQLite's)."""

        def save(storyline_id: str, stamp: int, body: str) -> None:
            try:
                self._save_view(storyline_id, stamp, body)
            except Exception:  # noqa: BLE001 - a reader's write that failed: stored next time
                pass

        yield save

    def stored_story_view(self, storyline_id: str) -> str | None:
        """The storyline's stored view when it is current, else None (two indexed
        reads: what a request costs once the view exists)."""
        row = self._one("SELECT seq, body FROM story_views WHERE storyline_id = ?", (storyline_id,))
        if row is not None and self._view_is_current(storyline_id, int(row[0]), self._changes_high_water()):
            return str(row[1])
        return None

    def story_view_json(self, storyline_id: str) -> str | None:
        stored = self.stored_story_view(storyline_id)
        if stored is not None:
            return stored
        with self._view_snapshot() as save:
            high_water = self._changes_high_water()  # before the story: a view is never newer than its stamp
            story = self.story(storyline_id)
            if story is None:
                return None
            body = codec.dumps(views.bound_story(story))
            save(storyline_id, max(0, high_water - self._VIEW_MARGIN), body)
        return body

    def story_part(self, storyline_id: str, part: str, limit: int = 50, offset: int = 0) -> dict[str, Any] | None:
        if part not in views.PARTS:
            raise StoreError(f"unknown part {part!r} of a story (use one of: {', '.join(views.PARTS)})")
        limit, offset = _page(limit, offset)
        story = self.story(storyline_id)
        return None if story is None else views.page(story, part, limit, offset)

    def article_view(self, article_id: str) -> dict[str, Any] | None:
        article = self.article(article_id)
        if article is None:
            return None
        quotes = self._data_in("quotes", "article_id", [article_id], "start_off")
        mentions = self._data_in("mentions", "article_id", [article_id], "start_off")
        stories = [
            {"id": r[0], "title": r[1]}
            for r in self._all(
                "SELECT s.id, s.title FROM storylines s JOIN story_articles sa ON sa.storyline_id = s.id WHERE sa.article_id = ? ORDER BY s.id",
                (article_id,),
            )
        ]
        reuse = [json.loads(r[0]) for r in self._all("SELECT data FROM reuse WHERE a = ? OR b = ? ORDER BY a, b", (article_id, article_id))]
        entity_rows = self._all(
            "SELECT e.id, e.name, e.type FROM entities e JOIN entity_articles ea ON ea.entity_id = e.id WHERE ea.article_id = ? ORDER BY e.name",
            (article_id,),
        )
        record = article_record(article)
        record.update(
            quotes=quotes,
            mentions=mentions,
            entities=[{"id": r[0], "name": r[1], "type": r[2]} for r in entity_rows],
            stories=stories,
            reuse=reuse,
        )
        return record

    def entity_view(self, entity_id: str) -> dict[str, Any] | None:
        row = self._one("SELECT data FROM entities WHERE id = ?", (entity_id,))
        if row is None:
            return None
        record = json.loads(row[0])
        stories = [
            {"id": r[0], "title": r[1]}
            for r in self._all(
                "SELECT DISTINCT s.id, s.title FROM storylines s JOIN story_articles sa ON sa.storyline_id = s.id "
                "JOIN entity_articles ea ON ea.article_id = sa.article_id WHERE ea.entity_id = ? ORDER BY s.id",
                (entity_id,),
            )
        ]
        record.update(
            articles=self.article_cards(list(dict.fromkeys(record.get("article_ids", [])))),
            quotes=self._data_in("quotes", "speaker_entity", [entity_id], "n"),
            stories=stories,
        )
        return record

    def entities(self, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        limit, offset = _page(limit, offset)
        rows = self._all("SELECT id, name, type, mentions FROM entities ORDER BY mentions DESC, id LIMIT ? OFFSET ?", (limit, offset))
        return [{"id": r[0], "name": r[1], "type": r[2], "mentions": int(r[3])} for r in rows]

    def outlets(self) -> list[tuple[str, int]]:
        rows = self._all("SELECT outlet, COUNT(*) FROM articles WHERE outlet IS NOT NULL GROUP BY outlet ORDER BY COUNT(*) DESC, outlet")
        return [(r[0], int(r[1])) for r in rows]

    def articles_page(self, limit: int = 20, offset: int = 0, outlet: str | None = None) -> list[dict[str, Any]]:
        limit, offset = _page(limit, offset)
        where, params = ("WHERE outlet = ?", [outlet]) if outlet else ("", [])
        rows = self._all(
            f"SELECT id, path, outlet, url, title, published FROM articles {where} "
            "ORDER BY published IS NULL, published DESC, id LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return [{"id": r[0], "path": r[1], "outlet": r[2], "url": r[3], "title": r[4], "published": r[5]} for r in rows]

    # -- search ----------------------------------------------------------------------------
    def _bump_search_generation(self, cur: Any) -> None:
        """Count one change to what search can find (an article stored or deleted, the
        entity links replaced), inside the writer's transaction. Together with the live
        change log's number it is the stamp of a cached search answer; batch ingests
        and deletions write no ``live_changes`` row, so that number alone would miss them."""
        cur.execute(self._sql(
            "INSERT INTO meta (key, value) VALUES ('search_gen', '1') ON CONFLICT (key) "
            "DO UPDATE SET value = CAST(CAST(meta.value AS INTEGER) + 1 AS TEXT)"
        ))

    def search_stamp(self) -> tuple[int, int]:
        """What search answers are current as of: (search generation, newest
        ``live_changes`` number). Two indexed reads; equal stamps mean nothing search
        reads has changed in between, so an answer cached under the first is current."""
        row = self._one("SELECT value FROM meta WHERE key = 'search_gen'")
        return (int(row[0]) if row else 0, self._changes_high_water())

    @abc.abstractmethod
    def _search_rows(
        self,
        keys: list[tuple[str, str]],
        filters: list[str],
        params: list[Any],
        limit: int,
        offset: int,
    ) -> list[tuple]:
        """(id, path, url, title, outlet, published, paragraphs, score) best first."""

    def _search_filters(
        self, query: str, outlet: str | None, date_from: str | None, date_to: str | None, entity: str | None
    ) -> tuple[list[tuple[str, str]], list[str], list[Any]]:
        """The search keys of ``query`` and the SQL filters (with parameters) for the rest."""
        for name, value in (("from", date_from), ("to", date_to)):
            if value and not _DATE_RE.fullmatch(value):
                raise StoreError(f"bad {name} date {value!r}: use YYYY, YYYY-MM or YYYY-MM-DD")
        keys = searchkeys.query_keys(query)
        filters: list[str] = []
        params: list[Any] = []
        if outlet:
            filters.append("a.outlet = ?")
            params.append(outlet)
        if date_from:
            filters.append("a.published >= ?")
            params.append(date_from)
        if date_to:
            filters.append(f"substr(a.published, 1, {len(date_to)}) <= ?")
            params.append(date_to)
        if entity:
            filters.append("a.id IN (SELECT ea.article_id FROM entity_articles ea WHERE ea.entity_id = ?)")
            params.append(entity)
        return keys, filters, params

    def count_search(
        self, query: str, outlet: str | None = None, date_from: str | None = None, date_to: str | None = None, entity: str | None = None
    ) -> int:
        """How many articles :meth:`search` would find in all."""
        keys, filters, params = self._search_filters(query, outlet, date_from, date_to, entity)
        return self._search_count(keys, filters, params) if keys else 0

    def _search_count(self, keys: list[tuple[str, str]], filters: list[str], params: list[Any]) -> int:
        """Number of matching articles (backends override with a COUNT query)."""
        return len(self._search_rows(keys, filters, params, 10_000_000, 0))

    def search(
        self,
        query: str,
        outlet: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        entity: str | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> list[SearchHit]:
        limit, offset = _page(limit, offset)
        keys, filters, params = self._search_filters(query, outlet, date_from, date_to, entity)
        if not keys:
            return []
        hits = []
        for aid, path, url, title, out, published, paragraphs, score in self._search_rows(keys, filters, params, limit, offset):
            text = "\n".join(json.loads(paragraphs))
            snip = searchkeys.snippet(text, query)
            hits.append(SearchHit(aid, path, url, title, out, published, float(score), snip.text, snip.highlights))
        return hits
