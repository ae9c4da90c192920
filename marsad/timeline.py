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
import math
import re
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np

from marsad.arabic.normalize import normalize, normalize_with_offsets, to_original_span
from marsad.arabic.sentences import split_sentences
from marsad.ingest.dates import MONTH_NAMES, WEEKDAY_NAMES, month_number, normalize_date, parse_date_expressions
from marsad.model import Article, Mention, Reuse, Sentence, Storyline, TimelineEntry

__all__ = [
    "TimeExpression",
    "find_time_expressions",
    "DatedStatement",
    "TimelineOptions",
    "article_statements",
    "article_timeline",
    "build_timeline",
    "chronological_key",
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
    rf"(?<!روسيا )(?<!دار )(?<!صحيفه )(?<!جريده ){_S}(?P<x>(?:يوم\s+)?(?P<rel>اليوم){_E}"
    # «اليوم الثاني من العيد», «اليوم المحدد», «اليوم الوطني»: a day named by its
    # adjective, not today (but «اليوم الجمعة», «اليوم الموافق 6/10»)
    rf"(?!\s+(?!(?:{_WD}|الموافق|الي|الا|الان|التي|الذي|الذين|اللذين|اللتين|اللاتي){_E})ال\w)"
    rf"(?:{_SEP}(?:يوم\s+)?(?P<wd>{_WD}){_E}\)?)?)"
)
#: ``أمس[،] [الخميس]``, ``أول أمس``, ``أمس الأول``, ``البارحة الأولى``.
_YESTERDAY_RE = re.compile(
    rf"{_S}(?P<x>(?:(?P<before>اول)\s+(?:من\s+)?)?(?:ال)?(?P<rel>امس|البارحه){_E}"
    rf"(?:\s+(?P<after>الاولي|الاول){_E})?(?:{_SEP}(?:يوم\s+)?(?P<wd>{_WD}){_E}\)?)?)"
)
#: ``غدا [الأربعاء]``, ``يوم/صباح/مساء غد``, ``بعد غد`` (a bare ``غد`` is also a noun:
#: "the future").
_TOMORROW_RE = re.compile(
    rf"{_S}(?P<x>(?:(?P<after>بعد)\s+|(?P<yawm>يوم|صباح|مساء|ظهر|فجر|ليل|ليله)\s+)?(?P<rel>غدا|غد){_E}(?:{_SEP}(?:يوم\s+)?(?P<wd>{_WD}){_E}\)?)?)"
)
#: ``[يوم] الثلاثاء [الماضي|المقبل]``.
_WEEKDAY_RE = re.compile(rf"{_S}(?P<x>(?P<yawm>يوم\s+)?(?P<wd>{_WD}){_E}(?:\s+{_PAST}{_E})?)")
#: A future-tense cue in the words before a bare weekday (normalized text): ``سوف``,
#: ``من المقرر/المنتظر/المتوقع``, ``يعتزم``, ``يتوقع``/``يرتقب`` (is expected), or a word that may be a future verb
#: (``س`` + imperfect prefix: ستفتتح، سيزور، سنعمل), confirmed by :func:`_future_verb`.
_FUTURE_RE = re.compile(
    r"(?<![\w])[وف]?(?:(?P<verb>س[يتن]\w{3,})|سوف|من\s+(?:المقرر|المنتظر|المتوقع|المزمع|المرتقب)|[يت]عتزم\w*|[يت]توقع|[يت]رتقب)(?![\w])"
)
#: How far back (characters, within the clause) a future cue governs a bare weekday.
_FUTURE_REACH = 60
_CLAUSE_END_RE = re.compile(r"[.!؟?\n؛;]")
#: ``30 سبتمبر/أيلول [الماضي]`` — a day and month without a year.
_DAY_MONTH_RE = re.compile(
    rf"(?<![\w/.-])(?:[وب])?(?P<x>(?P<day>[0-3]?\d)\s+(?:من\s+)?(?:شهر\s+)?{_MONTH_PAIR}{_E}"
    rf"(?!\s*(?:العام|عام|سنه)?\s*\d)(?:\s+{_PAST}{_E})?)"
)
#: A happening named by its day and month (normalized text right before ``30 يونيو``):
#: «ثورة 30 يونيو», «أحداث 11 سبتمبر», «ذكرى 23 يوليو» name it, whatever its year; the
#: sentence around such a name is not dated by it.
_NAMED_BY_DATE_RE = re.compile(r"(?<![\w])[وبل]?(?:ال)?(?:ثوره|انتفاضه|احداث|هجمات|تفجيرات|اعتداءات|ذكري|حركه|مجزره)\s+$")
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


