"""`marsad digest` end to end on real text: the seeds, the sample, SaudiNewsNet, bad input."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from marsad.cli import main
from tests.conftest import SAMPLE, SAUDINEWSNET, SEEDS


def run_digest(tmp_path: Path, *inputs: str | Path, extra: tuple[str, ...] = ()) -> tuple[int, dict, str]:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["digest", *map(str, inputs), "--out", str(out), "--quiet", *extra])
    report = json.loads((out / "report.json").read_text(encoding="utf-8")) if (out / "report.json").exists() else {}
    return result.exit_code, report, result.output + (result.stderr if result.stderr_bytes is not None else "")


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory: pytest.TempPathFactory) -> dict:
    code, report, output = run_digest(tmp_path_factory.mktemp("seeds"), SEEDS)
    assert code == 0, output
    return report


def _by_file(report: dict, prefix: str) -> dict:
    return next(a for a in report["articles"] if Path(a["path"]).name.startswith(prefix))


def test_seed_report_follows_the_contract(seed_report: dict) -> None:
    assert seed_report["schema"] == "marsad.report/1"
    for key in ("articles", "reuse", "events", "storylines", "entities", "quotes", "timeline", "summary", "coverage"):
        assert isinstance(seed_report[key], list), key
    assert len(seed_report["articles"]) == 5
    ids = [a["id"] for a in seed_report["articles"]]
    assert len(set(ids)) == 5 and all(len(i) == 16 for i in ids)


def test_seed_cleaning_and_metadata(seed_report: dict) -> None:
    a000, a001, a002 = (_by_file(seed_report, p) for p in ("000", "001", "002"))
    assert len(a001["paragraphs"]) == 14
    assert a001["published"] == "2015-09-11" and a001["published_from"] == "text"
    assert any(r["kind"] == "boilerplate" and r["text"].startswith("اقرأ أيضاً") for r in a000["removed"])
    assert a002["outlet"] == "الجزيرة"
    assert a002["title"] == "لافروف: واشنطن رفضت التنسيق بشأن سوريا"
    assert any(r["kind"] == "boilerplate" and r["text"].startswith("المصدر") for r in a002["removed"])
    assert any(r["kind"] == "caption" and r["text"].startswith("Russian Foreign Minister") for r in a002["removed"])


def test_sentence_offsets_point_at_their_text(seed_report: dict) -> None:
    for article in seed_report["articles"]:
        text = "\n".join(article["paragraphs"])
        assert article["sentences"], article["path"]
        for sentence in article["sentences"]:
            assert text[sentence["start"] : sentence["end"]] == sentence["text"]


def test_ids_are_stable_across_runs(tmp_path: Path, seed_report: dict) -> None:
    _, again, _ = run_digest(tmp_path, SEEDS)
    assert [a["id"] for a in again["articles"]] == [a["id"] for a in seed_report["articles"]]


def test_markdown_and_html_written(tmp_path: Path) -> None:
    code, _, _ = run_digest(tmp_path, SEEDS)
    assert code == 0
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert 'dir="rtl"' in html and "لافروف: واشنطن رفضت التنسيق بشأن سوريا" in html
    markdown = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert "لافروف: واشنطن رفضت التنسيق بشأن سوريا" in markdown


def test_bundled_sample_exercises_every_format(tmp_path: Path) -> None:
    code, report, output = run_digest(tmp_path, SAMPLE)
    assert code == 0, output
    articles = report["articles"]
    assert len(articles) == 5  # two .txt, two records in .jsonl, one .html
    kinds = {r["kind"] for a in articles for r in a["removed"]}
    assert kinds == {"boilerplate", "repeat", "caption"}
    outlets = {a["outlet"] for a in articles}
    assert {"شبكة الأفق", "أخبار الوادي", "بريد الغزال"} <= outlets
    dated = {Path(a["path"]).name.split("#")[0].split(":")[0]: a["published"] for a in articles}
    assert dated["01_sahil_daily.txt"] == "2025-10-14"


def _check_day(tmp_path: Path, limit: int | None) -> None:
    day = SAUDINEWSNET / "2015-07-21.json"
    records = json.loads(day.read_text(encoding="utf-8"))
    if limit:
        records = records[:limit]
        day = tmp_path / day.name
        day.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    code, report, output = run_digest(tmp_path, day)
    assert code == 0, output
    readable = [r for r in records if (r.get("content") or "").strip()]
    distinct = {(r["url"], r.get("title") or "", " ".join(r["content"].split())) for r in readable}
    assert len(report["articles"]) == len(distinct)
    # the crawl day, unless the text dates itself one to three days earlier
    assert all(a["outlet"] for a in report["articles"])
    assert all(
        a["published"] == "2015-07-21" or (a["published_from"] == "text" and "2015-07-18" <= a["published"] < "2015-07-21")
        for a in report["articles"]
    )
    assert all(a["published_from"] in ("metadata", "text") for a in report["articles"])
    for article in report["articles"]:
        text = "\n".join(article["paragraphs"])
        assert all(text[s["start"] : s["end"]] == s["text"] for s in article["sentences"])


def test_saudinewsnet_day_sample(tmp_path: Path) -> None:
    """The first 150 records of one crawl day (the whole day runs in the slow suite)."""
    _check_day(tmp_path, 150)


@pytest.mark.slow
def test_one_saudinewsnet_day(tmp_path: Path) -> None:
    _check_day(tmp_path, None)


def test_bad_inputs_are_reported_and_the_rest_goes_on(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text("قال الوزير اليوم إن المحادثات ستستمر.\n", encoding="utf-8")
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (inputs / "broken.jsonl").write_text('{"title": "ok", "content": "نص سليم هنا."}\n{"title": broken\n', encoding="utf-8")
    (inputs / "bad.json").write_text('[{"title": "x", "content": ', encoding="utf-8")
    code, report, output = run_digest(tmp_path, inputs)
    assert code == 0
    assert len(report["articles"]) == 2
    for name in ("empty.txt", "binary.txt", "broken.jsonl:2", "bad.json"):
        assert name in output, name
    assert "Traceback" not in output


def test_nothing_readable_fails_with_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "binary.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    code, report, output = run_digest(tmp_path, bad)
    assert code != 0
    assert report == {}
    assert "binary.txt" in output and "Traceback" not in output


def test_stages_option_runs_only_the_named_stages(tmp_path: Path) -> None:
    code, report, output = run_digest(tmp_path, SEEDS, extra=("--stages", "reuse"))
    assert code == 0, output
    assert report["reuse"] and not report["events"] and not report["quotes"]
    result = CliRunner().invoke(main, ["digest", str(SEEDS), "--out", str(tmp_path / "x"), "--stages", "reuse,nope"])
    assert result.exit_code == 2 and "unknown stage nope" in result.output


def test_bench_digest_prints_one_json_object_with_stage_seconds() -> None:
    result = CliRunner().invoke(main, ["bench", "digest", "--corpus", str(SEEDS), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["articles"] == 5
    assert figures["stages"] == ["reuse", "entities", "quotes", "stories", "timeline", "summary"]
    assert set(figures["stage_seconds"]) == {"ingest+prepare", *figures["stages"]}
    assert figures["peak_rss_mb"] > 0 and figures["articles_per_s"] > 0
