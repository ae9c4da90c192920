"""NER feature resources: quoted-title spans, dense word vectors, corpus-mined gazetteer."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from marsad.entities.corpus_gazetteer import mine_gazetteer, text_chunks
from marsad.entities.features import Featurizer, quoted_spans
from marsad.entities.vectors import load_vectors, reduce_vectors, write_vectors
from marsad.ingest import IngestError, iter_articles

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SNN = SHARED / "data" / "saudinewsnet"


def test_quoted_spans_short_titles_only() -> None:
    assert quoted_spans("في برنامج « الناس وأنا » ويذاع".split()) == [(3, 5)]
    # ANERcorp writes a doubled ' ' as the mark
    assert quoted_spans("عمل ' ' يونيفل ' ' .".split()) == [(3, 4)]
    assert quoted_spans('على استاد " لا لوش " في'.split()) == [(3, 5)]
    # quoted speech (longer than 8 tokens) and an unclosed mark are not titles
    assert quoted_spans(("قال « " + "كلام " * 9 + "» .").split()) == []
    assert quoted_spans("قال « كلام".split()) == []


def test_featurizer_quote_features_name_the_head_word() -> None:
    feats = Featurizer(quotes=True).sentence("عمل ' ' يونيفل ' ' .".split())
    assert {"q", "q0", "qh=عمل"} <= set(feats[3])
    assert not any(f.startswith("q") for f in feats[0])


def test_vectors_round_trip_and_dense_features(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    raw = rng.normal(size=(50, 20))
    matrix = reduce_vectors(raw, 4)
    assert matrix.dtype == np.int8 and matrix.shape == (50, 4)
    words = [f"w{i}" for i in range(50)]
    path = tmp_path / "v.npz"
    write_vectors(words, matrix, path)
    vec = load_vectors(path)
    assert len(vec) == 50 and vec.dims == 4 and "w3" in vec
    assert vec["w3"] == pytest.approx(matrix[3] / 32.0, abs=1e-4)
    f = Featurizer(vectors=vec, dense=2)
    items = f.sentence(["w3", "zz", "w5"])
    assert isinstance(items[0], dict) and items[0]["v0"] == pytest.approx(vec["w3"][0])
    assert "v=none" in items[1] and items[1]["-1v2"] == pytest.approx(vec["w3"][2])
    assert items[1]["1v1"] == pytest.approx(vec["w5"][1]) and "v0" not in items[1]


def test_mine_gazetteer_keeps_slot_words_not_common_words() -> None:
    chunks = [
        ["قال", "الرييس", "الامريكي", "باراك", "اوباما", "ان"],
        ["وصل", "الشيخ", "سلمان", "الي", "مدينه", "بريده"],
        ["فاز", "نادي", "الهلال", "علي", "منافسه"],
    ] * 6 + [["قال", "ان", "الهلال", "فاز"]] * 3 + [["ان", "الي", "قال", "علي"]] * 40
    gaz = mine_gazetteer(chunks, min_count=5, min_ratio=0.2)
    assert gaz["باراك"] == {"mPER"} and gaz["اوباما"] == {"mPER"} and gaz["سلمان"] == {"mPER"}
    assert gaz["بريده"] == {"mLOC"} and gaz["الهلال"] == {"mORG"}
    assert "قال" not in gaz and "ان" not in gaz and "الامريكي" not in gaz and "الرييس" not in gaz


def test_text_chunks_split_at_punctuation() -> None:
    assert text_chunks("قال الرئيس أوباما، إن «الاتفاق» جيد.") == [["قال", "الرييس", "اوباما"], ["ان"], ["الاتفاق"], ["جيد"]]


def test_mine_gazetteer_on_real_news() -> None:
    files = sorted(SNN.glob("*.json"))[:3] if SNN.exists() else []
    if not files:
        pytest.skip(f"real data not found at {SNN}")
    chunks: list[list[str]] = []
    for item in iter_articles(files):
        if not isinstance(item, IngestError):
            chunks.extend(text_chunks(f"{item.title or ''}\n{item.body}"))
    gaz = mine_gazetteer(chunks, min_count=3, min_ratio=0.1)
    assert len(gaz) > 20
    labels = {label for v in gaz.values() for label in v}
    assert labels <= {"mPER", "mORG", "mLOC"} and "mPER" in labels
    assert not {"في", "من", "قال", "ان"} & set(gaz)


def test_train_gazetteer_and_vectors_cli(tmp_path: Path) -> None:
    files = sorted(SNN.glob("*.json"))[:1] if SNN.exists() else []
    if not files:
        pytest.skip(f"real data not found at {SNN}")
    from click.testing import CliRunner

    from marsad.cli import main
    from marsad.entities.gazetteer import load_gazetteer

    gaz = tmp_path / "gazetteer.txt"
    result = CliRunner().invoke(main, ["train", "gazetteer", str(files[0]), "--out", str(gaz), "--limit", "300", "--min-count", "2"])
    assert result.exit_code == 0, result.output
    assert "wrote" in result.output and len(load_gazetteer(gaz)) > 5
    pytest.importorskip("gensim")  # the `train` extra
    vec = tmp_path / "vectors.npz"
    result = CliRunner().invoke(main, ["train", "vectors", str(files[0]), "--out", str(vec), "--limit", "300", "--dims", "8", "--vocab", "500"])
    assert result.exit_code == 0, result.output
    loaded = load_vectors(vec)
    assert len(loaded) == 500 and loaded.dims == 8
    empty = tmp_path / "empty.json"
    empty.write_text("[]", encoding="utf-8")
    result = CliRunner().invoke(main, ["train", "gazetteer", str(empty), "--out", str(gaz)])
    assert result.exit_code != 0 and "no article text" in result.output and "Traceback" not in result.output


def test_committed_model_loads_its_mined_resources() -> None:
    from marsad.entities.ner import MODEL_DIR, load_model

    model = load_model()
    options = json.loads((MODEL_DIR / "features.json").read_text(encoding="utf-8"))
    if options.get("vector_bins") or options.get("dense"):
        assert len(model.featurizer.vectors) >= 10_000
        assert (MODEL_DIR / "vectors.npz").stat().st_size < 10_000_000
    if (MODEL_DIR / "gazetteer.txt").exists():
        gaz = model.featurizer.gazetteer
        assert len(gaz) > 1_000 and {"mPER", "mORG", "mLOC"} >= {label for v in gaz.values() for label in v}
