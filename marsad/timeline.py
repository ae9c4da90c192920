"""Temporal expressions in Arabic news text → a dated timeline.

Two kinds of expression are spotted here (dateparser's ``search_dates`` over a whole
article is too noisy: it reads ``الجمعة 11`` as today):

* **absolute** dates, found by :func:`marsad.ingest.dates.parse_date_expressions`
  (Gregorian, Levantine and Maghrebi month names in any combination, numeric dates,
  Hijri dates converted by the Umm al-Qura calendar,
  ``آب العام 2014``) plus bare years after a cue word (``في 2013``, ``منذ عام 2011``);
* **relative** ones, resolved against the article's publication date: ``اليوم
  [الجمعة]``, ``أمس[،] [الخميس]``, ``أول أمس``, ``غدا [الأربعاء]``, ``بعد غد``, a bare weekday (``السبت`` = the most
  recent Saturday on or before publication; the next one after it when the clause
  before is in the future tense, ``ستفتتح المحطة يوم الثلاثاء``), ``الثلاثاء الماضي/المقبل``, a day and
  month without a year (``منذ 30 سبتمبر/أيلول الماضي``), a month without a year after a
  cue (``نهاية أيلول/سبتمبر``), ``الشهر الماضي``, ``العام الماضي``.

Relative expressions are matched on the *normalized* text (one spelling per letter,
see :mod:`marsad.arabic.normalize`) and mapped back to original offsets, so every
:class:`TimeExpression` indexes the article's clean text. Without a publication date
relative expressions cannot be placed and are skipped, never guessed.

A :class:`~marsad.model.TimelineEntry` is the sentence that carries the expression,
dated ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; ISO strings of mixed precision sort
correctly as strings (``2015`` < ``2015-09`` < ``2015-09-11``).
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from marsad.arabic.normalize import normalize, normalize_with_offsets, to_original_span
from marsad.arabic.sentences import split_sentences
from marsad.ingest.dates import MONTH_NAMES, WEEKDAY_NAMES, month_number, normalize_date, parse_date_expressions
from marsad.model import Article, Reuse, Sentence, TimelineEntry

__all__ = [
    "TimeExpression",
    "find_time_expressions",
    "article_timeline",
    "build_timeline",
    "reference_date",
    "reuse_references",
]


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A dated expression; ``start``/``end`` index the text searched.

    ``date`` is ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; ``relative`` says whether the
    date was computed from the publication date.
    """

    start: int
    end: int
    text: str
    date: str
    relative: bool


# --- lexicon (built from marsad.ingest.dates, in normalized spelling) ---------------


def _norm_alt(spellings: Iterable[str]) -> str:
    forms = {normalize(s).lower() for s in spellings if not s.isascii()}
    return "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in sorted(forms, key=len, reverse=True))


_WEEKDAY_BY_NORM: dict[str, int] = {
    normalize(s).lower(): n for n, spellings in WEEKDAY_NAMES.items() for s in spellings if not s.isascii()
}
_WD = _norm_alt(s for spellings in WEEKDAY_NAMES.values() for s in spellings)
_MONTH = _norm_alt(s for spellings in MONTH_NAMES.values() for s in spellings)

#: Word start that admits the proclitics و ف ب ل (``وأمس``, ``بالأمس`` is rare).
_S = r"(?<![\w])[وفبل]{0,2}"
_E = r"(?![\w])"
_SEP = r"[\s،,]+\(?\s*"
_PAST = r"(?P<dir>الماضي|الماضيه|المنصرم|الفايت|المقبل|القادم|الجاري|الحالي)"
_MONTH_PAIR = rf"(?P<month>{_MONTH})(?:\s*[/\\\-–،,]?\s*\(?\s*(?P<month2>{_MONTH})\s*\)?)?"

