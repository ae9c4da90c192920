"""Shared lexicons: keys in matching form, spelling variants, seed speech verbs."""
from __future__ import annotations

from marsad.arabic import normalize, words
from marsad.arabic.lexicons import (
    ACCORDING_TO,
    GREGORIAN_MONTHS,
    HIJRI_MONTHS,
    LEVANTINE_MONTHS,
    MAX_PHRASE_WORDS,
    MONTHS,
    SPEECH_PARTICIPLES,
    SPEECH_VERB_FORMS,
    SPEECH_VERBS,
    STOPWORDS,
    TITLES,
    WEEKDAYS,
    is_stopword,
)
from tests.conftest import seed_path


def _m(name: str) -> int:
    return MONTHS[normalize(name)]


def test_month_spelling_variants() -> None:
    assert _m("أغسطس") == _m("اغسطس") == _m("آب") == 8
    assert _m("سبتمبر") == _m("أيلول") == _m("ايلول") == 9
    assert _m("يونيو") == _m("يونيه") == _m("حزيران") == 6
    assert _m("يناير") == _m("كانون الثاني") == 1 and _m("ديسمبر") == _m("كانون الأول") == 12
    assert _m("تشرين الأول") == 10 and _m("تشرين الثاني") == 11
    assert sorted(set(GREGORIAN_MONTHS.values())) == list(range(1, 13))
    assert sorted(set(LEVANTINE_MONTHS.values())) == list(range(1, 13))
    assert HIJRI_MONTHS[normalize("ذو الحجة")] == 12 and HIJRI_MONTHS["رمضان"] == 9


def test_seed_dates_resolve() -> None:
    text = seed_path("001").read_text(encoding="utf-8")  # "11 سبتمبر/ أيلول 2015"
    ws = words(text)
    i = ws.index("سبتمبر")
    assert ws[i - 1] == "11" and MONTHS[ws[i]] == MONTHS[ws[i + 1]] == 9 and ws[i + 2] == "2015"
    assert WEEKDAYS[ws[ws.index("الجمعه")]] == 5


def test_weekdays_iso() -> None:
    assert WEEKDAYS[normalize("الإثنين")] == WEEKDAYS["الاثنين"] == 1
    assert WEEKDAYS[normalize("الأحد")] == 7 and WEEKDAYS[normalize("الجمعة")] == 5
    # "أحد المصدرين" is "one of the sources", not Sunday; اثنين is "two"
    assert normalize("أحد") not in WEEKDAYS and normalize("اثنين") not in WEEKDAYS


def test_speech_verbs_forms() -> None:
    assert SPEECH_VERBS[normalize("قالت")] == "قال"
    assert SPEECH_VERBS[normalize("نفت")] == SPEECH_VERBS[normalize("نفوا")] == normalize("نفى")
    assert SPEECH_VERBS[normalize("وأضافت")] == normalize("أضاف")
    assert SPEECH_VERBS[normalize("فقال")] == "قال"
    assert SPEECH_PARTICIPLES[normalize("مشيراً")] == normalize("أشار")
    # ambiguous nouns are deliberately absent
    assert "بين" not in SPEECH_VERB_FORMS and "رد" not in SPEECH_VERB_FORMS


def test_seed_000_speech_verbs_found() -> None:
    ws = set(words(seed_path("000").read_text(encoding="utf-8")))
    for verb in ("قال", "وأضاف", "ولفت", "دعا", "وطالب", "نفى", "أقر", "واعتبر", "نقلت", "مشيراً", "موضحاً"):
        assert normalize(verb) in ws and normalize(verb) in SPEECH_VERB_FORMS, verb


def test_stopwords_are_function_words() -> None:
    assert len(STOPWORDS) > 5000
    for w in ("في", "من", "إلى", "الى", "التي", "بأنه", "ولكن", "أيضا"):
        assert is_stopword(w), w
    for w in ("قال", "الرئيس", "سوريا", "روسيا", "الجيش", "وزير"):
        assert not is_stopword(w), w
    # listed by the package, but content words in news (or equal to one once normalized)
    for w in ("أمن", "الأمن", "وفاة", "أوبك", "أبها", "الشمال", "شهر", "مساء", "ولاية"):
        assert not is_stopword(w), w
    assert all(normalize(w) == w for w in list(STOPWORDS)[:2000])


def test_titles_and_phrases() -> None:
    for t in ("الرئيس", "وزير", "المتحدث باسم", "السفير", "ولي العهد", "وزير الخارجية"):
        assert normalize(t) in TITLES, t
    assert "حسب" in ACCORDING_TO and normalize("نقلاً عن") in ACCORDING_TO
    assert MAX_PHRASE_WORDS >= 3
