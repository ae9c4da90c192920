"""Outlet boilerplate learned from repetition: bylines, datelines, link and SMS lines.

Every outlet prints its own furniture inside article bodies — «عين اليوم – الرياض»,
«رابط الخبر بصحيفة الوئام: …», «للتواصل مع الكاتب ارسل رسالة SMS», «...المزيد». No list
written by hand per outlet can keep up with them, but they give themselves away by
repetition: the same short line (or the same opening or closing words of a short line
at the top or bottom of the body) recurs across many *different* articles of one outlet,
which real content does not.

Some furniture is glued to the content on the same line: a share bar printed before the
lead («شارك من خلال تويتر فيسبوك جوجل بلس اكتب رأيك أكد …»), a byline before it
(«فهد العتيبي- سبق- الطائف: أعلنت …»). Those are learned as *glued* shapes: the fixed
opening words of a body's first line (or closing words of its last line) that a large
share of the outlet's bodies print, followed (preceded) by words that vary; and *byline
markers*, the words of a colon-ended head («X- سبق- Y:») that many of the outlet's
bodies open with. :meth:`BoilerplateModel.strip_glued` cuts them off the line.

:class:`BoilerplateModel` learns those shapes from a corpus (``fit``; ``marsad train
boilerplate``) and is applied per article by :mod:`marsad.clean`, so a new article is
cleaned the same way in a batch digest, a store ingest or a Spark task. A line's
*shape* is its normalized text with URLs, Latin words and digits masked, so a link line
or a numbered heading matches across articles.

Example:
    >>> model = BoilerplateModel(lines={"x": {"عين اليوم – الرياض"}})
    >>> model.is_boilerplate("x", "عين اليوم – الرياض", 0, 5)
    True
"""
from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from marsad.arabic.lexicons import SPEECH_VERB_FORMS
from marsad.arabic.normalize import normalize

__all__ = ["BoilerplateModel", "line_shape", "load_boilerplate", "current_boilerplate", "batch_boilerplate", "BOILERPLATE_FILE"]

BOILERPLATE_FILE = Path(__file__).parent / "data" / "boilerplate.json"

_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9._\-]*")
_DIGITS = re.compile(r"[0-9٠-٩۰-۹]+")
_SPACE = re.compile(r"\s+")

#: A repeated whole line must be at most this long (real sentences are longer).
MAX_LINE_WORDS = 20
#: Edge lines (first one, last two of a body) learned by their opening/closing words.
MAX_EDGE_WORDS = 12
#: A closing line learned by its opening words may be longer: a link line repeats the
#: article's own title after «رابط الخبر بصحيفة …:».
MAX_TAIL_OPENING_WORDS = 25
EDGE_KEY_WORDS = 3
#: Distinct articles (by body) of one outlet a shape must recur in.
MIN_LINE_ARTICLES = 5
MIN_EDGE_ARTICLES = 8
#: A glued opening/closing is at most this many words.
MAX_GLUED_WORDS = 10
#: A byline head is the words up to a colon among a body's first this many words.
MAX_BYLINE_WORDS = 8
#: Distinct bodies a glued shape or byline marker must recur in …
MIN_GLUED_ARTICLES = 20
#: … and the share of the outlet's bodies (a lead phrase of one big story is not one).
MIN_GLUED_SHARE = 0.2
#: Real content left after a glued opening/closing is cut (words); shorter: leave the line.
MIN_LEFT_WORDS = 4
#: Dashes and punctuation around byline words («سبق-», «الطائف:»).
_WORD = re.compile(r"[^\s:：]+[:：]?|[:：]")
_BYLINE_PUNCT = re.compile(r"[\-–—:：/()|،,.]+")


def line_shape(line: str) -> str:
    """Normalized line with URLs, Latin words and digits masked, spacing collapsed."""
    text = _URL.sub(" <url> ", line[:2000])
    text = _LATIN_WORD.sub(lambda m: m.group(0).lower() if len(m.group(0)) <= 12 else "<w>", text)
    text = _DIGITS.sub("0", normalize(text))
    return _SPACE.sub(" ", text).strip()


