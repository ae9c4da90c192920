"""Persistent storage of articles and derived story data, behind one interface.

``open_store(url)`` picks the backend from the URL: ``postgresql://…`` (or
``postgres://…``) opens :class:`marsad.store.postgres.PostgresStore`; anything else is
a SQLite file path (``sqlite:///path`` is accepted too).
"""
from __future__ import annotations

from marsad.store.base import SearchHit, Store, StoreError

__all__ = ["SearchHit", "Store", "StoreError", "open_store", "is_postgres_url"]


def is_postgres_url(url: str) -> bool:
    """True for URLs that name a PostgreSQL database."""
    return url.startswith(("postgresql://", "postgres://"))


def open_store(url: str) -> Store:
    """Open (creating and migrating as needed) the store named by ``url``."""
    if is_postgres_url(url):
        from marsad.store.postgres import PostgresStore

        return PostgresStore(url)
    from marsad.store.sqlite import SQLiteStore

    path = url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else url
    return SQLiteStore(path)
