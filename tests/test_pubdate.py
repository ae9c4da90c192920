"""Publication dates from the text when the metadata date is a lagging crawl date."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from marsad.ingest.article import build_article
from marsad.ingest.pubdate import corrected_publication_date, self_dated
from tests.conftest import SAUDINEWSNET, seed_path

_WEEKDAY_WORDS = {0: "الاثنين", 1: "الثلاثاء", 2: "الأربعاء", 3: "الخميس", 4: "الجمعة", 5: "السبت", 6: "الأحد"}


def test_today_with_weekday_beats_a_crawl_date_a_day_late() -> None:
    body = "أعلنت وزارة الصحة اليوم الخميس تسجيل حالات جديدة في المنطقة الشرقية."
    # 2015-07-24 was a Friday: a crawl a day after the Thursday the text names.
    assert corrected_publication_date(body, "2015-07-24 06:55:05") == "2015-07-23"
    article = build_article("x.json#0", body, published="2015-07-24 06:55:05")
    assert (article.published, article.published_from) == ("2015-07-23", "text")


def test_agreeing_or_undated_text_keeps_the_metadata_date() -> None:
    assert corrected_publication_date("أعلنت الوزارة اليوم الخميس النتائج.", "2015-07-23") is None
    assert corrected_publication_date("أعلنت الوزارة أمس النتائج النهائية.", "2015-07-24") is None
    # «أمس الأربعاء» and «اليوم الخميس» name the same Thursday: one day, accepted
    both = "قال الوزير اليوم الخميس إن الاجتماع الذي عقد أمس الأربعاء كان مثمرا."
    assert self_dated(both, dt.date(2015, 7, 24)) == dt.date(2015, 7, 23)
    # expressions that disagree change nothing
    assert corrected_publication_date("قال اليوم الخميس ... وقال اليوم الجمعة", "2015-07-25") is None


def test_seed_keeps_its_dated_lead() -> None:
    body = seed_path("001").read_text(encoding="utf-8")
    assert build_article("001.txt", body).published == "2015-09-11"


def test_corrections_on_a_real_day_name_the_weekday_they_move_to() -> None:
    path = SAUDINEWSNET / "2015-07-25.json"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    corrected = 0
    for index, record in enumerate(json.loads(path.read_text(encoding="utf-8"))):
        body = record["content"] or ""
        found = corrected_publication_date(body, record["date_extracted"])
        if found is None:
            continue
        corrected += 1
        day = dt.date.fromisoformat(found)
        lag = (dt.date.fromisoformat(record["date_extracted"][:10]) - day).days
        assert 1 <= lag <= 3, index
        # the text names that day's weekday (اليوم) or the day before's (أمس / أول أمس)
        named = [_WEEKDAY_WORDS[(day.weekday() - back) % 7][2:] for back in (0, 1, 2)]
        assert any(word in body for word in named), index
    assert corrected >= 20
