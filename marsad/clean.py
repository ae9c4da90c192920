"""Remove crawl noise from an article body, keeping everything removed.

Noise comes in a few recognisable shapes: "read also" teasers, source footers,
share/follow prompts, photo captions (Latin-script text inside an Arabic article, or
a short line ending with a photo agency credit), and whole blocks printed twice by
a crawler. Each removed paragraph goes to ``Article.removed`` with its kind, so the
report can show what was dropped and nothing is lost.
"""
from __future__ import annotations

import dataclasses
import re

from marsad.arabic.normalize import normalize
from marsad.boilerplate import BoilerplateModel, current_boilerplate
from marsad.model import Article, Removed, RemovedKind

_READ_ALSO = re.compile(
    r"^\s*[\(\[]?\s*(?:[اإأ]قر[اأ]|شاهد|طالع|[اإ]ضغط|للمزيد|اقرا)\s*(?:[اأ]يض[اًا]*|كذلك|المزيد|هنا)?\s*[:：\-–—]",
)
_READ_ALSO_BARE = re.compile(r"^\s*(?:[اإأ]قر[اأ]\s+[اأ]يض[اًا]*|مواضيع ذات صلة|اخبار ذات صلة|أخبار ذات صلة|ذات صلة)\s*[:：\-–—]?\s*$")
_SOURCE_FOOTER = re.compile(r"^\s*[\(\[]?\s*(?:المصدر|المصادر|مصدر الخبر)\s*[:：\-–—]")
_SHARE = re.compile(
    r"^\s*(?:شارك(?:\s+(?:هذا|على|عبر|الخبر|المقال))?|تابعونا(?:\s+على)?|تابعوا|[اأ]رسل(?:\s+ل)?\s*صديق|طباعة|"
    r"share(?:\s+on|\s+this)?|follow\s+us|tweet|print|email)\b[^\n]{0,60}$",
    re.IGNORECASE,
)
#: Arabic-script letters (and marks, digits) and Latin letters, as code point ranges.
_ARABIC_RANGES = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
_LATIN_RANGES = ((0x41, 0x5A), (0x61, 0x7A))
_ARABIC_LETTER = re.compile("[" + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in _ARABIC_RANGES) + "]")
_LATIN_LETTER = re.compile("[" + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in _LATIN_RANGES) + "]")
try:  # one C loop over the paragraph (marsad/arabic/_normalize.pyx, built by make setup)
    from marsad.arabic._normalize import count_in_ranges as _count_in_ranges
except ImportError:
    _count_in_ranges = None
_PHOTO_CREDIT = re.compile(
    r"\((?:الأوروبية|الاوروبية|رويترز|الفرنسية|فرانس برس|أسوشيتد برس|اسوشيتد برس|أ\.?ف\.?ب|أ\.?ب|غيتي|"
    r"الجزيرة|الأناضول|الاناضول|إي\.?بي\.?إيه|أرشيف|ارشيف|أرشيفية|ارشيفية|AFP|EPA|AP|Reuters|Getty)\)\s*$",
    re.IGNORECASE,
)
_CAPTION_MAX_WORDS = 30


def _letters(pattern: re.Pattern[str], text: str) -> int:
    """How many characters of ``text`` the one-character class ``pattern`` matches
    (one substitution: cheaper than a list of every match)."""
    return len(text) - len(pattern.sub("", text))


def _script_counts(paragraph: str) -> tuple[int, int]:
    """``(Arabic letters, Latin letters)`` of a paragraph."""
    if _count_in_ranges is not None:
        return _count_in_ranges(paragraph, _ARABIC_RANGES, _LATIN_RANGES)
    return _letters(_ARABIC_LETTER, paragraph), _letters(_LATIN_LETTER, paragraph)


def _is_latin_caption(counts: tuple[int, int]) -> bool:
    """A paragraph written mostly in Latin script (its ``(Arabic, Latin)`` letter
    counts): an untranslated photo caption."""
    arabic, latin = counts
    return latin >= 12 and latin > 3 * arabic


def _is_credited_caption(paragraph: str) -> bool:
    """A short unpunctuated line ending with a photo agency credit, e.g. ``… (الأوروبية)``."""
    return bool(_PHOTO_CREDIT.search(paragraph)) and len(paragraph.split()) <= _CAPTION_MAX_WORDS


def noise_kind(paragraph: str, arabic_article: bool = True, counts: tuple[int, int] | None = None) -> RemovedKind | None:
    """The kind of crawl noise this paragraph is, or None for real content
    (``counts``: its ``(Arabic, Latin)`` letter counts, when the caller has them)."""
    if _READ_ALSO.match(paragraph) or _READ_ALSO_BARE.match(paragraph):
        return "boilerplate"
    if _SOURCE_FOOTER.match(paragraph) and len(paragraph.split()) <= 12:
        return "boilerplate"
    if _SHARE.match(paragraph):
        return "boilerplate"
    if arabic_article and (_is_latin_caption(counts or _script_counts(paragraph)) or _is_credited_caption(paragraph)):
        return "caption"
    return None


def _block_key(paragraph: str) -> str:
    """Identity of a paragraph for repeat detection: normalized, spacing collapsed."""
    return " ".join(normalize(paragraph).split())


def clean_paragraphs(
    body: str, outlet: str | None = None, boilerplate: BoilerplateModel | None = None
) -> tuple[list[str], list[Removed]]:
    """Split a body into content paragraphs and the noise removed from it.

    Paragraphs are the body's non-empty lines, stripped. A paragraph whose normalized
    text already appeared earlier in the article is a repeated block (kept once); one
    that the outlet prints across many articles (``boilerplate``, learned by
    :class:`marsad.boilerplate.BoilerplateModel`; the committed model by default) is
    boilerplate, and furniture it glues to the content of a first or last line (a share
    bar, a byline head) is cut off that line.
    """
    model = boilerplate if boilerplate is not None else current_boilerplate()
    lines = [line.strip() for line in body.splitlines()]
    lines = [line for line in lines if line]
    counts = [_script_counts(line) for line in lines]
    arabic_article = sum(c[0] for c in counts) >= sum(c[1] for c in counts)
    kept: list[str] = []
    removed: list[Removed] = []
    seen: set[str] = set()
    for position, (line, line_counts) in enumerate(zip(lines, counts)):
        kind = noise_kind(line, arabic_article, line_counts)
        if kind is None and model.is_boilerplate(outlet, line, position, len(lines)):
            kind = "boilerplate"
        if kind is not None:
            removed.append(Removed(kind=kind, text=line))
            continue
        line, glued = model.strip_glued(outlet, line, position, len(lines))
        removed.extend(Removed(kind="boilerplate", text=piece) for piece in glued)
        key = _block_key(line)
        if key in seen and len(key) > 1:
            removed.append(Removed(kind="repeat", text=line))
            continue
        seen.add(key)
        kept.append(line)
    return kept, removed


def clean(article: Article) -> Article:
    """The article with ``paragraphs`` and ``removed`` filled from its body."""
    paragraphs, removed = clean_paragraphs(article.body, article.outlet)
    return dataclasses.replace(article, paragraphs=paragraphs, removed=removed)
