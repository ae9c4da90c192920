"""Roles given by apposition: ``وزير الخارجية الروسي سيرغي لافروف`` → "وزير الخارجية الروسي".

Arabic news introduces a person with a title phrase right before the name, sometimes
set off by commas (``الرئيس السوري، بشار الأسد``). The phrase starts with a title word
from :data:`marsad.arabic.lexicons.TITLES` (وزير، الرئيس، المتحدث باسم، مدير …) and runs
up to the name; it stops at a speech verb, a complementizer, a preposition that starts
an adverbial (مع، عن، خلال …), other punctuation, or another name.

Shared by the entity canonicalizer (roles attached to entities) and the quote
extractor (a speaker given as "role + name", or as a role alone that the digest has
seen attached to one person). Pure functions over :class:`Word` lists.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.arabic.lexicons import ABBREVIATED_TITLES, HONORIFICS, SPEECH_VERB_FORMS, TITLES
from marsad.arabic.normalize import match_form, normalize
from marsad.arabic.tokenize import TOKEN_RE

__all__ = ["Word", "words_of", "title_at", "role_before", "strip_proclitic", "clean_phrase"]

#: Anonymous-source heads: "مسؤول أميركي" is a description, never a role for a name.
ANONYMOUS_HEADS = frozenset(
    normalize(w) for w in (
        "مسؤول", "مسؤولة", "مسؤولان", "مسؤولون", "مسؤولين", "المسؤول", "المسؤولان", "المسؤولون",
        "مصدر", "مصادر", "المصدر", "المصادر", "دبلوماسي", "الدبلوماسي", "مسؤولا", "مصدرا",
    )
)
#: Words that end a role phrase when walking back from a name.
_ROLE_STOPS = frozenset(
    normalize(w) for w in (
        "مع", "عن", "على", "علي", "إلى", "الى", "من", "خلال", "عقب", "بعد", "قبل", "أمام", "ضد",
        "أن", "إن", "بأن", "لأن", "حسب", "بحسب", "وفقا", "نقلا", "لكن", "ولكن", "أو", "ثم", "حين",
        "بين", "كان", "وكان", "قد", "وقد", "الذي", "التي", "هو", "هي", "فيما", "بينما",
    )
)
_PUNCT_RE = re.compile(r"[^\s\w«»\"“”„()\-]")
_STRIP_MARKS_RE = re.compile(r"[«»\"“”„()]")
_SPACES_RE = re.compile(r"\s+")
_MAX_ROLE_WORDS = 8


@dataclass(slots=True, unsafe_hash=True)
class Word:
    """A token with its offsets and matching form (normalized, lower-cased).

    Treat as immutable. Not ``frozen``: a frozen dataclass costs ~4× as much to build,
    and every article is tokenized into these (hashable all the same)."""

    text: str
    start: int
    end: int
    norm: str




def words_of(text: str) -> list[Word]:
    """Tokens of ``text`` with their normalized forms (cached per distinct token)."""
    # straight from the tokenizer's matches (no intermediate Token objects)
    return [Word(m.group(), m.start(), m.end(), match_form(m.group())) for m in TOKEN_RE.finditer(text)]


def words_to(text: str, offset: int, before: int = _MAX_ROLE_WORDS) -> tuple[list[Word], int | None]:
    """The ``before`` tokens of ``text`` (as :func:`words_of` gives them) ahead of the
    one containing ``offset`` (fewer at the start of the text) and that one, and its
    index in the list (None when no token contains ``offset``): what
    :func:`role_before` reads, without tokenizing a whole article for one name."""
    margin = 12 * (before + 1)
    while True:
        # start right after a space or line break: no token spans one, so the tokens
        # from there are the whole text's
        lo = max(text.rfind(" ", 0, offset - margin), text.rfind("\n", 0, offset - margin)) + 1 if offset > margin else 0
        found = []
        for m in TOKEN_RE.finditer(text, lo):
            if m.start() > offset:
                break
            found.append(m)
            if m.end() > offset:
                break
        if not found or not found[-1].start() <= offset < found[-1].end():
            return [], None
        if len(found) > before or lo == 0:
            return [Word(m.group(), m.start(), m.end(), match_form(m.group())) for m in found[-before - 1:]], min(before, len(found) - 1)
        margin *= 4


def strip_proclitic(norm: str) -> tuple[str, int]:
    """A normalized word without a leading و/ف/ب/ل/لل (لل → ال); returns (word, cut)
    where ``cut`` is how many letters were removed (2 for لل: the article is restored).

    Only used to recognise title words (``ووزير``, ``للرئيس``), so over-stripping a name
    does no harm.
    """
    if norm.startswith("لل") and len(norm) > 4:
        return "ا" + norm[1:], 2
    if len(norm) > 3 and norm[0] in "وفبل":
        rest = norm[1:]
        if rest in TITLES or rest.startswith("ال") or rest in SPEECH_VERB_FORMS:
            return rest, 1
    return norm, 0


def title_at(words: list[Word], i: int) -> bool:
    """Whether ``words[i]`` (without a proclitic) is a title that introduces a person:
    a title (وزير، الأمير), an honorific (سمو، معالي) or an abbreviation (د، م)."""
    norm, _ = strip_proclitic(words[i].norm)
    if norm in ABBREVIATED_TITLES:
        return words[i].norm in ABBREVIATED_TITLES
    return (norm in TITLES or norm in HONORIFICS) and norm not in ANONYMOUS_HEADS


def clean_phrase(text: str) -> str:
    """A phrase for display: quote marks and brackets dropped, spaces collapsed, edges trimmed."""
    return _SPACES_RE.sub(" ", _STRIP_MARKS_RE.sub(" ", text)).strip(" ،,.:؛")


def role_before(text: str, words: list[Word], index: int, floor: int = 0) -> tuple[int, str] | None:
    """The role phrase right before ``words[index]`` (a name's first word), if any.

    Returns ``(start offset, role text)``. One comma between role and name is allowed
    (apposition); ``floor`` is the first word index the phrase may use (e.g. the end of
    the previous name).
    """
    first = None
    j = index - 1
    gap_end = words[index].start
    commas = 0
    while j >= floor and index - j <= _MAX_ROLE_WORDS:
        gap = text[words[j].end:gap_end]
        if _PUNCT_RE.search(gap):
            if commas == 0 and j == index - 1 and gap.strip() in ("،", ","):
                commas = 1
            else:
                break
        if "\n" in gap:
            break
        norm = words[j].norm
        bare, _ = strip_proclitic(norm)
        if norm in _ROLE_STOPS or bare in _ROLE_STOPS or norm in SPEECH_VERB_FORMS:
            break
        if title_at(words, j):
            first = j
        gap_end = words[j].start
        j -= 1
    if first is None:
        return None
    _, cut = strip_proclitic(words[first].norm)
    start = words[first].start + cut
    end = words[index - 1].end
    role = clean_phrase(("ال" if cut == 2 else "") + text[start:end])
    return (start, role) if role else None
