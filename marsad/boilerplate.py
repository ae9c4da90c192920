"""Outlet boilerplate learned from repetition: bylines, datelines, link and SMS lines.

Every outlet prints its own furniture inside article bodies — «عين اليوم – الرياض»,
«رابط الخبر بصحيفة الوئام: …», «للتواصل مع الكاتب ارسل رسالة SMS», «...المزيد». No list
written by hand per outlet can keep up with them, but they give themselves away by
repetition: the same short line (or the same opening or closing words of a short line
at the top or bottom of the body) recurs across many *different* articles of one outlet,
which real content does not.

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
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from marsad.arabic.lexicons import SPEECH_VERB_FORMS
from marsad.arabic.normalize import normalize

__all__ = ["BoilerplateModel", "line_shape", "load_boilerplate", "BOILERPLATE_FILE"]

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


def _is_edge(position: int, count: int) -> bool:
    return position == 0 or position >= count - 2


@dataclass(slots=True)
class BoilerplateModel:
    """Per-outlet boilerplate shapes: whole short lines, and openings/closings of edge lines.

    Attributes:
        lines: outlet → shapes of short lines seen in many of its articles.
        openings: outlet → first words of short edge lines (e.g. «رابط الخبر بصحيفة»).
        closings: outlet → last words of short edge lines (e.g. «– عين اليوم»).
    """

    lines: dict[str, set[str]] = field(default_factory=dict)
    openings: dict[str, set[str]] = field(default_factory=dict)
    closings: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def fit(
        cls,
        bodies: Iterable[tuple[str | None, str]],
        min_line_articles: int = MIN_LINE_ARTICLES,
        min_edge_articles: int = MIN_EDGE_ARTICLES,
    ) -> "BoilerplateModel":
        """Learn from ``(outlet, body)`` pairs; articles without an outlet are skipped.

        A shape counts once per distinct body, so one article republished many times
        does not make its lines boilerplate; an opening/closing must also come with
        varying remainders (it is the fixed part of a line whose rest changes).
        """
        line_bodies: dict[tuple[str, str], set[bytes]] = defaultdict(set)
        edge_bodies: dict[tuple[str, str, str], set[bytes]] = defaultdict(set)
        edge_lines: dict[tuple[str, str, str], set[str]] = defaultdict(set)
        for outlet, body in bodies:
            if not outlet or not body:
                continue
            digest = hashlib.blake2b(body.encode("utf-8", "replace"), digest_size=8).digest()
            lines = [line.strip() for line in body.splitlines() if line.strip()]
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
        return model

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
        return sum(len(v) for part in (self.lines, self.openings, self.closings) for v in part.values())

    def to_json(self) -> dict[str, dict[str, list[str]]]:
        return {
            name: {outlet: sorted(shapes) for outlet, shapes in sorted(getattr(self, name).items())}
            for name in ("lines", "openings", "closings")
        }

    @classmethod
    def from_json(cls, data: dict[str, dict[str, list[str]]]) -> "BoilerplateModel":
        return cls(**{name: {o: set(s) for o, s in data.get(name, {}).items()} for name in ("lines", "openings", "closings")})

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.to_json(), ensure_ascii=False, indent=0) + "\n", encoding="utf-8")


@lru_cache(maxsize=1)
def load_boilerplate(path: Path = BOILERPLATE_FILE) -> BoilerplateModel:
    """The committed model (an empty one when the file is absent)."""
    if not path.is_file():
        return BoilerplateModel()
    return BoilerplateModel.from_json(json.loads(path.read_text(encoding="utf-8")))
