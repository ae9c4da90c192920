"""The web UI: server-rendered Jinja2 pages, Arabic and right-to-left first.

No build step and no JavaScript: every page is plain HTML with inline CSS, served by
the same FastAPI app as the REST API (see :mod:`marsad.api`). Pages:

* ``/`` — story list (newest, biggest, most outlets; per outlet);
* ``/story/{id}`` — summary with clickable citations, events, timeline, who said
  what, outlets side by side with what each alone reported, copy map;
* ``/article/{id}`` — the clean text with quotes highlighted and names linked;
* ``/entity/{id}``; ``/find?q=`` — search with highlighted snippets;
* ``/articles-list`` — every stored article, newest first.

A section whose data the digest does not hold is left out, never filled in.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape

from marsad.store import Store, StoreError
from marsad.web.markup import citation_numbers, citation_targets, paragraph_segments, quotes_by_speaker, sentence_runs

__all__ = ["add_pages", "label", "render"]

PAGE = 20
ENTITY_TYPES = {"PER": "شخص", "ORG": "مؤسسة", "LOC": "مكان", "MISC": "اسم"}


def label(article: dict[str, Any]) -> str:
    """How a page names an article: its title, else the start of its text, else its
    file name (seed files have no title)."""
    if article.get("title"):
        return str(article["title"])
    paragraphs = article.get("paragraphs") or []
    if paragraphs and paragraphs[0]:
        lead = paragraphs[0]
        return lead if len(lead) <= 90 else lead[:90].rsplit(" ", 1)[0] + "…"
    path = str(article.get("path") or article.get("id") or "")
    return path.rsplit("/", 1)[-1] or path


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("marsad.web", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["label"] = label
    return env


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


def add_pages(app: FastAPI, reader: Callable[..., Store]) -> None:
    """Register the HTML pages on ``app``; ``reader`` is the API's store dependency."""

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(
        order: str = Query("newest", pattern="^(newest|biggest|outlets)$"),
        outlet: str | None = Query(None, max_length=200),
        offset: int = Query(0, ge=0, le=10_000_000),
        store: Store = Depends(reader),
    ) -> HTMLResponse:
        outlet = outlet or None
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
        labels = {a["id"]: a.get("outlet") or label(a)[:40] for a in articles}
        by_outlet: dict[str, list[dict[str, Any]]] = {}
        for a in articles:
            by_outlet.setdefault(a.get("outlet") or "مصدر غير معروف", []).append(a)
        coverage: dict[str, list[str]] = {}
        for c in story.get("coverage", []):
            coverage.setdefault(c.get("outlet") or "", []).extend(c.get("unique_facts", []))
        return render(
            "story.html.j2",
            s=story,
            cites=cites,
            labels=labels,
            by_outlet=sorted(by_outlet.items(), key=lambda kv: (-len(kv[1]), kv[0])),
            coverage=coverage,
            speakers=quotes_by_speaker(story.get("quotes", [])),
            targets=citation_targets(story.get("facts", [])),
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
        return render("entity.html.j2", e=entity, types=ENTITY_TYPES)

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
        if q.strip():
            try:
                found = store.search(q, outlet=outlet or None, date_from=date_from or None, date_to=date_to or None, entity=entity or None, limit=PAGE, offset=offset)
            except StoreError as exc:
                found, error = [], str(exc)
            for h in found:
                rec = h.record()
                rec["parts"] = _parts(h.snippet, h.highlights)
                hits.append(rec)
        params = {"q": q, "outlet": outlet, "from": date_from, "to": date_to, "entity": entity}
        return render(
            "search.html.j2",
            q=q,
            hits=hits,
            error=error,
            outlet=outlet,
            date_from=date_from,
            date_to=date_to,
            entity=entity,
            offset=offset,
            outlets=store.outlets()[:100],
            status=400 if error else 200,
            **_pager("/find", params, offset, len(hits)),
        )
