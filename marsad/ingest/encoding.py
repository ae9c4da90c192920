"""Bytes → text for news files of unknown encoding.

Order of trust, cheapest first:

1. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) — decoded strictly;
2. strict UTF-8 (nearly every modern file);
3. a NUL byte or many control bytes left → binary, refused;
4. charset-normalizer's guess, and — because Arabic legacy code pages are easy to
   confuse (Windows-1256 and ISO-8859-6 share the alphabet's first half but not the
   rest) — every Arabic candidate is decoded and scored on how Arabic the result
   reads (share of Arabic letters, frequent Arabic words); the best wins.

A result that is still mostly unprintable is refused as "undecodable". Every failure
is an :class:`EncodingProblem` with a one-line reason; nothing else is raised.
"""
from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from marsad.ingest.sanitize import warn_input


class EncodingProblem(ValueError):
    """The bytes are not text we can read; ``str(exc)`` is the one-line reason."""


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: Legacy code pages that carry Arabic; all are tried when one of them is guessed.
ARABIC_ENCODINGS: tuple[str, ...] = ("cp1256", "iso8859_6", "cp720", "cp864", "mac_arabic")
_ARABIC_NAMES = {codecs.lookup(e).name for e in ARABIC_ENCODINGS}

_ARABIC_LETTER_RE = re.compile(r"[\u0621-\u064A\u0671-\u06D3\u06FA-\u06FF]")
# Frequent Arabic words and the article prefix; a wrong code page maps their letters
# elsewhere (ل → ن, في → ...), so they vanish.
_ARABIC_COMMON_RE = re.compile(
    r"(?:في|من|على|إلى|الى|عن|أن|ان|إن|التي|الذي|مع|هذا|هذه|كان|قال|ال\w+|وال\w+|بال\w+)"
)
_PUNCT = "\"'«»()[]{}.,،؛;:!?؟-–—_/\\"
# C0/C1 controls except whitespace and ESC-free text, surrogates, private use, U+FFFD.
_UNPRINTABLE_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\ufffd]")
#: Frequent-word rate (per non-ASCII word) an Arabic code page's result needs; real
#: Arabic prose scores 0.3-0.5 (SaudiNewsNet: median 0.41, lowest 0.06), a wrong code
#: page or random bytes near 0.
MIN_ARABIC_WORD_RATE = 0.04
#: Below this many non-ASCII words the rate means little; charset-normalizer's guess
#: decides instead.
MIN_WORDS_FOR_RATE = 8

#: Share of characters that must be printable for decoded bytes to count as text.
MIN_PRINTABLE = 0.95


def _bom_encoding(data: bytes) -> tuple[str, int] | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def printable_share(text: str) -> float:
    """Share of characters that are not control/private-use/replacement characters.

    1.0 for empty text. A regex count (C speed): this runs over whole files.
    """
    if not text:
        return 1.0
    return 1 - len(_UNPRINTABLE_RE.findall(text)) / len(text)


#: Characters of a text the Arabic scores look at (start, middle, end): scoring a
#: sample keeps detection of a 50 MB file within a second.
SCORE_SAMPLE_CHARS = 3 * 20_000
_NON_ASCII_LETTER_RE = re.compile(r"(?![\x00-\x7f])[^\W\d_]")


def _sample(text: str) -> str:
    """Start, middle and end of a long text (whole text when short)."""
    part = SCORE_SAMPLE_CHARS // 3
    if len(text) <= SCORE_SAMPLE_CHARS:
        return text
    middle = len(text) // 2
    return "\n".join((text[:part], text[middle:middle + part], text[-part:]))


def _non_ascii_words(text: str) -> list[str]:
    return [w for w in text.split() if not w.isascii()]


def _word_rate(text: str) -> float:
    """Frequent Arabic words per non-ASCII word (ASCII reads the same in every code page)."""
    words = _non_ascii_words(text)
    if not words:
        return 0.0
    return sum(1 for w in words if _ARABIC_COMMON_RE.fullmatch(w.strip(_PUNCT))) / len(words)


def _arabic_share(text: str) -> float:
    """Arabic share of the non-ASCII letters (0.0 when there are none)."""
    letters = len(_NON_ASCII_LETTER_RE.findall(text))
    if not letters:
        return 0.0
    return len(_ARABIC_LETTER_RE.findall(text)) / letters


def arabic_score(text: str) -> float:
    """How much ``text`` reads as Arabic: Arabic share of non-ASCII letters plus the
    rate of frequent Arabic words.

    Used to choose between Arabic code pages; only comparisons between candidates
    of the same bytes matter, not the absolute value.
    """
    return _arabic_share(text) + _word_rate(text)


def is_mostly_arabic(text: str, threshold: float = 0.5) -> bool:
    """True when at least ``threshold`` of the non-ASCII letters are Arabic."""
    return _arabic_share(text) >= threshold


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _looks_binary(data: bytes) -> bool:
    """NUL bytes, or many C0 control bytes other than whitespace."""
    if b"\x00" in data:
        return True
    sample = data[:65536]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 11, 27))
    return controls > 0.05 * len(sample)


#: A file that is UTF-8 but for at most this many broken sequences (a truncated last
#: character, a byte lost in transfer) is read with them replaced by U+FFFD.
MAX_BROKEN_UTF8 = 3
#: Share of a no-BOM UTF-16 candidate's characters that must be letters, digits,
#: punctuation or whitespace of common scripts (random bytes give CJK and symbols).
MIN_UTF16_PLAIN = 0.9
_COMMON_SCRIPT_RE = re.compile("[\t\n\r -~\u00a0-\u024f\u0600-\u06ff\u0750-\u077f\u2000-\u206f\ufb50-\ufeff]")


