"""``report.json``: the report contract (schema ``marsad.report/1``)."""
from __future__ import annotations

import json
from typing import TextIO

from marsad.model import Digest, digest_record


def render_json(digest: Digest) -> str:
    """The digest as pretty-printed JSON, Arabic kept readable (no \\u escapes)."""
    return json.dumps(digest_record(digest), ensure_ascii=False, indent=1) + "\n"


def write_json(digest: Digest, out: TextIO) -> None:
    """Write :func:`render_json`'s text to ``out`` piece by piece, so a corpus-sized
    report (hundreds of MB) never exists as one string in memory."""
    encoder = json.JSONEncoder(ensure_ascii=False, indent=1)
    for chunk in encoder.iterencode(digest_record(digest)):
        out.write(chunk)
    out.write("\n")
