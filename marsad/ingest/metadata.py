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

#: Characters from the start of the body within which a date can be the article's
#: own (its lead or dateline).
LEAD_CHARS = 300
#: Words right before a date that make it the date of something else: an event
#: (``في 26 فبراير 2016``), a birth (``مواليد``), a span (``منذ``، ``حتى``).
_EVENT_CONTEXT_RE = re.compile(
    r"(?<!\w)(?:و?في|و?منذ|و?حتى|و?من|و?إلى|و?الى|و?قبل|و?بعد|مواليد|و?يوم|صباح|مساء|ليلة|"
    r"فجر|ظهر|عصر|الفترة|بتاريخ|الموافق|تأسست|ولد|عدد|العدد|in|on|since|until|from)\s*[،,]?\s*$",
    re.IGNORECASE,
)
# A dateline: the date opens a line, after at most a short label and a separator or
# a place of one or two words ("الرياض - 21 يوليو 2015", "تاريخ النشر: 21/07/2015",
# "الرياض 21 يوليو 2015", "21 يوليو 2015").
_DATELINE_PREFIX_RE = re.compile(
    r"(?:^|\n)[ \t]*(?:[^\n\d]{0,40}?[-–—:|،,]\s*|[^\W\d]+(?:[ \t]+[^\W\d]+)?[ \t]+)?$"
)
_LOOKBACK_CHARS = 24


def _is_own_date(text: str, expression: DateExpression) -> bool:
    before = text[max(0, expression.start - 60):expression.start]
    if _DATELINE_PREFIX_RE.search(before) and not _EVENT_CONTEXT_RE.search(before):
        return True
    if expression.weekday is None:
        return False
    return not _EVENT_CONTEXT_RE.search(text[max(0, expression.start - _LOOKBACK_CHARS):expression.start])


def published_from_text(text: str, lead_chars: int = LEAD_CHARS) -> DateExpression | None:
    """The date an article gives as its own publication date, if any.

    Simple on purpose, and precision first (a wrong date misplaces a story on the
    timeline; no date leaves it to metadata or inference). A day-precise date counts
    only when it starts within the first ``lead_chars`` characters and either

    1. is a dateline — it opens a line, after at most a short place name or label
       and a separator (``الرياض - 21 يوليو 2015``, ``تاريخ النشر: 21/07/2015``); or
    2. is named with its weekday in the lead sentence (``قال لافروف الجمعة 11
       سبتمبر/ أيلول 2015``, ``اليوم الخميس 10 سبتمبر 2015``),

    and no event word stands right before it (``في``، ``منذ``، ``حتى``، ``يوم``،
    ``مواليد`` …): ``في 26 فبراير 2016 في زيورخ`` is the date of a coming vote, not of
    the article. Dates deeper in the body are background (``بيان جنيف في 30 حزيران
    2012``) and never count. Measured on SaudiNewsNet, whose crawl dates give the truth:
    see BENCHMARKS.md.
    """
    if not text:
        return None
    lead = text[: lead_chars + 120]  # room for a date that starts inside the lead
    for expression in parse_date_expressions(lead):
        if expression.start >= lead_chars:
            break
        if expression.granularity == "day" and _is_own_date(lead, expression):
            return expression
    return None
