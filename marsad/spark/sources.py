"""Inputs of a Spark digest: local paths or Hadoop URIs → an RDD of articles.

Files are listed with Hadoop's ``FileSystem`` API (so ``file://``, ``hdfs://``,
``s3a://``, ``gs://`` … all work where the cluster has the connector), directories
recursively, hidden and ``_``-prefixed names (``_SUCCESS``) skipped, sorted by URI so
record order — and so "first occurrence wins" for duplicate ids — is the same on every
run. Each file is read by the *single-machine* readers:

* Parquet (``*.parquet``) → Spark's Parquet reader; each row becomes a record for
  :func:`marsad.ingest.jsonfile.record_to_article` (the same field names as JSON);
* WARC (``*.warc[.gz]``, CC-NEWS layout) → :func:`marsad.spark.warc.iter_warc`;
* everything else (``.json``, ``.jsonl[.gz]``, ``.txt``, ``.html``, feeds …) →
  :func:`marsad.ingest.read_file`, on the worker: local files are opened in place,
  remote ones arrive as bytes (``binaryFiles``) and are read from a private temporary
  copy whose name keeps the suffix, then the URI is put back into every path.

Every item is ``((file index, record index), Article | IngestError)``: the key orders
the corpus like single-machine ``iter_articles`` does.
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
import io
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from marsad.ingest.article import IngestError
from marsad.model import Article
from marsad.spark.warc import is_warc_name, iter_warc

__all__ = ["InputFile", "SparkInputError", "list_inputs", "read_corpus", "read_bytes", "read_local"]

OrderKey = tuple[int, int]
Item = tuple[OrderKey, Article | IngestError]


class SparkInputError(ValueError):
    """An input path that does not exist or holds no readable file (one-line message)."""


@dataclass(frozen=True, slots=True)
class InputFile:
    """One file to read: its URI as Hadoop spells it and whether a worker can open it
    as a local path."""

    index: int
    uri: str
    local_path: str | None

    @property
    def name(self) -> str:
        return self.uri.rstrip("/").rsplit("/", 1)[-1]


def _hidden(name: str) -> bool:
    return name.startswith(".") or name.startswith("_")


def list_inputs(spark: Any, inputs: Sequence[str]) -> list[InputFile]:
    """The files named by ``inputs`` (files as given, directories expanded), in order.

    Raises :class:`SparkInputError` naming the first input that does not exist.
    """
    jvm = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    found: list[str] = []
    seen: set[str] = set()
    for item in inputs:
        path = jvm.org.apache.hadoop.fs.Path(item)
        fs = path.getFileSystem(conf)
        if not fs.exists(path):
            raise SparkInputError(f"{item}: no such file or directory")
        status = fs.getFileStatus(path)
        qualified = fs.makeQualified(path).toString()
        if status.isDirectory():
            listed: list[str] = []
            files = fs.listFiles(path, True)
            while files.hasNext():
                child = files.next().getPath()
                relative = child.toString()[len(qualified):].lstrip("/")
                if any(_hidden(part) for part in relative.split("/")):
                    continue
                listed.append(child.toString())
            batch = sorted(listed)
        else:
            batch = [qualified]
        for uri in batch:
            if uri not in seen:
                seen.add(uri)
                found.append(uri)
    out = []
    for index, uri in enumerate(found):
        local = uri[len("file:"):] if uri.startswith("file:") else None
        if local is not None and local.startswith("//"):
            local = local[2:] if local.startswith("///") else None
        out.append(InputFile(index, uri, local))
    return out


def _with_path(item: Article | IngestError, old: str, new: str) -> Article | IngestError:
    if item.path.startswith(old):
        return dataclasses.replace(item, path=new + item.path[len(old):])
    return item


def read_local(file: InputFile) -> Iterator[Item]:
    """Items of a file a worker can open in place."""
    assert file.local_path is not None
    if is_warc_name(file.name):
        try:
            handle = open(file.local_path, "rb")
        except OSError as exc:
            yield (file.index, 0), IngestError(file.uri, None, f"cannot read: {exc.strerror or exc}")
            return
        with handle:
            for n, item in enumerate(iter_warc(handle, file.local_path)):
                yield (file.index, n), item
        return
    from marsad.ingest import read_file

    for n, item in enumerate(read_file(Path(file.local_path))):
        yield (file.index, n), item


def read_bytes(file: InputFile, data: bytes) -> Iterator[Item]:
    """Items of a remote file whose bytes were shipped to the worker."""
    if is_warc_name(file.name):
        for n, item in enumerate(iter_warc(io.BytesIO(data), file.uri)):
            yield (file.index, n), item
        return
    from marsad.ingest import read_file

    with tempfile.TemporaryDirectory(prefix="marsad-spark-") as folder:
        copy = os.path.join(folder, file.name or "input")
        with open(copy, "wb") as handle:
            handle.write(data)
        for n, item in enumerate(read_file(Path(copy))):
            yield (file.index, n), _with_path(item, copy, file.uri)


def _plain(value: Any) -> Any:
    """A Parquet value as the JSON readers expect it (dates as ISO strings)."""
    if isinstance(value, (_dt.datetime, _dt.date)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _parquet_items(rows: Iterable[tuple[Any, int]], index_of: dict[str, int]) -> Iterator[Item]:
    from marsad.ingest.jsonfile import record_to_article

    for row, number in rows:
        record = _plain(row.asDict(recursive=True))
        source = record.pop("_marsad_file")
        yield (index_of.get(source, 0), number), record_to_article(record, f"{source}#{number}")


def read_corpus(spark: Any, files: Sequence[InputFile], partitions: int | None = None):
    """RDD of :data:`Item` for ``files`` (see the module doc)."""
    from pyspark.sql import functions as F

    sc = spark.sparkContext
    parts = []
    parquet = [f for f in files if f.name.lower().endswith(".parquet")]
    other = [f for f in files if not f.name.lower().endswith(".parquet")]
    local = [f for f in other if f.local_path is not None]
    remote = [f for f in other if f.local_path is None]
    if local:
        slices = max(1, min(len(local), partitions or sc.defaultParallelism * 2))
        parts.append(sc.parallelize(local, slices).flatMap(read_local))
    if remote:
        by_uri = {f.uri: f for f in remote}
        shipped = sc.binaryFiles(",".join(f.uri for f in remote))
        parts.append(shipped.filter(lambda kv: kv[0] in by_uri).flatMap(lambda kv: read_bytes(by_uri[kv[0]], kv[1])))
    if parquet:
        index_of = {f.uri: f.index for f in parquet}
        frame = spark.read.parquet(*[f.uri for f in parquet]).withColumn("_marsad_file", F.input_file_name())
        numbered = frame.rdd.zipWithIndex()
        parts.append(numbered.mapPartitions(lambda rows: _parquet_items(rows, index_of)))
    if not parts:
        return sc.emptyRDD()
    return parts[0] if len(parts) == 1 else sc.union(parts)
