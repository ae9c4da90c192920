"""A throwaway PostgreSQL server on loopback for tests and benchmarks.

``throwaway_postgres()`` runs ``initdb`` into a temporary directory, starts the
server with ``pg_ctl`` on 127.0.0.1 and a free port (Unix socket inside the same
directory, trust authentication for one user), yields a ``postgresql://`` URL and
stops and deletes everything afterwards. PostgreSQL refuses to run as root, so under
root the binaries run as the ``postgres`` system user (installed with the Debian
packages) via ``runuser``. ``MARSAD_TEST_PG_URL`` overrides all this with an existing
server.
"""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["pg_bin", "throwaway_postgres", "why_no_postgres"]


def pg_bin(name: str) -> str | None:
    """Path of a PostgreSQL server binary (PATH first, then Debian's versioned dirs)."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    return candidates[0] if candidates else None


def why_no_postgres() -> str | None:
    """None when a throwaway server can be started here, else the reason."""
    if os.environ.get("MARSAD_TEST_PG_URL"):
        return None
    for name in ("initdb", "pg_ctl", "postgres"):
        if pg_bin(name) is None:
            return f"PostgreSQL server binary {name!r} not found (run `make postgres` to install Debian's postgresql)"
    if os.geteuid() == 0 and (shutil.which("runuser") is None or _uid("postgres") is None):
        return "running as root needs the 'postgres' system user and runuser to start PostgreSQL"
    return None


def _uid(user: str) -> int | None:
    import pwd

    try:
        return pwd.getpwnam(user).pw_uid
    except KeyError:
        return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def throwaway_postgres(user: str = "marsad") -> Iterator[str]:
    """Start a private server; yield its URL; stop and remove it on exit."""
    if os.environ.get("MARSAD_TEST_PG_URL"):
        yield os.environ["MARSAD_TEST_PG_URL"]
        return
    reason = why_no_postgres()
    if reason:
        raise RuntimeError(reason)
    root = Path(tempfile.mkdtemp(prefix="marsad-pg-"))
    data = root / "data"
    prefix: list[str] = []
    if os.geteuid() == 0:
        uid = _uid("postgres")
        assert uid is not None
        os.chown(root, uid, -1)
        prefix = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    run = lambda *args: subprocess.run([*prefix, *args], check=True, capture_output=True, text=True)  # noqa: E731
    try:
        run(pg_bin("initdb") or "initdb", "-D", str(data), "-U", user, "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync")
        options = f"-c listen_addresses=127.0.0.1 -c port={port} -k {root} -c fsync=off -c full_page_writes=off"
        run(pg_bin("pg_ctl") or "pg_ctl", "-D", str(data), "-o", options, "-l", str(root / "log"), "-w", "-t", "60", "start")
        try:
            yield f"postgresql://{user}@127.0.0.1:{port}/postgres"
        finally:
            subprocess.run([*prefix, pg_bin("pg_ctl") or "pg_ctl", "-D", str(data), "-m", "immediate", "-w", "stop"], capture_output=True)
    except subprocess.CalledProcessError as exc:
        raise RuntimeError(f"could not start a throwaway PostgreSQL: {exc.stderr.strip() or exc}") from None
    finally:
        shutil.rmtree(root, ignore_errors=True)


try:  # a pytest fixture for the test modules that import it
    import pytest

    @pytest.fixture(scope="session")
    def pg_server() -> Iterator[str]:
        """URL of a throwaway PostgreSQL for this test session (skipped without one)."""
        reason = why_no_postgres()
        if reason:
            pytest.skip(reason)
        with throwaway_postgres() as url:
            yield url

    def fresh_database(server_url: str, name: str) -> str:
        """Create database ``name`` on the server; return its URL."""
        import psycopg

        with psycopg.connect(server_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        return server_url.rsplit("/", 1)[0] + "/" + name

except ImportError:  # pragma: no cover - benchmarks import this module without pytest
    pass
