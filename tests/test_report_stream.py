"""report.json is streamed to disk with exactly the text render_json gives."""
from __future__ import annotations

import io
import json
from pathlib import Path

from marsad import pipeline
from marsad.ingest import IngestError, iter_articles
from marsad.report import render_json, write_json, write_reports


def test_streamed_json_equals_rendered_json(seeds_dir: Path, tmp_path: Path) -> None:
    articles = [a for a in iter_articles([seeds_dir]) if not isinstance(a, IngestError)]
    digest = pipeline.digest(articles)
    rendered = render_json(digest)
    out = io.StringIO()
    write_json(digest, out)
    assert out.getvalue() == rendered
    assert len(json.loads(rendered)["quotes"]) > 10  # a real digest, not an empty shell
    write_reports(digest, tmp_path)
    assert (tmp_path / "report.json").read_text(encoding="utf-8") == rendered
    assert not list(tmp_path.glob("*.tmp"))
