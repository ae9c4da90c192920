"""The developing-story pairs (eval/dev/pairs_gold_c.jsonl, adjudicated from readers c and d) agree with their sample rows."""
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


def _rows(name: str) -> list[dict]:
    return [json.loads(line) for line in (DEV / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def test_both_readings_cover_the_same_pairs_independently() -> None:
    """Reader c's (pairs_gold_c_a.jsonl) and reader d's (pairs_gold_c_b.jsonl) files label exactly
    the gold's pairs, in order, with the gold's parts, each signed by its reader."""
    gold, c, d = _rows("pairs_gold_c.jsonl"), _rows("pairs_gold_c_a.jsonl"), _rows("pairs_gold_c_b.jsonl")
    key = [(r["pair"], r["a"], r["b"], r["part"]) for r in gold]
    assert [(r["pair"], r["a"], r["b"], r["part"]) for r in c] == key
    assert [(r["pair"], r["a"], r["b"], r["part"]) for r in d] == key
    assert {r["by"] for r in c} == {"c"} and {r["by"] for r in d} == {"d"}
    assert all(r["label"] in LABELS for r in c + d)
    for reader in ("pairs_gold_c_a.jsonl", "pairs_gold_c_b.jsonl"):
        assert len(read_gold_pairs([DEV / reader], read_parts(DEV / "pairs_sample.jsonl"))) == len(gold)


def test_gold_keeps_agreement_and_decides_every_disagreement() -> None:
    """A pair both readers labelled alike is "c+d" with their label unless the third reading
    changed it ("adj"); every pair they disagree on is decided by the third reading ("adj")."""
    gold, c, d = _rows("pairs_gold_c.jsonl"), _rows("pairs_gold_c_a.jsonl"), _rows("pairs_gold_c_b.jsonl")
    assert [list(r) for r in gold] == [["pair", "a", "b", "label", "part", "stratum", "by"]] * len(gold)
    for g, x, y in zip(gold, c, d):
        assert g["by"] in ("c+d", "adj")
        if x["label"] != y["label"]:
            assert g["by"] == "adj", g["pair"]
        if g["by"] == "c+d":
            assert g["label"] == x["label"] == y["label"], g["pair"]
    disagreements = sum(x["label"] != y["label"] for x, y in zip(c, d))
    assert disagreements == 29  # the count the README's adjudication table accounts for
