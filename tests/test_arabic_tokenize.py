"""Tokens: codes, numbers and Latin words intact, punctuation skipped, offsets exact."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.arabic import normalize, tokenize, words
from tests.conftest import SAUDINEWSNET, seed_path

SEEDS = ("000", "001", "002", "003", "004")


def _seed(prefix: str) -> str:
    return seed_path(prefix).read_text(encoding="utf-8")


def _texts(text: str) -> list[str]:
    return [t.text for t in tokenize(text)]


def test_codes_from_seed_stay_whole() -> None:
    toks = _texts(_seed("001"))
    assert "إس.إيه22" in toks
    assert "بانتسير-إس1" in toks  # the sentence's final dot is not part of it
    assert "إس" not in toks and "إيه22" not in toks


def test_seed_000_quoted_code_and_punctuation() -> None:
    text = _seed("000")
    toks = _texts(text)
    assert "إس.إيه22" in toks  # inside "…" quotes
    assert "-124" not in toks and "124" in toks  # "أنطونوف -124": the dash is spacing
    for t in toks:
        assert not set(t) & set("«»\"()،؛؟!:,")


def test_numbers_and_latin() -> None:
    assert _texts("بلغ 3.5 مليار و1,200 جندي و٣٫٥ طن في 2015.") == [
        "بلغ", "3.5", "مليار", "و1,200", "جندي", "و٣٫٥", "طن", "في", "2015",
    ]
    assert _texts("the U.S. and F-16 jets") == ["the", "U.S", "and", "F-16", "jets"]


def test_missing_space_after_full_stop_splits_words() -> None:
    assert _texts("في سورية.وقال لافروف") == ["في", "سورية", "وقال", "لافروف"]


def test_diacritics_and_tatweel_stay_inside_tokens() -> None:
    toks = tokenize("ووصف الرد بأنه غير بنّاء في الـ24 ساعة")
    assert [t.text for t in toks][4] == "بنّاء"
    assert "الـ24" in [t.text for t in toks]


def test_seed_offsets_exact_and_words_match_tokens() -> None:
    for prefix in SEEDS:
        text = _seed(prefix)
        toks = tokenize(text)
        assert toks, prefix
        for t in toks:
            assert text[t.start:t.end] == t.text
        assert words(text) == [normalize(t.text).lower() for t in toks]


def test_words_normalize_and_lowercase() -> None:
    assert words("قال Lavrov إنّ الأسلحة «إس.إيه22»") == ["قال", "lavrov", "ان", "الاسلحه", "اس.ايه22"]


def test_saudinewsnet_sample_offsets() -> None:
    files = sorted(SAUDINEWSNET.glob("*.json"))
    if not files:
        pytest.skip("SaudiNewsNet not available")
    arts = json.loads(files[0].read_text(encoding="utf-8"))[:150]
    for art in arts:
        text = art.get("content") or ""
        prev_end = 0
        for t in tokenize(text):
            assert text[t.start:t.end] == t.text
            assert t.start >= prev_end and not any(c.isspace() for c in t.text)
            prev_end = t.end


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.one_of(st.sampled_from(list("إسيه.-,٫2 3ـَّ«»")), st.characters()), max_size=60))
def test_token_properties(text: str) -> None:
    prev_end = 0
    for t in tokenize(text):
        assert text[t.start:t.end] == t.text and t.text
        assert t.start >= prev_end
        prev_end = t.end
    words(text)  # never raises
