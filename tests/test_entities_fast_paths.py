"""Shortcuts of the canonical-entities stage read real text exactly as the
straightforward code did."""
from __future__ import annotations

import itertools

import pytest

from marsad.entities.features import CONJ_PREP_PREFIXES
from marsad.entities.name_list import _PROCLITIC_FIRST, _WORD_RE, _listed_matches, _proclitic_cuts, _spell, _written_at, index_names, load_names
from marsad.entities.roles import words_of, words_to
from marsad.ingest import IngestError, iter_articles
from marsad.pipeline import prepare
from tests.conftest import SAUDINEWSNET, SEEDS


def _texts(limit: int = 25) -> list[str]:
    paths = [SEEDS, SAUDINEWSNET / "2015-07-23.json"]
    if not all(p.exists() for p in paths):
        pytest.skip("seeds or SaudiNewsNet not found")
    return [prepare(a).clean_text for a in itertools.islice(iter_articles(paths), limit) if not isinstance(a, IngestError)]


def test_words_to_gives_the_whole_texts_tokens_before_every_offset() -> None:
    """For every character of real articles (line breaks, punctuation, digits,
    hyphenated and dotted tokens): the window's tokens are the whole text's, at least
    eight of them before the one containing the offset (or all from the start)."""
    checked = 0
    for text in _texts():
        whole = words_of(text)
        by_offset = {o: n for n, w in enumerate(whole) for o in range(w.start, w.end)}
        for offset in range(0, len(text), 7):
            window, index = words_to(text, offset)
            n = by_offset.get(offset)
            assert (index is None) == (n is None)
            if n is None:
                continue
            assert window[index] == whole[n]
            assert index >= min(8, n)
            assert window == whole[n - index:n + 1]
            checked += 1
    assert checked > 5000


def test_proclitic_cuts_equal_every_prefix_reading() -> None:
    """The cut points equal the plain scan of every proclitic on every word."""
    for text in _texts():
        for token in (m.group() for m in _WORD_RE.finditer(text)):
            plain = (0, *(len(p) for p in CONJ_PREP_PREFIXES if token.startswith(p) and len(token) - len(p) >= 3))
            assert _proclitic_cuts(token) == plain


def _plain_listed_matches(text: str, index: dict) -> list[tuple[int, str, str]]:
    """The scan word by word, every candidate of every reading tried in turn with
    :func:`_written_at` (what the scan did before its per-word memo)."""
    out = []
    for word in _WORD_RE.finditer(text):
        token = word.group()
        readings = [0] if token[:1] not in _PROCLITIC_FIRST else list(_proclitic_cuts(token))
        for offset in readings:
            candidates = index.get(_spell(token[offset:]))
            hit = next((c for c in candidates or () if _written_at(text, word.start() + offset, c[0])), None)
            if hit is not None:
                out.append((word.start() + offset, hit[0], hit[1]))
                break
    return out


def test_listed_name_scan_finds_what_the_plain_scan_finds() -> None:
    """The committed list over real articles, and a list whose names share first
    words, lengths and spellings (الأحساء/الاحساء, a one-word name that is a function
    word in another spelling): the same occurrences, names and types."""
    texts = _texts(60)
    committed = index_names(load_names())
    found = 0
    for text in texts:
        fast = list(_listed_matches(text, committed))
        assert fast == _plain_listed_matches(text, committed)
        found += len(fast)
    assert found > 100
    crafted = index_names({"الأحساء": "LOC", "الاحساء": "ORG", "أنك": "LOC", "مجلس التعاون": "ORG",
                           "مجلس الأمن": "ORG", "مجلس الامن الدولي": "ORG", "مجلس": "ORG", "تويتر": "ORG"})
    text = "في الاحساء وبالأحساء إنك أنك ومجلس الأمن الدولي ولمجلس الامن ومجلس التعاون، مجلسا تويتر1 وتويتر."
    assert list(_listed_matches(text, crafted)) == _plain_listed_matches(text, crafted)
    for text in texts[:10]:
        assert list(_listed_matches(text, crafted)) == _plain_listed_matches(text, crafted)


def test_alias_cue_hints_are_in_every_cue_and_the_cues_are_found_alike() -> None:
    """stated_aliases searches an article for alias cues only when it holds one of
    the cue words: every alternative of the cue pattern holds one (so no cue is
    missed), and on real articles the pairs are those of the plain search."""
    import re

    from marsad.entities import canonical
    from tests.regex_hints import always_holds, parsed

    def has_hint(run: str) -> bool:
        return any(h in run for h in canonical._ALIAS_CUE_HINTS)

    assert always_holds(parsed(canonical._ALIAS_CUE_RE), has_hint)
    assert always_holds(parsed(canonical._PAREN_RE), lambda run: "(" in run)  # an article without one is skipped
    assert not always_holds(parsed(re.compile(canonical._ALIAS_CUE_RE.pattern + "|ويدعى")), has_hint)
    texts = _texts(60) + ["أطلق الجيش صاروخ إس.إيه22 واسمه باللغة الروسية بانتسير-إس1 على الهدف."]
    for text in texts:
        assert bool(canonical._ALIAS_CUE_RE.search(text)) <= any(h in text for h in canonical._ALIAS_CUE_HINTS)
    pairs, new = canonical.stated_aliases("x", texts[-1], [])
    assert pairs and new[-1].text == "بانتسير-إس1"


def test_mentions_are_rebuilt_with_every_field() -> None:
    """canonicalize builds each output mention from its six fields (not
    dataclasses.replace): a new Mention field must be passed there too."""
    import dataclasses

    from marsad.model import Mention

    assert [f.name for f in dataclasses.fields(Mention)] == ["article_id", "start", "end", "text", "type", "entity_id"]


def test_token_at_is_the_whole_texts_token_starting_or_ending_there() -> None:
    """stated_aliases reads the untagged word on either side of a cue from a few
    words around it: at every offset of real articles, the token starting (ending)
    there is the whole text's, or None where none does."""
    from marsad.entities.canonical import _token_at

    checked = 0
    for text in _texts(15):
        whole = words_of(text)
        starting = {w.start: w for w in whole}
        ending = {w.end: w for w in whole}
        for offset in range(0, len(text) + 1, 3):
            assert _token_at(text, offset, start=offset) == starting.get(offset)
            assert _token_at(text, offset - 1, end=offset) == ending.get(offset)
            checked += offset in starting
    assert checked > 300