def nearly_utf8(data: bytes) -> tuple[str, int] | None:
    """UTF-8 with up to :data:`MAX_BROKEN_UTF8` broken sequences replaced by U+FFFD:
    ``(text, broken)``; None when there are more (then it is another encoding)."""
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd") - data.count("\ufffd".encode())
    if 0 < broken <= MAX_BROKEN_UTF8 and len(text) > 10 * broken:
        return text, broken
    return None


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text saved without a byte-order mark (NUL bytes at every other position
    for ASCII, 0x06 for Arabic), when one byte order gives plain text of common scripts."""
    if len(data) < 4 or len(data) % 2:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        text = _strict(data, encoding)
        if not text or "\x00" in text or printable_share(text) < MIN_PRINTABLE:
            continue
        sample = text[:65536]
        if len(_COMMON_SCRIPT_RE.findall(sample)) >= MIN_UTF16_PLAIN * len(sample):
            return text, encoding
    return None


def decode_bytes(data: bytes, declared: str | None = None, label: str | None = None) -> tuple[str, str]:
    """Decode a file's bytes; returns ``(text, encoding name)``.

    ``declared`` is an encoding the file names itself (an HTML ``<meta charset>``); it
    is tried after a BOM and strict UTF-8 (pages often declare a legacy charset but
    are UTF-8) and before detection. A BOM is dropped from the text. UTF-16 without a
    BOM is recognised; UTF-8 with a few broken sequences (a truncated last character)
    is read with them replaced, and a warning names ``label``. Raises
    :class:`EncodingProblem` for empty input, binary data or bytes no candidate
    encoding turns into printable text.
    """
    if not data:
        raise EncodingProblem("empty file")
    bom = _bom_encoding(data)
    if bom is not None:
        encoding, size = bom
        text = _strict(data[size:], encoding)
        if text is None:
            raise EncodingProblem(f"undecodable: bytes do not match its {encoding} byte-order mark")
        if printable_share(text) < MIN_PRINTABLE:
            raise EncodingProblem(f"binary content (after {encoding} byte-order mark)")
        return text, encoding
    text = _strict(data, "utf-8")
    if text is not None and "\x00" not in text and printable_share(text) >= MIN_PRINTABLE:
        return text, "utf-8"
    # Arabic UTF-16 without a BOM is also valid (control-laden) ASCII: try it first.
    utf16 = _utf16_without_bom(data) if b"\x00" in data or b"\x06" in data else None
    if utf16 is not None:
        return utf16
    if text is not None:
        raise EncodingProblem("binary content (NUL or control bytes)")
    nearly = nearly_utf8(data)
    if nearly is not None and printable_share(nearly[0].replace("\ufffd", " ")) >= MIN_PRINTABLE:
        if label is not None:
            warn_input(label, f"{nearly[1]} broken UTF-8 sequence(s) replaced by U+FFFD")
        return nearly[0], "utf-8"
    if _looks_binary(data):
        raise EncodingProblem("binary content (NUL or control bytes)")
    if declared:
        text = _strict(data, declared)
        if text is not None and printable_share(text) >= MIN_PRINTABLE:
            return text, codecs.lookup(declared).name
    return _detect(data)


def _detect(data: bytes) -> tuple[str, str]:
    """charset-normalizer's guess, re-ranked among Arabic code pages by Arabic-ness."""
    matches = from_bytes(data)
    best = matches.best()
    candidates: list[tuple[str, str]] = []
    if best is not None:
        candidates.append((str(best), best.encoding))
    guessed_arabic = bool({codecs.lookup(m.encoding).name for m in matches} & _ARABIC_NAMES)
    for encoding in ARABIC_ENCODINGS:
        text = _strict(data, encoding)
        if text is not None:
            candidates.append((text, codecs.lookup(encoding).name))
    readable = [(t, e) for t, e in candidates if printable_share(t) >= MIN_PRINTABLE]
    if not readable:
        raise EncodingProblem("undecodable: not UTF-8 and no known encoding gives readable text")
    arabic = [(t, e) for t, e in readable if _reads_as_arabic(_sample(t), guessed_arabic)]
    if arabic:
        return max(arabic, key=lambda te: arabic_score(_sample(te[0])))
    # An Arabic code page that does not yield Arabic is a wrong guess (any byte
    # string "decodes" in cp1256); other guesses (Latin, Cyrillic …) are kept.
    others = [(t, e) for t, e in readable if e not in _ARABIC_NAMES]
    if not others or best is None or codecs.lookup(best.encoding).name in _ARABIC_NAMES:
        raise EncodingProblem("undecodable: not UTF-8, and no Arabic or other code page "
                              "gives readable text")
    return others[0]


def _reads_as_arabic(text: str, guessed_arabic: bool) -> bool:
    """Mostly Arabic letters and, given enough words, frequent Arabic words too.

    Random high bytes decode to Arabic letters in cp1256 but never to في/من/ال…
    """
    if not is_mostly_arabic(text):
        return False
    if len(_non_ascii_words(text)) < MIN_WORDS_FOR_RATE:
        return guessed_arabic
    return _word_rate(text) >= MIN_ARABIC_WORD_RATE
