"""`marsad bench summary` on the real seeds: every system, same budget, working ROUGE."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from marsad.cli import main
from marsad.summary_bench import SYSTEMS, redundancy, rouge
from tests.conftest import SEEDS


def _bench(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["bench", "summary", "--corpus", str(SEEDS), *args])
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def seeds_run() -> dict:
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS}")
    code, output = _bench("--group", "one", "--json", "--summaries")
    assert code == 0, output
    return json.loads(output)


def test_rouge_scores_arabic_with_the_arabic_tokenizer() -> None:
    text = "قال وزير الخارجية الروسي إن بلاده ستواصل تزويد سوريا بالسلاح"
    assert rouge(text, [text]) == {"rouge1": 1.0, "rouge2": 1.0, "rougeL": 1.0}
    # light stemming and normalization: clitics and hamza spellings still match
    assert rouge("وبالسلاح الروسي", ["السلاح الروسى"])["rouge1"] == 1.0
    # rouge-score's own tokenizer keeps only [a-z0-9]: Arabic would score 0
    from rouge_score.rouge_scorer import RougeScorer

    assert RougeScorer(["rouge1"]).score(text, text)["rouge1"].fmeasure == 0.0


def test_redundancy_is_the_mean_best_match_inside_a_summary() -> None:
    a = "قال وزير الخارجية الروسي إن بلاده ستواصل تزويد سوريا بالسلاح"
    b = "أعرب وزير الخارجية الأميركي عن قلق بلاده من التعزيزات"
    assert redundancy([a, a]) == pytest.approx(1.0)
    assert redundancy([a]) == 0.0
    assert 0.0 < redundancy([a, b]) < 0.5


def test_every_system_summarizes_the_seed_storyline_within_budget(seeds_run: dict) -> None:
    assert seeds_run["storylines"] == 1 and seeds_run["articles"] == 5
    row = seeds_run["per_storyline"][0]
    for system in SYSTEMS:
        summary = row[system]
        assert 0 < summary["words"] <= 120 and summary["texts"], system
        assert 0.0 <= summary["redundancy"] <= 1.0
        assert 0.0 <= summary["multi_outlet_coverage"] <= 1.0
        # same sentence splitter: every summary sentence is a sentence of a seed
        assert all(len(t.split()) <= 120 for t in summary["texts"])
    assert row["marsad"]["redundancy"] < 0.5


def test_references_are_scored_per_system(seeds_run: dict, tmp_path: Path) -> None:
    lead = " ".join(seeds_run["per_storyline"][0]["lead"]["texts"])
    refs = tmp_path / "refs.json"
    refs.write_text(json.dumps({"*": [lead]}, ensure_ascii=False), encoding="utf-8")
    code, output = _bench("--group", "one", "--json", "--refs", str(refs))
    assert code == 0, output
    systems = json.loads(output)["systems"]
    assert systems["lead"]["rouge1"] == 1.0 and systems["lead"]["rougeL"] == 1.0
    for system in ("marsad", "lexrank", "textrank"):
        assert 0.0 < systems[system]["rouge1"] < 1.0, system


def test_table_output_names_every_system(seeds_run: dict) -> None:
    code, output = _bench("--group", "one")
    assert code == 0, output
    for system in SYSTEMS:
        assert f"| {system} |" in output


def test_bad_refs_and_no_storyline_give_one_line_errors(tmp_path: Path) -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS}")
    bad = tmp_path / "refs.json"
    bad.write_text("{not json", encoding="utf-8")
    code, output = _bench("--group", "one", "--refs", str(bad))
    assert code != 0 and "refs.json" in output and "Traceback" not in output
    code, output = _bench("--group", "title")  # the seeds have no titles to group by
    assert code != 0 and "no multi-outlet storyline" in output
