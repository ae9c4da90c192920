"""Reliability of the SQLite store under a real `marsad ingest` process: kill -9 in the
middle of a SaudiNewsNet day, then restart; readers querying while a writer ingests."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from marsad.ingest import IngestError, iter_articles
from marsad.store import open_store

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DAY = SHARED / "data" / "saudinewsnet" / "2015-07-23.json"
LIMIT = 300
BATCH = 25


def ingest_command(db: Path, limit: int | None = LIMIT, live: bool = False) -> list[str]:
    bound = ["--limit", str(limit)] if limit else []
    mode = ["--batch", str(LIVE_BATCH), "--workers", "2"] if live else ["--no-derive", "--batch", str(BATCH)]
    return [sys.executable, "-m", "marsad.cli", "ingest", str(DAY), "--db", str(db), "--quiet", *mode, *bound]


def stored_ids(db: Path) -> list[str]:
    conn = sqlite3.connect(db, timeout=30)
    try:
        return [r[0] for r in conn.execute("SELECT id FROM articles")]
    finally:
        conn.close()


def count(db: Path) -> int:
    if not db.exists():
        return 0
    conn = sqlite3.connect(db, timeout=30)
    try:
        return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # schema not created yet
        return 0
    finally:
        conn.close()


def expected_ids(limit: int | None = LIMIT) -> set[str]:
    ids: list[str] = []
    for item in iter_articles([DAY]):
        if not isinstance(item, IngestError):
            ids.append(item.id)
        if limit and len(ids) >= limit:
            break
    return set(ids)


@pytest.mark.parametrize("limit", [LIMIT, pytest.param(None, marks=pytest.mark.slow, id="whole-day")])
def test_kill_9_mid_ingest_then_restart(tmp_path: Path, limit: int | None) -> None:
    db = tmp_path / "marsad.db"
    expected = expected_ids(limit)
    proc = subprocess.Popen(ingest_command(db, limit), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 600
    committed_before_kill = 0
    while time.monotonic() < deadline and proc.poll() is None:
        committed_before_kill = count(db)
        if committed_before_kill >= len(expected) // 2:  # halfway through
            break
        time.sleep(0.05)
    assert proc.poll() is None, "ingest finished before it could be killed; raise LIMIT"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    after_kill = stored_ids(db)
    assert len(after_kill) >= committed_before_kill  # everything committed survives
    assert 0 < len(after_kill) < len(expected)
    with open_store(str(db)) as store:
        assert store.integrity_check() == "ok"
        fts = store._one("SELECT COUNT(*) FROM article_fts")[0]
        assert fts == len(after_kill)  # article rows and index committed together
        sentences = store._one("SELECT COUNT(DISTINCT article_id) FROM sentences")[0]
        assert sentences == len(after_kill)

    done = subprocess.run(ingest_command(db, limit), capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    final = stored_ids(db)
    assert len(final) == len(set(final)) == len(expected)
    assert set(final) == expected
    assert set(after_kill) <= set(final)
    assert f"{len(after_kill)} already stored" in done.stdout or "already stored" in done.stdout
    with open_store(str(db)) as store:
        assert store.integrity_check() == "ok"
        assert store._one("SELECT COUNT(*) FROM article_fts")[0] == len(final)


LIVE_LIMIT = 60


def children(pid: int) -> list[int]:
    """Process ids whose parent is ``pid`` (Linux /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found
LIVE_BATCH = 6


def test_kill_9_mid_live_ingest_loses_no_committed_article(tmp_path: Path) -> None:
    """Live ingest commits each batch of articles with all their links (analysed on 2
    worker processes): after kill -9 every stored article has its analysis, event,
    storyline and change-log row, nothing else is there, and whole batches only."""
    db = tmp_path / "marsad.db"
    expected = expected_ids(LIVE_LIMIT)
    proc = subprocess.Popen(ingest_command(db, LIVE_LIMIT, live=True), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 600
    committed_before_kill = 0
    while time.monotonic() < deadline and proc.poll() is None:
        committed_before_kill = count(db)
        if committed_before_kill >= len(expected) // 2:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "ingest finished before it could be killed; raise LIVE_LIMIT"
    workers = children(proc.pid)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    deadline = time.monotonic() + 30
    while any(Path(f"/proc/{pid}").exists() for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert workers and not any(Path(f"/proc/{pid}").exists() for pid in workers), "analysis workers outlived their parent"

    after_kill = set(stored_ids(db))
    assert committed_before_kill <= len(after_kill) < len(expected)
    assert len(after_kill) % LIVE_BATCH == 0
    with open_store(str(db)) as store:
        assert store.integrity_check() == "ok"
        linked = {r[0] for r in store._all("SELECT article_id FROM live_membership")}
        analysed = {r[0] for r in store._all("SELECT article_id FROM live_analysis")}
        in_stories = {r[0] for r in store._all("SELECT article_id FROM story_articles")}
        logged = {r[0] for r in store._all("SELECT item_id FROM live_changes WHERE kind = 'article'")}
        assert linked == analysed == in_stories == logged == after_kill
        events = {r[0] for r in store._all("SELECT event_id FROM live_membership")}
        assert events <= {r[0] for r in store._all("SELECT id FROM events")}

    done = subprocess.run(ingest_command(db, LIVE_LIMIT, live=True), capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    assert f"{len(after_kill)} already stored" in done.stdout
    with open_store(str(db)) as store:
        assert set(stored_ids(db)) == expected
        assert {r[0] for r in store._all("SELECT article_id FROM live_membership")} == expected
        assert store._one("SELECT COUNT(*) FROM live_pending")[0] == 0


def test_two_readers_query_while_one_writer_ingests(tmp_path: Path) -> None:
    db = tmp_path / "marsad.db"
    with open_store(str(db)):
        pass  # schema exists before readers start
    writer = subprocess.Popen(ingest_command(db), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    errors: list[BaseException] = []
    seen: dict[int, list[int]] = {0: [], 1: []}

    def reader(slot: int) -> None:
        try:
            with open_store(str(db)) as store:
                while writer.poll() is None:
                    n = store.count_articles()
                    hits = store.search("السعودية", limit=5)
                    assert len(hits) <= 5
                    seen[slot].append(n)
                    time.sleep(0.01)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=reader, args=(i,)) for i in (0, 1)]
    for t in threads:
        t.start()
    writer.wait(timeout=300)
    for t in threads:
        t.join(timeout=60)
    assert writer.returncode == 0, writer.stderr.read().decode()
    assert not errors, errors
    for counts in seen.values():
        assert counts, "reader made no query while the writer ran"
        assert counts == sorted(counts)  # readers see whole batches, never going back
        assert len(set(counts)) > 1 or counts[0] in (0, LIMIT)
    assert count(db) == len(expected_ids())


@pytest.mark.parametrize("args", [["--batch", "0"]])
def test_ingest_rejects_bad_options(tmp_path: Path, args: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "marsad.cli", "ingest", str(DAY), "--db", str(tmp_path / "x.db"), *args],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr and "--batch" in done.stderr


def _ingest_derive(db: Path, limit: int) -> list[str]:
    return [sys.executable, "-m", "marsad.cli", "ingest", str(DAY), "--db", str(db), "--batch", str(BATCH), "--limit", str(limit)]


def _derived_ids(db: Path) -> tuple[list[str], list[str], bool]:
    with open_store(str(db)) as store:
        stories = sorted(r[0] for r in store._all("SELECT id FROM storylines"))
        events = sorted(r[0] for r in store._all("SELECT id FROM events"))
        return stories, events, store.derived_stale()


def test_kill_9_during_story_recompute_then_the_next_ingest_completes_it(tmp_path: Path) -> None:
    """Issue 19: a store left ``derived_stale`` by a kill during the recompute is brought
    up to date by the next ingest even when it adds nothing, and equals an
    uninterrupted run."""
    limit = 60
    db = tmp_path / "marsad.db"
    stored = subprocess.run(ingest_command(db, limit), capture_output=True, text=True, timeout=600)
    assert stored.returncode == 0, stored.stderr
    kills = 0
    for stage in ("reuse", "entities", "stories", "summary"):
        proc = subprocess.Popen(_ingest_derive(db, limit), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        seen = bytearray()

        def pump(stream=proc.stderr, sink=seen) -> None:  # type: ignore[no-untyped-def]
            for chunk in iter(lambda: stream.read1(4096), b""):
                sink.extend(chunk)

        reader = threading.Thread(target=pump, daemon=True)
        reader.start()
        deadline = time.monotonic() + 600
        while f"stage: {stage}".encode() not in seen and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        if proc.poll() is not None:
            continue  # finished before that stage was reached (nothing left to recompute)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        kills += 1
        with open_store(str(db)) as store:
            assert store.integrity_check() == "ok"
            assert store.count_articles() == limit  # nothing committed is lost
            assert store.derived_stale()  # the recompute did not finish
    assert kills == 4
    done = subprocess.run([*_ingest_derive(db, limit), "--quiet"], capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    assert "0 new articles stored" in done.stdout
    stories, events, stale = _derived_ids(db)
    assert not stale and stories and events
    fresh = tmp_path / "fresh.db"
    assert subprocess.run(ingest_command(fresh, limit), capture_output=True, timeout=600).returncode == 0
    assert subprocess.run([*_ingest_derive(fresh, limit), "--quiet"], capture_output=True, timeout=900).returncode == 0
    assert _derived_ids(fresh) == (stories, events, False)  # resumed equals uninterrupted
