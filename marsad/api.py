"""The REST API (FastAPI) and, mounted on the same app, the Arabic web UI.

Endpoints (OpenAPI at ``/docs``):

* ``GET /stories`` — story cards, ``order=newest|biggest|outlets``, ``outlet=``, paged;
* ``GET /stories/{id}`` — summary, events, timeline, who said what, coverage, copy map
  (each list capped, served from a precomputed row); ``GET /stories/{id}/{part}`` pages a list;
* ``GET /articles`` / ``GET /articles/{id}`` — articles with quotes, mentions, reuse;
* ``GET /entities`` / ``GET /entities/{id}``;
* ``GET /search?q=`` — ranked hits with highlighted snippets; outlet/date/entity filters;
  a repeated query is answered from a bounded in-memory cache while the store's search
  stamp is unchanged (env ``MARSAD_SEARCH_CACHE``: entries, 0 turns it off);
* ``POST /articles`` — a JSON object or list (fields as in ingest's JSON reader:
  title, body/content/text, outlet/source, url, published/date) or a multipart upload
  of files (.txt/.json/.jsonl/.html). Needs ``Authorization: Bearer <token>``.

Rules: writes need the bearer token (``MARSAD_TOKEN``; with no token configured every
write is refused with 403); reads are open unless ``protect_reads`` (env
``MARSAD_PROTECT_READS=1``). Request bodies above ``max_body`` bytes get 413 before
they are read. Every error is JSON ``{"error": "…"}`` with a 4xx status for bad input.
Pagination: ``limit`` (1–200) and ``offset`` on every list, with ``total`` where cheap.
Detail and search responses are already JSON-native dicts and go out as ``JSONResponse``
directly (FastAPI's generic encoder took 2× the whole request for a big story).

After a write the stories are recomputed in the background (one rebuild at a time; a
write during a rebuild schedules one more), so the response does not wait for them.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import tempfile
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import BackgroundTasks, Depends, FastAPI, Query, Request
from fastapi import Path as Path_
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from marsad import __version__
from marsad.model import Article
from marsad.store import Store, StoreError, open_store
from marsad.store.stamped_cache import StampedCache
from marsad.store.views import PARTS as STORY_PARTS

__all__ = ["create_app", "ApiError", "DEFAULT_MAX_BODY"]

DEFAULT_MAX_BODY = 10 * 1024 * 1024
_SAFE_NAME = re.compile(r"[^\w.\-]+")


class ApiError(Exception):
    """An error for the client: status code and one-line message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class _TooLarge(Exception):
    pass


class BodyLimit:
    """ASGI middleware: refuse request bodies over ``max_body`` bytes with 413.

    Checks Content-Length up front and counts streamed (chunked) bodies as they arrive,
    so an oversized upload is never read into memory.
    """

    def __init__(self, app: Any, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    size = int(value)
                except ValueError:
                    await _send_json(send, 400, {"error": "bad Content-Length header"})
                    return
                if size > self.max_body:
                    await _send_json(send, 413, {"error": f"request body of {size} bytes exceeds the {self.max_body}-byte limit"})
                    return
        seen = 0
        started = False

        async def limited_receive() -> dict:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise _TooLarge()
            return message

        async def tracking_send(message: dict) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _TooLarge:
            if not started:
                await _send_json(send, 413, {"error": f"request body exceeds the {self.max_body}-byte limit"})


#: Every response's Content-Security-Policy unless a route sets its own: no script at
#: all (the pages have none), inline CSS only (the pages' one <style> block); fonts
#: only from this server (the bundled Arabic font under /static/ui/fonts).
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)


class SecurityHeaders:
    """ASGI middleware: a Content-Security-Policy (when the route set none),
    ``nosniff`` and no referrer on every response, so nothing an article carries can
    run as script even if a template forgot to escape it."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", CONTENT_SECURITY_POLICY.encode()))
                headers.append((b"x-content-type-options", b"nosniff"))
                headers.append((b"referrer-policy", b"no-referrer"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


async def _send_json(send: Any, status: int, payload: dict) -> None:
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


class StorePool:
    """One store connection per worker thread (SQLite connections stay in their
    thread; PostgreSQL connections are not shared between concurrent requests)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._local = threading.local()
        self._all: list[Store] = []
        self._lock = threading.Lock()

    def get(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.url)
            self._local.store = store
            with self._lock:
                self._all.append(store)
        return store

    def close(self) -> None:
        with self._lock:
            for store in self._all:
                try:
                    store.close()
                except Exception:  # noqa: BLE001 - closing on shutdown, best effort
                    pass
            self._all.clear()


