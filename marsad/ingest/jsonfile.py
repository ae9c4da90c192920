"""JSON inputs: ``.jsonl`` (one object per line) and ``.json`` (a list of objects,
one object, or ``{"articles": [...]}``), SaudiNewsNet's layout included.

Field names vary by crawler; :data:`FIELDS` lists the ones we read, most specific
first. Every record is addressable: ``file.json#N`` (N = 0-based index in the list)
or ``file.jsonl:LINE`` (1-based line). A bad record or line is an
:class:`IngestError` and the others go on.
"""
from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any, BinaryIO

from marsad.ingest.article import IngestError, build_article, clean_field
from marsad.ingest.encoding import EncodingProblem, decode_bytes, nearly_utf8
from marsad.ingest.sanitize import warn_input
from marsad.model import Article

#: Record field → the names crawlers use for it, in order of preference.
#: ``date_extracted`` (SaudiNewsNet's crawl time) comes last: a true publication
#: date wins where a record has both.
FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "body": ("text", "content", "body", "article", "maintext", "article_text"),
    "url": ("url", "link", "href", "source_url"),
    "outlet": ("outlet", "source", "site", "sitename", "site_name", "source_name", "publisher"),
    "published": (
        "published", "date", "published_at", "publishedAt", "date_publish", "pubDate",
        "pub_date", "datetime", "date_extracted",
    ),
}
#: Keys of a wrapping object that hold the record list.
LIST_KEYS: tuple[str, ...] = ("articles", "items", "records", "data", "results")


def _first(record: Mapping[str, Any], names: tuple[str, ...]) -> Any:
    for name in names:
        value = record.get(name)
        if value not in (None, "", [], {}):
            return value
    return None


def _text_value(value: Any) -> str | None:
    """A body given as a string or a list of paragraph strings."""
    if isinstance(value, str):
        return value.strip("\n") if value.strip() else None
    if isinstance(value, list) and all(isinstance(p, str) for p in value):
        joined = "\n".join(p.strip() for p in value if p.strip())
        return joined or None
    return None


def _outlet_value(value: Any) -> str | None:
    """An outlet as a string, or NewsAPI's ``{"id": ..., "name": ...}``."""
    if isinstance(value, Mapping):
        value = value.get("name") or value.get("id")
    return clean_field(value)


def record_to_article(record: Any, label: str, line: int | None = None) -> Article | IngestError:
    """One JSON record → Article, or IngestError naming the record and the reason.

    ``label`` names the file; the article's path is ``label:line`` for a JSON Lines
    record, else ``label`` itself (already ``file.json#N`` for a list item). An error
    keeps ``label`` and ``line`` apart, so it prints as ``file.jsonl:3: reason``.
    """
    path = label if line is None else f"{label}:{line}"
    if not isinstance(record, Mapping):
        return IngestError(label, line, f"record is a JSON {type(record).__name__}, not an object")
    body = _text_value(_first(record, FIELDS["body"]))
    if body is None:
        names = "/".join(FIELDS["body"][:3])
        return IngestError(label, line, f"record has no article text (no non-empty {names} field)")
    title = _first(record, FIELDS["title"])
    url = _first(record, FIELDS["url"])
    return build_article(
        path,
        body,
        title=title if isinstance(title, str) else None,
        outlet=_outlet_value(_first(record, FIELDS["outlet"])),
        url=url if isinstance(url, str) else None,
        published=_first(record, FIELDS["published"]),
    )


def _json_reason(exc: ValueError) -> str:
    """A JSON error without the "line 1 column 2 (char 1)" tail of a one-line parse."""
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} (column {exc.colno})"
    return str(exc)


def _loads(text: str) -> Any:
    """json.loads that turns nesting bombs into a ValueError."""
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None


def _bounded_lines(handle: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | int]]:
    """``(line number, bytes)`` per line; ``(line number, size)`` for a line over
    ``limit`` bytes, which is skipped without holding it in memory."""
    number = 0
    while True:
        raw = handle.readline(limit + 1)
        if not raw:
            return
        number += 1
        if len(raw) <= limit or raw.endswith(b"\n"):
            yield number, raw
            continue
        size = len(raw)
        while raw and not raw.endswith(b"\n"):
            raw = handle.readline(1 << 20)
            size += len(raw)
        yield number, size


def iter_jsonl(handle: BinaryIO, label: str, max_line_bytes: int) -> Iterator[Article | IngestError]:
    """Records of a JSON Lines file open in binary mode, streamed line by line
    (blank lines skipped); a line is at most ``max_line_bytes`` long."""
    for number, raw in _bounded_lines(handle, max_line_bytes):
        if isinstance(raw, int) or len(raw.rstrip(b"\r\n")) > max_line_bytes:
            size = raw if isinstance(raw, int) else len(raw)
            yield IngestError(label, number, f"line of {size:,} bytes exceeds the "
                              f"{max_line_bytes:,}-byte limit for one article")
            continue
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            nearly = nearly_utf8(raw)
            if nearly is None:
                yield IngestError(label, number, f"line is not valid UTF-8 (byte {exc.start})")
                continue
            text = nearly[0]
            warn_input(f"{label}:{number}", f"{nearly[1]} broken UTF-8 sequence(s) replaced by U+FFFD")
        yield _line_record(text, label, number)


def _line_record(line: str, label: str, number: int) -> Article | IngestError:
    """One JSON Lines record as an article, or the one-line error naming its line."""
    try:
        record = _loads(line)
    except ValueError as exc:
        return IngestError(label, number, f"invalid JSON: {_json_reason(exc)}")
    return record_to_article(record, label, number)


def _records(document: Any) -> list[Any] | None:
    if isinstance(document, list):
        return document
    if isinstance(document, Mapping):
        for key in LIST_KEYS:
            if isinstance(document.get(key), list):
                return document[key]
    return None


def iter_json(label: str, data: bytes) -> Iterator[Article | IngestError]:
    """Records of a ``.json`` document already read into ``data``.

    A file that holds several JSON objects one per line (JSON Lines saved as
    ``.json``) is read as JSON Lines.
    """
    try:
        text, _ = decode_bytes(data, label=label)
    except EncodingProblem as exc:
        yield IngestError(label, None, str(exc))
        return
    try:
        document = _loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and exc.lineno > 1 and text.lstrip().startswith("{"):
            yield from _lines_as_records(text, label)
            return
        yield IngestError(label, exc.lineno, f"invalid JSON: {exc.msg} (column {exc.colno})")
        return
    except ValueError as exc:
        yield IngestError(label, None, f"invalid JSON: {exc}")
        return
    records = _records(document)
    if records is None:
        if isinstance(document, Mapping):
            yield record_to_article(document, label)
        else:
            yield IngestError(label, None, f"JSON {type(document).__name__} is neither an "
                              "object nor a list of objects")
        return
    if not records:
        yield IngestError(label, None, "JSON list holds no records")
        return
    for index, record in enumerate(records):
        yield record_to_article(record, f"{label}#{index}")


def _lines_as_records(text: str, label: str) -> Iterator[Article | IngestError]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        yield _line_record(line, label, number)
