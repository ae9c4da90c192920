"""What part of a tagged span is a name: words that are never named entities in news,
and the clitics and formulas the tagger leaves at a name's edges.

The CRF tags spans, not names. On a real day of news it tags ``الله`` (in every
spelling and inside pious formulas: رحمه الله، حفظه الله), pronouns (``هي داعش``),
bare titles (``الأمير``), month and weekday names and currency units (``ريال``،
``دولار``), and it runs a person's name into a following place with its preposition
(``عبدالعزيز بجدة``). :func:`trim_mention` cuts a mention down to its name — or to
nothing — before canonicalization, so none of this becomes an entity or the glue
between two entities.

Word lists come from maintained data where there is one: CLDR's Arabic currency names
and month and weekday names (through Babel, shipped with the package, no network) and
marsad's own lexicons (titles, months, weekdays); the rest (pronouns, the pious
formulas, compound names built on الله) are short closed lists written here.
"""
from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace
from functools import lru_cache

import re

from marsad.arabic.lexicons import HIJRI_MONTHS, MONTHS, SPEAKER_NOUNS, SPEECH_VERB_FORMS, STOPWORDS, TITLES, WEEKDAYS
from marsad.arabic.normalize import match_form, normalize
from marsad.arabic.stem import strip_clitics as strip_unambiguous
from marsad.arabic.stem import strip_frequent_proclitic, word_counts
from marsad.arabic.tokenize import Token, tokenize
from marsad.entities.corpus_gazetteer import LOC_TRIGGERS, ORG_TRIGGERS
from marsad.entities.features import CONJ_PREP_PREFIXES, strip_clitics
from marsad.entities.patterns import event_head, org_head
from marsad.model import Mention

__all__ = [
    "is_not_name", "trim_mention", "extend_to_head", "join_adjacent", "place_names", "country_names", "homographs",
    "homograph_spelling", "glued", "GOD", "demonyms", "says_whose",
]


_norm = match_form  # normalize(word).lower(), cached


#: The name of God, bare and with the proclitics that write it as one word.
GOD = frozenset(_norm(w) for w in ("الله", "لله", "والله", "بالله", "فالله", "تالله", "ولله", "اللهم", "اللهِ", "اللَّه"))
#: First words of compound names built on الله: عبد الله، حزب الله، نصر الله، أنصار الله …
_GOD_COMPOUNDS = frozenset(
    _norm(w) for w in (
        "عبد", "حزب", "نصر", "جند", "أنصار", "انصار", "فضل", "عطا", "عطاء", "ضيف", "جار", "خلف", "جاب", "حسب",
        "مال", "فتح", "عوض", "هبة", "رزق", "ولي", "سيف", "عبيد", "خير", "جود", "دخيل",
    )
)
_PRONOUNS = frozenset(
    _norm(w) for w in (
        "هو", "هي", "هم", "هما", "هن", "أنا", "نحن", "أنت", "أنتم", "أنتما", "انتم", "وهو", "وهي", "وهم", "فهو",
        "فهي", "هذا", "هذه", "ذلك", "تلك", "هؤلاء", "أولئك", "الذي", "التي", "الذين", "سموه", "معاليه", "فضيلته",
        "سعادته", "سماحته", "جلالته", "فخامته",
    )
)
#: Words that introduce a name but are not part of it (beyond the titles of
#: :data:`marsad.arabic.lexicons.TITLES`): our colleague, the late, the citizen …
_INTRODUCERS = frozenset(
    _norm(w) for w in (
        "زميلنا", "زميلتنا", "الزميل", "الزميلة", "الراحل", "الراحلة", "المواطن", "المواطنة", "الشهيد", "المرحوم",
        "المرحومة", "الفقيد", "الفقيدة", "السيد", "السيدة", "سمو", "معالي", "فضيلة", "سعادة", "سماحة", "جلالة",
        "فخامة", "صاحب", "السمو", "الملكي", "الشاب", "الطفل", "الطفلة", "اللاعب", "المدرب", "الفنان", "الفنانة",
        "الكاتب", "الكاتبة", "الشاعر", "الإعلامي", "الداعية", "المتهم", "الوافد", "المقيم", "الأخ", "الأستاذة",
        "المهندسة", "الدكتورة", "الدكتور", "المهندس", "الأستاذ", "الشيخ", "الأمير", "الأميرة", "الملك",
        "نجم", "لاعب", "مهاجم", "حارس", "مدافع", "المهاجم", "الحارس", "المدافع", "النجم", "ركن", "الركن",
        "نظير", "نظيره", "نظيرها", "نظيري", "نظيرته", "ونظيره",  # «نظيري الإيراني»: "my Iranian counterpart"
    )
)


