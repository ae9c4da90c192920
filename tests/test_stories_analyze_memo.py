"""The story analyzer's per-word memo reads every word as the plain loop does."""
from __future__ import annotations

import itertools

import pytest

from marsad.arabic.lexicons import STOPWORDS
from marsad.arabic.tokenize import words
from marsad.ingest import IngestError, iter_articles
from marsad.stories import analyze as module
from tests.conftest import SAUDINEWSNET, SEEDS


def _plain(title: str | None, text: str) -> tuple[list[str], list[str]]:
    terms, numbers = [], []
    for part, repeat in ((title or "", 2), (text, 1)):
        for word in words(part):
            if module._DIGIT_RE.search(word):
                if repeat == 1 and module._is_identifying_number(word):
                    numbers.append(word)
                continue
            if len(word) < 2 or word in STOPWORDS:
                continue
            terms.extend([module.stem_word(word)] * repeat)
    return terms, numbers


def test_memo_terms_and_numbers_equal_the_plain_loop() -> None:
    """Terms (title words twice) and identifying numbers of real articles, read cold
    and then from the memo, equal the word-by-word reading."""
    paths = [SEEDS, SAUDINEWSNET / "2015-07-23.json"]
    if not all(p.exists() for p in paths):
        pytest.skip("seeds or SaudiNewsNet not found")
    articles = [a for a in itertools.islice(iter_articles(paths), 80) if not isinstance(a, IngestError)]
    module._WORD_KINDS.clear()
    for _ in range(2):
        for a in articles:
            found = module.analyze(a.title, a.body)
            terms, numbers = _plain(a.title, a.body)
            assert list(found.terms) == terms and list(found.numbers) == numbers
    assert sum(len(module.analyze(a.title, a.body).numbers) for a in articles) > 20
