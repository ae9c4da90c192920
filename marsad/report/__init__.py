"""Renderers of a Digest: JSON (the contract), Markdown and one self-contained HTML page."""
from __future__ import annotations

from pathlib import Path

from marsad.model import Digest
from marsad.report.html import render_html
from marsad.report.jsonreport import render_json, write_json
from marsad.report.markdown import render_markdown

__all__ = ["render_html", "render_json", "render_markdown", "write_json", "write_reports"]


def write_reports(digest: Digest, out_dir: Path) -> list[Path]:
    """Write report.json, report.md and report.html into ``out_dir``; return their paths.

    Each file is written to a temporary name first and renamed, so a crash never
    leaves a half-written report behind.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    path = out_dir / "report.json"  # streamed: the largest report, never held as one string
    tmp = path.with_suffix(path.suffix + ".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        write_json(digest, fh)
    tmp.replace(path)
    written.append(path)
    for name, text in (
        ("report.md", render_markdown(digest)),
        ("report.html", render_html(digest)),
    ):
        path = out_dir / name
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
        written.append(path)
    return written