def rebuild_if_stale(url: str) -> bool:
    """Recompute the derived story data of the store at ``url`` when it is stale;
    whether it was."""
    from marsad.store.loader import rebuild_derived

    with open_store(url) as store:
        if not store.derived_stale():
            return False
        rebuild_derived(store)
        return True


class Rebuilder:
    """Single-flight recomputation of derived story data after writes (a delete, a
    stale store at start).

    Each recomputation runs in a child process that exits when done
    (:class:`marsad.sandbox.Sandbox`; ``in_child=False``: in the calling thread): it
    takes the whole corpus' CPU and memory for a while, and the server's readers keep
    its own process (and interpreter lock).
    """

    def __init__(self, url: str, in_child: bool = True) -> None:
        self.url = url
        self.in_child = in_child
        self._lock = threading.Lock()
        self._again = threading.Event()
        self.last_error: str | None = None

    def _rebuild(self) -> None:
        from marsad.sandbox import Sandbox

        if not self.in_child:
            rebuild_if_stale(self.url)
            return
        with Sandbox(None) as child:
            child.call(rebuild_if_stale, self.url, what="story recomputation")

    def __call__(self) -> None:
        self._again.set()
        while True:
            if not self._lock.acquire(blocking=False):
                return  # the running rebuild will see the flag and go again
            try:
                while self._again.is_set():
                    self._again.clear()
                    self._rebuild()
                    self.last_error = None
            except Exception as exc:  # noqa: BLE001 - reported on /health, data stays stale
                self.last_error = f"{type(exc).__name__}: {exc}"
                return
            finally:
                self._lock.release()
            if not self._again.is_set():  # no write slipped in before the release
                return