#: ``اليوم [،] [يوم] [الجمعة]`` — not ``روسيا اليوم`` (a TV channel).
_TODAY_RE = re.compile(
    rf"(?<!روسيا ){_S}(?P<x>(?:يوم\s+)?(?P<rel>اليوم){_E}(?:{_SEP}(?:يوم\s+)?(?P<wd>{_WD}){_E}\)?)?)"
)
#: ``أمس[،] [الخميس]``, ``أول أمس``, ``أمس الأول``.
_YESTERDAY_RE = re.compile(
    rf"{_S}(?P<x>(?:(?P<before>اول)\s+(?:من\s+)?)?(?:ال)?(?P<rel>امس|البارحه){_E}"
    rf"(?:\s+(?P<after>الاول){_E})?(?:{_SEP}(?:يوم\s+)?(?P<wd>{_WD}){_E}\)?)?)"
)
#: ``غدا [الأربعاء]``, ``يوم/صباح/مساء غد``, ``بعد غد`` (a bare ``غد`` is also a noun:
#: "the future").
_TOMORROW_RE = re.compile(
    rf"{_S}(?P<x>(?:(?P<after>بعد)\s+|(?P<yawm>يوم|صباح|مساء|ظهر|فجر|ليل|ليله)\s+)?(?P<rel>غدا|غد){_E}(?:{_SEP}(?:يوم\s+)?(?P<wd>{_WD}){_E}\)?)?)"
)
#: ``[يوم] الثلاثاء [الماضي|المقبل]``.
_WEEKDAY_RE = re.compile(rf"{_S}(?P<x>(?P<yawm>يوم\s+)?(?P<wd>{_WD}){_E}(?:\s+{_PAST}{_E})?)")
#: A future-tense cue in the words before a bare weekday (normalized text): ``سوف``,
#: ``من المقرر/المنتظر/المتوقع``, ``يعتزم``, or a word that may be a future verb
#: (``س`` + imperfect prefix: ستفتتح، سيزور، سنعمل), confirmed by :func:`_future_verb`.
_FUTURE_RE = re.compile(
    r"(?<![\w])[وف]?(?:(?P<verb>س[يتن]\w{3,})|سوف|من\s+(?:المقرر|المنتظر|المتوقع|المزمع|المرتقب)|[يت]عتزم\w*)(?![\w])"
)
#: How far back (characters, within the clause) a future cue governs a bare weekday.
_FUTURE_REACH = 60
_CLAUSE_END_RE = re.compile(r"[.!؟?\n؛;]")
#: ``30 سبتمبر/أيلول [الماضي]`` — a day and month without a year.
_DAY_MONTH_RE = re.compile(
    rf"(?<![\w/.-])(?:[وب])?(?P<x>(?P<day>[0-3]?\d)\s+(?:من\s+)?(?:شهر\s+)?{_MONTH_PAIR}{_E}"
    rf"(?!\s*(?:العام|عام|سنه)?\s*\d)(?:\s+{_PAST}{_E})?)"
)
#: ``[شهر] أيلول/سبتمبر [الماضي]`` — a month without a day or year; needs a cue or a pair.
_MONTH_RE = re.compile(
    rf"(?P<cue>{_S}(?:شهر|نهايه|مطلع|منتصف|اواخر|اوايل|بدايه|اول|اخر|اوسط|منذ|حتي|خلال)\s+)?"
    rf"(?<![\w]){_MONTH_PAIR}{_E}(?!\s*(?:العام|عام|سنه)?\s*\d)(?:\s+{_PAST}{_E})?"
)
#: ``الشهر/العام/السنة/الأسبوع الماضي``, ``هذا العام``.
_PERIOD_RE = re.compile(
    rf"{_S}(?P<x>(?:(?P<this>هذا|هذه)\s+)?(?P<unit>الشهر|العام|السنه)(?:\s+{_PAST})?{_E})"
)
#: A bare year after a cue: ``في 2013``, ``منذ عام 2011``, ``العام 2014``.
_YEAR_RE = re.compile(
    rf"{_S}(?:(?:في|منذ|خلال|حتي|عام|العام|سنه|مطلع|نهايه|اواخر|اوايل)\s+)(?:(?:عام|العام|سنه)\s+)?"
    rf"(?P<year>(?:19|20)\d\d)(?![\d/\-]|\.\d)"
)


# --- calendar helpers ---------------------------------------------------------------


def _weekday_on_or_before(ref: dt.date, weekday: int, strict: bool = False) -> dt.date:
    back = (ref.weekday() - weekday) % 7
    if strict and back == 0:
        back = 7
    return ref - dt.timedelta(days=back)


def _weekday_after(ref: dt.date, weekday: int) -> dt.date:
    ahead = (weekday - ref.weekday()) % 7 or 7
    return ref + dt.timedelta(days=ahead)


