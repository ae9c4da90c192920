"""Short headlines for events and storylines.

A story's title is what a reader scans in a list, so it is a headline of at most
:data:`MAX_WORDS` words: the article's own title where it has one, else its lead
sentence cut at a clause boundary — never a whole 40-word lead. A title that is itself
too long (two headlines joined by «..», a kicker before a colon) keeps its first
clause(s) that fit.

>>> headline_text("ارتفاع ضحايا «دار سعد» إلى نحو 300 قتيل وجريح.. وأطباء بلا حدود تصفه بـ«أسوأ يوم في عدن» في بيان صدر اليوم عن المنظمة")
'ارتفاع ضحايا «دار سعد» إلى نحو 300 قتيل وجريح'
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from marsad.model import Article

__all__ = ["MAX_WORDS", "headline_text", "headline", "best_headline"]

MAX_WORDS = 16
#: Below this a cut-off first clause says too little to stand alone.
MIN_CLAUSE_WORDS = 4
_CUT_WORDS = 14

#: Clause boundaries, strongest first: a headline's own «..» / «…» joints, a dash between
#: spaces, a colon, a semicolon, then an Arabic or Latin comma.
#: Each with the fewest words a clause before it needs: a comma in a lead often only sets
#: off an apposition («قال وزير الخارجية الروسي، سيرغي لافروف، …»), so it needs a long head.
_BOUNDARIES = (
    (re.compile(r"\s*(?:\.\.+|…)\s*"), MIN_CLAUSE_WORDS),
    (re.compile(r"\s+[-–—]\s+"), MIN_CLAUSE_WORDS),
    (re.compile(r"\s*[:：]\s*"), MIN_CLAUSE_WORDS),
    (re.compile(r"\s*[؛;]\s*"), 6),
    (re.compile(r"\s*[،,]\s*"), 9),
)
#: A dateline opening a lead sentence: «الرياض - واس:», «جدة – عكاظ»
_DATELINE = re.compile(r"^\s*[^\s\d.،,:–—-]+(?:\s+[^\s\d.،,:–—-]+)?\s*[-–—]\s*[^\s\d.،,:–—-]+(?:\s+[^\s\d.،,:–—-]+)?\s*[:：]\s*")


def _words(text: str) -> int:
    return len(text.split())


def headline_text(text: str, max_words: int = MAX_WORDS) -> str:
    """``text`` as a headline of at most ``max_words`` words (one line, trimmed)."""
    text = " ".join(text.split()).strip(" .،,:؛")
    if _words(text) <= max_words:
        return text
    for boundary, least in _BOUNDARIES:
        cuts = [m.start() for m in boundary.finditer(text) if m.start() > 0]
        # the first clause, or the first two when the first is only a kicker («عاجل:»)
        for cut in cuts[:2]:
            head = text[:cut].strip(" .،,:؛")
            if least <= _words(head) <= max_words:
                return head
            if _words(head) > max_words:
                break
    return " ".join(text.split()[:_CUT_WORDS]) + " …"


def headline(article: Article, max_words: int = MAX_WORDS) -> str:
    """The article's headline: its title, else its lead sentence (dateline dropped)."""
    if article.title and _words(article.title) >= 2:
        return headline_text(article.title, max_words)
    if article.sentences:
        lead = article.sentences[0].text
    else:
        lead = (article.clean_text or article.body).strip().split("\n", 1)[0]
    lead = _DATELINE.sub("", lead, count=1) or lead
    return headline_text(lead, max_words) or article.title or article.id


#: a title that goes on from another headline of its page («.. وهبوط أول طائرة …»)
_CONTINUED = re.compile(r"^\s*(?:\.{2,}|…)")


def best_headline(ranked: Sequence[Article], max_words: int = MAX_WORDS) -> str:
    """Headline of the first article (most central first) that has a title of its own —
    one that does not go on from another headline («.. وهبوط …», 34 of SaudiNewsNet's
    31,030 titles) — else of the first article with any title, else of the first article."""
    titled = [a for a in ranked if a.title and _words(a.title) >= 2]
    for article in titled:
        if not _CONTINUED.match(article.title):
            return headline(article, max_words)
    if titled:
        return headline(titled[0], max_words)
    return headline(ranked[0], max_words) if ranked else ""