#: Introducers that only ever introduce a person: a span the tagger typed ORG or MISC
#: that starts with one (``المدرب الأوروجوياني كارينو``) is a person's name.
_PERSON_INTRODUCERS = _INTRODUCERS - frozenset(
    _norm(w) for w in ("الملك", "الأمير", "الأميرة", "الشيخ", "سمو", "صاحب", "السمو", "الملكي", "جلالة", "خادم")
)


@lru_cache(maxsize=1)
def _cldr_words() -> frozenset[str]:
    """Currency units, months and weekdays in Arabic from CLDR (Babel), when installed:
    the first word of each currency name (دولار أمريكي → دولار) with its accusative,
    plural and definite forms, and every wide month and weekday name."""
    try:
        from babel import Locale
    except ImportError:  # pragma: no cover - babel is a dependency; stay usable without it
        return frozenset()
    out: set[str] = set()
    for code in ("ar", "ar_SA", "ar_EG", "ar_SY", "ar_LB", "ar_IQ", "ar_MA", "ar_DZ", "ar_TN"):
        try:
            loc = Locale.parse(code)
        except Exception:  # pragma: no cover - an old CLDR without the locale
            continue
        for name in loc.currencies.values():
            unit = _norm(name.split()[0]) if name.split() else ""
            if len(unit) >= 3 and not any(ch.isdigit() for ch in unit):
                out.update({unit, unit + "ا", unit + "ات", "ال" + unit, "ال" + unit + "ات"})
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                out.update(_norm(v) for v in loc.months[context][width].values() if len(v) > 2)
                out.update(_norm(v) for v in loc.days[context][width].values() if len(v) > 2)
    # Irregular plurals of the usual units, which CLDR does not list.
    out.update(_norm(w) for w in ("دنانير", "دراهم", "ليرات", "جنيهات", "الدنانير", "الدراهم", "ريالات", "دولارات"))
    return frozenset(out)


#: Bare title nouns that end a span when the tagger ran into an apposition
#: (``نجيب عبد الرزاق رئيس``); without the article they are also given names
#: (سلطان، أمير), so they are cut only at a span's end.
_TRAILING_TITLES = frozenset(_norm(w) for w in ("رئيس", "وزير", "نائب", "مدير", "مستشار", "سفير", "عضو", "محافظ", "أمين", "رئيسة", "وزيرة"))


@lru_cache(maxsize=1)
def _edge_words() -> frozenset[str]:
    """Words cut from a name's edges: الله, pronouns, introducers, titles in their
    definite form (a bare سلطان or أمير is also a given name)."""
    return frozenset(GOD | _PRONOUNS | _INTRODUCERS | {t for t in TITLES if " " not in t and t.startswith("ال")})


@lru_cache(maxsize=1)
def _lone_words() -> frozenset[str]:
    """Words that are no name when tagged alone, but may be part of one (رجب طيب
    أردوغان، ريال مدريد): months, weekdays, currency units, and the edge words."""
    return frozenset(
        _edge_words() | {m for m in (*MONTHS, *HIJRI_MONTHS) if " " not in m} | set(WEEKDAYS) | _cldr_words()
    )


def _in(norm: str, words: frozenset[str]) -> bool:
    """``norm`` or its reading without a proclitic (وهو، لله، للمدرب → المدرب, والأمير)."""
    if norm in words:
        return True
    if len(norm) > 4 and norm.startswith("لل") and "ال" + norm[2:] in words:
        return True
    for n in (1, 2):
        if len(norm) > n + 2 and all(c in "وفبلك" for c in norm[:n]) and norm[n:] in words:
            return True
    return False


@lru_cache(maxsize=100_000)
def is_not_name(word: str) -> bool:
    """Whether ``word`` is never a name on its own in news: الله, a pronoun or title-pronoun,
    a title or honorific, a month or weekday, a currency unit (also with و/ف/ب/ل/ك), or
    a word of one or two letters."""
    norm = _norm(word)
    return len(norm) < 3 or _in(norm, _lone_words()) or _people(norm)


@lru_cache(maxsize=1)
def _language_adjectives() -> frozenset[str]:
    """Normalized one-word Arabic names of languages from CLDR (Babel): الكردية،
    التركية — the feminine relative adjective of a people."""
    try:
        from babel import Locale
    except ImportError:  # pragma: no cover
        return frozenset()
    return frozenset(_norm(n) for n in Locale.parse("ar").languages.values() if " " not in n)


