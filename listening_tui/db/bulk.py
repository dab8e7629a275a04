"""Bulk INSERTs of plain tuples through the driver's own executemany.

SQLAlchemy's executemany builds each row's parameters one value at a time
(about 4 s of an import of 50,000 sessions); here each column's bind processor
(a UUID as text on SQLite, a UTC date-time, JSON) runs once over the whole
column, and the driver receives plain tuples. The caller gives every column
it writes: no Python-side column default applies.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from itertools import repeat
from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.engine import Dialect

_PLACEHOLDERS = {"qmark": "?", "format": "%s", "pyformat": "%s"}
"""Positional placeholders of the drivers used (sqlite3: qmark; psycopg: pyformat)."""

Processor = Callable[[Any], Any]


def insert_rows(
    connection: Connection,
    table: Table,
    columns: Sequence[str],
    rows: Sequence[tuple[Any, ...]],
    same: Mapping[str, Any] | None = None,
) -> None:
    """INSERT ``rows`` (values in the order of ``columns``) in one executemany.

    ``same`` gives the columns whose value is the same in every row (a campaign
    id, a moment): each is converted once, not once per row.
    """
    if not rows:
        return
    same = same or {}
    width = len(columns)
    statement, processors = _prepared(connection.dialect, table, (*columns, *same))
    parameters: Sequence[tuple[Any, ...]] = rows
    if processors or same:
        by_column: list[Any] = list(zip(*rows, strict=True))
        by_column.extend(same.values())
        for index, processor in processors:
            if index < width:
                by_column[index] = map(processor, by_column[index])
            else:
                by_column[index] = processor(by_column[index])
        for index in range(width, len(by_column)):
            by_column[index] = repeat(by_column[index], len(rows))
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
