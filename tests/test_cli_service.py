"""`marsad ingest` and `marsad search` on the seed articles: idempotent re-runs, JSON
hits, one-line errors for user mistakes."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from marsad.cli import main

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"


def test_ingest_twice_then_search_json(tmp_path: Path) -> None:
    db = str(tmp_path / "m.db")
    runner = CliRunner()
    first = runner.invoke(main, ["ingest", str(SEEDS), "--db", db, "--quiet", "--batch", "2"])
    assert first.exit_code == 0, first.output
    assert "5 new articles stored, 0 already stored" in first.output
    again = runner.invoke(main, ["ingest", str(SEEDS), "--db", db, "--quiet"])
    assert again.exit_code == 0 and "0 new articles stored, 5 already stored" in again.output
    assert "stories recomputed" not in again.output  # nothing new, nothing to recompute

    found = runner.invoke(main, ["search", "الامريكية", "--db", db, "--json", "--limit", "3"])
    assert found.exit_code == 0, found.output
    hits = json.loads(found.output)
    assert 1 <= len(hits) <= 3
    for hit in hits:
        assert hit["article_id"] and hit["path"].endswith(".txt") and hit["snippet"]
        assert any("أميركي" in hit["snippet"][s:e] or "امريكي" in hit["snippet"][s:e] or "أمريكي" in hit["snippet"][s:e] for s, e in hit["highlights"])

    text = runner.invoke(main, ["search", "لافروف", "--db", db])
    assert text.exit_code == 0 and "لافروف" in text.output
    none = runner.invoke(main, ["search", "زرافةكوكبية", "--db", db])
    assert none.exit_code == 0 and "no match" in none.output


def test_search_user_errors_are_one_line(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(main, ["search", "x", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 1 and "no such database" in missing.output and "Traceback" not in missing.output
    assert not (tmp_path / "none.db").exists()
    db = str(tmp_path / "m.db")
    runner.invoke(main, ["ingest", str(SEEDS), "--db", db, "--quiet", "--no-derive"])
    bad = runner.invoke(main, ["search", "x", "--db", db, "--from", "last week"])
    assert bad.exit_code == 1 and "bad from date" in bad.output
    (tmp_path / "junk.db").write_bytes(b"not a database" * 200)
    junk = runner.invoke(main, ["search", "x", "--db", str(tmp_path / "junk.db")])
    assert junk.exit_code == 1 and "junk.db" in junk.output and "Traceback" not in junk.output


def test_no_derive_then_a_later_ingest_recomputes(tmp_path: Path) -> None:
    db = str(tmp_path / "m.db")
    runner = CliRunner()
    first = runner.invoke(main, ["ingest", str(SEEDS), "--db", db, "--quiet", "--no-derive"])
    assert first.exit_code == 0 and "stories recomputed" not in first.output
    later = runner.invoke(main, ["ingest", str(SEEDS), "--db", db, "--quiet"])
    assert later.exit_code == 0, later.output
    assert "0 new articles stored" in later.output and "stories recomputed" in later.output


def test_ingest_of_nothing_readable_exits_non_zero(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    db = str(tmp_path / "m.db")
    for extra in ([], ["--no-derive"]):
        result = CliRunner().invoke(main, ["ingest", str(inputs), "--db", db, "--quiet", *extra])
        assert result.exit_code == 1, result.output
        assert "nothing could be read" in result.output and "binary.txt" in result.output
        assert "Traceback" not in result.output
