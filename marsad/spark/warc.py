"""WARC files in the CC-NEWS layout → :class:`~marsad.model.Article` records.

CC-NEWS publishes gzipped WARC files whose ``response`` records hold one fetched news
page each (HTTP headers, then the HTML). :func:`iter_warc` streams such a file with
warcio and sends every HTML response through the *same* steps as single-machine
ingest: charset from the HTTP header or the page's ``<meta>``
(:func:`marsad.ingest.encoding.decode_bytes`), main text and metadata by trafilatura
(:func:`marsad.ingest.html.extract_html`), id/outlet/date rules
(:func:`marsad.ingest.article.build_article`).

The page's own publication date wins; the record's ``WARC-Date`` (fetch time) is used
only when the page has none, as SaudiNewsNet's crawl date is for JSON records. Like
every reader, it yields an :class:`IngestError` — never raises — for a record it cannot
read (not HTML, undecodable, no article text) or a file that is not WARC at all.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

from marsad.ingest.article import IngestError, build_article
from marsad.ingest.encoding import EncodingProblem, decode_bytes
from marsad.ingest.html import declared_charset, extract_html
from marsad.model import Article

__all__ = ["iter_warc", "is_warc_name", "MAX_RECORD_BYTES"]

#: A response payload above this size is skipped (a page, not a video).
MAX_RECORD_BYTES = 20 * 1024 * 1024
_WARC_NAME_RE = re.compile(r"\.(?:warc|arc)(?:\.gz)?$", re.IGNORECASE)
_URI_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")
_CHARSET_RE = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_:.-]+)", re.IGNORECASE)


def is_warc_name(name: str) -> bool:
    """True for ``*.warc``, ``*.warc.gz`` (and ``*.arc[.gz]``) file names."""
    return bool(_WARC_NAME_RE.search(name))


def _http_charset(content_type: str | None) -> str | None:
    match = _CHARSET_RE.search(content_type or "")
    return match.group(1).lower() if match else None


def iter_warc(stream: BinaryIO, label: str) -> Iterator[Article | IngestError]:
    """Articles of the HTML ``response`` records of one WARC stream (gzipped or not).

    ``label`` names the file; an article's path is ``label#OFFSET`` (the record's byte
    offset in the file, so it can be fetched again), its URL the record's
    ``WARC-Target-URI`` unless the page names a canonical one.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        records = ArchiveIterator(stream)
        seen = False
        for number, record in enumerate(records):
            target = record.rec_headers.get_header("WARC-Target-URI") or record.rec_headers.get_header("uri")
            if record.format != "warc" and not _URI_RE.match(target or ""):
                if number == 0:  # warcio reads any bytes as a headerless ARC record
                    yield IngestError(label, None, "not a WARC file (first record is no WARC/ARC record)")
                    return
                continue
            seen = True
            if record.rec_type != "response":
                continue
            headers = record.http_headers
            content_type = headers.get_header("Content-Type") if headers is not None else None
            if content_type and "html" not in content_type.lower():
                continue
            status = headers.get_statuscode() if headers is not None else None
            if status and not status.startswith("2"):
                continue
            data = record.content_stream().read(MAX_RECORD_BYTES + 1)
            # only after the payload is read: warcio finishes the record to place it
            where = f"{label}#{records.get_record_offset()}"
            if len(data) > MAX_RECORD_BYTES:
                yield IngestError(where, None, f"response over {MAX_RECORD_BYTES:,} bytes skipped")
                continue
            if not data.strip():
                yield IngestError(where, None, "empty response")
                continue
            try:
                html, _ = decode_bytes(data, _http_charset(content_type) or declared_charset(data))
            except EncodingProblem as exc:
                yield IngestError(where, None, str(exc))
                continue
            page = extract_html(html, url=target)
            if page is None:
                yield IngestError(where, None, f"no article text found in HTML ({target})")
                continue
            yield build_article(
                where,
                page.body,
                title=page.title,
                outlet=page.sitename,
                url=page.url or target,
                published=page.date or record.rec_headers.get_header("WARC-Date"),
            )
        if not seen:
            yield IngestError(label, None, "no WARC records (empty file)")
    except ArchiveLoadFailed as exc:
        yield IngestError(label, None, f"not a WARC file: {' '.join(str(exc).split())[:200]}")
    except (OSError, EOFError) as exc:
        yield IngestError(label, None, f"cannot read WARC: {exc}")
