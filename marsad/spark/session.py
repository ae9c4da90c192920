"""A SparkSession for marsad jobs (local or on a cluster).

``master`` is any Spark master URL (``local[2]``, ``spark://host:7077``, ``yarn``,
``k8s://…``); None leaves it to ``spark-submit`` / ``SPARK_MASTER`` (or ``local[*]``
when neither says). The Spark UI is off and shuffles use a few partitions in local
mode, where the default of 200 only adds scheduling overhead.
"""
from __future__ import annotations

import os
import shutil
import sys
from typing import Any

__all__ = ["get_session", "SparkUnavailable"]


class SparkUnavailable(RuntimeError):
    """pyspark or Java is missing (one-line message saying how to install them)."""


def get_session(master: str | None = None, app_name: str = "marsad", conf: dict[str, str] | None = None) -> Any:
    """Get or create the SparkSession (raises :class:`SparkUnavailable`)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise SparkUnavailable("pyspark is not installed: pip install 'marsad[spark]'") from None
    if not os.environ.get("JAVA_HOME") and shutil.which("java") is None:
        raise SparkUnavailable("no Java runtime found (install a JRE 17+, e.g. apt-get install default-jre-headless)")
    builder = SparkSession.builder.appName(app_name)
    chosen = master or os.environ.get("SPARK_MASTER")
    if chosen:
        builder = builder.master(chosen)  # else spark-submit's --master, or local[*]
    local = (chosen or "local").startswith("local")
    if local:
        # workers must run this interpreter (its virtual environment has marsad)
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    settings = {
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.sql.shuffle.partitions": "4" if local else "200",
        "spark.default.parallelism": "4" if local else None,
        "spark.python.worker.reuse": "true",
    }
    settings.update(conf or {})
    for key, value in settings.items():
        if value is not None:
            builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session
