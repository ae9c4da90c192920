"""Hijri dates in Arabic news text, converted to the Gregorian calendar.

Saudi outlets date events in the Umm al-Qura calendar (``الخميس 28 شوال 1436هـ``,
``06/10/1436ه``), often with no Gregorian date beside it. Recognized forms, with
Arabic-Indic digits too:

* ``[weekday] D [من] [شهر] <Hijri month> [عام] YYYY[هـ]`` — the month name makes it
  Hijri, so the ``هـ`` mark is optional;
* ``D/M/YYYY هـ`` and ``YYYY/M/D هـ`` — numeric, only with the ``هـ`` (or ``ه``,
  ``للهجرة``) mark, since ``6/10/1436`` alone could be anything.

Years 1343–1500 AH (1924–2077 CE), the span of the ``hijridate`` package's
Umm al-Qura table; a day that does not exist in a month (30 in a 29-day month) is
dropped, as an impossible Gregorian date is. A Hijri month without a day is not
converted: it straddles two Gregorian months.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

from hijridate import Hijri

from marsad.arabic import normalize
from marsad.arabic.lexicons import HIJRI_MONTHS

__all__ = ["hijri_dates", "to_gregorian"]

_MARK = r"(?:\s*(?:هـ|ه(?![\w])|للهجرة|الهجري|الهجرية))"
_YEAR = r"(?P<year>1[34]\d\d)(?!\d)"


def to_gregorian(year: int, month: int, day: int) -> tuple[int, int, int] | None:
    """The Gregorian ``(year, month, day)`` of an Umm al-Qura date; None if impossible."""
    try:
        date = Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return date.year, date.month, date.day


def hijri_dates(digits: str, loose: Callable[[str], str], weekday: str) -> Iterator[tuple[re.Match[str], tuple[int, int, int]]]:
    """``(match, Gregorian (year, month, day))`` for each Hijri date in ``digits`` (ASCII
    digits), named forms first. Every match has ``day``, ``month``/``hmonth``, ``year``
    and ``weekday`` groups.

    Month spellings are :data:`marsad.arabic.lexicons.HIJRI_MONTHS`; ``loose`` (their
    variant-tolerant regex) and the ``weekday`` sub-pattern come from
    :mod:`marsad.ingest.dates`, so they are matched as its Gregorian months are.
    """
    if "13" not in digits and "14" not in digits:
        return
    windows = _year_windows(digits)
    for number, pattern in enumerate(_patterns(loose, weekday)):
        for match in (m for start, end in windows for m in pattern.finditer(digits, start, end)):
            month = _month_of(match.group("hmonth")) if number == 0 else int(match.group("month"))
            if month is not None and 1 <= month <= 12:
                found = to_gregorian(int(match.group("year")), month, int(match.group("day")))
                if found is not None:
                    yield match, found


#: a Hijri year; every form names one, so the patterns run only near one
_YEAR_ANCHOR_RE = re.compile(r"1[34]\d\d(?!\d)")
#: characters a date may reach before its year («الأربعاء الموافق 28 من شهر ذو القعدة
#: عام ») and after it (the mark, «/10/6 هـ» of the year-first form, look-aheads)
_BEFORE_YEAR, _AFTER_YEAR = 100, 24


def _year_windows(digits: str) -> list[tuple[int, int]]:
    """Merged spans of ``digits`` around each Hijri-looking year (``finditer(text, pos,
    endpos)`` still sees the characters before ``pos`` for the look-behinds)."""
    years = (m.span() for m in _YEAR_ANCHOR_RE.finditer(digits))
    return windows_around(years, len(digits), _BEFORE_YEAR, _AFTER_YEAR)


def windows_around(
    spans: Iterable[tuple[int, int]], size: int, before: int, after: int
) -> list[tuple[int, int]]:
    """The spans (in order) widened by ``before``/``after`` characters within
    ``0..size``, overlapping ones merged (shared with ``dates._year_windows``)."""
    windows: list[tuple[int, int]] = []
    for span_start, span_end in spans:
        start, end = max(0, span_start - before), min(size, span_end + after)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


def _month_of(name: str) -> int | None:
    return HIJRI_MONTHS.get(" ".join(normalize(name).lower().split()))


@lru_cache(maxsize=1)
def _patterns(loose: Callable[[str], str], weekday: str) -> tuple[re.Pattern[str], ...]:
    """Named (``28 شوال 1436``), numeric day-first and year-first (with the mark)."""
    spellings = sorted(HIJRI_MONTHS, key=len, reverse=True)
    months = "|".join(loose(s) for s in spellings)
    start = rf"{weekday}?(?<![\d\w/.-])"
    return (
        re.compile(
            rf"{start}(?P<day>[0-3]?\d)\s*(?:من\s+)?(?:شهر\s+)?(?P<hmonth>{months})(?![\w])"
            rf"[\s،,]*(?:(?:ال)?عام\s*|سنة\s*)?{_YEAR}{_MARK}?"
        ),
        re.compile(rf"{start}(?P<day>[0-3]?\d)\s*/\s*(?P<month>[01]?\d)\s*/\s*{_YEAR}{_MARK}"),
        re.compile(rf"{start}{_YEAR}\s*/\s*(?P<month>[01]?\d)\s*/\s*(?P<day>[0-3]?\d)(?!\d){_MARK}"),
    )
