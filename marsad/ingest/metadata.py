"""Outlet and publication date for articles that come without (some) metadata.

Pure functions over strings. Rules, in order of trust:

* **outlet** — the record's own field; else the URL's host (``www.alarabiya.net`` →
  ``alarabiya.net``); else a source footer in the text (``المصدر : الجزيرة + وكالات``
  → ``الجزيرة``).
* **published** — the record's own date, normalized to ``YYYY-MM-DD``
  (``published_from="metadata"``); else a dated lead in the text
  (``published_from="text"``), see :func:`published_from_text`.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from marsad.ingest.dates import DateExpression, parse_date_expressions

# --- outlet ------------------------------------------------------------------------

_HOST_PREFIXES = ("www.", "www2.", "m.", "mobile.", "amp.")


def outlet_from_url(url: str | None) -> str | None:
    """The outlet a URL belongs to: its host without ``www.``/``m.``/``amp.``.

    >>> outlet_from_url("https://www.alarabiya.net/ar/arab-and-world/2015/09/11/x.html")
    'alarabiya.net'
    """
    if not url or not isinstance(url, str):
        return None
    candidate = url.strip()
    if "://" not in candidate:
        if candidate.startswith("//"):
            candidate = "http:" + candidate
        elif re.match(r"^[\w.-]+\.[a-z]{2,}(?:[/:?#]|$)", candidate, re.IGNORECASE):
            candidate = "http://" + candidate
        else:
            return None
    try:
        host = urlsplit(candidate).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    host = host.lower().rstrip(".")
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") > 1:
            host = host[len(prefix):]
            break
    return host


# A source footer: "المصدر : الجزيرة + وكالات", "(المصدر: رويترز)", "المصدر - الأناضول".
_FOOTER_RE = re.compile(
    r"^[\s(\[]*(?:ال)?مصدر\s*(?::|：|-|–|—)\s*(?P<value>[^\n]{1,120}?)[\s)\].]*$",
    re.MULTILINE,
)
# ... or a parenthesis closing the last paragraph: "… في سوريا. (المصدر: رويترز)".
_INLINE_FOOTER_RE = re.compile(
    r"\(\s*(?:ال)?مصدر\s*(?::|：|-|–|—)\s*(?P<value>[^()\n]{1,120}?)\s*\)[\s.]*\Z"
)
# "+ وكالات", "ووكالات", "- وكالات", "، وكالات", "/ وكالات", "والوكالات" and what follows.
_AGENCIES_RE = re.compile(r"\s*(?:[+\-–—،,/&]\s*)?(?:و\s*)?(?:ال)?وكالات.*$")
_OUTLET_SPLIT_RE = re.compile(r"\s*(?:[+،,/|&]|\s-\s|\s–\s|\s—\s)\s*")
_FOOTER_TAIL_LINES = 6
_MAX_OUTLET_WORDS = 6


def outlet_from_text(text: str) -> str | None:
    """The first outlet named in a source footer among the text's last lines.

    >>> outlet_from_text("…نص الخبر.\\n\\nالمصدر : الجزيرة + وكالات")
    'الجزيرة'
    >>> outlet_from_text("(المصدر: رويترز، أ ف ب)")
    'رويترز'
    """
    if not text:
        return None
    lines = [line for line in text.splitlines() if line.strip()]
    tail = "\n".join(lines[-_FOOTER_TAIL_LINES:])
    matches = list(_FOOTER_RE.finditer(tail))
    inline = _INLINE_FOOTER_RE.search(tail)
    if inline is not None:
        matches.append(inline)
    for match in reversed(matches):
        value = _AGENCIES_RE.sub("", match.group("value")).strip(" \t.:()[]")
        first = _OUTLET_SPLIT_RE.split(value, maxsplit=1)[0].strip(" \t.:()[]-–—")
        if first and len(first.split()) <= _MAX_OUTLET_WORDS:
            return first
    return None


def guess_outlet(metadata_outlet: str | None, url: str | None, text: str) -> str | None:
    """Outlet by trust order: metadata, URL host, source footer."""
    if metadata_outlet and metadata_outlet.strip():
        return metadata_outlet.strip()
    return outlet_from_url(url) or outlet_from_text(text)


# --- publication date -----------------------------------------------------------------

#: Characters from the start of the body within which a date counts as the lead's
#: dateline (first paragraph or two of a news story, including a photo caption).
LEAD_CHARS = 400


def published_from_text(text: str, lead_chars: int = LEAD_CHARS) -> DateExpression | None:
    """The date an article carries as its own publication date, if any.

    Only day-precise dates count. Rule (simple on purpose, documented so the
    timeline stage can rely on it):

    1. the first date that starts within the first ``lead_chars`` characters
       (the dateline/lead: ``قال لافروف الجمعة 11 سبتمبر/ أيلول 2015``);
    2. else the first date named with its weekday anywhere (``الخميس 10 سبتمبر 2015``
       is how Arabic news dates its own day);
    3. else nothing: a bare date deep in the body (``بيان جنيف في 30 حزيران 2012``)
       is background, not the publication date.
    """
    if not text:
        return None
    days = [d for d in parse_date_expressions(text) if d.granularity == "day"]
    for expression in days:
        if expression.start < lead_chars:
            return expression
    for expression in days:
        if expression.weekday is not None:
            return expression
    return None
