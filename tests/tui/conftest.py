"""Fixtures for app tests: a copy of the sample campaign at a fixed path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SNAPSHOT_DB = Path("/tmp/listening-tui-snapshots/sample.db")
"""Snapshots show the open database's path, so it must not vary between runs."""


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    """A private copy of the repository's sample.db."""
    target = tmp_path / "sample.db"
    shutil.copyfile(REPO / "sample.db", target)
    return target


@pytest.fixture
def snapshot_db() -> Path:
    """A fresh copy of sample.db at a fixed path, for snapshots."""
    SNAPSHOT_DB.parent.mkdir(parents=True, exist_ok=True)
    for leftover in SNAPSHOT_DB.parent.glob("sample.db*"):
        leftover.unlink()
    shutil.copyfile(REPO / "sample.db", SNAPSHOT_DB)
    return SNAPSHOT_DB
