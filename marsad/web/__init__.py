"""The web UI: server-rendered Jinja2 pages, Arabic and right-to-left first.

No build step and no JavaScript: every page is plain HTML with one stylesheet and a
bundled Arabic font (``marsad/web/static``, served at ``/static/ui``), charts drawn as
server-side SVG (:mod:`marsad.web.charts`), served by the same FastAPI app as the REST
API (see :mod:`marsad.api`). Pages:

* ``/`` — the day view: a day's biggest stories (default: the latest day stored), ranked
  by outlets and articles that day, single-article and recurring stories folded away;
  ``/?order=newest|biggest|outlets`` — every story (per outlet with ``outlet=``);
* ``/story/{id}`` — summary with clickable citations, charts (coverage per outlet,
  articles per day, timeline on a time axis, copy map as a graph), events, who said
  what, outlets side by side with what each alone reported;
* ``/article/{id}`` — the clean text with quotes highlighted and names linked;
* ``/entity/{id}``; ``/names`` — entities by type, most mentioned first;
* ``/find?q=`` — stories, names and articles, with a total and highlighted snippets;
* ``/articles-list`` — every stored article, newest first.

Outlets are shown by their Arabic names (:mod:`marsad.outlets`), dates as «6 أغسطس 2015».

A section whose data the digest does not hold is left out, never filled in.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from fastapi import Depends, FastAPI, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape

from marsad.outlets import UNKNOWN, display_name
from marsad.store import Store, StoreError
from marsad.store.days import DAY_RE
from marsad.web import charts
from marsad.web.dates import arabic_date, relative_day
from marsad.web.markup import citation_numbers, citation_targets, paragraph_segments, quotes_by_speaker, sentence_runs

__all__ = ["add_pages", "label", "render"]

PAGE = 20
ENTITY_TYPES = {"PER": "شخص", "ORG": "مؤسسة", "LOC": "مكان", "MISC": "اسم"}
#: Why a variant is in an entity (``EntityMerge.why``), as the entity page says it.
MERGE_REASONS = {
    "spelling": "تهجئة أخرى للاسم",
    "proclitic": "الاسم مع حرف ملتصق به",
    "stated_alias": "اسم آخر له ذكره النص",
    "short_form_in_article": "اسم مختصر بعد الاسم الكامل في المقالة نفسها",
    "short_form": "اسم العائلة لشخص واحد فقط في الأخبار",
    "generic_head": "الاسم دون كلمة عامة قبله",
}


def label(article: dict[str, Any]) -> str:
    """How a page names an article: its title, else the start of its text, else
    «بلا عنوان» with its outlet (never an id or a file path)."""
    if article.get("title"):
        return str(article["title"])
    paragraphs = article.get("paragraphs") or []
    if paragraphs and paragraphs[0]:
        lead = paragraphs[0]
        return lead if len(lead) <= 90 else lead[:90].rsplit(" ", 1)[0] + "…"
    return f"بلا عنوان — {display_name(article.get('outlet'))}"


def source_label(article: dict[str, Any]) -> str:
    """How a citation names an article: its outlet's name, else «مصدر غير معروف» with
    the start of its title."""
    if article.get("outlet"):
        return display_name(article["outlet"])
    title = label(article)
    return f"{UNKNOWN}: {title if len(title) <= 40 else title[:39] + '…'}"


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("marsad.web", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["label"] = label
    env.globals["source_label"] = source_label
    env.filters["outlet_name"] = display_name
    env.filters["arabic_date"] = arabic_date
    env.filters["relative_day"] = relative_day
    env.filters["http_url"] = http_url
    return env


def http_url(url: object) -> str | None:
    """``url`` when it is an absolute http(s) URL, else None: only those become links
    (an article's ``javascript:``/``data:`` URL is shown as text, never clickable).

    >>> http_url("https://example.com/a"), http_url(" JavaScript:alert(1)"), http_url("//evil")
    ('https://example.com/a', None, None)
    """
    if not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url.strip()


def render(template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A rendered page."""
    return HTMLResponse(_env().get_template(template).render(**context), status_code=status)


def _not_found(what: str) -> HTMLResponse:
    return render("error.html.j2", status=404, title="غير موجود", message=what)


def _pager(path: str, params: dict[str, Any], offset: int, count: int, total: int | None = None) -> dict[str, str | None]:
    """prev/next links keeping the other query parameters."""
    keep = {k: v for k, v in params.items() if v not in (None, "")}

    def link(off: int) -> str:
        return f"{path}?{urlencode({**keep, 'offset': off})}"

    has_next = count >= PAGE if total is None else offset + count < total
    return {
        "prev_url": link(max(0, offset - PAGE)) if offset > 0 else None,
        "next_url": link(offset + PAGE) if has_next else None,
    }


def _parts(snippet: str, highlights: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """A snippet as (text, highlighted) runs."""
    parts: list[tuple[str, bool]] = []
    last = 0
    for start, end in highlights:
        if start < last:
            continue
        parts.append((snippet[last:start], False))
        parts.append((snippet[start:end], True))
        last = end
    parts.append((snippet[last:], False))
    return [p for p in parts if p[0]]


def _copy_graphs(store: Store, story: dict[str, Any], max_groups: int = 4) -> list[Any]:
    """The story's reuse groups as SVG graphs from the likely original (named, dated,
    with the reason) to its re-publications (with the share of each that was reused)."""
    from marsad.report.reuse import REASON_LABELS

    share: dict[str, float] = {}
    for r in story.get("reuse", []):
        share[r["a"]] = max(share.get(r["a"], 0.0), float(r.get("containment_a", 0.0)))
        share[r["b"]] = max(share.get(r["b"], 0.0), float(r.get("containment_b", 0.0)))
    groups = store.reuse_groups_for([a["id"] for a in story["articles"]])[:max_groups]
    cards = {c["id"]: c for c in store.article_cards(list(dict.fromkeys(i for g in groups for i in g.get("article_ids", []))))}

    def node(aid: str, with_share: bool) -> charts.CopyNode:
        card = cards.get(aid, {"id": aid})
        return charts.CopyNode(f"/article/{aid}", source_label(card), card.get("published"), share.get(aid) if with_share else None)

    graphs = []
    for g in groups:
        ids = g.get("article_ids", [])
        if len(ids) < 2:
            continue
        reason = REASON_LABELS.get(g.get("reason", ""), (g.get("reason", ""), ""))[0]
        if g.get("reason") == "agency" and g.get("agency"):
            reason = f"{reason}: {g['agency']}"
        original = g.get("original") or ids[0]
        copies = [node(aid, True) for aid in ids if aid != original]
        graphs.append(charts.copy_graph(node(original, False), copies, reason, f"نقل النص من {source_label(cards.get(original, {}))} إلى {len(copies)} مقالة"))
    return graphs


def add_pages(app: FastAPI, reader: Callable[..., Store]) -> None:
    """Register the HTML pages on ``app``; ``reader`` is the API's store dependency."""

    from fastapi.staticfiles import StaticFiles

    app.mount("/static/ui", StaticFiles(directory=Path(__file__).parent / "static"), name="ui")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(
        order: str | None = Query(None, pattern="^(newest|biggest|outlets)$"),
        outlet: str | None = Query(None, max_length=200),
        date: str | None = Query(None, max_length=10),
        all: bool = Query(False, description="Show single-article and recurring stories too."),
        offset: int = Query(0, ge=0, le=10_000_000),
        store: Store = Depends(reader),
    ) -> HTMLResponse:
        if order or outlet:
            return _story_list(store, order or "newest", outlet or None, offset)
        return _day_view(store, date or None, all, offset)

    def _day_view(store: Store, day: str | None, show_all: bool, offset: int) -> HTMLResponse:
        if day is not None and not DAY_RE.match(day):
            return render("error.html.j2", status=400, title="تاريخ غير صالح", message=f"التاريخ {day!r} ليس بالشكل YYYY-MM-DD")
        latest = store.latest_day()
        day = day or latest
        if day is None:
            return _story_list(store, "newest", None, offset)
        found = store.day_stories(day, day, min_articles=1 if show_all else 2, recurring=show_all, limit=PAGE, offset=offset)
        before, after = store.adjacent_days(day)
        return render(
            "day.html.j2",
            day=day,
            before=before,
            after=after,
            latest=latest,
            stories=found["items"],
            total=found["total"],
            folded=found["folded"],
            show_all=show_all,
            offset=offset,
            stale=store.derived_stale(),
            **_pager("/", {"date": day, "all": "1" if show_all else None}, offset, len(found["items"]), found["total"]),
        )

    def _story_list(store: Store, order: str, outlet: str | None, offset: int) -> HTMLResponse:
        stories = store.stories(order=order, outlet=outlet, limit=PAGE, offset=offset)
        total = store.count_stories(outlet)
        latest = [] if stories or offset else store.articles_page(limit=PAGE, outlet=outlet)
        return render(
            "stories.html.j2",
            stories=stories,
            total=total,
            order=order,
            outlet=outlet,
            outlets=store.outlets()[:30],
            articles=store.count_articles(),
            stale=store.derived_stale(),
            latest=latest,
            **_pager("/", {"order": order, "outlet": outlet}, offset, len(stories), total),
        )

    @app.get("/names", response_class=HTMLResponse, include_in_schema=False)
    def names(
        type: str | None = Query(None, max_length=10),
        offset: int = Query(0, ge=0, le=10_000_000),
        store: Store = Depends(reader),
    ) -> HTMLResponse:
        found = store.entities_by_type(type or None, limit=PAGE * 3, offset=offset)
        pager = _pager("/names", {"type": type}, offset, len(found["items"]), found["total"])
        if found["total"] > offset + PAGE * 3:
            pager["next_url"] = f"/names?{urlencode({k: v for k, v in {'type': type, 'offset': offset + PAGE * 3}.items() if v})}"
        else:
            pager["next_url"] = None
        if offset:
            pager["prev_url"] = f"/names?{urlencode({k: v for k, v in {'type': type, 'offset': max(0, offset - PAGE * 3)}.items() if v is not None})}"
        return render("names.html.j2", items=found["items"], total=found["total"], type=type, offset=offset, kinds=store.entity_types(), types=ENTITY_TYPES, **pager)

    @app.get("/articles-list", response_class=HTMLResponse, include_in_schema=False)
    def articles_list(offset: int = Query(0, ge=0, le=10_000_000), store: Store = Depends(reader)) -> HTMLResponse:
        items = store.articles_page(limit=PAGE, offset=offset)
        total = store.count_articles()
        return render("articles.html.j2", items=items, total=total, **_pager("/articles-list", {}, offset, len(items), total))

    @app.get("/story/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(story_id: str, store: Store = Depends(reader)) -> HTMLResponse:
        story = store.story(story_id)
        if story is None:
            return _not_found(f"لا توجد قصة بالمعرّف {story_id}")
        articles = story["articles"]
        cites = citation_numbers([a["id"] for a in articles])
        labels = {a["id"]: source_label(a) for a in articles}
        by_outlet: dict[str, list[dict[str, Any]]] = {}
        for a in articles:
            by_outlet.setdefault(display_name(a.get("outlet")), []).append(a)
        ids = set(labels)
        coverage: dict[str, list[str]] = {}
        for c in story.get("coverage", []):
            raw = c.get("outlet") or ""
            coverage.setdefault(UNKNOWN if raw in ids else display_name(raw), []).extend(c.get("unique_facts", []))
        outlets_sorted = sorted(by_outlet.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        timeline = story.get("timeline", [])
        figures = {
            "outlets": charts.bar_chart([(name, len(items)) for name, items in outlets_sorted], "عدد المقالات لكل مصدر"),
            "days": charts.day_histogram([a.get("published") or "" for a in articles], "عدد المقالات في كل يوم"),
            "timeline": charts.time_axis([(t.get("date") or "", i + 1, t.get("text") or "") for i, t in enumerate(timeline)], "التسلسل الزمني على محور الأيام"),
        }
        return render(
            "story.html.j2",
            s=story,
            cites=cites,
            labels=labels,
            by_outlet=outlets_sorted,
            coverage=coverage,
            speakers=quotes_by_speaker(story.get("quotes", [])),
            targets=citation_targets(story.get("facts", [])),
            figures=figures,
            copy_graphs=_copy_graphs(store, story),
        )

    @app.get("/article/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(article_id: str, store: Store = Depends(reader)) -> HTMLResponse:
        article = store.article_view(article_id)
        if article is None:
            return _not_found(f"لا توجد مقالة بالمعرّف {article_id}")
        paragraphs = sentence_runs(
            paragraph_segments(article["paragraphs"], article.get("quotes", []), article.get("mentions", []), article.get("sentences", []))
        )
        other_ids = [r["b"] if r["a"] == article_id else r["a"] for r in article.get("reuse", [])]
        others = {c["id"]: c for c in store.article_cards(other_ids)}
        return render("article.html.j2", a=article, paragraphs=paragraphs, others=others)

    @app.get("/entity/{entity_id}", response_class=HTMLResponse, include_in_schema=False)
    def entity_page(entity_id: str, store: Store = Depends(reader)) -> HTMLResponse:
        entity = store.entity_view(entity_id)
        if entity is None:
            return _not_found(f"لا يوجد اسم بالمعرّف {entity_id}")
        articles = entity.get("articles", [])
        per_outlet: dict[str, int] = {}
        for a in articles:
            name = display_name(a.get("outlet"))
            per_outlet[name] = per_outlet.get(name, 0) + 1
        figures = {
            "days": charts.day_histogram([a.get("published") or "" for a in articles], "المقالات التي ذكرته يومًا بيوم"),
            "outlets": charts.bar_chart(list(per_outlet.items()), "من ذكره"),
        }
        return render("entity.html.j2", e=entity, types=ENTITY_TYPES, why=MERGE_REASONS, figures=figures)

    @app.get("/find", response_class=HTMLResponse, include_in_schema=False)
    def find(
        request: Request,
        q: str = Query("", max_length=500),
        outlet: str | None = Query(None, max_length=200),
        date_from: str | None = Query(None, alias="from", max_length=10),
        date_to: str | None = Query(None, alias="to", max_length=10),
        entity: str | None = Query(None, max_length=200),
        offset: int = Query(0, ge=0, le=10_000_000),
        store: Store = Depends(reader),
    ) -> HTMLResponse:
        hits: list[dict[str, Any]] = []
        error = None
        total = 0
        stories: list[dict[str, Any]] = []
        names: list[dict[str, Any]] = []
        if q.strip():
            filters = {"outlet": outlet or None, "date_from": date_from or None, "date_to": date_to or None, "entity": entity or None}
            try:
                found = store.search(q, limit=PAGE, offset=offset, **filters)
                total = store.count_search(q, **filters)
            except StoreError as exc:
                found, error = [], str(exc)
            for h in found:
                rec = h.record()
                rec["parts"] = _parts(h.snippet, h.highlights)
                hits.append(rec)
            if not error and not offset:
                words = q.split()[:5]
                stories = store.find_stories(words)
                names = store.find_entities(words)
        params = {"q": q, "outlet": outlet, "from": date_from, "to": date_to, "entity": entity}
        return render(
            "search.html.j2",
            q=q,
            hits=hits,
            total=total,
            stories=stories,
            names=names,
            types=ENTITY_TYPES,
            error=error,
            outlet=outlet,
            date_from=date_from,
            date_to=date_to,
            entity=entity,
            offset=offset,
            outlets=store.outlets()[:100],
            status=400 if error else 200,
            **_pager("/find", params, offset, len(hits), total),
        )
