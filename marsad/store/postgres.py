"""PostgreSQL store (psycopg 3), selected by a ``postgresql://`` URL.

Same tables and the same shared SQL as the SQLite store (:mod:`marsad.store.base`);
what differs:

* **Search** uses one ``tsvector`` per article (``simple`` configuration, so no
  language-specific stemming gets in the way of our own keys) built from the same
  exact/loose keys as SQLite's FTS5 table. Weights keep the four kinds of term apart:
  A = title exact, B = body exact, C = title loose, D = body loose; a query word
  matches ``exact:AB | loose:CD``, and ``ts_rank`` weights {D, C, B, A} =
  {0.1, 0.2, 0.8, 1.0} rank exact matches first. A GIN index serves the match.
* **Migrations** run under a transaction-scoped advisory lock, so two processes
  opening a fresh database at once do not race.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from marsad.model import Article
from marsad.store import searchkeys
from marsad.store.base import SQLStore, StoreError

__all__ = ["PostgresStore", "MIGRATIONS"]

_LOCK_KEY = 0x6D61727361  # "marsa": advisory lock id for migrations

MIGRATIONS: list[tuple[int, str]] = [
    (
        1,
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT INTO meta (key, value) VALUES ('derived_stale', '0');
        CREATE TABLE articles (
            n BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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
            ingested_at TIMESTAMPTZ NOT NULL DEFAULT now()
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
        );
        CREATE TABLE article_fts (
            n BIGINT PRIMARY KEY REFERENCES articles (n) ON DELETE CASCADE,
            doc TSVECTOR NOT NULL
        );
        CREATE INDEX article_fts_doc ON article_fts USING GIN (doc);
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
        );
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
        );
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

_RANK = "ts_rank('{0.1, 0.2, 0.8, 1.0}', f.doc, q.query)"


def ts_query(keys: list[tuple[str, str]]) -> str:
    """A ``to_tsquery('simple', …)`` expression: every word, exact:AB or loose:CD."""
    parts = []
    for exact, loose in keys:
        alt = f"'{exact}':AB"
        if loose:
            alt = f"({alt} | '{loose}':CD)"
        parts.append(alt)
    return " & ".join(parts)


class PostgresStore(SQLStore):
    """A marsad store in a PostgreSQL database (tables created and migrated on open)."""

    placeholder = "%s"

    def __init__(self, url: str, connect_timeout: int = 10) -> None:
        super().__init__(url)
        try:
            import psycopg
        except ImportError:  # pragma: no cover - psycopg is a declared dependency
            raise StoreError("PostgreSQL needs psycopg: pip install 'psycopg[binary]'") from None
        try:
            self.conn = psycopg.connect(url, autocommit=True, connect_timeout=connect_timeout)
        except psycopg.Error as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise StoreError(f"cannot connect to PostgreSQL ({first})") from None
        self._migrate()

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        with self.conn.transaction():
            with self.conn.cursor() as cur:
                yield cur

    def schema_version(self) -> int:
        row = self._one("SELECT to_regclass('schema_version') IS NOT NULL")
        if not row or not row[0]:
            return 0
        row = self._one("SELECT COALESCE(MAX(version), 0) FROM schema_version")
        return int(row[0]) if row else 0

    def _migrate(self) -> None:
        latest = MIGRATIONS[-1][0]
        current = self.schema_version()
        if current > latest:
            raise StoreError(f"database schema version {current} is newer than this marsad ({latest}); upgrade marsad")
        if current == latest:
            return
        with self.transaction() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_KEY,))
            cur.execute(
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
            )
            cur.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version")
            current = cur.fetchone()[0]
            for version, script in MIGRATIONS:
                if version > current:
                    cur.execute(script)
                    cur.execute("INSERT INTO schema_version (version) VALUES (%s)", (version,))

    def _insert_article_row(self, cur: Any, article: Article) -> int | None:
        # ON CONFLICT: another writer may have stored the same article since our check
        # (PostgreSQL writers run concurrently; SQLite's BEGIN IMMEDIATE serializes them).
        cur.execute(
            f"INSERT INTO articles ({self._ARTICLE_COLS}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s) "
            "ON CONFLICT (id) DO NOTHING RETURNING n",
            self._article_values(article),
        )
        row = cur.fetchone()
        return int(row[0]) if row else None

    def _index_article(self, cur: Any, rowid: int, article: Article) -> None:
        title_exact, title_loose = searchkeys.index_text(article.title or "")
        body_exact, body_loose = searchkeys.index_text(article.clean_text)
        cur.execute(
            "INSERT INTO article_fts (n, doc) VALUES (%s, "
            "setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B') || "
            "setweight(to_tsvector('simple', %s), 'C') || setweight(to_tsvector('simple', %s), 'D'))",
            (rowid, title_exact, body_exact, title_loose, body_loose),
        )

    def _search_rows(self, keys, filters, params, limit, offset):  # type: ignore[override]
        where = "".join(f" AND {f}" for f in filters)
        sql = (
            f"SELECT a.id, a.path, a.url, a.title, a.outlet, a.published, a.paragraphs, {_RANK} AS score "
            "FROM to_tsquery('simple', ?) AS q(query), article_fts f JOIN articles a ON a.n = f.n "
            f"WHERE f.doc @@ q.query{where} ORDER BY score DESC, a.id LIMIT ? OFFSET ?"
        )
        return self._all(sql, [ts_query(keys), *params, limit, offset])

    def _search_count(self, keys, filters, params):  # type: ignore[override]
        where = "".join(f" AND {f}" for f in filters)
        sql = "SELECT COUNT(*) FROM to_tsquery('simple', ?) AS q(query), article_fts f JOIN articles a ON a.n = f.n " f"WHERE f.doc @@ q.query{where}"
        row = self._one(sql, [ts_query(keys), *params])
        return int(row[0]) if row else 0

    #: Sequence numbers may commit out of order: re-check the last changes below a stamp.
    _VIEW_MARGIN = 1000

    def _table_exists(self, name: str) -> bool:
        row = self._one("SELECT to_regclass(?) IS NOT NULL", (name,))
        return bool(row and row[0])

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None