def _month_shift(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _place_month(ref: dt.date, month: int, day: int | None, direction: str | None) -> str | None:
    """The year of a month (and day) given without one, as an ISO string."""

    def iso(year: int) -> str | None:
        if day is None:
            return f"{year:04d}-{month:02d}"
        try:
            return dt.date(year, month, day).isoformat()
        except ValueError:
            return None

    key_ref = (ref.month, ref.day if day is not None else 0)
    key = (month, day or 0)
    if direction in ("الماضي", "الماضيه", "المنصرم", "الفايت"):
        return iso(ref.year if key < key_ref or (day is None and month < ref.month) else ref.year - 1)
    if direction in ("المقبل", "القادم"):
        return iso(ref.year if key > key_ref else ref.year + 1)
    if direction in ("الجاري", "الحالي"):
        return iso(ref.year)
    # No direction: news reports the past, so the latest such month up to one month
    # ahead of publication ("قتل في أكتوبر" written in July is last October; "نهاية
    # أيلول" written on 13 September is this September).
    ahead = (month - ref.month) % 12
    if ahead <= 1:
        return iso(ref.year + (1 if month < ref.month else 0))
    return iso(ref.year if month < ref.month else ref.year - 1)


def _named_day(ref: dt.date, days_back: int, weekday_name: str | None) -> dt.date:
    """``ref - days_back`` (negative: days ahead), unless the text names a weekday that
    disagrees (a crawl date a day after the writing: "اليوم (الاثنين)" stamped
    Tuesday) — then the most recent such weekday on or before that day."""
    day = ref - dt.timedelta(days=days_back)
    weekday = _WEEKDAY_BY_NORM.get(weekday_name) if weekday_name else None
    if weekday is None or weekday == day.weekday():
        return day
    return _weekday_on_or_before(day, weekday)


def _pair_month(match: re.Match[str]) -> int | None:
    first = month_number(match.group("month"))
    second = match.group("month2")
    if second is not None and month_number(second) != first:
        return None
    return first


# --- spotting -----------------------------------------------------------------------


@lru_cache(maxsize=1)
def _news_vocabulary() -> frozenset[str]:
    """SaudiNewsNet's most frequent normalized words: the word list of the committed
    word clusters (``marsad/entities/models/clusters.txt``); empty without it."""
    from marsad.entities.clusters import load_clusters
    from marsad.entities.ner import CLUSTERS_FILE, MODEL_DIR

    path = MODEL_DIR / CLUSTERS_FILE
    return frozenset(load_clusters(path)) if path.exists() else frozenset()


def _future_verb(word: str) -> bool:
    """``سيخوض`` is a future verb when news text also has the bare imperfect ``يخوض``;
    names and nouns that start the same way (سيغمار، سيرغي، سياسة، سنغافورة) have no such
    partner."""
    return word[1:] in _news_vocabulary()


def _future_before(norm: str, start: int) -> bool:
    """Whether the clause before ``start`` (a bare weekday) is in the future tense:
    ``ستفتتح المحطة يوم الثلاثاء`` is the coming Tuesday, not the last one."""
    first = max(0, start - _FUTURE_REACH)
    window = norm[first:start]
    if first > 0 and norm[first - 1].isalnum():
        window = window.partition(" ")[2]  # not from the middle of a word
    ends = list(_CLAUSE_END_RE.finditer(window))
    if ends:
        window = window[ends[-1].end() :]
    return any(not m.group("verb") or _future_verb(m.group("verb")) for m in _FUTURE_RE.finditer(window))


def find_time_expressions(text: str, published: dt.date | None = None) -> list[TimeExpression]:
    """Every dated expression in ``text``, in order, without overlaps.

    Absolute dates come first (they win an overlap); relative ones are resolved against
    ``published`` and skipped when it is None.

    >>> [e.date for e in find_time_expressions("قال اليوم الجمعة إن", dt.date(2015, 9, 11))]
    ['2015-09-11']
    """
    found: list[TimeExpression] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= a or b <= start for a, b in taken)

    def add(start: int, end: int, date: str | None, relative: bool) -> None:
        if date is None or start >= end or not free(start, end):
            return
        taken.append((start, end))
        found.append(TimeExpression(start, end, text[start:end], date, relative))

    for expr in parse_date_expressions(text):
        add(expr.start, expr.end, expr.iso, False)

    norm, offsets = normalize_with_offsets(text)
    norm = norm.lower()

    def span(match: re.Match[str], group: str = "x") -> tuple[int, int]:
        # Group "x" leaves out the proclitics (و، ف، ب، ل) glued to the first word.
        return to_original_span(offsets, *match.span(group))

    for match in _YEAR_RE.finditer(norm):
        start, end = to_original_span(offsets, match.start("year"), match.end("year"))
        add(start, end, match.group("year"), False)

    if published is None:
        found.sort(key=lambda e: e.start)
        return found
    ref = published

    for match in _TODAY_RE.finditer(norm):
        add(*span(match), _named_day(ref, 0, match.group("wd")).isoformat(), True)
    for match in _YESTERDAY_RE.finditer(norm):
        days = 2 if (match.group("before") or match.group("after")) else 1
        add(*span(match), _named_day(ref, days, match.group("wd")).isoformat(), True)
    for match in _TOMORROW_RE.finditer(norm):
        if match.group("rel") == "غد" and not (match.group("after") or match.group("yawm")):
            continue
        days = 2 if match.group("after") else 1
        add(*span(match), _named_day(ref, -days, match.group("wd")).isoformat(), True)
    for match in _DAY_MONTH_RE.finditer(norm):
        month = _pair_month(match)
        if month is not None:
            add(*span(match), _place_month(ref, month, int(match.group("day")), match.group("dir")), True)
    for match in _MONTH_RE.finditer(norm):
        month = _pair_month(match)
        if month is None:
            continue
        # A lone month name needs context: آب/أيار/مارس are also ordinary words.
        if not (match.group("cue") or match.group("month2") or match.group("dir")):
            continue
        # The expression starts at منذ/حتى (they change the meaning) or at the month.
        cue = match.group("cue") or ""
        first = match.start("cue") + len(cue) - len(cue.lstrip("وفبل")) if cue.lstrip("وفبل").startswith(("منذ", "حتي")) else match.start("month")
        start, end = to_original_span(offsets, first, match.end())
        add(start, end, _place_month(ref, month, None, match.group("dir")), True)
    for match in _WEEKDAY_RE.finditer(norm):
        weekday = _WEEKDAY_BY_NORM.get(match.group("wd"))
        if weekday is None:
            continue
        direction = match.group("dir")
        # الاثنين is also "the two": only with يوم or a direction word.
        if weekday == 0 and not (match.group("yawm") or direction):
            continue
        if direction in ("المقبل", "القادم") or (direction is None and _future_before(norm, match.start())):
            date = _weekday_after(ref, weekday)
        else:
            strict = direction in ("الماضي", "الماضيه", "المنصرم", "الفايت")
            date = _weekday_on_or_before(ref, weekday, strict=strict)
        add(*span(match), date.isoformat(), True)
    for match in _PERIOD_RE.finditer(norm):
        unit, direction = match.group("unit"), match.group("dir")
        if direction is None and not match.group("this"):
            continue
        if direction in ("الماضي", "الماضيه", "المنصرم", "الفايت"):
            delta = -1
        elif direction in ("المقبل", "القادم"):
            delta = 1
        else:
            delta = 0
        if unit == "الشهر":
            year, month = _month_shift(ref.year, ref.month, delta)
            date = f"{year:04d}-{month:02d}"
        else:
            date = f"{ref.year + delta:04d}"
        add(*span(match), date, True)
    found.sort(key=lambda e: e.start)
    return found


