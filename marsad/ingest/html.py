"""HTML pages: main text and metadata via trafilatura.

trafilatura drops navigation, footers and comments, keeps one line per paragraph and
reads title, date (``article:published_time``, JSON-LD, …), site name and canonical
URL. Its date search is limited to markup (``extensive_search=False``): dates written
in the text are left to the shared text rule so all formats behave alike.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from marsad.ingest.feeds import fragment_lines

_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_META_CHARSET_RE = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.IGNORECASE
)
_HTML_SNIFF_RE = re.compile(rb"^\s*(?:<!--.*?-->\s*)?<(?:!doctype\s+html|html|head|body)[\s>]",
                            re.IGNORECASE | re.DOTALL)

# trafilatura logs "empty HTML tree" and the like at WARNING for bad pages; we report
# those pages ourselves as IngestError. A NullHandler keeps Python's last-resort
# handler from printing them when the application has configured no logging.
logging.getLogger("trafilatura").addHandler(logging.NullHandler())
logging.getLogger("htmldate").addHandler(logging.NullHandler())


@dataclass(frozen=True, slots=True)
class HtmlArticle:
    """What trafilatura found in a page; ``body`` has one paragraph per line."""

    body: str
    title: str | None
    date: str | None
    sitename: str | None
    url: str | None


#: Words the lenient fallback must find for a page to count as an article.
MIN_FALLBACK_WORDS = 8
_DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form",
              "template", "svg", "iframe")


def _fallback(html: str) -> HtmlArticle | None:
    """Block text of a page trafilatura gave up on (lenient lxml parse)."""
    try:
        root = lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None
    etree.strip_elements(root, *_DROP_TAGS, with_tail=False)
    title_element = root.find(".//title")
    title = " ".join((title_element.text_content() if title_element is not None else "").split())
    body_element = root.find("body")
    if body_element is None:
        return None
    body = fragment_lines(lxml_html.tostring(body_element, encoding="unicode"))
    if len(body.split()) < MIN_FALLBACK_WORDS:
        return None
    return HtmlArticle(body=body, title=title or None, date=None, sitename=None, url=None)


def looks_like_html(data: bytes) -> bool:
    """True when bytes start like an HTML document (for files without an extension)."""
    return bool(_HTML_SNIFF_RE.match(data[:2048]))


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in ``<meta charset>`` / ``http-equiv``, if any."""
    match = _META_CHARSET_RE.search(data[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def extract_html(html: str, url: str | None = None) -> HtmlArticle | None:
    """Main text and metadata of a page; None when no article text can be found.

    When trafilatura finds nothing (a page cut off mid-download, a bare fragment),
    the text of the page's blocks outside navigation/header/footer is taken instead
    if it holds at least ``MIN_FALLBACK_WORDS`` words.

    The page's headline, which trafilatura repeats as the body's first line, is
    dropped from the body (it is the title).
    """
    try:
        document = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception:  # noqa: BLE001 — third-party parser on hostile input; reported as no text
        return None
    text = (getattr(document, "text", None) or "").strip() if document is not None else ""
    if not text:
        return _fallback(html)
    title = (getattr(document, "title", None) or "").strip() or None
    lines = [line.strip() for line in text.split("\n")]
    if title and lines and " ".join(lines[0].split()) == " ".join(title.split()) and len(lines) > 1:
        lines = lines[1:]
    body = "\n".join(line for line in lines if line)
    if not body:
        return None
    sitename = getattr(document, "sitename", None) or getattr(document, "hostname", None)
    return HtmlArticle(
        body=body,
        title=title,
        date=getattr(document, "date", None),
        sitename=sitename,
        url=getattr(document, "url", None),
    )
