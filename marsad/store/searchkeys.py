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

    Works word by word on the original text with cached per-word keys: 10× faster
    than normalizing the whole text with offsets, which loops over every character
    in Python (snippets for 20 hits cost ~90 ms that way on SaudiNewsNet articles).
    """
    if not keys or not text:
        return []
    exact = {e for e, _ in keys}
    loose = {lo for _, lo in keys if lo}
    spans: list[tuple[int, int, int]] = []
    for m in _ORIGINAL_WORD_RE.finditer(text):
        word_exact, word_loose = _word_keys(m.group())
        if not exact.isdisjoint(word_exact):
            spans.append((m.start(), m.end(), 3))
        elif loose and not loose.isdisjoint(word_loose):
            spans.append((m.start(), m.end(), 1))
    return spans


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