def _edge_keys(shape: str, tail: bool = False) -> tuple[str | None, str | None]:
    """(opening words, closing words) of a short edge line, or None where unusable.

    At the tail (last two lines) an opening is also taken from lines of up to
    :data:`MAX_TAIL_OPENING_WORDS` words, unless it opens with a conjunction (و/ف + word:
    a sentence of content, «وفي ختام اللقاء …»).
    """
    tokens = shape.split()
    if len(tokens) <= EDGE_KEY_WORDS:
        return None, None
    short = len(tokens) <= MAX_EDGE_WORDS
    head = tokens[:EDGE_KEY_WORDS]
    opening: str | None = " ".join(head)
    if head[0] in SPEECH_VERB_FORMS or head[0].lstrip("و") in SPEECH_VERB_FORMS:
        opening = None
    elif not short and not (tail and len(tokens) <= MAX_TAIL_OPENING_WORDS and head[0][0] not in "وف"):
        opening = None
    closing = " ".join(tokens[-EDGE_KEY_WORDS:]) if short else None
    return opening, closing


def word_shapes(line: str) -> list[tuple[str, int]]:
    """(shape, end offset in ``line``) of each word that has one; words are split at
    spaces and after a colon («جدة:أعلن» is two words, the first a byline's end)."""
    return [(shape, m.end()) for m in _WORD.finditer(line) if (shape := line_shape(m.group(0)))]


def _byline_cores(words: list[str]) -> set[str]:
    """The words of a byline head without dashes and punctuation («سبق-وكالات:» →
    سبق، وكالات), letters only."""
    return {core for word in words for core in _BYLINE_PUNCT.split(word) if core and any(ch.isalpha() for ch in core)}


def _byline_head(shapes: list[str]) -> int | None:
    """How many words the colon-ended head of a first line has («سبق- وكالات: …» → 2),
    or None (no colon among the first :data:`MAX_BYLINE_WORDS` words, a speech verb in
    the head: «وقال الوزير:» opens a quote, not a byline)."""
    for n, shape in enumerate(shapes[:MAX_BYLINE_WORDS]):
        if shape.endswith((":", "：")):
            head = shapes[: n + 1]
            if any(core in SPEECH_VERB_FORMS or core.lstrip("وف") in SPEECH_VERB_FORMS for core in _byline_cores(head)):
                return None
            return n + 1
    return None


def _is_edge(position: int, count: int) -> bool:
    return position == 0 or position >= count - 2