#: Cheap tests for what each expression needs (a word it cannot do without): the
#: expression patterns start with a look-behind and proclitics, which the regex engine
#: tries at every position, so a text without the word skips the scan.
_HAS_YEAR = re.compile(r"(?:19|20)\d\d")
_HAS_TODAY = re.compile("اليوم")
_HAS_YESTERDAY = re.compile("امس|البارحه")
_HAS_TOMORROW = re.compile("غد")
_HAS_DIGIT = re.compile(r"\d")
def _trie_pattern(words: Iterable[str]) -> str:
    """One regex for a word list, its alternatives factored by common prefixes (a space
    matches any run of spaces): the engine follows one branch per letter instead of
    trying every word at every position."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def pattern(node: dict[str, dict]) -> str:
        branches = [(r"\s+" if ch == " " else re.escape(ch)) + pattern(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return pattern(trie)


#: a month name (a prefix trie without look-behind, so the engine skips fast to the
#: letters months start with; the expression patterns check the word boundaries)
_MONTH_WORD_RE = re.compile(
    _trie_pattern({normalize(s).lower() for spellings in MONTH_NAMES.values() for s in spellings if not s.isascii()}) + r"(?![\w])"
)
#: characters an expression may reach before / after its month name (a day number, a
#: cue word and proclitics; a second month name, a direction word, a year it must not have)
_BEFORE_MONTH, _AFTER_MONTH = 32, 64
_HAS_WEEKDAY = re.compile(_WD)
_HAS_PERIOD = re.compile("الشهر|العام|السنه")


#: characters a relative expression or cued year may reach before / after the word it
#: cannot do without (proclitics, «يوم»، «أول من»، a cue word; a weekday, a direction)
_BEFORE_WORD, _AFTER_WORD = 32, 64


def _scan(pattern: re.Pattern[str], norm: str, needs: re.Pattern[str]) -> Iterable[re.Match[str]]:
    """``pattern.finditer(norm)``, searched only around the words it ``needs`` (every
    match contains one): the patterns start with a look-behind and proclitics, which
    the engine tries at every position of a whole-text scan."""
    return _near(pattern, norm, [m.span() for m in needs.finditer(norm)], _BEFORE_WORD, _AFTER_WORD)


def _near(
    pattern: re.Pattern[str],
    norm: str,
    anchors: Sequence[tuple[int, int]],
    before: int = _BEFORE_MONTH,
    after: int = _AFTER_MONTH,
) -> Iterator[re.Match[str]]:
    """The matches of ``pattern`` in windows around ``anchors`` (spans of a word every
    match contains: month names by default), in order and without overlaps: what
    ``pattern.finditer(norm)`` finds, at the cost of a few short searches instead of a
    scan of the whole text."""
    last = 0
    for start, end in anchors:
        if end <= last:
            continue
        position = max(last, start - before)
        limit = min(len(norm), end + after)
        while (match := pattern.search(norm, position, limit)) is not None and match.start() < end:
            if match.end() > start:
                yield match
                last = match.end()
                break
            position = max(match.end(), position + 1)


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


def _future_verb(word: str) -> bool:
    """``سيخوض`` is a future verb when news text also has the bare imperfect ``يخوض``;
    names and nouns that start the same way (سيغمار، سيرغي، سياسة، سنغافورة) have no such
    partner."""
    from marsad.statements import news_vocabulary

    return word[1:] in news_vocabulary()


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

    for match in _scan(_YEAR_RE, norm, _HAS_YEAR):
        start, end = to_original_span(offsets, match.start("year"), match.end("year"))
        add(start, end, match.group("year"), False)

    if published is None:
        found.sort(key=lambda e: e.start)
        return found
    ref = published

    month_words = [m.span() for m in _MONTH_WORD_RE.finditer(norm)]
    for match in _scan(_TODAY_RE, norm, _HAS_TODAY):
        add(*span(match), _named_day(ref, 0, match.group("wd")).isoformat(), True)
    for match in _scan(_YESTERDAY_RE, norm, _HAS_YESTERDAY):
        days = 2 if (match.group("before") or match.group("after")) else 1
        add(*span(match), _named_day(ref, days, match.group("wd")).isoformat(), True)
    for match in _scan(_TOMORROW_RE, norm, _HAS_TOMORROW):
        # a bare غد is also "the future": tomorrow only with بعد/يوم…, a weekday
        # («غد الثلاثاء») or after من («اعتباراً من غد»)
        if match.group("rel") == "غد" and not (
            match.group("after") or match.group("yawm") or match.group("wd") or norm[: match.start()].rstrip().endswith("من")
        ):
            continue
        days = 2 if match.group("after") else 1
        add(*span(match), _named_day(ref, -days, match.group("wd")).isoformat(), True)
    for match in (_near(_DAY_MONTH_RE, norm, month_words) if _HAS_DIGIT.search(norm) else ()):
        if _NAMED_BY_DATE_RE.search(norm, max(0, match.start() - 16), match.start()):
            taken.append(span(match))  # «ثورة 30 يونيو» names a happening, it dates nothing here
            continue
        month = _pair_month(match)
        if month is not None:
            add(*span(match), _place_month(ref, month, int(match.group("day")), match.group("dir")), True)
    for match in _near(_MONTH_RE, norm, month_words):
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
    for match in _scan(_WEEKDAY_RE, norm, _HAS_WEEKDAY):
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
    for match in _scan(_PERIOD_RE, norm, _HAS_PERIOD):
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
    return _date_of(article.published) if article.published else None


@lru_cache(maxsize=4096)
def _date_of(published: str) -> dt.date | None:
    iso = normalize_date(published)
    return dt.date.fromisoformat(iso) if iso else None


def _sentence_at(sentences: list[Sentence], offset: int) -> int | None:
    for n, sentence in enumerate(sentences):
        if sentence.start <= offset < sentence.end:
            return n
    return None


@dataclass(frozen=True, slots=True)
class DatedStatement:
    """One sentence of one article with the date of the happening it states.

    ``sentence`` indexes ``Article.sentences``; ``kind`` is ``development`` or
    ``upcoming`` (an announced future happening); whether a development is only
    background is decided against its storyline (:func:`build_timeline`).
    """

    article_id: str
    sentence: int
    text: str
    date: str
    kind: str
    expression: str


#: cue words that make a date the start or bound of a period, not the happening
#: (``منذ عام 2011``، ``حتى نهاية 2015``)
_BOUND_RE = re.compile(r"(?:^|\s)[وف]?(?:منذ|حتي|مطلع|قبل|بعد)\s+(?:\S+\s+)?$")

#: a relative clause (التي فجرها القضاء الأمريكي في 27 مايو) reaching the expression within
#: six words and no clause break (، ؛ . :): further, the main verb has often come back
#: («القروض التي قدمها صندوق التنمية العقارية بلغ حتى نهاية عام 2014») (normalized text)
_RELATIVE_CLAUSE_RE = re.compile(r"(?:^|\s)[وف]?(?:الذي|التي|الذين|اللذين|اللتين|اللواتي)\s+(?:[^\s،؛.:]+\s+){0,5}$")


#: an expression that says itself it is past («يناير الماضي», «الأسبوع المنصرم»)
_EXPLICIT_PAST_RE = re.compile(r"(?<![\w])(?:الماضي|الماضيه|المنصرم|الفايت)(?![\w])")

#: «غد/غدا» in an expression: announced for the day after the writing
_TOMORROW_WORD_RE = re.compile(r"(?<![\w])[وفبل]?(?:غدا|غد)(?![\w])")

#: a month name written without a year (the year was guessed from the crawl date)
_YEARLESS_MONTH_RE = re.compile(rf"(?<![\w])(?:{_MONTH})(?![\w])(?!.*\d{{4}})")


def _precision(date: str) -> int:
    return {4: 0, 7: 1, 10: 2}.get(len(date), 0)


def _happening(sentence: str, sentence_start: int, exprs: list[TimeExpression]) -> TimeExpression:
    """The expression that dates what a sentence states when it has several: not one
    that bounds a period (``منذ 2011``), the most precise, then a date written with
    its day number over a weekday or «أمس» computed from the publication date («الثلاثاء 27 رمضان، 14 يوليو» is the
    14th, whatever Tuesday the crawl date suggests), then the first (news puts the main
    clause's time first: «أعلنت الوزارة أمس أن … في 2014»). A date written out inside a
    relative clause (``وصل مساء أمس … منذ فضيحة "فيفاغيت"، التي فجرها القضاء في 27 مايو``)
    dates the noun the clause describes, so it dates the sentence only when nothing else does."""

    def bound(expr: TimeExpression) -> bool:
        before = normalize(sentence[max(0, expr.start - sentence_start - 20) : expr.start - sentence_start])
        return bool(_BOUND_RE.search(before)) or normalize(expr.text).startswith(("منذ", "حتي"))

    def subordinate(expr: TimeExpression) -> bool:
        # a written-out date in a relative clause dates the noun the clause describes;
        # «الذي عقد أمس» is most often the reported happening itself, so stays
        if not any(c.isdigit() for c in expr.text):
            return False
        before = normalize(sentence[max(0, expr.start - sentence_start - 120) : expr.start - sentence_start])
        return bool(_RELATIVE_CLAUSE_RE.search(before))

    free = [e for e in exprs if not bound(e) and not subordinate(e)] or [e for e in exprs if not bound(e)] or exprs
    return max(free, key=lambda e: (_precision(e.date), any(c.isdigit() for c in e.text), not e.relative, -e.start))


def _after(date: str, reference: dt.date) -> bool:
    """Whether ``date`` (any precision) lies after ``reference``'s day/month/year."""
    return date > reference.isoformat()[: len(date)]


def _is_upcoming(
    sentence: str, sentence_start: int, expr: TimeExpression, reference: dt.date | None, names: Sequence[tuple[int, int]] = ()
) -> bool:
    """An announced future happening: dated after the article, or governed by a future
    cue (``ستفتتح``، ``من المقرر``) and not before the article. ``names`` (spans of
    named-entity mentions in the article's text) are masked: «سيرجي لافروف» is a name,
    not a future verb."""
    if reference is not None and _after(expr.date, reference):
        return True
    head = sentence[: expr.start - sentence_start]
    for start, end in names:
        a, b = max(start - sentence_start, 0), min(end - sentence_start, len(head))
        if a < b:
            head = head[:a] + "ـ" * (b - a) + head[b:]
    head = normalize(head).lower()
    said = normalize(expr.text).lower()
    if _EXPLICIT_PAST_RE.search(said):
        return False  # «يناير الماضي»: past, whatever the clause's tense
    if expr.relative and _TOMORROW_WORD_RE.search(said):
        return True  # «غداً»: the day after the writing, even when a lagging crawl date puts it before
    future = _future_before(head, len(head))
    guessed_year = bool(_YEARLESS_MONTH_RE.search(normalize(expr.text).lower()))
    return future and (reference is None or guessed_year or expr.date >= reference.isoformat()[: len(expr.date)])


def article_statements(
    article: Article, reference: dt.date | None = None, names: Sequence[tuple[int, int]] = ()
) -> list[DatedStatement]:
    """The dated statements of one article, in text order: each sentence at most once,
    dated by the happening it states (:func:`_happening`). Fragments, captions and
    furniture (:mod:`marsad.statements`) are left out.

    ``reference`` resolves relative expressions when the article has no publication
    date of its own (see :func:`reuse_references`); ``names`` are the spans of the
    article's named-entity mentions (see :func:`_is_upcoming`).
    """
    from marsad.statements import is_fragment, is_furniture

    text = article.clean_text
    sentences = article.sentences or split_sentences(text)
    ref = reference_date(article) or reference
    by_sentence: dict[int, list[TimeExpression]] = {}
    for expr in find_time_expressions(text, ref):
        n = _sentence_at(sentences, expr.start)
        if n is not None:
            by_sentence.setdefault(n, []).append(expr)
    out: list[DatedStatement] = []
    for n, exprs in sorted(by_sentence.items()):
        sentence = sentences[n]
        if is_furniture(sentence.text) or is_fragment(sentence.text):
            continue
        expr = _happening(sentence.text, sentence.start, exprs)
        kind = "upcoming" if _is_upcoming(sentence.text, sentence.start, expr, ref, names) else "development"
        date = expr.date
        if kind == "upcoming" and ref is not None and date < ref.isoformat()[: len(date)] and _YEARLESS_MONTH_RE.search(normalize(expr.text).lower()):
            # «تعتزم وقف الخدمة بحلول مطلع ديسمبر» written in July: next December
            date = f"{int(date[:4]) + 1:04d}{date[4:]}"
        out.append(DatedStatement(article.id, n, sentence.text, date, kind, expr.text))
    return out


#: :func:`article_statements` of the most recent articles (LRU): the live linker
#: rebuilds a storyline's timeline each time the storyline grows, over members whose
#: statements did not change (each article's are computed once while it stays recent)
_STATEMENTS: OrderedDict[tuple, list[DatedStatement]] = OrderedDict()
STATEMENTS_CACHE = 4096


def _recent_statements(article: Article, reference: dt.date | None, names: Sequence[tuple[int, int]]) -> list[DatedStatement]:
    """:func:`article_statements` (a fresh list), remembered for the last
    :data:`STATEMENTS_CACHE` articles by everything the result depends on: the id,
    the publication date, the text (its hash and length), the sentence spans, the
    reference date and the name spans."""
    sentences = article.sentences
    key = (
        article.id, article.published, hash(article.clean_text), len(article.clean_text),
        tuple((x.start, x.end) for x in sentences), reference, tuple(names),
    )
    found = _STATEMENTS.get(key)
    if found is None:
        found = _STATEMENTS[key] = article_statements(article, reference, names)
        if len(_STATEMENTS) > STATEMENTS_CACHE:
            _STATEMENTS.popitem(last=False)
    else:
        _STATEMENTS.move_to_end(key)
    return list(found)


def article_timeline(article: Article, reference: dt.date | None = None) -> list[TimelineEntry]:
    """Timeline entries of one article on its own: each dated statement once, in text
    order (see :func:`article_statements`)."""
    return [
        TimelineEntry(date=s.date, text=s.text, article_id=article.id, kind=s.kind, sources=[article.id])  # type: ignore[arg-type]
        for s in article_statements(article, reference)
    ]


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


@dataclass(slots=True)
class TimelineOptions:
    """Tunables of the timeline (defaults read on SaudiNewsNet July days; see
    BENCHMARKS.md)."""

    #: two statements state the same development at this average similarity
    #: (:func:`marsad.citations.similarity`); lower than the summary's same-fact
    #: threshold because only statements of one storyline, kind and compatible date
    #: are compared (paraphrases of «استدعت البحرين سفيرها» score 0.40–0.79, other
    #: developments of that story under 0.1); each source still passes the support test
    same_development: float = 0.4
    #: a reuse ``paraphrase`` pair counts as evidence from this alignment score
    paraphrase_min: float = 0.6
    #: a date ending this many days before the storyline's first article is background
    background_days: int = 30


_KIND_ORDER = {"development": 0, "upcoming": 1, "background": 2}


def _period(date: str) -> tuple[dt.date, dt.date]:
    """First and last day of a ``YYYY``/``YYYY-MM``/``YYYY-MM-DD`` date."""
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 3:
        day = dt.date(*parts)
        return day, day
    if len(parts) == 2:
        first = dt.date(parts[0], parts[1], 1)
        year, month = _month_shift(parts[0], parts[1], 1)
        return first, dt.date(year, month, 1) - dt.timedelta(days=1)
    return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)


