"""Arabic text layer: matching normalization, tokens, sentences, light stems, lexicons.

Everything here is pure and offset-preserving: normalized forms are for matching only,
and tokens/sentences carry offsets into the original text. Shared word lists live in
:mod:`marsad.arabic.lexicons` (imported on demand: it loads the stopword package).

The functions re-exported here shadow their modules' names (``marsad.arabic.stem`` is
the function), so import the per-rule helpers from the module path:
``from marsad.arabic.normalize import remove_diacritics``.
"""
from marsad.arabic.normalize import normalize, normalize_with_offsets, to_original_span
from marsad.arabic.sentences import split_sentences
from marsad.arabic.stem import proclitic_splits, stem, stems, strip_clitics
from marsad.arabic.tokenize import Token, tokenize, words

__all__ = [
    "normalize",
    "normalize_with_offsets",
    "to_original_span",
    "tokenize",
    "words",
    "Token",
    "split_sentences",
    "stem",
    "stems",
    "strip_clitics",
    "proclitic_splits",
]
