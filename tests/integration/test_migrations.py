"""The schema comes only from Alembic, and the migrations agree with the table classes."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, create_engine, inspect

from listening_tui.db.base import Base
from listening_tui.db.migrate import HEAD, alembic_config, head_revision, upgrade_to_head
from listening_tui.services.database import open_database


def differences(engine: Engine) -> list[object]:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))


def test_sqlite_migrations_match_the_models(tmp_path: Path) -> None:
    database = open_database(str(tmp_path / "m.db"))
    try:
        assert differences(database.engine) == []
    finally:
        database.close()


def test_postgresql_migrations_match_the_models(make_pg_database) -> None:  # type: ignore[no-untyped-def]
    database = open_database(make_pg_database())
    try:
        assert differences(database.engine) == []
    finally:
        database.close()


def test_downgrade_to_base_and_up_again(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'd.db'}")
    upgrade_to_head(engine)
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), "base")
    assert inspect(engine).get_table_names() == ["alembic_version"]
    upgrade_to_head(engine)
    assert "listening_sessions" in inspect(engine).get_table_names()
    assert differences(engine) == []
    engine.dispose()


def test_head_is_the_newest_file() -> None:
    versions = Path(__file__).resolve().parents[2] / "listening_tui/db/migrations/versions"
    assert head_revision() == max(p.name.split("_")[0] for p in versions.glob("0*.py"))
    assert head_revision() == HEAD, "update listening_tui.db.migrate.HEAD"


def test_opening_a_database_at_head_does_not_load_alembic(tmp_path: Path) -> None:
    import subprocess
    import sys

    database = tmp_path / "at-head.db"
    open_database(str(database)).close()
    code = (
        "import sys\n"
        "from listening_tui.services.database import open_database\n"
        f"open_database({str(database)!r}).close()\n"
        "print('alembic' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