def _compatible(a: str, b: str) -> bool:
    """Dates that may date one happening: equal, one inside the other (``2015-07`` and
    ``2015-07-24``) or a day apart (two outlets resolving «أمس» from different days)."""
    if a.startswith(b) or b.startswith(a):
        return True
    if len(a) == 10 and len(b) == 10:
        return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days) <= 1
    return False


def _entry_date(dates: list[str]) -> str:
    """The date of a development stated with ``dates``: the most precise ones win, then
    the most frequent, then the earliest."""
    best = max(_precision(d) for d in dates)
    counts = Counter(d for d in dates if _precision(d) == best)
    return min(counts, key=lambda d: (-counts[d], d))


def _groups(articles: list[Article], storylines: Sequence[Storyline]) -> list[tuple[str | None, list[Article]]]:
    """Articles per storyline (an article in several storylines counts for the first);
    without storylines all articles are one group, otherwise an article in none is its
    own group."""
    if not storylines:
        return [(None, articles)] if articles else []
    by_id = {a.id: a for a in articles}
    placed: set[str] = set()
    out: list[tuple[str | None, list[Article]]] = []
    for storyline in storylines:
        members = [by_id[a] for a in dict.fromkeys(storyline.article_ids) if a in by_id and a not in placed]
        placed.update(a.id for a in members)
        if members:
            out.append((storyline.id, members))
    out.extend((None, [a]) for a in articles if a.id not in placed)
    return out


