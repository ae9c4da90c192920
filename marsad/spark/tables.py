"""Parquet tables with the report contract's content, one directory per table.

Schemas are derived from the typed records of :mod:`marsad.model` (``str`` → string,
``int`` → long, ``float`` → double, ``bool`` → boolean, ``list[X]`` → array,
a record → struct, a ``Literal`` → string), so a table has exactly the fields of the
``report.json`` list of the same name and an empty table still has its columns.

Tables: ``articles`` (as :func:`marsad.model.article_record`: no raw body), ``reuse``,
``reuse_groups``, ``events``, ``storylines``, ``entities``, ``quotes``, ``timeline``,
``summary``, ``coverage``, ``facts`` — and, from the distributed steps,
``near_duplicates`` (verified pairs ``a``, ``b``, ``jaccard``), ``duplicate_groups``
(``id``, ``article_ids``) and ``blocks`` (``article_id``, ``component``, ``piece``,
``core``).
"""
from __future__ import annotations

import dataclasses
import types
import typing
from functools import lru_cache
from typing import Any, Literal

from marsad import model

__all__ = ["schema_of", "to_row", "write_tables", "TABLES"]

#: report.json list name → record type.
TABLES: dict[str, type] = {
    "reuse": model.Reuse,
    "reuse_groups": model.ReuseGroup,
    "events": model.Event,
    "storylines": model.Storyline,
    "entities": model.Entity,
    "quotes": model.Quote,
    "timeline": model.TimelineEntry,
    "summary": model.SummarySentence,
    "coverage": model.Coverage,
    "facts": model.Fact,
}
#: Article fields as :func:`marsad.model.article_record` writes them.
ARTICLE_FIELDS = ("id", "path", "outlet", "url", "title", "published", "published_from", "paragraphs", "removed", "sentences")


def _spark_type(hint: Any) -> Any:
    from pyspark.sql import types as T

    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return _spark_type(args[0])
    if origin is Literal:
        return T.StringType()
    if origin is list:
        return T.ArrayType(_spark_type(typing.get_args(hint)[0]), containsNull=True)
    if dataclasses.is_dataclass(hint):
        return schema_of(hint)
    simple = {str: T.StringType(), int: T.LongType(), float: T.DoubleType(), bool: T.BooleanType()}
    if hint in simple:
        return simple[hint]
    raise TypeError(f"no Spark type for {hint!r}")


@lru_cache(maxsize=None)
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(model))


def schema_of(cls: type, only: tuple[str, ...] | None = None) -> Any:
    """The Spark struct of a model record (its fields in declaration order)."""
    from pyspark.sql import types as T

    hints = _hints(cls)
    names = only or tuple(f.name for f in dataclasses.fields(cls))
    return T.StructType([T.StructField(name, _spark_type(hints[name]), nullable=True) for name in names])


def to_row(value: Any, spark_type: Any) -> Any:
    """A record (dataclass or dict) as nested tuples in ``spark_type``'s field order."""
    from pyspark.sql import types as T

    if value is None:
        return None
    if isinstance(spark_type, T.StructType):
        get = value.get if isinstance(value, dict) else (lambda name: getattr(value, name))
        return tuple(to_row(get(f.name), f.dataType) for f in spark_type.fields)
    if isinstance(spark_type, T.ArrayType):
        return [to_row(v, spark_type.elementType) for v in value]
    if isinstance(spark_type, T.DoubleType):
        return float(value)
    if isinstance(spark_type, T.LongType):
        return int(value)
    return value


def _write(spark: Any, rdd: Any, schema: Any, path: str, count: bool = True) -> int | None:
    """Write one table; its row count when asked (the rows are cached for that pass)."""
    rows = rdd.map(lambda record: to_row(record, schema))
    if count:
        rows = rows.cache()
    spark.createDataFrame(rows, schema).write.mode("overwrite").parquet(path)
    if not count:
        return None
    total = rows.count()
    rows.unpersist()
    return total


def write_tables(
    spark: Any,
    out: str,
    *,
    articles: Any,
    near_pairs: Any,
    duplicate_groups: Any,
    components: Any,
    entities: Any,
    assignment: Any,
) -> dict[str, int]:
    """Write every table under ``out`` (a local path or Hadoop URI); rows per table."""
    from pyspark.sql import types as T

    base = out.rstrip("/")
    counts: dict[str, int] = {}
    counts["articles"] = _write(spark, articles.map(model.article_record), schema_of(model.Article, ARTICLE_FIELDS), f"{base}/articles")
    pair_schema = T.StructType([T.StructField("a", T.StringType()), T.StructField("b", T.StringType()), T.StructField("jaccard", T.DoubleType())])
    counts["near_duplicates"] = _write(
        spark, near_pairs.map(lambda kv: {"a": kv[0][0], "b": kv[0][1], "jaccard": round(kv[1], 3)}), pair_schema, f"{base}/near_duplicates"
    )
    group_schema = T.StructType([T.StructField("id", T.StringType()), T.StructField("article_ids", T.ArrayType(T.StringType()))])
    counts["duplicate_groups"] = _write(
        spark, duplicate_groups.map(lambda kv: {"id": kv[0], "article_ids": kv[1]}), group_schema, f"{base}/duplicate_groups"
    )
    block_schema = T.StructType([
        T.StructField("article_id", T.StringType()),
        T.StructField("component", T.StringType()),
        T.StructField("piece", T.StringType()),
        T.StructField("core", T.BooleanType()),
    ])
    counts["blocks"] = _write(
        spark,
        assignment.map(lambda kv: {"article_id": kv[0], "component": kv[1][0], "piece": kv[1][1], "core": kv[1][2]}),
        block_schema,
        f"{base}/blocks",
    )
    # rows of the per-component tables, counted in one pass (each write is one job)
    sizes = dict(components.flatMap(lambda parts: [(k, len(v)) for k, v in parts.items()]).reduceByKey(lambda a, b: a + b).collect())
    for name, cls in TABLES.items():
        if name == "entities":
            counts[name] = _write(spark, entities, schema_of(cls), f"{base}/{name}")
        else:
            rdd = components.flatMap(lambda parts, name=name: parts.get(name, []))
            _write(spark, rdd, schema_of(cls), f"{base}/{name}", count=False)
            counts[name] = sizes.get(name, 0)
    return counts