async def _known_query_parameters(request: Request) -> None:
    """Refuse a GET with a query parameter its route does not declare (400), so a typo
    (`dat=`) or an unsupported filter is not silently ignored. Applies to the API and
    the pages alike; /docs and static files declare none and take none. Async: it does
    no I/O, and a plain function would cost every request a worker-thread hand-off."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if request.method != "GET" or dependant is None or not request.query_params:
        return
    known: set[str] = set()
    todo = [dependant]
    while todo:  # the route's own parameters and those of its dependencies
        current = todo.pop()
        known.update(p.alias for p in current.query_params)
        todo.extend(current.dependencies)
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        names = ", ".join(unknown)
        raise ApiError(400, f"unknown query parameter(s): {names} (this endpoint takes: {', '.join(sorted(known)) or 'none'})")


def _found(record: dict[str, Any] | None, what: str, ident: str) -> JSONResponse:
    """The record as JSON, or a 404 naming what was not found."""
    if record is None:
        raise ApiError(404, f"no {what} {ident!r}")
    return JSONResponse(record)


def create_app(
    db: str,
    token: str | None = None,
    max_body: int = DEFAULT_MAX_BODY,
    protect_reads: bool | None = None,
    ui: bool = True,
    article_seconds: float | None = 20.0,
    warm: bool = False,
    search_cache: int | None = None,
) -> FastAPI:
    """The marsad web app over the store at ``db``.

    ``token`` defaults to env ``MARSAD_TOKEN``; ``protect_reads`` to env
    ``MARSAD_PROTECT_READS`` (reads then need the token too). ``article_seconds``
    (None or 0: none) is the time budget of one uploaded article's analysis and
    linking, which run in a child process killed past it
    (:class:`marsad.live.sandboxed.SandboxedLinker`): a slow article is listed in the
    answer's ``errors`` and skipped, and the server's own process keeps its CPU for
    readers. ``warm`` starts that process (and loads its models) at start-up rather
    than at the first upload. ``search_cache`` (default: env ``MARSAD_SEARCH_CACHE``,
    else 1024) bounds the cached ``/search`` answers; 0 turns the cache off.
    """
    token = token if token is not None else os.environ.get("MARSAD_TOKEN") or None
    if protect_reads is None:
        protect_reads = os.environ.get("MARSAD_PROTECT_READS", "") not in ("", "0", "false", "no")
    pool = StorePool(db)
    pool.get()  # fail early (bad URL, newer schema) and create/migrate the database
    rebuild = Rebuilder(db)
    from marsad.live.service import LiveService

    live = LiveService(db, article_seconds=article_seconds or None)
    if search_cache is None:
        search_cache = int(os.environ.get("MARSAD_SEARCH_CACHE", "1024") or 0)
    answers = StampedCache(max_entries=search_cache)  # /search answers (bytes) by request

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # A store left stale (a killed ingest, a write before a crash) is brought up
        # to date at start, in the background: reads are served meanwhile.
        if pool.get().derived_stale():
            threading.Thread(target=rebuild, name="marsad-rebuild", daemon=True).start()
        if warm and live.sandboxed is not None:
            threading.Thread(target=live.sandboxed.start, name="marsad-sandbox-start", daemon=True).start()
        yield
        live.close()
        pool.close()
        loop_store.close()

    app = FastAPI(
        lifespan=lifespan,
        docs_url=None,  # served below from local files: no CDN at run time
        redoc_url=None,
        title="marsad (مرصد)",
        version=__version__,
        description="Arabic news observatory: stories, cited summaries, who said what, timelines, text reuse.",
    )
    app.state.pool = pool
    app.state.rebuild = rebuild
    app.state.live = live
    app.state.search_cache = answers
    app.add_middleware(BodyLimit, max_body=max_body)
    app.router.dependencies.append(Depends(_known_query_parameters))
    app.add_middleware(SecurityHeaders)

    # -- errors as JSON ------------------------------------------------------------------
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return JSONResponse({"error": exc.message}, status_code=exc.status, headers=headers)

    @app.exception_handler(StoreError)
    async def _store_error(request: Request, exc: StoreError) -> JSONResponse:
        return JSONResponse({"error": str(exc)}, status_code=400)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse({"error": str(exc.detail)}, status_code=exc.status_code)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        # A bug, not bad input: still JSON, with the type so a report can name it.
        return JSONResponse({"error": f"internal error ({type(exc).__name__}); see the server log"}, status_code=500)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for err in exc.errors()[:5]:
            where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body"))
            problems.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
        return JSONResponse({"error": "; ".join(problems) or "invalid request"}, status_code=422)

    # -- dependencies -------------------------------------------------------------------
    def _check_token(request: Request) -> None:
        if token is None:
            raise ApiError(403, "writes are disabled: start the server with MARSAD_TOKEN set")
        header = request.headers.get("authorization", "")
        scheme, _, given = header.partition(" ")
        if scheme.lower() != "bearer" or not given:
            raise ApiError(401, "missing bearer token (Authorization: Bearer <MARSAD_TOKEN>)")
        if not hmac.compare_digest(given.strip().encode(), token.encode()):
            raise ApiError(401, "wrong bearer token")

    def reader(request: Request) -> Store:
        if protect_reads:
            _check_token(request)
        return pool.get()

    def writer(request: Request) -> None:
        _check_token(request)

    Limit = Query(20, ge=1, le=200, description="Page size (1–200).")
    Offset = Query(0, ge=0, le=10_000_000, description="Items to skip.")

    # -- reads ---------------------------------------------------------------------------
    @app.get("/health", tags=["meta"])
    def health(store: Store = Depends(reader)) -> dict[str, Any]:
        """Counts, and whether stories are being/need to be recomputed."""
        return {
            "articles": store.count_articles(),
            "stories": store.count_stories(),
            "derived_stale": store.derived_stale(),
            "last_rebuild_error": rebuild.last_error,
        }

    @app.get("/stories", tags=["stories"])
    def list_stories(
        order: str = Query("newest", pattern="^(newest|biggest|outlets)$"),
        outlet: str | None = Query(None, max_length=200),
        date: str | None = Query(None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="Only stories with articles published this day (YYYY-MM-DD), ranked by outlets then articles that day; `latest` is not accepted, see `/health`."),
        date_from: str | None = Query(None, alias="from", pattern=r"^\d{4}-\d{2}-\d{2}$", description="Like `date`, for a range of days starting here."),
        date_to: str | None = Query(None, alias="to", pattern=r"^\d{4}-\d{2}-\d{2}$", description="Like `date`, for a range of days ending here."),
        min_articles: int = Query(1, ge=1, le=10_000, description="Leave out stories with fewer articles in all (2 folds single-article stories)."),
        recurring: bool = Query(True, description="False leaves out stories marked recurring."),
        limit: int = Limit,
        offset: int = Offset,
        store: Store = Depends(reader),
    ) -> dict[str, Any]:
        """Storylines, newest or biggest first, optionally only those an outlet covered.

        With `date` (or `from`/`to`) only the stories of those days, ranked by how many
        outlets and articles they had in them (`order` is then ignored); `folded` counts
        what `min_articles`/`recurring` left out.
        """
        if date and (date_from or date_to):
            raise ApiError(400, "give either date or from/to, not both")
        if date or date_from or date_to or min_articles > 1 or not recurring:
            first = date or date_from or "0000-00-00"
            last = date or date_to or "9999-99-99"
            if first > last:
                raise ApiError(400, f"from {first} is after to {last}")
            found = store.day_stories(first, last, min_articles=min_articles, recurring=recurring, outlet=outlet, limit=limit, offset=offset)
            return {"total": found["total"], "folded": found["folded"], "limit": limit, "offset": offset, "items": found["items"]}
        return {
            "total": store.count_stories(outlet),
            "limit": limit,
            "offset": offset,
            "items": store.stories(order=order, outlet=outlet, limit=limit, offset=offset),
        }

    loop_store = StorePool(db)  # the event loop's own connection, for reads that never wait

    @app.get("/stories/{story_id}", tags=["stories"])
    async def get_story(story_id: str, request: Request) -> Response:
        """One storyline: summary, events, timeline, quotes, coverage, copy map.

        Each list holds at most 50 items (`counts` gives every list's length,
        `truncated` names the lists that were cut; read the rest with
        `/stories/{id}/{part}`). Served from the story's precomputed row."""
        from starlette.concurrency import run_in_threadpool

        if protect_reads:
            _check_token(request)
        # A current stored view is two indexed reads: answered on the event loop, with no
        # hand-off to a worker thread; computing a missing or outdated one runs in one.
        body = loop_store.get().stored_story_view(story_id)
        if body is None:
            body = await run_in_threadpool(lambda: pool.get().story_view_json(story_id))
        if body is None:
            raise ApiError(404, f"no story {story_id!r}")
        return Response(body.encode("utf-8"), media_type="application/json")

    @app.get("/stories/{story_id}/{part}", tags=["stories"])
    def get_story_part(
        story_id: str,
        part: str = Path_(..., pattern=f"^({'|'.join(STORY_PARTS)})$", description="Which list of the story."),
        limit: int = Query(50, ge=1, le=200, description="Page size (1–200)."),
        offset: int = Offset,
        store: Store = Depends(reader),
    ) -> JSONResponse:
        """One page of one list of a storyline (`total`, `items`), in the order the story gives it."""
        return _found(store.story_part(story_id, part, limit=limit, offset=offset), "story", story_id)

    @app.get("/articles", tags=["articles"])
    def list_articles(
        outlet: str | None = Query(None, max_length=200),
        limit: int = Limit,
        offset: int = Offset,
        store: Store = Depends(reader),
    ) -> dict[str, Any]:
        """Stored articles, newest first."""
        return {
            "total": store.count_articles(),
            "limit": limit,
            "offset": offset,
            "items": store.articles_page(limit=limit, offset=offset, outlet=outlet),
        }

    @app.get("/articles/{article_id}", tags=["articles"])
    def get_article(article_id: str, store: Store = Depends(reader)) -> JSONResponse:
        """One article (report-contract form) with its quotes, entities, stories, reuse."""
        record = store.article_view(article_id)
        if record is not None:
            from marsad.live.changes import membership

            record.update(membership(store, article_id))  # its event and storyline
        return _found(record, "article", article_id)

    @app.get("/changes", tags=["stories"])
    def get_changes(
        since: int = Query(0, ge=0, description="Cursor: the `next` of the previous answer (0: from the start)."),
        limit: int = Query(200, ge=1, le=1000),
        store: Store = Depends(reader),
    ) -> dict[str, Any]:
        """New articles, events, storylines and updated summaries after a cursor, oldest first."""
        from marsad.live.changes import changes_since

        return changes_since(store, since, limit)

    @app.get("/entities", tags=["entities"])
    def list_entities(limit: int = Limit, offset: int = Offset, store: Store = Depends(reader)) -> dict[str, Any]:
        """Entities, most mentioned first."""
        return {"limit": limit, "offset": offset, "items": store.entities(limit=limit, offset=offset)}

    @app.get("/entities/{entity_id}", tags=["entities"])
    def get_entity(entity_id: str, store: Store = Depends(reader)) -> JSONResponse:
        """One entity with its articles, stories and quotes."""
        return _found(store.entity_view(entity_id), "entity", entity_id)

    @app.get("/search", tags=["search"])
    async def search(
        request: Request,
        q: str = Query(..., min_length=1, max_length=500, description="Words to find (all required)."),
        outlet: str | None = Query(None, max_length=200),
        date_from: str | None = Query(None, alias="from", max_length=10),
        date_to: str | None = Query(None, alias="to", max_length=10),
        entity: str | None = Query(None, max_length=200),
        limit: int = Limit,
        offset: int = Offset,
    ) -> Response:
        """Full-text search; سوريا finds سورية, البنتاجون finds البنتاغون."""
        from starlette.concurrency import run_in_threadpool

        if protect_reads:
            _check_token(request)

        # A repeated query is answered on the event loop from the cache while the
        # store's search stamp (two indexed reads) is the one its answer was computed
        # under; otherwise one worker-thread hand-off computes and serializes it.
        key = (q, outlet, date_from, date_to, entity, limit, offset)
        stamp = loop_store.get().search_stamp() if answers.max_entries else None
        body = answers.get(key, stamp) if stamp is not None else None
        if body is None:

            def found() -> bytes:
                hits = pool.get().search(q, outlet=outlet, date_from=date_from, date_to=date_to, entity=entity, limit=limit, offset=offset)
                return JSONResponse({"query": q, "limit": limit, "offset": offset, "items": [h.record() for h in hits]}).body

            body = await run_in_threadpool(found)
            if stamp is not None:
                answers.put(key, stamp, body)  # under the stamp read before the search
        return Response(body, media_type="application/json")

    # -- writes ----------------------------------------------------------------------------
    @app.post("/articles", status_code=201, tags=["articles"])
    async def post_articles(request: Request, background: BackgroundTasks, _: None = Depends(writer)) -> JSONResponse:
        """Add articles: JSON object/list, or multipart files. Needs the bearer token."""
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        from starlette.concurrency import run_in_threadpool

        # Parsing and reading run in a worker thread: readers stay fast while an
        # upload (a gzip bomb, a deep JSON document) is read or refused.
        if ctype == "application/json":
            raw = await request.body()
            articles, errors = await run_in_threadpool(_articles_from_json, raw)
        elif ctype == "multipart/form-data":
            articles, errors = await _articles_from_upload(request)
        else:
            raise ApiError(415, "send application/json or multipart/form-data")
        if not articles:
            raise ApiError(400, "no article could be read: " + ("; ".join(errors[:5]) or "empty request"))
        skipped: list[str] = []
        results = await run_in_threadpool(lambda: live.ingest(articles, on_skip=lambda s: skipped.append(str(s))))
        errors += skipped
        added = [r for r in results if r.added]
        if added:
            background.add_task(live.refresh)  # big storylines' summaries, consolidation: after the answer
        return JSONResponse(
            {
                "added": len(added),
                "already_stored": len(results) - len(added),
                "ids": list(dict.fromkeys(a.id for a in articles)),
                "errors": errors,
                "stories": "linked" if added else "unchanged",
                "linked": [
                    {"id": r.article_id, "event_id": r.event_id, "storyline_id": r.storyline_id,
                     "new_event": r.new_event, "new_storyline": r.new_storyline, "reuse": r.reuse,
                     "ms": round(r.seconds * 1000, 1)}
                    for r in added
                ],
            },
            status_code=201 if added else 200,
        )

    @app.delete("/articles/{article_id}", tags=["articles"])
    async def delete_article(article_id: str, background: BackgroundTasks, _: None = Depends(writer)) -> JSONResponse:
        """Delete an article and what was derived from it (stories are recomputed in
        the background). Needs the bearer token."""
        from starlette.concurrency import run_in_threadpool

        deleted = await run_in_threadpool(lambda: pool.get().delete_articles([article_id]))
        if not deleted:
            raise ApiError(404, f"no article {article_id!r}")
        background.add_task(rebuild)
        return JSONResponse({"deleted": deleted, "stories": "recomputing"})

    _add_offline_docs(app)
    from marsad.api_docs import describe

    describe(app)
    if ui:
        from marsad.web import add_pages

        add_pages(app, reader)
    return app