def _entry(statements: list[DatedStatement], storyline_id: str | None) -> TimelineEntry:
    """The entry of one development: the first statement is the representative."""
    rep = statements[0]
    return TimelineEntry(
        date=_entry_date([s.date for s in statements]),
        text=rep.text,
        article_id=rep.article_id,
        kind=rep.kind,  # type: ignore[arg-type]
        sources=list(dict.fromkeys(s.article_id for s in statements)),
        storyline_id=storyline_id,
    )


#: blocks larger than this are compared by TF-IDF matrices, smaller ones pair by pair
_PAIRWISE_MAX = 200
#: light words two statements must share to be compared at all, and their cosine (on
#: 2015-08-10/11, 6 of 4,794 pairs that reached the same-development threshold had a
#: lower cosine, none shared fewer than 3 words)
_MIN_SHARED_WORDS = 3
_MIN_LIGHT_COSINE = 0.18
#: from this cosine of their light words on, every pair of statements of 2015-08-10/11
#: reached the same-development threshold: the full similarity is not computed
_SURE_LIGHT_COSINE = 0.5
_WORD_SPLIT_RE = re.compile(r"[^\w]+")


def _light_words(text: str) -> set[str]:
    """Normalized words without one proclitic (و ف ب ل) and the article, stopwords and
    words under three letters left out: a cheap stand-in for the stemmed content words
    when looking for statements worth comparing."""
    from marsad.arabic.lexicons import STOPWORDS

    out = set()
    for word in _WORD_SPLIT_RE.split(normalize(text).lower()):
        if word in STOPWORDS:
            continue
        if word[:1] in "وفبل" and len(word) > 4:
            word = word[1:]
        if word.startswith("ال") and len(word) > 4:
            word = word[2:]
        if len(word) >= 3 and word not in STOPWORDS:
            out.add(word)
    return out


