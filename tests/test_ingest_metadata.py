"""Date expressions, outlet/date guessing and title splitting (pure functions)."""
from __future__ import annotations

from pathlib import Path

import pytest

from marsad.ingest.dates import month_number, normalize_date, parse_date_expressions, weekday_number
from marsad.ingest.metadata import outlet_from_text, outlet_from_url, published_from_text
from marsad.ingest.text import split_title

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


def _seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


@pytest.mark.parametrize("name, number", [
    ("سبتمبر", 9), ("أيلول", 9), ("ايلول", 9), ("يونيو", 6), ("يونيه", 6), ("حزيران", 6),
    ("أغسطس", 8), ("اغسطس", 8), ("آب", 8), ("كانون الثاني", 1), ("كانون  ثاني", 1),
    ("تشرين الأول", 10), ("تشرين الاول", 10), ("إبريل", 4), ("نيسان", 4), ("أيار", 5),
    ("ايار", 5), ("جويلية", 7), ("غشت", 8), ("October", 10), ("كانون الأول", 12),
])
def test_month_spellings(name, number):
    assert month_number(name) == number


def test_month_and_weekday_unknown():
    assert month_number("الجمعة") is None and month_number("سوريا") is None
    assert weekday_number("الجمعة") == 4 and weekday_number("الاثنين") == 0


@pytest.mark.parametrize("text, iso, weekday", [
    ("الجمعة 11 سبتمبر/ أيلول 2015", "2015-09-11", 4),
    ("بيان جنيف في 30 حزيران (يونيو) 2012.", "2012-06-30", None),
    ("في 11/9/2015 قال", "2015-09-11", None),
    ("بتاريخ 2015-09-11 أعلن", "2015-09-11", None),
    ("في آب العام 2014", "2014-08", None),
    ("منذ آذار/مارس 2014", "2014-03", None),
    ("الخميس، الموافق 1 تشرين الأول 2015", "2015-10-01", 3),
    ("٣٠ يونيو ٢٠١٢", "2012-06-30", None),
    ("Moscow, Russia, 14 October 2015.", "2015-10-14", None),
    ("يوم 5 من شهر مايو 2015", "2015-05-05", None),
    ("وصل و8 أغسطس 2015", "2015-08-08", None),
    # Hijri (Umm al-Qura), as SaudiNewsNet outlets print them
    ("في 5/10/1436هـ", "2015-07-21", None),
    ("ستعلن بمشيئة الله يوم الخميس 28 شوال 1436هـ،", "2015-08-13", 3),
    ("ستستأنف العمل بها يوم الاثنين 4 /10 /1436ه، ", "2015-07-20", 0),
    ("الموافق ١٥ رمضان ١٤٣٦هـ", "2015-07-02", None),
    ("بتاريخ 1436/10/06 هـ", "2015-07-22", None),
    ("في 10 ذي الحجة 1436 للهجرة", "2015-09-23", None),  # Eid al-Adha in Saudi Arabia
])
def test_date_expressions(text, iso, weekday):
    (found,) = parse_date_expressions(text)
    assert found.iso == iso and found.weekday == weekday
    assert text[found.start:found.end] == found.text


def test_date_expressions_reject_impossible_and_conflicting():
    assert [d.iso for d in parse_date_expressions("31 شباط 2015")] == ["2015-02"]
    assert parse_date_expressions("12 سبتمبر/ يونيو 2015") == []
    assert parse_date_expressions("في 5/10/1436") == []  # no هـ mark: not read as Hijri
    assert parse_date_expressions("30 صفر 1437هـ") == []  # Safar 1437 has 29 days (Umm al-Qura)
    assert parse_date_expressions("قتل 240 الف شخص منذ 2011") == []


def test_date_expressions_on_seed_003():
    found = [(d.iso, d.granularity) for d in parse_date_expressions(_seed("003"))]
    assert ("2012-06-30", "day") in found and ("2014-03", "month") in found


@pytest.mark.parametrize("value, iso", [
    ("2015-07-21 02:51:35", "2015-07-21"),
    ("2015-07-21T23:30:00+03:00", "2015-07-21"),
    ("Tue, 21 Jul 2015 02:51:35 GMT", "2015-07-21"),
    ("21/07/2015", "2015-07-21"),
    ("21 يوليو 2015", "2015-07-21"),
    ("1437440000", "2015-07-21"),
    (1437440000000, "2015-07-21"),
    ("July 2015", None),
    ("غير معروف", None),
    ("", None),
    (12, None),
    (None, None),
])
def test_normalize_date(value, iso):
    assert normalize_date(value) == iso


