"""`marsad eval event-pairs`: pairwise scores of a report's events and storylines against
labelled article pairs (hand-computed cases)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from marsad.cli import main
from marsad.stories.pairs_eval import ReportMembership, read_gold_pairs, score_event_pairs

#: Six articles of one crawl file: events {0,1}, {2}, {3}, {4}, {5}; storylines {0,1,2}, {3,4}, {5}.
REPORT = {
    "articles": [{"id": f"a{n}", "path": f"/data/snn/2015-07-23.json#{n}"} for n in range(6)],
    "events": [
        {"id": "ev-1", "article_ids": ["a0", "a1"]},
        {"id": "ev-2", "article_ids": ["a2"]},
        {"id": "ev-3", "article_ids": ["a3"]},
        {"id": "ev-4", "article_ids": ["a4"]},
        {"id": "ev-5", "article_ids": ["a5"]},
    ],
    "storylines": [
        {"id": "st-1", "event_ids": ["ev-1", "ev-2"], "article_ids": ["a0", "a1", "a2"]},
        {"id": "st-2", "event_ids": ["ev-3", "ev-4"], "article_ids": ["a3", "a4"]},
        {"id": "st-3", "event_ids": ["ev-5"], "article_ids": ["a5"]},
    ],
}


def _ref(n: int) -> str:
    return f"2015-07-23.json#{n}"


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture()
def files(tmp_path: Path) -> tuple[Path, Path, Path, Path]:
    report = tmp_path / "report.json"
    report.write_text(json.dumps(REPORT), encoding="utf-8")
    sample = _write(tmp_path / "sample.jsonl", [
        {"a": _ref(0), "b": _ref(1), "stratum": "x", "part": "tune"},
        {"a": _ref(0), "b": _ref(2), "stratum": "x", "part": "tune"},
        {"a": _ref(3), "b": _ref(4), "stratum": "x", "part": "tune"},
        {"a": _ref(2), "b": _ref(5), "stratum": "x", "part": "heldout"},
        {"a": _ref(1), "b": _ref(5), "stratum": "x", "part": "heldout"},
        {"a": _ref(0), "b": _ref(9), "stratum": "x", "part": "heldout"},
    ])
    first = _write(tmp_path / "gold_a.jsonl", [
        {"a": _ref(0), "b": _ref(1), "label": "SAME_EVENT"},  # joined: event tp, storyline tp
        {"a": _ref(0), "b": _ref(2), "label": "SAME_EVENT"},  # event fn, storyline tp
        {"a": _ref(3), "b": _ref(4), "label": "SAME_TOPIC"},  # storyline fp, topic not kept apart
        {"a": _ref(2), "b": _ref(5), "label": "SAME_TOPIC"},  # kept apart
        {"a": _ref(0), "b": _ref(9), "label": "SAME_EVENT"},  # article 9 is not in the report
    ])
    second = _write(tmp_path / "gold_b.jsonl", [
        {"a": _ref(5), "b": _ref(1), "label": "SAME_STORY"},  # reversed order; storyline fn
        {"a": _ref(4), "b": _ref(3), "label": "SAME_STORY"},  # overrides gold_a's SAME_TOPIC
    ])
    return report, sample, first, second


def test_scores_hand_computed(files) -> None:
    report, sample, first, second = files
    from marsad.stories.pairs_eval import read_parts

    gold = read_gold_pairs([first, second], read_parts(sample))
    membership = ReportMembership.read(report)
    scores = score_event_pairs(gold, membership)
    assert (scores.pairs, scores.missing) == (5, 1)
    # events: gold SAME_EVENT {0-1, 0-2}; report joins 0-1 only
    assert (scores.events.tp, scores.events.fp, scores.events.fn) == (1, 0, 1)
    assert scores.events.precision == 1.0 and scores.events.recall == 0.5
    # storylines: gold {0-1, 0-2, 3-4 (last file wins), 1-5}; report joins 0-1, 0-2, 3-4
    assert (scores.storylines.tp, scores.storylines.fp, scores.storylines.fn) == (3, 0, 1)
    assert scores.topic_pairs == 1 and scores.topic_kept_apart == 1.0
    tune = score_event_pairs(gold, membership, "tune")
    assert tune.pairs == 3 and tune.labels["SAME_STORY"] == 1 and tune.topic_kept_apart is None
    # the first file alone: 3-4 is same-topic but shares a storyline
    alone = score_event_pairs(read_gold_pairs([first]), membership)
    assert alone.topic_pairs == 2 and alone.topic_kept_apart == 0.5 and alone.storylines.fp == 1


def test_cli_event_pairs(files) -> None:
    report, sample, first, second = files
    runner = CliRunner()
    result = runner.invoke(main, ["eval", "event-pairs", "--sample", str(sample), "--json", str(first), str(second), str(report)])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["pairs"] == 5 and figures["events"]["f1"] == pytest.approx(2 / 3)
    result = runner.invoke(main, ["eval", "event-pairs", "--sample", str(sample), "--part", "heldout", str(first), str(report)])
    assert result.exit_code == 0, result.output
    assert "part heldout: 1 pairs found in the report (1 missing)" in result.output and "events: precision" in result.output
    _write(second, [{"a": _ref(1), "b": _ref(2), "label": "MAYBE"}])
    bad = runner.invoke(main, ["eval", "event-pairs", str(first), str(second), str(report)])
    assert bad.exit_code != 0 and "gold_b.jsonl:1" in bad.output and "Traceback" not in bad.output
    lonely = runner.invoke(main, ["eval", "event-pairs", str(report)])
    assert lonely.exit_code != 0 and "Traceback" not in lonely.output