def _add_offline_docs(app: FastAPI) -> None:
    """Swagger UI (5.x, which reads OpenAPI 3.1) at /docs from the swagger-ui-py package's
    files: FastAPI's default page loads its JavaScript from a CDN, which an offline
    server cannot reach."""
    import swagger_ui
    from fastapi.openapi.docs import get_swagger_ui_html
    from fastapi.staticfiles import StaticFiles

    static = Path(swagger_ui.__file__).parent / "static"
    app.mount("/static/swagger", StaticFiles(directory=static), name="swagger")

    @app.get("/docs", include_in_schema=False)
    def docs() -> Any:
        page = get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{app.title} — API",
            swagger_js_url="/static/swagger/swagger-ui-bundle.js",
            swagger_css_url="/static/swagger/swagger-ui.css",
            swagger_favicon_url="/static/swagger/favicon-32x32.png" if (static / "favicon-32x32.png").exists() else "",
        )
        # The page's one inline script (the Swagger UI set-up) is allowed by its hash.
        hashes = " ".join(
            "'sha256-" + base64.b64encode(hashlib.sha256(code.encode()).digest()).decode() + "'"
            for code in re.findall(r"<script>(.*?)</script>", page.body.decode(), flags=re.S)
        )
        page.headers["content-security-policy"] = (
            f"default-src 'none'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; connect-src 'self'; base-uri 'none'; frame-ancestors 'none'"
        )
        return page


