"""Ingest: files and directories → :class:`~marsad.model.Article` records.

The only stage that reads files. :func:`iter_articles` streams articles from
``.txt``, ``.json``, ``.jsonl``, ``.html``/``.htm`` and RSS/Atom (``.rss``/``.atom``/
``.xml``) inputs, each optionally gzipped (``.jsonl.gz``); anything else is sniffed
for HTML/feed markup or tried as text. Any common encoding is read (see
:mod:`marsad.ingest.encoding`). It yields an :class:`IngestError` — never raises —
for each file or record it cannot read, so one bad input never stops a batch.

Articles come out *as ingested*: decoded, HTML markup removed, but not cleaned (the
clean stage removes crawl noise and keeps what it removed).

>>> for item in iter_articles(["articles/"]):        # doctest: +SKIP
...     print(item if isinstance(item, IngestError) else item.id)
"""
from __future__ import annotations

import gzip
import os
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from marsad.ingest.article import IngestError, article_id, build_article
from marsad.ingest.encoding import EncodingProblem, decode_bytes
from marsad.ingest.feeds import iter_feed, looks_like_feed
from marsad.ingest.html import declared_charset, extract_html, looks_like_html
from marsad.ingest.jsonfile import iter_json, iter_jsonl
from marsad.ingest.text import normalize_newlines, split_title
from marsad.model import Article

__all__ = [
    "IngestError",
    "IngestOptions",
    "article_id",
    "discover",
    "iter_articles",
    "read_file",
]

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """Limits for reading inputs (the CLI fills these; the readers never parse flags).

    ``max_article_bytes`` caps a single-article file (``.txt``, ``.html``, unknown
    types) and one ``.jsonl`` line; ``max_json_bytes`` caps a ``.json`` document or a
    feed, which is read whole (a SaudiNewsNet day file is ~6 MB). ``.jsonl`` files are
    streamed and have no overall cap. For ``.gz`` files the caps apply to both the
    compressed and the decompressed size (no decompression bombs).
    """

    max_article_bytes: int = 50 * MB
    max_json_bytes: int = 1024 * MB


HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})
#: Files that hold many articles and are read whole (capped by ``max_json_bytes``).
COLLECTION_SUFFIXES = frozenset({".json"}) | FEED_SUFFIXES


def _walk(root: Path) -> list[Path]:
    """Non-hidden files under ``root``, sorted by relative path.

    ``os.walk`` skips unreadable directories instead of raising, and does not follow
    symbolic links to directories (no loops).
    """
    files: list[tuple[str, Path]] = []
    for directory, subdirs, names in os.walk(root):
        subdirs[:] = [d for d in subdirs if not d.startswith(".")]
        for name in names:
            if name.startswith("."):
                continue
            path = Path(directory) / name
            if path.is_file():
                files.append((path.relative_to(root).as_posix(), path))
    return [path for _, path in sorted(files)]


def discover(inputs: Iterable[str | Path]) -> list[Path]:
    """The files named by ``inputs``: files as given, directories expanded recursively.

    Directory contents come sorted by relative path (stable across runs and machines);
    hidden files and directories (name starting with ``.``) inside them are skipped.
    A path that does not exist is kept, so reading it reports the problem. Each file
    appears once, at its first position.
    """
    found: list[Path] = []
    seen: set[str] = set()

    def add(path: Path) -> None:
        key = os.path.normcase(os.path.abspath(path))
        if key not in seen:
            seen.add(key)
            found.append(path)

    for item in inputs:
        root = Path(item)
        if root.is_dir():
            for path in _walk(root):
                add(path)
        else:
            add(root)
    return found


def iter_articles(
    inputs: Sequence[str | Path], options: IngestOptions | None = None
) -> Iterator[Article | IngestError]:
    """Articles from files and directories, in :func:`discover` order.

    Yields an :class:`IngestError` for each file or record that cannot be read
    (missing, empty, binary, undecodable, too large, malformed JSON, no text in an
    HTML page …) and carries on with the rest.
    """
    options = options or IngestOptions()
    for path in discover(inputs):
        yield from read_file(path, options)


def read_file(path: Path, options: IngestOptions | None = None) -> Iterator[Article | IngestError]:
    """Articles of one file: one for text/HTML, one per record or item for JSON and
    feeds. A ``.gz`` file is read as the file its name has without ``.gz``."""
    options = options or IngestOptions()
    label = str(path)
    try:
        if not path.exists():
            yield IngestError(label, None, "no such file or directory")
            return
        if not path.is_file():
            yield IngestError(label, None, "not a regular file")
            return
        size = path.stat().st_size
        if size == 0:
            yield IngestError(label, None, "empty file")
            return
        gzipped = path.suffix.lower() == ".gz"
        suffix = (path.with_suffix("") if gzipped else path).suffix.lower()
        if suffix in JSONL_SUFFIXES:
            opener = gzip.open if gzipped else open
            with opener(path, "rb") as handle:
                yield from iter_jsonl(handle, label, options.max_article_bytes)
            return
        cap = options.max_json_bytes if suffix in COLLECTION_SUFFIXES else options.max_article_bytes
        if size > cap:
            yield IngestError(label, None, f"file of {size:,} bytes exceeds the {cap:,}-byte "
                              "limit (see IngestOptions)")
            return
        if gzipped:
            with gzip.open(path, "rb") as handle:
                data = handle.read(cap + 1)
            if len(data) > cap:
                yield IngestError(label, None, f"decompressed data exceeds the {cap:,}-byte "
                                  "limit (see IngestOptions)")
                return
        else:
            data = path.read_bytes()
    except (OSError, EOFError, zlib.error) as exc:
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        yield IngestError(label, None, f"cannot read: {reason}")
        return
    if not data.strip():
        reason = "empty file" if not data else "no text (file holds only whitespace)"
        yield IngestError(label, None, reason)
        return
    if suffix == ".json":
        yield from iter_json(label, data)
    elif suffix in FEED_SUFFIXES or (suffix not in TEXT_SUFFIXES and looks_like_feed(data)):
        yield from iter_feed(label, data)
    elif suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and looks_like_html(data)):
        yield _html_article(label, data)
    else:
        yield _text_article(label, data, known_text=suffix in TEXT_SUFFIXES)


def _decode(label: str, data: bytes, declared: str | None = None) -> str | IngestError:
    try:
        text, _ = decode_bytes(data, declared)
    except EncodingProblem as exc:
        return IngestError(label, None, str(exc))
    return text


def _text_article(label: str, data: bytes, known_text: bool) -> Article | IngestError:
    """A plain-text article: optional title line, then body."""
    text = _decode(label, data)
    if isinstance(text, IngestError):
        if not known_text and text.reason != "empty file":
            return IngestError(label, None, f"unknown file type and not text: {text.reason}")
        return text
    title, body = split_title(normalize_newlines(text))
    if not body.strip():
        return IngestError(label, None, "no text (file holds only whitespace)")
    return build_article(label, body, title=title)


def _html_article(label: str, data: bytes) -> Article | IngestError:
    """Main text and metadata of an HTML page."""
    if not data.strip():
        return IngestError(label, None, "empty file")
    html = _decode(label, data, declared_charset(data))
    if isinstance(html, IngestError):
        return html
    page = extract_html(html)
    if page is None:
        return IngestError(label, None, "no article text found in HTML (truncated or not a page)")
    return build_article(
        label,
        page.body,
        title=page.title,
        outlet=page.sitename,
        url=page.url,
        published=page.date,
    )
