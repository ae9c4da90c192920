"""Named-entity recognition (PER, ORG, LOC, MISC) for Arabic news: a linear-chain CRF.

Trained in this repository from ANERcorp (``marsad train ner``) with python-crfsuite
over the features of :mod:`marsad.entities.features`; the small trained artifact is
committed under ``marsad/entities/models/`` and loaded offline by :func:`load_model`.

Public API:

* :func:`train` — fit a CRF on tagged sentences, write the model file;
* :func:`load_model` — the committed model (cached), or one from a path;
* :func:`tag_tokens` — BIO tags for a list of token strings;
* :func:`extract_mentions` — :class:`~marsad.model.Mention` records with exact
  character offsets into an article's text.

Tokens for tagging: ANERcorp keeps punctuation as tokens (``،`` ``.`` ``«``), while
:func:`marsad.arabic.tokenize` skips it; :func:`text_tokens` adds the punctuation back
from the gaps between words, so the model sees text the way it was trained and every
token keeps its offsets. Text is tagged one sentence at a time (split after ``.``
``؟`` ``!`` and at line breaks), like the training sentences; then
:func:`marsad.entities.consistency.harmonize` makes each name's type agree across
the whole text and tags its missed repetitions.

Resources beside the model file: ``clusters.txt`` (word clusters, built by
``marsad train clusters``), ``features.json`` (the featurizer switches it was trained
with) and, optionally, ``gazetteer.txt`` (``marsad train gazetteer``) and
``vectors.npz`` (``marsad train vectors``; read only when the switches use vectors).
"""
from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pycrfsuite

from marsad.arabic import Token
from marsad.arabic.tokenize import TOKEN_RE
from marsad.entities.clusters import load_clusters
from marsad.entities.conll import TaggedSentence, chunks
from marsad.entities.consistency import harmonize
from marsad.entities.crfmodel import read_crfsuite
from marsad.entities.features import Featurizer, LabelScorer
from marsad.entities.gazetteer import load_gazetteer
from marsad.entities.vectors import load_vectors
from marsad.model import Mention

__all__ = [
    "CrfParams",
    "NerModel",
    "train",
    "load_model",
    "tag_tokens",
    "text_tokens",
    "extract_mentions",
    "extract_mentions_many",
    "MODEL_DIR",
]

#: Where the committed artifacts live (package data).
MODEL_DIR = Path(str(resources.files("marsad.entities") / "models"))
MODEL_FILE = "ner.crfsuite"
CLUSTERS_FILE = "clusters.txt"
GAZETTEER_FILE = "gazetteer.txt"
#: Dense word vectors (``marsad train vectors``), read only when the features use them.
VECTORS_FILE = "vectors.npz"
#: Featurizer switches the model was trained with (JSON object of
#: :class:`~marsad.entities.features.Featurizer` fields), written by training.
FEATURES_FILE = "features.json"
#: What ``marsad train ner`` uses (chosen on dev; see BENCHMARKS.md).
DEFAULT_FEATURES: dict[str, object] = {
    "affix4": True,
    "context_affixes": False,
    "bigrams": True,
    "light_stem": 2,
    "vector_bins": 1.0,
    "char_ngrams": 3,
}

#: A word of the tokenizer, else one non-space character (a punctuation token).
_WORD_OR_PUNCT_RE = re.compile(f"(?:{TOKEN_RE.pattern}\n)|[^\\s]", TOKEN_RE.flags)
#: The same tokens, and each line break (which ends a sentence) as a match of its own.
_TOKEN_OR_BREAK_RE = re.compile(f"{_WORD_OR_PUNCT_RE.pattern}|\\n", TOKEN_RE.flags)
_SENTENCE_END = frozenset(".؟?!")
#: Longest token run tagged at once; a sentence longer than this (a run-on paragraph
#: without full stops) is cut, which costs at most a boundary effect.
_MAX_SENTENCE = 200

try:
    from marsad.entities._crfscore import split_tokens as _split_tokens
except ImportError:  # not built: the same split in Python
    _split_tokens = None


@dataclass(slots=True, frozen=True)
class CrfParams:
    """L-BFGS training parameters of crfsuite (L1 ``c1``, L2 ``c2``)."""

    c1: float = 0.05
    c2: float = 0.05
    max_iterations: int = 150
    min_freq: int = 1


