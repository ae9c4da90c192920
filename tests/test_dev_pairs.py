"""The developing-story pairs (eval/dev/pairs_gold_c.jsonl and its second reading) agree with their sample rows."""
from __future__ import annotations

import json
from pathlib import Path

from marsad.stories.pairs_eval import LABELS, pair_key, read_gold_pairs, read_parts

DEV = Path(__file__).resolve().parent.parent / "eval" / "dev"


def test_developing_pairs_match_their_sample_rows() -> None:
    sample = [json.loads(line) for line in (DEV / "pairs_sample.jsonl").read_text(encoding="utf-8").splitlines()]
    developing = {pair_key(r["a"], r["b"]): r for r in sample if r["stratum"] == "developing"}
    assert [r["pair"] for r in sample] == list(range(len(sample)))  # appended, numbering kept
    gold = read_gold_pairs([DEV / "pairs_gold_c.jsonl"], read_parts(DEV / "pairs_sample.jsonl"))
    assert {(g.a, g.b) for g in gold} == set(developing)
    assert all(g.label in LABELS and g.part == developing[(g.a, g.b)]["part"] for g in gold)
    assert sum(g.part == "heldout" for g in gold) == round(0.25 * len(gold))
    first = {pair_key(r["a"], r["b"]) for r in sample if r["stratum"] != "developing"}
    assert not first & set(developing)  # no pair labelled twice


def test_second_reading_covers_the_same_pairs_independently() -> None:
    """Reader d's file (pairs_gold_c_b.jsonl) labels exactly c's pairs, in order, with c's parts."""
    rows = {name: [json.loads(line) for line in (DEV / name).read_text(encoding="utf-8").splitlines() if line.strip()]
            for name in ("pairs_gold_c.jsonl", "pairs_gold_c_b.jsonl")}
    c, d = rows["pairs_gold_c.jsonl"], rows["pairs_gold_c_b.jsonl"]
    assert [(r["pair"], r["a"], r["b"], r["part"]) for r in d] == [(r["pair"], r["a"], r["b"], r["part"]) for r in c]
    assert {r["by"] for r in d} == {"d"} and all(r["label"] in LABELS for r in d)
    gold = read_gold_pairs([DEV / "pairs_gold_c_b.jsonl"], read_parts(DEV / "pairs_sample.jsonl"))
    assert len(gold) == len(d)