@dataclass(slots=True)
class BoilerplateModel:
    """Per-outlet boilerplate shapes: whole short lines, and openings/closings of edge lines.

    Attributes:
        lines: outlet → shapes of short lines seen in many of its articles.
        openings: outlet → first words of short edge lines (e.g. «رابط الخبر بصحيفة»).
        closings: outlet → last words of short edge lines (e.g. «– عين اليوم»).
        prefixes: outlet → opening words glued before the content of a first line
            (a share bar).
        suffixes: outlet → closing words glued after the content of a last line.
        bylines: outlet → words whose colon-ended head opens many of its bodies
            («سبق» of «فهد العتيبي- سبق- الطائف:»).
    """

    _PARTS = ("lines", "openings", "closings", "prefixes", "suffixes", "bylines")

    lines: dict[str, set[str]] = field(default_factory=dict)
    openings: dict[str, set[str]] = field(default_factory=dict)
    closings: dict[str, set[str]] = field(default_factory=dict)
    prefixes: dict[str, set[str]] = field(default_factory=dict)
    suffixes: dict[str, set[str]] = field(default_factory=dict)
    bylines: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def fit(
        cls,
        bodies: Iterable[tuple[str | None, str]],
        min_line_articles: int = MIN_LINE_ARTICLES,
        min_edge_articles: int = MIN_EDGE_ARTICLES,
        min_glued_articles: int = MIN_GLUED_ARTICLES,
        glued_only: bool = False,
    ) -> "BoilerplateModel":
        """Learn from ``(outlet, body)`` pairs; articles without an outlet are skipped.

        A shape counts once per distinct body, so one article republished many times
        does not make its lines boilerplate; an opening/closing must also come with
        varying remainders (it is the fixed part of a line whose rest changes).
        ``glued_only`` learns only the glued shapes and byline markers (first and last
        lines: cheap enough to learn from a batch before cleaning it, see
        :func:`batch_boilerplate`).
        """
        line_bodies: dict[tuple[str, str], set[bytes]] = defaultdict(set)
        edge_bodies: dict[tuple[str, str, str], set[bytes]] = defaultdict(set)
        edge_lines: dict[tuple[str, str, str], set[str]] = defaultdict(set)
        glued_bodies: dict[tuple[str, str, str], set[bytes]] = defaultdict(set)
        glued_next: dict[tuple[str, str, str], set[str]] = defaultdict(set)
        outlet_bodies: dict[str, set[bytes]] = defaultdict(set)
        for outlet, body in bodies:
            if not outlet or not body:
                continue
            digest = hashlib.blake2b(body.encode("utf-8", "replace"), digest_size=8).digest()
            lines = [line.strip() for line in body.splitlines() if line.strip()]
            if not lines:
                continue
            outlet_bodies[outlet].add(digest)
            _count_glued(outlet, digest, lines, glued_bodies, glued_next)
            if glued_only:
                continue
            for position, line in enumerate(lines):
                shape = line_shape(line)
                if not shape:
                    continue
                if len(shape.split()) <= MAX_LINE_WORDS:
                    line_bodies[(outlet, shape)].add(digest)
                if _is_edge(position, len(lines)):
                    for side, key in zip(("open", "close"), _edge_keys(shape, tail=position > 0)):
                        if key is not None:
                            edge_bodies[(outlet, side, key)].add(digest)
                            edge_lines[(outlet, side, key)].add(shape)
        model = cls()
        for (outlet, shape), seen in line_bodies.items():
            if len(seen) >= min_line_articles and any(ch.isalpha() for ch in shape):
                model.lines.setdefault(outlet, set()).add(shape)
        for (outlet, side, key), seen in edge_bodies.items():
            if len(seen) >= min_edge_articles and len(edge_lines[(outlet, side, key)]) >= min_edge_articles // 2:
                target = model.openings if side == "open" else model.closings
                target.setdefault(outlet, set()).add(key)
        for (outlet, side, key), seen in glued_bodies.items():
            if len(seen) < min_glued_articles or len(seen) < MIN_GLUED_SHARE * len(outlet_bodies[outlet]):
                continue
            if side != "bylines" and len(glued_next[(outlet, side, key)]) < min_glued_articles // 2:
                continue  # the words after it never vary: part of a longer fixed opening
            getattr(model, side).setdefault(outlet, set()).add(key)
        return model

    def merged(self, other: "BoilerplateModel") -> "BoilerplateModel":
        """A model with the shapes of both (per outlet, per part)."""
        out = BoilerplateModel()
        for name in self._PARTS:
            target = getattr(out, name)
            for source in (getattr(self, name), getattr(other, name)):
                for outlet, shapes in source.items():
                    target.setdefault(outlet, set()).update(shapes)
        return out

    def strip_glued(self, outlet: str | None, line: str, position: int, count: int) -> tuple[str, list[str]]:
        """``line`` without the glued furniture ``outlet`` prints on a first line
        (share-bar opening, byline head) or a last line (closing words), and the pieces
        cut; the line unchanged when nothing learned matches or too little would remain."""
        if not outlet or not (outlet in self.prefixes or outlet in self.suffixes or outlet in self.bylines):
            return line, []
        cut: list[str] = []
        if position == 0:
            for _ in range(2):  # a share bar, then a byline
                shapes = word_shapes(line)
                words = [shape for shape, _ in shapes]
                end = None
                prefixes = self.prefixes.get(outlet, ())
                for k in range(min(MAX_GLUED_WORDS, len(words) - MIN_LEFT_WORDS), 1, -1):
                    if " ".join(words[:k]) in prefixes:
                        end = shapes[k - 1][1]
                        break
                if end is None and (head := _byline_head(words)) is not None and len(words) - head >= MIN_LEFT_WORDS:
                    if _byline_cores(words[:head]) & self.bylines.get(outlet, set()):
                        end = shapes[head - 1][1]
                if end is None:
                    break
                cut.append(line[:end].strip())
                line = line[end:].strip()
        if position == count - 1 and (suffixes := self.suffixes.get(outlet)):
            shapes = word_shapes(line)
            words = [shape for shape, _ in shapes]
            for k in range(min(MAX_GLUED_WORDS, len(words) - MIN_LEFT_WORDS), 1, -1):
                if " ".join(words[-k:]) in suffixes:
                    start = shapes[-k - 1][1]
                    cut.append(line[start:].strip())
                    line = line[:start].strip()
                    break
        return line, cut

    def is_boilerplate(self, outlet: str | None, line: str, position: int, count: int) -> bool:
        """Whether ``line`` (at ``position`` of ``count`` body lines) is ``outlet``'s furniture."""
        if not outlet or outlet not in self.lines and outlet not in self.openings and outlet not in self.closings:
            return False
        shape = line_shape(line)
        if shape in self.lines.get(outlet, ()):
            return True
        if not _is_edge(position, count):
            return False
        opening, closing = _edge_keys(shape, tail=position > 0)
        return (opening is not None and opening in self.openings.get(outlet, ())) or (
            closing is not None and closing in self.closings.get(outlet, ())
        )

    def size(self) -> int:
        return sum(len(v) for name in self._PARTS for v in getattr(self, name).values())

    def to_json(self) -> dict[str, dict[str, list[str]]]:
        return {
            name: {outlet: sorted(shapes) for outlet, shapes in sorted(getattr(self, name).items())}
            for name in self._PARTS
        }

    @classmethod
    def from_json(cls, data: dict[str, dict[str, list[str]]]) -> "BoilerplateModel":
        return cls(**{name: {o: set(s) for o, s in data.get(name, {}).items()} for name in cls._PARTS})

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.to_json(), ensure_ascii=False, indent=0) + "\n", encoding="utf-8")