class NerModel:
    """A trained CRF plus the featurizer (clusters, gazetteer) it was trained with."""

    def __init__(self, model_path: Path, featurizer: Featurizer) -> None:
        self.path = model_path
        self.featurizer = featurizer
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(model_path))
        # The fast path: the same model's weights as arrays, features scored once per
        # distinct word, all sentences of a text decoded together (same tags).
        self._weights = read_crfsuite(model_path)
        self._scorer = LabelScorer(featurizer, self._weights) if LabelScorer.supports(featurizer) else None

    def learn_words(self, texts: Iterable[str], share: float = 0.5) -> int:
        """Score the repeated words of ``texts`` ahead of tagging, most frequent first,
        up to ``share`` of the word cache (the rest stays free for what tagging meets).
        Done in a parent before forking tagger processes, the scores are computed once
        and shared, not once per process. Returns how many words were learned."""
        if self._scorer is None:
            return 0
        counts: Counter[str] = Counter()
        for text in texts:
            counts.update(TOKEN_RE.findall(text))
        # a word of one article is scored by the one process that tags it: only words
        # seen twice or more would be scored again in another process
        chosen = [word for word, n in counts.most_common(int(self._scorer.limit * share)) if n >= 2]
        self._scorer.learn(chosen)
        return len(chosen)

    def forget_words(self) -> None:
        """Free the word cache (after a corpus is tagged)."""
        if self._scorer is not None:
            self._scorer.forget()

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """BIO tags (``B-PER``, ``I-LOC``, ``O`` …) of one sentence's tokens."""
        return self.tag_sentences([tokens])[0]

    def tag_sentences(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """BIO tags of each sentence: those of :meth:`tag_reference`, computed from
        per-word scores and a batched Viterbi when the featurizer allows."""
        return self._tag_and_normalize(sentences)[0]

    def _tag_and_normalize(self, sentences: Sequence[Sequence[str]]) -> tuple[list[list[str]], list[list[str]] | None]:
        """:meth:`tag_sentences`, and each token's normalized form where the fast path
        has them (else None): :func:`harmonize` matches on those."""
        if self._scorer is None:
            return [self.tag_reference(tokens) for tokens in sentences], None
        return self._scorer.tag_names(sentences)

    def tag_reference(self, tokens: Sequence[str]) -> list[str]:
        """BIO tags of one sentence the straightforward way: every token's feature
        strings (:meth:`Featurizer.sentence`) through python-crfsuite's tagger."""
        if not tokens:
            return []
        return list(self._tagger.tag(self.featurizer.sentence(tokens)))

    def mentions(self, article_id: str, text: str, consistent: bool = True) -> list[Mention]:
        """Entity mentions of ``text`` with character offsets into it.

        With ``consistent`` (the default) the whole text is treated as one document
        and :func:`marsad.entities.consistency.harmonize` makes a name's type agree
        across its sentences and tags its missed repetitions.
        """
        return self.mentions_many([(article_id, text)], consistent)[0]

    def mentions_many(self, texts: Sequence[tuple[str, str]], consistent: bool = True) -> list[list[Mention]]:
        """:meth:`mentions` of each ``(article id, text)``; the sentences of all texts
        are tagged in one batch (same mentions, less overhead per text)."""
        split = [_sentences(text) for _, text in texts]
        words = [[sentence[0] for sentence in sentences] for sentences in split]
        all_tags, all_normed = self._tag_and_normalize([w for doc in words for w in doc])
        flat_tags = iter(all_tags)
        flat_normed = iter(all_normed) if all_normed is not None else None
        out: list[list[Mention]] = []
        for (article_id, text), sentences, doc_words in zip(texts, split, words):
            tags = [next(flat_tags) for _ in doc_words]
            normed = [next(flat_normed) for _ in doc_words] if flat_normed is not None else None
            if consistent:
                tags = harmonize(doc_words, tags, normed=normed)
            found: list[Mention] = []
            for (_, starts, ends), sentence_tags in zip(sentences, tags):
                for kind, start, end in chunks(sentence_tags):
                    span = text[starts[start]:ends[end - 1]]
                    if not any(ch.isalnum() for ch in span):
                        continue
                    found.append(Mention(article_id, starts[start], ends[end - 1], span, kind))  # type: ignore[arg-type]
            out.append(found)
        return out


def text_tokens(text: str) -> list[Token]:
    """Words (:func:`marsad.arabic.tokenize`) plus every punctuation character between
    them as its own token, all with offsets into ``text``: one scan that takes a word
    where the tokenizer would and else one non-space character."""
    return [Token(m.group(), m.start(), m.end()) for m in _WORD_OR_PUNCT_RE.finditer(text)]


#: A sentence to tag: its tokens (:func:`text_tokens`' texts), their start and end offsets.
_Sentence = tuple[list[str], list[int], list[int]]


def _sentences(text: str) -> list[_Sentence]:
    """:func:`text_tokens` of ``text`` split after sentence-final punctuation and at
    line breaks (and after :data:`_MAX_SENTENCE` tokens), in one scan that keeps no
    token objects (compiled where :mod:`marsad.entities._crfscore` is built)."""
    if _split_tokens is not None:
        return _split_tokens(text, _TOKEN_OR_BREAK_RE.findall(text), _SENTENCE_END, _MAX_SENTENCE)
    return _sentences_python(text)


def _sentences_python(text: str) -> list[_Sentence]:
    """:func:`_sentences` in Python."""
    out: list[_Sentence] = []
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    line_break = False
    for match in _TOKEN_OR_BREAK_RE.finditer(text):
        word = match.group()
        if word == "\n":
            line_break = True
            continue
        if words and (line_break or len(words) >= _MAX_SENTENCE):
            out.append((words, starts, ends))
            words, starts, ends = [], [], []
        line_break = False
        start, end = match.span()
        words.append(word)
        starts.append(start)
        ends.append(end)
        if word in _SENTENCE_END:
            out.append((words, starts, ends))
            words, starts, ends = [], [], []
    if words:
        out.append((words, starts, ends))
    return out


def train(
    sentences: Sequence[TaggedSentence],
    out_path: Path,
    featurizer: Featurizer,
    params: CrfParams = CrfParams(),
) -> Path:
    """Fit a CRF on ``sentences`` and write it to ``out_path``; returns the path.

    Deterministic: crfsuite's L-BFGS has no randomness, so the same data, features and
    parameters give the same model.
    """
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    for sentence in sentences:
        trainer.append(featurizer.sentence(sentence.tokens), sentence.tags)
    trainer.set_params(
        {
            "c1": params.c1,
            "c2": params.c2,
            "max_iterations": params.max_iterations,
            "feature.minfreq": params.min_freq,
            "feature.possible_transitions": True,
        }
    )
    out_path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out_path))
    return out_path


