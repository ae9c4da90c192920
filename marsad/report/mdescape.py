"""Escaping text from articles for ``report.md`` (issue 19).

Titles, sentences, outlet names and paths come from input; rendered as Markdown they
must stay text: no raw HTML (``<script>``, ``<img onerror>``), no links
(``[x](javascript:…)``), no emphasis or table breaks. HTML specials become entities
(Markdown renderers pass entities through as text) and Markdown punctuation is
backslash-escaped.

>>> md_text('<img src=x onerror=alert(1)> [a](javascript:b) *c* | d')
'&lt;img src=x onerror=alert(1)&gt; \\\\[a\\\\](javascript:b) \\\\*c\\\\* \\\\| d'
"""
from __future__ import annotations

import html
import re

__all__ = ["md_text", "md_line"]

_MARKDOWN_RE = re.compile(r"([\\`*_\[\]|~])")
#: What makes a line a heading, list item, rule or setext underline.
_LINE_START_RE = re.compile(r"^(\s*)(?:([#+\-=])|(\d+)([.)]))")


def md_text(text: str) -> str:
    """``text`` as literal Markdown inside a line (newlines become spaces)."""
    text = html.escape(" ".join(text.split("\n")), quote=False)
    return _MARKDOWN_RE.sub(r"\\\1", text)


def md_line(line: str) -> str:
    """An already escaped line that must not start a heading or list."""
    return _LINE_START_RE.sub(
        lambda m: m.group(1) + ("\\" + m.group(2) if m.group(2) else m.group(3) + "\\" + m.group(4)), line, count=1
    )