def _people(norm: str) -> bool:
    """Whether a normalized word names a people by the plural of its relative
    adjective — broken, of a language's people (الأكراد of الكردية، الأتراك of
    التركية in CLDR), or sound, of a country's (السوريين of السوري) — which is no named
    entity, like the adjective itself («الأكراد» typed ORG was a top-100 entity of
    2015-07-26/27). الإسلام has the shape of a broken plural but no language."""
    if norm.startswith("لل"):
        norm = "ال" + norm[2:]
    elif norm[:1] in "وفب" and norm[1:3] == "ال":
        norm = norm[1:]
    if not norm.startswith("ال"):
        return False
    stem = norm[2:]
    if len(stem) == 5 and stem[0] == "ا" and stem[3] == "ا":  # أفعال
        return "ال" + stem[1:3] + stem[4] + "يه" in _language_adjectives()
    return stem.endswith(("يين", "يون")) and "ال" + stem[:-2] in demonyms()


@lru_cache(maxsize=100_000)
def _edge_word(word: str) -> bool:
    return _in(_norm(word), _edge_words())


@lru_cache(maxsize=1)
def _cldr_places() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``(countries, cities)``: CLDR's Arabic names of territories (countries and
    regions) and of the exemplar cities of time zones, as written (with their
    diacritics), through Babel; empty without it."""
    try:
        from babel import Locale
    except ImportError:  # pragma: no cover
        return (), ()
    loc = Locale.parse("ar")
    cities = [zone.get("city") for zone in loc.time_zones.values() if hasattr(zone, "get") and zone.get("city")]
    return tuple(loc.territories.values()), tuple(cities)


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Normalized one-word Arabic names of countries, regions and exemplar cities from
    CLDR (Babel), for telling ``بجدة`` (ب + a place) from a name that starts with ب."""
    countries, cities = _cldr_places()
    return frozenset(_norm(n) for n in (*countries, *cities) if " " not in n.strip() and len(n) > 2)


@lru_cache(maxsize=1)
def country_words() -> frozenset[str]:
    """Normalized country names: CLDR's and the usual ones CLDR names otherwise
    (بريطانيا for المملكة المتحدة, أمريكا)."""
    return country_names() | frozenset(_norm(n) for n in _DEMONYM_BASES)


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """Normalized Arabic names of CLDR territories (سوريا، المملكة العربية السعودية)."""
    return frozenset(_norm(n) for n in _cldr_places()[0])


#: Countries whose relative adjective is not formed from their CLDR name
#: (الولايات المتحدة → الأمريكي، المملكة المتحدة → البريطاني).
_DEMONYM_BASES = ("أمريكا", "أميركا", "بريطانيا", "الإمارات")


#: Relative adjectives of a territory's name that are common adjectives in news
#: (مالي → المالي "financial", العالم → العالمي "global").
_COMMON_NISBAS = frozenset({"المالي", "الماليه", "العالمي", "العالميه"})


def _nisba_of(word: str, definite: bool | None = None) -> set[str]:
    """The definite relative adjectives of one normalized country word, masculine and
    feminine (روسيا → الروسي، الروسيه; مصر → المصري؛ السعوديه → السعودي); ``definite``:
    whether the name is written with the article (ألمانيا, normalized المانيا, is not)."""
    base = word[2:] if (word.startswith("ال") if definite is None else definite) else word
    for ending in ("يه", "يا", "ا", "ه"):
        if base.endswith(ending) and len(base) - len(ending) >= 2:
            base = base[: -len(ending)]
            break
    if len(base) < 2:
        return set()
    return {"ال" + base + "ي", "ال" + base + "يه"}


@lru_cache(maxsize=1)
def demonyms() -> frozenset[str]:
    """Normalized definite relative adjectives of countries (الروسي، الأميركية،
    السعودية), formed from CLDR's Arabic country names: a body's name that carries
    one (الجيش الروسي، وزارة الدفاع الأميركية) says whose body it is."""
    out: set[str] = set()
    for written in (*_cldr_places()[0], *_DEMONYM_BASES):
        name = _norm(written)
        if " " not in name:  # one-word names only: (الاتحاد الأوروبي → «الاتحادي» is "federal")
            out |= _nisba_of(name, written.strip().startswith("ال"))
    return frozenset(w for w in out if len(w) >= 6) - _COMMON_NISBAS


@lru_cache(maxsize=1)
def _owner_names() -> frozenset[str]:
    """What names a body's owner: countries' adjectives and places (:func:`says_whose`)."""
    return demonyms() | place_names() | country_names()


