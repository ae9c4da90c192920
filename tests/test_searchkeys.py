"""Search keys: the spelling variants outlets use share a key; every indexed word is
findable by itself; snippets highlight original text."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.store.searchkeys import index_text, loose_key, query_keys, snippet, words

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("سوريا", "سورية"),
        ("سوريا", "بسوريا"),
        ("البنتاجون", "البنتاغون"),
        ("الامريكية", "الأميركية"),
        ("سيرجي", "سيرغي"),
        ("بوريفسورين", "بورفسورين"),
        ("أشتون", "آشتون"),
        ("مستشفى", "مستشفي"),
    ],
)
def test_variants_share_a_key(a: str, b: str) -> None:
    (ea, la), (eb, lb) = query_keys(a)[0], query_keys(b)[0]
    assert ea == eb or (la and la == lb)


@pytest.mark.parametrize(("a", "b"), [("كتاب", "كاتب"), ("وزير", "زير"), ("روسيا", "سوريا"), ("في", "من")])
def test_different_words_stay_apart(a: str, b: str) -> None:
    (ea, la), (eb, lb) = query_keys(a)[0], query_keys(b)[0]
    assert ea != eb and (not la or la != lb)


def test_one_letter_skeletons_are_not_indexed() -> None:
    assert loose_key("و") == "" and loose_key("في") == ""
    assert index_text("في و فى")[1] == ""


arabic_words = st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهويىةأإآؤئءـًٌٍَُِّْ", min_size=1, max_size=9)


@settings(max_examples=200, deadline=None)
@given(st.lists(arabic_words, min_size=1, max_size=12))
def test_every_indexed_word_is_found_by_itself(tokens: list[str]) -> None:
    text = " ".join(tokens)
    exact, loose = index_text(text)
    exact_terms, loose_terms = set(exact.split()), set(loose.split())
    for token in tokens:
        keys = query_keys(token)
        for e, lo in keys:
            assert e in exact_terms or (lo and lo in loose_terms)
        if not keys:  # only marks (e.g. a lone tatweel): nothing to search for
            continue
        hit = snippet(text, token, width=10_000)
        assert hit.highlights, (text, token)
        for s, e in hit.highlights:
            assert hit.text[s:e].strip() and hit.text[s:e] in text


def test_snippet_on_a_seed_keeps_original_spelling() -> None:
    text = (SHARED / "seeds" / "000_e0de50790ff44f58.txt").read_text(encoding="utf-8")
    hit = snippet(text, "البنتاجون سوريا", width=300)
    marked = {hit.text[s:e] for s, e in hit.highlights}
    assert "البنتاغون" in marked
    assert all(m in text for m in marked)
    assert len(hit.text) <= 302


def test_query_keys_are_bounded_and_deduplicated() -> None:
    keys = query_keys(" ".join(["سوريا"] * 3 + [f"كلمة{i}" for i in range(40)]))
    assert len(keys) == 16 and keys[0][0] == "سوريا" and [k for k, _ in keys].count("سوريا") == 1
    assert query_keys("!!! ؟؟ ...") == []
    assert words("الأميركية") == ["الاميركيه"]


SNN = SHARED / "data" / "saudinewsnet"


@pytest.mark.skipif(not SNN.is_dir(), reason="SaudiNewsNet not in ../shared/data")
def test_candidate_words_find_exactly_the_words_a_word_by_word_scan_finds() -> None:
    """The regex fast path of snippets marks the same words as checking every word,
    on real articles with queries from their own words, spelling variants, and words
    written with diacritics, tatweel, a ligature, an underscore or a dotted capital."""
    import json
    import random

    from marsad.store.searchkeys import _candidate_words, _matches, _matches_word_by_word

    rng = random.Random(5)
    odd = ["بشّار الأسـد", "الـرئيس", "سوريا", "البنتاغون", "الأميركية", "ﻻ", "ً", "test_word", "İstanbul", "ZWNJ\u200cword", "ab\u200bcd", "\u212aelvin", "Kelvin"]
    records = json.loads(sorted(SNN.glob("*.json"))[3].read_text(encoding="utf-8"))[:120]
    checked = fast = 0
    for record in records:
        text = (record.get("title") or "") + "\n" + (record.get("content") or "")
        if rng.random() < 0.3:
            text += " " + " ".join(rng.sample(odd, 4))
        tokens = text.split()
        for query in [rng.choice(tokens), " ".join(rng.sample(tokens, 2)), rng.choice(odd), "في", "السعودية", "سوريه", "وزير الخارجية"]:
            keys = query_keys(query)
            if keys:
                assert _matches(text, keys) == _matches_word_by_word(text, keys), query
                checked += 1
                fast += _candidate_words(text, keys) is not None
    assert checked > 700 and fast > checked // 2
