"""Shared fixtures: a campaign database on SQLite (a tmp_path file) and on PostgreSQL.

PostgreSQL is reached through LISTENING_TUI_TEST_PG_URL (an admin URL such as
postgresql+psycopg://postgres@127.0.0.1:5432/test). Each test run creates its
own database there and drops it at the end; each test starts from empty
tables. Without the variable the PostgreSQL cases are skipped, except under
CI=true, where they fail, and where any skipped test fails the run.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

PG_ENV = "LISTENING_TUI_TEST_PG_URL"
SPEC = Path(__file__).resolve().parents[1].parent / "shared" / "spec"
"""The project's contracts, beside the checkout (absent in a bare clone)."""
EXAMPLE_BUNDLE = Path(__file__).parent / "data" / "example-bundle.json"
"""A copy of spec/example-bundle.json; tests/unit/test_spec_copy.py keeps it equal."""


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


_SKIPPED: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped and in_ci():
        _SKIPPED.append(report.nodeid)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if in_ci() and _SKIPPED and session.exitstatus == 0:
        session.exitstatus = 1
        print(f"\nCI=true: {len(_SKIPPED)} test(s) were skipped, which CI does not allow:")
        for nodeid in _SKIPPED[:20]:
            print(f"  {nodeid}")


def pg_admin_url() -> str:
    """The server URL from the environment, or skip (fail under CI)."""
    url = os.environ.get(PG_ENV)
    if not url:
        message = f"{PG_ENV} is not set, so the PostgreSQL tests cannot run"
        if in_ci():
            pytest.fail(message + " (CI=true requires them)")
        pytest.skip(message)
    return url


def _with_database(url: str, name: str) -> str:
    from sqlalchemy.engine import make_url

    made = make_url(url)
    if made.drivername in ("postgresql", "postgresql+psycopg2"):
        made = made.set(drivername="postgresql+psycopg")
    return made.set(database=name).render_as_string(hide_password=False)


def _admin(sql: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(_with_database(pg_admin_url(), "postgres"), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(sql))
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def make_pg_database() -> Iterator[Callable[[], str]]:
    """A factory of empty PostgreSQL databases, all dropped at the end of the run."""
    made: list[str] = []

    def make() -> str:
        url = pg_admin_url()
        name = f"ltui_test_{uuid.uuid4().hex[:12]}"
        _admin(f'CREATE DATABASE "{name}"')
        made.append(name)
        return _with_database(url, name)

    yield make
    for name in made:
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def pg_url(make_pg_database: Callable[[], str]) -> str:
    """One PostgreSQL database for the run, upgraded to head."""
    from listening_tui.services.database import open_database

    url = make_pg_database()
    open_database(url).close()
    return url


def _empty_tables(database: Any) -> None:
    from sqlalchemy import text

    from listening_tui.db.base import Base

    names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with database.engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


@pytest.fixture(autouse=True)
def private_data_folder(tmp_path_factory: pytest.TempPathFactory, monkeypatch: Any) -> Path:
    """Every test gets its own data folder (rescue files), never the user's real one."""
    folder = tmp_path_factory.mktemp("data-home")
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    return folder / "listening-tui"


TEST_ACTOR = "Test Runner"
"""Who every test acts as (LISTENING_TUI_USER), so the app never asks for a name."""


@pytest.fixture(autouse=True)
def test_actor(tmp_path_factory: pytest.TempPathFactory, monkeypatch: Any) -> str:
    """Name the user for the audit log (the app then skips its name question); a private
    config folder, so the name the app remembers is never the user's real one."""
    monkeypatch.setenv("LISTENING_TUI_USER", TEST_ACTOR)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config-home")))
    return TEST_ACTOR


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    """An open, migrated, empty campaign database: a SQLite file, then PostgreSQL."""
    from listening_tui.services.database import open_database

    if request.param == "sqlite":
        db = open_database(str(tmp_path / "campaign.db"))
    else:
        db = open_database(request.getfixturevalue("pg_url"))
        _empty_tables(db)
    try:
        yield db
    finally:
        db.close()


@pytest.fixture
def sqlite_database(tmp_path: Path) -> Iterator[Any]:
    """An open, migrated, empty SQLite campaign database."""
    from listening_tui.services.database import open_database

    db = open_database(str(tmp_path / "campaign.db"))
    try:
        yield db
    finally:
        db.close()


@pytest.fixture
def example_bundle() -> dict[str, Any]:
    """spec/example-bundle.json, parsed."""
    data: dict[str, Any] = json.loads(EXAMPLE_BUNDLE.read_text(encoding="utf-8"))
    return data
