"""Conservative light stemming and clitic handling for matching.

Light stemming (strip affixes, never reduce to a root) makes ``وبالسلاح``, ``السلاح``
and ``سلاح`` one term for reuse detection, clustering and summarization. Measured on
ANERCorp entity forms and a SaudiNewsNet vocabulary (``tests/test_arabic_stem.py``
and the report of issue 3), the packaged light stemmers mangle names, which are what
news matching cares about most: tashaphyne's ``ArabicLightStemmer`` turns لافروف into
افروف and كيري into ير (it keeps only 28% of bare names intact), Snowball (PyStemmer)
turns بوتين into وتين and فلاديمير into لاديمير, and ARLSTem2 (NLTK) removes a leading
و/ف/ب/ل from any long word (واشنطن → شنط). So :func:`stem` is a small Light10-style
stemmer (Larkey et al. 2007) tuned to be safe on names:

* proclitics are removed only where they are unambiguous: the article ال and its
  combinations (وال بال كال فال لل وبال …), written as bare alef (``ألمانيا`` and
  ``إلغاء`` start with أل/إل, not with the article), and a conjunction/preposition
  directly before a hamza-alef (``وأضاف`` → أضاف, ``بأن`` → أن), a spelling no Arabic
  stem begins with;
* a bare و/ف/ب/ل (or وب ول فب فل) before anything else is removed only when corpus
  counts vouch for it (:func:`strip_frequent_proclitic`: وموسكو → موسكو, but وزير,
  واشنطن, بوتين, لافروف stay whole), and a bare ك never (كيري, كولن, كوفي);
* one inflectional suffix group is removed if at least three letters remain:
  final يا of country names becomes ي (سوريا, سورية, سوري → سوري; روسيا → روسي),
  plural/dual ات ون ين ان (ان only from ≥ 4 remaining letters: ايران, لبنان stay),
  ta marbuta/heh ة ه, and the object pronouns ها هم هما كم نا;
* the word is then normalized (:func:`marsad.arabic.normalize.normalize`) and
  lower-cased, so stems compare equal across hamza/yeh/digit spellings.

For lookup-based matching (gazetteers, speaker lists) use :func:`proclitic_splits`,
which lists every plausible (prefix, rest) split including the ambiguous single-letter
ones, and let the lookup decide (``وموسكو`` → ``موسكو`` only if موسكو is known).

The counts (:func:`word_counts`, ``data/word_counts.txt``) are shipped with the code
and rebuilt only on purpose (:mod:`marsad.arabic.build_counts`), so stems are
deterministic; :func:`stem` is cached (``functools.lru_cache``) because the same words
recur across a corpus.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from marsad.arabic.normalize import normalize, remove_diacritics, remove_tatweel
from marsad.arabic.tokenize import words

__all__ = ["stem", "stem_and_bare", "stems", "strip_clitics", "strip_frequent_proclitic", "proclitic_splits", "stem_words", "word_counts"]

#: Article combinations, longest first. Only BARE alef counts as the article.
_ARTICLE_PREFIXES = ("وبال", "وكال", "فبال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال")
#: Conjunction/preposition chains allowed directly before a hamza-alef (أ إ آ).
_HAMZA_PREFIXES = ("وب", "وك", "فب", "ول", "فل", "و", "ف", "ب", "ل", "ك")
_HAMZA_ALEFS = "أإآ"
#: Words that look like article + stem but are not (relative pronouns, God's name).
_ARTICLE_EXCEPTIONS = frozenset(
    {"الله", "لله", "والله", "بالله", "فالله", "تالله", "الذي", "التي", "الذين", "اللذين",
     "اللذان", "اللتان", "اللتين", "اللاتي", "اللواتي", "اللائي", "الى", "الا", "الان", "اللهم"}
)
_SUFFIXES = ("هما", "يا", "ات", "ون", "ين", "ها", "هم", "كم", "نا", "ان", "ه", "ة")
_SINGLE_PROCLITICS = "وفبلك"
_LATIN_RE = re.compile(r"[A-Za-z]")


def strip_clitics(word: str) -> str:
    """Remove unambiguous proclitics (see module doc); keeps original spelling.

    ``وبالسلاح`` → ``سلاح``, ``للأنباء`` → ``أنباء``, ``وأضاف`` → ``أضاف``;
    ``وزير``, ``ألمانيا``, ``بوتين`` unchanged.
    """
    return _strip_plain_clitics(remove_tatweel(remove_diacritics(word)))


def _strip_plain_clitics(w: str) -> str:
    """:func:`strip_clitics` of a word already without diacritics and tatweel."""
    if w in _ARTICLE_EXCEPTIONS:
        return w
    # (str.startswith of a tuple first: one C call rules out most words)
    if w.startswith(_ARTICLE_PREFIXES):
        for p in _ARTICLE_PREFIXES:
            if w.startswith(p) and len(w) - len(p) >= 2:
                return w[len(p):]
    if w.startswith(_HAMZA_PREFIXES):
        for p in _HAMZA_PREFIXES:
            if w.startswith(p) and len(w) > len(p) + 1 and w[len(p)] in _HAMZA_ALEFS:
                return w[len(p):]
    return w


def proclitic_splits(word: str) -> list[tuple[str, str]]:
    """Every plausible ``(prefix, rest)`` split of ``word``, the unsplit word first.

    Includes the ambiguous single-letter proclitics (و ف ب ل ك and two-letter chains
    such as وب فل) that :func:`strip_clitics` refuses to remove blindly, so a caller
    can look each ``rest`` up in a gazetteer: ``وموسكو`` → ``[("", "وموسكو"),
    ("و", "موسكو")]``. ``rest`` always keeps at least two letters.
    """
    w = remove_tatweel(remove_diacritics(word))
    out: list[tuple[str, str]] = [("", w)]
    seen = {w}

    def add(prefix: str, rest: str) -> None:
        if len(rest) >= 2 and rest not in seen:
            seen.add(rest)
            out.append((prefix, rest))

    for i in range(1, 3):  # up to two single-letter proclitics: و + ب
        head = w[:i]
        if len(head) == i and all(c in _SINGLE_PROCLITICS for c in head):
            if i == 2 and head[1] not in "بلك":
                continue
            add(head, w[i:])
    for p in _ARTICLE_PREFIXES:
        if w.startswith(p) and w not in _ARTICLE_EXCEPTIONS:
            add(p, w[len(p):])
    return out


def _strip_suffix(w: str) -> str:
    if w in _ARTICLE_EXCEPTIONS:
        return w
    for s in _SUFFIXES:
        if w.endswith(s):
            keep = 4 if s == "ان" else 3
            if len(w) - len(s) >= keep:
                return w[:-1] if s == "يا" else w[: -len(s)]
            return w
    return w


#: Word counts (normalized form → count) over SaudiNewsNet, built by
#: :mod:`marsad.arabic.build_counts`; only forms seen ≥ 20 times are listed.
_COUNTS_PATH = Path(__file__).resolve().parent / "data" / "word_counts.txt"
#: A bare و/ف/ب/ل (or وب ول فب فل) is stripped when what remains is a word seen at least
#: this often and at least :data:`_RATIO` times as often as the whole word.
_MIN_COUNT = 20
_RATIO = 2
_FREQ_PROCLITICS = ("و", "ف", "ب", "ل", "وب", "ول", "فب", "فل")


@lru_cache(maxsize=1)
def word_counts() -> dict[str, int]:
    """The shipped corpus word counts (empty if the data file is missing)."""
    counts: dict[str, int] = {}
    try:
        with _COUNTS_PATH.open(encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("#"):
                    continue
                w, _, c = line.rstrip("\n").partition("\t")
                if c.isdigit():
                    counts[w] = int(c)
    except OSError:
        return {}
    return counts


def strip_frequent_proclitic(word: str) -> str:
    """Remove an ambiguous single-letter proclitic when corpus counts vouch for it.

    ``وموسكو`` → ``موسكو`` (موسكو is far more frequent than وموسكو), ``لرويترز`` →
    ``رويترز``, ``وبموسكو`` → ``موسكو``; ``وزير`` stays (زير is rare next to وزير),
    ``واشنطن``/``بوتين``/``فرنسا`` stay (اشنطن, وتين, رنسا are not words). Works on the
    normalized form and returns it. ك is never stripped this way: too many foreign names
    start with it (كيري, كولن, كوفي). Measured on ANERCorp entity words: word/clitic-form
    pairs sharing a stem rise from 0.33 to 0.85, bare names kept fall from 0.77 to 0.75
    (e.g. باول → اول, فورد → ورد).
    """
    return _strip_frequent(normalize(remove_tatweel(remove_diacritics(word))))


def _strip_frequent(w: str) -> str:
    """:func:`strip_frequent_proclitic` of a word already normalized."""
    counts = word_counts()
    if not counts:
        return w
    if not w.startswith(_FREQ_PROCLITICS):
        return w
    whole = counts.get(w, _MIN_COUNT - 1)
    for p in _FREQ_PROCLITICS:
        if w.startswith(p) and len(w) - len(p) >= 3:
            rest = w[len(p):]
            c = counts.get(rest, 0)
            if c >= _MIN_COUNT and c >= _RATIO * whole:
                return rest
    return w


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Light stem of one word, normalized and lower-cased (for matching only).

    ``وبالسلاح``, ``السلاح``, ``سلاح`` → ``سلاح``; ``الروسية``, ``الروسيين``,
    ``روسي`` → ``روسي``; ``تدريبات`` → ``تدريب``; names stay whole (``لافروف``,
    ``كيري``, ``واشنطن``). Latin and numeric tokens are only normalized/lower-cased.
    """
    if not word or _LATIN_RE.search(word):
        return normalize(word).lower()
    plain = remove_tatweel(remove_diacritics(word))
    # strip_clitics and strip_frequent_proclitic of a word already without
    # diacritics and tatweel (they would remove them again)
    w = _strip_plain_clitics(plain)
    if w == plain:
        w = _strip_frequent(normalize(w))
    w = _strip_suffix(w)
    return normalize(w).lower()


