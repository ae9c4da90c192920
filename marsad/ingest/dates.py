"""Absolute date expressions in Arabic (and English) news text.

Pure functions over strings, shared by ingest (an article's publication date when it
has no metadata) and the timeline stage (dated statements). They find *absolute*
dates only — ``الجمعة 11 سبتمبر/ أيلول 2015``, ``30 حزيران (يونيو) 2012``,
``11/9/2015``, ``2015-09-11``, ``آب العام 2014`` — relative ones (``أمس الخميس``) need
a reference date and belong to the timeline stage.

Month names come in three Arabic families plus English, each with spelling variants
(hamza/alef forms, ى/ي, final ه/ة are matched loosely):

* Egyptian/Gulf transliterations: يناير … ديسمبر (يونيه، يوليه، إبريل، اغسطس …)
* Levantine/Iraqi Syriac names: كانون الثاني، شباط، آذار … كانون الأول
* Maghrebi: جانفي، فيفري، أفريل، ماي، جوان، جويلية، أوت، (Moroccan) يوليوز، غشت،
  شتنبر، نونبر، دجنبر
* English: January … December (and 3-letter abbreviations)

Outlets often print two names for one month (``سبتمبر/ أيلول``, ``حزيران (يونيو)``,
``ايلول/سبتمبر``); both are consumed as one month when they agree.

Hijri (Umm al-Qura) dates — ``28 شوال 1436هـ``, ``06/10/1436ه`` — are converted to
Gregorian ones (:mod:`marsad.ingest.hijri`); ``DateExpression.text`` keeps the Hijri
wording.

Numeric dates are read day-first (the Arab convention: ``11/9/2015`` is 11 September)
unless the second number cannot be a month. Arabic-Indic digits (٠-٩, ۰-۹) are
accepted everywhere.
"""
from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from marsad.ingest.hijri import hijri_dates, windows_around

Granularity = Literal["day", "month", "year"]

# --- month and weekday names -------------------------------------------------------

#: Month number → the spellings we know. Loose letter classes are added by
#: :func:`_loose` so أغسطس/اغسطس or أيار/ايار need no separate entries.
MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: ("يناير", "كانون الثاني", "كانون ثاني", "جانفي", "january", "jan"),
    2: ("فبراير", "شباط", "فيفري", "february", "feb"),
    3: ("مارس", "آذار", "march", "mar"),
    4: ("أبريل", "إبريل", "ابريل", "نيسان", "أفريل", "april", "apr"),
    5: ("مايو", "أيار", "ماي", "may"),
    6: ("يونيو", "يونيه", "حزيران", "جوان", "june", "jun"),
    7: ("يوليو", "يوليه", "تموز", "جويلية", "يوليوز", "july", "jul"),
    8: ("أغسطس", "أغسطوس", "آب", "أوت", "غشت", "august", "aug"),
    9: ("سبتمبر", "أيلول", "شتنبر", "september", "sept", "sep"),
    10: ("أكتوبر", "تشرين الأول", "تشرين أول", "october", "oct"),
    11: ("نوفمبر", "تشرين الثاني", "تشرين ثاني", "نونبر", "november", "nov"),
    12: ("ديسمبر", "كانون الأول", "كانون أول", "دجنبر", "december", "dec"),
}

#: Weekday names (Monday = 0, as :meth:`datetime.date.weekday`).
WEEKDAY_NAMES: dict[int, tuple[str, ...]] = {
    0: ("الاثنين", "الإثنين", "الأثنين", "اثنين", "monday"),
    1: ("الثلاثاء", "الثلثاء", "tuesday"),
    2: ("الأربعاء", "الاربعاء", "wednesday"),
    3: ("الخميس", "thursday"),
    4: ("الجمعة", "friday"),
    5: ("السبت", "saturday"),
    6: ("الأحد", "الاحد", "sunday"),
}

_ALEF = "اأإآ"
_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹"
_DIGITS = str.maketrans(_INDIC_DIGITS, "01234567890123456789")
_LOOSE_ALEF_RE = re.compile(f"[{_ALEF}]")
_SPACE_RE = re.compile(r"\s+")