# --- timeline -----------------------------------------------------------------------


def reference_date(article: Article) -> dt.date | None:
    """The article's publication date as a ``date`` (None when unknown or unreadable)."""
    iso = normalize_date(article.published) if article.published else None
    return dt.date.fromisoformat(iso) if iso else None


def _sentence_at(sentences: list[Sentence], offset: int) -> Sentence | None:
    for sentence in sentences:
        if sentence.start <= offset < sentence.end:
            return sentence
    return None


def article_timeline(article: Article, reference: dt.date | None = None) -> list[TimelineEntry]:
    """Timeline entries of one article: each dated sentence once per date, in text order.

    ``reference`` resolves relative expressions when the article has no publication
    date of its own (see :func:`reuse_references`).
    """
    text = article.clean_text
    sentences = article.sentences or split_sentences(text)
    entries: list[TimelineEntry] = []
    seen: set[tuple[int, str]] = set()
    for expr in find_time_expressions(text, reference_date(article) or reference):
        sentence = _sentence_at(sentences, expr.start)
        if sentence is None:
            continue
        key = (sentence.start, expr.date)
        if key in seen:
            continue
        seen.add(key)
        entries.append(TimelineEntry(date=expr.date, text=sentence.text, article_id=article.id))
    return entries


def reuse_references(articles: Iterable[Article], reuse: Iterable[Reuse], min_containment: float = 0.3) -> dict[str, dt.date]:
    """A reference date for undated articles that re-edit a dated one: an agency copy
    rewritten the same day (seed 000 re-edits 001's Reuters text, and only 001 prints
    its date). The partner sharing the largest part of the undated article wins."""
    dated = {a.id: d for a in articles if (d := reference_date(a)) is not None}
    best: dict[str, tuple[float, str, dt.date]] = {}
    for link in reuse:
        for mine, other, share in ((link.a, link.b, link.containment_a), (link.b, link.a, link.containment_b)):
            if mine in dated or other not in dated or share < min_containment:
                continue
            candidate = (share, other, dated[other])
            if mine not in best or candidate[:2] > best[mine][:2]:
                best[mine] = candidate
    return {article_id: date for article_id, (_, _, date) in best.items()}


def build_timeline(articles: Iterable[Article], references: dict[str, dt.date] | None = None) -> list[TimelineEntry]:
    """The timeline of a set of articles, ordered by date, then article, then position.

    ``references`` gives undated articles a date to resolve relative expressions
    against (article id → date); an article's own publication date always wins.
    """
    references = references or {}
    entries: list[tuple[str, str, int, TimelineEntry]] = []
    for article in articles:
        for position, entry in enumerate(article_timeline(article, references.get(article.id))):
            entries.append((entry.date, article.id, position, entry))
    entries.sort(key=lambda item: item[:3])
    return [entry for *_, entry in entries]