def says_whose(text: str) -> bool:
    """Whether a body's name found by its shape names its owner — a country's
    adjective or a place (الجيش الروسي، شرطة منطقة جازان) — so it denotes one body
    across articles; «وزارة الخارجية» alone does not (whose ministry?)."""
    owners = _owner_names()
    return any(_norm(w) in owners for w in text.split()[1:])


@lru_cache(maxsize=1)
def homographs() -> dict[str, tuple[str, ...]]:
    """Place names that CLDR writes alike but for their diacritics — two different
    places (عمان: عُمان Oman, عمّان Amman) — as normalized name → the spellings.

    Undiacritized text cannot tell them apart, so no spelling rule may merge them."""
    by_norm: dict[str, set[str]] = {}
    countries, cities = _cldr_places()
    for name in (*countries, *cities):
        by_norm.setdefault(_norm(name), set()).add(name.strip())
    return {norm: tuple(sorted(spellings)) for norm, spellings in by_norm.items() if len(spellings) > 1}


#: Arabic diacritics (harakat, tanween, shadda, sukun).
_MARKS = frozenset(chr(c) for c in range(0x064B, 0x0653))


def _marks(word: str) -> list[tuple[str, frozenset[str]]]:
    """The letters of ``word``, each with the diacritics written on it."""
    out: list[tuple[str, frozenset[str]]] = []
    for ch in word:
        if ch in _MARKS and out:
            out[-1] = (out[-1][0], out[-1][1] | {ch})
        elif ch not in _MARKS and ch != "ـ":
            out.append((ch, frozenset()))
    return out


def homograph_spelling(surface: str) -> str | None:
    """The one CLDR spelling of a homograph place (:func:`homographs`) that the
    diacritics of ``surface`` share most marks with (``عُمان`` → عُمان, ``عمَّان`` → عمّان),
    or None when ``surface`` is no homograph or its diacritics do not decide."""
    spellings = homographs().get(_norm(surface))
    if not spellings:
        return None
    written = _marks(surface)
    scores: dict[str, int] = {}
    for spelling in spellings:
        model = _marks(spelling)
        if len(model) == len(written):
            scores[spelling] = sum(len(w & m) for (_, w), (_, m) in zip(written, model))
    best = max(scores.values(), default=0)
    winners = [s for s, n in scores.items() if n == best]
    return winners[0] if best > 0 and len(winners) == 1 else None


def _god_cut(norms: list[str]) -> int | None:
    """Index from which a span is a pious formula (رحمه الله، بإذن الله، الله), or None.

    A compound name built on الله (عبد الله، حزب الله، نصر الله) is kept whole."""
    for i, norm in enumerate(norms):
        if norm in GOD:
            if i > 0 and _in(norms[i - 1], _GOD_COMPOUNDS):
                continue
            return max(0, i - 1)
    return None