def _articles_from_json(raw: bytes) -> tuple[list[Article], list[str]]:
    """Articles from a JSON object or list of objects (ingest's field names)."""
    from dataclasses import replace

    from marsad.ingest import IngestError, IngestOptions, within_limits
    from marsad.ingest.jsonfile import _loads, record_to_article

    try:
        document = _loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ApiError(400, f"request body is not UTF-8 (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise ApiError(400, f"malformed JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except ValueError as exc:  # nesting too deep, an integer of thousands of digits
        raise ApiError(400, f"malformed JSON: {exc}"[:300]) from None
    records = document if isinstance(document, list) else [document]
    if len(records) > 1000:
        raise ApiError(413, f"{len(records)} records in one request; send at most 1000")
    articles: list[Article] = []
    errors: list[str] = []
    options = IngestOptions()
    for i, record in enumerate(records):
        line = i + 1 if isinstance(document, list) else None
        try:
            item = within_limits(record_to_article(record, "request", line), options)
        except Exception as exc:  # noqa: BLE001 - one bad record is listed; the others are stored
            item = IngestError("request", line, f"cannot read record ({type(exc).__name__}: {exc})"[:300])
        if isinstance(item, IngestError):
            errors.append(str(item))
        else:  # no file: the path is the record's URL, else its content id
            articles.append(replace(item, path=item.url or f"api/{item.id}"))
    return articles, errors


async def _articles_from_upload(request: Request) -> tuple[list[Article], list[str]]:
    """Articles from uploaded files, read by the same readers as ``marsad ingest``."""
    from dataclasses import replace

    from starlette.concurrency import run_in_threadpool
    from starlette.datastructures import UploadFile

    from marsad.ingest import IngestError, iter_articles

    try:
        form = await request.form(max_files=100, max_fields=100)
    except Exception as exc:  # noqa: BLE001 - python-multipart raises several types
        raise ApiError(400, f"malformed multipart body: {exc}") from None
    uploads = [v for _, v in form.multi_items() if isinstance(v, UploadFile)]
    if not uploads:
        raise ApiError(400, "multipart body has no file field")
    contents = [(_upload_name(upload.filename, i), await upload.read()) for i, upload in enumerate(uploads)]

    def read() -> tuple[list[Article], list[str]]:
        articles: list[Article] = []
        errors: list[str] = []
        with tempfile.TemporaryDirectory(prefix="marsad-upload-") as tmp:
            paths: list[Path] = []
            for i, (name, data) in enumerate(contents):
                path = Path(tmp) / f"{i:03d}" / name
                path.parent.mkdir()
                path.write_bytes(data)
                paths.append(path)
            for item in iter_articles(paths):
                if isinstance(item, IngestError):
                    errors.append(str(item).replace(tmp + "/", "upload/"))
                else:
                    articles.append(replace(item, path=item.path.replace(tmp + "/", "upload/")))
        return articles, errors

    return await run_in_threadpool(read)


def _upload_name(filename: str | None, index: int) -> str:
    """A safe file name for an upload: word characters, dots and dashes, no leading
    dot (``..`` and hidden names are not files we can write), at most 100 characters."""
    name = _SAFE_NAME.sub("_", Path(filename or "").name)[:100].lstrip(".")
    return name or f"upload{index}.txt"

