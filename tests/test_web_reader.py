"""The reader's observatory (issue 18): day view and `GET /stories?date=`, outlet
names, Arabic dates, charts, the entity index and search totals, over the seeds and
real SaudiNewsNet records."""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from marsad.api import create_app
from marsad.ingest import IngestError, iter_articles
from marsad.model import Digest
from marsad.outlets import UNKNOWN, display_name, lookup
from marsad.store import open_store
from marsad.store.loader import ingest_into, rebuild_derived
from marsad.web import charts
from marsad.web.dates import arabic_date, relative_day
from tests.pgtmp import pg_server  # noqa: F401 - a fixture

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
SNN = SHARED / "data" / "saudinewsnet"


def _seed_articles() -> list:
    return [a for a in iter_articles([SEEDS]) if not isinstance(a, IngestError)]


def _snn_articles(n: int) -> list:
    """The first ``n`` readable records of one SaudiNewsNet day (several outlets)."""
    out = []
    for item in iter_articles([SNN / "2015-07-23.json"]):
        if not isinstance(item, IngestError):
            out.append(item)
        if len(out) >= n:
            break
    return out


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("reader") / "marsad.db"
    articles = _seed_articles()
    # give the undated seeds two days, so the day view has a latest day and a day before it
    dated = [replace(a, published=a.published or ("2015-09-10" if i % 2 else "2015-09-11")) for i, a in enumerate(articles)]
    with open_store(str(path)) as store:
        ingest_into(store, dated)
        rebuild_derived(store)
    return str(path)


@pytest.fixture(scope="module")
def client(db: str) -> Iterator[TestClient]:
    with TestClient(create_app(db, token="t")) as c:
        yield c


def test_stories_of_a_day_are_ranked_by_that_days_outlets_and_articles(client: TestClient, db: str) -> None:
    with open_store(db) as store:
        latest = store.latest_day()
        assert latest == "2015-09-11"
        assert store.adjacent_days(latest) == ("2015-09-10", None)
    body = client.get("/stories", params={"date": latest}).json()
    assert body["total"] >= 1 and body["folded"] == 0
    keys = [(s["day_outlets"], s["day_articles"]) for s in body["items"]]
    assert keys == sorted(keys, reverse=True)
    assert all(s["day_articles"] >= 1 for s in body["items"])
    # a range covering both days holds at least the stories of each day
    both = client.get("/stories", params={"from": "2015-09-10", "to": latest}).json()
    assert both["total"] >= body["total"]
    # folding single-article stories: what is shown plus what is folded is everything
    folded = client.get("/stories", params={"date": latest, "min_articles": 2}).json()
    assert folded["total"] + folded["folded"] == body["total"]
    assert all(s["articles"] >= 2 for s in folded["items"])
    # no story that day → empty, not an error
    assert client.get("/stories", params={"date": "1999-01-01"}).json()["total"] == 0


@pytest.mark.parametrize(
    "params, status",
    [
        ({"dat": "2015-09-11"}, 400),  # a typo is refused, not ignored
        ({"date": "2015-09-11", "from": "2015-09-10"}, 400),
        ({"from": "2015-09-12", "to": "2015-09-10"}, 400),
        ({"date": "11/09/2015"}, 422),
    ],
)
def test_bad_story_queries_are_refused(client: TestClient, params: dict, status: int) -> None:
    response = client.get("/stories", params=params)
    assert response.status_code == status and "error" in response.json()


def test_unknown_parameters_are_refused_everywhere(client: TestClient) -> None:
    for url in ("/articles?color=red", "/search?q=سوريا&sort=new", "/entities?type=PER", "/?foo=1"):
        response = client.get(url)
        assert response.status_code == 400, url
        assert "unknown query parameter" in response.json()["error"]


def test_home_is_the_day_view_with_day_navigation(client: TestClient) -> None:
    page = client.get("/").text
    assert "11 سبتمبر 2015" in page  # the latest day, in Arabic
    assert 'id="day-prev"' in page and 'href="/?date=2015-09-10' in page
    assert 'type="date"' in page and 'href="/docs"' in page
    before = client.get("/", params={"date": "2015-09-10"}).text
    assert 'id="day-next"' in before and "10 سبتمبر 2015" in before
    assert client.get("/", params={"date": "yesterday"}).status_code == 400


