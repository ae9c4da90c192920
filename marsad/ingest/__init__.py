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
import io
import os
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from marsad.ingest.article import IngestError, article_id, build_article
from marsad.ingest.encoding import EncodingProblem, decode_bytes
from marsad.ingest.feeds import iter_feed, looks_like_feed
from marsad.ingest.html import declared_charset, extract_html, looks_like_html
from marsad.ingest.jsonfile import iter_json, iter_jsonl
from marsad.ingest.sanitize import path_label, warn_input
from marsad.ingest.text import normalize_newlines, split_title
from marsad.model import Article

__all__ = [
    "IngestError",
    "IngestOptions",
    "LIMIT_FLAGS",
    "LimitExceeded",
    "article_id",
    "discover",
    "iter_articles",
    "read_file",
    "within_limits",
]

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """Limits for reading inputs (the CLI fills these; the readers never parse flags).

    ``max_article_bytes`` caps a single-article file (``.txt``, ``.html``, unknown
    types) and one ``.jsonl`` line; ``max_json_bytes`` caps a ``.json`` document or a
    feed, which is read whole (a SaudiNewsNet day file is ~6 MB; parsed JSON takes
    several times its size in memory, so the cap keeps one input under 1 GB).
    ``.jsonl`` files are streamed and have no overall cap. For ``.gz`` files the caps
    apply to both the compressed and the decompressed size, and a stream that inflates
    more than ``max_gzip_ratio`` times (a decompression bomb) is refused.
    ``max_article_chars`` caps one article's text (whitespace runs counted as one
    character): the longest SaudiNewsNet article has 33,687 characters, and the
    per-article stages take about a second per 50,000 (BENCHMARKS.md), so a longer
    text is refused rather than allowed to stall a run. Each refusal names the CLI
    flag that raises the limit (:data:`LIMIT_FLAGS`).
    """

    max_article_bytes: int = 8 * MB
    max_json_bytes: int = 64 * MB
    max_gzip_ratio: int = 100
    max_article_chars: int = 50_000


#: The CLI flag that raises each limit (named in refusals).
LIMIT_FLAGS: dict[str, str] = {
    "max_article_bytes": "--max-article-mb",
    "max_json_bytes": "--max-json-mb",
    "max_gzip_ratio": "--max-gzip-ratio",
    "max_article_chars": "--max-article-chars",
}
#: Decompressed bytes read before the inflation ratio is judged (small files with a
#: high ratio, such as a few repeated lines, are no bomb).
GZIP_RATIO_AFTER = 1 * MB


class LimitExceeded(Exception):
    """An input over one of :class:`IngestOptions`' limits; ``str()`` names it and the
    flag that raises it."""

    def __init__(self, what: str, limit: str, value: int) -> None:
        super().__init__(f"{what} exceeds the limit of {value:,} ({limit}; raise it with {LIMIT_FLAGS[limit]})")


class _BoundedGzip(io.RawIOBase):
    """A gzip stream that refuses to inflate past ``cap`` bytes or ``ratio`` times
    the compressed bytes consumed (checked once ``GZIP_RATIO_AFTER`` bytes are out)."""

    def __init__(self, path: Path, cap: int, limit: str, ratio: int) -> None:
        super().__init__()
        self._raw = open(path, "rb")
        self._gzip = gzip.GzipFile(fileobj=self._raw, mode="rb")
        self.cap, self.limit, self.ratio, self.out = cap, limit, ratio, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._gzip.read(len(buffer))
        self.out += len(data)
        if self.out > self.cap:
            raise LimitExceeded("decompressed data", self.limit, self.cap)
        if self.out > GZIP_RATIO_AFTER and self.out > self.ratio * max(1, self._raw.tell()):
            raise LimitExceeded(f"gzip data inflating {self.out // max(1, self._raw.tell()):,} times "
                                "(a decompression bomb?)", "max_gzip_ratio", self.ratio)
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        try:
            self._gzip.close()
            self._raw.close()
        finally:
            super().close()


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
    feeds. A ``.gz`` file is read as the file its name has without ``.gz``.

    Never raises: anything unexpected while reading or parsing one file becomes an
    :class:`IngestError` naming it (the rest of the batch goes on). A file name that
    is not valid UTF-8 is named with U+FFFD for its undecodable bytes.
    """
    options = options or IngestOptions()
    label = path_label(path)
    if label != str(path):
        warn_input(label, "file name is not valid UTF-8 (undecodable bytes shown as U+FFFD)")
    try:
        for item in _read_file(path, label, options):
            item = within_limits(item, options)
            yield item
    except LimitExceeded as exc:
        yield IngestError(label, None, str(exc))
    except Exception as exc:  # noqa: BLE001 - a parser bug on hostile bytes costs this file only
        yield IngestError(label, None, f"cannot read ({type(exc).__name__}: {exc})"[:300])


def within_limits(article: Article | IngestError, options: IngestOptions) -> Article | IngestError:
    """The article, or a refusal when its text is over ``max_article_chars`` (an
    IngestError passes through)."""
    if isinstance(article, IngestError):
        return article
    limit = options.max_article_chars
    if len(article.body) > limit:  # cheap test first; whitespace runs count as one
        size = sum(len(word) + 1 for word in article.body.split())
        if size > limit:
            return IngestError(article.path, None, str(LimitExceeded(
                f"article text of {size:,} characters", "max_article_chars", limit)))
    return article


def _read_file(path: Path, label: str, options: IngestOptions) -> Iterator[Article | IngestError]:
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
            if gzipped:
                with _BoundedGzip(path, 1 << 62, "max_json_bytes", options.max_gzip_ratio) as raw, \
                        io.BufferedReader(raw, 1 << 16) as handle:
                    yield from iter_jsonl(handle, label, options.max_article_bytes)
            else:
                with open(path, "rb") as handle:
                    yield from iter_jsonl(handle, label, options.max_article_bytes)
            return
        limit = "max_json_bytes" if suffix in COLLECTION_SUFFIXES else "max_article_bytes"
        cap = getattr(options, limit)
        if size > cap:
            yield IngestError(label, None, str(LimitExceeded(f"file of {size:,} bytes", limit, cap)))
            return
        if gzipped:
            with _BoundedGzip(path, cap, limit, options.max_gzip_ratio) as handle:
                data = handle.read()
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
        text, _ = decode_bytes(data, declared, label=label)
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