def _candidate_pairs(words: list[set[str]]) -> Iterator[tuple[int, int, int, float]]:
    """``(x, y, shared words, cosine)`` for the pairs of bags that share a word: set
    intersections for a small block, a sparse product for a large one."""
    n = len(words)
    if n <= 40:
        for x in range(n):
            for y in range(x + 1, n):
                if shared := len(words[x] & words[y]):
                    yield x, y, shared, shared / math.sqrt(max(1, len(words[x])) * max(1, len(words[y])))
        return
    from scipy import sparse

    vocabulary: dict[str, int] = {}
    rows = [x for x, bag in enumerate(words) for _ in bag]
    cols = [vocabulary.setdefault(word, len(vocabulary)) for bag in words for word in bag]
    bags = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, max(1, len(vocabulary))))
    shared = (bags @ bags.T).toarray()
    sizes = np.array([max(1, len(bag)) for bag in words], dtype=float)
    cosine = shared / np.sqrt(np.outer(sizes, sizes))
    for x, y in np.argwhere(np.triu(shared > 0, 1)).tolist():
        yield x, y, int(shared[x, y]), float(cosine[x, y])


#: two sentences of one article state one development from this similarity on, when
#: their figures, people and places agree: news restates its lead lower down («نفذت
#: وزارة الداخلية اليوم حكم القتل …» / «وقد تم تنفيذ حكم القتل … اليوم الأربعاء»,
#: «مقتل 18 من البيشمركة بقصف للصواريخ على مخمور» / «أطلقوا … الصواريخ على قضاء مخمور
#: ما أسفر عن مقتل 18») — the support test's bar, above the one for two outlets
_SAME_ARTICLE_MIN = 0.5
#: …and from this cosine of their light words on (of the 2,061 pairs compared on
#: 2015-08-02/03, 37 restated one another, one of them under 0.3; 682 pairs reach it)
_MIN_RESTATED_COSINE = 0.3