def _count_glued(
    outlet: str,
    digest: bytes,
    lines: list[str],
    glued_bodies: dict[tuple[str, str, str], set[bytes]],
    glued_next: dict[tuple[str, str, str], set[str]],
) -> None:
    """Count one body's first-line openings, last-line closings and byline-head words."""
    first = [shape for shape, _ in word_shapes(lines[0][:600])]
    for k in range(2, min(MAX_GLUED_WORDS, len(first) - MIN_LEFT_WORDS) + 1):
        key = (outlet, "prefixes", " ".join(first[:k]))
        glued_bodies[key].add(digest)
        glued_next[key].add(first[k])
    head = _byline_head(first)
    if head is not None:
        for core in _byline_cores(first[:head]):
            glued_bodies[(outlet, "bylines", core)].add(digest)
    last = [shape for shape, _ in word_shapes(lines[-1][-600:])]
    for k in range(2, min(MAX_GLUED_WORDS, len(last) - MIN_LEFT_WORDS) + 1):
        key = (outlet, "suffixes", " ".join(last[-k:]))
        glued_bodies[key].add(digest)
        glued_next[key].add(last[-k - 1])


_ACTIVE: ContextVar["BoilerplateModel | None"] = ContextVar("marsad_boilerplate", default=None)


def current_boilerplate() -> "BoilerplateModel":
    """The model cleaning applies now: a batch's (:func:`batch_boilerplate`) or the
    committed one."""
    return _ACTIVE.get() or load_boilerplate()


@contextmanager
def batch_boilerplate(bodies: Iterable[tuple[str | None, str]]) -> Iterator["BoilerplateModel"]:
    """Clean a batch with the committed model plus the glued shapes the batch itself
    repeats: a template an outlet starts printing on a new day (a share bar glued to
    every lead) is learned from that day's own repetition, not from past days."""
    model = load_boilerplate().merged(BoilerplateModel.fit(bodies, glued_only=True))
    token = _ACTIVE.set(model)
    try:
        yield model
    finally:
        _ACTIVE.reset(token)


@lru_cache(maxsize=1)
def load_boilerplate(path: Path = BOILERPLATE_FILE) -> BoilerplateModel:
    """The committed model (an empty one when the file is absent)."""
    if not path.is_file():
        return BoilerplateModel()
    return BoilerplateModel.from_json(json.loads(path.read_text(encoding="utf-8")))