def _loose(name: str) -> str:
    """A regex for ``name`` that tolerates the usual spelling variants."""
    out = re.escape(name)
    out = _LOOSE_ALEF_RE.sub(f"[{_ALEF}]", out)
    out = re.sub("[يى]", "[يى]", out)
    out = re.sub(r"[ةه]$", "[ةه]", out)
    out = out.replace(r"\ ", r"\s+")
    return out


def _fold(name: str) -> str:
    """The lookup key of a month/weekday spelling: folded alef, ي, final ة, spaces."""
    name = _LOOSE_ALEF_RE.sub("ا", name.casefold())
    name = name.replace("ى", "ي")
    if name.endswith("ة"):
        name = name[:-1] + "ه"
    return _SPACE_RE.sub(" ", name.strip())


_MONTH_BY_KEY: dict[str, int] = {
    _fold(spelling): number for number, spellings in MONTH_NAMES.items() for spelling in spellings
}
_WEEKDAY_BY_KEY: dict[str, int] = {
    _fold(spelling): number for number, spellings in WEEKDAY_NAMES.items() for spelling in spellings
}


def _alternation(spellings: list[str]) -> str:
    # Longest first so "كانون الثاني" wins over a shorter prefix, "sept" over "sep".
    return "|".join(_loose(s) for s in sorted(set(spellings), key=len, reverse=True))


_MONTH_ALT = _alternation([s for spellings in MONTH_NAMES.values() for s in spellings])
_WEEKDAY_ALT = _alternation([s for spellings in WEEKDAY_NAMES.values() for s in spellings])

# Word edges: \w covers Arabic letters; Arabic prefixes (و، ب، في) are not glued on
# month names in dates, except "ب"/"و" before a day number, which digits make safe.
_B = r"(?<![\w])"
_E = r"(?![\w])"

_MONTH = rf"(?P<{{g}}>{_MONTH_ALT})"
_MONTH_PAIR = (
    _B + _MONTH.format(g="month")
    + rf"(?:\s*(?:/|\\|-|–|،|,)?\s*\(?\s*{_MONTH.format(g='month2')}\s*\)?)?" + _E
)
# A day number may carry a glued conjunction/preposition: و8 أغسطس, ب5 مايو.
_DAY_EDGE = r"(?:(?<![\w])|(?<=(?<![\w])[وبل]))"
_YEAR_WORD = r"(?:(?:ال)?عام|سنة|(?:ال)?سنة)"
_WEEKDAY = rf"(?:{_B}(?P<weekday>{_WEEKDAY_ALT}){_E}[\s،,]*(?:(?:ال)?موافق[\s،,]*)?)"

#: ``[weekday] D month[/month] [عام] YYYY`` and ``[weekday] month D, YYYY`` (English).
_NAMED_DAY_RE = re.compile(
    rf"{_WEEKDAY}?{_DAY_EDGE}(?P<day>[0-3]?\d)\s*(?:من\s+)?(?:شهر\s+)?{_MONTH_PAIR}"
    rf"[\s،,]*(?:{_YEAR_WORD}\s*)?(?P<year>\d{{4}})(?!\d)",
    re.IGNORECASE,
)
_ENGLISH_MDY_RE = re.compile(
    rf"{_WEEKDAY}?{_B}(?P<month>{_MONTH_ALT})\.?\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s+"
    rf"(?P<year>\d{{4}})(?!\d)",
    re.IGNORECASE,
)
#: ``month[/month] [العام] YYYY`` without a day (granularity "month").
_NAMED_MONTH_RE = re.compile(
    rf"(?:(?:شهر)\s+)?{_MONTH_PAIR}[\s،,]*(?:{_YEAR_WORD}\s*)?(?P<year>\d{{4}})(?!\d)",
    re.IGNORECASE,
)
#: ``YYYY-MM-DD`` / ``YYYY/MM/DD`` (ISO order).
_ISO_RE = re.compile(
    rf"{_WEEKDAY}?(?<![\d\w/.-])(?P<year>\d{{4}})(?P<sep>[-/.])(?P<month>[01]?\d)(?P=sep)"
    rf"(?P<day>[0-3]?\d)(?![\d/.-]\d)(?!\d)"
)
#: ``D/M/YYYY``, ``D-M-YYYY``, ``D.M.YYYY`` (day first).
_NUMERIC_RE = re.compile(
    rf"{_WEEKDAY}?(?<![\d\w/.-])(?P<day>[0-3]?\d)(?P<sep>[-/.])(?P<month>[01]?\d)(?P=sep)"
    rf"(?P<year>\d{{4}})(?!\d)(?![/.-]\d)"
)

