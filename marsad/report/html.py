"""``report.html``: self-contained, right-to-left pages, readable on a phone.

A small corpus is one page (:func:`render_html`); a big one is an index of storylines
(:func:`render_index`) and one page per storyline (:func:`render_story_page`, the same
template over :func:`marsad.report.split.story_digest`).
"""
from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, PackageLoader, select_autoescape

from marsad.model import Digest, Storyline
from marsad.report.split import MAX_INDEX_ROWS, StoryIndex, index_rows, story_digest
from marsad.report.view import ReportView


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("marsad.report", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(digest: Digest, index_href: str | None = None) -> str:
    """The digest as a single HTML page with inline CSS and no external resources
    (with ``index_href``, a link back to the index of a split report)."""
    template = _environment().get_template("report.html.j2")
    return template.render(d=digest, v=ReportView.of(digest), index_href=index_href)


def render_story_page(digest: Digest, storyline: Storyline, index: StoryIndex | None = None) -> str:
    """One storyline's page of a split report (``stories/<id>.html``)."""
    return render_html(story_digest(digest, storyline, index), index_href="../report.html")


def render_index(digest: Digest, max_rows: int = MAX_INDEX_ROWS) -> str:
    """The index page of a split report: storylines biggest first, recurring series
    apart, each with its outlets and dates, linking to its page."""
    stories = index_rows([s for s in digest.storylines if not s.recurring])
    series = index_rows([s for s in digest.storylines if s.recurring])
    in_story = {a for s in digest.storylines for a in s.article_ids}
    view = ReportView.of(digest)
    unlinked = [view.title(a.id) for a in digest.articles if a.id not in in_story]
    template = _environment().get_template("report_index.html.j2")
    return template.render(
        d=digest,
        outlets=len(view.outlets()),
        stories=stories[:max_rows],
        stories_left=max(0, len(stories) - max_rows),
        series=series[:max_rows],
        series_left=max(0, len(series) - max_rows),
        unlinked=unlinked,
    )
