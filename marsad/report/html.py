"""``report.html``: one self-contained, right-to-left page, readable on a phone."""
from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, PackageLoader, select_autoescape

from marsad.model import Digest
from marsad.report.view import ReportView


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("marsad.report", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(digest: Digest) -> str:
    """The digest as a single HTML page with inline CSS and no external resources."""
    template = _environment().get_template("report.html.j2")
    return template.render(d=digest, v=ReportView.of(digest))
