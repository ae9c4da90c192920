"""Input strings made valid Unicode at the edge (issue 19).

Everything after ingest (the id hash, lxml, SQLite, the JSON/HTML writers) needs text
that encodes as UTF-8 and holds no control characters. JSON can carry lone surrogate
escapes (``"\\ud800"``), HTML numeric references can name control characters
(``&#1;``), and a file name on a POSIX disk can be any bytes. Each is replaced here,
once, and the reader says so in one line naming the file and record.

>>> valid_text("a\\ud800b\\x01c\\td")
('a\\ufffdb\\ufffdc\\td', 2)
"""
from __future__ import annotations

import logging
import os
import re

__all__ = ["REPLACEMENT", "valid_text", "xml_safe", "path_label", "warn_input"]

REPLACEMENT = "\ufffd"
log = logging.getLogger("marsad.ingest")

#: Lone surrogates, C0 controls other than tab/newline/carriage return, DEL and C1
#: controls, and the two noncharacters XML refuses. Vertical tab and form feed are
#: whitespace to Python but not allowed in XML; they become a space.
_INVALID_RE = re.compile("[\ud800-\udfff\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
_SPACE_LIKE_RE = re.compile("[\x0b\x0c]")


def valid_text(text: str) -> tuple[str, int]:
    """``text`` with surrogates and control characters replaced by U+FFFD (vertical
    tab and form feed by a space), and how many were replaced."""
    text, spaces = _SPACE_LIKE_RE.subn(" ", text)
    text, replaced = _INVALID_RE.subn(REPLACEMENT, text)
    return text, replaced


def xml_safe(text: str) -> str:
    """``text`` that lxml accepts as element text (see :func:`valid_text`)."""
    return valid_text(text)[0]


def path_label(path: os.PathLike[str] | str) -> str:
    """A printable, UTF-8-encodable name for a path whose bytes may not be UTF-8
    (undecodable bytes, which Python keeps as surrogate escapes, become U+FFFD)."""
    raw = os.fsencode(path)
    return raw.decode("utf-8", errors="replace")


def warn_input(where: str, message: str) -> None:
    """One warning line about an input that was read anyway (the CLI prints it)."""
    log.warning("%s: %s", where, message)
