"""The fast NER path (per-word scores, batched Viterbi) gives the tags of the
straightforward one (every token's feature strings through python-crfsuite)."""
from __future__ import annotations

import itertools

import numpy as np
import pycrfsuite
import pytest

from marsad.entities.crfmodel import read_crfsuite, viterbi
from marsad.entities.ner import MODEL_DIR, MODEL_FILE, NerModel, featurizer_from, load_model
from marsad.entities.training import read_conll_file, split_dev
from marsad.ingest import iter_articles
from marsad.pipeline import prepare
from tests.conftest import SEEDS, SHARED

ANERCORP = SHARED / "data" / "anercorp" / "ANERCorp_CamelLab_train.txt"
MODEL = MODEL_DIR / MODEL_FILE


def test_weights_read_from_the_model_file_match_crfsuite_dump() -> None:
    """Every state and transition weight crfsuite prints (six decimals) is the one
    read from the binary file, and no other weight is non-zero."""
    weights = read_crfsuite(MODEL)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODEL))
    info = tagger.info()
    label = {name: i for i, name in enumerate(weights.labels)}
    assert set(label) == set(info.labels)
    for (attribute, tag), value in info.state_features.items():
        assert weights.state[weights.attributes[attribute], label[tag]] == pytest.approx(value, abs=1e-6)
    assert np.count_nonzero(weights.state) == len(info.state_features)
    for (before, after), value in info.transitions.items():
        assert weights.transitions[label[before], label[after]] == pytest.approx(value, abs=1e-6)


def test_viterbi_finds_the_best_path_of_each_sentence() -> None:
    """Against exhaustive search over every label path, for sentences of several
    lengths decoded in one batch."""
    rng = np.random.default_rng(7)
    transitions = rng.normal(size=(3, 3))
    scores = [rng.normal(size=(n, 3)) for n in (1, 4, 2, 5, 0, 3)]
    for sentence, path in zip(scores, viterbi(scores, transitions)):
        if not len(sentence):
            assert path == []
            continue
        def total(p: tuple[int, ...]) -> float:
            return sum(sentence[t, p[t]] for t in range(len(p))) + sum(transitions[a, b] for a, b in zip(p, p[1:]))
        best = max(itertools.product(range(3), repeat=len(sentence)), key=total)
        assert tuple(path) == best


def test_viterbi_breaks_ties_like_crfsuite() -> None:
    """Equal scores: crfsuite keeps the first (lowest) label index."""
    transitions = np.zeros((3, 3))
    assert viterbi([np.zeros((4, 3))], transitions) == [[0, 0, 0, 0]]
    scores = np.array([[0.0, 1.0, 1.0], [0.0, 0.0, 0.0]])
    assert viterbi([scores], transitions) == [[1, 0]]


@pytest.mark.skipif(not ANERCORP.exists(), reason="ANERcorp not found")
def test_fast_tags_identical_to_reference_on_anercorp_dev() -> None:
    """The committed model's tags of every ANERcorp dev sentence (the last 10 %),
    batched and one sentence at a time, equal python-crfsuite's from feature strings."""
    _, dev = split_dev(read_conll_file(ANERCORP))
    model = NerModel(MODEL, featurizer_from(MODEL.parent))
    assert model._scorer is not None
    sentences = [s.tokens for s in dev]
    reference = [model.tag_reference(tokens) for tokens in sentences]
    assert sum(t != "O" for tags in reference for t in tags) > 1000  # the model tags names
    assert model.tag_sentences(sentences) == reference
    assert [model.tag(tokens) for tokens in sentences[:50]] == reference[:50]


def test_fast_mentions_identical_to_reference_on_seeds() -> None:
    """Whole-article mentions (harmonized) of the seeds are the same either way."""
    if not SEEDS.is_dir():
        pytest.skip("seed articles not found")
    model = load_model()
    articles = [prepare(a) for a in iter_articles([SEEDS]) if not isinstance(a, Exception)]
    fast = [model.mentions(a.id, a.clean_text) for a in articles]
    reference_model = NerModel(MODEL, featurizer_from(MODEL.parent))
    reference_model._scorer = None  # every sentence through python-crfsuite
    reference = [reference_model.mentions(a.id, a.clean_text) for a in articles]
    assert sum(map(len, fast)) > 50
    assert fast == reference
    assert model.mentions_many([(a.id, a.clean_text) for a in articles]) == reference


@pytest.mark.skipif(not ANERCORP.exists(), reason="ANERcorp not found")
def test_words_learned_ahead_give_the_same_tags_and_survive_cache_trims() -> None:
    """A model that learned the dev vocabulary ahead (as the digest's parent process
    does before forking taggers), with a word cache so small that tagging trims it
    again and again, tags the dev sentences as python-crfsuite does; the learned words
    stay cached through the trims."""
    _, dev = split_dev(read_conll_file(ANERCORP))
    sentences = [s.tokens for s in dev]
    model = NerModel(MODEL, featurizer_from(MODEL.parent))
    scorer = model._scorer
    assert scorer is not None
    scorer.limit = 400
    learned = model.learn_words(" ".join(tokens) for tokens in sentences)
    assert learned == 200
    kept = dict(scorer._ids)
    reference = [model.tag_reference(tokens) for tokens in sentences]
    tagged = [tags for start in range(0, len(sentences), 20) for tags in model.tag_sentences(sentences[start:start + 20])]
    assert tagged == reference
    assert all(scorer._ids.get(word) == ident for word, ident in kept.items())
    model.forget_words()
    assert not scorer._ids


