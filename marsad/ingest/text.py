"""Plain-text articles: an optional title line, then the body.

Files saved from news sites often start with the headline on its own line; others
start straight with the lead. :func:`split_title` tells them apart with a simple,
documented rule instead of guessing from content.
"""
from __future__ import annotations

import re

from marsad.ingest.dates import parse_date_expressions

#: A title is at most this many words…
MAX_TITLE_WORDS = 20
#: …and the lines after it are on average at least this many times longer when no
#: blank line separates them.
BODY_TO_TITLE_RATIO = 2.0
_SENTENCE_END_RE = re.compile(r"[.!؟?…:;؛،,]\s*$")
_NEWLINES_RE = re.compile(r"\r\n?|\u2028|\u2029|\x85")


def normalize_newlines(text: str) -> str:
    """``\\r\\n``, ``\\r`` and Unicode line/paragraph separators → ``\\n``."""
    return _NEWLINES_RE.sub("\n", text)


def _is_dateline(line: str) -> bool:
    """A line that is mostly a date (``الرياض 21 يوليو 2015``) is no headline."""
    covered = sum(len(d.text.replace(" ", "")) for d in parse_date_expressions(line))
    return covered >= 0.5 * len(line.replace(" ", ""))


def split_title(text: str) -> tuple[str | None, str]:
    """``(title, body)`` of a plain-text article; ``title`` is None if there is none.

    The first non-empty line is a title when it is short (≤ ``MAX_TITLE_WORDS``
    words), does not end like a sentence (``.``, ``؟``, ``:``, ``،`` …), some body
    follows it, and either a blank line follows it or the next lines are much longer
    (``BODY_TO_TITLE_RATIO``). Otherwise the whole text is body. The body keeps its
    lines as they are (only leading/trailing blank lines are dropped).
    """
    text = normalize_newlines(text)
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return None, ""
    candidate = lines[first].strip()
    rest = lines[first + 1:]
    following = [line.strip() for line in rest if line.strip()]
    if not following:
        return None, text.strip("\n")
    words = candidate.split()
    looks_like_title = (
        len(words) <= MAX_TITLE_WORDS
        and not _SENTENCE_END_RE.search(candidate)
        and not _is_dateline(candidate)
    )
    if looks_like_title:
        blank_after = not rest[0].strip()
        sample = following[:3]
        mean_next = sum(len(line) for line in sample) / len(sample)
        if blank_after or mean_next >= BODY_TO_TITLE_RATIO * len(candidate):
            return candidate, "\n".join(rest).strip("\n")
    return None, "\n".join(lines[first:]).strip("\n")