def _restated(a: str, b: str) -> float:
    """The similarity of two sentences of one article when one restates the other (see
    :data:`_SAME_ARTICLE_MIN`), else 0."""
    from marsad.citations import names_agree, similarity, specifics_agree

    value = similarity(a, b)
    return value if value >= _SAME_ARTICLE_MIN and specifics_agree(a, b) and names_agree(a, b) else 0.0


def _block_similarity(statements: list[DatedStatement]) -> np.ndarray:
    """Pairwise similarity of a block's statements: the citation check's
    :func:`marsad.citations.similarity` pair by pair (fast for the few statements of
    one storyline and month), the summary stage's TF-IDF blend for large blocks.
    Two sentences of one article count only when one restates the other
    (:func:`_restated`), else 0: an article's other sentences are its other developments."""
    from marsad.citations import similarity
    from marsad.summarize import similarity_matrix

    n = len(statements)
    owner = np.array([s.article_id for s in statements])
    same_owner = owner[:, None] == owner[None, :]
    if n > _PAIRWISE_MAX:
        sim = similarity_matrix([s.text for s in statements])
        restated = np.zeros_like(same_owner)
        for x, y in np.argwhere(np.triu(same_owner & (sim >= _SAME_ARTICLE_MIN), 1)).tolist():
            restated[x, y] = restated[y, x] = _restated(statements[x].text, statements[y].text) > 0
        sim[same_owner & ~restated] = 0.0
    else:
        sim = np.eye(n)
        # candidate pairs share two content words: with fewer, neither the word nor the
        # character cosine comes near the same-development threshold (most pairs of a
        # block are other developments, and the shared-word test costs a set lookup)
        words = [_light_words(statement.text) for statement in statements]
        for x, y, shared, cosine in _candidate_pairs(words):
            if shared < _MIN_SHARED_WORDS or cosine < _MIN_LIGHT_COSINE:
                continue
            if owner[x] == owner[y]:
                if cosine >= _MIN_RESTATED_COSINE:
                    sim[x, y] = sim[y, x] = _restated(statements[x].text, statements[y].text)
            elif cosine >= _SURE_LIGHT_COSINE:
                # a copy or a close rewording: the cheap cosine is enough to cluster it
                # (its members still pass the support test to be cited)
                sim[x, y] = sim[y, x] = cosine
            else:
                sim[x, y] = sim[y, x] = similarity(statements[x].text, statements[y].text)
    np.fill_diagonal(sim, 1.0)
    return sim


