"""Ingest on real text: the seed articles and SaudiNewsNet day files."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from marsad.ingest import IngestError, article_id, discover, iter_articles
from marsad.model import Article

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
SAUDI = SHARED / "data" / "saudinewsnet"


def _articles(inputs) -> list[Article]:
    items = list(iter_articles(inputs))
    errors = [str(i) for i in items if isinstance(i, IngestError)]
    assert not errors, errors
    return items  # type: ignore[return-value]


def _seed(prefix: str, articles: list[Article]) -> Article:
    return next(a for a in articles if Path(a.path).name.startswith(prefix))


def test_seeds_load_with_stable_distinct_ids():
    first = _articles([SEEDS])
    second = _articles([str(SEEDS)])
    assert len(first) == 5
    assert [a.id for a in first] == [a.id for a in second]
    assert all(re.fullmatch(r"[0-9a-f]{16}", a.id) for a in first)
    assert len({a.id for a in first}) == 5
    assert [Path(a.path).name[:3] for a in first] == ["000", "001", "002", "003", "004"]


def test_seed_bodies_are_not_cleaned():
    articles = _articles([SEEDS])
    original = (SEEDS / "000_e0de50790ff44f58.txt").read_text(encoding="utf-8")
    a000 = _seed("000", articles)
    assert a000.title is None
    assert a000.body == original.strip("\n")
    assert "اقرأ أيضاً" in a000.body  # noise is the clean stage's job
    a002 = _seed("002", articles)
    assert "المصدر : الجزيرة + وكالات" in a002.body


def test_seed_002_title_and_outlet_from_footer():
    a002 = _seed("002", _articles([SEEDS]))
    assert a002.title == "لافروف: واشنطن رفضت التنسيق بشأن سوريا"
    assert not a002.body.startswith("لافروف: واشنطن")
    assert a002.outlet == "الجزيرة"
    # The photo caption's "Moscow, Russia, 14 October 2015" is not a dateline:
    # captions often date file photos, so no date is claimed.
    assert (a002.published, a002.published_from) == (None, None)


def test_seed_001_published_from_text():
    a001 = _seed("001", _articles([SEEDS]))
    assert a001.title is None
    assert (a001.published, a001.published_from) == ("2015-09-11", "text")


def test_seed_003_background_date_is_not_publication_date():
    # "بيان جنيف في 30 حزيران (يونيو) 2012" sits deep in the body without a weekday.
    a003 = _seed("003", _articles([SEEDS]))
    assert "30 حزيران (يونيو) 2012" in a003.body
    assert a003.published is None and a003.published_from is None
    a004 = _seed("004", _articles([SEEDS]))
    assert a004.published is None  # "آب العام 2014" is a month, and background


def test_article_id_ignores_whitespace_only_changes():
    body = (SEEDS / "003_ca0cb7257febc4c2.txt").read_text(encoding="utf-8")
    rewrapped = "\n\n".join(" ".join(line.split()) for line in body.splitlines())
    assert article_id(None, body) == article_id(None, rewrapped + "\n")
    assert article_id("عنوان", body) != article_id(None, body)


def test_discover_sorted_recursive_skips_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    for name in ["b/2.txt", "b/1.txt", "a.txt", ".hidden.txt", ".git/x.txt"]:
        (tmp_path / name).write_text("نص", encoding="utf-8")
    found = [p.relative_to(tmp_path).as_posix() for p in discover([tmp_path, tmp_path / "a.txt"])]
    assert found == ["a.txt", "b/1.txt", "b/2.txt"]


def _saudi_day(name: str) -> tuple[list, list[Article | IngestError]]:
    path = SAUDI / name
    records = json.loads(path.read_text(encoding="utf-8"))
    return records, list(iter_articles([path]))


def test_saudinewsnet_day_file_loads_fully():
    records, items = _saudi_day("2015-07-21.json")
    assert len(items) == len(records)
    articles = [i for i in items if isinstance(i, Article)]
    errors = [i for i in items if isinstance(i, IngestError)]
    # Only records whose content is blank are refused, each by its own address.
    blank = {i for i, r in enumerate(records) if not r["content"].strip()}
    assert {int(e.path.rsplit("#", 1)[1]) for e in errors} == blank
    assert all("no article text" in e.reason for e in errors)
    for article in articles:
        index = int(article.path.rsplit("#", 1)[1])
        record = records[index]
        assert article.path == f"{SAUDI / '2015-07-21.json'}#{index}"
        assert article.outlet == record["source"]
        assert article.url == record["url"]
        # the crawl date, unless the text dates itself a few days earlier (ingest/pubdate.py)
        if article.published_from == "metadata":
            assert article.published == record["date_extracted"][:10]
        else:
            assert article.published_from == "text" and article.published < record["date_extracted"][:10]
        assert article.title == (" ".join(record["title"].split()) or None)
    assert len({a.outlet for a in articles}) >= 10


@pytest.mark.slow
def test_all_saudinewsnet_files_load():
    files = sorted(SAUDI.glob("*.json"))
    total = sum(len(json.loads(f.read_text(encoding="utf-8"))) for f in files)
    items = list(iter_articles([SAUDI]))
    assert len(items) == total
    articles = [i for i in items if isinstance(i, Article)]
    assert len(articles) > 0.95 * total
    assert all(a.published_from == "metadata" and a.outlet for a in articles)
