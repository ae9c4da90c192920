"""Rule-based sentence splitting for Arabic news text, with exact offsets.

Why hand-written: pyarabic's and sumy's splitters cut at the Arabic comma ، and
semicolon ؛, which in news prose separate clauses, not sentences, and they lose
offsets. The rules here, applied paragraph by paragraph (every line break — LF, CRLF,
CR, U+2028/2029 — ends a sentence, and no state survives it):

* Terminators are ``. ! ? ؟ ۔ …`` and runs of them (``؟!``, ``...``).
* Never split inside a *paired* quotation: «…», "…", “…” (or the reversed ”…“ that RTL
  editors produce). Quotes are paired within the paragraph only; an opening quote with
  no partner is ignored, so a stray quote mark cannot swallow the rest of the article.
  A pair longer than :data:`MAX_QUOTE_CHARS` is not protected (a multi-sentence block
  quote, or two stray marks paired by accident) and splits like ordinary text.
  A quote whose text ends with a terminator (``«… انتهى.»``) ends the sentence AFTER
  its closing mark, so the mark stays with its sentence.
* ``،`` and ``؛`` never split.
* A dot that is part of a token never splits: decimals ``3.5``, codes ``إس.إيه22``,
  Latin initials ``U.S.`` (see :mod:`marsad.arabic.tokenize`), nor a dot between two
  Latin letters/digits (``aljazeera.net``).
* A dot after a single letter (initials ``ج. كيري``, ``د.`` / ``م.`` / ``ص.``) or after
  a known abbreviation (``Mr.``, ``Dr.``, ``etc.`` … ``إلخ`` is NOT one: it ends
  sentences) does not split — except the era letters ``م.``/``هـ.``/``ق.م.`` right
  after a number (``عام 2015 م.``), which usually do end the sentence.
* A list number at the start of a sentence (``1. ``) does not split.
* An ellipsis splits only when attached to the preceding word and followed by a
  space (``انتهى... ثم``); a free-standing `` ... `` is a pause inside the sentence.
* A terminator must be followed by whitespace, the end, a closing bracket/quote, or —
  for the missing-space typo ``سورية.وقال`` — an Arabic letter or opening quote.

Sentences are stripped of surrounding whitespace; pieces without any letter or digit
(a lone ``.`` or ``»`` line) are dropped.
"""
from __future__ import annotations

import bisect
import re

from marsad.arabic.normalize import normalize
from marsad.arabic.tokenize import TOKEN_RE, WORD_CHAR_CLASS
from marsad.model import Sentence

__all__ = ["split_sentences", "LATIN_ABBREVIATIONS", "ARABIC_ABBREVIATIONS", "LETTER_NAMES"]

