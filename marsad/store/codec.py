"""Model records ⇄ JSON, robust to fields added to ``marsad.model`` later.

The store keeps each derived record whole as JSON (next to the few columns it
queries by), so a field a stage adds tomorrow is stored and shown without a schema
migration. Decoding ignores keys the running code does not know and rebuilds nested
records (``Reuse.pairs``, ``Fact.sentences``) from the type hints.
"""
from __future__ import annotations

import dataclasses
import json
import typing
from functools import lru_cache
from typing import Any, TypeVar

import marsad.model as model

__all__ = ["dumps", "from_dict", "loads", "digest_lists", "as_dict"]

T = TypeVar("T")


def dumps(value: Any) -> str:
    """Compact JSON keeping Arabic readable."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def loads(text: str) -> Any:
    return json.loads(text)


@lru_cache(maxsize=None)
def _nested(cls: type) -> dict[str, type]:
    """Field name → dataclass type for fields typed ``list[SomeRecord]``."""
    hints = typing.get_type_hints(cls, vars(model))
    out: dict[str, type] = {}
    for f in dataclasses.fields(cls):
        hint = hints.get(f.name)
        if typing.get_origin(hint) is list:
            (arg,) = typing.get_args(hint) or (None,)
            if dataclasses.is_dataclass(arg):
                out[f.name] = arg  # type: ignore[assignment]
    return out


@lru_cache(maxsize=None)
def _names(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in dataclasses.fields(cls))


@lru_cache(maxsize=None)
def _order(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


#: field values taken as they are, without asking whether they are records
_PLAIN = frozenset({str, int, float, bool, type(None)})


@lru_cache(maxsize=None)
def _is_record(kind: type) -> bool:
    return dataclasses.is_dataclass(kind)


def as_dict(record: Any) -> dict[str, Any]:
    """``dataclasses.asdict`` of a model record for JSON, without its deep copy:
    nested records become dicts, lists and tuples of plain values are shared, not
    copied (the JSON encoder reads them once). Same keys, same JSON. (Whether a
    value is a record is asked of its type once, not of every value.)"""
    out: dict[str, Any] = {}
    for name in _order(type(record)):
        value = getattr(record, name)
        kind = type(value)
        if kind in _PLAIN:
            pass
        elif _is_record(kind):
            value = as_dict(value)
        elif isinstance(value, (list, tuple)) and value and _is_record(type(value[0])):
            value = [as_dict(v) if _is_record(type(v)) else v for v in value]
        out[name] = value
    return out


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild a model record from its ``asdict`` form (unknown keys ignored)."""
    names = _names(cls)
    nested = _nested(cls)
    kwargs = {}
    for key, value in data.items():
        if key not in names:
            continue
        if key in nested and isinstance(value, list):
            value = [from_dict(nested[key], v) if isinstance(v, dict) else v for v in value]
        kwargs[key] = value
    return cls(**kwargs)  # type: ignore[call-arg]


def digest_lists() -> dict[str, type]:
    """Digest field name → record type for every ``list[Record]`` field but articles."""
    return {k: v for k, v in _nested(model.Digest).items() if k != "articles"}
