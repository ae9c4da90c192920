"""From raw fields to an :class:`~marsad.model.Article`: id, outlet, date.

Shared by every input format, so a JSON record, an HTML page and a text file with
the same content get the same id and the same metadata rules.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from marsad.ingest.dates import normalize_date
from marsad.ingest.metadata import guess_outlet, published_from_text
from marsad.ingest.sanitize import valid_text, warn_input
from marsad.model import Article, PublishedFrom


@dataclass(frozen=True, slots=True)
class IngestError:
    """An input that could not be read (the rest of the batch goes on).

    ``path`` names the file or record (``file.jsonl``, ``file.json#3``); ``line`` is
    the 1-based line in the file where that is known.
    """

    path: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {' '.join(self.reason.split())}"


def article_id(title: str | None, body: str, url: str | None = None) -> str:
    """A stable id from content: 16 hex chars of BLAKE2b over the URL (when known),
    title and body, each with runs of whitespace collapsed to one space (so re-wrapped
    copies share an id).

    The URL is part of the identity because one text at two addresses is two
    publications (two outlets carrying one agency story both count as coverage; the
    reuse stage groups them as exact copies), while the same text read twice from the
    same address, or from plain files with no address, is one article.

    >>> article_id("عنوان", "نص  الخبر\\n") == article_id("عنوان", "نص الخبر")
    True
    >>> article_id("عنوان", "نص", "https://a.example/1") == article_id("عنوان", "نص", "https://b.example/1")
    False
    """
    key = " ".join((title or "").split()) + "\n" + " ".join(body.split())
    if url:
        key = url.strip() + "\n" + key
    return hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()


def clean_field(value: object) -> str | None:
    """A metadata value as a stripped one-line string; None if empty or not text."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _valid_fields(
    path: str, body: str, title: object, outlet: object, url: object, published: object
) -> tuple[str, str, object, object, object, object]:
    """The raw fields with every string made valid Unicode (a warning names ``path``
    and the fields that held invalid characters)."""
    path, _ = valid_text(path)
    fixed: list[object] = []
    bad: list[str] = []
    for name, value in (("text", body), ("title", title), ("outlet", outlet), ("url", url), ("date", published)):
        if isinstance(value, str):
            value, replaced = valid_text(value)
            if replaced:
                bad.append(f"{replaced} in {name}")
        fixed.append(value)
    if bad:
        warn_input(path, "invalid characters (lone surrogates or control characters) replaced "
                   "by U+FFFD: " + ", ".join(bad))
    body_, title_, outlet_, url_, published_ = fixed
    return path, str(body_), title_, outlet_, url_, published_


def build_article(
    path: str,
    body: str,
    *,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    published: object = None,
) -> Article:
    """An Article with id and metadata filled by the shared rules.

    ``published`` is a raw metadata value (any format :func:`normalize_date` reads);
    when it is missing or unreadable, the text's dated lead is used instead.

    Every string is made valid Unicode first (lone surrogates and control characters
    replaced, see :mod:`marsad.ingest.sanitize`), with one warning line naming
    ``path`` when anything was replaced.
    """
    path, body, title, outlet, url, published = _valid_fields(path, body, title, outlet, url, published)
    title = clean_field(title)
    url = clean_field(url)
    outlet = guess_outlet(clean_field(outlet), url, body)
    date = normalize_date(published)
    source: PublishedFrom | None = "metadata" if date else None
    if date is not None:
        # A crawl date lagging the text's own «اليوم الخميس» / dateline: the text wins.
        from marsad.ingest.pubdate import corrected_publication_date

        corrected = corrected_publication_date(body, date)
        if corrected is not None:
            date, source = corrected, "text"
    else:
        found = published_from_text(body)
        if found is not None:
            date, source = found.iso, "text"
    return Article(
        id=article_id(title, body, url),
        path=path,
        body=body,
        title=title,
        outlet=outlet,
        url=url,
        published=date,
        published_from=source,
    )
