"""Throughput of the Arabic text layer on SaudiNewsNet, and stemmer quality on ANERCorp.

    .venv/bin/python bench/bench_arabic.py --limit 3000 --stemmers --sentences

* speed: normalize, words, tokenize, split_sentences and stems over the first
  ``--limit`` articles of ``../shared/data/saudinewsnet`` (characters per second);
* ``--stemmers``: how often each stemmer keeps a bare ANERCorp entity word intact
  (names are what news matching cares about) and how often it maps a word and its
  clitic form (و/ب/ل/ف/وب/ول + word, both in the entity list) to one stem — for
  marsad's stemmer, tashaphyne's ArabicLightStemmer, and NLTK's ARLSTem2 when NLTK is
  installed;
* ``--sentences``: sentence ends against ANERCorp's sentence segmentation.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Callable

from marsad.arabic import normalize, split_sentences, stem, stems, tokenize, words

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SAUDI = SHARED / "data" / "saudinewsnet"
ANERCORP = SHARED / "data" / "anercorp" / "ANERCorp_CamelLab_train.txt"


def load(limit: int) -> list[str]:
    texts: list[str] = []
    for path in sorted(SAUDI.glob("*.json")):
        texts += [a["content"] for a in json.loads(path.read_text(encoding="utf-8")) if a.get("content")]
        if len(texts) >= limit:
            break
    return texts[:limit]


def bench_speed(texts: list[str]) -> dict[str, dict[str, float]]:
    chars = sum(map(len, texts))
    out: dict[str, dict[str, float]] = {}
    fns: dict[str, Callable[[str], object]] = {
        "normalize": normalize,
        "words": words,
        "tokenize": tokenize,
        "split_sentences": split_sentences,
        "stems": stems,
    }
    for name, fn in fns.items():
        t, c = time.perf_counter(), time.process_time()
        for text in texts:
            fn(text)
        dt, cpu = time.perf_counter() - t, time.process_time() - c
        # CPU seconds are the figure to compare: the machine is shared, wall time is not
        out[name] = {"wall_s": round(dt, 2), "cpu_s": round(cpu, 2),
                     "mchars_per_cpu_s": round(chars / cpu / 1e6, 2),
                     "articles_per_cpu_s": round(len(texts) / cpu)}
    return out


def bench_stemmers() -> dict[str, dict[str, float]]:
    names: set[str] = set()
    with ANERCORP.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 2 and parts[1] != "O" and len(parts[0]) >= 3 and parts[0].isalpha():
                names.add(parts[0])
    prefixes = ("و", "ب", "ل", "ف", "وب", "ول")
    bare = [n for n in names if not n.startswith("ال")
            and not any(n.startswith(p) and n[len(p):] in names for p in prefixes)]
    pairs = [(n, p + n) for n in names for p in prefixes if p + n in names]

    from tashaphyne.stemming import ArabicLightStemmer

    light = ArabicLightStemmer()

    def tashaphyne(w: str) -> str:
        light.light_stem(w)
        return light.get_stem()

    stemmers: dict[str, Callable[[str], str]] = {"marsad": stem, "tashaphyne": tashaphyne}
    try:
        from nltk.stem.arlstem2 import ARLSTem2

        stemmers["arlstem2"] = ARLSTem2().stem
    except ImportError:
        pass
    out: dict[str, dict[str, float]] = {}
    for name, f in stemmers.items():
        t = time.perf_counter()
        kept = sum(normalize(f(n)) == normalize(n) for n in bare) / len(bare)
        same = sum(normalize(f(a)) == normalize(f(b)) for a, b in pairs) / len(pairs)
        out[name] = {"bare_names_kept": round(kept, 3), "clitic_pairs_same_stem": round(same, 3),
                     "seconds": round(time.perf_counter() - t, 2)}
    out["_sizes"] = {"bare_names": len(bare), "clitic_pairs": len(pairs)}
    return out


_NO_SPACE_BEFORE = set(".،,؛;:؟?!)»]")
_NO_SPACE_AFTER = set("(«[")


def _detokenize(tokens: list[str]) -> str:
    """ANERCorp tokens back to running text (punctuation attached, " paired)."""
    out, in_quote = "", False
    for t in tokens:
        if t == '"':
            out += t if in_quote or not out else " " + t
            in_quote = not in_quote
        elif not out or t in _NO_SPACE_BEFORE or out[-1] in _NO_SPACE_AFTER or (in_quote and out.endswith('"')):
            out += t
        else:
            out += " " + t
    return out


def bench_sentences(per_paragraph: int = 20) -> dict[str, float]:
    """Sentence boundaries against ANERCorp's (blank-line separated, every one at a
    full stop). Its sentences are detokenized and joined ``per_paragraph`` to a
    paragraph; a predicted end counts if it falls exactly at a gold end. ANERCorp's
    gold never ends at ? ! and splits inside quotes and tokenized abbreviations
    (أ. ف. ب), which marsad deliberately does not: read recall as "boundaries found",
    precision as a lower bound."""
    sents: list[list[str]] = []
    cur: list[str] = []
    with ANERCORP.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if parts:
                cur.append(parts[0])
            elif cur:
                sents.append(cur)
                cur = []
    if cur:
        sents.append(cur)
    texts = [_detokenize(s) for s in sents]
    tp = fp = fn = 0
    t0 = time.process_time()
    for i in range(0, len(texts), per_paragraph):
        group = texts[i : i + per_paragraph]
        para = " ".join(group)
        gold, pos = set(), 0
        for g in group[:-1]:
            pos += len(g)
            gold.add(pos)
            pos += 1
        pred = {s.end for s in split_sentences(para)} - {len(para)}
        tp, fp, fn = tp + len(gold & pred), fp + len(pred - gold), fn + len(gold - pred)
    p, r = tp / (tp + fp), tp / (tp + fn)
    return {"gold_sentences": len(texts), "precision": round(p, 3), "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3), "cpu_s": round(time.process_time() - t0, 2)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=3000, help="articles to process")
    ap.add_argument("--stemmers", action="store_true", help="also compare stemmers on ANERCorp")
    ap.add_argument("--sentences", action="store_true", help="also score sentence ends on ANERCorp")
    args = ap.parse_args()
    texts = load(args.limit)
    report: dict[str, object] = {"articles": len(texts), "mchars": round(sum(map(len, texts)) / 1e6, 2),
                                 "speed": bench_speed(texts)}
    if args.stemmers:
        report["stemmers"] = bench_stemmers()
    if args.sentences:
        report["sentences_anercorp"] = bench_sentences()
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
