"""The compiled NER path (:mod:`marsad.entities._crfscore`, built by ``make setup``)
gives the pure-Python path's word scores, sentence scores and tags, float for float.

The compiled module is optional (marsad falls back to Python without it); these
tests skip where it is not built."""
from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
import pytest

from marsad.entities.crfmodel import viterbi
from marsad.entities.features import LabelScorer
from marsad.entities.ner import MODEL_DIR, MODEL_FILE, NerModel, featurizer_from, text_tokens
from marsad.entities.training import read_conll_file, split_dev
from marsad.ingest import iter_articles
from tests.conftest import SAUDINEWSNET, SEEDS, SHARED

pytest.importorskip("marsad.entities._crfscore")

MODEL = MODEL_DIR / MODEL_FILE
ANERCORP = SHARED / "data" / "anercorp" / "ANERCorp_CamelLab_train.txt"
#: Tokens the news rarely holds: Latin (cased), digits, diacritics, tatweel, long
#: words, punctuation, symbols, empty normal forms, characters beyond the BMP.
ODD = ["U.S.", "F-16", "iPhone", "NASA", "3.5", "١٢٣", "مُحَمَّد", "ـــ", "«", "،", "…", "_x_",
       "ً", "ال", "وال", "بالـمملكة", "a" * 300, "ب" * 120, "😀", "𝒜bc", "Ünïcode", "ﻷ", "ٱلله", "|", "a|b"]


def _models() -> tuple[LabelScorer, LabelScorer]:
    featurizer = featurizer_from(MODEL.parent)
    weights = NerModel(MODEL, featurizer)._weights
    compiled, plain = LabelScorer(featurizer, weights), LabelScorer(featurizer, weights, compiled=False)
    assert compiled.compiled and not plain.compiled
    return compiled, plain


def _real_words(count: int) -> list[str]:
    paths = [SEEDS, SAUDINEWSNET / "2015-07-23.json"]
    if not all(p.exists() for p in paths):
        pytest.skip("seeds or SaudiNewsNet not found")
    texts = [a.body for a in itertools.islice(iter_articles(paths), count) if not isinstance(a, Exception)]
    return list(dict.fromkeys(t.text for text in texts for t in text_tokens(text)))


def test_compiled_word_rows_are_the_python_rows() -> None:
    """Every distinct token of 100 real articles and a set of odd ones: the same five
    score rows (bit for bit) and the same normalized form as the Python featurizer's."""
    compiled, plain = _models()
    words = _real_words(100) + ODD
    assert len(words) > 8000
    compiled.learn(words)
    plain.learn(words)
    assert compiled._norms == plain._norms
    n = len(plain._norms)
    assert np.array_equal(compiled._rows[:n], plain._rows[:n])
    assert np.count_nonzero(plain._rows[:n]) > n * 20  # the rows hold real weights


def test_compiled_features_are_the_model_features_of_parts() -> None:
    """The feature ids found by hashing are those of the feature strings
    :meth:`Featurizer.parts` builds, in its order (own, near, far)."""
    compiled, plain = _models()
    attributes, lent = plain.weights.attributes, plain._neighbour_index
    for word in _real_words(20) + ODD:
        norm, own, near, far, _ = plain.featurizer.parts(word)
        expected = (
            norm,
            [i for i in map(attributes.get, own) if i is not None],
            [i for i in map(lent.get, near) if i is not None],
            [i for i in map(lent.get, far) if i is not None],
        )
        assert compiled._compiled.word_features(word) == expected, word


@pytest.mark.skipif(not ANERCORP.exists(), reason="ANERcorp not found")
def test_compiled_sentence_scores_and_tags_are_the_python_ones_on_anercorp_dev() -> None:
    """All ANERcorp dev sentences in one batch: the same state scores (bit for bit)
    and the same Viterbi paths as the numpy code, which equal python-crfsuite's tags
    (``tests/test_ner_fast.py``)."""
    compiled, plain = _models()
    _, dev = split_dev(read_conll_file(ANERCORP))
    sentences = [s.tokens for s in dev] + [[], ["واحد"]]
    fast_scores, fast_norms = compiled.scores_and_norms(sentences)
    slow_scores, slow_norms = plain.scores_and_norms(sentences)
    assert fast_norms == slow_norms
    assert all(np.array_equal(a, b) for a, b in zip(fast_scores, slow_scores, strict=True))
    paths, norms = compiled.tags_and_norms(sentences)
    assert norms == slow_norms
    assert paths == viterbi(slow_scores, plain.weights.transitions)
    assert plain.tags_and_norms(sentences)[0] == paths
    fresh, _ = _models()  # tag names from words not scored yet, and again once they are
    assert fresh.tag_names(sentences) == plain.tag_names(sentences) == fresh.tag_names(sentences)
    assert fresh.tag_names([]) == ([], [])
    assert sum(p != plain.weights.labels.index("O") for path in paths for p in path) > 1000


