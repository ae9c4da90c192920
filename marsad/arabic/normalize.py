"""Arabic orthographic normalization for MATCHING only.

Arabic news text spells the same word several ways: hamza on or off the alef
(أحمد/احمد), final yeh with or without dots (مستشفى/مستشفي), ta marbuta written as heh
(سورية/سوريه), tatweel stretching (الـرئيس), optional diacritics (بشّار), Eastern digits
(٢٠١٥), Unicode presentation-form ligatures copied from PDFs (ﻻ), and odd whitespace.
Matchers (gazetteers, dedup, quote/speaker detection) compare *normalized* forms so
these differences do not matter; every record still points into the ORIGINAL text
(see :func:`normalize_with_offsets`), so nothing displayed is ever normalized.

One tiny pure function per rule, each a ``str.translate`` table built once at import
(the same shape as CAMeL Tools' ``camel_tools.utils.normalize``). :func:`normalize`
applies all of them with ONE combined table plus one whitespace pass, which is what
makes it cheap enough for 31k articles.

Why not pyarabic's normalizers: ``pyarabic.araby.normalize_hamza`` rewrites bare hamza
ء and hamza carriers into alef/waw/yeh in ways that merge unrelated words (e.g. it
turns ء into ا), and ``strip_tashkeel``/``normalize_ligature`` cover only part of the
presentation forms. Each rule below is deliberately conservative: it merges spellings
that Arabic writers use interchangeably and nothing else.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "normalize",
    "match_form",
    "normalize_with_offsets",
    "to_original_span",
    "normalize_alef",
    "normalize_alef_maqsura",
    "normalize_teh_marbuta",
    "normalize_hamza_carriers",
    "normalize_letter_variants",
    "remove_tatweel",
    "remove_diacritics",
    "remove_invisible",
    "normalize_digits",
    "normalize_presentation_forms",
    "normalize_whitespace",
]

# --- rule tables (code point -> replacement string; "" deletes) --------------------

#: أ إ آ ٱ (and the rare wavy-hamza alefs ٲ ٳ) → ا. Writers drop or misplace hamza on
#: alef constantly (أحمد/احمد, إيران/ايران); the bare alef is the common denominator.
_ALEF = {ord(c): "ا" for c in "أإآٱٲٳ"}

#: ى → ي. Final yeh is written dotless in Egyptian usage (مصطفي/مصطفى, علي/على is a
#: real ambiguity, but matching must treat them alike because outlets differ).
_ALEF_MAQSURA = {ord("ى"): "ي"}

#: ة → ه. Ta marbuta is often typed as heh (سوريه); the reverse never creates a new
#: word, so folding both to heh is safe for matching.
_TEH_MARBUTA = {ord("ة"): "ه"}

#: ؤ → و, ئ → ي. Hamza seats vary with spelling conventions (مسئول/مسؤول, تشاؤم).
#: Bare ء is kept: dropping it would merge words such as جاء/جا and سماء/سما.
_HAMZA_CARRIERS = {ord("ؤ"): "و", ord("ئ"): "ي"}

#: Persian/Urdu letter shapes that appear in Arabic web text through foreign keyboards:
#: ی (Farsi yeh) → ي, ک (keheh) → ك, ە (ae) → ه, ۀ → ه. They look identical to the
#: Arabic letter in most fonts, so a reader cannot tell them apart — neither should we.
_LETTER_VARIANTS = {ord("ی"): "ي", ord("ک"): "ك", ord("ە"): "ه", ord("ۀ"): "ه", ord("ھ"): "ه"}

#: ـ (tatweel/kashida) is pure justification: الـرئيس == الرئيس.
_TATWEEL = {0x0640: ""}

#: Harakat, tanween, shadda, sukun, dagger alef, Quranic marks. Optional in news text.
_DIACRITICS = {
    cp: ""
    for cp in [
        *range(0x0610, 0x061B),  # Quranic honorifics and small high letters
        *range(0x064B, 0x0660),  # fathatan .. wavy hamza below (tashkeel)
        0x0670,  # superscript (dagger) alef
        *range(0x06D6, 0x06DD),  # Quranic annotation signs
        *range(0x06DF, 0x06E5),
        0x06E7,
        0x06E8,
        *range(0x06EA, 0x06EE),
        0x08D3,
        *range(0x08E3, 0x0900),  # extended-A marks
    ]
}

#: Invisible format characters that scraped Arabic text is full of (RLM/LRM, ZWJ/ZWNJ,
#: zero-width space, BOM, Arabic letter mark, bidi embeddings/isolates, soft hyphen).
#: They split words invisibly and would make equal-looking strings compare unequal.
_INVISIBLE = {
    cp: ""
    for cp in [0x00AD, 0x061C, 0x180E, *range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2060, 0x2070), 0xFEFF]
}

#: Arabic-Indic (٠-٩) and Eastern Arabic-Indic (۰-۹) digits → ASCII, plus the Arabic
#: decimal/thousands separators and percent sign, so ٣٫٥ matches 3.5 and ٢٠١٥ matches 2015.
_DIGITS = {
    **{0x0660 + i: str(i) for i in range(10)},
    **{0x06F0 + i: str(i) for i in range(10)},
    0x066B: ".",
    0x066C: ",",
    0x066A: "%",
}

#: Every Unicode whitespace character except the line feed becomes a plain space;
#: line-ish separators (CR, VT, FF, NEL, LS, PS, FS/GS/RS) become "\n". Runs are
#: collapsed afterwards by the whitespace rule.
_NEWLINES = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_WHITESPACE = {
    cp: ("\n" if chr(cp) in _NEWLINES else " ")
    for cp in range(0x3001)
    if chr(cp).isspace() and cp not in (0x0A, 0x20)
}

_CHAR_RULES: list[dict[int, str]] = [
    _INVISIBLE,
    _DIACRITICS,
    _TATWEEL,
    _ALEF,
    _ALEF_MAQSURA,
    _TEH_MARBUTA,
    _HAMZA_CARRIERS,
    _LETTER_VARIANTS,
    _DIGITS,
    _WHITESPACE,
]


def _apply_char_rules(s: str) -> str:
    for table in _CHAR_RULES:
        s = s.translate(table)
    return s


def _presentation_table() -> dict[int, str]:
    """NFKC for the Arabic presentation-form blocks only (U+FB50–FDFF, U+FE70–FEFF).

    NFKC on the whole text would also fold things we must keep (superscripts, full-width
    Latin, the ﷺ honorific is fine but e.g. "½" → "1⁄2" is not ours to change). Each
    decomposition is then passed through the letter rules, so ﻷ becomes لا and the
    isolated tashkeel forms (U+FE70…, NFKC " ً") vanish like any other diacritic.
    """
    table: dict[int, str] = {}
    for cp in [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00)]:
        ch = chr(cp)
        folded = unicodedata.normalize("NFKC", ch)
        if folded == ch:
            continue
        mapped = _apply_char_rules(folded)
        if not mapped.strip():  # spacing tashkeel forms: NFKC gives " ً" → drop
            mapped = ""
        table[cp] = mapped
    return table


_PRESENTATION = _presentation_table()


def _combined_table() -> dict[int, str]:
    """One translate table equal to applying every per-char rule in sequence."""
    keys: set[int] = set(_PRESENTATION)
    for table in _CHAR_RULES:
        keys.update(table)
    combined: dict[int, str] = {}
    for cp in keys:
        ch = chr(cp)
        out = _PRESENTATION.get(cp, ch)
        out = _apply_char_rules(out)
        if out != ch:
            combined[cp] = out
    return combined


_TABLE = _combined_table()
#: The same table keyed by character, applied with one regex: measured on 3,000
#: SaudiNewsNet articles, ``re.sub`` over the (rare) affected characters is ~2× faster
#: than ``str.translate``, which pays a dict lookup for every character.
_TABLE_CHARS = {chr(k): v for k, v in _TABLE.items()}
_TABLE_RE = re.compile("[" + "".join(re.escape(chr(k)) for k in sorted(_TABLE)) + "]")
_table_get = _TABLE_CHARS.__getitem__
#: The characters the table replaces by exactly one character (أ → ا, ة → ه …: most of
#: what it touches in news text) and the others (deleted diacritics and tatweel,
#: expanded ligatures). A one-for-one replacement keeps every offset, and no output
#: of the table is itself a key (``normalize`` is idempotent), so
#: :func:`normalize_with_offsets` replaces those in one pass and walks only the others.
_ONE_TO_ONE = {k: v for k, v in _TABLE_CHARS.items() if len(v) == 1}
_ONE_TO_ONE_RE = re.compile("[" + "".join(re.escape(k) for k in sorted(_ONE_TO_ONE)) + "]")
_RESIZE_RE = re.compile("[" + "".join(re.escape(k) for k in sorted(set(_TABLE_CHARS) - set(_ONE_TO_ONE))) + "]")
_one_to_one_get = _ONE_TO_ONE.__getitem__


def _one_to_one_sub(m: re.Match[str]) -> str:
    return _one_to_one_get(m.group())


def _table_sub(m: re.Match[str]) -> str:
    return _table_get(m.group())

#: After the char rules: a whitespace run containing a newline → "\n", else → " ".
# Starts only at a run's first space and never gives spaces back: linear on a long
# run of spaces without a newline (was quadratic: 30,000 spaces took 1.8 s).
_WS_NEWLINE_RE = re.compile(r"(?<! ) *+\n[ \n]*")
_WS_SPACES_RE = re.compile(r"  +")
#: A maximal run of two or more spaces/newlines: exactly what the two rules above change.
_WS_RUN_RE = re.compile(r"[ \n]{2,}")


# --- one function per rule ---------------------------------------------------------


def normalize_alef(text: str) -> str:
    """أ إ آ ٱ ٲ ٳ → ا."""
    return text.translate(_ALEF)


def normalize_alef_maqsura(text: str) -> str:
    """ى → ي."""
    return text.translate(_ALEF_MAQSURA)


def normalize_teh_marbuta(text: str) -> str:
    """ة → ه."""
    return text.translate(_TEH_MARBUTA)


def normalize_hamza_carriers(text: str) -> str:
    """ؤ → و and ئ → ي; bare ء is kept."""
    return text.translate(_HAMZA_CARRIERS)


def normalize_letter_variants(text: str) -> str:
    """Persian/Urdu look-alikes ی ک ە ۀ ھ → Arabic ي ك ه."""
    return text.translate(_LETTER_VARIANTS)


def remove_tatweel(text: str) -> str:
    """Delete ـ (kashida)."""
    return text.translate(_TATWEEL)


def remove_diacritics(text: str) -> str:
    """Delete tashkeel (harakat, tanween, shadda, sukun, dagger alef, Quranic marks)."""
    return text.translate(_DIACRITICS)


def remove_invisible(text: str) -> str:
    """Delete zero-width and bidi format characters (RLM, ZWNJ, BOM, …)."""
    return text.translate(_INVISIBLE)


def normalize_digits(text: str) -> str:
    """Arabic-Indic and Eastern Arabic-Indic digits (and ٫ ٬ ٪) → ASCII."""
    return text.translate(_DIGITS)


def normalize_presentation_forms(text: str) -> str:
    """NFKC restricted to Arabic presentation forms (ligatures, contextual shapes).

    The result goes through the other letter rules too (ﻷ → لا, not لأ), because the
    decomposition is only useful once it looks like ordinary normalized text.
    """
    return text.translate(_PRESENTATION)


def normalize_whitespace(text: str) -> str:
    """Unicode spaces → " ", line separators → "\\n", runs collapsed (a run with a
    newline becomes one "\\n", so paragraph boundaries survive). Ends are not stripped,
    so the rule composes with offset mapping."""
    text = text.translate(_WHITESPACE)
    return _WS_SPACES_RE.sub(" ", _WS_NEWLINE_RE.sub("\n", text))


def _collapse_whitespace(text: str) -> str:
    """The whitespace rules of :func:`normalize` (after its character table)."""
    return _WS_SPACES_RE.sub(" ", _WS_NEWLINE_RE.sub("\n", text))


def _normalize_python(text: str) -> str:
    """:func:`normalize` in Python (the compiled one, where built, gives the same)."""
    text = _TABLE_RE.sub(_table_sub, text)
    if "  " in text or "\n" in text:
        text = _collapse_whitespace(text)
    return text


try:  # the table applied by a C loop (marsad/arabic/_normalize.pyx, built by make setup)
    from marsad.arabic._normalize import Normalizer as _Normalizer
except ImportError:
    _normalize_compiled = None
else:
    _normalize_compiled = _Normalizer(_TABLE, _collapse_whitespace)


def normalize(text: str) -> str:
    """All rules above, in one translate pass plus one whitespace pass.

    Equal to ``normalize_whitespace`` ∘ per-char rules ∘ ``normalize_presentation_forms``.
    Idempotent. Does not lower-case (see :func:`marsad.arabic.tokenize.words`).
    """
    if _normalize_compiled is not None:
        return _normalize_compiled(text)
    return _normalize_python(text)


@lru_cache(maxsize=200_000)
def match_form(word: str) -> str:
    """``normalize(word).lower()``: the form a word (or short phrase) is matched in,
    cached — a digest asks it of the same words thousands of times (the entity
    stages' name and fragment tests, the role and quote tokenizers share this one
    cache)."""
    return normalize(word).lower()


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """Normalize and map every normalized character back into ``text``.

    Returns ``(norm, offsets)`` with ``len(offsets) == len(norm) + 1``: ``offsets[j]`` is
    the index in ``text`` of the character that produced ``norm[j]`` and
    ``offsets[len(norm)] == len(text)``. ``norm == normalize(text)`` always. Use
    :func:`to_original_span` to turn a match ``norm[s:e]`` into an original span.
    """
    # One-for-one replacements keep offsets: done in one pass. Runs between the
    # characters that change length keep contiguous offsets, so only those (rare:
    # diacritics, tatweel, ligatures) are visited one by one.
    text_1 = _ONE_TO_ONE_RE.sub(_one_to_one_sub, text)
    chars: list[str] = []
    offs: list[int] = []
    pos = 0
    for m in _RESIZE_RE.finditer(text_1):
        i = m.start()
        if i > pos:
            chars.append(text_1[pos:i])
            offs.extend(range(pos, i))
        out = _TABLE_CHARS[m.group()]
        if out:
            chars.append(out)
            offs.extend([i] * len(out))
        pos = i + 1
    chars.append(text_1[pos:])
    offs.extend(range(pos, len(text)))
    inter = "".join(chars)
    offs.append(len(text))
    # Collapse whitespace runs exactly like normalize(); keep the run's first offset.
    parts: list[str] = []
    new_offs: list[int] = []
    pos = 0
    for m in _WS_RUN_RE.finditer(inter):
        a, b = m.span()
        parts.append(inter[pos:a])
        new_offs.extend(offs[pos:a])
        parts.append("\n" if "\n" in m.group() else " ")
        new_offs.append(offs[a])
        pos = b
    parts.append(inter[pos:])
    new_offs.extend(offs[pos:])
    return "".join(parts), new_offs


def to_original_span(offsets: list[int], start: int, end: int) -> tuple[int, int]:
    """Map a half-open span of normalized text to a half-open span of the original.

    The original span runs from the first matched character to just before the next
    kept character, so trailing diacritics/tatweel of the last matched letter are
    included (highlighting "بشّار" whole), and a match ending inside an expanded
    ligature (ﻻ → لا) covers the whole ligature.
    """
    n = len(offsets) - 1
    if not 0 <= start <= end <= n:
        raise ValueError(f"span {start}:{end} outside normalized text of length {n}")
    if start == end:
        return offsets[start], offsets[start]
    last = offsets[end - 1]
    k = end
    while offsets[k] == last:  # terminates: offsets[n] == len(text) > last
        k += 1
    return offsets[start], offsets[k]