def stem_and_bare(word: str) -> tuple[str, str]:
    """``(stem(word), strip_frequent_proclitic(strip_clitics(word)))`` — the light
    stem and the clitic-free form the NER features take — computed together: both
    start by removing diacritics, tatweel and the unambiguous proclitics, and a word
    without those is stemmed from its clitic-free form. Not cached (the NER scores a
    word once)."""
    plain = remove_tatweel(remove_diacritics(word))
    w = _strip_plain_clitics(plain)  # = strip_clitics(word), and has no diacritics left
    bare = _strip_frequent(normalize(w))
    if not word or _LATIN_RE.search(word):
        return normalize(word).lower(), bare
    return normalize(_strip_suffix(bare if w == plain else w)).lower(), bare


def stem_words(tokens: list[str]) -> list[str]:
    """:func:`stem` over a token list (convenience for bag-of-stems features)."""
    return [stem(t) for t in tokens]


def stems(text: str) -> list[str]:
    """Light stems of the normalized words of ``text`` (``stem`` over ``words``).

    Project convention: stems are computed from :func:`marsad.arabic.tokenize.words`
    output, as reuse, stories and summarize do, so stems from different stages compare
    equal. :func:`stem` also accepts original spellings and then does slightly better
    (``وأضاف`` → اضاف through the hamza-alef rule, ``ألمانيا`` keeps its أل), but such
    stems must not be mixed with stems of normalized words: after normalization
    ``واضاف`` and ``المانيا`` are stemmed as written (واضاف, ماني).
    """
    return [stem(w) for w in words(text)]
