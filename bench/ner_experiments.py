"""NER feature experiments on the same split as ``marsad train ner`` (issue 6).

Trains the CRF on the first 90 % of ANERcorp with the committed featurizer switches
plus ``--features`` (a JSON object of :class:`marsad.entities.features.Featurizer`
fields), the committed clusters and optional extra resources, then prints the dev
scores (last 10 %) per type and one JSON row (F1, P, R, per-type F1, training time).
Every "what each step was worth" row of BENCHMARKS.md's NER section after 0.719 was
measured with it, e.g.::

    marsad train gazetteer ../shared/data/saudinewsnet --out /tmp/ner/gazetteer.txt
    marsad train vectors ../shared/data/saudinewsnet --out /tmp/ner/vectors.npz --dims 50
    .venv/bin/python bench/ner_experiments.py --gazetteer /tmp/ner/gazetteer.txt
    .venv/bin/python bench/ner_experiments.py --vectors /tmp/ner/vectors.npz --features '{"vector_bins": 1.0}'
    .venv/bin/python bench/ner_experiments.py --features '{"quotes": true}'
    .venv/bin/python bench/ner_experiments.py --algorithm ap --params '{"max_iterations": 30}'

``--seeds`` also scores mentions in the five seed articles against the hand list of
``tests/seed_mentions.py`` (sentence by sentence, then with the consistency pass).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import pycrfsuite

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from marsad.entities import ner  # noqa: E402
from marsad.entities.clusters import load_clusters  # noqa: E402
from marsad.entities.conll import format_scores, score  # noqa: E402
from marsad.entities.features import Featurizer  # noqa: E402
from marsad.entities.gazetteer import load_gazetteer  # noqa: E402
from marsad.entities.training import DEFAULT_DATA, read_conll_file, split_dev  # noqa: E402
from marsad.entities.vectors import load_vectors  # noqa: E402


def seed_scores(model: ner.NerModel) -> list[tuple[float, float, float]]:
    """(P, R, F1) on the seeds' hand-listed mentions, without and with harmonize."""
    from tests.seed_mentions import hand_mentions, seed_articles

    articles = seed_articles()
    gold = {(m.article_id, m.start, m.end, m.type) for m in hand_mentions(articles)}
    out = []
    for consistent in (False, True):
        pred = {(m.article_id, m.start, m.end, m.type) for a in articles for m in model.mentions(a.id, a.clean_text, consistent)}
        correct = len(pred & gold)
        p, r = correct / max(len(pred), 1), correct / len(gold)
        out.append((p, r, 2 * p * r / (p + r) if p + r else 0.0))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT / DEFAULT_DATA)
    ap.add_argument("--features", default="{}", help="JSON object of Featurizer switches added to the committed ones")
    ap.add_argument("--clusters", type=Path, default=ner.MODEL_DIR / ner.CLUSTERS_FILE)
    ap.add_argument("--gazetteer", type=Path, default=None)
    ap.add_argument("--vectors", type=Path, default=None)
    ap.add_argument("--algorithm", default="lbfgs", help="crfsuite training algorithm (lbfgs, ap, pa, arow, l2sgd)")
    ap.add_argument("--params", default='{"c1": 0.05, "c2": 0.05, "max_iterations": 150}', help="crfsuite parameters (JSON)")
    ap.add_argument("--out", type=Path, default=None, help="model file (default: a temporary one)")
    ap.add_argument("--seeds", action="store_true", help="also score the seed articles' hand-listed mentions")
    args = ap.parse_args()

    options = dict(ner.DEFAULT_FEATURES)
    options.update(json.loads(args.features))
    featurizer = Featurizer(
        clusters=load_clusters(args.clusters),
        gazetteer=load_gazetteer(args.gazetteer) if args.gazetteer else {},
        vectors=load_vectors(args.vectors) if args.vectors else {},
        **options,  # type: ignore[arg-type]
    )
    train, dev = split_dev(read_conll_file(args.data))
    out = args.out or Path(tempfile.mkdtemp()) / "ner.crfsuite"
    started, cpu = time.perf_counter(), time.process_time()
    trainer = pycrfsuite.Trainer(algorithm=args.algorithm, verbose=False)
    for sentence in train:
        trainer.append(featurizer.sentence(sentence.tokens), sentence.tags)
    trainer.set_params({"feature.possible_transitions": True, **json.loads(args.params)})
    trainer.train(str(out))
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    model = ner.NerModel(out, featurizer)
    scores = score([s.tags for s in dev], [model.tag(s.tokens) for s in dev])
    print(format_scores(scores))
    o = scores.overall
    row: dict[str, object] = {
        "features": options, "gazetteer": str(args.gazetteer), "vectors": str(args.vectors),
        "algorithm": args.algorithm, "params": json.loads(args.params),
        "F1": round(o.f1, 4), "P": round(o.precision, 4), "R": round(o.recall, 4),
        **{k: round(v.f1, 3) for k, v in sorted(scores.by_type.items())},
        "train_wall_s": round(wall), "train_cpu_s": round(cpu), "model_bytes": out.stat().st_size,
    }
    if args.seeds:
        row["seeds"] = [[round(x, 3) for x in t] for t in seed_scores(model)]
    print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
