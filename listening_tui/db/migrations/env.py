"""Alembic environment: runs on the connection handed in by listening_tui.db.migrate."""

from alembic import context
from sqlalchemy import Connection, create_engine

import listening_tui.db.tables  # noqa: F401  (registers every table)
from listening_tui.db.base import Base

config = context.config
target_metadata = Base.metadata


def run_migrations() -> None:
    """Migrate the connection given by the caller, or a URL given with -x url=..."""
    connection = config.attributes.get("connection")
    if connection is None:
        # Developer use (``alembic -x url=...``): open the URL given.
        url = context.get_x_argument(as_dictionary=True).get("url")
        if not url:
            raise SystemExit("pass -x url=sqlite:///file.db")
        with create_engine(url).begin() as own:
            _run(own)
    else:
        _run(connection)


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