def test_pages_never_show_ids_or_paths_as_names(client: TestClient, db: str) -> None:
    with open_store(db) as store:
        digest = store.digest()
    for story in digest.storylines:
        page = client.get(f"/story/{story.id}").text
        for a in digest.articles:
            assert a.path not in page  # no file paths
            if a.id in story.article_ids and not a.outlet:
                assert UNKNOWN in page
        text = re.sub(r"<[^>]+>", " ", page)  # ids may appear in links, never as text
        assert not any(a.id in text for a in digest.articles)
    for a in digest.articles:
        page = client.get(f"/article/{a.id}").text
        assert a.path not in page


def test_entity_index_and_search_totals(client: TestClient, db: str) -> None:
    with open_store(db) as store:
        digest = store.digest()
        total = store.count_search("سوريا")
        assert total == len(store.search("سوريا", limit=200))
    page = client.get("/names").text
    mentions = [int(m) for m in re.findall(r'<span class="meta">[^<·]+· (\d+)</span>', page)]
    assert mentions and mentions == sorted(mentions, reverse=True)
    top = max(digest.entities, key=lambda e: e.mentions)
    assert top.name in page
    typed = client.get("/names", params={"type": top.type}).text
    assert top.name in typed
    found = client.get("/find", params={"q": "سوريا"}).text
    assert f"{total} مقالة" in found
    found = client.get("/find", params={"q": top.name}).text
    assert 'id="name-hits"' in found and f'href="/entity/{top.id}"' in found


def test_outlet_registry_names_every_saudinewsnet_outlet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    slugs = {r.get("source") for f in sorted(SNN.glob("*.json"))[:3] for r in json.loads(f.read_text(encoding="utf-8"))}
    assert len(slugs) >= 10
    for slug in slugs:
        known = lookup(slug)
        assert known is not None, slug
        assert re.search(r"[\u0600-\u06FF]", known.name), known  # an Arabic name
    assert display_name("spa.gov.sa") == display_name("was") == "واس"
    assert display_name("https://www.aljazeera.net/news/x") == "الجزيرة"
    assert display_name("أ ف ب") == "فرانس برس"
    assert display_name(None) == UNKNOWN and display_name("  ") == UNKNOWN
    assert display_name("example-news.org") == "example-news.org"  # unknown: as given
    user = tmp_path / "outlets.json"
    user.write_text(json.dumps({"outlets": [{"slug": "example", "hosts": ["example-news.org"], "name": "أخبار المثال", "country": "EG"}]}), encoding="utf-8")
    monkeypatch.setenv("MARSAD_OUTLETS", str(user))
    assert display_name("example-news.org") == "أخبار المثال"
    assert display_name("okaz") == "عكاظ"  # the bundled registry still applies


def test_reports_name_unknown_outlets_and_count_them_apart(tmp_path: Path) -> None:
    from marsad.report.markdown import render_markdown
    from marsad.report.view import ReportView

    articles = _snn_articles(3) + [replace(a, outlet=None) for a in _seed_articles()[:2]]
    digest = Digest(articles=articles)
    view = ReportView.of(digest)
    assert view.unknown_outlet_articles() == sum(1 for a in articles if not a.outlet)
    for a in articles:
        name = view.label(a.id)
        assert a.id not in name and a.path not in name
        assert name.startswith(UNKNOWN) if not a.outlet else name == display_name(a.outlet)
    md = render_markdown(digest)
    assert f"({view.unknown_outlet_articles()} articles from an unknown outlet)" in md


def test_arabic_dates_and_relative_days() -> None:
    assert arabic_date("2015-08-06") == "6 أغسطس 2015"
    assert arabic_date("2015-08") == "أغسطس 2015"
    assert arabic_date("not a date") == "not a date"
    today = date(2015, 8, 10)
    assert relative_day("2015-08-10", today) == "اليوم"
    assert relative_day("2015-08-09", today) == "أمس"
    assert relative_day("2015-08-06", today) == "قبل 4 أيام"
    assert relative_day("2015-06-06", today) == "قبل شهرين"
    assert relative_day("2004-08-06", today) == "قبل 11 سنة"


def test_charts_are_svg_with_escaped_names_and_a_named_dated_original() -> None:
    bars = str(charts.bar_chart([("عكاظ", 3), ("<script>", 1)], "مصادر"))
    assert bars.startswith("<svg") and "&lt;script&gt;" in bars and "<script>" not in bars
    assert bars.index("عكاظ") < bars.index("&lt;script&gt;")  # biggest first
    hist = str(charts.day_histogram(["2015-07-21", "2015-07-23", "2015-07-23"], "أيام"))
    assert hist.count("<rect") == 2 and "23 يوليو" in hist  # the empty day between has no bar
    graph = str(
        charts.copy_graph(
            charts.CopyNode("/article/a", "واس", "2015-07-23"),
            [charts.CopyNode("/article/b", "عكاظ", "2015-07-24", 0.9), charts.CopyNode("/article/c", "الرياض", "2015-07-24", 0.5)],
            "يذكر الوكالة",
            "نقل",
        )
    )
    assert "واس" in graph and "23 يوليو 2015" in graph and graph.count('marker-end="url(#arrow)"') == 2
    assert "90٪" in graph


