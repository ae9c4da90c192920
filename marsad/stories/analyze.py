"""What the story clusterer reads in an article: stemmed terms, numbers, quotes.

Three token streams, all computed from normalized text (:func:`marsad.arabic.tokenize.words`)
so that spelling variants across outlets (سورية/سوريا, أ/ا, digits) meet:

* **terms** — light-stemmed words of the title (counted twice: a headline names the
  happening) and the body; one-letter tokens and numbers are left out (IDF weighting
  and stopwords (:data:`marsad.arabic.lexicons.STOPWORDS`) are left out.
* **numbers** — numeric tokens that identify a happening (casualty counts, sums,
  codes); days of the month (≤ 31) and years are dropped because every article has
  them and they say nothing about *which* event.
* **quote shingles** — word 3-grams of text inside «…», "…" or “…”, the words an
  agency copy carries from outlet to outlet even when the prose around is rewritten.

The stemmer is :func:`marsad.arabic.stem.stem` (name-safe light stemming).
:func:`analyzer_fingerprint` identifies the analyzer, so the packaged IDF table (built
with one analyzer) can tell when it is stale.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from marsad.arabic.lexicons import STOPWORDS
from marsad.arabic.stem import stem
from marsad.arabic.tokenize import words

__all__ = ["ArticleTokens", "analyze", "stem_word", "analyzer_fingerprint", "quote_spans", "forget_words"]

#: Text between paired quotation marks (kept short: a run-away pair is not a quote).
_QUOTE_RE = re.compile(r"«([^«»\n]{8,600})»|\"([^\"\n]{8,600})\"|“([^“”\n]{8,600})”|”([^“”\n]{8,600})“")
_DIGIT_RE = re.compile(r"\d")
_YEAR_RE = re.compile(r"^(19|20)\d\d$")
_SHINGLE = 3


@dataclass(slots=True, frozen=True)
class ArticleTokens:
    """The three token streams of one article (all normalized, order kept)."""

    terms: tuple[str, ...]
    numbers: tuple[str, ...]
    quote_shingles: tuple[str, ...]


def stem_word(word: str) -> str:
    """Stem of one normalized word (:func:`marsad.arabic.stem.stem`, cached there)."""
    return stem(word)


def _is_identifying_number(token: str) -> bool:
    digits = "".join(ch for ch in token if ch.isdigit())
    if not digits:
        return False
    if token.isdigit():
        # (a run of thousands of digits is no day: int() of it would raise)
        if _YEAR_RE.match(token) or (len(token.lstrip("0٠")) <= 2 and int(token) <= 31):
            return False
    return True


#: what :func:`analyze` makes of a word: a number, nothing (a stopword or one letter)
#: or its stem — a word always gets the same answer, so a corpus asks once per word
_NUMBER = object()
_SKIP = object()
_WORD_KINDS: dict[str, object] = {}
_WORD_KINDS_LIMIT = 200_000


def forget_words() -> None:
    """Empty the per-word memo (a batch digest frees it once its stories are built)."""
    _WORD_KINDS.clear()


def _word_kind(word: str) -> object:
    if _DIGIT_RE.search(word):
        return _NUMBER
    if len(word) < 2 or word in STOPWORDS:
        return _SKIP
    return stem_word(word)


def quote_spans(text: str) -> list[str]:
    """Texts inside paired quotation marks, in order."""
    return [next(g for g in m.groups() if g) for m in _QUOTE_RE.finditer(text)]


def analyze(title: str | None, text: str) -> ArticleTokens:
    """Terms, identifying numbers and quote shingles of an article."""
    terms: list[str] = []
    numbers: list[str] = []
    known = _WORD_KINDS
    if len(known) > _WORD_KINDS_LIMIT:
        known.clear()
    for part, repeat in ((title or "", 2), (text, 1)):
        tokens = words(part)
        kinds = list(map(known.get, tokens))  # the memo read in one C loop
        if None in kinds:  # words new to the memo
            for i, kind in enumerate(kinds):
                if kind is None:
                    word = tokens[i]
                    kind = known.get(word)  # (met earlier in this text)
                    if kind is None:
                        kind = known[word] = _word_kind(word)
                    kinds[i] = kind
        if repeat == 1:
            terms.extend([kind for kind in kinds if kind.__class__ is str])
            if _NUMBER in kinds:
                numbers.extend(w for w, kind in zip(tokens, kinds) if kind is _NUMBER and _is_identifying_number(w))
        else:
            terms.extend([stem for kind in kinds if kind.__class__ is str for stem in (kind, kind)])
    shingles: list[str] = []
    for quote in quote_spans(text):
        qwords = words(quote)
        shingles.extend(" ".join(qwords[i : i + _SHINGLE]) for i in range(len(qwords) - _SHINGLE + 1))
    return ArticleTokens(tuple(terms), tuple(numbers), tuple(shingles))


_PROBE = (
    "قال وزير الخارجية الروسي سيرغي لافروف اليوم الجمعة إن التنسيق مطلوب بين الجيشين "
    "الأميركي والروسي لتفادي الحوادث في سورية، وأكدت المملكة العربية السعودية أن "
    "الاستثمارات والمشروعات التنموية مستمرة في المدن والمحافظات"
)


def analyzer_fingerprint() -> str:
    """A short hash of the analyzer's output on a fixed sentence (detects stemmer changes)."""
    tokens = analyze(None, _PROBE)
    return hashlib.sha1(" ".join(tokens.terms).encode("utf-8")).hexdigest()[:16]