@pytest.mark.parametrize("url, outlet", [
    ("https://www.alarabiya.net/ar/arab-and-world/2015/09/11/x.html", "alarabiya.net"),
    ("http://aawsat.com/home/article/410826", "aawsat.com"),
    ("https://m.aljazeera.net/news", "aljazeera.net"),
    ("arabic.cnn.com/middle-east", "arabic.cnn.com"),
    ("not a url", None),
    ("", None),
])
def test_outlet_from_url(url, outlet):
    assert outlet_from_url(url) == outlet


@pytest.mark.parametrize("footer, outlet", [
    ("المصدر : الجزيرة + وكالات", "الجزيرة"),
    ("المصدر: الجزيرة ووكالات", "الجزيرة"),
    ("(المصدر: رويترز)", "رويترز"),
    ("المصدر - الأناضول", "الأناضول"),
    ("المصدر: سكاي نيوز عربية - وكالات", "سكاي نيوز عربية"),
    ("المصدر: فرانس برس، رويترز", "فرانس برس"),
    ("المصدر : وكالات", None),
])
def test_outlet_from_footer(footer, outlet):
    assert outlet_from_text("قال الوزير إن المحادثات ستستمر.\n\n" + footer) == outlet


def test_outlet_from_inline_footer():
    text = "قال الوزير إن المحادثات ستستمر في نيويورك. (المصدر: رويترز)"
    assert outlet_from_text(text) == "رويترز"
    assert outlet_from_text("قال (المصدر: رويترز) إن المحادثات ستستمر.") is None


def test_outlet_footer_only_at_the_end():
    text = "المصدر: الجزيرة\n" + "\n".join(f"فقرة رقم {i} من الخبر." for i in range(10))
    assert outlet_from_text(text) is None
    assert outlet_from_text(_seed("002")) == "الجزيرة"
    assert outlet_from_text(_seed("000")) is None


def test_published_from_text_on_seeds():
    assert published_from_text(_seed("001")).iso == "2015-09-11"
    for prefix in ["000", "002", "003", "004"]:  # no dated lead (003's 2012 is background)
        assert published_from_text(_seed(prefix)) is None


@pytest.mark.parametrize("text, iso", [
    ("الرياض 21 يوليو 2015 - أعلن المتحدث باسم الوزارة أن", "2015-07-21"),
    ("تاريخ النشر: 21/07/2015\nأعلن المتحدث باسم الوزارة أن", "2015-07-21"),
    ("أعلن المتحدث اليوم الخميس 10 سبتمبر 2015 أن الوزير سيزور موسكو.", "2015-09-10"),
    ("قرر الاتحاد عقد الاجتماع في 26 فبراير 2016 في زيورخ.", None),
    ("وفي يوم الجمعة 13 فبراير 2015 أدى خادم الحرمين الشريفين الصلاة.", None),
    ("أريزميندي من مواليد 25 يناير 1988 ويجيد اللعب في مركز الوسط.", None),
    ("أعلن المتحدث أن الاجتماع تناول عدة ملفات. " * 10 + "الخميس 10 سبتمبر 2015", None),
])
def test_published_from_text_rules(text, iso):
    found = published_from_text(text)
    assert (found.iso if found else None) == iso


def test_split_title_on_seeds():
    title, body = split_title(_seed("002"))
    assert title == "لافروف: واشنطن رفضت التنسيق بشأن سوريا"
    assert body.startswith("Russian Foreign Minister")
    for prefix in ["000", "001", "003", "004"]:
        text = _seed(prefix)
        assert split_title(text) == (None, text.strip("\n"))


def test_split_title_rules():
    lead = "قال وزير الخارجية الروسي اليوم إن بلاده ستواصل تزويد دمشق بالسلاح لمواجهة التنظيم."
    assert split_title("عنوان قصير\n" + lead + "\n" + lead) == ("عنوان قصير", lead + "\n" + lead)
    assert split_title("سطر ينتهي بنقطة.\n\n" + lead)[0] is None
    assert split_title("عنوان وحده") == (None, "عنوان وحده")
    long_line = " ".join(["كلمة"] * 25)
    assert split_title(long_line + "\n\n" + lead)[0] is None
    assert split_title("\r\nعنوان\r\n\r\n" + lead) == ("عنوان", lead)
    assert split_title("  \n\n") == (None, "")
    assert split_title("الرياض 21 يوليو 2015\n\n" + lead)[0] is None


def test_year_windows_find_what_a_full_scan_finds(monkeypatch):
    """The speed-up (patterns run only near 4-digit years) loses no date."""
    import json

    from marsad.ingest import dates

    day_file = SEEDS.parent / "data" / "saudinewsnet" / "2015-07-22.json"
    texts = [r["content"] for r in json.loads(day_file.read_text(encoding="utf-8"))[:300]]
    texts += [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    windowed = [dates.parse_date_expressions(t) for t in texts]
    monkeypatch.setattr(dates, "_year_windows", lambda digits: [(0, len(digits))])
    full = [dates.parse_date_expressions(t) for t in texts]
    assert windowed == full
    assert sum(map(len, full)) > 50