def test_openapi_document_validates_and_describes_writes(client: TestClient) -> None:
    from openapi_spec_validator import validate

    spec = client.get("/openapi.json").json()
    validate(spec)  # raises on an invalid OpenAPI document
    post = spec["paths"]["/articles"]["post"]
    assert post["security"] == [{"bearer": []}]
    assert spec["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    bodies = post["requestBody"]["content"]
    assert {"application/json", "multipart/form-data"} <= set(bodies)
    assert bodies["multipart/form-data"]["schema"]["properties"]["files"]["items"]["format"] == "binary"
    for path in ("/stories", "/stories/{story_id}", "/articles", "/articles/{article_id}", "/entities", "/entities/{entity_id}", "/search", "/health"):
        ok = spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        assert ok["$ref"].split("/")[-1] in spec["components"]["schemas"], path
    assert "201" in post["responses"] and "401" in post["responses"]
    # the described StoriesPage matches what the endpoint returns
    body = client.get("/stories", params={"date": "2015-09-11"}).json()
    fields = set(spec["components"]["schemas"]["StoriesPage"]["properties"])
    assert set(body) <= fields


def test_recurring_storylines_fold_away_from_the_day_view(db: str, tmp_path: Path) -> None:
    """A storyline the stories stage marks recurring (``recurring: true`` or
    ``kind: "recurring"``) is folded on the home page and by ``recurring=false``."""
    import shutil
    import sqlite3

    copy = tmp_path / "recurring.db"
    shutil.copy(db, copy)
    with open_store(str(copy)) as store:
        day = store.latest_day()
        shown = store.day_stories(day, day)["items"]
    assert shown
    marked = shown[0]
    with sqlite3.connect(copy) as conn:
        (data,) = conn.execute("SELECT data FROM storylines WHERE id = ?", (marked["id"],)).fetchone()
        conn.execute("UPDATE storylines SET data = ? WHERE id = ?", (json.dumps({**json.loads(data), "recurring": True}), marked["id"]))
    with TestClient(create_app(str(copy))) as c:
        kept = c.get("/stories", params={"date": day, "recurring": "false"}).json()
        assert marked["id"] not in {s["id"] for s in kept["items"]} and kept["folded"] >= 1
        assert marked["id"] in {s["id"] for s in c.get("/stories", params={"date": day}).json()["items"]}
        assert f'href="/story/{marked["id"]}"' not in c.get("/").text
        assert f'href="/story/{marked["id"]}"' in c.get("/", params={"all": "1"}).text


def test_reader_views_over_postgres(pg_server: str) -> None:
    """The day view, search totals, entity index and pages run on PostgreSQL too."""
    from tests.pgtmp import fresh_database

    url = fresh_database(pg_server, "reader")
    articles = [replace(a, published=a.published or "2015-09-10") for a in _seed_articles()]
    with open_store(url) as store:
        ingest_into(store, articles)
        rebuild_derived(store)
        assert store.latest_day() == "2015-09-11"
        assert store.count_search("سوريا") == len(store.search("سوريا", limit=200)) > 0
        assert store.entities_by_type(None, limit=5)["total"] >= 1
    with TestClient(create_app(url)) as c:
        day = c.get("/stories", params={"from": "2015-09-10", "to": "2015-09-11"}).json()
        assert day["total"] >= 1
        for page in ("/", "/names", "/find?q=سوريا", f"/story/{day['items'][0]['id']}"):
            assert c.get(page).status_code == 200, page


def test_a_day_card_of_unknown_outlets_names_them_instead_of_counting_zero() -> None:
    from marsad.web import _env

    card = {"id": "st-1", "title": "عنوان", "articles": 2, "outlets": [], "day_articles": 2, "day_outlets": 0}
    html = _env().from_string('{% for s in [card] %}{% include "_storycard.html.j2" %}{% endfor %}').render(card=card)
    assert "من مصدر غير معروف في هذا اليوم" in html and "من 0 مصدر" not in html
    html = _env().from_string('{% for s in [card] %}{% include "_storycard.html.j2" %}{% endfor %}').render(card={**card, "day_outlets": 2})
    assert "من 2 مصدر في هذا اليوم" in html