def trim_mention(mention: Mention, places: Collection[str] = ()) -> list[Mention]:
    """The name inside a tagged span: [] when nothing in it is a name, else the span
    without the formula, title, pronoun and clitic words at its edges; a trailing
    ``ب``/``ل``/``و`` + place (``عبدالعزيز بجدة``) comes back as a LOC mention of its own.

    ``places`` are normalized one-word place names known beyond CLDR (the digest's
    own LOC names), checked after the proclitic is removed; a ب + word that the
    shipped corpus counts say is a preposition on a frequent word (ببريدة) counts too.
    """
    tokens = [t for t in tokenize(mention.text)]
    if not tokens:
        return []
    norms = [_norm(t.text) for t in tokens]
    cut = _god_cut(norms)
    if cut is not None:
        tokens, norms = tokens[:cut], norms[:cut]
    extra: list[Mention] = []
    if len(tokens) >= 2:
        last = norms[-1]
        if len(last) > 3 and last[0] in "بلو" and last not in places and (
            last[1:] in places or last[1:] in place_names() or last[0] == "ب" and strip_frequent_proclitic(last) == last[1:]
        ):
            t = tokens[-1]
            extra.append(replace(mention, start=mention.start + t.start + 1, end=mention.start + t.end,
                                 text=t.text[1:], type="LOC"))
            tokens, norms = tokens[:-1], norms[:-1]
        elif mention.type == "PER" and "-" in tokens[-1].text.strip("-") and (tail := tokens[-1].text.rsplit("-", 1)[1]) \
                and ((dateline := _norm(tail)) in places or dateline in place_names()):
            # "أحمد البشيري-الباحة": a reporter's name and the dateline, joined by a hyphen
            t = tokens[-1]
            cut_at = t.text.rindex("-")
            extra.append(replace(mention, start=mention.start + t.start + cut_at + 1, end=mention.start + t.end,
                                 text=t.text[cut_at + 1:], type="LOC"))
            tokens[-1] = replace(t, end=t.start + cut_at, text=t.text[:cut_at])
            norms[-1] = _norm(tokens[-1].text)
        elif mention.type == "PER" and last in places and norms[-2] not in _NAME_PARTICLES and last not in _NAME_PARTICLES:
            # "جمال اليافعي حائل": a reporter's name and the city of the dateline.
            t = tokens[-1]
            extra.append(replace(mention, start=mention.start + t.start, end=mention.start + t.end, text=t.text, type="LOC"))
            tokens, norms = tokens[:-1], norms[:-1]
    lo, hi = 0, len(tokens)
    # page furniture and numbers at a name's edges: "Next Previous أحمد البشيري",
    # "Stc 635031" (an SMS number after the operator)
    while hi - lo > 1 and _foreign_edge(tokens[lo].text, tokens[lo + 1:hi]):
        lo += 1
    while hi - lo > 1 and _foreign_edge(tokens[hi - 1].text, tokens[lo:hi - 1]):
        hi -= 1
    if mention.type != "PER" and len(tokens) > 1 and norms[0] in _PERSON_INTRODUCERS:
        mention = replace(mention, type="PER")
    # الله left after the formula cut belongs to a compound name (عبد الله، حزب الله);
    # "الروسي فلاديمير بوتين": a nationality adjective before a person's name.
    while lo < hi and norms[lo] not in GOD and (
        _edge_word(tokens[lo].text) and not _keeps_title(norms, lo, mention.type)
        or mention.type == "PER" and hi - lo > 1 and _nisba(norms[lo].removeprefix("و"))
    ):
        lo += 1
    while hi > lo and norms[hi - 1] not in GOD and (norms[hi - 1] in _PRONOUNS or hi - lo > 1 and (
        _edge_word(tokens[hi - 1].text) and not _family_title(norms, lo, hi, mention.type)
        and not (mention.type != "PER" and norms[hi - 1] in _ROYAL)
        or norms[hi - 1] in _TRAILING_TITLES
    )):
        hi -= 1
    if mention.type == "PER":
        hi = _family_end(norms, lo, hi)
    if hi - lo == 1 and (lo > 0 or mention.type != "PER") and norms[lo] in demonyms():
        # «نظيري الإيراني»: after its introducer a country's adjective names no one; alone
        # it is no place or body (الإماراتي typed LOC was a variant of الإمارات)
        lo = hi
    if hi - lo == 1 and is_not_name(tokens[lo].text) and not any(ch.isascii() and ch.isalnum() for ch in tokens[lo].text):
        lo = hi
    if hi - lo == 1 and _lone_head(norms[lo], mention.type):
        lo = hi  # "مركز", "مستشفى": a head whose name was cut off
    out: list[Mention] = []
    if lo < hi:
        start, end = tokens[lo].start, tokens[hi - 1].end
        if (start, end) == (0, len(mention.text)):
            out.append(mention)
        else:
            out.append(replace(mention, start=mention.start + start, end=mention.start + end, text=mention.text[start:end]))
    return out + extra


_FAMILY = _norm("آل")


def _family_end(norms: list[str], lo: int, hi: int) -> int:
    """Where a person's name inside ``norms[lo:hi]`` ends: after the family name that
    آل opens (سلمان بن عبدالعزيز آل سعود), one word, or two when the first is a name
    particle (آل أبو سعيد). What the tagger ran on into is no part of the name: «…آل
    سعود برقية» ("a cable") made a top-100 king two entities in 2015-07-26/27."""
    for i in range(lo + 1, hi - 2):
        if norms[i] == _FAMILY:
            return min(hi, i + 2 + (norms[i + 1] in _NAME_PARTICLES))
    return hi


#: «الملكي» introduces a prince (صاحب السمو الملكي) but ends a body's name (الديوان الملكي).
_ROYAL = frozenset(_norm(w) for w in ("الملكي", "الملكية"))


def _foreign_edge(word: str, rest: Sequence[Token]) -> bool:
    """A Latin word at the edge of a name in Arabic (page furniture: "Next Previous
    أحمد"), or a number of five or more digits ("Stc 635031")."""
    if word.isdigit():
        return len(word) >= 5
    return word.isascii() and word.isalpha() and any(not t.text.isascii() for t in rest)


def _family_title(norms: list[str], lo: int, hi: int, type_: str) -> bool:
    """A naming title after a person's given name is the family name (عبدالعزيز
    الشيخ، محمد الأمير): titles come before a name, never after it."""
    return type_ == "PER" and hi - lo >= 2 and norms[hi - 1] in _NAMING_TITLES and not _edge_word(norms[hi - 2])


