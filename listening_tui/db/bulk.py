"""Bulk INSERTs of plain tuples through the driver's own executemany.

SQLAlchemy's executemany builds each row's parameters one value at a time
(about 4 s of an import of 50,000 sessions); here each column's bind processor
(a UUID as text on SQLite, a UTC date-time, JSON) runs once over the whole
column, and the driver receives plain tuples. The caller gives every column
it writes: no Python-side column default applies.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.engine import Dialect

_PLACEHOLDERS = {"qmark": "?", "format": "%s", "pyformat": "%s"}
"""Positional placeholders of the drivers used (sqlite3: qmark; psycopg: pyformat)."""

Processor = Callable[[Any], Any]


def insert_rows(
    connection: Connection, table: Table, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]
) -> None:
    """INSERT ``rows`` (values in the order of ``columns``) in one executemany."""
    if not rows:
        return
    statement, processors = _prepared(connection.dialect, table, tuple(columns))
    parameters: Sequence[tuple[Any, ...]] = rows
    if processors:
        by_column: list[Any] = list(zip(*rows, strict=True))
        for index, processor in processors:
            by_column[index] = map(processor, by_column[index])
        parameters = list(zip(*by_column, strict=True))
    connection.exec_driver_sql(statement, parameters)


@lru_cache(maxsize=64)
def _prepared(
    dialect: Dialect, table: Table, columns: tuple[str, ...]
) -> tuple[str, tuple[tuple[int, Processor], ...]]:
    """The INSERT text for this driver, and the bind processor of each column that has one."""
    quote = dialect.identifier_preparer.quote
    placeholder = _PLACEHOLDERS[dialect.paramstyle]
    statement = (
        f"INSERT INTO {dialect.identifier_preparer.format_table(table)} "
        f"({', '.join(quote(name) for name in columns)}) "
        f"VALUES ({', '.join(placeholder for _ in columns)})"
    )
    processors = []
    for index, name in enumerate(columns):
        processor = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        if processor is not None:
            processors.append((index, processor))
    return statement, tuple(processors)