#: Latin abbreviations that are followed by a dot inside a sentence (lower-cased).
LATIN_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st jr sr gen col lt sgt capt cmdr adm gov sen rep pres vs etc
    e.g i.e inc ltd co corp no jan feb mar apr jun jul aug sep sept oct nov dec fig
    vol p pp al u.s u.k u.n approx dept est min max mt ft""".split()
)

#: Arabic abbreviations written with a dot. Single letters (د. م. ص. ج. أ. …) are handled
#: generically; these are the multi-letter ones (أ.د = professor doctor, ق.م = BC).
ARABIC_ABBREVIATIONS = frozenset({"أ.د", "ا.د", "ق.م", "ب.م", "هـ", "ت", "د", "م", "ص", "ج", "ش", "ه"})

#: Arabic spellings of Latin letter names (normalized), used in acronyms written with
#: dots: "أيه. بي. سي." (ABC), "آي.أو.بي.إي" (IOBE). A dot between two of them is not
#: a sentence end.
LETTER_NAMES = frozenset(
    normalize(x)
    for x in """إيه أيه آي إي بي سي دي إف جي إتش جيه جاي كيه كي إل إم إن أو كيو آر إس تي يو
    في دبليو إكس واي زد زي""".split()
)
_NEXT_WORD_RE = re.compile(r"\s*([^\W\d_]+)(?:[.\s]|$)")

#: Era markers that END a sentence when they follow a year: "عام 632 م."
_ERA = frozenset({"م", "هـ", "ه", "ق.م", "ب.م"})

_TERMINATORS = ".!?؟۔…\u203c\u2047\u2048\u2049"
_TERM_RE = re.compile(rf"[{re.escape(_TERMINATORS)}]+")
#: Paragraph breaks: LF, CRLF, a lone CR, and the Unicode line/paragraph separators.
_NEWLINE_RE = re.compile(r"\r\n?|[\n\u2028\u2029\x0b\x0c\x1c-\x1e\x85]")
_QUOTE_CHARS = "«»\"“”„‟"
_QUOTE_RE = re.compile(r"[«»\"“”„‟]")
_GUILLEMET_RE = re.compile(r"[«»]")
_CLOSE_BRACKETS = ")]}﴿"
_WORD_CHAR_RE = re.compile(r"\w")
_ARABIC_LETTER_RE = re.compile(r"[\u0621-\u064a\u0671-\u06d3]")
_LATIN_ALNUM_RE = re.compile(r"[A-Za-z0-9]")
_PREV_WORD_RE = re.compile(r"([^\s«»\"“”„‟(\[{]*)$")
_NUMBER_BEFORE_RE = re.compile(r"[\d٠-٩۰-۹]+\s*(?:ق\.?\s*)?$")  # "632 م." / "774 ق م."
#: A word segment containing a digit: only then can a dot be inside a token (إس.إيه22).
_DIGIT_SEGMENT_RE = re.compile(rf"{WORD_CHAR_CLASS}*\d")
_DIGITS_RE = re.compile(r"[\d٠-٩۰-۹]{1,3}")

#: A paired quote longer than this is not protected: either two stray marks paired by
#: accident, or a block quote of many sentences (SaudiNewsNet has 1,000+-character
#: «…» passages with 15 full stops) that would otherwise become one giant "sentence".
MAX_QUOTE_CHARS = 600


def _quote_spans(para: str) -> list[tuple[int, int]]:
    """Paired quotation spans ``(open_index, close_index)`` within one paragraph.

    «» nest (stack; reversed »« when the paragraph is written that way); " and “” toggle (the same mark may open or close, which also covers
    RTL-reversed ”…“); „‟ are treated like “”. Unpaired openers are dropped. Spans are
    returned sorted by start; nested/overlapping spans are fine for the caller.
    """
    spans: list[tuple[int, int]] = []
    guil: list[int] = []
    open_ascii: int | None = None
    open_curly: int | None = None
    # RTL editors sometimes produce reversed guillemets (»…«, seen in ANERCorp). If the
    # paragraph's first guillemet is » and the counts balance, read it that way; a lone
    # leading » is the end of a quote opened in an earlier paragraph instead.
    opener, closer = "«", "»"
    seq = _GUILLEMET_RE.findall(para)
    if seq and seq[0] == "»" and seq.count("»") == seq.count("«"):
        opener, closer = "»", "«"
    for m in _QUOTE_RE.finditer(para):
        ch, i = m.group(), m.start()
        if ch == opener:
            guil.append(i)
        elif ch == closer:
            if guil:
                spans.append((guil.pop(), i))
        elif ch == '"':
            if open_ascii is None:
                open_ascii = i
            else:
                spans.append((open_ascii, i))
                open_ascii = None
        else:  # “ ” „ ‟
            if open_curly is None:
                open_curly = i
            else:
                spans.append((open_curly, i))
                open_curly = None
    spans = [(a, b) for a, b in spans if b - a <= MAX_QUOTE_CHARS]
    spans.sort()
    return spans


def _split_points(para: str) -> list[int]:
    """Offsets (into ``para``) where a sentence ends."""
    spans = _quote_spans(para) if _QUOTE_RE.search(para) else []
    openers = {a for a, _ in spans}
    closers = {b: a for a, b in spans}
    span_starts = [s for s, _ in spans]
    points: list[int] = []
    last = 0  # start of the current sentence
    n = len(para)
    for m in _TERM_RE.finditer(para):
        a, b = m.span()
        run = m.group()
        # Inside a paired quote? Allowed only if the run ends right at the closer(s).
        # spans are at most MAX_QUOTE_CHARS long: only those starting just before ``a``
        # can contain it (keeps one-line megabyte texts linear, not quadratic)
        lo = bisect.bisect_left(span_starts, a - MAX_QUOTE_CHARS)
        hi = bisect.bisect_left(span_starts, a)
        inside = [(s, e) for s, e in spans[lo:hi] if a < e]
        j = b
        if inside:
            # absorb the closing marks that end exactly here (possibly nested)
            while j in closers and any(s < a and e == j for s, e in inside):
                j += 1
                while j < n and para[j] in _CLOSE_BRACKETS:
                    j += 1
            if j == b or any(e >= j for s, e in inside if s < a):
                continue  # the quote goes on after this terminator
        # absorb closing brackets and unpaired quote marks
        while j < n and (para[j] in _CLOSE_BRACKETS or (para[j] in _QUOTE_CHARS and j not in openers)):
            j += 1
        nxt = para[j] if j < n else ""
        prev = para[a - 1] if a > 0 else ""
        if nxt and not nxt.isspace():
            if _LATIN_ALNUM_RE.match(prev) and _LATIN_ALNUM_RE.match(nxt):
                continue  # aljazeera.net, U.S.A, 3.5
            if nxt.isdigit():
                continue
            if not (_ARABIC_LETTER_RE.match(nxt) or j in openers or nxt in "«(["):
                continue
            if run == "." and _dotted_acronym(para, a):
                continue  # بي.ئي.إيه: short segments joined by dots, however spelled
            if run == "." and _letter_name_before(para, a) and _NEXT_WORD_RE.match(para, j):
                m = _NEXT_WORD_RE.match(para, j)
                if m and normalize(m.group(1)) in LETTER_NAMES:
                    continue  # أو.بي.إي
        is_ellipsis = "…" in run or run.count(".") >= 2
        if is_ellipsis:
            if not prev or prev.isspace():
                continue  # free-standing pause: "الحرب ... والسلام"
        elif run == ".":
            if j == b and _DIGIT_SEGMENT_RE.match(para, b) and _inside_token(para, a):
                continue  # إس.إيه22 (3.5 and U.S were caught above)
            word = _PREV_WORD_RE.search(para, max(0, a - 40), a)
            w = word.group(1) if word else ""
            if _is_abbreviation(w, para, a - len(w), last, para[j : j + 24]):
                continue
        points.append(j)
        last = j
    return points


def _letter_name_before(para: str, a: int) -> bool:
    """Is the word segment right before ``a`` (after a space or dot) a letter name?"""
    cs = a
    while cs > max(0, a - 8) and para[cs - 1].isalpha():
        cs -= 1
    return normalize(para[cs:a]) in LETTER_NAMES


def _dotted_acronym(para: str, a: int) -> bool:
    """Is the dot at ``a`` inside a dotted acronym: a space-free run of at least three
    segments of one to three letters joined by dots (بي.ئي.إيه, أو.بي.إي)?

    Spelled-out Latin letters vary in Arabic (ئي, إي, اي for "E"), so the shape is the
    evidence, not a list of letter names; two glued words (تولوز.وقالت) are never three
    short segments."""
    lo, hi = max(0, a - 16), min(len(para), a + 16)
    cs = a
    while cs > lo and not para[cs - 1].isspace() and para[cs - 1] not in "([«\"“":
        cs -= 1
    ce = a + 1
    while ce < hi and not para[ce].isspace() and para[ce] not in ")]»\"”،,":
        ce += 1
    segs = para[cs:ce].rstrip(".").split(".")
    return len(segs) >= 3 and all(1 <= len(g) <= 3 and g.isalpha() for g in segs)


def _inside_token(para: str, a: int) -> bool:
    """Is the dot at ``a`` inside a token (tokenize the surrounding chunk only)?"""
    lo, hi = max(0, a - 60), min(len(para), a + 60)
    cs = a
    while cs > lo and not para[cs - 1].isspace():
        cs -= 1
    ce = a + 1
    while ce < hi and not para[ce].isspace():
        ce += 1
    return any(m.start() < a < m.end() for m in TOKEN_RE.finditer(para, cs, ce))


def _is_abbreviation(w: str, para: str, w_start: int, sent_start: int, after: str) -> bool:
    """Is the dot after word ``w`` (starting at ``w_start``, followed by ``after``) an
    abbreviation dot?"""
    if not w:
        return False
    core = w.rstrip("ـ")
    if normalize(core.rsplit(".", 1)[-1]) in LETTER_NAMES:
        m = _NEXT_WORD_RE.match(after)
        if m and normalize(m.group(1)) in LETTER_NAMES:
            return True  # أيه. بي. سي. / آي. أو.بي.إي: spelled-out Latin acronym
    if core in _ERA and _NUMBER_BEFORE_RE.search(para, max(0, w_start - 16), w_start):
        return False  # "عام 2015 م." ends the sentence
    if _DIGITS_RE.fullmatch(w) and not para[sent_start:w_start].strip():
        return True  # list item "1. "
    if len(core) == 1 and core.isalpha() and core not in "ةىء":
        return True  # initials, د. م. ص. (ة ى ء never start a word: a broken word)
    if w.lower() in LATIN_ABBREVIATIONS or core in ARABIC_ABBREVIATIONS:
        return True
    segs = core.split(".")
    if len(segs) > 1 and all(1 <= len(s) <= 2 and s.isalpha() for s in segs):
        return True  # U.S. / ق.م. / أ.د.
    return False


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` in order; ``text[s.start:s.end] == s.text`` (stripped).

    Pure and total: any string (including unbalanced quotes or control characters)
    gives a list, never an exception.
    """
    out: list[Sentence] = []
    pos = 0
    breaks = [(m.start(), m.end()) for m in _NEWLINE_RE.finditer(text)]
    for para_end, next_pos in [*breaks, (len(text), len(text))]:
        para = text[pos:para_end]
        cuts = [0, *_split_points(para), len(para)] if para.strip() else []
        for a, b in zip(cuts, cuts[1:]):
            piece = para[a:b]
            stripped = piece.strip()
            if not stripped or not _WORD_CHAR_RE.search(stripped):
                continue
            start = pos + a + (len(piece) - len(piece.lstrip()))
            out.append(Sentence(stripped, start, start + len(stripped)))
        pos = next_pos
    return out
