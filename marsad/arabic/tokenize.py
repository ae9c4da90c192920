"""Word tokenization of Arabic news text, with exact offsets.

A token is a run of letters/digits (any script) and Arabic combining marks, which may
contain a few internal joiners that belong to the word rather than to the sentence:

* a hyphen between two word runs: ``بانتسير-إس1``, ``أنطونوف-124``, ``F-16``;
* a dot when the next segment contains a digit: ``إس.إيه22``, ``3.5``, ``1.200.000``
  (a plain dot between two words is usually a missing space after a full stop —
  ``سورية.وقال`` — so it is NOT joined);
* a dot between single Latin letters: ``U.S``, ``e.g``;
* a thousands comma or Arabic separator (٫ ٬) between digits: ``1,200``, ``٣٫٥``.

Punctuation and symbols are skipped. ``tokenize`` keeps original spelling and offsets
(``text[t.start:t.end] == t.text``); ``words`` is the fast matching path: normalize,
lower-case, one compiled ``findall``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.arabic.normalize import normalize

__all__ = ["Token", "tokenize", "words", "TOKEN_RE", "WORD_CHAR_CLASS"]

#: Arabic combining marks and tatweel/zero-width joiners that occur inside words.
_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c\u200d\u08d3-\u08ff"
#: A word character: any Unicode letter/digit (``\w``, which also admits ``_``) or mark.
_C = rf"[\w{_MARKS}]"
#: The same class, for other modules that must agree with the tokenizer.
WORD_CHAR_CLASS = _C

TOKEN_RE = re.compile(
    rf"""
    (?=[^\W_\u0640])                         # starts with a letter or digit (not ـ or _)
    {_C}+
    (?:
        -{_C}+                              # hyphen compound: بانتسير-إس1
      | \.(?={_C}*\d){_C}+                  # dotted code / decimal: إس.إيه22, 3.5
      | (?<=\b[A-Za-z])\.[A-Za-z](?!{_C})   # Latin initials: U.S, e.g
      | (?<=\d)[,٫٬](?=\d)\d+               # 1,200  ٣٫٥
    )*
    """,
    re.VERBOSE,
)


@dataclass(slots=True)
class Token:
    """A word of the ORIGINAL text: ``text == source[start:end]``.

    Not frozen: frozen dataclasses are ~3× slower to construct, and tokenize builds
    hundreds per article."""

    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """Tokens of ``text`` in order, with original spelling and offsets.

    A token starts with a letter or digit, so a free-standing tatweel used as a dash
    (``روسي ــ إيراني``) or a run of underscores is not a word.
    """
    return [Token(m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]


def words(text: str) -> list[str]:
    """Normalized, lower-cased tokens for matching (no offsets; the fast path).

    Equals ``[normalize(t.text).lower() for t in tokenize(text)]`` except where
    normalization itself changes token boundaries (an invisible character or a
    diacritic between letters, a ligature), which is exactly what matching wants.
    """
    return TOKEN_RE.findall(normalize(text).lower())
