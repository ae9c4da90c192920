"""Tables of the live layer, created on first use next to the store's own schema.

They are versioned by the ``live_schema`` key of the store's ``meta`` table rather
than by the store's migration list, so the live layer can evolve without renumbering
the store's migrations:

* ``live_analysis`` — one row per analysed article: its day number, arrival order,
  MinHash signature, story profile (sparse channel rows) and NER mentions;
* ``live_bands`` — the persistent LSH index: one row per (article, band bucket),
  deleted when the article falls out of the reuse window;
* ``live_membership`` — the event and storyline of every linked article;
* ``live_entity_keys`` — spelling keys of canonical entities (how a new mention finds
  the entity it belongs to without recomputing the others);
* ``live_pending`` — storylines whose summary waits for a refresh (big storylines are
  summarized after the ingest call, not inside each article's transaction);
* ``live_changes`` — the change log ``GET /changes`` reads (monotonic ``seq``).
"""
from __future__ import annotations

from typing import Any

__all__ = ["LIVE_SCHEMA", "ensure_schema", "is_postgres"]

LIVE_SCHEMA = 1

_TABLES = """
CREATE TABLE IF NOT EXISTS live_analysis (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    day DOUBLE PRECISION,
    seq BIGINT NOT NULL,
    signature {blob} NOT NULL,
    profile {blob} NOT NULL,
    mentions TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS live_analysis_day ON live_analysis (day);
CREATE TABLE IF NOT EXISTS live_bands (
    bucket BIGINT NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    day DOUBLE PRECISION NOT NULL
);
CREATE INDEX IF NOT EXISTS live_bands_bucket ON live_bands (bucket);
CREATE INDEX IF NOT EXISTS live_bands_day ON live_bands (day);
CREATE TABLE IF NOT EXISTS live_membership (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    event_id TEXT NOT NULL,
    storyline_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS live_membership_event ON live_membership (event_id);
CREATE INDEX IF NOT EXISTS live_membership_story ON live_membership (storyline_id);
CREATE TABLE IF NOT EXISTS live_entity_keys (
    name_key TEXT NOT NULL,
    type TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    PRIMARY KEY (name_key, type)
);
CREATE TABLE IF NOT EXISTS live_pending (storyline_id TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS live_changes (
    seq {serial},
    kind TEXT NOT NULL,
    item_id TEXT NOT NULL,
    at TEXT NOT NULL
);
"""


def is_postgres(store: Any) -> bool:
    """True for the PostgreSQL backend (DDL and upserts differ slightly)."""
    return type(store).__name__ == "PostgresStore"


def ensure_schema(store: Any) -> None:
    """Create the live tables once (idempotent; safe with concurrent openers)."""
    row = store._one("SELECT value FROM meta WHERE key = 'live_schema'")
    if row is not None and int(row[0]) >= LIVE_SCHEMA:
        return
    pg = is_postgres(store)
    ddl = _TABLES.format(
        blob="BYTEA" if pg else "BLOB",
        serial="BIGSERIAL PRIMARY KEY" if pg else "INTEGER PRIMARY KEY AUTOINCREMENT",
    )
    with store.transaction() as cur:
        for statement in (s.strip() for s in ddl.split(";")):
            if statement:
                cur.execute(statement)
        cur.execute(store._sql("DELETE FROM meta WHERE key = 'live_schema'"))
        cur.execute(store._sql("INSERT INTO meta (key, value) VALUES ('live_schema', ?)"), (str(LIVE_SCHEMA),))