def _row_one_word_at_a_time(scorer, word: str) -> np.ndarray:
    """A word's five score rows the plain way: its feature strings looked up and
    summed with one numpy reduction per row (as the scorer did word by word)."""
    norm, own, near, far, _ = scorer.featurizer.parts(word)
    row = np.zeros((5, len(scorer.weights.labels)))
    row[0] = scorer._score(own)
    lent = scorer._neighbour_index
    found = [i for i in map(lent.get, far) if i is not None]
    if found:
        sums = np.add.reduce(scorer._neighbour_rows[found], axis=0)
        row[1], row[4] = sums[0], sums[3]
    found = [i for i in map(lent.get, near) if i is not None]
    if found:
        sums = np.add.reduce(scorer._neighbour_rows[found], axis=0)
        row[2], row[3] = sums[1], sums[2]
    return row


def test_words_scored_together_have_the_rows_of_one_at_a_time() -> None:
    """New words are scored in batches (learned ahead, or met in a text); each word's
    rows are the very floats of scoring it alone, also for words scored after a cache
    trim reuses old rows (a word lending its neighbours nothing gets zeros, not what the
    trimmed word left there)."""
    from tests.conftest import SAUDINEWSNET

    paths = [SEEDS, SAUDINEWSNET / "2015-07-23.json"]
    if not all(p.exists() for p in paths):
        pytest.skip("seeds or SaudiNewsNet not found")
    from marsad.entities.ner import text_tokens

    texts = [a.body for a in itertools.islice(iter_articles(paths), 60) if not isinstance(a, Exception)]
    words = list(dict.fromkeys(t.text for text in texts for t in text_tokens(text)))
    assert len(words) > 5000
    model = NerModel(MODEL, featurizer_from(MODEL.parent))
    scorer = model._scorer
    assert scorer is not None
    scorer.limit = 1500
    scorer.learn(words[:1000])
    for start in range(1000, len(words), 300):  # past the limit: trimmed, rows reused
        scorer.scores([words[start:start + 300]])
        for word in words[start:start + 300]:
            assert np.array_equal(scorer._rows[scorer._ids[word]], _row_one_word_at_a_time(scorer, word)), word
    for word in words[:1000]:
        assert np.array_equal(scorer._rows[scorer._ids[word]], _row_one_word_at_a_time(scorer, word)), word


def _text_tokens_by_gaps(text: str) -> list[tuple[str, int, int]]:
    """The straightforward definition: the tokenizer's words, and each non-space
    character of the gaps between them."""
    import re

    from marsad.arabic import tokenize

    punct = re.compile(r"[^\s]")
    out: list[tuple[str, int, int]] = []
    pos = 0
    for tok in tokenize(text):
        out.extend((m.group(), m.start(), m.end()) for m in punct.finditer(text, pos, tok.start))
        out.append((tok.text, tok.start, tok.end))
        pos = tok.end
    out.extend((m.group(), m.start(), m.end()) for m in punct.finditer(text, pos))
    return out


def test_text_tokens_are_the_words_and_the_punctuation_between_them() -> None:
    """One scan gives the tokenizer's words and every non-space character between them,
    on the seeds and SaudiNewsNet articles (tatweel dashes, Latin initials, decimals,
    hyphen compounds and punctuation runs included)."""
    from tests.conftest import SAUDINEWSNET

    paths = [SEEDS, SAUDINEWSNET / "2015-07-23.json"]
    if not all(p.exists() for p in paths):
        pytest.skip("seeds or SaudiNewsNet not found")
    from marsad.entities.ner import text_tokens

    texts = [a.body for a in itertools.islice(iter_articles(paths), 80) if not isinstance(a, Exception)]
    texts.append("U.S. و F-16 ـــ 3.5٪ «قال»، (إس.إيه22)… _x_ ١,٢٠٠!!")
    for text in texts:
        assert [(t.text, t.start, t.end) for t in text_tokens(text)] == _text_tokens_by_gaps(text)


def _sentences_by_tokens(text: str) -> list[tuple[list[str], list[int], list[int]]]:
    """The straightforward split: :func:`text_tokens`, a new sentence after . ؟ ? !,
    where the gap since the last token holds a line break, and after 200 tokens."""
    from marsad.entities.ner import text_tokens

    out: list[list] = []
    current: list = []
    for tok in text_tokens(text):
        if current and (len(current) >= 200 or "\n" in text[current[-1].end:tok.start]):
            out.append(current)
            current = []
        current.append(tok)
        if tok.text in ".؟?!":
            out.append(current)
            current = []
    if current:
        out.append(current)
    return [([t.text for t in s], [t.start for t in s], [t.end for t in s]) for s in out]


def test_sentences_to_tag_are_the_token_split() -> None:
    """The one-scan split NER tags by gives the tokens, offsets and sentences of the
    straightforward split, on the seeds, SaudiNewsNet bodies and odd line breaks."""
    from tests.conftest import SAUDINEWSNET

    paths = [SEEDS, SAUDINEWSNET / "2015-07-23.json"]
    if not all(p.exists() for p in paths):
        pytest.skip("seeds or SaudiNewsNet not found")
    from marsad.entities.ner import _sentences

    texts = [a.body for a in itertools.islice(iter_articles(paths), 80) if not isinstance(a, Exception)]
    texts += ["\n".join(["كلمة"] * 450), "a\r\nb. c\n\n d؟\n", "", "\n", " «قال» ...\nU.S. F-16!! ok", "x " * 450]
    assert sum(len(_sentences(t)) for t in texts) > 500
    for text in texts:
        assert _sentences(text) == _sentences_by_tokens(text)