_MIN_YEAR = 1900
_MAX_YEAR = 2100
_ASCII_LETTER_RE = re.compile("[A-Za-z]")
_YEAR_RE = re.compile(r"(?:19|20)\d\d")
# The longest date prefix before its year ("الخميس، الموافق 1 من شهر كانون الثاني/
# يناير العام ") is ~60 characters; after the year at most "-MM-DD" and look-aheads.
_WINDOW_BEFORE = 100
_WINDOW_AFTER = 12


@dataclass(frozen=True, slots=True)
class DateExpression:
    """An absolute date found in text; ``start``/``end`` index the text searched.

    ``month``/``day`` are ``None`` when the text did not give them (granularity
    "month" or "year"). ``weekday`` is the weekday named next to the date, if any
    (Monday = 0), whether or not it agrees with the calendar.
    """

    start: int
    end: int
    text: str
    year: int
    month: int | None
    day: int | None
    weekday: int | None = None

    @property
    def granularity(self) -> Granularity:
        """How precise the expression is."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    @property
    def iso(self) -> str:
        """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` (the timeline's date format)."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def month_number(name: str) -> int | None:
    """The month (1-12) a month name denotes, in any spelling we know; else None.

    >>> month_number("ايلول"), month_number("يونيه"), month_number("كانون  الثاني")
    (9, 6, 1)
    """
    return _MONTH_BY_KEY.get(_fold(name))


def weekday_number(name: str) -> int | None:
    """The weekday (Monday = 0) a weekday name denotes; else None."""
    return _WEEKDAY_BY_KEY.get(_fold(name))


def ascii_digits(text: str) -> str:
    """``text`` with Arabic-Indic digits replaced by ASCII ones (same length)."""
    # str.translate is slow on non-ASCII text; most texts have no such digit.
    if any(digit in text for digit in _INDIC_DIGITS):  # str.find speed, ~10x a regex
        return text.translate(_DIGITS)
    return text


def _valid(year: int, month: int, day: int | None) -> bool:
    if not (_MIN_YEAR <= year <= _MAX_YEAR and 1 <= month <= 12):
        return False
    if day is None:
        return True
    try:
        _dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _named_month(match: re.Match[str]) -> int | None:
    """The month of a match with ``month`` and optional ``month2``; None on conflict."""
    first = month_number(match.group("month"))
    second = match.groupdict().get("month2")
    if second is not None and month_number(second) != first:
        return None
    return first


def _weekday(match: re.Match[str]) -> int | None:
    name = match.groupdict().get("weekday")
    return weekday_number(name) if name else None


def _year_windows(digits: str) -> list[tuple[int, int]]:
    """Spans of ``digits`` that can hold a date: around each plausible 4-digit year.

    Every absolute date names its year, so the costly patterns only run near one
    (``finditer(text, pos, endpos)`` still sees the characters before ``pos`` for
    look-behinds). Overlapping windows are merged.
    """
    size = len(digits)
    years = (
        match.span()
        for match in _YEAR_RE.finditer(digits)
        # (No look-arounds in the pattern: checking the neighbours here is faster.)
        if not (match.start() and digits[match.start() - 1].isdigit())
        and not (match.end() < size and digits[match.end()].isdigit())
    )
    return windows_around(years, size, _WINDOW_BEFORE, _WINDOW_AFTER)


def parse_date_expressions(text: str) -> list[DateExpression]:
    """Every absolute date in ``text``, in order of position, without overlaps.

    Day-precise forms are tried first; a month-year expression is kept only where no
    day-precise one covers it. Impossible dates (31 شباط, year 0212) are dropped.

    >>> [d.iso for d in parse_date_expressions("الجمعة 11 سبتمبر/ أيلول 2015 ومنذ آذار/مارس 2014")]
    ['2015-09-11', '2014-03']
    """
    digits = ascii_digits(text)
    windows = _year_windows(digits)
    found: list[DateExpression] = []
    taken: list[tuple[int, int]] = []

    def overlaps(start: int, end: int) -> bool:
        return any(start < t_end and t_start < end for t_start, t_end in taken)

    def add(match: re.Match[str], year: int, month: int | None, day: int | None) -> None:
        start, end = match.span()
        if month is None or not _valid(year, month, day) or overlaps(start, end):
            return
        taken.append((start, end))
        found.append(
            DateExpression(start, end, text[start:end], year, month, day, _weekday(match))
        )

    def matches(pattern: re.Pattern[str], needs_latin: bool = False) -> Iterator[re.Match[str]]:
        for start, end in windows:
            if needs_latin and not _ASCII_LETTER_RE.search(digits, start, end):
                continue
            yield from pattern.finditer(digits, start, end)

    for match in matches(_NAMED_DAY_RE):
        add(match, int(match.group("year")), _named_month(match), int(match.group("day")))
    for match in matches(_ENGLISH_MDY_RE, needs_latin=True):
        add(match, int(match.group("year")), month_number(match.group("month")),
            int(match.group("day")))
    for match in matches(_ISO_RE):
        add(match, int(match.group("year")), int(match.group("month")), int(match.group("day")))
    for match in matches(_NUMERIC_RE):
        first, second = int(match.group("day")), int(match.group("month"))
        day, month = (first, second) if second <= 12 else (second, first)
        add(match, int(match.group("year")), month, day)
    for match, (year, month, day) in hijri_dates(digits, _loose, _WEEKDAY):
        add(match, year, month, day)
    for match in matches(_NAMED_MONTH_RE):
        add(match, int(match.group("year")), _named_month(match), None)
    found.sort(key=lambda d: d.start)
    return found


# --- dates from metadata -------------------------------------------------------------

_ISO_PREFIX_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s_])")
_EPOCH_RE = re.compile(r"^\s*\d{9,13}(?:\.\d+)?\s*$")


def normalize_date(value: object) -> str | None:
    """A metadata date as ``YYYY-MM-DD``; None if it is not a recognisable date.

    Accepts ISO dates and timestamps (``2015-07-21 02:51:35``,
    ``2015-07-21T02:51:35+03:00``), RFC 2822 (``Tue, 21 Jul 2015 02:51:35 GMT``),
    Unix epochs (seconds or milliseconds), day-first numeric dates and Arabic or
    English month names (``21 يوليو 2015``). The calendar date is kept as written;
    no time-zone shift is applied, because outlets stamp local dates.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)) or (isinstance(value, str) and _EPOCH_RE.match(value)):
        try:
            seconds = float(value)
        except (OverflowError, ValueError):  # an integer past float range: no date
            return None
        if not 1e8 <= seconds < 1e14:  # small numbers are counts, not 1970 timestamps
            return None
        if seconds > 1e11:  # milliseconds
            seconds /= 1000
        try:
            stamp = _dt.datetime.fromtimestamp(seconds, tz=_dt.timezone.utc)
        except (OverflowError, OSError, ValueError):
            return None
        return stamp.date().isoformat() if _valid(stamp.year, stamp.month, stamp.day) else None
    if not isinstance(value, str):
        return None
    text = ascii_digits(value.strip())
    if not text or len(text) > 100:
        return None
    iso = _ISO_PREFIX_RE.match(text)
    if iso:
        year, month, day = (int(g) for g in iso.groups())
        return f"{year:04d}-{month:02d}-{day:02d}" if _valid(year, month, day) else None
    expressions = [d for d in parse_date_expressions(text) if d.granularity == "day"]
    if expressions:
        return expressions[0].iso
    return _dateutil_date(text)


def _dateutil_date(text: str) -> str | None:
    """Last resort for metadata strings: dateutil, day-first, no invented parts."""
    from dateutil import parser as date_parser

    # Parse twice with different defaults: a part dateutil had to invent differs.
    try:
        one = date_parser.parse(text, dayfirst=True, default=_dt.datetime(1901, 1, 1))
        two = date_parser.parse(text, dayfirst=True, default=_dt.datetime(1902, 2, 2))
    except (ValueError, OverflowError, TypeError, date_parser.ParserError):
        return None
    if one.date() != two.date() or not _valid(one.year, one.month, one.day):
        return None
    return one.date().isoformat()
