"""Shared fixtures: paths to the real data beside the repository."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
SAUDINEWSNET = SHARED / "data" / "saudinewsnet"
SAMPLE = ROOT / "examples" / "sample"


def seed_path(prefix: str) -> Path:
    """The seed file whose name starts with ``prefix`` (e.g. "001")."""
    return next(SEEDS.glob(f"{prefix}_*.txt"))


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS}")
    return SEEDS