def _keeps_title(norms: list[str], i: int, type_: str) -> bool:
    """A leading title stays in an organization's or place's name (``الملك عبدالله
    للطاقة الذرية``, ``الملك فهد``-named places): only a person loses it."""
    return type_ != "PER" and norms[i] not in GOD and norms[i] not in _PRONOUNS and len(norms) - i > 1


_HEAD_BEFORE_RE = re.compile(r"([^\s«»\"“”(),.،؛:!?؟]+) $")


def extend_to_head(mention: Mention, text: str, tagged_ends: Collection[int] = (), depth: int = 0) -> Mention:
    """The mention grown over the organization or place head the tagger left out right
    before it (``مستشفى [الملك فيصل]`` → ``مستشفى الملك فيصل``, ``صحيفة [الرياض]``,
    ``حركة [حماس]`` typed ORG; ``مدينة [غزة]``, ``حي [الشيخ رضوان]`` typed LOC): the
    head says what the name names, and without it a hospital or a newspaper is merged
    with the king or the city it is named after.

    The head must be untagged (``tagged_ends`` are the end offsets of the article's
    other mentions), in construct form (no article: ``الشركة السعودية`` is a phrase),
    and a proclitic on it (``بجامعة``) stays outside the name.
    """
    found = _HEAD_BEFORE_RE.search(text, max(0, mention.start - 30), mention.start)
    if found is None or found.end() != mention.start or found.end(1) in tagged_ends:
        return mention
    if _norm(found.group(1)) in _NAMING_TITLES:
        # "جامعة الملك [سعود]", "حي الشيخ [رضوان]": a place or body named after a person.
        before = _HEAD_BEFORE_RE.search(text, max(0, found.start(1) - 30), found.start(1))
        if before is None or before.end() != found.start(1) or before.end(1) in tagged_ends:
            return mention
        found = before
    head = found.group(1)
    norm = _norm(head)
    prefix, bare = strip_clitics(norm)
    type_ = "ORG" if bare in ORG_TRIGGERS else "LOC" if bare in _LOC_HEADS else None
    if type_ is None and (cut := org_head(norm)) is not None and norm[cut:] in _NAMED_BODY_HEADS \
            and not (mention.type == "LOC" and norm[cut:] in _DISTRICT_HEADS):
        type_, prefix = "ORG", norm[:cut]
    elif type_ is None and mention.type != "MISC" and (cut := event_head(norm)) is not None:
        # «لدوري [عبداللطيف جميل]», «مهرجان [جدة]»: an event named after a person or
        # place; not «كأس [السوبر]», an event named by its kind (see elliptical_names)
        type_, prefix = "MISC", norm[:cut]
    if type_ is None or "ال" in prefix or len(norm) != len(head):
        return mention
    start = found.start(1) + len(prefix)
    grown = replace(mention, start=start, text=text[start:mention.end], type=type_)
    if type_ == "LOC" and mention.type == "LOC" and not depth:
        # a body of the place: «لشرطة [منطقة] القصيم», «أمانة [منطقة] تبوك»
        outer = extend_to_head(grown, text, tagged_ends, depth=1)
        if outer.type == "ORG":
            return outer
    return grown


#: Heads beyond the tagger's triggers that name a body after a person or a place
#: (مركز الأمير سلمان، لجنة …، شرطة منطقة القصيم، أمانة جدة); not رئاسة or إدارة,
#: which are as often "the presidency / management of" someone (رئاسة أحمد عيد).
_NAMED_BODY_HEADS = frozenset(
    _norm(w) for w in ("مركز", "لجنة", "ديوان", "شرطة", "أمانة", "بلدية", "معهد", "كلية", "أكاديمية", "محكمة", "غرفة")
)
#: ... of which مركز before a place is a district (مركز الشيخ زويد، مركز حوطة سدير).
_DISTRICT_HEADS = frozenset({_norm("مركز")})

#: Titles in the names of things named after a person (جامعة الملك سعود).
_NAMING_TITLES = frozenset(_norm(w) for w in ("الملك", "الأمير", "الأميرة", "الشيخ", "الإمام", "السلطان"))

#: Heads of place names (مدينة غزة، حي الشيخ رضوان، مطار الملك خالد); not عاصمة:
#: the capital of X is not named X.
_LOC_HEADS = LOC_TRIGGERS - {strip_clitics(_norm("عاصمة"))[1]}


def _nisba(norm: str) -> bool:
    """A definite relative adjective (الروسي، الأمريكية): no person's first name."""
    return norm.startswith("ال") and len(norm) >= 6 and norm.endswith(("ي", "يه"))


