"""Known news outlets: how a page names an outlet that records call ``okaz`` or
``spa.gov.sa``.

The registry is ``marsad/data/outlets.json`` (slug, hosts, Arabic display name,
country, kind, aliases), extended or overridden by a user file with the same shape:
``MARSAD_OUTLETS=path.json`` or :func:`use_user_file`. Look-ups are by slug, host
(``www.`` dropped) or alias, case-insensitively; an unknown outlet is shown as given,
and an article with no outlet at all as :data:`UNKNOWN`.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

__all__ = ["Outlet", "UNKNOWN", "registry", "lookup", "display_name", "use_user_file", "OutletFileError"]

#: How a reader sees an article whose outlet nobody knows.
UNKNOWN = "مصدر غير معروف"
_ENV = "MARSAD_OUTLETS"


class OutletFileError(ValueError):
    """A user outlet file that cannot be read (message names the file and the problem)."""


@dataclass(frozen=True, slots=True)
class Outlet:
    """One known outlet."""

    slug: str
    name: str
    country: str | None = None
    kind: str | None = None
    hosts: tuple[str, ...] = field(default_factory=tuple)
    aliases: tuple[str, ...] = field(default_factory=tuple)


def _key(text: str) -> str:
    key = text.strip().lower()
    for prefix in ("https://", "http://"):
        key = key.removeprefix(prefix)
    key = key.split("/", 1)[0] if "." in key.split("/", 1)[0] else key
    return key.removeprefix("www.")


def _parse(document: object, where: str) -> list[Outlet]:
    items = document.get("outlets") if isinstance(document, dict) else document
    if not isinstance(items, list):
        raise OutletFileError(f"{where}: expected {{\"outlets\": [...]}} or a list of outlets")
    outlets = []
    for i, item in enumerate(items):
        if not isinstance(item, dict) or not item.get("slug") or not item.get("name"):
            raise OutletFileError(f"{where}: outlet #{i + 1} needs a 'slug' and a 'name'")
        outlets.append(
            Outlet(
                slug=str(item["slug"]),
                name=str(item["name"]),
                country=item.get("country"),
                kind=item.get("kind"),
                hosts=tuple(str(h) for h in item.get("hosts", [])),
                aliases=tuple(str(a) for a in item.get("aliases", [])),
            )
        )
    return outlets


def _read_user_file(path: str) -> list[Outlet]:
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise OutletFileError(f"{path}: cannot read outlet file ({exc.strerror or exc})") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise OutletFileError(f"{path}: not a JSON outlet file ({exc})") from None
    return _parse(document, path)


@lru_cache(maxsize=4)
def _registry(user_file: str | None) -> dict[str, Outlet]:
    bundled = json.loads(resources.files("marsad.data").joinpath("outlets.json").read_text(encoding="utf-8"))
    outlets = _parse(bundled, "marsad/data/outlets.json")
    if user_file:
        outlets += _read_user_file(user_file)  # later entries win
    index: dict[str, Outlet] = {}
    for outlet in outlets:
        for name in (outlet.slug, outlet.name, *outlet.hosts, *outlet.aliases):
            index[_key(name)] = outlet
    return index


def use_user_file(path: str | None) -> None:
    """Use ``path`` (or none) as the user outlet file for this process; checks it now."""
    if path:
        _registry(path)
        os.environ[_ENV] = path
    else:
        os.environ.pop(_ENV, None)


def registry() -> list[Outlet]:
    """Every known outlet, once each."""
    return list(dict.fromkeys(_registry(os.environ.get(_ENV) or None).values()))


def lookup(outlet: str | None) -> Outlet | None:
    """The known outlet a record's outlet value (slug, host, URL or alias) names."""
    if not outlet:
        return None
    index = _registry(os.environ.get(_ENV) or None)
    return index.get(_key(outlet))


def display_name(outlet: str | None) -> str:
    """How a page names an outlet: its Arabic name if known, else the value as given,
    else :data:`UNKNOWN`."""
    if not outlet or not outlet.strip():
        return UNKNOWN
    known = lookup(outlet)
    return known.name if known else outlet.strip()
