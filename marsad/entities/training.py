"""The file-facing side of NER: read ``token TAG`` files, hold out dev, train, score.

Called by ``marsad train ner``, ``marsad train clusters``, ``marsad train vectors``,
``marsad train gazetteer`` and ``marsad eval ner``;
kept out of :mod:`marsad.entities.ner` so the tagger itself stays free of file I/O
beyond loading its artifact.

Dev hold-out: the LAST ``dev_fraction`` (10 %) of the file's sentences. ANERcorp is a
sequence of whole news stories, so a contiguous tail holds out stories (and many of
their names) rather than sentences of stories the model trained on — the honest
setting for text the model has never seen. The committed model is trained on the
remaining 90 %, so the printed dev scores are the committed model's own.
"""
from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from marsad.entities.conll import ConllError, Scores, TaggedSentence, parse_conll, score

__all__ = [
    "DEFAULT_DATA",
    "TrainResult",
    "read_conll_file",
    "split_dev",
    "train_ner",
    "evaluate",
    "build_cluster_file",
    "build_vector_file",
    "build_gazetteer_file",
]

#: ANERcorp, CAMeL Lab train split, relative to the repository root.
DEFAULT_DATA = Path("../shared/data/anercorp/ANERCorp_CamelLab_train.txt")


def read_conll_file(path: Path) -> list[TaggedSentence]:
    """Sentences of a ``token TAG`` file; :class:`ConllError` (one line, naming the
    file) when it cannot be read or parsed."""
    try:
        with path.open(encoding="utf-8") as fh:
            sentences = parse_conll(fh, source=str(path))
    except UnicodeDecodeError as exc:
        raise ConllError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise ConllError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if not sentences:
        raise ConllError(f"{path}: no tagged tokens")
    return sentences


def split_dev(
    sentences: Sequence[TaggedSentence], dev_fraction: float = 0.1
) -> tuple[list[TaggedSentence], list[TaggedSentence]]:
    """``(train, dev)``: dev is the last ``dev_fraction`` of the sentences."""
    n_dev = int(len(sentences) * dev_fraction)
    cut = len(sentences) - n_dev
    return list(sentences[:cut]), list(sentences[cut:])


@dataclass(slots=True)
class TrainResult:
    """What ``marsad train ner`` reports."""

    model_path: Path
    train_sentences: int
    dev_sentences: int
    seconds: float
    dev_scores: Scores | None


def train_ner(
    data: Path,
    out_dir: Path,
    dev_fraction: float = 0.1,
    c1: float = 0.05,
    c2: float = 0.05,
    max_iterations: int = 150,
    limit: int | None = None,
) -> TrainResult:
    """Train the CRF on ``data`` minus the dev tail, write ``ner.crfsuite`` into
    ``out_dir`` (next to the clusters/gazetteer files it uses) and score it on dev.

    ``limit`` keeps only the first N sentences (for quick runs and tests).
    """
    from marsad.entities import ner

    sentences = read_conll_file(data)
    if limit is not None:
        sentences = sentences[:limit]
    train, dev = split_dev(sentences, dev_fraction)
    featurizer = ner.featurizer_from(out_dir, ner.DEFAULT_FEATURES)
    started = time.perf_counter()
    path = ner.train(
        train, out_dir / ner.MODEL_FILE, featurizer, ner.CrfParams(c1=c1, c2=c2, max_iterations=max_iterations)
    )
    seconds = time.perf_counter() - started
    (out_dir / ner.FEATURES_FILE).write_text(json.dumps(ner.DEFAULT_FEATURES, sort_keys=True) + "\n", encoding="utf-8")
    ner.load_model.cache_clear()
    dev_scores = evaluate(dev, ner.NerModel(path, featurizer)) if dev else None
    return TrainResult(path, len(train), len(dev), seconds, dev_scores)


def evaluate(sentences: Sequence[TaggedSentence], model: object | None = None) -> Scores:
    """Entity-level scores of ``model`` (default: the committed one) on gold sentences.

    Sentence by sentence: a ``token TAG`` file has no document boundaries, so the
    document-level consistency pass of ``extract_mentions`` is not applied here.
    """
    from marsad.entities import ner

    tagger = model if model is not None else ner.load_model()
    predicted = [tagger.tag(s.tokens) for s in sentences]  # type: ignore[attr-defined]
    return score([s.tags for s in sentences], predicted)


def _article_texts(corpus: Sequence[Path], limit: int | None) -> list[str]:
    """Title + body of each article under ``corpus`` (at most ``limit``); unreadable
    records are skipped, an empty corpus is a :class:`ConllError`."""
    from marsad.ingest import IngestError, iter_articles

    texts: list[str] = []
    for item in iter_articles(list(corpus)):
        if isinstance(item, IngestError):
            continue
        texts.append(f"{item.title or ''}\n{item.body}")
        if limit is not None and len(texts) >= limit:
            break
    if not texts:
        raise ConllError(f"no article text found under {', '.join(map(str, corpus))}")
    return texts


def _corpus_lines(corpus: Sequence[Path], limit: int | None) -> list[list[str]]:
    """Normalized words of every line (more than two words) of the articles."""
    from marsad.arabic import words

    lines: list[list[str]] = []
    for text in _article_texts(corpus, limit):
        for line in text.split("\n"):
            tokens = words(line)
            if len(tokens) > 2:
                lines.append(tokens)
    if not lines:
        raise ConllError(f"no article text found under {', '.join(map(str, corpus))}")
    return lines


def build_cluster_file(corpus: Sequence[Path], out: Path, limit: int | None = None, **options: object) -> int:
    """Learn word clusters from the articles under ``corpus`` and write them to
    ``out``; returns the number of words clustered. Needs gensim."""
    from marsad.entities.clusters import build_clusters, write_clusters

    clusters = build_clusters(_corpus_lines(corpus, limit), **options)  # type: ignore[arg-type]
    write_clusters(clusters, out)
    return len(clusters)


def build_vector_file(corpus: Sequence[Path], out: Path, limit: int | None = None, **options: object) -> int:
    """Learn small quantized word vectors (:mod:`marsad.entities.vectors`) from the
    articles under ``corpus`` and write them to ``out``; returns the number of words.
    Needs gensim."""
    from marsad.entities.vectors import build_vectors, write_vectors

    words, matrix = build_vectors(_corpus_lines(corpus, limit), **options)  # type: ignore[arg-type]
    write_vectors(words, matrix, out)
    return len(words)


def build_gazetteer_file(
    corpus: Sequence[Path], out: Path, limit: int | None = None, min_count: int = 3, min_ratio: float = 0.1
) -> tuple[int, dict[str, int]]:
    """Mine a gazetteer (:mod:`marsad.entities.corpus_gazetteer`) from the articles
    under ``corpus``, write it to ``out``; returns the number of words and the
    number of words per label."""
    from collections import Counter

    from marsad.entities.corpus_gazetteer import mine_gazetteer, text_chunks
    from marsad.entities.gazetteer import write_gazetteer

    chunks = (chunk for text in _article_texts(corpus, limit) for chunk in text_chunks(text))
    entries = mine_gazetteer(chunks, min_count, min_ratio)
    write_gazetteer(entries, out)
    return len(entries), dict(Counter(label for labels in entries.values() for label in labels))