#: Name particles between two parts of one person's name (حمد بو عميم، محمد بن سلمان).
_NAME_PARTICLES = frozenset(_norm(w) for w in ("بو", "أبو", "ابو", "بن", "ابن", "بنت", "آل", "ال", "أم", "عبد", "ولد"))


def join_adjacent(mentions: Sequence[Mention], text: str) -> list[Mention]:
    """One article's mentions (sorted by start) with the pieces of one name joined: two
    mentions of the same type separated by one space (``كردستان`` ``العراق``), or two
    person mentions separated by a name particle (``حمد`` بو ``عميم``)."""
    out: list[Mention] = []
    for m in mentions:
        if out:
            prev = out[-1]
            gap = text[prev.end:m.start]
            joins = prev.type == m.type and gap == " " and not _two_people(prev, m) or (
                prev.type == m.type == "PER" and gap.startswith(" ") and gap.endswith(" ")
                and _norm(gap.strip()) in _NAME_PARTICLES
            )
            # "كيري ولافروف": a conjunction glued to the second name lists two names.
            if joins and prev.end <= m.start and not (m.text[:1] in "وف" and len(m.text.split(" ", 1)[0]) > 3):
                out[-1] = replace(prev, end=m.end, text=text[prev.start:m.end])
                continue
        out.append(m)
    return out


#: What separates the items of a list of names.
_LIST_SEPARATORS = frozenset("،,؛(")
#: Words before a person's name that are no given name: kin and other relations.
_RELATIONS = frozenset(
    _norm(w) for w in ("نجل", "ابنة", "ابنه", "حفيد", "حفيدة", "عم", "خال", "أخ", "أخت", "شقيق", "شقيقة", "زوج", "زوجة", "والد", "والدة", "أرملة", "صديق", "رفيق")
)


def given_names_in_lists(mentions: Sequence[Mention], text: str, given: Collection[str] = frozenset()) -> list[Mention]:
    """One article's person mentions (sorted by start) grown over the one untagged word
    that opens their list item, in a list of people: «…، مريم [أحمد آل حمادة]،
    هنادي …» — the tagger knows the father's and family names and misses a woman's
    given name. The item must open after a list separator (، , ؛ or a parenthesis),
    the word must be no function word, title, relation, verb of speech or month, and
    the item before or after it must be a person too; a glued و stays outside
    (وإنعام → إنعام). The word is a known given name (``given``: normalized first
    words of persons' names) or one the shipped corpus counts as rare, so a verbal
    noun of a credits list (إخراج فارس الشهري، تنفيذ …) or a road (طريق عمر بن
    الخطاب) is not taken."""
    out = list(mentions)
    by_end = {m.end: m for m in out}
    by_start = {m.start: m for m in out}
    for k, m in enumerate(out):
        if m.type != "PER" or " " not in m.text.strip():
            continue
        before = _HEAD_BEFORE_RE.search(text, max(0, m.start - 30), m.start)
        if before is None or before.end() != m.start or before.end(1) in by_end:
            continue
        lead = text[:before.start(1)].rstrip(" ")
        if not lead or lead[-1] not in _LIST_SEPARATORS:
            continue
        word = before.group(1)
        word = word[1:] if word[:1] == "و" and word[1:2] in "أإآ" else unglued(word)  # وإنعام
        if word is None or not _given_name(word) or not (_norm(word) in given or _rare_word(word)) or _verb_like(word) \
                or _VERB_OR_SUFFIX_RE.search(word):
            continue  # (a listed «name» may open with a verb: «ويخرجه كريس مكجواير»)
        if not (_person_ends(by_end, lead[:-1].rstrip(" ")) or _person_follows(by_start, text, m.end)):
            continue
        start = before.end(1) - len(word)
        out[k] = replace(m, start=start, text=text[start:m.end])
    return out


def _given_name(word: str) -> bool:
    """A word that can be a given name by its shape: Arabic letters, no article, and
    no function word, title, relation, verb of speech, speaker noun or month."""
    norm = _norm(word)
    return (
        len(norm) >= 3 and norm.isalpha() and not norm.startswith("ال") and norm not in STOPWORDS
        and norm not in TITLES and norm not in SPEECH_VERB_FORMS and norm not in SPEAKER_NOUNS
        and norm not in _RELATIONS and not is_not_name(word) and not _edge_word(word)
    )


