"""RSS 2.0 and Atom feeds saved to disk: one article per item/entry.

News sites publish their articles as feeds; a saved feed file is a batch of articles
with good metadata (title, link, date, the channel's name as outlet). The body is the
item's full content (``content:encoded`` / Atom ``content``) or else its
``description``/``summary``, turned from an HTML fragment into one line per block.

Parsed with lxml, safely: no entity expansion, no network, no huge trees.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree
from lxml import html as lxml_html

from marsad.ingest.article import IngestError, build_article, clean_field
from marsad.ingest.sanitize import xml_safe
from marsad.model import Article

_NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
}
_FEED_SNIFF_RE = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)[\s>]",
                            re.DOTALL)
_BLOCK_TAGS = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
               "tr", "table", "section", "article", "figure", "figcaption", "pre"}
_MARKUP_HINT_RE = re.compile(r"<[a-zA-Z/!]")


def looks_like_feed(data: bytes) -> bool:
    """True when bytes start like an RSS/Atom/RDF document."""
    return bool(_FEED_SNIFF_RE.match(data[:4096]))


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                           remove_comments=True, remove_pis=True)


def fragment_lines(fragment: str) -> str:
    """An HTML fragment as text, one line per block element or ``<br>``.

    Plain text (no markup) is returned with its own lines, stripped.
    """
    if not _MARKUP_HINT_RE.search(fragment):
        return "\n".join(line.strip() for line in fragment.splitlines() if line.strip())
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return ""
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        if tag in ("script", "style"):
            element.text = ""
            element.tail = "\n" + xml_safe(element.tail or "")
        elif tag == "br" or tag in _BLOCK_TAGS:
            element.tail = "\n" + xml_safe(element.tail or "")
            if tag in _BLOCK_TAGS:
                element.text = "\n" + xml_safe(element.text or "")
    text = root.text_content()
    return "\n".join(" ".join(line.split()) for line in text.split("\n") if line.strip())


def _text(element: etree._Element | None) -> str | None:
    if element is None:
        return None
    return clean_field("".join(element.itertext()))


def _first(element: etree._Element, paths: tuple[str, ...]) -> etree._Element | None:
    for path in paths:
        found = element.find(path, _NS)
        if found is not None and ("".join(found.itertext()).strip() or found.get("href")):
            return found
    return None


def _body(element: etree._Element | None) -> str | None:
    if element is None:
        return None
    raw = "".join(element.itertext())
    if element.get("type") == "xhtml":  # Atom inline XHTML: serialize the markup
        raw = "".join(etree.tostring(child, encoding="unicode") for child in element)
    body = fragment_lines(raw)
    return body or None


def _atom_link(entry: etree._Element) -> str | None:
    links = entry.findall("atom:link", _NS)
    for link in links:
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link.get("href")
    return links[0].get("href") if links else None


def iter_feed(label: str, data: bytes) -> Iterator[Article | IngestError]:
    """Articles of an RSS 2.0, RSS 1.0 (RDF) or Atom document; ``label#N`` per item."""
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if isinstance(exc.lineno, int) and exc.lineno > 0 else None
        yield IngestError(label, line, f"invalid XML feed: {exc.msg}")
        return
    if root is None:
        yield IngestError(label, None, "invalid XML feed: no root element")
        return
    tag = etree.QName(root).localname
    if tag == "feed":
        outlet = _text(root.find("atom:title", _NS))
        entries = root.findall("atom:entry", _NS)
        items = [
            (
                _text(entry.find("atom:title", _NS)),
                _body(_first(entry, ("atom:content", "atom:summary"))),
                _atom_link(entry),
                _text(_first(entry, ("atom:published", "atom:updated"))),
            )
            for entry in entries
        ]
    elif tag in ("rss", "RDF"):
        channel = root.find("channel")
        if channel is None:
            channel = root.find("{http://purl.org/rss/1.0/}channel")
        outlet = _text(channel.find("title")) if channel is not None else None
        entries = root.findall(".//item") or root.findall(".//{http://purl.org/rss/1.0/}item")
        items = [
            (
                _text(_first(item, ("title", "{http://purl.org/rss/1.0/}title"))),
                _body(_first(item, ("content:encoded", "description",
                                    "{http://purl.org/rss/1.0/}description"))),
                _text(_first(item, ("link", "{http://purl.org/rss/1.0/}link", "guid"))),
                _text(_first(item, ("pubDate", "dc:date"))),
            )
            for item in entries
        ]
    else:
        yield IngestError(label, None, f"XML root <{tag}> is not an RSS or Atom feed")
        return
    if not items:
        yield IngestError(label, None, "feed holds no items")
        return
    for index, (title, body, url, published) in enumerate(items):
        where = f"{label}#{index}"
        if not body:
            yield IngestError(where, None, "feed item has no text (no content or description)")
            continue
        yield build_article(where, body, title=title, outlet=outlet, url=url, published=published)
