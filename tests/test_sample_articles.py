"""eval/sample_articles.py: the committed who-said-what samples are reproducible, and
``--exclude`` draws a fresh set that shares no article with the first."""
from __future__ import annotations

import importlib.util
import json
from collections import defaultdict
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAUDINEWSNET as CORPUS

DEV = ROOT / "eval" / "dev"


def _sampler():
    spec = importlib.util.spec_from_file_location("sample_articles", ROOT / "eval" / "sample_articles.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def pools():
    """The sampler and its pools (July records of 500–3,500 characters by outlet)."""
    sampler = _sampler()
    if not all((CORPUS / f"{day}.json").is_file() for day in sampler.JULY):
        pytest.skip("SaudiNewsNet July files not found")
    return sampler, sampler.outlet_pools(CORPUS)


def _names(path: Path) -> list[str]:
    return [json.loads(line)["article"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_first_sample_unchanged_without_exclude(pools):
    sampler, by_outlet = pools
    assert [name for name, _ in sampler.draw(by_outlet, 40, 13)] == _names(DEV / "wsw_sample.jsonl")


def test_exclude_draws_a_disjoint_fresh_sample(pools):
    sampler, by_outlet = pools
    first = sampler.sampled_names([DEV / "wsw_sample.jsonl"])
    fresh = sampler.draw(by_outlet, 24, 23, first)
    names = [name for name, _ in fresh]
    assert names == _names(DEV / "wsw_sample_c.jsonl")
    assert not set(names) & first and len(set(names)) == 24
    # round-robin: 24 articles over 12 outlets, two from each
    counts = defaultdict(int)
    for _, record in fresh:
        counts[record["source"]] += 1
    assert set(counts.values()) == {2}
