"""Name lists (gazetteers) as NER features.

A gazetteer file is ``word\\tLABEL[,LABEL…]`` per line, the word normalized and
lower-cased (:func:`marsad.arabic.normalize`); labels say which lists the word is in
(``PER``, ``LOC`` …). The CRF learns how much to trust each list.
"""
from __future__ import annotations

from pathlib import Path

__all__ = ["load_gazetteer", "write_gazetteer"]


def load_gazetteer(path: Path) -> dict[str, tuple[str, ...]]:
    """Read a gazetteer file."""
    out: dict[str, tuple[str, ...]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        word, _, labels = line.partition("\t")
        if word and labels:
            out[word] = tuple(labels.split(","))
    return out


def write_gazetteer(entries: dict[str, set[str]], path: Path) -> None:
    """Write a gazetteer, words sorted so the file diffs well."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for word in sorted(entries):
            fh.write(word + "\t" + ",".join(sorted(entries[word])) + "\n")