#: A word is rare when the shipped corpus counts write it, bare and with the article,
#: fewer times than this (women's names are: مريم 90, فوزية 51, إنعام 20).
_RARE = 200
_VERB_OR_SUFFIX_RE = re.compile(r"^(?:س[يتنأ])|(?:(?<!ل)ه|ها|هم|هن|وا|ون)$")  # not عبدالله


def _rare_word(word: str) -> bool:
    """A word the shipped corpus writes rarely, bare or with the article, and not by its
    shape a verb or a word with a pronoun or proclitic: سيلتحق، أخرجه (ة is no ه),
    أخرج، شارك (أفعل, فاعل: the common men's names of these shapes are known given
    names), بمساعدة."""
    norm = _norm(word)
    counts = word_counts()
    return (
        counts.get(norm, 0) + counts.get("ال" + norm, 0) < _RARE and not _VERB_OR_SUFFIX_RE.search(word)
        and word[0] not in "وفبلك" and not (word[0] == "أ" and len(word) <= 4) and not (len(word) == 4 and word[1] == "ا")
    )


#: A verb is frequent in the shipped corpus counts and never written with the article.
_FREQUENT = 300
_MASDAR_RE = re.compile(r"^[إا].{1,2}ا.ة$")  # إفعالة: إقالة، إعادة، إدارة


def _verb_like(word: str) -> bool:
    """A verb or verbal noun by the corpus counts or its shape: frequent and never with
    the article (شارك: «شارك فلوريس» is a mined «name»), or إفعالة (إقالة وائل جمعة)."""
    norm = _norm(word)
    counts = word_counts()
    return counts.get(norm, 0) >= _FREQUENT and not counts.get("ال" + norm) or bool(_MASDAR_RE.match(word))


def _person_ends(by_end: dict[int, Mention], before: str) -> bool:
    """Whether a person's mention ends where ``before`` (the text before a separator) ends."""
    m = by_end.get(len(before))
    return m is not None and m.type == "PER"


def _person_follows(by_start: dict[int, Mention], text: str, end: int) -> bool:
    """Whether the list goes on, after a separator or و, with a person's mention."""
    gap = re.match(r" *[،,؛] *| +و?", text[end:end + 4])
    if gap is None:
        return False
    m = by_start.get(end + gap.end()) or by_start.get(end + gap.end() - 1)
    return m is not None and m.type == "PER" and (gap.group().strip() != "" or text[end + gap.end() - 1] == "و")


def unglued(word: str) -> str | None:
    """``word`` without the conjunction or preposition glued to it in writing, as
    spelled (بالدمام → الدمام, وتويتر → تويتر, وموسكو → موسكو); ``word`` itself when
    none is; None when the bare word is no plain cut of the written one (للأمم: the
    article's alef is not written) or diacritics hide where the proclitic ends."""
    norm = _norm(word)
    if len(norm) != len(word):
        return None
    bare = strip_unambiguous(norm)
    if bare != norm and norm.endswith(bare):
        prefix = norm[: len(norm) - len(bare)]
        prefix = prefix[:-2] if prefix.endswith("ال") else prefix
        if prefix:
            return word[len(prefix):] if prefix in CONJ_PREP_PREFIXES else None
    elif bare != norm:
        return None
    frequent = strip_frequent_proclitic(norm)
    return word[len(norm) - len(frequent):] if frequent != norm and norm.endswith(frequent) else word


def _two_people(prev: Mention, m: Mention) -> bool:
    """Two persons' names side by side, each of several words (سلمان بن عبدالعزيز |
    حمد بن عيسى آل خليفة), are two people unless the second opens with a particle of
    the first's name (محمد بن راشد | آل مكتوم)."""
    if prev.type != "PER" or " " not in prev.text.strip() or " " not in m.text.strip():
        return False
    return _norm(m.text.split()[0]) not in _NAME_PARTICLES


def glued(word: str) -> bool:
    """Whether ``word`` carries a conjunction or preposition in writing (وصالح، بينبع،
    للبنك، والشارقة, by the article and corpus counts of :mod:`marsad.arabic.stem`)."""
    norm = _norm(word)
    bare = strip_unambiguous(norm)
    prefix = norm[:len(norm) - len(bare)] if norm.endswith(bare) else ""
    return prefix not in ("", "ال") or strip_frequent_proclitic(norm) != norm


def _lone_head(norm: str, type_: str = "") -> bool:
    """An organization or place head noun, alone no name (مركز، مستشفى، منطقة); a
    place head the tagger typed ORG is a body named after it (the channel and the
    newspaper «الجزيرة», the newspaper «المدينة»)."""
    bare = strip_clitics(norm)[1]
    return bare in ORG_TRIGGERS or bare in _LOC_HEADS and type_ != "ORG"