def _average_linkage(sim: np.ndarray, threshold: float) -> list[int]:
    """Cluster labels of average-linkage clustering cut where the average similarity
    falls below ``threshold`` (scipy's hierarchy: no model object per block); every
    item alone when no pair reaches it."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    n = len(sim)
    if n < 2:
        return list(range(n))
    pairs = np.argwhere(np.triu(sim >= threshold, 1))
    if not len(pairs):
        return list(range(n))
    # average linkage never joins items no chain of pairs above the threshold joins:
    # cluster each connected component on its own (most are single items or pairs)
    from marsad.reuse.groups import _components

    joined = _components(n, pairs.tolist())
    placed = {x for group in joined for x in group}
    components = joined + [[x] for x in range(n) if x not in placed]
    labels = [0] * n
    next_label = 0
    for group in components:
        members = np.array(group)
        if len(members) <= 2:
            for x in members:
                labels[x] = next_label
            next_label += 1
            continue
        block = sim[np.ix_(members, members)]
        distance = 1.0 - np.clip(block, -1.0, 1.0)
        np.fill_diagonal(distance, 0.0)
        tree = linkage(squareform((distance + distance.T) / 2, checks=False), method="average")
        cut = fcluster(tree, t=1.0 - threshold + 1e-9, criterion="distance")
        for x, label in zip(members, cut):
            labels[x] = next_label + int(label) - 1
        next_label += int(cut.max())
    return labels


def _group_entries(
    storyline_id: str | None,
    statements: list[DatedStatement],
    links: Sequence[Reuse],
    options: TimelineOptions,
    texts: Mapping[str, Sequence[str]],
) -> list[TimelineEntry]:
    """One entry per development among one storyline's statements: average-linkage
    clusters of statements of one kind with compatible dates, similar text or aligned by
    reuse; every cited source must state the entry (:func:`marsad.citations.states`) and,
    among its sentences (``texts``: article id → sentence texts), its figures
    (:func:`marsad.citations.figures_stated`)."""
    from marsad.citations import figures_stated, same_text, specifics_agree, states

    where = {(s.article_id, s.sentence): k for k, s in enumerate(statements)}
    linked: set[tuple[int, int]] = set()
    evidence: dict[tuple[int, int], float] = {}
    for link in links:
        for pair in link.pairs:
            i, j = where.get((link.a, pair.a)), where.get((link.b, pair.b))
            if i is None or j is None:
                continue
            if pair.kind in ("exact", "near"):
                linked.update({(i, j), (j, i)})
            elif pair.similarity >= options.paraphrase_min:
                evidence[(i, j)] = evidence[(j, i)] = pair.similarity
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for k, statement in enumerate(statements):
        blocks[(statement.kind, statement.date[:4])].append(k)  # a year: «هذا العام» may date what «أمس» dates
    entries: list[TimelineEntry] = []
    for ks in blocks.values():
        if len(ks) == 1:
            entries.append(_entry([statements[ks[0]]], storyline_id))
            continue
        sim = _block_similarity([statements[k] for k in ks])
        dates = [statements[k].date for k in ks]
        local = {k: x for x, k in enumerate(ks)}
        for (i, j), value in evidence.items():
            if i in local and j in local:
                sim[local[i], local[j]] = max(sim[local[i], local[j]], value)
        for i, j in linked:
            if i in local and j in local:
                sim[local[i], local[j]] = 1.0
        distinct = sorted(set(dates))
        index = np.array([distinct.index(d) for d in dates])
        compatible = np.array([[_compatible(a, b) for b in distinct] for a in distinct])
        mask = compatible[np.ix_(index, index)]
        sim = np.where(mask, sim, -1.0)
        np.fill_diagonal(sim, 1.0)
        labels = _average_linkage(sim, options.same_development)
        members: dict[int, list[int]] = defaultdict(list)
        for x, label in enumerate(labels):
            members[label].append(x)
        pending = list(members.values())
        clusters: list[tuple[int, list[int]]] = []  # (representative, the others it cites)
        while pending:
            xs = pending.pop()
            inner = sim[np.ix_(xs, xs)].mean(axis=1)
            rep_x = xs[max(range(len(xs)), key=lambda n: (round(float(inner[n]), 2), -statements[ks[xs[n]]].sentence, -xs[n]))]
            rep = statements[ks[rep_x]]
            kept, rest = [], []
            for x in xs:
                other = statements[ks[x]]
                same = (
                    x == rep_x
                    or same_text(rep.text, other.text)
                    or (
                        (((ks[rep_x], ks[x]) in linked and specifics_agree(rep.text, other.text)) or states(rep.text, other.text))
                        and figures_stated(rep.text, other.text, texts.get(other.article_id, ()))
                    )
                )
                if same:
                    kept.append(x)
                elif sim[rep_x, x] < options.same_development or not specifics_agree(rep.text, other.text):
                    rest.append(x)
                # else: a looser rewording of the same development (same specifics,
                # similar enough to cluster, too loose to pass the support test): not
                # a second entry, and not cited for the wording shown
            if rest:
                # members that state another development: clustered again among themselves
                # (alone, two copies of one report would be two entries)
                pending.append(rest)
            clusters.append((rep_x, [x for x in kept if x != rep_x]))
        block = [statements[k] for k in ks]
        for rep_x, others in _merge_restated(clusters, block, texts):
            entries.append(_entry([block[rep_x]] + [block[x] for x in others], storyline_id))
    return entries


def _merge_restated(
    clusters: list[tuple[int, list[int]]],
    block: Sequence[DatedStatement],
    texts: Mapping[str, Sequence[str]],
) -> list[tuple[int, list[int]]]:
    """Clusters of one block whose representatives state one development (compatible
    dates, :func:`_restated`: the support test's similarity, figures, people and places
    agree) as one: average linkage keeps two groups apart when their members are on
    average unlike — an agency's lead «نفذت وزارة الداخلية اليوم حكم القتل … بحق
    جانيين» and its closing template «وقد تم تنفيذ حكم القتل … بالجانيين», each
    printed by several outlets. The largest cluster's representative stands for the
    merged one; another cluster's member is cited when it states that representative
    (:func:`marsad.citations.states` and its figures), else left out (a looser wording
    of the same development, not a second entry)."""
    from marsad.citations import figures_stated, same_text, states

    if len(clusters) < 2:
        return clusters
    from marsad.reuse.groups import _components

    reps = [block[rep_x] for rep_x, _ in clusters]
    edges = [
        (x, y)
        for x, y, shared, cosine in _candidate_pairs([_light_words(r.text) for r in reps])
        if shared >= _MIN_SHARED_WORDS
        and cosine >= _MIN_RESTATED_COSINE
        and _compatible(reps[x].date, reps[y].date)
        and _restated(reps[x].text, reps[y].text) > 0
    ]
    if not edges:
        return clusters
    joined = _components(len(clusters), edges)
    placed = {c for members in joined for c in members}
    out: list[tuple[int, list[int]]] = [clusters[c] for c in range(len(clusters)) if c not in placed]
    for members in joined:
        head = max(members, key=lambda c: (len(clusters[c][1]), -c))
        rep_x, cited = clusters[head][0], list(clusters[head][1])
        rep = block[rep_x]
        for c in members:
            if c == head:
                continue
            for x in [clusters[c][0], *clusters[c][1]]:
                other = block[x]
                if same_text(rep.text, other.text) or (
                    states(rep.text, other.text) and figures_stated(rep.text, other.text, texts.get(other.article_id, ()))
                ):
                    cited.append(x)
        out.append((rep_x, cited))
    return out


def build_timeline(
    articles: Iterable[Article],
    references: dict[str, dt.date] | None = None,
    storylines: Sequence[Storyline] = (),
    reuse: Sequence[Reuse] = (),
    options: TimelineOptions | None = None,
    mentions: Sequence[Mention] = (),
) -> list[TimelineEntry]:
    """The timeline of a set of articles: one entry per development, ordered by date.

    Statements (:func:`article_statements`) are grouped per storyline (all articles
    together without ``storylines``); a development dated more than
    ``background_days`` before its storyline's first article, or by a year only, is
    ``background``; entries are ordered by :func:`chronological_key`; the
    statements of one development (across outlets and re-editions) become one entry
    citing every source. ``references`` gives undated articles a date to resolve
    relative expressions against (article id → date); an article's own publication
    date always wins. ``reuse`` links supply sentence alignments; ``mentions`` mask
    names when reading future tense.
    """
    options = options or TimelineOptions()
    references = references or {}
    articles = list(articles)
    links_of: dict[str, list[Reuse]] = defaultdict(list)
    for link in reuse:
        links_of[link.a].append(link)
    names: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for mention in mentions:
        names[mention.article_id].append((mention.start, mention.end))
    entries: list[TimelineEntry] = []
    for storyline_id, members in _groups(articles, storylines):
        dates = [d for a in members if (d := reference_date(a) or references.get(a.id)) is not None]
        first = min(dates) if dates else None
        statements: list[DatedStatement] = []
        for article in members:
            for statement in _recent_statements(article, references.get(article.id), names.get(article.id, ())):
                if statement.kind == "development" and (
                    len(statement.date) == 4
                    or (first is not None and _period(statement.date)[1] < first - dt.timedelta(days=options.background_days))
                ):
                    # long before the storyline, or dated by a year only («هذا العام»،
                    # «في عام 2015»): context, not a development a reader can place
                    statement = replace(statement, kind="background")
                statements.append(statement)
        if not statements:
            continue
        ids = {a.id for a in members}
        links = [link for a in ids for link in links_of.get(a, ()) if link.b in ids]
        texts = {a.id: [s.text for s in a.sentences] for a in members}
        entries.extend(_group_entries(storyline_id, statements, links, options, texts))
    entries.sort(key=lambda e: (*chronological_key(e), _KIND_ORDER[e.kind], e.storyline_id or "", e.article_id, e.text))
    return entries


def chronological_key(entry: TimelineEntry) -> tuple[str, int]:
    """Where an entry stands in time: at the last day its date can mean, the precise
    before the coarse. A month or year entry («الشهر الماضي», «هذا العام») is known only
    to lie within its period, so it does not outrank the dated developments inside it:
    «2015-07» comes after «2015-07-31», not before «2015-07-01»."""
    return _period(entry.date)[1].isoformat(), -_precision(entry.date)
