"""Dates as an Arabic reader writes them: «6 أغسطس 2015», «قبل 3 أيام».

Pure functions over ``YYYY-MM-DD`` (or longer ISO) strings; anything unreadable is
returned unchanged, so a page never fails on a odd date.
"""
from __future__ import annotations

from datetime import date

__all__ = ["MONTHS", "arabic_date", "short_arabic_date", "relative_day", "parse_day"]

#: Month names as used in the Gulf and Egyptian press (the SaudiNewsNet outlets).
MONTHS = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر")


def parse_day(value: str | None) -> date | None:
    """The day of an ISO date/time string, or None."""
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def arabic_date(value: str | None) -> str:
    """``2015-08-06`` → «6 أغسطس 2015» (``YYYY-MM`` → «أغسطس 2015»)."""
    if not value:
        return ""
    day = parse_day(value)
    if day is not None:
        return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    if len(value) == 7 and value[4] == "-" and value[:4].isdigit() and value[5:].isdigit() and 1 <= int(value[5:]) <= 12:
        return f"{MONTHS[int(value[5:]) - 1]} {value[:4]}"
    return value


def short_arabic_date(value: str | None) -> str:
    """``2015-08-06`` → «6 أغسطس» (for chart axes)."""
    day = parse_day(value)
    return f"{day.day} {MONTHS[day.month - 1]}" if day else (value or "")


def relative_day(value: str | None, today: date | None = None) -> str:
    """How long ago a day was: «اليوم», «أمس», «قبل 3 أيام», «قبل شهرين», «قبل 11 سنة»."""
    day = parse_day(value)
    if day is None:
        return ""
    today = today or date.today()
    days = (today - day).days
    if days < 0:
        return "لاحقًا"
    if days == 0:
        return "اليوم"
    if days == 1:
        return "أمس"
    if days < 30:
        return _count(days, "يوم", "يومين", "أيام", "يومًا")
    if days < 365:
        return _count(days // 30, "شهر", "شهرين", "أشهر", "شهرًا")
    return _count(days // 365, "سنة", "سنتين", "سنوات", "سنة")


def _count(n: int, one: str, two: str, few: str, many: str) -> str:
    """Arabic number agreement: 1 شهر, 2 شهرين, 3–10 أشهر, 11+ شهرًا."""
    if n == 1:
        return f"قبل {one}"
    if n == 2:
        return f"قبل {two}"
    if n <= 10:
        return f"قبل {n} {few}"
    return f"قبل {n} {many}"
