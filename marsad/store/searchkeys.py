"""Search keys for Arabic full-text search, and snippets that highlight the original.

Full-text indexes (SQLite FTS5, PostgreSQL tsvector) see whitespace-separated terms;
this module decides which terms. Every word gets two keys:

* the **exact key**: :func:`marsad.arabic.normalize.normalize`, lower-cased — hamza on
  alef, ta marbuta/heh, alef maqsura, diacritics and tatweel no longer matter
  (الأمريكية = الامريكيه);
* the **loose key**: a light stem of the exact key — leading definite article and
  conjunction/preposition clitics (ال، وال، بال، لل، و، ب …) dropped, every ي after
  the first letter dropped (transliterations move or omit it: أمريكا/أميركا,
  بوريفسورين/بورفسورين), one final ه or ا dropped (سورية/سوريا), and غ folded to ج
  (the two ways Arabic writes a foreign "g"). So ``سوريا``/``سورية`` → ``سور``,
  ``البنتاجون``/``البنتاغون`` → ``بنتاجون``, ``الامريكية``/``الأميركية`` → ``امرك``.
  Alef and waw are kept: dropping them too would merge far more unrelated words.

A query word matches a document word when either key matches; ranking weights exact
matches far above loose ones (see the stores), so the loose key adds recall for the
spelling variants that outlets really use without burying exact hits.

Snippets are cut from the ORIGINAL clean text: each original word is normalized on
its own (cached) and matched on either key, so highlights are original-text spans and
what the reader sees is never normalized text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from marsad.arabic.normalize import normalize

__all__ = ["Snippet", "index_text", "loose_key", "query_keys", "snippet", "words"]

#: A run of letters/digits; underscores split (as in FTS5's unicode61 tokenizer).
_WORD_RE = re.compile(r"[^\W_]+")
#: Proclitic + definite article, longest first (normalized spelling: no hamza).
_ARTICLE_PREFIXES = ("وبال", "وال", "بال", "كال", "فال", "لل", "ال")
_CLITIC_PREFIXES = ("و", "ف", "ب", "ل", "ك")
_YEH_RE = re.compile(r"(?<=.)ي")
_GHAIN = str.maketrans({"غ": "ج"})
#: Skeletons shorter than this are too ambiguous to index (و، في، من → nothing).
_MIN_LOOSE = 2
_MAX_TERMS_PER_QUERY = 16


def words(text: str) -> list[str]:
    """Exact keys of the words of ``text`` (normalized, lower-cased), in order."""
    return _WORD_RE.findall(normalize(text).lower())


@lru_cache(maxsize=262_144)
def loose_key(word: str) -> str:
    """The loose key of one exact key ('' when the word is too short to have one).

    Cached: news vocabulary is Zipfian, so most calls are repeats (indexing 400
    SaudiNewsNet articles took 2.1 s uncached, 0.7 s cached).
    """
    w = word
    stripped = False
    for prefix in _ARTICLE_PREFIXES:
        if w.startswith(prefix) and len(w) - len(prefix) >= 2:
            w = w[len(prefix):]
            stripped = True
            break
    if not stripped:
        for prefix in _CLITIC_PREFIXES:
            if w.startswith(prefix) and len(w) - 1 >= 5:
                w = w[1:]
                break
    w = _YEH_RE.sub("", w.translate(_GHAIN))
    if len(w) > 2 and w[-1] in "ها":
        w = w[:-1]
    return w if len(w) >= _MIN_LOOSE else ""


def index_text(text: str) -> tuple[str, str]:
    """``(exact, loose)``: the two space-separated term strings to index for ``text``."""
    exact = words(text)
    loose = [k for k in map(loose_key, exact) if k]
    return " ".join(exact), " ".join(loose)


def query_keys(query: str) -> list[tuple[str, str]]:
    """``(exact, loose)`` per query word (loose may be ''); at most 16 words.

    Duplicates are dropped; every word is required (AND), either key may match (OR).
    """
    seen: set[str] = set()
    keys: list[tuple[str, str]] = []
    for word in words(query):
        if word in seen:
            continue
        seen.add(word)
        keys.append((word, loose_key(word)))
        if len(keys) >= _MAX_TERMS_PER_QUERY:
            break
    return keys


@dataclass(slots=True)
class Snippet:
    """A window of original text; ``highlights`` are ``[start, end)`` into ``text``."""

    text: str
    highlights: list[tuple[int, int]]


#: A word of ORIGINAL text: letters/digits plus the marks and invisible joiners that
#: normalization deletes (diacritics, tatweel, ZWJ/ZWNJ), so one original word is one
#: match even when written بشّار or الـرئيس.
_ORIGINAL_WORD_RE = re.compile(r"[^\W_][\w\u0610-\u061a\u064b-\u065f\u0670\u0640\u200c\u200d\u06d6-\u06ed]*")


@lru_cache(maxsize=262_144)
def _word_keys(token: str) -> tuple[frozenset[str], frozenset[str]]:
    """Exact and loose keys of one original word (usually one of each)."""
    exact = frozenset(words(token))
    return exact, frozenset(k for k in map(loose_key, exact) if k)


def _matches(text: str, keys: list[tuple[str, str]]) -> list[tuple[int, int, int]]:
    """``(start, end, weight)`` of the words of ``text`` matching a query key, as
    original-text spans; weight 3 for an exact-key match, 1 for a loose one.

    The fast path (:func:`_candidate_words`) finds the few words that can match with
    one regex pass in C and checks only those; text it cannot map falls back to
    :func:`_matches_word_by_word`. Both give the same spans (a test compares them).
    """
    if not keys or not text:
        return []
    candidates = _candidate_words(text, keys)
    if candidates is None:
        return _matches_word_by_word(text, keys)
    spans: list[tuple[int, int, int]] = []
    for start, end in candidates:
        weight = _weight(text[start:end], keys)
        if weight:
            spans.append((start, end, weight))
    return spans


def _matches_word_by_word(text: str, keys: list[tuple[str, str]]) -> list[tuple[int, int, int]]:
    """:func:`_matches` over every word of ``text`` with cached per-word keys (10×
    faster than normalizing the whole text with offsets, a per-character Python loop;
    still ~2 µs a word, most of a search's time before the fast path)."""
    spans: list[tuple[int, int, int]] = []
    for m in _ORIGINAL_WORD_RE.finditer(text):
        weight = _weight(m.group(), keys)
        if weight:
            spans.append((m.start(), m.end(), weight))
    return spans


def _weight(token: str, keys: list[tuple[str, str]]) -> int:
    """3 when an exact key of ``token`` is a query word's, 1 for a loose key, else 0."""
    word_exact, word_loose = _word_keys(token)
    for exact, _ in keys:
        if exact in word_exact:
            return 3
    for _, loose in keys:
        if loose and loose in word_loose:
            return 1
    return 0


@lru_cache(maxsize=1)
def _spellings() -> tuple[dict[str, str], str, re.Pattern[str]]:
    """From the normalizer's own per-character table and Unicode's lower case: each
    key character's original spellings as a regex class (ا ← أ إ آ …, k ← K K), the class of the characters
    normalization deletes (diacritics, tatweel, zero-width marks), and the characters
    no class can stand for (ligatures that expand to two letters; ``_``, which splits
    one original word into two keys)."""
    from marsad.arabic.normalize import _TABLE

    spellings: dict[str, set[str]] = {}
    deleted: list[str] = []
    # "_" splits one original word into two keys; İ is the one letter whose lower case
    # is two characters (so offsets in the lowered text would drift).
    unmappable = ["_", "\u0130"]
    for code, value in _TABLE.items():
        if len(value) == 1:
            spellings.setdefault(value, {value}).add(chr(code))
        elif not value:
            deleted.append(chr(code))
        else:
            unmappable.append(chr(code))
    for code in range(0x110000):  # upper-case spellings: K, and the Kelvin sign K, for k
        char = chr(code)
        lower = char.lower()
        if lower != char and len(lower) == 1:
            spellings.setdefault(lower, {lower}).add(char)
    classes = {c: "[" + "".join(re.escape(x) for x in sorted(v)) + "]" for c, v in spellings.items()}
    return classes, "".join(re.escape(c) for c in deleted), re.compile("[" + "".join(re.escape(c) for c in unmappable) + "]")


@lru_cache(maxsize=4096)
def _candidate_re(keys: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    """Where, in ORIGINAL text, a word that can match a key has a hit.

    A word whose exact key is ``e`` spells e's letters (in any original spelling) with
    only deleted characters between them; one whose loose key is ``l`` spells l's
    letters with deleted characters or ي between them (the loose key drops ي after its
    first letter) and غ for ج. So every matching word contains a hit: a superset, each
    hit's word checked with its own keys afterwards.
    """
    classes, deleted, _ = _spellings()

    def letter(c: str) -> str:
        return classes.get(c, re.escape(c))

    gap = f"[{deleted}]*"
    loose_gap = "[" + deleted + classes.get("ي", "ي")[1:-1] + "]*"
    alternatives = []
    for exact, loose in keys:
        alternatives.append(gap.join(letter(c) for c in exact))
        if loose:
            alternatives.append(loose_gap.join("(?:" + letter("ج") + "|غ)" if c == "ج" else letter(c) for c in loose))
    return re.compile("|".join(alternatives))


#: The word characters of :data:`_ORIGINAL_WORD_RE` (a run of them holds one word).
_WORD_RUN_RE = re.compile(r"[\w\u0610-\u061a\u064b-\u065f\u0670\u0640\u200c\u200d\u06d6-\u06ed]*")


def _candidate_words(text: str, keys: list[tuple[str, str]]) -> list[tuple[int, int]] | None:
    """Spans of the original words that contain a candidate hit (see
    :func:`_candidate_re`), in text order; None when the text has a character no
    spelling class stands for."""
    if _spellings()[2].search(text):
        return None
    pattern = _candidate_re(tuple(keys))
    words_found: list[tuple[int, int]] = []
    pos = 0
    while (hit := pattern.search(text, pos)) is not None:
        at = hit.start()
        back = 32
        while True:  # the start of the run of word characters holding the hit
            lo = max(0, at - back)
            run = _WORD_RUN_RE.match(text[lo:at][::-1])
            length = run.end() if run else 0
            if length < at - lo or lo == 0:
                break
            back *= 4
        word = _ORIGINAL_WORD_RE.search(text, at - length)
        if word is None or not word.start() <= at < word.end():
            pos = at + 1
            continue
        words_found.append((word.start(), word.end()))
        pos = word.end()  # the next word can start no earlier, whatever this hit spanned
    return words_found


def snippet(text: str, query: str, width: int = 220) -> Snippet:
    """The ``width``-character window of ``text`` with the most query matches.

    Windows start at a match and are widened back to a word boundary; with no match the
    snippet is the start of the text. Highlights mark every matching word inside it.
    """
    keys = query_keys(query)
    spans = _matches(text, keys)
    if not spans:
        cut = text[:width]
        return Snippet(cut + ("…" if len(text) > width else ""), [])
    best_start, best_score = spans[0][0], 0
    # Two pointers over the spans (in text order): the words inside the window that
    # starts at span i end before span j. Linear, where a window summed afresh per
    # start was quadratic in a word repeated hundreds of times.
    j, score = 0, 0
    for i, (s, _, weight) in enumerate(spans):
        while j < len(spans) and spans[j][1] <= s + width:
            score += spans[j][2]
            j += 1
        if score > best_score:
            best_start, best_score = s, score
        if j > i:
            score -= weight
        else:
            j = i + 1
    start = max(0, best_start - width // 4)
    space = text.rfind(" ", 0, start + 1) if start else -1
    if start and space != -1 and best_start - space < width // 2:
        start = space + 1
    end = min(len(text), start + width)
    window = text[start:end]
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    highlights = [
        (s - start + len(prefix), e - start + len(prefix)) for s, e, _ in spans if s >= start and e <= end
    ]
    return Snippet(prefix + window + suffix, highlights)
