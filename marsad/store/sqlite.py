"""SQLite store (the default): one file, WAL, foreign keys, FTS5 search.

* **WAL** lets readers (the web server, ``marsad search``) query while one writer
  ingests; ``synchronous=NORMAL`` in WAL mode never corrupts the database and keeps
  every committed transaction across a killed process (only an OS crash/power loss
  can drop the last few commits).
* **Migrations** are numbered SQL scripts applied in order inside a transaction;
  ``schema_version`` records the ones applied, so opening an old file upgrades it.
* **Search** is an FTS5 table holding, per article, the exact and loose search keys
  of the title and clean text (see :mod:`marsad.store.searchkeys`); it is contentless
  (snippets are cut from the stored original text) and ranked by bm25 with exact
  keys weighted 8× loose ones and titles 2× bodies; a word matching more than
  ``SQLiteStore.RANK_CAP`` articles ranks its newest matches only (see there).
"""
from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from marsad.model import Article
from marsad.store import searchkeys
from marsad.store.base import SQLStore, StoreError

__all__ = ["SQLiteStore", "MIGRATIONS"]

#: (version, script). Append new versions; never edit an applied one.
MIGRATIONS: list[tuple[int, str]] = [
    (
        1,
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT INTO meta (key, value) VALUES ('derived_stale', '0');
        CREATE TABLE articles (
            n INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            path TEXT NOT NULL,
            outlet TEXT,
            url TEXT,
            title TEXT,
            published TEXT,
            published_from TEXT,
            body TEXT NOT NULL,
            paragraphs TEXT NOT NULL,
            removed TEXT NOT NULL,
            ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        );
        CREATE INDEX articles_outlet ON articles (outlet, published);
        CREATE INDEX articles_published ON articles (published);
        CREATE INDEX articles_path ON articles (path, id);
        CREATE TABLE sentences (
            article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            text TEXT NOT NULL,
            start_off INTEGER NOT NULL,
            end_off INTEGER NOT NULL,
            PRIMARY KEY (article_id, idx)
        ) WITHOUT ROWID;
        CREATE VIRTUAL TABLE article_fts USING fts5 (
            title_exact, body_exact, title_loose, body_loose,
            content = '', tokenize = 'unicode61 remove_diacritics 0'
        );
        CREATE TABLE reuse (
            a TEXT NOT NULL REFERENCES articles (id),
            b TEXT NOT NULL REFERENCES articles (id),
            data TEXT NOT NULL,
            PRIMARY KEY (a, b)
        );
        CREATE INDEX reuse_b ON reuse (b);
        CREATE TABLE events (id TEXT PRIMARY KEY, date TEXT, data TEXT NOT NULL);
        CREATE TABLE storylines (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            n_articles INTEGER NOT NULL,
            n_outlets INTEGER NOT NULL,
            outlets TEXT NOT NULL,
            first_date TEXT,
            last_date TEXT,
            data TEXT NOT NULL
        );
        CREATE INDEX storylines_last ON storylines (last_date);
        CREATE INDEX storylines_size ON storylines (n_articles);
        CREATE TABLE story_articles (
            storyline_id TEXT NOT NULL REFERENCES storylines (id),
            article_id TEXT NOT NULL REFERENCES articles (id),
            PRIMARY KEY (storyline_id, article_id)
        ) WITHOUT ROWID;
        CREATE INDEX story_articles_article ON story_articles (article_id);
        CREATE TABLE entities (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            mentions INTEGER NOT NULL,
            data TEXT NOT NULL
        );
        CREATE INDEX entities_mentions ON entities (mentions);
        CREATE TABLE entity_articles (
            entity_id TEXT NOT NULL REFERENCES entities (id),
            article_id TEXT NOT NULL REFERENCES articles (id),
            PRIMARY KEY (entity_id, article_id)
        ) WITHOUT ROWID;
        CREATE INDEX entity_articles_article ON entity_articles (article_id);
        CREATE TABLE mentions (
            n INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles (id),
            entity_id TEXT,
            start_off INTEGER NOT NULL,
            data TEXT NOT NULL
        );
        CREATE INDEX mentions_article ON mentions (article_id);
        CREATE TABLE quotes (
            n INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles (id),
            speaker_entity TEXT,
            start_off INTEGER NOT NULL,
            data TEXT NOT NULL
        );
        CREATE INDEX quotes_article ON quotes (article_id);
        CREATE INDEX quotes_speaker ON quotes (speaker_entity);
        CREATE TABLE timeline (
            n INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles (id),
            event_id TEXT,
            date TEXT NOT NULL,
            data TEXT NOT NULL
        );
        CREATE INDEX timeline_article ON timeline (article_id);
        CREATE TABLE summary (
            n INTEGER PRIMARY KEY,
            storyline_id TEXT NOT NULL REFERENCES storylines (id),
            data TEXT NOT NULL
        );
        CREATE INDEX summary_story ON summary (storyline_id);
        CREATE TABLE coverage (
            n INTEGER PRIMARY KEY,
            storyline_id TEXT NOT NULL REFERENCES storylines (id),
            data TEXT NOT NULL
        );
        CREATE INDEX coverage_story ON coverage (storyline_id);
        CREATE TABLE extras (
            kind TEXT NOT NULL,
            n INTEGER NOT NULL,
            storyline_id TEXT,
            data TEXT NOT NULL,
            PRIMARY KEY (kind, n)
        );
        CREATE INDEX extras_story ON extras (storyline_id);
        """,
    ),
    (
        2,
        """
        CREATE TABLE story_views (
            storyline_id TEXT PRIMARY KEY,
            seq BIGINT NOT NULL,
            body TEXT NOT NULL
        );
        """,
    ),
]

#: Negated bm25 (higher is better); column weights: title_exact, body_exact, title_loose, body_loose.
_BM25 = "-bm25(article_fts, 16.0, 8.0, 2.0, 1.0)"


def _fts_phrase(term: str) -> str:
    """An FTS5 string literal (terms are [^\\W_]+ already; quoting keeps syntax out)."""
    return '"' + term.replace('"', '""') + '"'


def fts_query(keys: list[tuple[str, str]]) -> str:
    """FTS5 MATCH expression: every word required, exact OR loose key."""
    parts = []
    for exact, loose in keys:
        alt = f"{{title_exact body_exact}} : {_fts_phrase(exact)}"
        if loose:
            alt = f"({alt} OR {{title_loose body_loose}} : {_fts_phrase(loose)})"
        parts.append(alt)
    return " AND ".join(parts)


class SQLiteStore(SQLStore):
    """A marsad store in one SQLite file (created and migrated on open)."""

    def __init__(self, path: str | Path, timeout: float = 30.0) -> None:
        super().__init__(str(path))
        self.path = Path(path)
        if str(path) != ":memory:" and not self.path.parent.exists():
            raise StoreError(f"{path}: directory {self.path.parent} does not exist")
        try:
            self.conn = sqlite3.connect(str(path), timeout=timeout, isolation_level=None, check_same_thread=False)
            self._enable_wal(timeout)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: not a marsad SQLite database ({exc})") from None
        self.conn.execute("PRAGMA foreign_keys=ON")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self._busy_ms = int(timeout * 1000)
        self.conn.execute(f"PRAGMA busy_timeout={self._busy_ms}")
        self._migrate()

    def _enable_wal(self, timeout: float) -> None:
        """Switch to WAL. Changing the journal mode skips SQLite's busy handler, so two
        processes creating the same new database at once can see "database is locked":
        retry until ``timeout``."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.conn.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        cur = self.conn.cursor()
        cur.execute("BEGIN IMMEDIATE")
        try:
            yield cur
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        else:
            cur.execute("COMMIT")
        finally:
            cur.close()

    def schema_version(self) -> int:
        row = self._one("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")
        if row is None:
            return 0
        row = self._one("SELECT MAX(version) FROM schema_version")
        return int(row[0] or 0) if row else 0

    def _migrate(self) -> None:
        current = self.schema_version()
        latest = MIGRATIONS[-1][0]
        if current > latest:
            raise StoreError(f"{self.path}: schema version {current} is newer than this marsad ({latest}); upgrade marsad")
        if current == latest:
            return
        with self.transaction() as cur:
            # Re-check under the write lock: another process may have migrated meanwhile.
            cur.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))")
            current = cur.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()[0]
            for version, script in MIGRATIONS:
                if version <= current:
                    continue
                for statement in _statements(script):
                    cur.execute(statement)
                cur.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))

    def _insert_article_row(self, cur: Any, article: Article) -> int | None:
        cur.execute(
            f"INSERT INTO articles ({self._ARTICLE_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            self._article_values(article),
        )
        return int(cur.lastrowid)

    def _index_article(self, cur: Any, rowid: int, article: Article) -> None:
        title_exact, title_loose = searchkeys.index_text(article.title or "")
        body_exact, body_loose = searchkeys.index_text(article.clean_text)
        cur.execute(
            "INSERT INTO article_fts (rowid, title_exact, body_exact, title_loose, body_loose) VALUES (?, ?, ?, ?, ?)",
            (rowid, title_exact, body_exact, title_loose, body_loose),
        )

    def _unindex_article(self, cur: Any, rowid: int, article: Article) -> None:
        # A contentless FTS5 table forgets a row by being given its indexed values again.
        title_exact, title_loose = searchkeys.index_text(article.title or "")
        body_exact, body_loose = searchkeys.index_text(article.clean_text)
        cur.execute(
            "INSERT INTO article_fts (article_fts, rowid, title_exact, body_exact, title_loose, body_loose)"
            " VALUES ('delete', ?, ?, ?, ?, ?)",
            (rowid, title_exact, body_exact, title_loose, body_loose),
        )

    #: Matches ranked by bm25 at most: a query matching more articles ranks its newest
    #: ``RANK_CAP`` matches (arrival order) and lists the older ones after them, newest
    #: first. bm25 costs per match (اليوم: 12,535 matches, 10 ms; the newest 2,000: 2.7
    #: ms); idf still counts every match. Queries with fewer matches rank as before.
    RANK_CAP = 2000

    def _search_rows(self, keys, filters, params, limit, offset):  # type: ignore[override]
        # Rank row ids first, then read the page's articles: sorting every match with
        # its text (what a plain join does) cost 3x the ranking itself for a common
        # word (12,535 matches of اليوم: 49 ms → 20 ms over SaudiNewsNet). Equal
        # scores (copies of one text) keep store order.
        where = "".join(f" AND {f}" for f in filters)
        join = " JOIN articles a ON a.n = article_fts.rowid" if filters else ""
        match = f"FROM article_fts{join} WHERE article_fts MATCH ?{where}"
        query = fts_query(keys)
        # The newest RANK_CAP matches, scored (FTS5 walks its rowids backwards and stops).
        ranked = f"SELECT article_fts.rowid AS n, {_BM25} AS score, 0 AS tier {match} ORDER BY article_fts.rowid DESC LIMIT {int(self.RANK_CAP)}"
        args: list = [query, *params]
        if offset + limit <= self.RANK_CAP:
            hit = f"SELECT n, score, tier FROM ({ranked}) ORDER BY score DESC, n LIMIT ? OFFSET ?"
        else:  # a page past the ranked ones: the older matches follow, newest first
            hit = (
                f"WITH cand AS MATERIALIZED ({ranked}) "
                "SELECT n, score, tier FROM (SELECT * FROM cand UNION ALL "
                f"SELECT article_fts.rowid, {_BM25}, 1 {match} AND article_fts.rowid < (SELECT MIN(n) FROM cand)) "
                "ORDER BY tier, CASE tier WHEN 0 THEN score END DESC, CASE tier WHEN 0 THEN n ELSE -n END LIMIT ? OFFSET ?"
            )
            args += [query, *params]
        sql = (
            f"WITH hit AS MATERIALIZED ({hit}) "
            "SELECT a.id, a.path, a.url, a.title, a.outlet, a.published, a.paragraphs, hit.score "
            "FROM hit JOIN articles a ON a.n = hit.n ORDER BY hit.tier, "
            "CASE hit.tier WHEN 0 THEN hit.score END DESC, CASE hit.tier WHEN 0 THEN hit.n ELSE -hit.n END"
        )
        return self._all(sql, [*args, limit, offset])

    def _search_count(self, keys, filters, params):  # type: ignore[override]
        where = "".join(f" AND {f}" for f in filters)
        sql = "SELECT COUNT(*) FROM article_fts JOIN articles a ON a.n = article_fts.rowid " f"WHERE article_fts MATCH ?{where}"
        row = self._one(sql, [fts_query(keys), *params])
        return int(row[0]) if row else 0

    def _table_exists(self, name: str) -> bool:
        return self._one("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)) is not None

    @contextmanager
    def _view_snapshot(self) -> Iterator[Callable[[str, int, str], None]]:
        """The view's reads in one read transaction (one snapshot); storing it upgrades
        that transaction to a write, which SQLite refuses when anything was committed
        since the snapshot, so a view computed from data a writer has just replaced is
        served but never stored. Never waits for a writer."""
        saved = False

        def save(storyline_id: str, stamp: int, body: str) -> None:
            nonlocal saved
            self.conn.execute("PRAGMA busy_timeout=0")
            try:
                self._write_view(self.conn, storyline_id, stamp, body)
                saved = True
            except sqlite3.OperationalError:  # busy, stale snapshot or read-only file
                pass
            finally:
                self.conn.execute(f"PRAGMA busy_timeout={self._busy_ms}")

        self.conn.execute("BEGIN")
        try:
            yield save
        finally:
            self.conn.execute("COMMIT" if saved else "ROLLBACK")

    def integrity_check(self) -> str:
        """``PRAGMA integrity_check`` ('ok' when healthy)."""
        return "; ".join(r[0] for r in self._all("PRAGMA integrity_check"))

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def _statements(script: str) -> list[str]:
    """Split a migration script on ';' at line ends (our DDL has no ';' inside)."""
    return [s.strip() for s in script.split(";\n") if s.strip().rstrip(";").strip()]
