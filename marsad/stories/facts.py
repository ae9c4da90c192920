"""Key facts of a happening as its headline and lede state them: which instance of a
recurring kind it is (ordinals) and the figures it reports (numbers).

Two reports of one happening in different outlets' words still agree on these
specifics, while the *next* happening of the same kind disagrees on them: "the
second relief plane lands in Aden" against "the third relief plane lands in Aden"
share almost every word and differ in the one that says which plane. The story
scorer (:mod:`.similarity`) turns each into a channel — ``ordinals`` (the headline's
ordinal numbers) and ``lede_numbers`` (the headline's and first lines' figures) —
whose overlap counts for a merge and whose *conflict* (both sides state one, none
shared) counts against it.

Numbers are normalized so that one figure written two ways meets itself: Arabic-Indic
digits (by :func:`marsad.arabic.tokenize.words`), a glued proclitic (``و322``),
the decimal comma (``322,8`` = ``322.8``), the Arabic decimal separator, and
thousands separators (``1,200`` = ``1200``, ``٣٦٣٬٣٧٨`` = ``363378``: a comma before
exactly three digits groups thousands, it is not a decimal point).
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from marsad.arabic.stem import proclitic_splits
from marsad.arabic.tokenize import words

__all__ = ["ORDINALS", "ordinals", "fact_number", "fact_numbers"]

#: Normalized ordinal words (without the article) → their value.
ORDINALS: dict[str, int] = {
    "اول": 1, "اولي": 1, "ثاني": 2, "ثانيه": 2, "ثالث": 3, "ثالثه": 3, "رابع": 4, "رابعه": 4,
    "خامس": 5, "خامسه": 5, "سادس": 6, "سادسه": 6, "سابع": 7, "سابعه": 7, "ثامن": 8, "ثامنه": 8,
    "تاسع": 9, "تاسعه": 9, "عاشر": 10, "عاشره": 10, "حادي": 1, "حاديه": 1,
}
#: "… عشر(ة)" after an ordinal adds ten (الثاني عشر = 12th).
_TEENS = frozenset({"عشر", "عشره"})
_NUMBER_RE = re.compile(r"\d+(?:[.,٫٬]\d+)*")
_SEPARATOR_RE = re.compile(r"[.,٫٬]")
#: Separators that may group thousands on their own (``1,200``); a dot (and the Arabic
#: decimal separator ``٫``) is a decimal point unless it repeats (``1.250.000``).
_COMMAS = frozenset(",٬")
#: Arabic-Indic and Eastern Arabic-Indic digits → ASCII (a raw token, not yet normalized).
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def _ordinal(word: str) -> int | None:
    for _, rest in proclitic_splits(word):
        bare = rest[2:] if rest.startswith("ال") and len(rest) > 3 else rest
        if bare in ORDINALS:
            return ORDINALS[bare]
    return None


def ordinals(text: str) -> list[str]:
    """Keys (``ord:N``) of the ordinal numbers in ``text``, in order (``الثانية`` →
    ``ord:2``, ``والحادي عشر`` → ``ord:11``)."""
    tokens = words(text)
    out: list[str] = []
    for k, word in enumerate(tokens):
        value = _ordinal(word)
        if value is None:
            continue
        if k + 1 < len(tokens) and tokens[k + 1] in _TEENS:
            value += 10
        elif value == 1 and word.endswith(("حادي", "حاديه")):
            continue  # الحادي alone is not an ordinal of a happening
        out.append(f"ord:{value}")
    return out


def fact_number(token: str) -> str | None:
    """The normalized figure of an identifying number token (``و322,8`` → ``322.8``),
    None when it holds no digits."""
    found = _NUMBER_RE.search(token)
    if found is None:
        return None
    text = found.group(0).translate(_DIGITS)
    groups = _SEPARATOR_RE.split(text)
    separators = _SEPARATOR_RE.findall(text)
    fraction = ""
    if separators:
        last = separators[-1]
        # the last separator is a decimal point unless it groups thousands: a comma
        # before three digits, or a separator that repeats (1.250.000, 1,250,000)
        grouping = len(groups[-1]) == 3 and len(groups[0]) <= 3 and (last in _COMMAS or separators.count(last) > 1)
        if not grouping:
            fraction = groups.pop()
    whole = "".join(groups).lstrip("0") or "0"
    fraction = fraction.rstrip("0")
    return f"{whole}.{fraction}" if fraction else whole


def fact_numbers(numbers: Sequence[str]) -> list[str]:
    """Keys (``n:FIGURE``) of identifying number tokens (:func:`analyze`'s ``numbers``)."""
    out: list[str] = []
    for token in numbers:
        figure = fact_number(token)
        if figure is not None:
            out.append("n:" + figure)
    return out