def test_compiled_viterbi_breaks_ties_like_crfsuite() -> None:
    """Equal scores everywhere: the first label wins at every position, as in crfsuite
    and :func:`marsad.entities.crfmodel.viterbi`."""
    compiled, plain = _models()
    rows = np.zeros((3, 5, len(plain.weights.labels)))
    ids = np.array([0, 1, 2, 2, 1], dtype=np.intp)
    lengths = np.array([3, 2], dtype=np.intp)
    scorer = compiled._compiled
    state = scorer.sentence_scores(ids, lengths, ["x"] * 5, rows, False)
    expected = viterbi(np.split(state, [3]), plain.weights.transitions)
    assert scorer.tag(ids, lengths, ["x"] * 5, rows, False).tolist() == [p for path in expected for p in path]


def _forms():
    from marsad.entities.features import word_forms

    return word_forms()


def test_compiled_word_forms_are_the_python_ones() -> None:
    """normalize, the NER's clitic split, the shape, the light stem and the clitic-free
    form of every distinct token of 150 real articles, of the odd tokens and of every
    single BMP character, compiled and in Python."""
    from marsad.arabic import normalize
    from marsad.arabic.stem import stem_and_bare
    from marsad.entities.features import _shape, strip_clitics

    forms = _forms()
    words = _real_words(150) + ODD + [chr(cp) for cp in range(1, 0xD800)] + [chr(cp) for cp in range(0xE000, 0x10000)]
    words += ["ﷺ", "ﷲ", "ﻻﻷ", "  ", "a\n", "ـ" * 5, "ً" * 3]
    for word in words:
        norm = normalize(word).lower()
        assert forms.normalize(word) == normalize(word), word
        assert forms.strip_clitics(norm) == strip_clitics(norm), word
        assert forms.shape(word) == _shape(word), word
        assert forms.stem_and_bare(word) == stem_and_bare(word), word


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="وفبلكالمنسويةهىأإآؤئءـًٌٍَُِّْٰAbZz_1٢ﻷﷺ \n!«،", max_size=10))
def test_compiled_word_forms_on_any_letters(word: str) -> None:
    from marsad.arabic import normalize
    from marsad.arabic.stem import stem_and_bare
    from marsad.entities.features import _shape, strip_clitics

    forms = _forms()
    assert forms.normalize(word) == normalize(word)
    assert forms.strip_clitics(word) == strip_clitics(word)
    assert forms.shape(word) == _shape(word)
    assert forms.stem_and_bare(word) == stem_and_bare(word)


def test_compiled_sentence_split_is_the_python_one() -> None:
    """Tokens, offsets and sentences of real bodies and of texts with every kind of
    space between tokens (tabs, no-break and em spaces, CR, form feed) and line
    breaks: the compiled split (offsets found from the previous token's end) and the
    Python scan over match objects agree."""
    from marsad.entities.ner import _sentences, _sentences_python

    paths = [SEEDS, SAUDINEWSNET / "2015-07-23.json"]
    if not all(p.exists() for p in paths):
        pytest.skip("seeds or SaudiNewsNet not found")
    texts = [a.body for a in itertools.islice(iter_articles(paths), 120) if not isinstance(a, Exception)]
    texts += ["a\tb\xa0c\u2003d\re\x0cf\x0bg\u3000h\u2028i\x85j. k", "\n \n\t\n", "  . .  ", "ـــ ــ ـ", "وو و و.و"]
    texts += ["\n".join(["كلمة"] * 450), "x " * 450, "", "؟؟؟!!!...", "U.S.A. 3.5 1,200 F-16"]
    for text in texts:
        assert _sentences(text) == _sentences_python(text)
