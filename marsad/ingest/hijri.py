"""Hijri dates in Arabic news text, converted to the Gregorian calendar.

Saudi outlets date events in the Umm al-Qura calendar (``الخميس 28 شوال 1436هـ``,
``06/10/1436ه``), often with no Gregorian date beside it. Recognized forms, with
Arabic-Indic digits too:

* ``[weekday] D [من] [شهر] <Hijri month> [عام] YYYY[هـ]`` — the month name makes it
  Hijri, so the ``هـ`` mark is optional;
* ``D/M/YYYY هـ`` and ``YYYY/M/D هـ`` — numeric, only with the ``هـ`` (or ``ه``,
  ``للهجرة``) mark, since ``6/10/1436`` alone could be anything.

Years 1300–1499 AH (1882–2077 CE). Conversion is the ``hijridate`` package's
Umm al-Qura table; a day that does not exist in a month (30 in a 29-day month) is
dropped, as an impossible Gregorian date is. A Hijri month without a day is not
converted: it straddles two Gregorian months.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache

from hijridate import Hijri

__all__ = ["HIJRI_MONTHS", "hijri_dates", "to_gregorian"]

#: Hijri month number → spellings (alef/ya/ta-marbuta variants are matched loosely).
HIJRI_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("محرم", "المحرم"),
    2: ("صفر",),
    3: ("ربيع الأول", "ربيع أول"),
    4: ("ربيع الآخر", "ربيع الثاني", "ربيع آخر", "ربيع ثاني"),
    5: ("جمادى الأولى", "جمادى الأول", "جمادى أولى"),
    6: ("جمادى الآخرة", "جمادى الثانية", "جمادى الآخر", "جمادى ثاني"),
    7: ("رجب",),
    8: ("شعبان",),
    9: ("رمضان",),
    10: ("شوال",),
    11: ("ذو القعدة", "ذي القعدة"),
    12: ("ذو الحجة", "ذي الحجة"),
}

_MARK = r"(?:\s*(?:هـ|ه(?![\w])|للهجرة|الهجري|الهجرية))"
_YEAR = r"(?P<year>1[34]\d\d)(?!\d)"


def to_gregorian(year: int, month: int, day: int) -> tuple[int, int, int] | None:
    """The Gregorian ``(year, month, day)`` of an Umm al-Qura date; None if impossible."""
    try:
        date = Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return date.year, date.month, date.day


def hijri_dates(
    digits: str, loose: Callable[[str], str], fold: Callable[[str], str], weekday: str
) -> Iterator[tuple[re.Match[str], tuple[int, int, int]]]:
    """``(match, Gregorian (year, month, day))`` for each Hijri date in ``digits`` (ASCII
    digits), named forms first. Every match has ``day``, ``month``/``hmonth``, ``year``
    and ``weekday`` groups.

    ``loose``/``fold`` and the ``weekday`` sub-pattern come from
    :mod:`marsad.ingest.dates`, so spellings are matched as its month names are.
    """
    if "13" not in digits and "14" not in digits:
        return
    keys = _month_keys(fold)
    for number, pattern in enumerate(_patterns(loose, weekday)):
        for match in pattern.finditer(digits):
            month = keys.get(fold(match.group("hmonth"))) if number == 0 else int(match.group("month"))
            if month is not None and 1 <= month <= 12:
                found = to_gregorian(int(match.group("year")), month, int(match.group("day")))
                if found is not None:
                    yield match, found


@lru_cache(maxsize=1)
def _month_keys(fold: Callable[[str], str]) -> dict[str, int]:
    return {fold(s): n for n, spellings in HIJRI_MONTHS.items() for s in spellings}


@lru_cache(maxsize=1)
def _patterns(loose: Callable[[str], str], weekday: str) -> tuple[re.Pattern[str], ...]:
    """Named (``28 شوال 1436``), numeric day-first and year-first (with the mark)."""
    spellings = sorted({s for names in HIJRI_MONTHS.values() for s in names}, key=len, reverse=True)
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