def featurizer_from(model_dir: Path, options: dict[str, object] | None = None) -> Featurizer:
    """The featurizer a model in ``model_dir`` was trained with: its switches from
    ``features.json`` (or ``options`` when given, for training), its clusters and
    gazetteer from the files beside it."""
    clusters_path = model_dir / CLUSTERS_FILE
    gazetteer_path = model_dir / GAZETTEER_FILE
    features_path = model_dir / FEATURES_FILE
    if options is None:
        options = json.loads(features_path.read_text(encoding="utf-8")) if features_path.exists() else {}
    vectors_path = model_dir / VECTORS_FILE
    uses_vectors = bool(options.get("dense") or options.get("vector_bins"))
    if uses_vectors and not vectors_path.exists():
        raise FileNotFoundError(f"word vectors not found: {vectors_path} (run `marsad train vectors`)")
    return Featurizer(
        clusters=load_clusters(clusters_path) if clusters_path.exists() else {},
        gazetteer=load_gazetteer(gazetteer_path) if gazetteer_path.exists() else {},
        vectors=load_vectors(vectors_path) if uses_vectors else {},
        **options,  # type: ignore[arg-type]
    )


@lru_cache(maxsize=4)
def load_model(model_path: Path | None = None) -> NerModel:
    """The committed NER model (or the one at ``model_path``), loaded once.

    Resources are read from the model's directory; a missing model file raises
    ``FileNotFoundError`` naming it.
    """
    path = Path(model_path) if model_path is not None else MODEL_DIR / MODEL_FILE
    if not path.exists():
        raise FileNotFoundError(f"NER model not found: {path} (run `marsad train ner`)")
    return NerModel(path, featurizer_from(path.parent))


def tag_tokens(tokens: list[str]) -> list[str]:
    """BIO tags (PER/ORG/LOC/MISC) of one sentence's tokens, with the committed model."""
    return load_model().tag(tokens)


def extract_mentions(article_id: str, text: str) -> list[Mention]:
    """Named-entity mentions of ``text`` (an article's clean text), offsets into it."""
    return load_model().mentions(article_id, text)


def extract_mentions_many(texts: Sequence[tuple[str, str]]) -> list[list[Mention]]:
    """:func:`extract_mentions` of each ``(article id, clean text)``, tagged in one batch."""
    return load_model().mentions_many(texts)
