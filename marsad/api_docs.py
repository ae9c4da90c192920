"""The API's OpenAPI description beyond what FastAPI infers: response models, the
request bodies of ``POST /articles`` (JSON and multipart) and its bearer scheme.

Metadata only: the handlers keep returning plain dicts/``JSONResponse`` (validating
big story documents against models would cost time on every request); this module
post-processes the generated document once, so Swagger's "Try it out" can send a
body and a token, and a client generator gets typed responses.
"""
from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from pydantic import BaseModel, ConfigDict, Field

__all__ = ["describe"]


class ErrorOut(BaseModel):
    error: str = Field(description="One line naming the problem.")


class StoryCard(BaseModel):
    id: str
    title: str
    articles: int = Field(description="Articles in the storyline, all days.")
    outlets: list[str] = Field(description="Outlet slugs/hosts as stored.")
    first_date: str | None = None
    last_date: str | None = None
    events: int
    day_articles: int | None = Field(None, description="With date/from/to: articles in those days.")
    day_outlets: int | None = Field(None, description="With date/from/to: outlets in those days.")


class StoriesPage(BaseModel):
    total: int
    folded: int | None = Field(None, description="With date/from/to: stories left out by min_articles/recurring.")
    limit: int
    offset: int
    items: list[StoryCard]


class ArticleCard(BaseModel):
    id: str
    path: str
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None


class ArticlesPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[ArticleCard]


class EntityCard(BaseModel):
    id: str
    name: str
    type: str = Field(description="PER, ORG, LOC or MISC.")
    mentions: int


class EntitiesPage(BaseModel):
    limit: int
    offset: int
    items: list[EntityCard]


class SearchHitOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    article_id: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    score: float
    snippet: str
    highlights: list[list[int]] = Field(description="[start, end) character spans of the snippet that matched.")


class SearchPage(BaseModel):
    query: str
    limit: int
    offset: int
    items: list[SearchHitOut]


class StoryOut(BaseModel):
    """A storyline with everything the digest holds about it (report-contract records)."""

    model_config = ConfigDict(extra="allow")
    id: str
    title: str
    article_ids: list[str]
    articles: list[ArticleCard]
    events: list[dict[str, Any]]
    timeline: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    summary: list[dict[str, Any]]
    coverage: list[dict[str, Any]]
    reuse: list[dict[str, Any]]
    counts: dict[str, int] = Field(default_factory=dict, description="Every list's full length.")
    truncated: list[str] = Field(default_factory=list, description="Lists cut to their first 50 items (read the rest from /stories/{id}/{part}).")


class ArticleOut(BaseModel):
    """An article in report-contract form with its quotes, entities, stories and reuse."""

    model_config = ConfigDict(extra="allow")
    id: str
    path: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    paragraphs: list[str]
    quotes: list[dict[str, Any]]
    mentions: list[dict[str, Any]]
    entities: list[dict[str, Any]]
    stories: list[dict[str, Any]]
    reuse: list[dict[str, Any]]


class EntityOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: str
    name: str
    type: str
    mentions: int
    articles: list[ArticleCard]
    quotes: list[dict[str, Any]]
    stories: list[dict[str, Any]]


class HealthOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    articles: int
    stories: int
    derived_stale: bool


class ArticleIn(BaseModel):
    """One article to add (the field names ingest's JSON reader accepts; aliases in
    parentheses are read too)."""

    model_config = ConfigDict(extra="allow")
    title: str | None = None
    body: str = Field(description="The text (also read from content or text).")
    outlet: str | None = Field(None, description="Outlet slug, host or name (also read from source, site).")
    url: str | None = None
    published: str | None = Field(None, description="Publication date, e.g. 2015-08-06 (also read from date).")


class PostResult(BaseModel):
    added: int
    already_stored: int
    ids: list[str]
    errors: list[str] = Field(description="One line per record or file that was not stored: unreadable, over a limit, "
                                          "or an article whose analysis and linking failed or ran past the server's "
                                          "time budget per article (`marsad serve --article-seconds`).")
    stories: str = Field(description="'linked' (the new articles joined their events and storylines) or 'unchanged'.")


#: (path, method) → (status, model) of the success response.
_RESPONSES: dict[tuple[str, str], tuple[str, type[BaseModel]]] = {
    ("/health", "get"): ("200", HealthOut),
    ("/stories", "get"): ("200", StoriesPage),
    ("/stories/{story_id}", "get"): ("200", StoryOut),
    ("/articles", "get"): ("200", ArticlesPage),
    ("/articles/{article_id}", "get"): ("200", ArticleOut),
    ("/entities", "get"): ("200", EntitiesPage),
    ("/entities/{entity_id}", "get"): ("200", EntityOut),
    ("/search", "get"): ("200", SearchPage),
    ("/articles", "post"): ("201", PostResult),
}
_ERRORS = {"400": "Bad input", "401": "Missing or wrong bearer token", "403": "Writes disabled", "404": "Not found", "413": "Body too large", "415": "Unsupported content type", "422": "Invalid parameter"}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _add_schemas(components: dict[str, Any], models: list[type[BaseModel]]) -> None:
    schemas = components.setdefault("schemas", {})
    for model in models:
        schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
        for name, sub in schema.pop("$defs", {}).items():
            schemas.setdefault(name, sub)
        schemas[model.__name__] = schema


def _describe_document(doc: dict[str, Any]) -> dict[str, Any]:
    components = doc.setdefault("components", {})
    _add_schemas(components, [m for _, m in _RESPONSES.values()] + [ErrorOut, ArticleIn])
    components.setdefault("securitySchemes", {})["bearer"] = {
        "type": "http",
        "scheme": "bearer",
        "description": "The server's MARSAD_TOKEN. Needed for writes; for reads too when MARSAD_PROTECT_READS=1.",
    }
    paths = doc.get("paths", {})
    for (path, method), (status, model) in _RESPONSES.items():
        op = paths.get(path, {}).get(method)
        if op is None:
            continue
        responses = op.setdefault("responses", {})
        responses.pop("200" if status != "200" else "", None)
        responses[status] = {"description": responses.get(status, {}).get("description", "Success"), "content": {"application/json": {"schema": _ref(model.__name__)}}}
        for code, text in _ERRORS.items():
            if code == "422" and code in responses:
                responses[code] = {"description": text, "content": {"application/json": {"schema": _ref("ErrorOut")}}}
            elif code in ("400", "404") or (method == "post"):
                responses.setdefault(code, {"description": text, "content": {"application/json": {"schema": _ref("ErrorOut")}}})
    post = paths.get("/articles", {}).get("post")
    if post is not None:
        post["security"] = [{"bearer": []}]
        post["requestBody"] = {
            "required": True,
            "content": {
                "application/json": {"schema": {"oneOf": [_ref("ArticleIn"), {"type": "array", "items": _ref("ArticleIn"), "maxItems": 1000}]}},
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {"files": {"type": "array", "items": {"type": "string", "format": "binary"}, "description": ".txt, .json, .jsonl or .html files, read as `marsad ingest` reads them."}},
                        "required": ["files"],
                    }
                },
            },
        }
    # the HTML pages are not API: keep them out of the document
    return doc


def describe(app: FastAPI) -> None:
    """Make ``app.openapi()`` return the described document (built once)."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = _describe_document(generate())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
