"""Fixtures for app tests: copies of the sample campaign (one at a fixed path)."""

from __future__ import annotations

import fcntl
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from listening_tui.db.engine import Database

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
def sample_db(sample_copy: Path) -> Iterator[Database]:
    """The copy the app opens, opened a second time to check its rows."""
    from listening_tui.services.database import open_database

    database = open_database(str(sample_copy))
    try:
        yield database
    finally:
        database.close()


@pytest.fixture
def snapshot_db() -> Iterator[Path]:
    """A fresh copy of sample.db at a fixed path, for snapshots.

    The path is the same for every checkout on the machine, so a test holds a
    lock on it while it runs: two test runs at once (two worktrees) take turns
    instead of replacing each other's database mid-test.
    """
    SNAPSHOT_DB.parent.mkdir(parents=True, exist_ok=True)
    with (SNAPSHOT_DB.parent / "in-use.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        for leftover in SNAPSHOT_DB.parent.glob("sample.db*"):
            leftover.unlink()
        shutil.copyfile(REPO / "sample.db", SNAPSHOT_DB)
        yield SNAPSHOT_DB
