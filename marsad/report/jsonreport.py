"""``report.json``: the report contract (schema ``marsad.report/1``)."""
from __future__ import annotations

import json

from marsad.model import Digest, digest_record


def render_json(digest: Digest) -> str:
    """The digest as pretty-printed JSON, Arabic kept readable (no \\u escapes)."""
    return json.dumps(digest_record(digest), ensure_ascii=False, indent=1) + "\n"
