"""`marsad bench digest`'s figures over the seed articles."""
from __future__ import annotations

import pytest

from marsad.benchmarks import run_digest_benchmark
from tests.conftest import SEEDS


def test_digest_benchmark_reports_cpu_memory_and_the_ner_path() -> None:
    """Articles, CPU seconds per stage (summing to about the whole), peak memory, and
    whether the NER ran its compiled path (the layer's cost depends on it)."""
    if not SEEDS.is_dir():
        pytest.skip("seed articles not found")
    result = run_digest_benchmark(str(SEEDS))
    assert result["articles"] == 5
    assert result["peak_rss_mb"] > 0
    assert set(result["stage_cpu_seconds"]) >= {"ingest+prepare", "summary"}
    assert sum(result["stage_cpu_seconds"].values()) == pytest.approx(result["cpu_seconds"], abs=0.05)
    try:
        import marsad.entities._crfscore  # noqa: F401
    except ImportError:
        assert result["ner_compiled"] is False
    else:
        assert result["ner_compiled"] is True
