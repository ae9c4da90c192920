"""Rerun the timeline and summary stages over a digest cached up to the stories stage.

The stages upstream of the timeline (reuse, entities, quotes, stories) take minutes on
two SaudiNewsNet days; caching their result lets two checkouts' timeline and summary
stages be timed (wall and CPU seconds) and compared on identical storylines:

    python bench/bench_story_page.py build CACHE.pkl ../shared/data/saudinewsnet/2015-07-25.json ...
    PYTHONPATH=CHECKOUT python bench/bench_story_page.py finish CACHE.pkl OUT_DIR [--no-report]

``finish`` prints the stage seconds and CPU seconds and writes ``OUT_DIR/report.*``
(records pickled by another checkout get that checkout's missing fields as defaults),
to be audited with ``marsad eval citations OUT_DIR/report.json``.
"""
from __future__ import annotations

import dataclasses
import pickle
import sys
import time
from pathlib import Path


def _fill_defaults(record: object) -> None:
    """Give a record unpickled from another checkout the fields it lacks."""
    for f in dataclasses.fields(record):  # type: ignore[arg-type]
        try:
            getattr(record, f.name)
        except AttributeError:
            value = f.default_factory() if f.default_factory is not dataclasses.MISSING else f.default
            setattr(record, f.name, None if value is dataclasses.MISSING else value)


class _Unknown:
    """Stands in for a record class the running checkout does not have."""

    def __setstate__(self, state: object) -> None:
        pass


def _tolerant_setstate(self: object, state: object) -> None:
    """Set the fields this checkout's class has, defaults for the others, and drop
    fields a newer checkout pickled that this one lacks."""
    slots = state[1] if isinstance(state, tuple) else state
    names = {f.name for f in dataclasses.fields(self)}  # type: ignore[arg-type]
    for f in dataclasses.fields(self):  # type: ignore[arg-type]
        if f.default is not dataclasses.MISSING:
            object.__setattr__(self, f.name, f.default)
        elif f.default_factory is not dataclasses.MISSING:
            object.__setattr__(self, f.name, f.default_factory())
    for name, value in (slots or {}).items():  # type: ignore[union-attr]
        if name in names:
            object.__setattr__(self, name, value)


class _CompatUnpickler(pickle.Unpickler):
    """Reads a digest pickled by another checkout (an older one timed against a cache
    built by a newer one): unknown classes become :class:`_Unknown`, the records of
    ``marsad.model`` take the fields they know."""

    def __init__(self, fh: object) -> None:
        super().__init__(fh)  # type: ignore[arg-type]
        import marsad.model as model

        for record in vars(model).values():
            if isinstance(record, type) and dataclasses.is_dataclass(record) and "__slots__" in vars(record):
                record.__setstate__ = _tolerant_setstate  # type: ignore[attr-defined]

    def find_class(self, module: str, name: str) -> type:
        try:
            return super().find_class(module, name)
        except AttributeError:
            return _Unknown


def main(argv: list[str]) -> None:
    from marsad import pipeline

    mode, cache = argv[0], Path(argv[1])
    if mode == "build":
        from marsad.ingest import IngestError, iter_articles

        articles = [a for a in iter_articles([Path(p) for p in argv[2:]]) if not isinstance(a, IngestError)]
        digest = pipeline.digest(articles, pipeline.Options(stages=("reuse", "entities", "quotes", "stories")))
        cache.write_bytes(pickle.dumps(digest))
        print("built", len(digest.articles), {k: round(v, 1) for k, v in digest.stage_seconds.items()})
        return
    with cache.open("rb") as fh:
        digest = _CompatUnpickler(fh).load()
    options = pipeline.Options()
    for name, stage in pipeline.STAGES:
        if name in ("timeline", "summary"):
            wall, cpu = time.perf_counter(), time.process_time()
            stage(digest, options)
            print(f"{name}: {time.perf_counter() - wall:.1f} s wall, {time.process_time() - cpu:.1f} s CPU, {len(digest.articles)} articles")
    if "--no-report" in argv:
        return
    from marsad.report import write_reports

    _fill_defaults(digest)
    for f in dataclasses.fields(digest):
        for item in getattr(digest, f.name) if isinstance(getattr(digest, f.name), list) else ():
            if dataclasses.is_dataclass(item):
                _fill_defaults(item)
    write_reports(digest, Path(argv[2]))


if __name__ == "__main__":
    main(sys.argv[1:])
