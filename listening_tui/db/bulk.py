"""Bulk INSERTs of plain tuples through the driver's own executemany.

SQLAlchemy's executemany builds each row's parameters one value at a time
(about 4 s of an import of 50,000 sessions); here each column's bind processor
(a UUID as text on SQLite, a UTC date-time, JSON) runs once over the whole
column (a UUID column's in one loop of its own), and the driver receives plain
tuples. The caller gives every column it writes: no Python-side column
default applies.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache, partial
from itertools import repeat
from typing import Any

from sqlalchemy import Connection, Table, Uuid
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeEngine

_PLACEHOLDERS = {"qmark": "?", "format": "%s", "pyformat": "%s"}
"""Positional placeholders of the drivers used (sqlite3: qmark; psycopg: pyformat)."""

Converter = Callable[[Iterable[Any]], Iterable[Any]]
"""Turns a whole column of values into the driver's values."""


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
    statement, converters = _prepared(connection.dialect, table, (*columns, *same))
    parameters: Sequence[tuple[Any, ...]] = rows
    if converters or same:
        by_column: list[Any] = list(zip(*rows, strict=True))
        by_column.extend((value,) for value in same.values())
        for index, convert in converters:
            by_column[index] = convert(by_column[index])
        for index in range(width, len(by_column)):
            (value,) = by_column[index]
            by_column[index] = repeat(value, len(rows))
        parameters = list(zip(*by_column, strict=True))
    connection.exec_driver_sql(statement, parameters)


def _hex_texts(values: Iterable[uuid.UUID | None]) -> list[str | None]:
    """UUIDs as SQLAlchemy writes them without a uuid type (``UUID.hex``), in one loop; a
    value repeated in the next row, as a session's id in its issues, is converted once."""
    texts: list[str | None] = []
    last = text = None
    for value in values:
        if value is not last:
            last = value
            text = None if value is None else f"{value.int:032x}"
        texts.append(text)
    return texts


def _converter(column_type: TypeEngine[Any], dialect: Dialect) -> Converter | None:
    """How a column's values become the driver's: None when they go as they are."""
    impl = column_type.dialect_impl(dialect)
    processor = impl.bind_processor(dialect)
    if processor is None:
        return None
    native = dialect.supports_native_uuid and getattr(impl, "native_uuid", False)
    if isinstance(impl, Uuid) and impl.as_uuid and not native:
        return _hex_texts
    return partial(map, processor)


@lru_cache(maxsize=64)
def _prepared(
    dialect: Dialect, table: Table, columns: tuple[str, ...]
) -> tuple[str, tuple[tuple[int, Converter], ...]]:
    """The INSERT text for this driver, and the converter of each column that has one."""
    quote = dialect.identifier_preparer.quote
    placeholder = _PLACEHOLDERS[dialect.paramstyle]
    statement = (
        f"INSERT INTO {dialect.identifier_preparer.format_table(table)} "
        f"({', '.join(quote(name) for name in columns)}) "
        f"VALUES ({', '.join(placeholder for _ in columns)})"
    )
    converters = []
    for index, name in enumerate(columns):
        convert = _converter(table.c[name].type, dialect)
        if convert is not None:
            converters.append((index, convert))
    return statement, tuple(converters)
